import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, createSqliteDb, migrateToLatest, type DB } from "../../db/connection";
import { emptyTestDatabase, tempDir, type TestDatabase } from "../support/db";

/**
 * The same numbered migrations give the same schema on SQLite and PostgreSQL
 * (docs/decisions/013-postgresql.md): the same tables and columns (and which may be null), the
 * same unique keys, foreign keys (with their ON DELETE), number of CHECKs, indexes and triggers. How each database
 * enforces them is tested by the constraint and property tests, which run on both.
 */

interface Shape {
  columns: string[];
  uniques: string[];
  foreignKeys: string[];
  indexes: string[];
  triggers: string[];
  /** how many CHECK constraints the table has */
  checks: number;
}

const APP_TABLE = (name: string) => !name.startsWith("kysely_") && !name.startsWith("sqlite_");

async function sqliteShape(db: DB): Promise<Map<string, Shape>> {
  const shapes = new Map<string, Shape>();
  const { rows: tables } = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
  for (const { name } of tables.filter((t) => APP_TABLE(t.name))) {
    const { rows: cols } = await sql<{ name: string; notnull: number; pk: number }>`
      select name, "notnull", pk from pragma_table_info(${name})`.execute(db);
    const { rows: indexList } = await sql<{ name: string; unique: number; origin: string }>`
      select name, "unique", origin from pragma_index_list(${name})`.execute(db);
    const uniques: string[] = [];
    const indexes: string[] = [];
    for (const index of indexList) {
      const { rows: indexCols } = await sql<{ name: string }>`
        select name from pragma_index_info(${index.name}) order by seqno`.execute(db);
      const columns = indexCols.map((c) => c.name).join(",");
      if (index.origin === "u") uniques.push(columns);
      if (index.origin === "c")
        indexes.push(`${index.name}(${columns})${index.unique ? " unique" : ""}`);
    }
    const { rows: fks } = await sql<{
      id: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }>`select id, "table", "from", "to", on_delete from pragma_foreign_key_list(${name}) order by id, seq`.execute(
      db,
    );
    const byId = new Map<
      number,
      { table: string; from: string[]; to: string[]; onDelete: string }
    >();
    for (const fk of fks) {
      const entry = byId.get(fk.id) ?? {
        table: fk.table,
        from: [],
        to: [],
        onDelete: fk.on_delete,
      };
      entry.from.push(fk.from);
      entry.to.push(fk.to);
      byId.set(fk.id, entry);
    }
    const { rows: triggers } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'trigger' and tbl_name = ${name}`.execute(db);
    const { rows: created } = await sql<{ sql: string }>`
      select sql from sqlite_master where type = 'table' and name = ${name}`.execute(db);
    const checks = created[0]!.sql.match(/\bcheck\s*\(/gi)?.length ?? 0;
    shapes.set(name, {
      columns: cols.map((c) => `${c.name}${c.notnull || c.pk ? " not null" : ""}`).sort(),
      uniques: uniques.sort(),
      foreignKeys: [...byId.values()]
        .map(
          (f) => `${f.from.join(",")} -> ${f.table}(${f.to.join(",")}) ${f.onDelete.toLowerCase()}`,
        )
        .sort(),
      indexes: indexes.sort(),
      triggers: triggers.map((t) => t.name).sort(),
      checks,
    });
  }
  return shapes;
}

async function postgresShape(db: DB): Promise<Map<string, Shape>> {
  const shapes = new Map<string, Shape>();
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  for (const { name } of tables.filter((t) => APP_TABLE(t.name))) {
    const { rows: cols } = await sql<{ name: string; is_nullable: string }>`
      select column_name as name, is_nullable from information_schema.columns
      where table_schema = 'public' and table_name = ${name}`.execute(db);
    // unique constraints and foreign keys, with their columns in key order
    const { rows: constraints } = await sql<{
      contype: string;
      columns: string;
      target: string | null;
      target_columns: string | null;
      confdeltype: string;
    }>`
      select c.contype,
        (select string_agg(a.attname, ',' order by k.n) from unnest(c.conkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns,
        c.confrelid::regclass::text as target,
        (select string_agg(a.attname, ',' order by k.n) from unnest(c.confkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as target_columns,
        c.confdeltype
      from pg_constraint c where c.conrelid = ${name}::regclass and c.contype in ('u', 'f')`.execute(
      db,
    );
    const onDelete: Record<string, string> = {
      a: "no action",
      r: "restrict",
      c: "cascade",
      n: "set null",
      d: "set default",
    };
    // indexes made by CREATE INDEX (not those behind a primary key or unique constraint)
    const { rows: indexes } = await sql<{ name: string; columns: string; unique: boolean }>`
      select i.relname as name, x.indisunique as unique,
        (select string_agg(a.attname, ',' order by k.n) from unnest(x.indkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum) as columns
      from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = ${name}::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(db);
    const { rows: triggers } = await sql<{ name: string }>`
      select tgname as name from pg_trigger where tgrelid = ${name}::regclass and not tgisinternal`.execute(
      db,
    );
    const { rows: checks } = await sql<{ n: number }>`
      select count(*) as n from pg_constraint where conrelid = ${name}::regclass and contype = 'c'`.execute(
      db,
    );
    shapes.set(name, {
      checks: checks[0]!.n,
      columns: cols.map((c) => `${c.name}${c.is_nullable === "NO" ? " not null" : ""}`).sort(),
      uniques: constraints
        .filter((c) => c.contype === "u")
        .map((c) => c.columns)
        .sort(),
      foreignKeys: constraints
        .filter((c) => c.contype === "f")
        .map((c) => `${c.columns} -> ${c.target}(${c.target_columns}) ${onDelete[c.confdeltype]}`)
        .sort(),
      indexes: indexes.map((i) => `${i.name}(${i.columns})${i.unique ? " unique" : ""}`).sort(),
      triggers: triggers.map((t) => t.name).sort(),
    });
  }
  return shapes;
}

describe("the schema on SQLite and on PostgreSQL", () => {
  const dir = tempDir();
  let lite: DB;
  let pgDb: DB;
  let pgDatabase: TestDatabase;

  beforeAll(async () => {
    lite = createSqliteDb(`file:${dir.dir}/parity.db`).db;
    await migrateToLatest(lite);
    pgDatabase = await emptyTestDatabase(dir.dir);
    pgDb = createDb(pgDatabase.url, { poolSize: 2 }).db;
    await migrateToLatest(pgDb);
  });

  afterAll(async () => {
    await lite.destroy();
    await pgDb.destroy();
    await pgDatabase.drop();
    dir.remove();
  });

  it("has the same tables, columns, keys, checks, indexes and triggers", async () => {
    const [a, b] = await Promise.all([sqliteShape(lite), postgresShape(pgDb)]);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect(a.size).toBeGreaterThan(30);
    for (const [table, shape] of a) expect({ table, ...b.get(table) }).toEqual({ table, ...shape });
  });
});
