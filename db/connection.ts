import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index";
import type { Database, Executor } from "./schema";

/** The opened database. */
export type DB = Executor;

/** `file:data/juara.db`, `file:/abs/path.db`, a bare path, or `:memory:` → a file system path. */
export function databasePath(url: string): string {
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

export function createDb(url: string): { db: DB; sqlite: SqliteDatabase.Database } {
  const sqlite = openSqlite(databasePath(url));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, sqlite };
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
