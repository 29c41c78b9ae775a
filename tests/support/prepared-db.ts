import path from "node:path";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { migratedTestDatabase, type TestDb } from "./db";

export interface PreparedDatabase {
  /** DATABASE_URL of the database */
  url: string;
  /** the test's own connection to it (fixtures before the server starts, checks after) */
  db: DB;
  /**
   * What a server on this database needs: `startServer({ dataDir: dir, env: prepared.env })`.
   * DATABASE_URL; the evidence files in `dir/files` (beside the SQLite file, the default there);
   * on PostgreSQL a SESSION_SECRET, which a process may not invent for itself there.
   */
  env: Record<string, string>;
  /** closes the test's connection and drops the PostgreSQL database (stop the server first) */
  close: () => Promise<void>;
}

/**
 * A migrated database of the run's dialect for a test that fills it before starting a server on
 * it: `dir/juara.db` on SQLite (where `startServer({ dataDir: dir })` looks by default), a
 * database of its own on the PostgreSQL server otherwise.
 */
export async function preparedDatabase(dir: string): Promise<PreparedDatabase> {
  const database = await migratedTestDatabase(dir);
  const { db } = createDb(database.url, { poolSize: 2 });
  await migrateToLatest(db);
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    FILES_DIR: path.join(dir, "files"),
  };
  if (!database.file)
    env.SESSION_SECRET =
      process.env.SESSION_SECRET || "test-secret-test-secret-test-secret-0123456789";
  let closed = false;
  return {
    url: database.url,
    db,
    env,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      await database.drop();
    },
  };
}

/**
 * startServer's options for a server on createTestDb's database: its folder on SQLite; on
 * PostgreSQL the test process's own FILES_DIR and SESSION_SECRET, which createTestDb set and the
 * server inherits.
 */
export function serverOn(t: TestDb): { dataDir?: string; env: Record<string, string> } {
  const env = { DATABASE_URL: t.url };
  return t.file ? { dataDir: path.dirname(t.file), env } : { env };
}
