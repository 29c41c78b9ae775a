import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { aggregateSums } from "../../app/models/points.server";
import { roundX100 } from "../../app/lib/scoring";
import { tempDir } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { HttpClient } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * Points beside the 0–100 score and coaching notes, through the real server (the worked example
 * of docs/scoring.md, "Points"). Criteria: A (weight 60: A1 1–5, A2 0–10), B (weight 40: B1 1–4);
 * mean; judges 1 and 2 score L1 (judge 3 is in conflict with it), all three L2 and L3:
 *
 * | library | sheets (A1, A2, B1)            | totals           | final | raw sums   | sum points |
 * | L1      | 5 10 4 · 3 6 3                 | 100, 66          | 83.00 | 19, 12     | 15.50      |
 * | L2      | 4 7 3 · 5 8 2 · 3 9 4          | 74, 72, 88       | 78.00 | 14, 15, 16 | 15.00      |
 * | L3      | 5 10 1 · 5 10 1 · 5 10 1       | 70, 70, 70       | 70.00 | 16 ×3      | 16.00      |
 *
 * L3 has the most raw points and ranks last: points never reorder.
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let fx: ScoringFixture;
let prepared: PreparedDatabase;
let chair: HttpClient;
const judges: HttpClient[] = [];
const NOTE = "Tambah jam buka sore hari; ajak karang taruna membuat pojok baca.";
const L = (i: number) => fx.codes[i - 1]!;
const base = () => `/chair/competitions/${fx.slug}`;
const noteUrl = (code: string) => `/judge/${fx.slug}/${code}?note`;

async function submit(judge: number, code: string, a1: number, a2: number, b1: number) {
  const res = await judges[judge - 1]!.post(`/api/sheets/${fx.slug}/${code}`, {
    intent: "submit",
    version: "0",
    key: `poin-${judge}-${code}`,
    "score.A1": String(a1),
    "score.A2": String(a2),
    "score.B1": String(b1),
  });
  expect(res.status, `${judge} ${code}`).toBe(200);
}

async function notes() {
  const { rows } = await sql<{ code: string; judge: number; text: string; included: number }>`
    select l.code, n.judge_id as judge, n.text, n.included from coaching_notes n
    join entries e on e.id = n.entry_id join libraries l on l.id = e.library_id
    order by l.code, n.judge_id`.execute(prepared.db);
  return rows;
}

const audits = (entity: string) =>
  prepared.db
    .selectFrom("audit_log")
    .select(["action", "before_json", "after_json"])
    .where("entity_type", "=", entity)
    .orderBy("id")
    .execute();

/** The CSV's rows as arrays of cells (the Indonesian export: `;` between cells, decimal comma). */
async function csv(): Promise<string[][]> {
  const text = await (await chair.get(`${base()}/results.csv`)).text();
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(";"));
}

async function setPoints(display: string, factor = "10") {
  return chair.post(`${base()}/settings`, {
    intent: "points",
    pointsDisplay: display,
    pointsFactor: factor,
  });
}

beforeAll(async () => {
  data = tempDir();
  prepared = await preparedDatabase(data.dir);
  fx = await createScoringFixture(prepared.db, { slug: "poin-2026", entries: 3, judges: 3 });
  server = await startServer({
    dataDir: data.dir,
    env: { ...prepared.env, JUARA_NO_DEMO: "1" },
  });
  chair = new HttpClient(server.url);
  expect((await chair.login(fx.chair.email, FIXTURE_PASSWORD)).status).toBe(302);
  for (const j of fx.judges) {
    const client = new HttpClient(server.url);
    expect((await client.login(j.email, FIXTURE_PASSWORD)).status).toBe(302);
    judges.push(client);
  }
});

afterAll(async () => {
  await server?.stop();
  await prepared?.close();
  data?.remove();
});

describe("coaching notes", () => {
  it("shows a labelled box on the judge's sheet", async () => {
    const html = await (await judges[0]!.get(`/judge/${fx.slug}/${L(2)}`)).text();
    expect(html).toContain('<label for="coaching-note"');
    expect(html).toContain("Catatan pembinaan");
    expect(html).toMatch(/<textarea id="coaching-note" name="text" form="coaching-note-form"/);
  });

  it("saves a judge's note without JavaScript (303 back to the sheet) and audits it", async () => {
    const res = await judges[0]!.post(noteUrl(L(2)), { intent: "note", text: NOTE });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/judge/${fx.slug}/${L(2)}?noteSaved=1#coaching-note`);
    expect(await notes()).toEqual([
      { code: L(2), judge: fx.judges[0]!.id, text: NOTE, included: 0 },
    ]);
    const page = await (await judges[0]!.get(`/judge/${fx.slug}/${L(2)}?noteSaved=1`)).text();
    expect(page).toContain("Catatan pembinaan tersimpan.");
    expect(page).toContain(NOTE);
    const [created] = await audits("coaching_note");
    expect(created!.action).toBe("create");
    expect(JSON.parse(created!.after_json!)).toEqual({ library: L(2), text: NOTE });
  });

  it("answers JSON to the page's script, and records each change with what it was", async () => {
    const changed = `${NOTE} Lanjutkan.`;
    // as the page's script sends it (Remix's data request)
    const res = await judges[0]!.post(
      `${noteUrl(L(2))}&_data=${encodeURIComponent("routes/judge.$slug.$code")}`,
      { intent: "note", text: changed, js: "1" },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { note: { ok: boolean; text: string } };
    expect(body.note).toMatchObject({ ok: true, text: changed });
    const update = (await audits("coaching_note")).at(-1)!;
    expect(update.action).toBe("update");
    expect(JSON.parse(update.before_json!).text).toBe(NOTE);
    expect(JSON.parse(update.after_json!).text).toBe(changed);
    // judge 2 writes one too
    expect(
      (await judges[1]!.post(noteUrl(L(2)), { intent: "note", text: "Perbaiki katalog." })).status,
    ).toBe(303);
  });

  it("keeps an over-long note in the form and stores nothing", async () => {
    const before = await notes();
    const long = `panjang ${"x".repeat(4000)}`;
    const res = await judges[0]!.post(noteUrl(L(2)), { intent: "note", text: long });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(long); // the judge's text comes back in the box
    expect(await notes()).toEqual(before);
  });

  it("refuses other judges (404), chairs (403) and visitors (302)", async () => {
    const before = await notes();
    // judge 3 is in conflict with L1: not theirs
    expect((await judges[2]!.post(noteUrl(L(1)), { intent: "note", text: "x" })).status).toBe(404);
    expect((await chair.post(noteUrl(L(2)), { intent: "note", text: "x" })).status).toBe(403);
    const anonymous = new HttpClient(server.url);
    expect((await anonymous.post(noteUrl(L(2)), { intent: "note", text: "x" })).status).toBe(302);
    expect(await notes()).toEqual(before);
  });

  it("is read-only once the judge's sheet is submitted", async () => {
    await submit(1, L(2), 4, 7, 3);
    const res = await judges[0]!.post(noteUrl(L(2)), { intent: "note", text: "ganti" });
    expect(res.status).toBe(409);
    expect((await notes()).find((n) => n.judge === fx.judges[0]!.id)!.text).toBe(
      `${NOTE} Lanjutkan.`,
    );
    const page = await (await judges[0]!.get(`/judge/${fx.slug}/${L(2)}`)).text();
    expect(page).toMatch(/<textarea id="coaching-note"[^>]*readOnly|<textarea[^>]*readonly/i);
  });

  it("puts the notes the chair includes on the feedback sheet, without judges' names", async () => {
    const url = `${base()}/entries/${L(2)}/feedback`;
    const split = async (path: string) => {
      const html = await (await chair.get(path)).text();
      const at = html.indexOf('id="feedback-title"');
      expect(at).toBeGreaterThan(0);
      // the printed part: up to the article's end (the page's data script follows it)
      return { chooser: html.slice(0, at), sheet: html.slice(at, html.indexOf("</article>", at)) };
    };
    let page = await split(url);
    expect(page.chooser).toContain("Juri 1 poin-2026");
    expect(page.chooser).toContain("Perbaiki katalog.");
    expect(page.sheet).toContain("Tidak ada catatan pembinaan yang disertakan.");

    expect((await chair.post(url, { intent: "includeAll" })).status).toBe(200);
    page = await split(url);
    expect(page.sheet).toContain(`${NOTE} Lanjutkan.`);
    expect(page.sheet).toContain("Perbaiki katalog.");
    expect(page.sheet).not.toContain("Juri 1 poin-2026");
    expect((await split(`${url}?names=1`)).sheet).toContain("Juri 1 poin-2026");

    // only judge 2's note
    const { stage_id: stage } = await prepared.db
      .selectFrom("coaching_notes")
      .select("stage_id")
      .executeTakeFirstOrThrow();
    const res = await chair.post(url, { intent: "include", note: `${stage}:${fx.judges[1]!.id}` });
    expect(res.status).toBe(200);
    page = await split(url);
    expect(page.sheet).toContain("Perbaiki katalog.");
    expect(page.sheet).not.toContain(NOTE);
    const include = (await audits("coaching_note")).at(-1)!;
    expect(include.action).toBe("include");
    expect(JSON.parse(include.after_json!).included).toEqual([`${stage}:${fx.judges[1]!.id}`]);

    // a note that is not there, and judges
    expect((await chair.post(url, { intent: "include", note: "999:999" })).status).toBe(400);
    expect((await judges[0]!.get(url)).status).toBe(403);
    expect((await chair.get(`${base()}/entries/NOPE/feedback`)).status).toBe(404);
  });
});

describe("points beside the score", () => {
  it("scores the worked example", async () => {
    await submit(1, L(1), 5, 10, 4);
    await submit(2, L(1), 3, 6, 3);
    await submit(2, L(2), 5, 8, 2);
    await submit(3, L(2), 3, 9, 4);
    for (const j of [1, 2, 3]) await submit(j, L(3), 5, 10, 1);
  });

  it("adds no column while the competition shows none", async () => {
    const rows = await csv();
    expect(rows[0]).not.toContain("Poin");
    const html = await (await chair.get(`${base()}/results`)).text();
    expect(html).not.toContain(">Poin<");
  });

  it("refuses a bad factor and audits a change", async () => {
    expect((await setPoints("weighted", "0")).status).toBe(400);
    expect((await setPoints("weighted", "2.5")).status).toBe(400);
    expect((await setPoints("dobel")).status).toBe(400);
    expect((await setPoints("weighted", "10")).status).toBe(200);
    const change = (await audits("competition")).at(-1)!;
    expect(JSON.parse(change.before_json!)).toEqual({ pointsDisplay: "none", pointsFactor: 10 });
    expect(JSON.parse(change.after_json!)).toEqual({ pointsDisplay: "weighted", pointsFactor: 10 });
  });

  it("shows final × factor, exact, in rank order", async () => {
    const rows = await csv();
    const at = rows[0]!.indexOf("Poin");
    expect(at).toBe(rows[0]!.indexOf("Nilai akhir") + 1);
    expect(rows.slice(1).map((r) => [r[3], r[at - 1], r[at]])).toEqual([
      [L(1), "83,00", "830,00"],
      [L(2), "78,00", "780,00"],
      [L(3), "70,00", "700,00"],
    ]);
    const html = await (await chair.get(`${base()}/results`)).text();
    expect(html).toContain(">Poin<");
    expect(html).toContain("830,00");
  });

  it("shows the mean of the judges' plain sums, and never reorders", async () => {
    expect((await setPoints("sum")).status).toBe(200);
    const rows = await csv();
    const at = rows[0]!.indexOf("Poin");
    expect(rows.slice(1).map((r) => [r[0], r[3], r[at]])).toEqual([
      ["1", L(1), "15,50"],
      ["2", L(2), "15,00"],
      ["3", L(3), "16,00"],
    ]);
  });

  it("aggregates plain sums exactly by each method", () => {
    const x100 = (sums: number[], m: "mean" | "median" | "trimmed-mean") =>
      roundX100(aggregateSums(m, sums)!);
    expect(x100([14, 15, 16], "median")).toBe(1500);
    expect(x100([19, 12], "median")).toBe(1550);
    expect(x100([10, 11, 11], "mean")).toBe(1067); // 32 / 3 = 10.666…, half away from zero
    expect(x100([1, 10, 11, 30], "trimmed-mean")).toBe(1050);
    expect(x100([19, 12], "trimmed-mean")).toBe(1550); // fewer than 3 judges: the mean
  });

  it("freezes plain sums with the publication; the winners page shows the chosen points", async () => {
    expect(
      (await chair.post(base(), { intent: "status", to: "closed", confirm: "yes" })).status,
    ).toBe(302);
    expect(
      (await chair.post(base(), { intent: "status", to: "published", confirm: "yes" })).status,
    ).toBe(302);
    const frozen = await prepared.db
      .selectFrom("published_results")
      .select(["library_code as code", "points_sum_x100 as sum"])
      .orderBy("rank")
      .execute();
    expect(frozen).toEqual([
      { code: L(1), sum: 1550 },
      { code: L(2), sum: 1500 },
      { code: L(3), sum: 1600 },
    ]);
    const visitor = new HttpClient(server.url);
    let html = await (await visitor.get(`/competitions/${fx.slug}`)).text();
    expect(html).toContain("15,50 poin");
    expect(html).toMatch(/data-label="Poin">16,00</);
    // a display option: changeable after publication, and the page follows (its ETag too)
    const etag = (await visitor.get(`/competitions/${fx.slug}`)).headers.get("etag");
    expect((await setPoints("weighted", "10")).status).toBe(200);
    const again = await visitor.get(`/competitions/${fx.slug}`);
    expect(again.headers.get("etag")).not.toBe(etag);
    html = await again.text();
    expect(html).toContain("830,00 poin");
    expect((await setPoints("none")).status).toBe(200);
    html = await (await visitor.get(`/competitions/${fx.slug}`)).text();
    expect(html).not.toContain("830,00");
    expect(html).not.toContain('data-label="Poin"');
  });
});
