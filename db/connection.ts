import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type MigrationResultSet,
  type PostgresPoolClient,
} from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { isPostgres } from "./dialect";
import { migrations } from "./migrations/index";
import type { Database, Executor } from "./schema";

/** The opened database. */
export type DB = Executor;

/** Which database a DATABASE_URL names (docs/decisions/013-postgresql.md). */
export type DatabaseKind = "sqlite" | "postgres";

/** `postgres://…` or `postgresql://…` is PostgreSQL; `file:…`, a bare path or `:memory:` is SQLite. */
export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

/** `file:data/juara.db`, `file:/abs/path.db`, a bare path, or `:memory:` → a file system path. */
export function databasePath(url: string): string {
  if (databaseKind(url) === "postgres")
    throw new Error("A PostgreSQL database has no file path (DATABASE_URL is postgres://…)");
  const raw = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (raw === ":memory:") return raw;
  return path.resolve(raw);
}

/**
 * Where evidence files live (docs/decisions/012-self-assessment.md): `FILES_DIR` when set, else
 * `files/` beside the database file (`data/files` for the default `data/juara.db`). An in-memory
 * database has no folder: its files go to a folder of this process under the system's temp dir.
 */
export function filesPath(databaseUrl: string, filesDir?: string): string {
  if (filesDir) return path.resolve(filesDir);
  if (databaseKind(databaseUrl) === "postgres") return path.resolve("data/files");
  const database = databasePath(databaseUrl);
  if (database === ":memory:") return path.join(os.tmpdir(), `juara-files-${process.pid}`);
  return path.join(path.dirname(database), "files");
}

/**
 * Opens the database with the settings the official record needs, on every connection:
 * WAL so readers never block the writer, synchronous=FULL so an acknowledged save survives a
 * power cut (a connection that switched to WAL itself would otherwise keep another default),
 * a busy timeout for the CLI writing beside the server, and foreign keys (off by default in SQLite).
 */
function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  return sqlite;
}

/** Statements kept for reuse, the most recently used first out last. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The handle Kysely's SQLite driver runs on, keeping each statement it prepares for the next query
 * with the same SQL text: the driver prepares every query afresh, and preparing (parsing and
 * planning) costs more than running most of the app's queries. Kysely binds parameters, so a
 * query's text repeats from one request to the next. A statement is reset after each run (the
 * driver reads every row with `all`, never streams), and SQLite prepares it again by itself when
 * the schema changes (a migration).
 */
function reusingStatements(sqlite: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(text: string): SqliteDatabase.Statement {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
    close: () => sqlite.close(),
  };
}

/**
 * PostgreSQL's 64-bit integers (`count(*)`, `sum()` of integers) and `numeric` arrive from `pg`
 * as strings, so that no digit is lost; every such value the app reads is a count or a sum far
 * below 2^53, so it is read as a number. A whole number beyond 2^53 is refused instead of
 * rounded; a `numeric` with a fraction (an average, a ratio) is read as the nearest double, as
 * SQLite returns it (docs/decisions/013-postgresql.md).
 */
function exactNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) && !(Number.isFinite(n) && /^-?\d+\.\d+$/.test(text)))
    throw new Error(`A number from PostgreSQL does not fit a JavaScript number exactly: ${text}`);
  return n;
}
const INT8 = 20;
const NUMERIC = 1700;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8 || oid === NUMERIC) return exactNumber;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export interface OpenedDb {
  db: DB;
  kind: DatabaseKind;
  /** the SQLite handle (backup, pragmas); absent on PostgreSQL */
  sqlite?: SqliteDatabase.Database;
  /** the PostgreSQL pool; absent on SQLite */
  pool?: pg.Pool;
}

export interface OpenOptions {
  /** PostgreSQL connections in the pool (DATABASE_POOL_SIZE); default 10 */
  poolSize?: number;
}

declare global {
  var __juaraPools: WeakMap<DB, pg.Pool> | undefined;
}
/**
 * The pool each PostgreSQL database createDb opened runs on (onOneConnection). Kept on
 * `globalThis`: the server entry (build/server.js) and the app (build/index.js) each bundle a
 * copy of this module, and the database one of them opens serves both (app/lib/db.server.ts).
 */
const pools = (globalThis.__juaraPools ??= new WeakMap<DB, pg.Pool>());

/**
 * Rows written into a table with PostgreSQL's COPY: `columns` its column names, `chunks` the rows
 * in COPY's text format (fields joined by tabs, texts through `copyText`, null as `COPY_NULL`, a
 * line feed after each row), any number of rows a chunk. Resolves once the server has
 * them all; a row the table refuses fails it, and with it the transaction it ran in.
 */
export type CopyIn = (table: string, columns: string[], chunks: Iterable<string>) => Promise<void>;

/**
 * Runs `work` with `db` narrowed to one connection: on PostgreSQL one connection taken from the
 * pool for the whole of `work` (given back after it), with `copyIn` writing rows through that
 * same connection, so inside `work`'s transaction: COPY reads rows twice as fast as an INSERT of
 * the same rows from arrays (1.5 M scores 3.2 s against 6–8 s here), and Kysely has no way to
 * reach its connection's client. On SQLite (one connection already) `work` gets `db` itself and
 * no `copyIn`.
 */
export async function onOneConnection<T>(
  db: DB,
  work: (db: DB, copyIn: CopyIn | null) => Promise<T>,
): Promise<T> {
  const pool = pools.get(db);
  if (!pool) {
    if (isPostgres(db))
      throw new Error("onOneConnection: this PostgreSQL database was not opened by createDb");
    return work(db, null);
  }
  const client = await pool.connect();
  // a rollback that failed leaves the connection unusable: Kysely asks to discard it
  let discard = false;
  const one: PostgresPoolClient = {
    query: client.query.bind(client),
    release: (destroy?: boolean) => {
      discard ||= destroy === true;
    },
  };
  const narrowed = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => one, end: async () => {} } }),
  });
  const copyIn: CopyIn = async (table, columns, chunks) => {
    await pipeline(
      Readable.from(chunks, { objectMode: false }),
      client.query(copyFrom(`copy ${table} (${columns.join(", ")}) from stdin`)),
    );
  };
  try {
    return await work(narrowed, copyIn);
  } catch (error) {
    // a COPY cut short leaves the connection in a state no one should inherit
    discard = true;
    throw error;
  } finally {
    await narrowed.destroy();
    client.release(discard);
  }
}

/** A text as COPY's text format writes a field: backslash, tab and line breaks escaped. */
export function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!);
}
const COPY_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
};
/** COPY's text format's null */
export const COPY_NULL = "\\N";

export function createDb(url: string, options: OpenOptions = {}): OpenedDb {
  if (databaseKind(url) === "postgres") {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      // a lost server must give an error soon, not a request that waits for ever
      connectionTimeoutMillis: 5_000,
      types: pgTypes,
    });
    // a connection the server dropped (restart, network) must not crash the process: an idle one
    // the pool discards; one a request holds emits its error on the client, where nothing would
    // listen while the request has it, so every client gets a listener of its own. The request's
    // query fails instead (isDatabaseUnavailable), the pool discards the connection, and the next
    // query opens a new one once the server is back
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pools.set(db, pool);
    return { db, kind: "postgres", pool };
  }
  const sqlite = openSqlite(databasePath(url));
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: reusingStatements(sqlite) }),
  });
  return { db, kind: "sqlite", sqlite };
}

/**
 * PostgreSQL's answers that mean "the database is not there right now", not "this request is
 * wrong": class 08 (connection exception), 57P01–57P03 (the server is shutting down, crashed or
 * starting up), 53300 (too many connections), and the driver's own errors for a connection refused,
 * cut or not made in time; on SQLite, a write lock another process held past the busy timeout
 * (SQLITE_BUSY). The app answers them with 503 (bin/server.ts), never 500.
 */
const UNAVAILABLE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "connection error and is not queryable",
  "timeout exceeded when trying to connect",
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    (code.startsWith("08") || code.startsWith("SQLITE_BUSY") || UNAVAILABLE_CODES.has(code))
  )
    return true;
  if (UNAVAILABLE_MESSAGES.some((m) => error.message.includes(m))) return true;
  // pg reports a refused connection to "localhost" (IPv4 and IPv6 both tried) as one of several
  return error instanceof AggregateError && error.errors.some(isDatabaseUnavailable);
}

/** SQLite only (backups, pragmas, the SQLite benchmarks): refuses a PostgreSQL URL. */
export function createSqliteDb(url: string): { db: DB; sqlite: SqliteDatabase.Database } {
  const opened = createDb(url);
  if (!opened.sqlite) throw new Error("This needs a SQLite database (DATABASE_URL=file:…)");
  return { db: opened.db, sqlite: opened.sqlite };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    // Kysely's default order check stays on: every database runs the migrations in one order, so
    // a migration can rely on exactly the schema the ones before it left. A branch's migration is
    // renumbered after the latest one on main when it merges, never slotted in before it.
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
