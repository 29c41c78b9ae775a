import { insertDemo, type DemoLogin } from "../../db/seed/demo";
import { getDb, withDatabase, type DB } from "~/lib/db.server";
import { insertStagedDemo } from "./demo-stages.server";
import { writeSnapshot } from "./publishing.server";

/**
 * The demo (db/seed/demo.ts): its 2023 results published as the app publishes, and a competition
 * in three stages built through the models (demo-stages.server.ts), on the database handed in.
 */
export async function seedDemo(db: DB = getDb()): Promise<DemoLogin[]> {
  const logins = await insertDemo(writeSnapshot, db);
  await withDatabase(db, insertStagedDemo);
  return logins;
}
