import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

/**
 * A chair may reset a judge's password, and so could log in as that judge. The reset stays (judges
 * forget passwords in the field), but what is saved in a session begun with a password the chair
 * issued is marked: in the save's audit entry and on the sheet, for the chair and the judge to see.
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let fx: ScoringFixture;
let reader: DB;

const MARK_ID = "Disimpan dalam sesi yang dimulai dengan kata sandi dari ketua atau admin";

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden field ${name}`);
  return match[1]!;
}

/** Opens the sheet page for its version and a fresh key, then saves through the autosave API. */
async function save(
  client: HttpClient,
  code: string,
  values: Record<string, string>,
  intent: "save" | "submit" = "save",
) {
  const page = await client.get(`/judge/${fx.slug}/${code}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const res = await client.post(
    `/api/sheets/${fx.slug}/${code}`,
    { ...values, intent, version: hidden(html, "version"), key: hidden(html, "key") },
    { Accept: "application/json" },
  );
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: "saved" });
}

async function sheetEntries(judgeId: number, code: string) {
  const { rows } = await sql<{ action: string; after_json: string }>`
    select a.action, a.after_json from audit_log a
    join score_sheets s on a.entity_type = 'score_sheet' and a.entity_id = cast(s.id as text)
    join entries e on e.id = s.entry_id join libraries l on l.id = e.library_id
    where s.judge_id = ${judgeId} and l.code = ${code} order by a.id`.execute(reader);
  return rows.map((r) => ({
    action: r.action,
    after: JSON.parse(r.after_json) as Record<string, unknown>,
  }));
}

/** The chair's sheets page, cut into one piece per row. */
async function chairRows(chair: HttpClient): Promise<string[]> {
  const res = await chair.get(`/chair/competitions/${fx.slug}/sheets`);
  expect(res.status).toBe(200);
  return (await res.text()).split("<tr").slice(1);
}

beforeAll(async () => {
  data = tempDir();
  const { db } = createDb(await serverDatabaseUrl(data.dir));
  await migrateToLatest(db);
  fx = await createScoringFixture(db, { slug: "sandi-2026", entries: 2, judges: 2 });
  await db.destroy();
  server = await startServer({ dataDir: data.dir, env: { JUARA_NO_DEMO: "1" } });
  ({ db: reader } = createDb(server.databaseUrl, { poolSize: 2 }));
});

afterAll(async () => {
  await reader?.destroy();
  await server?.stop();
  await server?.cleanup();
  data?.remove();
});

describe("a password issued by the chair", () => {
  it("marks every save made in a session it began, even after the password is changed there", async () => {
    const judge = fx.judges[0]!;
    const code = fx.codes[1]!;
    const chair = new HttpClient(server.url);
    expect((await chair.login(fx.chair.email, FIXTURE_PASSWORD)).status).toBe(302);

    // the chair resets the judge's password and is shown the temporary one
    const reset = await chair.post("/judges", { intent: "reset", userId: String(judge.id) });
    expect(reset.status).toBe(200);
    const temporary = /class="temp-password">([^<]+)</.exec(await reset.text())?.[1];
    expect(temporary).toBeTruthy();

    // ... logs in as the judge with it, sets a password of their own in that session, and saves
    const asJudge = new HttpClient(server.url);
    expect((await asJudge.login(judge.email, temporary!)).status).toBe(302);
    const changed = await asJudge.post("/account/password", {
      current: temporary!,
      next: "pilihan-ketua-sendiri",
      confirm: "pilihan-ketua-sendiri",
    });
    expect(changed.status).toBe(200);
    // the page says the session stays marked, and how to get an unmarked one
    expect(await changed.text()).toContain("Keluar, lalu masuk lagi dengan kata sandi baru Anda.");
    await save(asJudge, code, { "score.A1": "1", "score.A2": "0", "note.A1": "diubah" });

    // the save is marked in its audit entry ...
    expect(await sheetEntries(judge.id, code)).toEqual([
      {
        action: "update",
        after: expect.objectContaining({
          issuedPasswordSession: true,
          scores: { A1: 1, A2: 0 },
          notes: { A1: "diubah" },
        }),
      },
    ]);
    // ... on the chair's list of sheets, on that sheet's row only ...
    const rows = await chairRows(chair);
    const marked = rows.filter((r) => r.includes(MARK_ID));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain(`Perpustakaan Desa 2 (${fx.slug})`);
    expect(marked[0]).toContain(`Juri 1 ${fx.slug}`);
    // ... and on the judge's own sheet, whoever opens it later
    const own = new HttpClient(server.url);
    expect((await own.login(judge.email, "pilihan-ketua-sendiri")).status).toBe(302);
    expect(await (await own.get(`/judge/${fx.slug}/${code}`)).text()).toContain(MARK_ID);

    // a session begun with the judge's own password saves unmarked (the sheet keeps its mark)
    await save(own, code, { "score.A1": "2", "score.A2": "3", "score.B1": "4" }, "submit");
    const entries = await sheetEntries(judge.id, code);
    expect(entries.map((e) => e.action)).toEqual(["update", "submit"]);
    expect(entries[1]!.after).not.toHaveProperty("issuedPasswordSession");
    expect((await chairRows(chair)).filter((r) => r.includes(MARK_ID))).toHaveLength(1);
  });

  it("leaves a judge's normal session unmarked", async () => {
    const judge = fx.judges[1]!;
    const code = fx.codes[1]!;
    const client = new HttpClient(server.url);
    expect((await client.login(judge.email, FIXTURE_PASSWORD)).status).toBe(302);
    await save(client, code, { "score.A1": "3", "score.A2": "4", "score.B1": "2" }, "submit");
    const entries = await sheetEntries(judge.id, code);
    expect(entries.map((e) => e.action)).toEqual(["submit"]);
    expect(entries[0]!.after).not.toHaveProperty("issuedPasswordSession");
    expect(await (await client.get(`/judge/${fx.slug}/${code}`)).text()).not.toContain(MARK_ID);
    const chair = new HttpClient(server.url);
    expect((await chair.login(fx.chair.email, FIXTURE_PASSWORD)).status).toBe(302);
    const row = (await chairRows(chair)).find(
      (r) => r.includes(`Juri 2 ${fx.slug}`) && r.includes(`Perpustakaan Desa 2 (${fx.slug})`),
    );
    expect(row).toBeDefined();
    expect(row).not.toContain(MARK_ID);
  });
});
