/**
 * The production (and dev) HTTP server: Express in front of Remix, so that every response gets
 * the security headers and every mutation passes the cross-site check before any app code runs.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
// the adapter's own request and response translation (what its createRequestHandler runs),
// so that the body check and the cache policy below sit between them and Remix
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import {
  broadcastDevReady,
  createRequestHandler,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { parseLang, translate, type MessageKey } from "../app/i18n";
import { sectionsByPath } from "../app/i18n/chunks.server";
import { langCookie } from "../app/i18n/lang.server";
import { contentSecurityPolicy, nonceSource } from "../app/lib/csp.server";
import { isAllowedHost, isCrossSiteMutation } from "../app/lib/csrf.server";
import { isDatabaseUnavailable } from "../app/lib/db.server";
import { allowedHosts, getEnv } from "../app/lib/env.server";
import { formBodyProblem, mediaType } from "../app/lib/form-body.server";
import { cacheControlFor } from "../app/lib/http-cache.server";
import { ServerTiming } from "../app/lib/server-timing.server";
import { hasSessionCookie } from "../app/lib/session.server";
import { uploadBodyLimit } from "../app/lib/upload-form.server";
import { cleanUpEvidenceFiles } from "../app/models/evidence.server";
import { formatDemoLogins, prepareDatabase } from "./startup";

// When a program allocates fast (a hundred pages rendering at once), V8 lets the old generation
// grow to up to four times what survived the last full collection, and keeps the memory: under
// award day's load the server's heap reached 200 MB around 50 MB of live objects. Twice the live
// objects is room enough: the full collections come more often, each as short. V8 reads the flag
// at every collection, so setting it here, before the first request, is early enough.
v8.setFlagsFromString("--heap-growing-percent=100");

const env = getEnv();
const production = env.NODE_ENV === "production";
const BUILD_PATH = path.resolve("build/index.js");
/**
 * Larger bodies are refused with 413 before anything reads them; multipart forms get more room,
 * and the upload routes (app/lib/upload-form.server.ts) their own limit.
 */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** A refusal before Remix, as plain text in the visitor's language. */
async function refuse(
  req: express.Request,
  res: express.Response,
  status: number,
  key: MessageKey,
) {
  const lang = parseLang(await langCookie.parse(req.get("cookie") ?? null));
  res.status(status).type("text/plain").send(translate(lang, key));
}

/**
 * The database did not answer (app/entry.server.tsx marks the request): 503 with the message in
 * the visitor's language, as JSON for the endpoints scripts call (`/api/…`, a page's data
 * request, `Accept: application/json`), else as plain text. Nothing in it needs the database.
 */
async function databaseUnavailable(req: express.Request, res: express.Response) {
  const lang = parseLang(await langCookie.parse(req.get("cookie") ?? null));
  const message = translate(lang, "error.503");
  res.status(503).set({ "Retry-After": "5", "Cache-Control": "no-store" });
  const json =
    req.path.startsWith("/api/") ||
    req.query._data !== undefined ||
    (req.get("accept") ?? "").includes("application/json");
  // a page's data request: Remix's browser code shows the error page (status 503) for it
  if (req.query._data !== undefined) res.set("X-Remix-Catch", "yes");
  if (json) res.json({ status: "unavailable", message });
  else res.type("text/plain").send(message);
}

/**
 * The right-most value of a forwarded header: what the proxy next to us wrote (one that appends
 * puts its own entry last; everything left of it came from the client).
 */
function nearestForwarded(value: string | undefined): string | undefined {
  const last = value?.split(",").pop()?.trim();
  return last ? last : undefined;
}

/**
 * An answer sent in one piece, as `sendRemixResponse` sends it but with its length: written
 * through a stream, piece by piece, compression cannot know its size and gzips even the save's
 * 100 bytes (a zlib stream made and torn down per answer: the server's CPU per flat-out save fell
 * from 2.7 to 1.4 ms without it, docs/performance.md). Known whole, an answer under
 * compression's threshold (1 KB) goes as it is, a larger one is gzipped as before. For JSON only
 * (a resource route's, a page's data request; deferred data has a type of its own), which Remix
 * never streams; pages stream as they render.
 */
async function sendWhole(res: express.Response, answer: Response): Promise<void> {
  const body = Buffer.from(await answer.arrayBuffer());
  res.statusMessage = answer.statusText;
  res.status(answer.status);
  for (const [key, value] of answer.headers.entries()) res.append(key, value);
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

async function importBuild(): Promise<ServerBuild> {
  const stamp = production ? "" : `?t=${fs.statSync(BUILD_PATH).mtimeMs}`;
  return (await import(pathToFileURL(BUILD_PATH).href + stamp)) as ServerBuild;
}

async function main() {
  if (!fs.existsSync(BUILD_PATH)) {
    console.error("No build found: run `npm run build` first (npm start does it for you).");
    process.exit(1);
  }
  const { seeded } = await prepareDatabase();
  await cleanUpEvidenceFiles();
  if (seeded) console.log(formatDemoLogins(seeded));

  const app = express();
  app.disable("x-powered-by");
  // a number of hops, or the proxies' addresses: never "true", which would take the left-most
  // X-Forwarded-For entry — the one the client writes — as its address
  if (env.TRUST_PROXY !== false) app.set("trust proxy", env.TRUST_PROXY);
  const trustsPeer = app.get("trust proxy fn") as (
    address: string | undefined,
    i: number,
  ) => boolean;
  const hosts = allowedHosts(env);
  const timingOn = env.JUARA_SERVER_TIMING === "1";

  // measuring (docs/performance.md): the request's time counts from here
  if (timingOn)
    app.use((_req, res, next) => {
      res.locals.timing = new ServerTiming();
      next();
    });

  // X-Forwarded-Host/-Proto reduced to what the trusted proxy wrote, or dropped when the
  // connection does not come from one, so that Express, Remix and the checks below all read
  // the same host and scheme
  app.use((req, _res, next) => {
    const trusted = env.TRUST_PROXY !== false && trustsPeer(req.socket.remoteAddress, 0);
    for (const name of ["x-forwarded-host", "x-forwarded-proto"] as const) {
      const value = trusted ? nearestForwarded(req.get(name)) : undefined;
      if (value) req.headers[name] = value;
      else delete req.headers[name];
    }
    next();
  });
  // DNS rebinding: a foreign name resolving to this server must not reach it, even for reading
  app.use((req, res, next) => {
    if (isAllowedHost(req.get("x-forwarded-host") ?? req.get("host"), hosts)) return next();
    void refuse(req, res, 421, "error.misdirected").catch(next);
  });

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use((_req, res, next) => {
    res.setHeader(
      "Content-Security-Policy",
      contentSecurityPolicy([nonceSource(res.locals.cspNonce as string)], production),
    );
    next();
  });
  app.use(
    helmet({
      // set above (app/lib/csp.server.ts), so a page can switch from a nonce to script hashes
      contentSecurityPolicy: false,
      // offices run Juara over plain HTTP on an intranet: never force an upgrade
      strictTransportSecurity: false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      // agrees with frame-ancestors 'none' for browsers that only know this header
      xFrameOptions: { action: "deny" },
    }),
  );
  app.use(compression());

  app.use((req, res, next) => {
    if (
      isCrossSiteMutation({
        method: req.method,
        secFetchSite: req.get("sec-fetch-site"),
        origin: req.get("origin"),
        host: req.get("x-forwarded-host") ?? req.get("host"),
      })
    ) {
      res.status(403).type("text/plain").send("Cross-site request refused");
      return;
    }
    // A mutation must say its size up front (browsers always do), so the limit below holds;
    // a chunked body of unknown length could otherwise stream past it.
    const hasBody = !["GET", "HEAD", "OPTIONS"].includes(req.method);
    if (hasBody && req.get("transfer-encoding") && !req.get("content-length")) {
      res.status(411).type("text/plain").send("Length required");
      return;
    }
    const length = Number(req.get("content-length") ?? 0);
    const limit = req.get("content-type")?.startsWith("multipart/")
      ? (uploadBodyLimit(req.path) ?? MAX_UPLOAD_BYTES)
      : MAX_BODY_BYTES;
    if (length > limit) {
      res.status(413).type("text/plain").send("Request body too large");
      return;
    }
    // a POST with no body at all (a script logging out) is an empty form
    if (hasBody && !req.get("content-type") && length === 0 && !req.get("transfer-encoding"))
      req.headers["content-type"] = "application/x-www-form-urlencoded";
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  const build = await importBuild();
  const routeSections = sectionsByPath(build.routes);
  const handleRemix = createRequestHandler(production ? build : importBuild, env.NODE_ENV);
  app.all("*", async (req, res, next) => {
    try {
      const timing = res.locals.timing as ServerTiming | undefined;
      timing?.add("express", timing.elapsed());
      const request = createRemixRequest(req, res);
      const problem = await formBodyProblem(request);
      if (problem) return await refuse(req, res, problem.status, problem.message);
      const context: AppLoadContext = {
        cspNonce: res.locals.cspNonce as string,
        allowScriptsByHash: (hashes: string[]) =>
          res.setHeader("Content-Security-Policy", contentSecurityPolicy(hashes, production)),
        secure: req.secure,
        clientIp: req.ip ?? "unknown",
        timing,
        routeSections,
      };
      const handling = timing ? performance.now() : 0;
      const response = await handleRemix(request, context);
      timing?.add("app", performance.now() - handling);
      if (context.databaseUnavailable) {
        await response.body?.cancel();
        return await databaseUnavailable(req, res);
      }
      const cacheControl = cacheControlFor(
        req.path,
        hasSessionCookie(req.get("cookie")),
        response.headers.get("Cache-Control"),
      );
      const headers = new Headers(response.headers);
      if (cacheControl) headers.set("Cache-Control", cacheControl);
      if (timing) headers.set("Server-Timing", timing.header());
      const answer = new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
      if (mediaType(headers.get("Content-Type")) === "application/json")
        await sendWhole(res, answer);
      else await sendRemixResponse(res, answer);
    } catch (error) {
      if (isDatabaseUnavailable(error) && !res.headersSent)
        return void (await databaseUnavailable(req, res).catch(next));
      next(error);
    }
  });

  const server = app.listen(env.PORT, env.HOST, () => {
    console.log(`Juara is running on http://localhost:${env.PORT}`);
    if (!production) void broadcastDevReady(build);
  });
  const shutdown = () => server.close(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
