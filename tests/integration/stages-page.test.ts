import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

/** The chair's stages page (docs/http.md): the list, the move to the next stage, the shortlist. */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let chair: HttpClient;
const base = "/chair/competitions/kutim-2024/stages";

beforeAll(async () => {
  data = tempDir();
  const { db } = createDb(`file:${data.dir}/juara.db`);
  await migrateToLatest(db);
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
  await db.destroy();
  server = await startServer({ dataDir: data.dir });
  chair = new HttpClient(server.url);
  expect((await chair.login("ketua@juara.demo", DEMO_PASSWORD)).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
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
});
