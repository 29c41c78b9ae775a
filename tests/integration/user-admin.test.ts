import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { startServer, type RunningServer } from "../support/server";

/**
 * The admin's users page through the real server and database: every action says what it did,
 * and an account's name and role can be changed within the rules.
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let prepared: PreparedDatabase;
let admin: HttpClient;

const idOf = async (email: string) =>
  (
    await prepared.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow()
  ).id;
const userRow = (email: string) =>
  prepared.db
    .selectFrom("users")
    .select(["name", "role", "active"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
const lastAudit = () =>
  prepared.db
    .selectFrom("audit_log")
    .select(["entity_type", "entity_id", "action", "before_json", "after_json"])
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  data = tempDir();
  prepared = await preparedDatabase(data.dir);
  server = await startServer({ dataDir: data.dir, env: prepared.env });
  admin = new HttpClient(server.url);
  expect((await admin.login("admin@juara.demo", DEMO_PASSWORD)).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
  await prepared?.close();
  data?.remove();
});

describe("the admin's users page", () => {
  it("says what each action did: create, deactivate, reactivate, reset", async () => {
    const created = await admin.post("/admin/users", {
      intent: "create",
      name: "Andi Pratama",
      email: "andi@juara.test",
      role: "judge",
    });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain("Akun andi@juara.test dibuat.");
    const id = String(await idOf("andi@juara.test"));

    const off = await admin.post("/admin/users", { intent: "deactivate", userId: id });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain(
      "Akun Andi Pratama (andi@juara.test) dinonaktifkan; ia tidak dapat masuk dan sesinya diakhiri.",
    );
    expect((await userRow("andi@juara.test")).active).toBe(0);

    const on = await admin.post("/admin/users", { intent: "activate", userId: id });
    expect(await on.text()).toContain(
      "Akun Andi Pratama (andi@juara.test) diaktifkan kembali; ia dapat masuk lagi.",
    );
    expect((await userRow("andi@juara.test")).active).toBe(1);

    const reset = await admin.post("/admin/users", { intent: "reset", userId: id });
    const html = await reset.text();
    expect(html).toContain(
      "Kata sandi andi@juara.test diatur ulang; sesi yang sedang berjalan diakhiri.",
    );
    expect(html).toContain('class="temp-password"');
  });

  it("changes a name and a role, says so and records it in the audit log", async () => {
    const id = String(await idOf("andi@juara.test"));
    const res = await admin.post("/admin/users", {
      intent: "edit",
      userId: id,
      name: "Andi Pratama, S.Sos.",
      role: "chair",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(
      "Nama dan peran akun andi@juara.test disimpan: Andi Pratama, S.Sos.",
    );
    expect(await userRow("andi@juara.test")).toMatchObject({
      name: "Andi Pratama, S.Sos.",
      role: "chair",
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ entity_type: "user", entity_id: id, action: "update" });
    expect(JSON.parse(audit.before_json!)).toEqual({ name: "Andi Pratama", role: "judge" });
    expect(JSON.parse(audit.after_json!)).toEqual({ name: "Andi Pratama, S.Sos.", role: "chair" });
  });

  it("refuses an empty name or an unknown role with the field's message, changing nothing", async () => {
    const id = String(await idOf("andi@juara.test"));
    const before = await userRow("andi@juara.test");
    const empty = await admin.post("/admin/users", {
      intent: "edit",
      userId: id,
      name: " ",
      role: "judge",
    });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain("Wajib diisi.");
    // the refused edit opens at its row, and the create form stays clean
    expect(html).toMatch(/<details class="user-edit" open="">/);
    const bad = await admin.post("/admin/users", {
      intent: "edit",
      userId: id,
      name: "X",
      role: "root",
    });
    expect(bad.status).toBe(400);
    expect(await userRow("andi@juara.test")).toEqual(before);
  });

  it("keeps an admin's own admin role", async () => {
    const id = String(await idOf("admin@juara.demo"));
    const res = await admin.post("/admin/users", {
      intent: "edit",
      userId: id,
      name: "Admin Dispusip",
      role: "chair",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Anda tidak dapat melepas peran admin akun sendiri.");
    expect((await userRow("admin@juara.demo")).role).toBe("admin");
    // renaming oneself is fine
    const renamed = await admin.post("/admin/users", {
      intent: "edit",
      userId: id,
      name: "Admin Dinas",
      role: "admin",
    });
    expect(renamed.status).toBe(200);
    expect(await userRow("admin@juara.demo")).toMatchObject({ name: "Admin Dinas", role: "admin" });
  });

  it("refuses to change the role of a judge still on a panel, and explains what to do", async () => {
    const id = String(await idOf("juri2@juara.demo"));
    const res = await admin.post("/admin/users", {
      intent: "edit",
      userId: id,
      name: "Nurhayati, S.IP.",
      role: "chair",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      "Juri ini masih ada di panel juri sebuah lomba. Keluarkan dulu dari panel (halaman Juri lomba), lalu ubah perannya.",
    );
    expect((await userRow("juri2@juara.demo")).role).toBe("judge");
    // the name alone may change
    const renamed = await admin.post("/admin/users", {
      intent: "edit",
      userId: id,
      name: "Nurhayati, S.IP., M.Hum.",
      role: "judge",
    });
    expect(renamed.status).toBe(200);
    expect((await userRow("juri2@juara.demo")).name).toBe("Nurhayati, S.IP., M.Hum.");
  });

  it("offers the edit on the admin's page only: the chair's judge page refuses the intent", async () => {
    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    const res = await chair.post("/judges", {
      intent: "edit",
      userId: String(await idOf("juri3@juara.demo")),
      name: "Ganti",
      role: "judge",
    });
    expect(res.status).toBe(400);
    expect((await userRow("juri3@juara.demo")).name).toBe("Rahmawati");
    const page = await (await admin.get("/admin/users")).text();
    expect(page).toContain("Ubah nama/peran");
  });
});
