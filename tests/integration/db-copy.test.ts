/**
 * `juara db:copy`: the seeded demo (scores, published results, audit rows, a stage deleted at the
 * end of its id range) copied from its SQLite file into the run's database (a PostgreSQL database
 * of its own in the `postgres` project, another SQLite file otherwise) and from there back into a
 * new SQLite file; each copy checked table by table against the source, its audit chain verified,
 * its ranking computed by the app and compared, and the next id it gives checked.
 */
import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { copyDatabase, databaseFingerprint, foreignKeyOrder } from "../../bin/db-copy";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { withDatabase } from "../../app/lib/db.server";
import { verifyAuditChain } from "../../app/models/audit.server";
import { computeRanking } from "../../app/models/ranking.server";
import { seedDemo } from "../../app/models/demo.server";
import { emptyTestDatabase, tempDir, testDialect, type TestDatabase } from "../support/db";

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Runs `work` on the database at `url`, closed afterwards. */
async function onDb<T>(url: string, work: (db: DB) => Promise<T>): Promise<T> {
  const { db } = createDb(url, { poolSize: 1 });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Every competition's ranking as the app computes it. */
function rankings(url: string) {
  return onDb(url, async (db) => {
    const competitions = await db.selectFrom("competitions").select("id").orderBy("id").execute();
    return Promise.all(competitions.map((c) => computeRanking(c.id, {}, db)));
  });
}

function sqliteRows(file: string, query: string): unknown[] {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return db.prepare(query).all();
  } finally {
    db.close();
  }
}

const SCHEMA = "select type, name, tbl_name, sql from sqlite_master order by name";
const SEQUENCES = "select name, seq, typeof(seq) as type from sqlite_sequence order by name";

let dir: { dir: string; remove: () => void };
let source: string;
let sourceFile: string;
const databases: TestDatabase[] = [];

beforeAll(async () => {
  dir = tempDir("juara-copy-");
  sourceFile = path.join(dir.dir, "source.db");
  source = `file:${sourceFile}`;
  await onDb(source, async (db) => {
    await migrateToLatest(db);
    await seedDemo(db);
    const now = new Date().toISOString();
    // text that an array literal or a CSV-ish format could mangle, and a fraction
    await db
      .insertInto("libraries")
      .values({
        code: "AWKWARD",
        name: `Taman Baca "Ceria", {a,b} \\ 'kutip' NULL é 日本`,
        type: "kelurahan",
        village: "NULL",
        district: "",
        address: "line one\nline two\ttab",
        members: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .updateTable("indicator_claims")
      .set({ standard_min: 2.75 })
      .where("kind", "=", "number")
      .execute();
    const { id } = await db
      .insertInto("libraries")
      .values({
        code: "MISTAKE",
        name: "Added by mistake",
        type: "desa",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.deleteFrom("libraries").where("id", "=", id).execute();
  });
});

afterAll(async () => {
  for (const database of databases) await database.drop();
  dir.remove();
});

async function freshTarget(name: string): Promise<TestDatabase> {
  const database = await emptyTestDatabase(dir.dir, name);
  databases.push(database);
  return database;
}

describe(`db:copy (SQLite → ${testDialect()} → SQLite)`, () => {
  let there: TestDatabase;
  let back: string;
  let sourceFingerprint: Awaited<ReturnType<typeof databaseFingerprint>>;

  beforeAll(async () => {
    sourceFingerprint = await databaseFingerprint(source);
    there = await freshTarget("there");
    back = path.join(dir.dir, "back.db");
  });

  it("the demo is worth copying: scores, sheet points, published results, audit rows, a deleted id", () => {
    const rows = new Map(sourceFingerprint.map((t) => [t.table, t.rows]));
    for (const table of [
      "scores",
      "sheet_points",
      "published_results",
      "audit_log",
      "stages",
      "rubric_levels",
      "save_requests",
    ])
      expect(rows.get(table), table).toBeGreaterThan(0);
    // a library added by mistake and deleted: the copy must never give its id again
    expect(sqliteRows(sourceFile, "select max(id) as max from libraries")).toEqual([{ max: 13 }]);
    expect(
      sqliteRows(sourceFile, "select seq from sqlite_sequence where name = 'libraries'"),
    ).toEqual([{ seq: 14 }]);
  });

  it("copies every table into the empty target, checks it and verifies the audit chain there", async () => {
    const run = await cli(["db:copy", "--from", source, "--to", there.url]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^ {2}scores +\d+ rows/m);
    expect(run.out).toContain("every table's row count and content hash match the source's");
    expect(run.out).toMatch(/Audit log intact on the copy: \d+ entries/);
    // no password is printed
    if (there.file === null) expect(run.out).not.toMatch(/:\/\/[^:/]+:[^*@]+@/);

    expect(await databaseFingerprint(there.url)).toEqual(sourceFingerprint);
    // the same JavaScript values from either database: text, integers, null, a fraction
    const awkward = (url: string) =>
      onDb(url, (db) =>
        db
          .selectFrom("libraries as l")
          .selectAll()
          .where("code", "=", "AWKWARD")
          .executeTakeFirstOrThrow(),
      );
    expect(await awkward(there.url)).toEqual(await awkward(source));
    const claims = (url: string) =>
      onDb(url, (db) =>
        db.selectFrom("indicator_claims").selectAll().orderBy("indicator_id").execute(),
      );
    expect(await claims(there.url)).toEqual(await claims(source));
    expect((await claims(there.url)).map((c) => c.standard_min)).toContain(2.75);
    const audit = await onDb(there.url, (db) => withDatabase(db, verifyAuditChain));
    const sourceAudit = await onDb(source, (db) => withDatabase(db, verifyAuditChain));
    expect(audit).toEqual(sourceAudit);
    expect(audit).toMatchObject({ ok: true });
  });

  it("the app ranks the copy as it ranks the source", async () => {
    expect(await rankings(there.url)).toEqual(await rankings(source));
  });

  it("refuses to copy into it again, and changes nothing", async () => {
    const before = await databaseFingerprint(there.url);
    const run = await cli(["db:copy", "--from", source, "--to", there.url]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/The target is not empty: competitions, .* have rows\./);
    expect(run.err).toContain("Nothing was changed.");
    expect(await databaseFingerprint(there.url)).toEqual(before);
  });

  it("copies it back into a new SQLite file, identical to the source (schema, triggers, id counters)", async () => {
    const run = await cli(["db:copy", "--from", there.url, "--to", `file:${back}`]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    // what it was copied from: ranking the copy above counted its entries' ranking inputs
    // (migration 0017), which the source, ranked later, did not have when first read
    expect(await databaseFingerprint(`file:${back}`)).toEqual(await databaseFingerprint(there.url));
    const withoutMigrationLog = (rows: unknown[]) =>
      rows.filter((r) => !String((r as { name: string }).name).startsWith("kysely_"));
    expect(withoutMigrationLog(sqliteRows(back, SCHEMA))).toEqual(
      withoutMigrationLog(sqliteRows(sourceFile, SCHEMA)),
    );
    expect(sqliteRows(back, SEQUENCES)).toEqual(sqliteRows(sourceFile, SEQUENCES));
    expect(await rankings(`file:${back}`)).toEqual(await rankings(source));
    expect(await onDb(`file:${back}`, (db) => withDatabase(db, verifyAuditChain))).toMatchObject({
      ok: true,
    });
  });
  it.each([
    ["the copy", () => there.url],
    ["the copy of the copy", () => `file:${back}`],
  ])("%s has its triggers back on and gives ids after the source's", async (_, url) => {
    // (last: on PostgreSQL a sequence's number, once taken, stays taken even when rolled back)
    await onDb(url(), async (db) => {
      // through a transaction that is rolled back, so the copy stays equal to the source
      const rolledBack = new Error("rolled back");
      await expect(
        db.transaction().execute(async (trx) => {
          const now = new Date().toISOString();
          const { id } = await trx
            .insertInto("competitions")
            .values({
              slug: "after-copy",
              name: "After the copy",
              year: 2027,
              level: "kabupaten",
              region: "Kutai Timur",
              aggregation: "mean",
              prize_winners: 3,
              prize_honourable: 3,
              ranking_scope: "overall",
              created_at: now,
              updated_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          expect(id).toBe(4);
          // the first-stage trigger fires again, its stage numbered after the source's
          const stages = await trx
            .selectFrom("stages")
            .select(["id", "position"])
            .where("competition_id", "=", id)
            .execute();
          expect(stages).toEqual([{ id: 7, position: 1 }]);
          const library = await trx
            .insertInto("libraries")
            .values({ code: "NEW", name: "New", type: "desa", created_at: now, updated_at: now })
            .returning("id")
            .executeTakeFirstOrThrow();
          expect(library.id).toBe(15);
          // the append-only audit log still refuses a change
          await expect(
            sql`update audit_log set reason = 'x' where id = 1`.execute(trx),
          ).rejects.toThrow(/append-only/);
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
    });
  });
});

describe("db:copy refuses, changing nothing", () => {
  it("onto the source itself", async () => {
    const before = await databaseFingerprint(source);
    // --from defaults to DATABASE_URL
    process.env.DATABASE_URL = source;
    const run = await cli(["db:copy", "--to", `file:${dir.dir}/./source.db`]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("The source and the target are the same database.");
    expect(await databaseFingerprint(source)).toEqual(before);
  });

  it("from a source that is not fully migrated, or not there", async () => {
    const partial = path.join(dir.dir, "partial.db");
    await onDb(`file:${partial}`, async (db) => {
      await migrateToLatest(db);
      await sql`delete from kysely_migration where name = '0015_self_assessment'`.execute(db);
    });
    const target = await freshTarget("partial-target");
    const run = await cli(["db:copy", "--from", `file:${partial}`, "--to", target.url]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("The source is not fully migrated (missing 0015_self_assessment)");
    await expectUntouched(target);

    const missing = await cli([
      "db:copy",
      "--from",
      `file:${dir.dir}/nowhere.db`,
      "--to",
      target.url,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("No database at");
    await expectUntouched(target);
  });

  it("from a source whose references are broken (a row written with foreign keys off)", async () => {
    const broken = await alteredSource("broken-reference", (raw) => {
      raw.pragma("foreign_keys = off");
      raw
        .prepare(
          "insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?)",
        )
        .run("orphan", 999, "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2027-01-01");
    });
    const target = await freshTarget("broken-target");
    const run = await cli(["db:copy", "--from", broken, "--to", target.url]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      "The source breaks 1 foreign keys (the first: sessions row 1 names a missing users row)",
    );
    await expectUntouched(target);
  });

  it("without --to (usage)", async () => {
    const run = await cli(["db:copy", "--from", source]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("db:copy needs --to URL");
  });

  /** an untouched empty target: no SQLite file made, or a PostgreSQL database with no tables */
  async function expectUntouched(target: TestDatabase) {
    if (target.file) {
      expect(fs.existsSync(target.file)).toBe(false);
    } else {
      const tables = await onDb(target.url, async (db) => {
        const { rows } = await sql`select table_name from information_schema.tables
          where table_schema = current_schema()`.execute(db);
        return rows;
      });
      expect(tables).toEqual([]);
    }
  }
});

/** A copy of the demo source, changed by `change` on the raw SQLite handle. */
async function alteredSource(name: string, change: (raw: SqliteDatabase.Database) => void) {
  const file = path.join(dir.dir, `${name}.db`);
  const copied = await copyDatabase({ from: source, to: `file:${file}` });
  expect(copied.ok).toBe(true);
  const raw = new SqliteDatabase(file);
  try {
    change(raw);
  } finally {
    raw.close();
  }
  return `file:${file}`;
}

describe("db:copy that fails part way", () => {
  it("rolls the target back: a row the target's checks refuse leaves it empty", async () => {
    // written with SQLite's CHECKs switched off; it reaches the target after other tables' rows
    const bad = await alteredSource("bad-check", (raw) => {
      raw.pragma("ignore_check_constraints = on");
      const now = new Date().toISOString();
      raw
        .prepare(
          "insert into libraries (code, name, type, created_at, updated_at) values (?, ?, ?, ?, ?)",
        )
        .run("KOTA", "Not a village", "kota", now, now);
    });
    const target = await freshTarget("bad-check-target");
    const run = await cli(["db:copy", "--from", bad, "--to", target.url]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/juara db:copy failed: .*(CHECK constraint failed|check constraint)/);
    expect(run.out).toMatch(/^ {2}competitions +3 rows/m);
    if (target.file) {
      expect(fs.existsSync(target.file)).toBe(false);
    } else {
      // migrated, but no row anywhere and its triggers on: a second try may start afresh
      const disabled = await onDb(target.url, async (db) => {
        const { rows } = await sql`select tgname from pg_trigger
          where not tgisinternal and tgenabled = 'D'`.execute(db);
        return rows;
      });
      expect(disabled).toEqual([]);
      expect((await databaseFingerprint(target.url)).every((t) => t.rows === 0)).toBe(true);
    }
  });

  it("pages through every table in small batches (keys of several columns, text keys) alike", async () => {
    const small = await freshTarget("small-batches");
    const copied = await copyDatabase({ from: source, to: small.url, batchRows: 7 });
    expect(copied.ok).toBe(true);
    expect(await databaseFingerprint(small.url)).toEqual(await databaseFingerprint(source));
  });
});

describe("foreignKeyOrder", () => {
  const shape = (references: string[]) => ({ references: new Set(references) });

  it("puts every table after the tables it refers to, else by name", () => {
    const order = foreignKeyOrder(
      new Map([
        ["scores", shape(["sheets", "indicators"])],
        ["sheets", shape(["users"])],
        ["indicators", shape([])],
        ["users", shape(["users"])],
      ]),
    );
    expect(order).toEqual(["indicators", "users", "sheets", "scores"]);
  });

  it("refuses a cycle", () => {
    expect(() =>
      foreignKeyOrder(
        new Map([
          ["a", shape(["b"])],
          ["b", shape(["a"])],
        ]),
      ),
    ).toThrow(/cycle/);
  });
});
