import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { tempDir } from "../support/db";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run juara", () => {
  let dir: { dir: string; remove: () => void };
  let dbFile: string;
  beforeEach(() => {
    dir = tempDir();
    dbFile = path.join(dir.dir, "juara.db");
    process.env.DATABASE_URL = `file:${dbFile}`;
  });
  afterEach(() => dir.remove());

  const count = (table: string) => {
    const db = new SqliteDatabase(dbFile, { readonly: true });
    const n = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    db.close();
    return n;
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
    expect(count("libraries")).toBe(12);
    expect(count("competitions")).toBe(3);
    const second = await cli(["seed", "--demo"]);
    expect(second.code).toBe(1);
    expect(second.err).toContain("already has data");
    expect(count("competitions")).toBe(3);
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
    expect(count("users")).toBe(1);
  });

  it("backup writes a consistent copy that passes the integrity check", async () => {
    await cli(["seed", "--demo"]);
    const target = path.join(dir.dir, "copy.db");
    const res = await cli(["backup", target]);
    expect(res.code).toBe(0);
    const copy = new SqliteDatabase(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(
      (copy.prepare("select count(*) as n from scores").get() as { n: number }).n,
    ).toBeGreaterThan(0);
    copy.close();
  });

  it("restore puts a backup back, keeping the replaced database aside, and refuses a broken file", async () => {
    await cli(["seed", "--demo"]);
    const backupFile = path.join(dir.dir, "backup.db");
    expect((await cli(["backup", backupFile])).code).toBe(0);
    // after the backup, someone adds an account; restoring goes back to before it
    await cli([
      "user:create",
      "--email",
      "later@x.id",
      "--name",
      "Later",
      "--role",
      "judge",
      "--password",
      "12345678",
    ]);
    expect(count("users")).toBe(6);
    const restored = await cli(["restore", backupFile]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain("was kept as");
    expect(count("users")).toBe(5);
    const kept = fs.readdirSync(dir.dir).find((f) => f.includes(".before-restore-"));
    expect(kept).toBeTruthy();

    const junk = path.join(dir.dir, "junk.db");
    fs.writeFileSync(junk, "this is not a database at all, just text".repeat(100));
    const refused = await cli(["restore", junk]);
    expect(refused.code).toBe(1);
    expect(count("users")).toBe(5);
    expect((await cli(["restore", path.join(dir.dir, "missing.db")])).code).toBe(1);
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
        env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect("code" in failure && failure.code).toBe(2);
    expect((failure as { stderr: string }).stderr).toContain("Usage:");
  });
});
