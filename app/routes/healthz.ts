import { json } from "@remix-run/node";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";

/** For monitors and load balancers: 200 when the database answers, 503 when it does not. */
export async function loader() {
  try {
    await sql`select 1`.execute(getDb());
    return json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
