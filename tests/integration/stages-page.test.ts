import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { tempDir } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

/** The chair's stages page (docs/http.md): the list, the move to the next stage, the shortlist. */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let prepared: PreparedDatabase;
let chair: HttpClient;
const base = "/chair/competitions/kutim-2024/stages";
let adminLibraries: string[] = [];

beforeAll(async () => {
  data = tempDir();
  prepared = await preparedDatabase(data.dir);
  const db = prepared.db;
  await seedDemo(db);
  // the demo competition (in scoring, some sheets unsubmitted) gets a visit after its first stage
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
  // a competition opening with the administrative check, two libraries entered
  const now = "2026-11-25T00:00:00.000Z";
  const { id: adminId } = await db
    .insertInto("competitions")
    .values({
      slug: "tahap-admin",
      name: "Lomba dengan pemeriksaan",
      year: 2026,
      level: "kabupaten",
      region: "Uji",
      status: "scoring",
      aggregation: "mean",
      prize_winners: 1,
      prize_honourable: 0,
      ranking_scope: "overall",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("stages")
    .set({ code: "ADM", name: "Administrasi", kind: "admin", weight: 0 })
    .where("competition_id", "=", adminId)
    .execute();
  await db
    .insertInto("stages")
    .values({ competition_id: adminId, position: 2, code: "D", name: "Dokumen", kind: "desk" })
    .execute();
  const libraries = await db
    .selectFrom("libraries")
    .select(["id", "code", "type"])
    .orderBy("code")
    .limit(2)
    .execute();
  adminLibraries = libraries.map((l) => l.code);
  await db
    .insertInto("entries")
    .values(
      libraries.map((l) => ({
        competition_id: adminId,
        library_id: l.id,
        category: l.type,
        created_at: now,
      })),
    )
    .execute();
  server = await startServer({ dataDir: data.dir, env: prepared.env });
  chair = new HttpClient(server.url);
  expect((await chair.login("ketua@juara.demo", DEMO_PASSWORD)).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
  await prepared?.close();
  data?.remove();
});

describe("the chair's stages page", () => {
  it("lists the stages, refuses a move with sheets missing, and moves with an override and a reason", async () => {
    const page = await (await chair.get(base)).text();
    expect(page).toContain("Tahap penilaian");
    expect(page).toContain("Kunjungan lapangan");
    expect(page).toContain("sedang berjalan");
    // what would stop the move is shown before it is tried
    expect(page).toMatch(/\d+ lembar nilai peserta aktif belum dikirim\./);
    expect(page).toContain('name="override"');
    expect(page).toContain('href="/chair/competitions/kutim-2024/stages"');

    const refused = await chair.post(base, { intent: "stage-next", confirm: "yes", reason: "" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/lembar nilai peserta aktif belum dikirim/);

    const noReason = await chair.post(base, {
      intent: "stage-next",
      confirm: "yes",
      override: "yes",
      reason: "",
    });
    expect(noReason.status).toBe(409);
    expect(await noReason.text()).toContain("Untuk tetap melanjutkan, sebutkan alasannya.");

    const moved = await chair.post(base, {
      intent: "stage-next",
      confirm: "yes",
      override: "yes",
      reason: "Juri 3 berhalangan; panitia melanjutkan ke kunjungan",
    });
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe(`${base}?moved=V`);
    const after = await (await chair.get(moved.headers.get("location")!)).text();
    expect(after).toContain("Tahap yang berjalan sekarang: V.");
    expect(after).toContain("Daftar lolos tahap S1");
    expect(after).toMatch(/<td>ya<\/td>/);
    // V is the last stage: no further move is offered
    expect(after).not.toContain('value="stage-next"');
    expect(after).toContain("Tidak ada tahap berikutnya.");
  });

  it("keeps judges out", async () => {
    const judge = new HttpClient(server.url);
    expect((await judge.login("juri1@juara.demo", DEMO_PASSWORD)).status).toBe(302);
    expect((await judge.get(base)).status).toBe(403);
  });

  it("records the administrative checklist: a fail needs a reason, then the page shows each item", async () => {
    const url = "/chair/competitions/tahap-admin/stages";
    const [first, second] = adminLibraries as [string, string];
    const page = await (await chair.get(url)).text();
    expect(page).toContain("Pemeriksaan administrasi");
    expect(page).toContain("2 peserta aktif belum diperiksa pada tahap administrasi.");

    const noReason = await chair.post(url, {
      intent: "stage-check",
      library: first,
      item: "Surat pengantar",
      passed: "no",
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Sebutkan alasan peserta tidak lolos.");

    const failed = await chair.post(url, {
      intent: "stage-check",
      library: first,
      item: "Surat pengantar",
      passed: "no",
      reason: "Tidak ditandatangani kepala desa",
    });
    expect(failed.status).toBe(302);
    expect(failed.headers.get("location")).toBe(`${url}?checked=${first}`);
    const passed = await chair.post(url, {
      intent: "stage-check",
      library: second,
      item: "Surat pengantar",
      passed: "yes",
      reason: "",
    });
    expect(passed.status).toBe(302);
    const after = await (await chair.get(url)).text();
    expect(after).toContain("Surat pengantar: gagal (Tidak ditandatangani kepala desa)");
    expect(after).toContain("Surat pengantar: lolos");
    expect(after).not.toContain("belum diperiksa pada tahap administrasi");

    const unknown = await chair.post(url, {
      intent: "stage-check",
      library: "TIDAK-ADA",
      item: "Surat pengantar",
      passed: "yes",
    });
    expect(unknown.status).toBe(404);
  });
});
