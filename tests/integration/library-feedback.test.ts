import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { hashPassword } from "../../app/lib/password.server";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

/**
 * The library's feedback after publication, through the real server. Criteria: A (weight 60:
 * A1 1–5, A2 0–10) and B (weight 40: B1 1–4); mean; two prizes (Juara I, II). Judges 1 and 2
 * score L1 (judge 3 is in conflict with it), all three the others:
 *
 * | library | sheets (A1 A2 B1)       | A                  | B        | final | prize      |
 * | L1      | 5 10 4 · 3 6 3          | 60, 36 → 48.00     | 35.00    | 83.00 | Juara I    |
 * | L2      | 4 7 3 · 5 8 2 · 4 9 4   | 44, 52, 52 → 49.33 | 30.00    | 79.33 | Juara II   |
 * | L3      | 5 10 1 ×3               | 60.00              | 10.00    | 70.00 | Harapan I  |
 * | L4      | 2 3 2 · 3 3 2 · 1 3 2   | 20, 24, 16 → 20.00 | 20.00    | 40.00 | Harapan II |
 *
 * Averages by hand: A (48.00 + 49.33 + 60 + 20) / 4 = 44.3325 → 44.33, winners (48 + 49.33) / 2
 * = 48.665 → 48.67; B (35 + 30 + 10 + 20) / 4 = 23.75, winners (35 + 30) / 2 = 32.50.
 *
 * L4's reported values: A1 800 judul (standard ≥ 1000: 20 % short), A2 "no" (standard "yes"; a
 * judge corrected it to "yes"), B1 3 jam/hari (standard ≥ 6; a judge observed 2: 67 % short).
 * Its judges' means: A1 2 of 5 (40 %), A2 3 of 10 (30 %), B1 2 of 4 (50 %).
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let fx: ScoringFixture;
let reader: DB;
let chair: HttpClient;
const judges: HttpClient[] = [];
const managers: Record<"L3" | "L4" | "outside", HttpClient> = {} as never;
const L = (i: number) => fx.codes[i - 1]!;
const feedbackUrl = () => `/library/${fx.slug}/feedback`;
const NOTE_1 = "Tambah jam buka sore hari; ajak karang taruna membuat pojok baca.";
const NOTE_2 = "Rapikan katalog dan buat papan informasi.";
const NOTE_L3 = "Catatan khusus untuk perpustakaan tiga.";

async function submit(judge: number, code: string, a1: number, a2: number, b1: number) {
  const res = await judges[judge - 1]!.post(`/api/sheets/${fx.slug}/${code}`, {
    intent: "submit",
    version: "0",
    key: `umpan-${judge}-${code}`,
    "score.A1": String(a1),
    "score.A2": String(a2),
    "score.B1": String(b1),
  });
  expect(res.status, `${judge} ${code}`).toBe(200);
}

async function page(client: HttpClient): Promise<string> {
  const res = await client.get(feedbackUrl());
  expect(res.status).toBe(200);
  // without React's text separators, so "800<!-- --> judul" reads as the page shows it
  return (await res.text()).replace(/<!-- -->/g, "");
}

beforeAll(async () => {
  data = tempDir();
  const setup = createDb(await serverDatabaseUrl(data.dir));
  await migrateToLatest(setup.db);
  fx = await createScoringFixture(setup.db, { slug: "umpan-2026", entries: 4, judges: 3 });
  const db = setup.db;
  await db
    .updateTable("competitions")
    .set({ prize_winners: 2 })
    .where("id", "=", fx.competitionId)
    .execute();
  const now = new Date().toISOString();
  const hash = await hashPassword(FIXTURE_PASSWORD);
  const libraryOf = async (code: string) =>
    (
      await db
        .selectFrom("libraries")
        .select("id")
        .where("code", "=", code)
        .executeTakeFirstOrThrow()
    ).id;
  const entryOf = async (code: string) =>
    (
      await db
        .selectFrom("entries as e")
        .innerJoin("libraries as l", "l.id", "e.library_id")
        .select("e.id")
        .where("l.code", "=", code)
        .executeTakeFirstOrThrow()
    ).id;
  const { id: outside } = await db
    .insertInto("libraries")
    .values({
      code: "LUAR",
      name: "Perpustakaan Luar",
      type: "desa",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [email, libraryId] of [
    ["l3@umpan.test", await libraryOf(L(3))],
    ["l4@umpan.test", await libraryOf(L(4))],
    ["luar@umpan.test", outside],
  ] as const)
    await db
      .insertInto("users")
      .values({
        email,
        name: `Pengelola ${email}`,
        role: "library",
        library_id: libraryId,
        password_hash: hash,
        created_at: now,
        updated_at: now,
      })
      .execute();
  // the claims: what the chair asks for, what the libraries reported, what judges saw
  const indicators = new Map(
    (
      await db
        .selectFrom("indicators")
        .select(["id", "code"])
        .where("competition_id", "=", fx.competitionId)
        .execute()
    ).map((i) => [i.code, i.id]),
  );
  const ind = (code: string) => indicators.get(code)!;
  await db
    .insertInto("indicator_claims")
    .values([
      { indicator_id: ind("A1"), kind: "number", unit: "judul", standard_min: 1000 },
      { indicator_id: ind("A2"), kind: "yesno", unit: "", standard_min: 1 },
      { indicator_id: ind("B1"), kind: "number", unit: "jam/hari", standard_min: 6 },
    ])
    .execute();
  const l4 = await entryOf(L(4));
  const l3 = await entryOf(L(3));
  await db
    .insertInto("claim_values")
    .values([
      { entry_id: l4, indicator_id: ind("A1"), value: "800", updated_at: now },
      { entry_id: l4, indicator_id: ind("A2"), value: "no", updated_at: now },
      { entry_id: l4, indicator_id: ind("B1"), value: "3", updated_at: now },
      { entry_id: l3, indicator_id: ind("A1"), value: "123", updated_at: now },
    ])
    .execute();
  // L4's values are submitted; L3's are still a draft, which claims nothing yet
  await db
    .insertInto("self_assessments")
    .values([
      { entry_id: l4, status: "submitted", version: 1, submitted_at: now, updated_at: now },
      { entry_id: l3, status: "draft", version: 1, updated_at: now },
    ])
    .execute();
  const { id: stageId } = await db
    .selectFrom("stages")
    .select("id")
    .where("competition_id", "=", fx.competitionId)
    .executeTakeFirstOrThrow();
  const check = (indicator: string, judge: number, observed: string | null, at: string) => ({
    stage_id: stageId,
    entry_id: l4,
    indicator_id: ind(indicator),
    judge_id: fx.judges[judge - 1]!.id,
    result: observed === null ? ("verified" as const) : ("corrected" as const),
    observed,
    checked_at: at,
  });
  await db
    .insertInto("claim_checks")
    .values([
      check("A1", 1, null, now),
      check("A2", 1, "yes", now),
      // two corrections: the later one counts
      check("B1", 1, "5", "2026-01-01T00:00:00.000Z"),
      check("B1", 2, "2", "2026-01-02T00:00:00.000Z"),
    ])
    .execute();
  await db.destroy();
  server = await startServer({ dataDir: data.dir, env: { JUARA_NO_DEMO: "1" } });
  ({ db: reader } = createDb(server.databaseUrl, { poolSize: 2 }));
  chair = new HttpClient(server.url);
  expect((await chair.login(fx.chair.email, FIXTURE_PASSWORD)).status).toBe(302);
  for (const j of fx.judges) {
    const client = new HttpClient(server.url);
    expect((await client.login(j.email, FIXTURE_PASSWORD)).status).toBe(302);
    judges.push(client);
  }
  for (const [key, email] of [
    ["L3", "l3@umpan.test"],
    ["L4", "l4@umpan.test"],
    ["outside", "luar@umpan.test"],
  ] as const) {
    const client = new HttpClient(server.url);
    expect((await client.login(email, FIXTURE_PASSWORD)).status).toBe(302);
    managers[key] = client;
  }
});

afterAll(async () => {
  await reader?.destroy();
  await server?.stop();
  await server?.cleanup();
  data?.remove();
});

describe("the library's feedback", () => {
  it("is not there before publication, and the entry's page has no link to it", async () => {
    expect((await managers.L4.get(feedbackUrl())).status).toBe(404);
    const entry = await (await managers.L4.get(`/library/${fx.slug}`)).text();
    expect(entry).not.toContain(`href="${feedbackUrl()}"`);
  });

  it("scores, notes and publication (the fixture)", async () => {
    const note = (judge: number, code: string, text: string) =>
      judges[judge - 1]!.post(`/judge/${fx.slug}/${code}?note`, { intent: "note", text });
    expect((await note(1, L(4), NOTE_1)).status).toBe(303);
    expect((await note(2, L(4), NOTE_2)).status).toBe(303);
    expect((await note(1, L(3), NOTE_L3)).status).toBe(303);
    await submit(1, L(1), 5, 10, 4);
    await submit(2, L(1), 3, 6, 3);
    await submit(1, L(2), 4, 7, 3);
    await submit(2, L(2), 5, 8, 2);
    await submit(3, L(2), 4, 9, 4);
    for (const j of [1, 2, 3]) await submit(j, L(3), 5, 10, 1);
    await submit(1, L(4), 2, 3, 2);
    await submit(2, L(4), 3, 3, 2);
    await submit(3, L(4), 1, 3, 2);
    // the chair includes judge 1's note on L4 (not judge 2's) and the note on L3
    const { stage_id: stage } = await reader
      .selectFrom("coaching_notes")
      .select("stage_id")
      .executeTakeFirstOrThrow();
    const include = (code: string, judge: number) =>
      chair.post(`/chair/competitions/${fx.slug}/entries/${code}/feedback`, {
        intent: "include",
        note: `${stage}:${fx.judges[judge - 1]!.id}`,
      });
    expect((await include(L(4), 1)).status).toBe(200);
    expect((await include(L(3), 1)).status).toBe(200);
    const base = `/chair/competitions/${fx.slug}`;
    expect(
      (await chair.post(base, { intent: "status", to: "closed", confirm: "yes" })).status,
    ).toBe(302);
    // closed is not published yet
    expect((await managers.L4.get(feedbackUrl())).status).toBe(404);
    expect(
      (await chair.post(base, { intent: "status", to: "published", confirm: "yes" })).status,
    ).toBe(302);
    // the frozen component scores the averages are made from, as the table above says
    const { rows: frozen } = await sql`
      select r.library_code as code, r.prize_label as prize, s.component_code as k, s.score_x100 as x
      from published_component_scores s join published_results r on r.id = s.result_id
      order by r.rank, s.position`.execute(reader);
    expect(frozen).toEqual([
      { code: L(1), prize: "Juara I", k: "A", x: 4800 },
      { code: L(1), prize: "Juara I", k: "B", x: 3500 },
      { code: L(2), prize: "Juara II", k: "A", x: 4933 },
      { code: L(2), prize: "Juara II", k: "B", x: 3000 },
      { code: L(3), prize: "Harapan I", k: "A", x: 6000 },
      { code: L(3), prize: "Harapan I", k: "B", x: 1000 },
      { code: L(4), prize: "Harapan II", k: "A", x: 2000 },
      { code: L(4), prize: "Harapan II", k: "B", x: 2000 },
    ]);
  });

  it("shows the library its own component scores beside the averages computed by hand", async () => {
    const html = await page(managers.L4);
    const row = (code: string) => {
      const at = html.indexOf(`<th scope="row">${code} Komponen ${code}`);
      expect(at, code).toBeGreaterThan(0);
      return html
        .slice(at, html.indexOf("</tr>", at))
        .replace(/<[^>]+>/g, "|")
        .split("|")
        .filter(Boolean);
    };
    // component, weight, own, entries' average, winners' average
    expect(row("A")).toEqual(["A Komponen A", "60", "20,00", "44,33", "48,67"]);
    expect(row("B")).toEqual(["B Komponen B", "40", "20,00", "23,75", "32,50"]);
    expect(html).toContain("40,00");
    expect(html).toContain("Harapan II");
    expect(html).toContain("rata-rata 4 peserta yang diumumkan dan rata-rata 2 juara");
    expect(html).toContain("Nilai per komponen, dalam persen dari bobotnya");
  });

  it("never contains another library's component scores, names or notes", async () => {
    const html = await page(managers.L4);
    // L1, L2 and L3's own numbers (components and finals)
    for (const other of [
      "48,00",
      "49,33",
      "35,00",
      "30,00",
      "60,00",
      "10,00",
      "83,00",
      "79,33",
      "70,00",
    ])
      expect(html, other).not.toContain(other);
    for (const i of [1, 2, 3]) {
      expect(html).not.toContain(L(i));
      expect(html).not.toContain(`Perpustakaan Desa ${i} (`);
    }
    expect(html).not.toContain(NOTE_L3);
    expect(html).not.toContain("123 judul");
    // and L3 sees its own, not L4's
    const l3 = await page(managers.L3);
    expect(l3).toContain("60,00");
    expect(l3).toContain(NOTE_L3);
    expect(l3).not.toContain("20,00");
    expect(l3).not.toContain(L(4));
    expect(l3).not.toContain(NOTE_1);
    // its draft's 123 judul is not a claim yet
    expect(l3).not.toContain("123 judul");
  });

  it("lists the values furthest below the standard, the judges' correction counting", async () => {
    const html = await page(managers.L4);
    const below = html.slice(
      html.indexOf("Indikator di bawah standar"),
      html.indexOf("Indikator dengan nilai terendah"),
    );
    const rows = [...below.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, "|")
        .split("|")
        .filter(Boolean),
    );
    expect(rows).toEqual([
      ["B1 Indikator B1", "2 jam/hari", " (dikoreksi juri; dilaporkan 3)", "≥ 6 jam/hari", "67%"],
      ["A1 Indikator A1", "800 judul", "≥ 1.000 judul", "20%"],
    ]);
    // A2 was reported "no" but a judge saw "yes": not below
    expect(below).not.toContain("A2 Indikator A2");
  });

  it("lists its lowest-scored indicators from its own judges, without naming them", async () => {
    const html = await page(managers.L4);
    const lowest = html.slice(
      html.indexOf("Indikator dengan nilai terendah"),
      html.indexOf(">Catatan pembinaan<"),
    );
    const rows = [...lowest.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, "|")
        .split("|")
        .filter(Boolean),
    );
    expect(rows).toEqual([
      ["A2 Indikator A2", "3,00 / 10", "30%"],
      ["A1 Indikator A1", "2,00 / 5", "40%"],
      ["B1 Indikator B1", "2,00 / 4", "50%"],
    ]);
  });

  it("shows the included coaching notes without judges' names until the chair allows them", async () => {
    let html = await page(managers.L4);
    expect(html).toContain(NOTE_1);
    expect(html).not.toContain(NOTE_2); // not included
    for (const j of [1, 2, 3]) expect(html).not.toContain(`Juri ${j} ${fx.slug}`);

    const settings = `/chair/competitions/${fx.slug}/settings`;
    const form = await (await chair.get(settings)).text();
    expect(form).toContain("Tampilkan nama juri di samping catatan pembinaan");
    expect(form).toMatch(/<input type="checkbox" name="namesJudges"(?![^>]*checked)/);
    const res = await chair.post(settings, { intent: "feedback", namesJudges: "on" });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<input type="checkbox" name="namesJudges"[^>]*checked/);
    const audit = await reader
      .selectFrom("audit_log")
      .select(["action", "before_json", "after_json"])
      .where("entity_type", "=", "competition")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("update");
    expect(JSON.parse(audit.before_json!)).toEqual({ feedbackNamesJudges: false });
    expect(JSON.parse(audit.after_json!)).toEqual({ feedbackNamesJudges: true });

    html = await page(managers.L4);
    expect(html).toContain(NOTE_1);
    expect(html).toContain(`Juri 1 ${fx.slug}`);
    expect(html).not.toContain(`Juri 2 ${fx.slug}`); // their note was not included

    // unticked: the box is left out of the form
    expect((await chair.post(settings, { intent: "feedback" })).status).toBe(200);
    expect((await page(managers.L4)).includes(`Juri 1 ${fx.slug}`)).toBe(false);
    // a value other than the checkbox's is refused, and nothing changes
    const auditCount = async () =>
      (
        await reader
          .selectFrom("audit_log")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await auditCount();
    const bad = await chair.post(settings, { intent: "feedback", namesJudges: "1" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('class="field-errors"');
    expect(await auditCount()).toBe(before);
  });

  it("has a printable A4 version and a link from the entry's page", async () => {
    const entry = await (await managers.L4.get(`/library/${fx.slug}`)).text();
    expect(entry).toContain(`href="${feedbackUrl()}"`);
    const res = await managers.L4.get(`${feedbackUrl()}?print=1`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('class="feedback-sheet library-feedback print-view"');
    expect(html).toContain("20,00");
    expect(html).toContain(`href="${feedbackUrl()}"`); // back to the screen version
  });

  it("answers 404 to a library not entered, 302 to visitors, 403 to judges and chairs", async () => {
    expect((await managers.outside.get(feedbackUrl())).status).toBe(404);
    expect((await managers.L4.get("/library/nope-2026/feedback")).status).toBe(404);
    const anonymous = await new HttpClient(server.url).get(feedbackUrl());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect((await judges[0]!.get(feedbackUrl())).status).toBe(403);
    expect((await chair.get(feedbackUrl())).status).toBe(403);
    const own = await managers.L4.get(feedbackUrl());
    expect(own.headers.get("cache-control")).toBe("private, no-store");
  });

  it("counts a self-assessment's values once it is submitted", async () => {
    await sql`update self_assessments set status = 'submitted', submitted_at = updated_at
      where entry_id = (select e.id from entries e join libraries l on l.id = e.library_id
      where l.code = ${L(3)})`.execute(reader);
    expect(await page(managers.L3)).toContain("123 judul");
  });
});
