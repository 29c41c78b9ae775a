import { sql } from "kysely";
import { getDb } from "~/lib/db.server";

export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await sql`select 1`.execute(getDb());
    return true;
  } catch {
    return false;
  }
}
