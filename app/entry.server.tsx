import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isNotModified, notModified } from "./lib/http-cache.server";
import { NonceContext } from "./lib/nonce";

const ABORT_DELAY = 5_000;

/**
 * Rendered public pages, by URL and ETag. A page whose loader marked it public (built from an
 * immutable published snapshot, for an anonymous visitor) renders the same HTML every time,
 * except for the CSP nonce: it is stored with a placeholder and filled in per response. The
 * ETag changes with every publication, language and deploy, so a stale entry is never served;
 * on award day each page renders once and is then copied out of memory.
 */
const NONCE_SLOT = "\u0000nonce\u0000";
const PAGE_CACHE_LIMIT = 500;
const pageCache = new Map<string, string>();

function remember(key: string, html: string) {
  if (pageCache.size >= PAGE_CACHE_LIMIT) pageCache.delete(pageCache.keys().next().value!);
  pageCache.set(key, html);
}

function cacheKey(request: Request, status: number, headers: Headers): string | null {
  const etag = headers.get("ETag");
  if (status !== 200 || !etag || !(headers.get("Cache-Control") ?? "").startsWith("public"))
    return null;
  const url = new URL(request.url);
  return `${url.pathname}${url.search}|${etag}`;
}

/** Client-side navigations fetch loader data; a matching ETag answers 304 without a body. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (response.status === 200 && isNotModified(request, response.headers))
    return notModified(response.headers);
  return response;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // a page built from an immutable snapshot the client already has: skip rendering entirely
  if (responseStatusCode === 200 && isNotModified(request, responseHeaders)) {
    return notModified(responseHeaders);
  }
  const nonce = loadContext.cspNonce ?? "";
  const key = nonce.length >= 16 ? cacheKey(request, responseStatusCode, responseHeaders) : null;
  if (key) {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    const cached = pageCache.get(key);
    if (cached)
      return new Response(cached.split(NONCE_SLOT).join(nonce), {
        headers: responseHeaders,
        status: 200,
      });
    return renderWhole(remixContext, request, nonce).then((html) => {
      remember(key, html.split(nonce).join(NONCE_SLOT));
      return new Response(html, { headers: responseHeaders, status: 200 });
    });
  }
  // bots and no-JS clients get the whole document at once; browsers get it streamed
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** The whole document as a string (for the public page cache). */
function renderWhole(remixContext: EntryContext, request: Request, nonce: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (c: Buffer) => chunks.push(c));
    sink.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    sink.on("error", reject);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          pipe(sink);
        },
        onShellError: reject,
        onError: reject,
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
