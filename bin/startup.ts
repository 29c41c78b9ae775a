import { getDb } from "../app/lib/db.server";
import { getEnv, getSessionSecret } from "../app/lib/env.server";
import { seedDemo } from "../app/models/demo.server";
import { migrateToLatest } from "../db/connection";
import { isDatabaseEmpty, type DemoLogin } from "../db/seed/demo";

/**
 * What `npm start` does before it serves: validate the environment, make sure a session secret
 * exists, bring the schema up to date, and seed the demo when the database is brand new.
 */
export async function prepareDatabase(): Promise<{ seeded: DemoLogin[] | null }> {
  const env = getEnv();
  getSessionSecret();
  const db = getDb();
  await migrateToLatest(db);
  if (env.JUARA_NO_DEMO === "0" && (await isDatabaseEmpty(db))) {
    return { seeded: await seedDemo(db) };
  }
  return { seeded: null };
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const lines = logins.map((l) => `  ${l.role.padEnd(6)} ${l.email.padEnd(20)} ${l.password}`);
  return ["Demo competition seeded (demo data). Demo logins:", ...lines].join("\n");
}
