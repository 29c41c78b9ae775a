import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireRole } from "~/lib/session.server";
import { handlePhotoPost } from "~/routes/judge.$slug.$code/photos-post.server";

/**
 * A visit judge's photos (docs/http.md): the sheet's photo form posts here (a large multipart
 * body, read as a stream), and its script sends each photo kept on the device the same way.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  return handlePhotoPost(user, params.slug ?? "", params.code ?? "", request);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["judge"]);
  return json({ status: "methodNotAllowed" }, { status: 405, headers: { Allow: "POST" } });
}
