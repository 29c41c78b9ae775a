import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { insertPublishedCompetition } from "../support/published";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

/**
 * Announcing a stage's finalists before the winners (docs/http.md), through the real server over
 * a migrated database: the chair's button on the stages page, the public finalists' page
 * (names only, never a score), its withdrawal with a reason, the audit log, who may do it.
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let chair: HttpClient;
let reader: DB;
const stagesUrl = "/chair/competitions/kutim-2024/stages";
const publicUrl = "/competitions/kutim-2024/finalists";

async function read<T>(query: string): Promise<T[]> {
  return (await sql.raw<T>(query).execute(reader)).rows;
}

const heading = (html: string) => /<h1>([^<]+)<\/h1>/.exec(html)?.[1];

beforeAll(async () => {
  data = tempDir();
  const { db } = createDb(await serverDatabaseUrl(data.dir));
  await migrateToLatest(db);
  await seedDemo(db);
  // the demo competition gets a visit after its first stage; three go on
  const c = await db
    .selectFrom("competitions")
    .select("id")
    .where("slug", "=", "kutim-2024")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("stages")
    .set({ weight: 60, advance: 3 })
    .where("competition_id", "=", c.id)
    .where("position", "=", 1)
    .execute();
  await db
    .insertInto("stages")
    .values({
      competition_id: c.id,
      position: 2,
      code: "V",
      name: "Kunjungan lapangan",
      kind: "visit",
      weight: 40,
      advance: null,
    })
    .execute();
  // a published competition whose one stage closed with one library going on
  const pubId = await insertPublishedCompetition(db, {
    slug: "pub-2025",
    results: [
      {
        code: "SEPASO",
        name: "Pustaka Ilmu Desa Sepaso",
        rank: 1,
        prize: "Juara I",
        scoreX100: 9000,
      },
    ],
  });
  const library = await db
    .selectFrom("libraries")
    .select(["id", "type"])
    .where("code", "=", "SEPASO")
    .executeTakeFirstOrThrow();
  const { id: entryId } = await db
    .insertInto("entries")
    .values({
      competition_id: pubId,
      library_id: library.id,
      category: library.type,
      created_at: "2025-08-01T00:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id: stageId } = await db
    .updateTable("stages")
    .set({ closed_at: "2025-08-10T00:00:00.000Z" })
    .where("competition_id", "=", pubId)
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("stage_results")
    .values({ stage_id: stageId, entry_id: entryId, score_x100: 9000, rank: 1, advanced: 1 })
    .execute();
  await db.destroy();
  server = await startServer({ dataDir: data.dir });
  ({ db: reader } = createDb(server.databaseUrl, { poolSize: 2 }));
  chair = new HttpClient(server.url);
  expect((await chair.login("ketua@juara.demo", DEMO_PASSWORD)).status).toBe(302);
});
afterAll(async () => {
  await reader?.destroy();
  await server?.stop();
  await server?.cleanup();
  data?.remove();
});

describe("the finalists' announcement", () => {
  it("is not found while nothing is announced, in the normal layout", async () => {
    for (const url of [publicUrl, "/competitions/no-such-thing/finalists"]) {
      const res = await new HttpClient(server.url).get(url);
      expect(res.status, url).toBe(404);
      const html = await res.text();
      expect(heading(html), url).toBe("Halaman tidak ditemukan");
      expect(html, url).toContain('class="site-header"');
    }
    // an open stage has nothing to announce
    const open = await chair.post(stagesUrl, { intent: "finalists-publish", stage: "S1" });
    expect(open.status).toBe(409);
    expect(await open.text()).toContain("Finalis hanya dapat diumumkan setelah tahapnya ditutup.");
  });

  it("publishes the entries that went on, by name, without a score, and withdraws them with a reason", async () => {
    // close S1 (sheets are missing: overridden with a reason)
    const moved = await chair.post(stagesUrl, {
      intent: "stage-next",
      confirm: "yes",
      override: "yes",
      reason: "Juri 3 berhalangan",
    });
    expect(moved.status).toBe(302);
    const page = await (await chair.get(stagesUrl)).text();
    expect(page).toContain("Umumkan finalis");
    expect(page).toContain('value="finalists-publish"');

    // the shortlist as the stage move wrote it
    const shortlist = await read<{ name: string; score_x100: number | null; advanced: number }>(
      `select l.name, r.score_x100, r.advanced from stage_results r
         join stages s on s.id = r.stage_id join entries e on e.id = r.entry_id
         join libraries l on l.id = e.library_id join competitions c on c.id = s.competition_id
       where c.slug = 'kutim-2024' and s.code = 'S1'`,
    );
    const advanced = shortlist.filter((r) => r.advanced === 1);
    const dropped = shortlist.filter((r) => r.advanced === 0);
    expect(advanced.length).toBeGreaterThanOrEqual(3);
    expect(dropped.length).toBeGreaterThan(0);

    const published = await chair.post(stagesUrl, { intent: "finalists-publish", stage: "S1" });
    expect(published.status).toBe(302);
    expect(published.headers.get("location")).toBe(`${stagesUrl}?finalists=S1`);
    const after = await (await chair.get(published.headers.get("location")!)).text();
    expect(after).toContain("Finalis tahap S1 diumumkan.");
    expect(after).toContain("Tarik pengumuman");
    expect(after).toContain(`href="${publicUrl}"`);
    const again = await chair.post(stagesUrl, { intent: "finalists-publish", stage: "S1" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Finalis tahap ini sudah diumumkan.");

    const anon = new HttpClient(server.url);
    const res = await anon.get(publicUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^".+-id-anon"$/);
    expect((await anon.get(publicUrl, { "If-None-Match": etag! })).status).toBe(304);
    const html = await res.text();
    expect(html).toContain("Finalis Lomba Perpustakaan Desa/Kelurahan");
    expect(html).toContain("Lolos tahap Penilaian");
    expect(html).toMatch(/Diumumkan \d+ \w+ \d{4}/);
    const rows = [...html.matchAll(/<tr><td>([^<]+)<\/td><td>/g)].map((m) => m[1]);
    const byName = advanced
      .map((r) => r.name)
      .sort((a, b) => a.localeCompare(b, "id", { sensitivity: "base" }));
    expect(rows).toEqual(byName);
    for (const r of dropped) expect(html).not.toContain(r.name);
    // no score and no rank: neither the column nor any shortlist score, in either notation
    expect([...html.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((m) => m[1])).toEqual([
      "Perpustakaan",
      "Desa/kelurahan",
      "Kecamatan",
      "Kategori",
    ]);
    for (const r of shortlist)
      if (r.score_x100 !== null) {
        const score = (r.score_x100 / 100).toFixed(2);
        expect(html).not.toContain(score);
        expect(html).not.toContain(score.replace(".", ","));
      }

    const english = new HttpClient(server.url);
    await english.post("/language", { lang: "en", redirectTo: "/" });
    const en = await (await english.get(publicUrl)).text();
    expect(en).toContain("Finalists of Lomba Perpustakaan Desa/Kelurahan");
    expect(en).toContain("Village/ward");

    // the audit log says who announced it, in words
    const audit = await read<{ user_id: number; action: string; after_json: string }>(
      "select user_id, action, after_json from audit_log where entity_type = 'finalists' order by id",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe("publish");
    expect(JSON.parse(audit[0]!.after_json).finalists).toHaveLength(advanced.length);
    const log = await (await chair.get("/audit?entity=finalists")).text();
    expect(log).toContain("finalis tahap S1");
    expect(log).toContain("diumumkan");

    // withdrawing needs a reason
    const noReason = await chair.post(stagesUrl, {
      intent: "finalists-withdraw",
      stage: "S1",
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("field-errors");
    expect((await anon.get(publicUrl)).status).toBe(200);
    const withdrawn = await chair.post(stagesUrl, {
      intent: "finalists-withdraw",
      stage: "S1",
      reason: "Salah satu peserta didiskualifikasi",
    });
    expect(withdrawn.status).toBe(302);
    expect(withdrawn.headers.get("location")).toBe(`${stagesUrl}?withdrawn=S1`);
    expect(await (await chair.get(withdrawn.headers.get("location")!)).text()).toContain(
      "Pengumuman finalis tahap S1 ditarik.",
    );
    expect((await anon.get(publicUrl)).status).toBe(404);
    const last = await read<{ action: string; reason: string }>(
      "select action, reason from audit_log where entity_type = 'finalists' order by id desc limit 1",
    );
    expect(last).toEqual([{ action: "unpublish", reason: "Salah satu peserta didiskualifikasi" }]);
    expect(await (await chair.get("/audit?entity=finalists")).text()).toContain(
      "pengumuman ditarik",
    );
    const twice = await chair.post(stagesUrl, {
      intent: "finalists-withdraw",
      stage: "S1",
      reason: "lagi",
    });
    expect(twice.status).toBe(409);
  });

  it("lets only a chair or an admin announce; a judge and a visitor are turned away", async () => {
    const url = "/chair/competitions/pub-2025/stages";
    const judge = new HttpClient(server.url);
    expect((await judge.login("juri1@juara.demo", DEMO_PASSWORD)).status).toBe(302);
    expect((await judge.post(url, { intent: "finalists-publish", stage: "S1" })).status).toBe(403);
    const visitor = await new HttpClient(server.url).post(url, {
      intent: "finalists-publish",
      stage: "S1",
    });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login/);
    // a chair's session posted from another site (CSRF) is refused before the app reads it
    const forged = await chair.post(
      url,
      { intent: "finalists-publish", stage: "S1" },
      { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
    expect(
      await read(
        "select 1 from stages s join competitions c on c.id = s.competition_id where c.slug = 'pub-2025' and s.finalists_published_at is not null",
      ),
    ).toEqual([]);
    expect((await new HttpClient(server.url).get("/competitions/pub-2025/finalists")).status).toBe(
      404,
    );

    // the published competition's page links to its finalists once they are announced
    const before = await (await new HttpClient(server.url).get("/competitions/pub-2025")).text();
    expect(before).not.toContain('href="/competitions/pub-2025/finalists"');
    const admin = new HttpClient(server.url);
    expect((await admin.login("admin@juara.demo", DEMO_PASSWORD)).status).toBe(302);
    expect((await admin.post(url, { intent: "finalists-publish", stage: "S1" })).status).toBe(302);
    const withLink = await (await new HttpClient(server.url).get("/competitions/pub-2025")).text();
    expect(withLink).toContain('href="/competitions/pub-2025/finalists"');
    const finalists = await (
      await new HttpClient(server.url).get("/competitions/pub-2025/finalists")
    ).text();
    expect(finalists).toContain("Pustaka Ilmu Desa Sepaso");
    expect(finalists).not.toContain("90,00");
    expect(finalists).not.toContain("90.00");
  });
});
