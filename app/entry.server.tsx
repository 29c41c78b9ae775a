import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { inlineScriptHashes } from "./lib/csp.server";
import { isDatabaseUnavailable } from "./lib/db.server";
import { isNotModified, notModified } from "./lib/http-cache.server";
import { NonceContext } from "./lib/nonce";
import { scriptsAfterPaint } from "./lib/scripts-after-paint.server";
import { StylesheetContext } from "./lib/inline-stylesheet";
import { stylesheetText } from "./lib/stylesheet.server";
import "./lib/zod-messages";

const ABORT_DELAY = 5_000;

/**
 * Rendered public pages, by URL and ETag. A page whose loader marked it public (built from an
 * immutable published snapshot, for an anonymous visitor) renders the same HTML every time, so it
 * is rendered once and then copied out of memory: on award day each page costs one render per
 * publication. The ETag changes with every publication, language and deploy, so a stale entry is
 * never served.
 */
const PAGE_CACHE_LIMIT = 500;
interface RenderedPage {
  html: string;
  scriptHashes: string[];
}
const pageCache = new Map<string, RenderedPage>();

function remember(key: string, page: RenderedPage) {
  if (pageCache.size >= PAGE_CACHE_LIMIT) pageCache.delete(pageCache.keys().next().value!);
  pageCache.set(key, page);
}

function cacheKey(request: Request, headers: Headers): string | null {
  if (!(headers.get("Cache-Control") ?? "").startsWith("public")) return null;
  const url = new URL(request.url);
  return `${url.pathname}${url.search}|${headers.get("ETag")}`;
}

/**
 * A loader or action that failed because the database did not answer (a PostgreSQL server
 * restarting, a lost connection) marks the request, and bin/server.ts answers it with 503 and a
 * message instead of the 500 error page: one line in the log, not a stack trace per request.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (isDatabaseUnavailable(error)) {
    context.databaseUnavailable = true;
    console.error(`Database unavailable: ${(error as Error).message}`);
    return;
  }
  if (request.signal.aborted) return;
  // Remix's own default: a route error response carries the error it wraps (private field)
  const wrapped = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  console.error(wrapped ?? error);
};

/** Client-side navigations fetch loader data; a matching ETag answers 304 without a body. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (response.status === 200 && isNotModified(request, response.headers))
    return notModified(response.headers);
  return response;
}

/** The app as every render path renders it: the response's nonce and the stylesheet's text. */
function app(remixContext: EntryContext, request: Request, nonce: string) {
  return (
    <NonceContext.Provider value={nonce}>
      <StylesheetContext.Provider value={stylesheetText()}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </StylesheetContext.Provider>
    </NonceContext.Provider>
  );
}

/**
 * A page with a validator (ETag) may be answered later with a 304, and the browser then runs the
 * HTML it kept under the policy of the 304: its scripts are allowed by their hashes, which belong
 * to that HTML, never by a per-response nonce (app/lib/csp.server.ts).
 */
async function respondWithValidator(
  request: Request,
  headers: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const key = cacheKey(request, headers);
  let page = key ? pageCache.get(key) : undefined;
  if (!page) {
    // public pages: the podium painted before the scripts are fetched
    const html = scriptsAfterPaint(await renderWhole(remixContext, request, ""));
    page = { html, scriptHashes: inlineScriptHashes(html) };
    if (key) remember(key, page);
  }
  loadContext.allowScriptsByHash(page.scriptHashes);
  if (isNotModified(request, headers)) return notModified(headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  return new Response(page.html, { headers, status: 200 });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // bin/server.ts answers instead: nothing to render
  if (loadContext.databaseUnavailable) return new Response(null, { status: 503 });
  if (responseStatusCode === 200 && responseHeaders.has("ETag")) {
    return respondWithValidator(request, responseHeaders, remixContext, loadContext);
  }
  const nonce = loadContext.cspNonce;
  // bots and no-JS clients get the whole document at once; browsers get it streamed
  const wholeFirst = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const deadline = abortLater();
    const ready = () => {
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
    };
    const { pipe, abort } = renderToPipeableStream(app(remixContext, request, nonce), {
      nonce,
      onShellReady() {
        if (!wholeFirst) ready();
      },
      onAllReady() {
        deadline.cancel();
        if (wholeFirst) ready();
      },
      onShellError(error: unknown) {
        deadline.cancel();
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    deadline.start(abort);
  });
}

/**
 * A render still running after ABORT_DELAY is aborted; one that finished cancels its timer. A
 * timer left running would keep the finished render (its whole tree and the page's data)
 * reachable for ABORT_DELAY: under award-day traffic, seconds' worth of pages held in memory.
 */
function abortLater() {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  return {
    start(abort: () => void) {
      if (!done) timer = setTimeout(abort, ABORT_DELAY);
    },
    cancel() {
      done = true;
      clearTimeout(timer);
    },
  };
}

/** The whole document as a string (for the public page cache). */
function renderWhole(remixContext: EntryContext, request: Request, nonce: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const deadline = abortLater();
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (c: Buffer) => chunks.push(c));
    sink.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    sink.on("error", reject);
    const { pipe, abort } = renderToPipeableStream(app(remixContext, request, nonce), {
      nonce,
      onAllReady() {
        deadline.cancel();
        pipe(sink);
      },
      onShellError: reject,
      onError: reject,
    });
    deadline.start(abort);
  });
}
