/**
 * The production (and dev) HTTP server: Express in front of Remix, so that every response gets
 * the security headers and every mutation passes the cross-site check before any app code runs.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { contentSecurityPolicy, nonceSource } from "../app/lib/csp.server";
import { isCrossSiteMutation } from "../app/lib/csrf.server";
import { getEnv } from "../app/lib/env.server";
import { formatDemoLogins, prepareDatabase } from "./startup";

const env = getEnv();
const production = env.NODE_ENV === "production";
const BUILD_PATH = path.resolve("build/index.js");
/** Larger bodies are refused with 413 before anything reads them; uploads get more room. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

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
  if (seeded) console.log(formatDemoLogins(seeded));

  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY === "1") app.set("trust proxy", true);

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
    }),
  );
  app.use(compression());

  app.use((req, res, next) => {
    const forwardedHost = env.TRUST_PROXY === "1" ? req.get("x-forwarded-host") : undefined;
    if (
      isCrossSiteMutation({
        method: req.method,
        secFetchSite: req.get("sec-fetch-site"),
        origin: req.get("origin"),
        host: forwardedHost ?? req.get("host"),
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
      ? MAX_UPLOAD_BYTES
      : MAX_BODY_BYTES;
    if (length > limit) {
      res.status(413).type("text/plain").send("Request body too large");
      return;
    }
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  const build = await importBuild();
  app.all(
    "*",
    createRequestHandler({
      build: production ? build : importBuild,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        allowScriptsByHash: (hashes: string[]) =>
          res.setHeader("Content-Security-Policy", contentSecurityPolicy(hashes, production)),
        secure: req.secure,
        clientIp: req.ip ?? "unknown",
      }),
    }),
  );

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
