import { getDb } from "../app/lib/db.server";
import { getEnv, getSessionSecret } from "../app/lib/env.server";
import { seedDemo } from "../app/models/demo.server";
import { sql } from "kysely";
import { migrateToLatest, type DB } from "../db/connection";
import { isPostgres } from "../db/dialect";
import { isDatabaseEmpty, type DemoLogin } from "../db/seed/demo";

/**
 * What `npm start` does before it serves: validate the environment, make sure a session secret
 * exists, bring the schema up to date, and seed the demo when the database is brand new.
 */
export async function prepareDatabase(): Promise<{ seeded: DemoLogin[] | null }> {
  const env = getEnv();
  getSessionSecret();
  const db = getDb();
  return oneAtATime(db, async () => {
    await migrateToLatest(db);
    if (env.JUARA_NO_DEMO === "0" && (await isDatabaseEmpty(db))) {
      return { seeded: await seedDemo(db) };
    }
    return { seeded: null };
  });
}

/** any fixed number: the lock that app processes starting together on one PostgreSQL database take */
const STARTUP_LOCK = 7_012_024;

/**
 * Several app processes may start at once on one PostgreSQL database (docs/deploy.md): the first
 * migrates and seeds while the others wait on an advisory lock, then find the work done. A SQLite
 * file serves one process (its CLI writes beside it with a busy timeout), so no lock is needed.
 */
async function oneAtATime<T>(db: DB, work: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(conn);
    }
  });
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const lines = logins.map((l) => `  ${l.role.padEnd(6)} ${l.email.padEnd(20)} ${l.password}`);
  return ["Demo competition seeded (demo data). Demo logins:", ...lines].join("\n");
}
