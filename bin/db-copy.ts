/**
 * `juara db:copy`: copies a whole database into an empty one, SQLite or PostgreSQL on either side
 * (moving up from one office's SQLite file to a PostgreSQL server, and back). README "Moving to
 * PostgreSQL and back".
 *
 * - Every table the migrations make, in foreign-key order, every column, ids kept; the target is
 *   brought up through the real migrations first, so its schema is the app's own.
 * - One read snapshot of the source (a read transaction on SQLite, `repeatable read` on
 *   PostgreSQL) and one transaction on the target: a failure anywhere leaves the target as empty
 *   as it was.
 * - The copy reproduces the source exactly, so the target's triggers must not fire while it runs
 *   (a new competition's first stage, a sheet's `sheet_points`, a row's default stage would be
 *   made a second time). On PostgreSQL `session_replication_role = replica` for the transaction
 *   when the account may set it (a superuser), which also skips the foreign-key checks (a SQLite
 *   source's references are checked before the copy); else `alter table … disable trigger user`,
 *   which the tables' owner may (the copy's own migrations made the copying account the owner),
 *   references checked as rows arrive. On SQLite the triggers are dropped and made again from
 *   their own text, in the transaction, and the references are checked before the commit.
 * - Ids continue where the source's left off: PostgreSQL's identity sequences and SQLite's
 *   `sqlite_sequence` are set past both the highest id copied and the source's own high-water
 *   mark (an id deleted at the end is never given again; the audit log may name it).
 * - Before the commit every table is read back from the target: its row count and a SHA-256 of
 *   its rows in primary-key order must equal the source's, or nothing is committed.
 *
 * Rows are read in batches (keyset pages on SQLite, a cursor on PostgreSQL) and written in
 * multi-row inserts within both databases' bound-parameter limits, so memory stays flat.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, sql, type RawBuilder } from "kysely";
import {
  createDb,
  databaseKind,
  databasePath,
  migrateToLatest,
  type DatabaseKind,
} from "../db/connection";
import { migrations } from "../db/migrations/index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the copy works on every table by name
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** rows per insert and per read, unless the table is so wide that the parameter limit is lower */
export const BATCH_ROWS = 1000;
/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER; PostgreSQL's protocol counts parameters in 16 bits */
const MAX_PARAMETERS: Record<DatabaseKind, number> = { sqlite: 32_766, postgres: 65_535 };
/** a line of progress for every this many rows of a big table */
const PROGRESS_EVERY = 100_000;

export interface CopyOptions {
  /** the source's DATABASE_URL */
  from: string;
  /** the target's DATABASE_URL; an empty database (or a SQLite file not there yet) */
  to: string;
  /** rows per batch (default BATCH_ROWS) */
  batchRows?: number;
  /** a line of progress (per table, totals) */
  progress?: (line: string) => void;
}

export interface TableCopied {
  table: string;
  rows: number;
  /** SHA-256 of the table's rows in primary-key order, the same on both sides */
  hash: string;
}

export type CopyResult =
  | { ok: true; tables: TableCopied[]; rows: number; seconds: number }
  /** refused before anything changed (the target is as it was) */
  | { ok: false; problem: string };

/** A URL to print: the password is left out. */
export function displayUrl(url: string): string {
  if (databaseKind(url) === "sqlite") return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

/** What a table is to the copy: its columns (source order), primary key and references. */
export interface TableShape {
  columns: string[];
  primaryKey: string[];
  /** PostgreSQL text columns (ordered bytewise, as SQLite does, with collate "C") */
  text: Set<string>;
  /** PostgreSQL: each column's type name (int4, text, float8 …), for the inserts' arrays */
  types: Map<string, string>;
  references: Set<string>;
}
export type Shapes = Map<string, TableShape>;

interface Side {
  url: string;
  kind: DatabaseKind;
  db: AnyDb;
}

/** the tables the copy leaves alone: SQLite's own, and Kysely's record of the migrations */
const isAppTable = (name: string) => !/^(sqlite_|kysely_)/.test(name);

/**
 * Copies `from` into `to` (see the file's comment). Refusals come back as `{ ok: false }` before
 * anything changed; a failure during the copy throws after the target's transaction rolled back.
 */
export async function copyDatabase(options: CopyOptions): Promise<CopyResult> {
  const say = options.progress ?? (() => {});
  const { from, to } = options;
  if (sameLocation(from, to))
    return { ok: false, problem: "The source and the target are the same database." };
  for (const [role, url] of [
    ["source", from],
    ["target", to],
  ] as const)
    if (databaseKind(url) === "sqlite" && databasePath(url) === ":memory:")
      return {
        ok: false,
        problem: `The ${role} must be a file or a PostgreSQL database, not :memory:.`,
      };
  if (databaseKind(from) === "sqlite" && !fs.existsSync(databasePath(from)))
    return { ok: false, problem: `No database at ${databasePath(from)}.` };

  const source = openSource(from);
  let target: Side | undefined;
  // a SQLite target file this copy makes is removed again when the copy fails
  let madeFile: string | undefined;
  let committed = false;
  try {
    const state = await migrationState(source);
    if (state.missing.length > 0)
      return {
        ok: false,
        problem:
          `The source is not fully migrated (missing ${state.missing.join(", ")}); run ` +
          "`npm run juara -- migrate` with DATABASE_URL set to it first.",
      };
    if (state.unknown.length > 0)
      return {
        ok: false,
        problem: `The source has migrations this version does not know (${state.unknown.join(", ")}); copy it with the version that made it.`,
      };
    const shapes = await readShapes(source);
    const order = foreignKeyOrder(shapes);
    if (source.kind === "sqlite") {
      // SQLite keeps foreign keys only while they are switched on: a row written with them off
      // could name a row that is not there, and PostgreSQL's copy may not check them
      const { rows: broken } = await sql<{
        table: string;
        rowid: number;
        parent: string;
      }>`pragma foreign_key_check`.execute(source.db);
      if (broken.length > 0) {
        const first = broken[0]!;
        return {
          ok: false,
          problem:
            `The source breaks ${broken.length} foreign keys (the first: ${first.table} ` +
            `row ${first.rowid} names a missing ${first.parent} row); mend it before copying.`,
        };
      }
    }

    // the target is checked before anything touches it (an existing SQLite file read-only)
    const targetFile = databaseKind(to) === "sqlite" ? databasePath(to) : undefined;
    if (targetFile === undefined || fs.existsSync(targetFile)) {
      const probe = targetFile ? openReadOnly(to) : openWritable(to);
      try {
        if (!targetFile && (await sameServerDatabase(source, probe)))
          return { ok: false, problem: "The source and the target are the same database." };
        const filled = await tablesWithRows(probe, order);
        if (filled.length > 0)
          return {
            ok: false,
            problem:
              `The target is not empty: ${filled.slice(0, 5).join(", ")}` +
              `${filled.length > 5 ? ` and ${filled.length - 5} more tables` : ""} have rows. ` +
              "db:copy only copies into an empty database.",
          };
      } finally {
        await probe.db.destroy();
      }
    } else madeFile = targetFile;

    target = openWritable(to);
    await migrateToLatest(target.db);
    const targetShapes = await readShapes(target);
    const difference = schemaDifference(shapes, targetShapes);
    if (difference) throw new Error(`The target's schema differs from the source's: ${difference}`);

    say(`Copying ${displayUrl(from)} → ${displayUrl(to)} (${order.length} tables)`);
    const started = performance.now();
    let copiedIn = 0;
    const copied = await inSnapshot(source, (src) =>
      inTransaction(target!, async (dst) => {
        const highWater = await idHighWater(source, src, shapes);
        const restore = await suspendTriggers(target!, dst, order, say);
        const tables: TableCopied[] = [];
        for (const table of order) {
          const t0 = performance.now();
          const result = await copyTable(src, source, dst, target!, table, shapes.get(table)!, {
            into: targetShapes.get(table)!,
            batchRows: options.batchRows ?? BATCH_ROWS,
            say,
          });
          tables.push(result);
          say(
            `  ${table.padEnd(28)} ${String(result.rows).padStart(9)} rows  ${seconds(performance.now() - t0)}`,
          );
        }
        await continueIds(target!, dst, shapes, highWater);
        await restore();
        copiedIn = performance.now() - started;
        say("Checking the copy: row counts and content hashes, table by table …");
        for (const expected of tables) {
          const shape = shapes.get(expected.table)!;
          const got = await hashTable(dst, target!, expected.table, shape, options.batchRows);
          if (got.rows !== expected.rows || got.hash !== expected.hash)
            throw new Error(
              `${expected.table} differs after the copy (${got.rows} rows on the target, ` +
                `${expected.rows} in the source); nothing was committed.`,
            );
        }
        if (target!.kind === "sqlite") {
          const { rows } = await sql`pragma foreign_key_check`.execute(dst);
          if (rows.length > 0)
            throw new Error("The copy breaks a foreign key; nothing was committed.");
        }
        return tables;
      }),
    );
    committed = true;
    const rows = copied.reduce((n, t) => n + t.rows, 0);
    const took = (performance.now() - started) / 1000;
    say(
      `Copied ${rows} rows in ${copied.length} tables in ${seconds(copiedIn)} ` +
        `(${Math.round(rows / Math.max(copiedIn / 1000, 0.001))} rows/s), checked in ` +
        `${seconds(performance.now() - started - copiedIn)}: every table's row count and ` +
        "content hash match the source's.",
    );
    return { ok: true, tables: copied, rows, seconds: took };
  } finally {
    await source.db.destroy();
    await target?.db.destroy();
    if (madeFile && !committed)
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(madeFile + suffix, { force: true });
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

// ------------------------------------------------------------------------------ opening

function sqliteSide(url: string, database: SqliteDatabase.Database): Side {
  return { url, kind: "sqlite", db: new Kysely({ dialect: new SqliteDialect({ database }) }) };
}

/** A SQLite source is opened read-only: the copy never writes to it. */
function openSource(url: string): Side {
  return databaseKind(url) === "sqlite" ? openReadOnly(url) : openWritable(url);
}

function openReadOnly(url: string): Side {
  if (databaseKind(url) === "postgres") return openWritable(url);
  return sqliteSide(
    url,
    new SqliteDatabase(databasePath(url), { readonly: true, fileMustExist: true }),
  );
}

function openWritable(url: string): Side {
  const { db, kind } = createDb(url, { poolSize: 1 });
  return { url, kind, db: db as AnyDb };
}

/** The same file (after links) or the same server, port and database name. */
export function sameLocation(a: string, b: string): boolean {
  const kind = databaseKind(a);
  if (kind !== databaseKind(b)) return false;
  if (kind === "sqlite") {
    const real = (url: string) => {
      const file = databasePath(url);
      try {
        return fs.realpathSync(file);
      } catch {
        return file;
      }
    };
    return real(a) === real(b);
  }
  const place = (url: string) => {
    const u = new URL(url);
    let host = decodeURIComponent(u.hostname).toLowerCase() || "localhost";
    if (["localhost", "[::1]", "::1"].includes(host)) host = "127.0.0.1";
    const database = decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username);
    return `${host}:${u.port || "5432"}/${database}`;
  };
  return place(a) === place(b);
}

/**
 * Two PostgreSQL URLs can name one database differently (a host name and its address, a socket):
 * the server's start time and the database's oid tell.
 */
async function sameServerDatabase(a: Side, b: Side): Promise<boolean> {
  if (a.kind !== "postgres" || b.kind !== "postgres") return false;
  const identity = async (side: Side) => {
    const { rows } = await sql<{ id: string }>`select pg_postmaster_start_time()::text || '/' ||
      (select oid from pg_database where datname = current_database())::text as id`.execute(
      side.db,
    );
    return rows[0]!.id;
  };
  return (await identity(a)) === (await identity(b));
}

// ------------------------------------------------------------------------------ the schema

/** (`db`: the side's database, or a transaction on it: the side's one connection may be taken) */
async function tableExists(side: Side, table: string, db: AnyDb = side.db): Promise<boolean> {
  const { rows } =
    side.kind === "sqlite"
      ? await sql`select 1 from sqlite_master where type = 'table' and name = ${table}`.execute(db)
      : await sql`select 1 from information_schema.tables
          where table_schema = current_schema() and table_name = ${table}`.execute(db);
  return rows.length > 0;
}

/** Which of this version's migrations the database lacks, and which it has that this one lacks. */
async function migrationState(side: Side): Promise<{ missing: string[]; unknown: string[] }> {
  const known = Object.keys(migrations);
  if (!(await tableExists(side, "kysely_migration"))) return { missing: known, unknown: [] };
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(side.db);
  const have = new Set(rows.map((r) => r.name));
  return {
    missing: known.filter((name) => !have.has(name)),
    unknown: [...have].filter((name) => !known.includes(name)).sort(),
  };
}

async function readShapes(side: Side): Promise<Shapes> {
  const shapes: Shapes = new Map();
  if (side.kind === "sqlite") {
    const { rows: tables } = await sql<{ name: string }>`select name from sqlite_master
      where type = 'table' order by name`.execute(side.db);
    for (const { name } of tables.filter((t) => isAppTable(t.name))) {
      const { rows: columns } = await sql<{ name: string; pk: number }>`select name, pk
        from pragma_table_info(${name}) order by cid`.execute(side.db);
      const { rows: references } = await sql<{ table: string }>`select "table"
        from pragma_foreign_key_list(${name})`.execute(side.db);
      shapes.set(name, {
        columns: columns.map((c) => c.name),
        primaryKey: columns
          .filter((c) => c.pk > 0)
          .sort((x, y) => x.pk - y.pk)
          .map((c) => c.name),
        text: new Set(),
        types: new Map(),
        references: new Set(references.map((r) => r.table)),
      });
    }
    return shapes;
  }
  const { rows: columns } = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
  }>`select c.table_name, c.column_name, c.data_type, c.udt_name
    from information_schema.columns c join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(side.db);
  for (const c of columns) {
    if (!isAppTable(c.table_name)) continue;
    let shape = shapes.get(c.table_name);
    if (!shape) {
      shape = {
        columns: [],
        primaryKey: [],
        text: new Set(),
        types: new Map(),
        references: new Set(),
      };
      shapes.set(c.table_name, shape);
    }
    shape.columns.push(c.column_name);
    shape.types.set(c.column_name, c.udt_name);
    if (["text", "character varying", "character"].includes(c.data_type))
      shape.text.add(c.column_name);
  }
  const { rows: keys } = await sql<{ table_name: string; column_name: string }>`
    select k.table_name, k.column_name
    from information_schema.table_constraints c join information_schema.key_column_usage k
      on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name
        and k.table_name = c.table_name
    where c.constraint_type = 'PRIMARY KEY' and c.table_schema = current_schema()
    order by k.table_name, k.ordinal_position`.execute(side.db);
  for (const k of keys) shapes.get(k.table_name)?.primaryKey.push(k.column_name);
  const { rows: references } = await sql<{ table: string; references: string }>`
    select t.relname as table, r.relname as references
    from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
    where c.contype = 'f' and t.relnamespace = current_schema()::regnamespace`.execute(side.db);
  for (const r of references) shapes.get(r.table)?.references.add(r.references);
  return shapes;
}

/** Tables so that every table comes after the tables it refers to (then by name). */
export function foreignKeyOrder(shapes: Map<string, { references: Set<string> }>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const names = [...shapes.keys()].sort();
  while (order.length < names.length) {
    const next = names.find(
      (name) =>
        !placed.has(name) &&
        [...shapes.get(name)!.references].every(
          (r) => r === name || placed.has(r) || !shapes.has(r),
        ),
    );
    if (!next)
      throw new Error(
        `The tables' foreign keys form a cycle (${names.filter((n) => !placed.has(n)).join(", ")}).`,
      );
    order.push(next);
    placed.add(next);
  }
  return order;
}

/** A readable difference between two schemas, or null when they hold the same tables and columns. */
function schemaDifference(source: Shapes, target: Shapes): string | null {
  const problems: string[] = [];
  for (const [table, shape] of source) {
    const other = target.get(table);
    if (!other) {
      problems.push(`no table ${table}`);
      continue;
    }
    const missing = shape.columns.filter((c) => !other.columns.includes(c));
    const extra = other.columns.filter((c) => !shape.columns.includes(c));
    if (missing.length) problems.push(`${table} lacks ${missing.join(", ")}`);
    if (extra.length) problems.push(`${table} has more columns (${extra.join(", ")})`);
    if (shape.primaryKey.join() !== other.primaryKey.join())
      problems.push(`${table}'s primary key differs`);
    if (shape.primaryKey.length === 0) problems.push(`${table} has no primary key`);
  }
  for (const table of target.keys())
    if (!source.has(table)) problems.push(`the source has no table ${table}`);
  return problems.length ? problems.join("; ") : null;
}

async function tablesWithRows(side: Side, tables: string[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    if (!(await tableExists(side, table))) continue;
    const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(side.db);
    if (rows.length > 0) filled.push(table);
  }
  return filled;
}

// ------------------------------------------------------------------------------ transactions

/** One consistent view of the source for the whole copy. */
async function inSnapshot<T>(side: Side, work: (db: AnyDb) => Promise<T>): Promise<T> {
  if (side.kind === "postgres")
    return side.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(work);
  return side.db.transaction().execute(work);
}

async function inTransaction<T>(side: Side, work: (db: AnyDb) => Promise<T>): Promise<T> {
  if (side.kind === "sqlite") {
    // references are checked at the commit (the copy's order already satisfies them)
    return side.db.transaction().execute(async (trx) => {
      await sql`pragma defer_foreign_keys = on`.execute(trx);
      return work(trx);
    });
  }
  return side.db.transaction().execute(work);
}

/**
 * Keeps the target's triggers from firing during the copy; the returned function puts them back
 * (inside the same transaction, so a failure puts them back too, by rolling back).
 */
async function suspendTriggers(
  side: Side,
  db: AnyDb,
  tables: string[],
  say: (line: string) => void,
): Promise<() => Promise<void>> {
  if (side.kind === "postgres") {
    // a superuser (or an account granted SET on it) turns triggers and the foreign-key checks
    // off for this transaction alone: several times faster, and the references were checked in
    // the source (by PostgreSQL, or by SQLite's foreign_key_check before the copy)
    await sql`savepoint juara_copy`.execute(db);
    try {
      await sql`set local session_replication_role = replica`.execute(db);
      await sql`release savepoint juara_copy`.execute(db);
      say(
        "Triggers and foreign-key checks are off for the copy (session_replication_role = replica).",
      );
      return async () => {
        await sql`set local session_replication_role = origin`.execute(db);
      };
    } catch {
      await sql`rollback to savepoint juara_copy`.execute(db);
    }
    // the tables' owner turns their triggers off; PostgreSQL checks every reference as it goes
    try {
      for (const table of tables)
        await sql`alter table ${sql.table(table)} disable trigger user`.execute(db);
    } catch (error) {
      throw new Error(
        `${(error as Error).message}: db:copy must run as the owner of the target's tables ` +
          "(the account that migrated them) or a superuser",
      );
    }
    say(
      "Triggers are off for the copy (alter table … disable trigger user, as the tables' owner).",
    );
    return async () => {
      for (const table of tables)
        await sql`alter table ${sql.table(table)} enable trigger user`.execute(db);
    };
  }
  const { rows: triggers } = await sql<{ name: string; text: string }>`select name, sql as text
    from sqlite_master where type = 'trigger' order by name`.execute(db);
  for (const t of triggers) await sql`drop trigger ${sql.id(t.name)}`.execute(db);
  return async () => {
    for (const t of triggers) await sql.raw(t.text).execute(db);
  };
}

// ------------------------------------------------------------------------------ rows

function ordered(side: Side, shape: TableShape): RawBuilder<unknown>[] {
  return shape.primaryKey.map((c) =>
    side.kind === "postgres" && shape.text.has(c) ? sql`${sql.id(c)} collate "C"` : sql.id(c),
  );
}

/**
 * The table's rows in primary-key order (text bytewise on both databases), a batch at a time:
 * keyset pages on SQLite, a cursor on PostgreSQL (must run inside a transaction).
 */
async function* readBatches(
  db: AnyDb,
  side: Side,
  table: string,
  shape: TableShape,
  batchRows: number,
): AsyncGenerator<Row[]> {
  const columns = sql.join(shape.columns.map((c) => sql.id(c)));
  const order = sql.join(ordered(side, shape));
  if (side.kind === "postgres") {
    await sql`declare juara_copy no scroll cursor for
      select ${columns} from ${sql.table(table)} order by ${order}`.execute(db);
    try {
      let rows: Row[];
      do {
        ({ rows } = await sql<Row>`fetch forward ${sql.raw(String(batchRows))}
          from juara_copy`.execute(db));
        if (rows.length > 0) yield rows;
      } while (rows.length === batchRows);
    } finally {
      await sql`close juara_copy`.execute(db);
    }
    return;
  }
  const key = shape.primaryKey.map((c) => sql.id(c));
  let last: Row | undefined;
  for (;;) {
    const after = last
      ? sql`where (${sql.join(key)}) > (${sql.join(shape.primaryKey.map((c) => last![c]))})`
      : sql``;
    const { rows } = await sql<Row>`select ${columns} from ${sql.table(table)} ${after}
      order by ${order} limit ${batchRows}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < batchRows) return;
    last = rows[rows.length - 1];
  }
}

/** SHA-256 over the rows, each a JSON array of its values by column name (the two databases may
 * order a table's columns differently: SQLite rebuilt some tables where PostgreSQL altered them) */
function rowHasher(shape: TableShape) {
  const columns = [...shape.columns].sort();
  const hash = crypto.createHash("sha256");
  let rows = 0;
  return {
    add(batch: Row[]) {
      for (const row of batch) hash.update(JSON.stringify(columns.map((c) => row[c])) + "\n");
      rows += batch.length;
    },
    get rows() {
      return rows;
    },
    digest: () => hash.digest("hex"),
  };
}

function batchSize(side: Side, shape: TableShape, batchRows: number): number {
  return Math.max(
    1,
    Math.min(batchRows, Math.floor(MAX_PARAMETERS[side.kind] / shape.columns.length)),
  );
}

async function copyTable(
  src: AnyDb,
  source: Side,
  dst: AnyDb,
  target: Side,
  table: string,
  shape: TableShape,
  options: { into: TableShape; batchRows: number; say: (line: string) => void },
): Promise<TableCopied> {
  const rows = batchSize(target, shape, options.batchRows);
  const hasher = rowHasher(shape);
  let reported = 0;
  for await (const batch of readBatches(src, source, table, shape, rows)) {
    if (target.kind === "postgres") await insertArrays(dst, table, options.into, batch);
    else await dst.insertInto(table).values(batch).execute();
    hasher.add(batch);
    if (hasher.rows - reported >= PROGRESS_EVERY) {
      reported = hasher.rows;
      options.say(`  ${table} … ${hasher.rows} rows`);
    }
  }
  return { table, rows: hasher.rows, hash: hasher.digest() };
}

/**
 * A batch into PostgreSQL as one array per column (`insert … select * from unnest($1::int4[], …)`):
 * a handful of parameters instead of one per value, several times faster to parse and bind.
 */
async function insertArrays(db: AnyDb, table: string, shape: TableShape, batch: Row[]) {
  const columns = shape.columns;
  const arrays = columns.map(
    (c) => sql`${batch.map((row) => row[c] ?? null)}::${sql.id(shape.types.get(c)!)}[]`,
  );
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))})
    select * from unnest(${sql.join(arrays)})`.execute(db);
}

async function hashTable(
  db: AnyDb,
  side: Side,
  table: string,
  shape: TableShape,
  batchRows = BATCH_ROWS,
): Promise<{ rows: number; hash: string }> {
  const hasher = rowHasher(shape);
  for await (const batch of readBatches(db, side, table, shape, batchRows)) hasher.add(batch);
  return { rows: hasher.rows, hash: hasher.digest() };
}

/** Every table's content hash (row count and SHA-256 in primary-key order), as the copy checks it. */
export async function databaseFingerprint(url: string): Promise<TableCopied[]> {
  const side = openReadOnly(url);
  try {
    const shapes = await readShapes(side);
    return await inSnapshot(side, async (db) => {
      const tables: TableCopied[] = [];
      for (const table of foreignKeyOrder(shapes))
        tables.push({ table, ...(await hashTable(db, side, table, shapes.get(table)!)) });
      return tables;
    });
  } finally {
    await side.db.destroy();
  }
}

// ------------------------------------------------------------------------------ ids

/** The tables whose ids the database numbers itself, with a sequence or AUTOINCREMENT. */
async function numberedTables(side: Side, db: AnyDb, shapes: Shapes): Promise<Map<string, string>> {
  const numbered = new Map<string, string>();
  for (const [table, shape] of shapes) {
    if (shape.primaryKey.join() !== "id") continue;
    if (side.kind === "postgres") {
      const { rows } = await sql<{
        sequence: string | null;
      }>`select pg_get_serial_sequence(${table}, 'id') as sequence`.execute(db);
      if (rows[0]?.sequence) numbered.set(table, rows[0].sequence);
    } else {
      const { rows } =
        await sql`select 1 from sqlite_master where type = 'table' and name = ${table}
        and sql like '%autoincrement%'`.execute(db);
      if (rows.length > 0) numbered.set(table, table);
    }
  }
  return numbered;
}

/**
 * The highest id each table has ever given (SQLite's `sqlite_sequence`, a PostgreSQL sequence's
 * last value), which may be above the highest id still there.
 */
async function idHighWater(side: Side, db: AnyDb, shapes: Shapes): Promise<Map<string, number>> {
  const high = new Map<string, number>();
  if (side.kind === "sqlite") {
    if (!(await tableExists(side, "sqlite_sequence", db))) return high;
    const { rows } = await sql<{ name: string; seq: number }>`select name, seq
      from sqlite_sequence`.execute(db);
    for (const r of rows) high.set(r.name, Number(r.seq));
    return high;
  }
  for (const [table, sequence] of await numberedTables(side, db, shapes)) {
    const { rows } = await sql<{ last_value: number; is_called: boolean }>`select last_value,
      is_called from ${sql.raw(sequence)}`.execute(db);
    const r = rows[0]!;
    const given = r.is_called ? Number(r.last_value) : Number(r.last_value) - 1;
    if (given > 0) high.set(table, given);
  }
  return high;
}

/** Sets the target's id counters past the copied ids and the source's high-water mark. */
async function continueIds(
  side: Side,
  db: AnyDb,
  shapes: Shapes,
  highWater: Map<string, number>,
): Promise<void> {
  for (const [table, sequence] of await numberedTables(side, db, shapes)) {
    const { rows } = await sql<{
      max: number | null;
    }>`select max(id) as max from ${sql.table(table)}`.execute(db);
    const used = Math.max(Number(rows[0]?.max ?? 0), highWater.get(table) ?? 0);
    if (side.kind === "postgres") {
      // an untouched sequence gives 1 next; one that gave `used` gives used + 1
      await sql`select setval(${sequence}::regclass, ${Math.max(used, 1)}::bigint, ${used > 0})`.execute(
        db,
      );
    } else {
      await sql`delete from sqlite_sequence where name = ${table}`.execute(db);
      if (used > 0 || highWater.has(table))
        await sql`insert into sqlite_sequence (name, seq) values (${table}, cast(${used} as integer))`.execute(
          db,
        );
    }
  }
}
