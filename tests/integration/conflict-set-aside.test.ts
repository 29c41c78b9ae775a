import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { translate } from "../../app/i18n";
import { useDatabase } from "../../app/lib/db.server";
import { formatDate } from "../../app/lib/format";
import { computeRanking } from "../../app/models/ranking.server";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

/**
 * A conflict of interest confirmed after the judges scored, through the real server: the judge
 * loses the sheet (404 on the page and on every save, gone from their list), the sheet is set
 * aside (it stays on record but counts nowhere), and it is stated on the results page, at
 * publishing and in the Berita Acara, while the published ranking leaves it out.
 *
 * Judges 0, 1 and 2 are assigned both libraries; judge 3 is in conflict with L1 from the start
 * (so not assigned it). Scores (A: weight 60, Σmax 15; B: weight 40, Σmax 4):
 * - L1: judge 0 a draft; judge 1 submits 5/10/4 = 100.00; judge 2 submits 3/6/2 = 36 + 20 = 56.00
 * - L2: judges 0–3 submit 4/7/3 = 44 + 30 = 74.00
 * so L1 leads with 78.00 (2 judges) until judges 0 and 1 are found in conflict with it; then L1
 * has 56.00 from judge 2 alone and L2 leads.
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let fx: ScoringFixture;
let db: DB;
let chair: HttpClient;
const judges: HttpClient[] = [];
const REASON = "Kakak kandung kepala perpustakaan";

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
const sheetUrl = (code: string) => `/judge/${fx.slug}/${code}`;
const apiUrl = (code: string) => `/api/sheets/${fx.slug}/${code}`;
const L1 = () => fx.codes[0]!;
const L2 = () => fx.codes[1]!;

async function libraryId(code: string): Promise<number> {
  return (
    await db.selectFrom("libraries").select("id").where("code", "=", code).executeTakeFirstOrThrow()
  ).id;
}

function sheetRow(judgeId: number, code: string) {
  return db
    .selectFrom("score_sheets as s")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["s.id", "s.status", "s.version"])
    .where("s.judge_id", "=", judgeId)
    .where("l.code", "=", code)
    .executeTakeFirst();
}

async function save(
  client: HttpClient,
  code: string,
  scores: Record<string, string>,
  intent: "save" | "submit",
  version: number,
  key: string,
) {
  const fields: Record<string, string> = { intent, version: String(version), key };
  for (const [k, v] of Object.entries(scores)) fields[`score.${k}`] = v;
  return client.post(apiUrl(code), fields);
}

async function ranking() {
  const r = (await computeRanking(fx.competitionId))!;
  return Object.fromEntries(r.entries.map((e) => [e.code, [e.finalX100, e.judges, e.rank]]));
}

async function confirmConflict(judgeIndex: number, code: string) {
  const res = await chair.post(`/chair/competitions/${fx.slug}/judges`, {
    intent: "conflict",
    judgeId: String(fx.judges[judgeIndex]!.id),
    libraryId: String(await libraryId(code)),
    status: "confirmed",
    reason: REASON,
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  data = tempDir();
  const setup = createDb(await serverDatabaseUrl(data.dir));
  await migrateToLatest(setup.db);
  fx = await createScoringFixture(setup.db, { slug: "sisih-2026", entries: 2, judges: 4 });
  await setup.db.destroy();
  server = await startServer({ dataDir: data.dir, env: { JUARA_NO_DEMO: "1" } });
  // the models read the server's database directly, to compare the ranking itself
  ({ db } = createDb(server.databaseUrl, { poolSize: 2 }));
  useDatabase(db);
  chair = new HttpClient(server.url);
  expect((await chair.login(fx.chair.email, FIXTURE_PASSWORD)).status).toBe(302);
  for (const j of fx.judges) {
    const client = new HttpClient(server.url);
    expect((await client.login(j.email, FIXTURE_PASSWORD)).status).toBe(302);
    judges.push(client);
  }
});

afterAll(async () => {
  await db?.destroy();
  await server?.stop();
  await server?.cleanup();
  data?.remove();
});

describe("a conflict confirmed after the judge started or submitted", () => {
  it("scores first: L1 leads on two submitted sheets", async () => {
    expect((await save(judges[0]!, L1(), { A1: "1" }, "save", 0, "sisih-j0-l1-1")).status).toBe(
      200,
    );
    const full = { A1: "5", A2: "10", B1: "4" };
    expect((await save(judges[1]!, L1(), full, "submit", 0, "sisih-j1-l1-1")).status).toBe(200);
    const low = { A1: "3", A2: "6", B1: "2" };
    expect((await save(judges[2]!, L1(), low, "submit", 0, "sisih-j2-l1-1")).status).toBe(200);
    const mid = { A1: "4", A2: "7", B1: "3" };
    for (const [j, client] of judges.entries())
      expect((await save(client, L2(), mid, "submit", 0, `sisih-j${j}-l2-1`)).status).toBe(200);
    expect(await ranking()).toEqual({
      [L1()]: [7800, 2, 1],
      [L2()]: [7400, 4, 2],
    });
  });

  it("takes the sheet from the judge: 404 on the page and on every save, and gone from their list", async () => {
    await confirmConflict(0, L1()); // a draft
    await confirmConflict(1, L1()); // a submitted sheet
    // the assignments stay, for the chair to review
    for (const j of [0, 1]) expect(await sheetRow(fx.judges[j]!.id, L1())).toBeDefined();
    const kept = await db
      .selectFrom("judge_assignments as a")
      .innerJoin("entries as e", "e.id", "a.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("l.code", "=", L1())
      .where("a.judge_id", "in", [fx.judges[0]!.id, fx.judges[1]!.id])
      .executeTakeFirstOrThrow();
    expect(kept.n).toBe(2);

    // each check on its own (soft), so a failure shows every way the judge still gets in
    for (const j of [0, 1]) {
      const client = judges[j]!;
      const { version } = (await sheetRow(fx.judges[j]!.id, L1()))!;
      expect.soft((await client.get(sheetUrl(L1()))).status, `judge ${j} page`).toBe(404);
      // the page's own form POST and the autosave endpoint, saving and submitting
      const form = await client.post(sheetUrl(L1()), {
        "score.A1": "2",
        intent: "save",
        version: String(version),
        key: `sisih-late-form-${j}`,
      });
      expect.soft(form.status, `judge ${j} form`).toBe(404);
      const api = await save(
        client,
        L1(),
        { A1: "2", A2: "2", B1: "2" },
        "submit",
        version,
        `sisih-late-api-${j}`,
      );
      expect.soft(api.status, `judge ${j} api`).toBe(404);
      expect.soft((await sheetRow(fx.judges[j]!.id, L1()))!.version).toBe(version);

      const list = await (await client.get(`/judge/${fx.slug}`)).text();
      expect.soft(list).not.toContain(sheetUrl(L1()));
      expect.soft(list).toContain(sheetUrl(L2()));
    }
    // the judge without a conflict keeps the entry
    expect((await judges[2]!.get(sheetUrl(L1()))).status).toBe(200);
    expect(await (await judges[2]!.get(`/judge/${fx.slug}`)).text()).toContain(sheetUrl(L1()));
  });

  it("stops counting the set-aside sheet: L1 keeps only judge 2's 56.00 and L2 leads", async () => {
    expect(await ranking()).toEqual({
      [L2()]: [7400, 4, 1],
      [L1()]: [5600, 1, 2],
    });
  });
});

describe("through publication", () => {
  /** What the pages must state for judges 0 and 1, as the conflicts stand now. */
  async function statements(): Promise<string[]> {
    const library = await libraryId(L1());
    const confirmedAt: string[] = [];
    for (const j of [0, 1])
      confirmedAt[j] = (
        await db
          .selectFrom("conflicts")
          .select("created_at")
          .where("judge_id", "=", fx.judges[j]!.id)
          .where("library_id", "=", library)
          .executeTakeFirstOrThrow()
      ).created_at;
    return [0, 1].map((j) =>
      translate("id", "setAside.item", {
        judge: `Juri ${j + 1} ${fx.slug}`,
        library: `Perpustakaan Desa 1 (${fx.slug}) (${L1()})`,
        status: translate("id", j === 0 ? "setAside.status.draft" : "setAside.status.submitted"),
        date: formatDate(confirmedAt[j]!, "id"),
        by: `Ketua ${fx.slug}`,
        reason: REASON,
      }),
    );
  }
  const missing = (html: string, lines: string[]) =>
    lines.filter((line) => !html.includes(escapeHtml(line)));

  it("lists the set-aside sheets on the results page, and the exports leave them out", async () => {
    const page = await (await chair.get(`/chair/competitions/${fx.slug}/results`)).text();
    expect(missing(page, await statements())).toEqual([]);
    const csv = await (await chair.get(`/chair/competitions/${fx.slug}/results.csv`)).text();
    const l1 = csv.split("\n").find((line) => line.includes(L1()))!;
    expect(l1).toContain("56,00");
    expect(l1).not.toContain("78,00");
    const scores = await (await chair.get(`/chair/competitions/${fx.slug}/scores.csv`)).text();
    const judge1 = scores.split("\n").filter((line) => line.includes(`Juri 2 ${fx.slug}`));
    expect(
      judge1.filter((line) => line.includes(L1())).every((l) => l.includes("Disisihkan")),
    ).toBe(true);
    expect(judge1.filter((line) => line.includes(L2())).some((l) => l.includes("Disisihkan"))).toBe(
      false,
    );
  });

  it("publishes without waiting for them, states them at the publish step, freezes a ranking without them and the Berita Acara states them", async () => {
    const base = `/chair/competitions/${fx.slug}`;
    const close = await chair.post(base, { intent: "status", to: "closed", confirm: "yes" });
    expect(close.status).toBe(302);
    // judge 0's draft is set aside, not missing: publishing is offered without an override
    const overview = await (await chair.get(`${base}?move=published`)).text();
    expect(overview).not.toContain("belum dikirim.");
    expect(overview).toContain('name="to" value="published"');
    expect(overview).not.toContain('name="override"');
    const stated = await statements();
    expect(missing(overview, stated)).toEqual([]);
    expect(overview).toContain(escapeHtml(translate("id", "setAside.publishHint")));

    const publish = await chair.post(base, { intent: "status", to: "published", confirm: "yes" });
    expect(publish.status).toBe(302);
    const frozen = await db
      .selectFrom("published_results as r")
      .innerJoin("publications as p", "p.id", "r.publication_id")
      .select([
        "r.library_code as code",
        "r.rank",
        "r.final_score_x100 as final",
        "r.judge_count as judges",
      ])
      .where("p.competition_id", "=", fx.competitionId)
      .where("p.is_current", "=", 1)
      .orderBy("r.rank")
      .execute();
    expect(frozen).toEqual([
      { code: L2(), rank: 1, final: 7400, judges: 4 },
      { code: L1(), rank: 2, final: 5600, judges: 1 },
    ]);
    const publicPage = await (
      await new HttpClient(server.url).get(`/competitions/${fx.slug}`)
    ).text();
    expect(publicPage).toContain("56,00");
    expect(publicPage).not.toContain("78,00");

    // a later decision changes neither the publication nor what its minutes state
    const res = await chair.post(`${base}/judges`, {
      intent: "conflict",
      judgeId: String(fx.judges[1]!.id),
      libraryId: String(await libraryId(L1())),
      status: "dismissed",
      reason: "Ternyata bukan kerabat",
    });
    expect(res.status).toBe(200);
    const minutes = await (await chair.get(`${base}/berita-acara`)).text();
    expect(minutes).toContain(escapeHtml(translate("id", "setAside.title")));
    expect(missing(minutes, stated)).toEqual([]);
  });
});
