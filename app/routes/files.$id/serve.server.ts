import { fileResponse } from "~/lib/serve-file.server";
import { getSessionUser } from "~/lib/session.server";
import { evidenceFileFor } from "~/models/evidence.server";

const notFound = () => new Response("Not found", { status: 404, statusText: "Not Found" });

/**
 * `/files/<id>` and `/files/<id>/thumb`: the same 404 for an unknown id, a visitor who is not
 * logged in and someone who may not see the file, so its existence says nothing.
 */
export async function serveEvidence(
  request: Request,
  rawId: string | undefined,
  variant: "full" | "thumb",
): Promise<Response> {
  if (!rawId || !/^[1-9]\d{0,9}$/.test(rawId)) return notFound();
  const user = await getSessionUser(request);
  if (!user || user.mustChangePassword) return notFound();
  const file = await evidenceFileFor(user, Number(rawId), variant);
  if (!file) return notFound();
  return fileResponse(request, file);
}
