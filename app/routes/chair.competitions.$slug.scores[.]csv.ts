import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLang } from "~/i18n/lang.server";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { scoreMatrixCsv } from "~/models/exports.server";

/** The full score matrix, entry × judge × indicator, with notes: the paper sheets' record. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const csv = await scoreMatrixCsv(c.id, await getLang(request));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${c.slug}-nilai.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
