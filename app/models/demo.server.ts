import { insertDemo, type DemoLogin } from "../../db/seed/demo";
import { getDb, type DB } from "~/lib/db.server";
import { writeSnapshot } from "./publishing.server";

/** The demo competition (db/seed/demo.ts), its 2023 results published as the app publishes. */
export async function seedDemo(db: DB = getDb()): Promise<DemoLogin[]> {
  return insertDemo(writeSnapshot, db);
}
