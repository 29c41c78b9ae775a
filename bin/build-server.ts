/**
 * `npm run build`'s second step (after `remix build`): bin/server.ts and the project's own modules
 * it imports, bundled into one plain JavaScript file that `node` runs without a TypeScript loader
 * (`npm start`, `npm run serve`, the systemd unit, the tests' and benches' servers). Run through
 * tsx's loader, the server kept a second V8 heap for the loader's thread and the transpiled
 * sources of every module: about 40–80 MB of its resident memory (docs/performance.md).
 *
 * esbuild's JavaScript API rather than a command line in package.json: the options are named and
 * explained here, and tests/integration/server-bundle.test.ts builds with the very same ones.
 */
import path from "node:path";
import { build, type BuildOptions } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");

/** What `npm start` and `npm run serve` run with `node`, relative to the project folder. */
export const SERVER_BUNDLE = "build/server.js";

export const serverBundleOptions: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: ["bin/server.ts"],
  outfile: SERVER_BUNDLE,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // every package stays an import that Node resolves from node_modules at run time: native
  // bindings (better-sqlite3, @node-rs/argon2, sharp) cannot be bundled, and the rest is already
  // JavaScript that Node loads once, shared with the Remix build (build/index.js) that imports
  // the same packages. Only the project's own TypeScript goes into the file (the `~/` alias of
  // tsconfig.json is resolved first, so it is bundled too).
  packages: "external",
  // readable stack traces without a source map: nothing renamed, nothing minified
  minify: false,
  keepNames: true,
  logLevel: "warning",
  metafile: true,
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await build(serverBundleOptions);
  const bytes = Object.values(result.metafile!.outputs)[0]?.bytes ?? 0;
  console.log(`server bundled: ${SERVER_BUNDLE} (${Math.round(bytes / 1024)} KB)`);
}
