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

/** What a response says when nothing may keep a copy: a signed-in page, a form, an error. */
const PRIVATE_NO_STORE = "private, no-store";

/**
 * The pages anyone may read (docs/http.md): built from published results or public lists, and
 * the same for every anonymous visitor. Everything else is someone's own view or a form.
 */
const PUBLIC_PATHS = [
  /^\/$/,
  /^\/about\/?$/,
  /^\/archive\/?$/,
  /^\/competitions\/[^/]+(\/(how-we-judged|ceremony|certificates|finalists))?\/?$/,
  /^\/libraries\/[^/]+\/?$/,
  /^\/api\/competitions\/[^/]+\/results\/?$/,
];

function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => p.test(pathname));
}

/**
 * The Cache-Control a response leaves with. A route that chose "public" or "private" keeps its
 * choice (the published pages and their validators); an anonymous public page keeps whatever it
 * had. Everything else — every response to a signed-in user, the login and account pages,
 * redirects and errors — is "private, no-store", so no browser disk, shared computer's history
 * or proxy keeps an unpublished ranking or a judge's sheet.
 */
export function cacheControlFor(
  pathname: string,
  signedIn: boolean,
  current: string | null,
): string | null {
  if (current && /\b(public|private)\b/i.test(current)) return current;
  if (!signedIn && isPublicPath(pathname)) return current;
  return PRIVATE_NO_STORE;
}
