/**
 * `npm run bench [name ...]`: runs every benchmark (or the named ones) one after the other and
 * prints their figures. Benchmarks are measurements, never tests: nothing here fails a build.
 * BENCH_SECONDS shortens the timed runs for a quick look.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { serverBundleOptions } from "../bin/build-server";
import { printGoalSummary } from "./support/goals";

const ALL = ["bundle", "scoring", "ranking", "public", "mobile", "uploads", "scale", "import"];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length > 0 ? wanted : ALL;
let failed = 0;

// the benchmarks' servers run the bundle (tests/support/server.ts): bundle bin/server.ts as it
// stands (under a second), so an edit to it is measured without a whole `npm run build`
await build(serverBundleOptions);

for (const name of names) {
  const file = path.join(import.meta.dirname, `${name}.ts`);
  if (!fs.existsSync(file)) {
    console.log(`\n== ${name}: no such benchmark (have: ${ALL.join(", ")})`);
    failed++;
    continue;
  }
  console.log(`\n== ${name}`);
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as {
      main: () => Promise<void>;
    };
    await mod.main();
    console.log(`(${name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`${name} could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
printGoalSummary();
process.exitCode = failed > 0 ? 1 : 0;
