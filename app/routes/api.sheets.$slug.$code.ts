import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { handleSheetPost, statusOf } from "~/routes/judge.$slug.$code/sheet-post.server";
import { requireRole } from "~/lib/session.server";

/**
 * The autosave endpoint: the score sheet's form fields (same contract as the page, docs/http.md)
 * answered with JSON, so a script can save without leaving the page and keep a copy on the
 * device when the connection drops.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const result = await handleSheetPost(user, params.slug ?? "", params.code ?? "", request);
  const headers = { "Cache-Control": "no-store" };
  switch (result.kind) {
    case "saved":
      return json(
        {
          status: "saved",
          version: result.version,
          sheetStatus: result.status,
          savedAt: result.savedAt,
          replayed: result.replayed,
        },
        { headers },
      );
    case "invalid":
      return json(
        { status: "invalid", errors: result.errors },
        { status: statusOf(result), headers },
      );
    case "conflict":
      return json(
        { status: "conflict", current: result.current },
        { status: statusOf(result), headers },
      );
    default:
      return json({ status: result.kind }, { status: statusOf(result), headers });
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["judge"]);
  return json({ status: "methodNotAllowed" }, { status: 405, headers: { Allow: "POST" } });
}
