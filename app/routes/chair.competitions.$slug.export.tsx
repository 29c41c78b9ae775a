import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/lib/session.server";
import { exportCompetitionFile } from "~/models/competition-file.server";
import { requireCompetition } from "~/models/competitions.server";

/** The competition file (docs/competition-file.md) as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const file = await exportCompetitionFile(c.slug);
  return new Response(JSON.stringify(file, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${c.slug}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
