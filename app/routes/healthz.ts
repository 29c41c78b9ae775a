import { json } from "@remix-run/node";
import { isDatabaseReachable } from "~/models/health.server";

/** For monitors and load balancers: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const ok = await isDatabaseReachable();
  return json(
    { status: ok ? "ok" : "unavailable" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
