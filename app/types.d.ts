import "@remix-run/node";
import type { ServerTiming } from "./lib/server-timing.server";
import type { RouteSections } from "./i18n/navigation";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** per-request nonce for the Content-Security-Policy */
    cspNonce: string;
    /** replaces the nonce in this response's policy by these script hashes (revalidated pages) */
    allowScriptsByHash: (hashes: string[]) => void;
    /** the request came over HTTPS (directly or via a trusted proxy) */
    secure: boolean;
    /** the client's address, for login rate limiting */
    clientIp: string;
    /** set when a loader or action failed because the database did not answer (entry.server) */
    databaseUnavailable?: boolean;
    /** where this request's time goes, only when JUARA_SERVER_TIMING=1 (docs/performance.md) */
    timing?: ServerTiming;
    /** each route's message sections (`handle.i18n`), read from the build once */
    routeSections?: RouteSections;
  }
}
