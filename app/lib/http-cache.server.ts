import type { Lang } from "~/i18n";

/**
 * Cache headers for pages built from an immutable published snapshot. The page also depends on
 * the language and on who is logged in (the header shows their name), so both are part of the
 * validator; anonymous visitors — the award-day crowd — get a shared, reusable response.
 */
export function snapshotCacheHeaders(version: string, lang: Lang, userId: number | null): Headers {
  const headers = new Headers();
  headers.set("ETag", `"${version}-${lang}-${userId ?? "anon"}"`);
  headers.set("Vary", "Cookie");
  headers.set(
    "Cache-Control",
    userId === null ? "public, max-age=60, stale-while-revalidate=600" : "private, no-cache",
  );
  return headers;
}

/** True when the browser or CDN already holds this exact response. */
export function isNotModified(request: Request, headers: Headers): boolean {
  const etag = headers.get("ETag");
  if (!etag) return false;
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** A 304 with the validators and caching headers, no body. */
export function notModified(headers: Headers): Response {
  const out = new Headers();
  for (const name of ["ETag", "Cache-Control", "Vary"]) {
    const value = headers.get(name);
    if (value) out.set(name, value);
  }
  return new Response(null, { status: 304, headers: out });
}
