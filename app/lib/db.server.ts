import { createDb, type DB } from "../../db/connection";

export { isDatabaseUnavailable } from "../../db/connection";
import { getEnv } from "./env.server";

export type { DB };

declare global {
  // The bundled app and the server entry both import this module; one connection serves both.
  var __juaraDb: DB | undefined;
}

export function getDb(): DB {
  if (!globalThis.__juaraDb) {
    const env = getEnv();
    const { db, sqlite } = createDb(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE });
    if (sqlite && env.DATABASE_MAX_PAGES)
      sqlite.pragma(`max_page_count = ${env.DATABASE_MAX_PAGES}`);
    globalThis.__juaraDb = db;
  }
  return globalThis.__juaraDb;
}

/** Points the app at an already-open database (the CLI and tests use this). */
export function useDatabase(db: DB): void {
  globalThis.__juaraDb = db;
}

/**
 * Runs `work` with the app pointed at `db`, then points it back: the demo seed builds its staged
 * competition through the models, which call getDb(), on whatever database it was handed.
 */
export async function withDatabase<T>(db: DB, work: () => Promise<T>): Promise<T> {
  const previous = globalThis.__juaraDb;
  globalThis.__juaraDb = db;
  try {
    return await work();
  } finally {
    globalThis.__juaraDb = previous;
  }
}

export async function closeDb(): Promise<void> {
  const db = globalThis.__juaraDb;
  globalThis.__juaraDb = undefined;
  await db?.destroy();
}
