/**
 * The JavaScript each page sends before it is interactive, gzip, from the last build (`npm run
 * build`; `npm test` builds too): entry, root, the route's parents and the route, each file once
 * (bench/support/js-size.ts). Every page against its budget; chunks a page loads later with
 * `import()` (the charts) printed apart. Sizes are deterministic, so a test can hold the same
 * budget with the same module (`pagesOverBudget()`); this prints it.
 */
import fs from "node:fs";
import path from "node:path";
import { goal } from "./support/goals";
import { kib, measurePages, pageBudget } from "./support/js-size";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function main(): Promise<void> {
  const version = path.join(ROOT, "build/version.txt");
  if (!fs.existsSync(version)) throw new Error("No build: run `npm run build` first.");
  const built = fs.statSync(version).mtime.toISOString().slice(0, 16).replace("T", " ");
  const pages = await measurePages();
  console.log(`JavaScript per page, gzip, whole page (build of ${built} UTC):`);
  const lazy = new Map<string, number>();
  for (const page of pages) {
    const budget = pageBudget(page.route);
    const later = page.lazy.length > 0 ? ", charts later" : "";
    goal({
      name: `JS ${page.url} (${budget.kind}${later})`,
      value: kib(page.bytes),
      unit: "KiB",
      op: "≤",
      target: budget.kib,
    });
    for (const chunk of page.lazy) lazy.set(chunk.name, chunk.bytes);
  }
  if (lazy.size > 0)
    console.log("loaded after hydration, when a chart is drawn (not in the figures above):");
  for (const [name, bytes] of lazy) console.log(`  ${name}: ${kib(bytes).toFixed(1)} KiB`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
