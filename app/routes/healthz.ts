import { json } from "@remix-run/node";
import { databaseHealth } from "~/models/health.server";

/**
 * For monitors and load balancers: 200 when the database answers, 503 when it does not (within
 * 3 seconds), with which database it is (docs/http.md).
 */
export async function loader() {
  const database = await databaseHealth();
  return json(
    { status: database.answers ? "ok" : "unavailable", database },
    { status: database.answers ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
