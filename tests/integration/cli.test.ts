import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { createDb } from "../../db/connection";
import { emptyTestDatabase, tempDir, type TestDatabase } from "../support/db";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/**
 * The command-line tool on the run's database; backup and restore, which work on a SQLite file,
 * are in cli-backup.test.ts.
 */
describe("npm run juara", () => {
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

  const count = async (table: "users" | "libraries" | "competitions") => {
    const { db } = createDb(database.url, { poolSize: 1 });
    try {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return row.n;
    } finally {
      await db.destroy();
    }
  };

  it("migrate brings an empty file up to date, then says so", async () => {
    expect(await cli(["migrate"])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Applied: 0001_initial, /),
    });
    expect((await cli(["migrate"])).out).toBe("Schema is up to date.");
  });

  it("seed --demo fills an empty database and refuses a second time", async () => {
    const first = await cli(["seed", "--demo"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("ketua@juara.demo");
    expect(await count("libraries")).toBe(12);
    expect(await count("competitions")).toBe(3);
    const second = await cli(["seed", "--demo"]);
    expect(second.code).toBe(1);
    expect(second.err).toContain("already has data");
    expect(await count("competitions")).toBe(3);
  });

  it("user:create validates its arguments, generates a password when none is given, and refuses duplicates", async () => {
    const bad = await cli(["user:create", "--email", "nope", "--name", "X", "--role", "judge"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--email: not a valid email address");
    expect(bad.err).toContain("Usage:");
    const short = await cli([
      "user:create",
      "--email",
      "a@b.id",
      "--name",
      "A",
      "--role",
      "chair",
      "--password",
      "short",
    ]);
    expect(short.code).toBe(2);
    expect(short.err).toContain("--password: at least 8 characters");

    const made = await cli([
      "user:create",
      "--email",
      "Ketua@Dispusip.id",
      "--name",
      "Ketua",
      "--role",
      "chair",
    ]);
    expect(made.code).toBe(0);
    expect(made.out).toContain("Created chair ketua@dispusip.id");
    expect(made.out).toMatch(/Temporary password \(must be changed at first login\): \S{12}/);
    const dup = await cli([
      "user:create",
      "--email",
      "KETUA@dispusip.id",
      "--name",
      "Lagi",
      "--role",
      "judge",
      "--password",
      "12345678",
    ]);
    expect(dup.code).toBe(1);
    expect(await count("users")).toBe(1);
  });

  it("prints usage and fails on unknown commands or wrong arguments", async () => {
    expect(await cli([])).toMatchObject({ code: 2 });
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown command: frobnicate");
    expect((await cli(["seed"])).code).toBe(2);
    expect((await cli(["backup"])).code).toBe(2);
    expect((await cli(["migrate", "--bogus"])).code).toBe(2);
  });

  it("exits non-zero as a real process on wrong arguments", async () => {
    const run = promisify(execFile);
    // node with tsx's loader, as tests/support/server.ts starts the server: no path into
    // node_modules, so the test also runs in a copy of the tree (Stryker's sandbox)
    const failure = await run(
      process.execPath,
      ["--import", "tsx", "bin/juara.ts", "user:create", "--role", "king"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: database.url },
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect("code" in failure && failure.code).toBe(2);
    expect((failure as { stderr: string }).stderr).toContain("Usage:");
  });
});
