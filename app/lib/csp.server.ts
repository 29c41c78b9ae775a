import crypto from "node:crypto";

/**
 * The Content-Security-Policy of every response. Scripts are allowed either by a nonce, fresh
 * for each response, or — for a page that can be revalidated (it has an ETag) — by the hashes of
 * its inline scripts. A 304 answer makes the browser reuse the HTML it holds, with the policy
 * headers of the 304: a nonce would change under that HTML and block its scripts, and a nonce in
 * a page that shared caches keep would be the same for every visitor. Hashes are a property of
 * the HTML itself, so every copy of a page and every 304 for it carry the same, correct policy.
 */
export function contentSecurityPolicy(scriptSources: string[], production: boolean): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...scriptSources],
    // charts and React set style attributes
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": production ? ["'self'"] : ["'self'", "ws:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join(";");
}

export const nonceSource = (nonce: string) => `'nonce-${nonce}'`;

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** `'sha256-…'` sources for each distinct inline script of a rendered document. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const digest = crypto.createHash("sha256").update(match[1]!, "utf8").digest("base64");
    hashes.add(`'sha256-${digest}'`);
  }
  return [...hashes];
}
