/**
 * Cross-site request protection for every state-changing request, checked once in the server
 * before Remix sees the request (see docs/security.md). Browsers label each request with
 * Sec-Fetch-Site, and older ones at least send Origin on a POST; a request from another site is
 * refused. A request with neither header does not come from a browser, so it carries no
 * ambient cookie a victim could be tricked into sending. SameSite=Lax cookies are the second wall.
 */
export interface RequestOriginInfo {
  method: string;
  secFetchSite: string | undefined;
  origin: string | undefined;
  /** the host the browser addressed (Host, or X-Forwarded-Host behind a trusted proxy) */
  host: string | undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteMutation(req: RequestOriginInfo): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return false;
  if (req.secFetchSite !== undefined) {
    return req.secFetchSite !== "same-origin" && req.secFetchSite !== "none";
  }
  if (req.origin === undefined) return false;
  if (req.origin === "null" || !req.host) return true;
  try {
    return new URL(req.origin).host !== req.host;
  } catch {
    return true;
  }
}
