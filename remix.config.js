/** Remix v2 classic compiler. Server-only code (better-sqlite3, node:crypto) is reached only
 * through *.server.ts modules so the browser build never sees it. */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Packages the Node server must not resolve at run time from node_modules in ESM mode.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
