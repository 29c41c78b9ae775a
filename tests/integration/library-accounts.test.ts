import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { sql } from "kysely";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { emptyTestDatabase, refusal, tempDir, type TestDatabase } from "../support/db";
import { HttpClient, withoutStylesheet } from "../support/http";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

/**
 * Library accounts (docs/decisions/011-library-accounts.md): made on the command line or
 * invited by the chair from the entries page, with a temporary password shown once and changed
 * at first login; the library's manager then sees its own entries and nothing else.
 */

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run juara -- user:create --role library", () => {
  let dir: { dir: string; remove: () => void };
  let database: TestDatabase;
  beforeEach(async () => {
    dir = tempDir();
    database = await emptyTestDatabase(dir.dir);
    process.env.DATABASE_URL = database.url;
  });
  afterEach(async () => {
    await database.drop();
    dir.remove();
  });

  const users = async () => {
    const { db } = createDb(database.url, { poolSize: 1 });
    try {
      return await db
        .selectFrom("users as u")
        .leftJoin("libraries as l", "l.id", "u.library_id")
        .select(["u.email", "u.role", "u.must_change_password as mustChange", "l.code as library"])
        .orderBy("u.id")
        .execute();
    } finally {
      await db.destroy();
    }
  };

  it("links the account to the library by its code, and refuses what does not fit", async () => {
    expect((await cli(["seed", "--demo"])).code).toBe(0);
    const before = (await users()).length;
    const base = ["user:create", "--email", "Pengelola@Sepaso.id", "--name", "Bu Sari"];

    const missing = await cli([...base, "--role", "library"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("--role library needs --library CODE");
    const notForJudges = await cli([...base, "--role", "judge", "--library", "SEPASO"]);
    expect(notForJudges.code).toBe(2);
    expect(notForJudges.err).toContain("--library is only for --role library, not judge");
    const unknown = await cli([...base, "--role", "library", "--library", "NOPE"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe("No library with the code NOPE in the registry.");
    expect(await users()).toHaveLength(before);

    // codes are case-blind, as everywhere
    const made = await cli([...base, "--role", "library", "--library", "sepaso"]);
    expect(made.code).toBe(0);
    expect(made.out).toContain("Created library pengelola@sepaso.id");
    expect(made.out).toContain("for library sepaso");
    expect(made.out).toMatch(/Temporary password \(must be changed at first login\): \S{12}/);
    expect(await users()).toContainEqual({
      email: "pengelola@sepaso.id",
      role: "library",
      mustChange: 1,
      library: "SEPASO",
    });
  });

  it("leaves the help text naming the option", async () => {
    const help = await cli(["help"]);
    expect(`${help.out}${help.err}`).toContain("--role admin|chair|judge|library [--library CODE]");
  });
});

describe("the database itself keeps a library account to one library", () => {
  it("refuses a library account without a library and another role with one", async () => {
    const dir = tempDir();
    const database = await emptyTestDatabase(dir.dir);
    const { db } = createDb(database.url, { poolSize: 1 });
    try {
      await migrateToLatest(db);
      const { id } = await db
        .insertInto("libraries")
        .values({ code: "L1", name: "L", type: "desa", created_at: "x", updated_at: "x" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const insert = (role: string, libraryId: number | null) =>
        sql`insert into users (email, name, password_hash, role, library_id, created_at, updated_at)
            values (${`${role}${libraryId ?? "none"}@x.id`}, 'N', 'h', ${role}, ${libraryId}, 'x', 'x')`.execute(
          db,
        );
      expect(await refusal(insert("library", null))).toBe("check");
      expect(await refusal(insert("judge", id))).toBe("check");
      expect(await refusal(insert("library", id + 99))).toBe("foreign_key");
      expect(await refusal(insert("library", id))).toBe("accepted");
      expect(await refusal(insert("judge", null))).toBe("accepted");
    } finally {
      await db.destroy();
      await database.drop();
      dir.remove();
    }
  });
});

describe("the chair invites a library's manager from the entries page", () => {
  let server: RunningServer;
  let data: { dir: string; remove: () => void };
  let reader: DB;
  const chair = () => new HttpClient(server.url);
  const entriesUrl = "/chair/competitions/kutim-2024/entries";
  let chairClient: HttpClient;
  let entryOf: (code: string) => Promise<string>;

  beforeAll(async () => {
    data = tempDir();
    const { db } = createDb(await serverDatabaseUrl(data.dir));
    await migrateToLatest(db);
    await seedDemo(db);
    await db.destroy();
    server = await startServer({ dataDir: data.dir });
    ({ db: reader } = createDb(server.databaseUrl, { poolSize: 2 }));
    entryOf = async (code) =>
      String(
        (
          await reader
            .selectFrom("entries as e")
            .innerJoin("libraries as l", "l.id", "e.library_id")
            .innerJoin("competitions as c", "c.id", "e.competition_id")
            .select("e.id")
            .where("c.slug", "=", "kutim-2024")
            .where("l.code", "=", code)
            .executeTakeFirstOrThrow()
        ).id,
      );
    chairClient = chair();
    expect((await chairClient.login("ketua@juara.demo", DEMO_PASSWORD)).status).toBe(302);
  });
  afterAll(async () => {
    await reader?.destroy();
    await server?.stop();
    await server?.cleanup();
    data?.remove();
  });

  const invite = async (code: string, email: string, name = "Bu Sari") =>
    chairClient.post(entriesUrl, { intent: "invite", entryId: await entryOf(code), name, email });
  const userCount = async () =>
    (
      await reader
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;

  it("offers the form only for an entry without a manager, shows the password once, and audits it in words", async () => {
    const page = await (await chairClient.get(entriesUrl)).text();
    expect(page).toContain("Undang pengelola");
    expect(page.match(/name="intent" value="invite"/g)?.length).toBe(12);

    const res = await invite("SEPASO", "Sari@Sepaso.ID");
    expect(res.status).toBe(200);
    const html = await res.text();
    const password = /<code class="temp-password">([^<]+)<\/code>/.exec(html)?.[1];
    expect(password).toMatch(/^\S{12}$/);
    expect(html).toContain("Akun pengelola Pustaka Ilmu Desa Sepaso dibuat untuk sari@sepaso.id.");
    expect(
      await reader
        .selectFrom("users as u")
        .innerJoin("libraries as l", "l.id", "u.library_id")
        .select([
          "u.role",
          "u.must_change_password as mustChange",
          "u.password_issued as issued",
          "l.code",
        ])
        .where("u.email", "=", "sari@sepaso.id")
        .executeTakeFirst(),
    ).toEqual({ role: "library", mustChange: 1, issued: 1, code: "SEPASO" });

    // never again: the page now names the manager and has one form fewer
    const again = await (await chairClient.get(entriesUrl)).text();
    expect(again).not.toContain(password!);
    expect(again).toContain("&lt;sari@sepaso.id&gt;");
    expect(again.match(/name="intent" value="invite"/g)?.length).toBe(11);

    const audit = await (await chairClient.get("/audit")).text();
    expect(audit).toContain("akun pengelola Bu Sari (Pustaka Ilmu Desa Sepaso)");

    // the manager logs in with it and must change it first, as a judge must
    const library = new HttpClient(server.url);
    const login = await library.login("sari@sepaso.id", password!);
    expect(login.status).toBe(302);
    const first = await library.get("/library");
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/account/password");
    const changed = await library.post("/account/password", {
      current: password!,
      next: "sandi-pengelola-baru",
      confirm: "sandi-pengelola-baru",
    });
    expect(changed.status).toBe(200);
    const fresh = new HttpClient(server.url);
    expect((await fresh.login("sari@sepaso.id", "sandi-pengelola-baru")).status).toBe(302);
    const dashboard = await fresh.get("/dashboard");
    expect(dashboard.status).toBe(302);
    expect(dashboard.headers.get("location")).toBe("/library");
    const list = await (await fresh.get("/library")).text();
    expect(list).toContain('href="/library/kutim-2024"');
    expect(list).toContain('href="/library/kutim-2023"');
    expect(list).toContain('href="/competitions/kutim-2023"');
    const entry = await (await fresh.get("/library/kutim-2023")).text();
    expect(entry).toContain("Pustaka Ilmu Desa Sepaso");
    expect(entry).toContain("Peringkat");
    expect(entry).toContain("tahap terakhir yang dicapai perpustakaan Anda");
    const scoring = await (await fresh.get("/library/kutim-2024")).text();
    expect(scoring).toContain("Hasil belum diumumkan");
    expect(scoring).not.toContain("Peringkat");
  });

  it("says so when the email already manages this library, and refuses any other holder", async () => {
    const users = await userCount();
    const same = await invite("SEPASO", "sari@sepaso.id");
    expect(same.status).toBe(200);
    const sameHtml = withoutStylesheet(await same.text());
    expect(sameHtml).toContain("sari@sepaso.id sudah menjadi pengelola Pustaka Ilmu Desa Sepaso");
    expect(sameHtml).not.toContain("temp-password");

    const judge = await invite("SWARGABARA", "juri1@juara.demo");
    expect(judge.status).toBe(409);
    expect(await judge.text()).toContain("Email ini sudah dipakai akun lain (juri, panitia");
    const otherLibrary = await invite("SWARGABARA", "sari@sepaso.id");
    expect(otherLibrary.status).toBe(409);
    const second = await invite("SEPASO", "lain@sepaso.id");
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("Perpustakaan ini sudah memiliki akun pengelola.");
    const invalid = await invite("SWARGABARA", "bukan-email", "");
    expect(invalid.status).toBe(400);
    const foreign = await chairClient.post(entriesUrl, {
      intent: "invite",
      entryId: "999999",
      name: "X",
      email: "x@x.id",
    });
    expect(foreign.status).toBe(404);
    expect(await userCount()).toBe(users);
  });

  it("keeps a library account's role on the admin's page", async () => {
    const admin = new HttpClient(server.url);
    await admin.login("admin@juara.demo", DEMO_PASSWORD);
    const { id } = await reader
      .selectFrom("users")
      .select("id")
      .where("email", "=", "sari@sepaso.id")
      .executeTakeFirstOrThrow();
    const edit = await admin.post("/admin/users", {
      intent: "edit",
      userId: String(id),
      name: "Bu Sari",
      role: "judge",
    });
    expect(edit.status).toBe(400);
    expect(await edit.text()).toContain("Akun pengelola perpustakaan terikat pada perpustakaannya");
    const create = await admin.post("/admin/users", {
      intent: "create",
      name: "X",
      email: "x@x.id",
      role: "library",
    });
    expect(create.status).toBe(400);
  });
});
