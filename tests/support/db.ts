import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { closeDb, useDatabase } from "../../app/lib/db.server";

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = "juara-test-"): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TestDb {
  db: DB;
  file: string;
  url: string;
  cleanup: () => Promise<void>;
}

/**
 * A real SQLite file in a temp folder, brought up through the real migrations, and made the
 * app's database (models call getDb()). Each test file runs in its own process.
 */
export async function createTestDb(): Promise<TestDb> {
  const { dir, remove } = tempDir();
  const file = path.join(dir, "juara.db");
  const url = `file:${file}`;
  process.env.DATABASE_URL = url;
  process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
  const { db } = createDb(url);
  await migrateToLatest(db);
  useDatabase(db);
  return {
    db,
    file,
    url,
    cleanup: async () => {
      await closeDb();
      remove();
    },
  };
}
