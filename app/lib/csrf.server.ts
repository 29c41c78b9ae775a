/**
 * Cross-site request protection for every state-changing request, checked once in the server
 * before Remix sees the request (see docs/security.md). Browsers label each request with
 * Sec-Fetch-Site, and older ones at least send Origin on a POST; a request from another site is
 * refused. A request with neither header does not come from a browser, so it carries no
 * ambient cookie a victim could be tricked into sending. SameSite=Lax cookies are the second wall.
 */
import { hostnameOf } from "./env.server";

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
  if (
    req.secFetchSite !== undefined &&
    req.secFetchSite !== "same-origin" &&
    req.secFetchSite !== "none"
  )
    return true;
  // An Origin, when sent, must be this site whatever Sec-Fetch-Site claims: a browser never
  // pairs "same-origin" or "none" with a foreign Origin, so such a pair is forged.
  if (req.origin === undefined) return false;
  if (req.origin === "null" || !req.host) return true;
  try {
    return new URL(req.origin).host !== req.host.toLowerCase();
  } catch {
    return true;
  }
}

/**
 * True when the Host header names this server (its port is not compared: a proxy may publish
 * another one). Any other name reaching it is a DNS-rebinding page or a misdirected request.
 */
export function isAllowedHost(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!host) return false;
  const name = hostnameOf(host);
  return name !== null && allowed.has(name);
}
