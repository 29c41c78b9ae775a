import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { handleClaimsPost } from "~/routes/judge.$slug.$code/claims-post.server";
import { claimsStatusOf, type ClaimsOutcome } from "~/lib/claim-values";
import { requireRole } from "~/lib/session.server";

/**
 * The visit checks' endpoint: the same fields as the sheet page's `?claims` form (docs/http.md),
 * answered as JSON, so the page's script saves a check without leaving the page and keeps what
 * the judge typed when a request fails.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const { outcome } = await handleClaimsPost(user, params.slug ?? "", params.code ?? "", request);
  return json<ClaimsOutcome>(outcome, {
    status: claimsStatusOf(outcome),
    headers: { "Cache-Control": "no-store" },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["judge"]);
  return json({ status: "methodNotAllowed" }, { status: 405, headers: { Allow: "POST" } });
}
