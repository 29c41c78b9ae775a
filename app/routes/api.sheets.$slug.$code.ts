import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { handleSheetPost, statusOf } from "~/routes/judge.$slug.$code/sheet-post.server";
import { timed } from "~/lib/server-timing.server";
import { requireRole } from "~/lib/session.server";
import type { SaveOutcome } from "~/lib/sheet-contract";

/**
 * The autosave endpoint: the score sheet's form fields (same contract as the page, docs/http.md)
 * answered with the save's outcome as JSON, so a script can save without leaving the page and
 * keep a copy on the device when the connection drops.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await timed(context.timing, "session", () => requireRole(request, ["judge"]));
  const { outcome } = await handleSheetPost(
    user,
    params.slug ?? "",
    params.code ?? "",
    request,
    context.timing,
  );
  return json<SaveOutcome>(outcome, {
    status: statusOf(outcome),
    headers: { "Cache-Control": "no-store" },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["judge"]);
  return json({ status: "methodNotAllowed" }, { status: 405, headers: { Allow: "POST" } });
}
