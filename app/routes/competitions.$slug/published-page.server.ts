// This folder has no route module (route.tsx), so it adds no route: it holds what the public
// pages `competitions.$slug.*` share.
import crypto from "node:crypto";
import { getLang } from "~/i18n/lang.server";
import { getPublicSnapshot, type PublicSnapshot } from "~/models/public.server";
import { snapshotCacheHeaders } from "~/lib/http-cache.server";
import { getSessionUser } from "~/lib/session.server";

/**
 * Every public page of a competition starts here: the published snapshot or a 404 (never 403,
 * which would tell the world an unpublished competition exists), plus its cache headers. A page
 * that also shows something outside the snapshot (the certificates' signers) passes it as
 * `alsoShows`, so the validator changes when it does.
 */
export async function loadPublishedPage(
  request: Request,
  slug: string | undefined,
  alsoShows?: unknown,
): Promise<{ snapshot: PublicSnapshot; headers: Headers }> {
  const snapshot = slug ? await getPublicSnapshot(slug) : null;
  if (!snapshot) throw new Response("Not found", { status: 404 });
  const [lang, user] = await Promise.all([getLang(request), getSessionUser(request)]);
  const version =
    alsoShows === undefined
      ? snapshot.version
      : `${snapshot.version}-${crypto
          .createHash("sha256")
          .update(JSON.stringify(alsoShows))
          .digest("base64url")
          .slice(0, 12)}`;
  return { snapshot, headers: snapshotCacheHeaders(version, lang, user?.id ?? null) };
}
