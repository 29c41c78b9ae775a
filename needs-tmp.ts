import { readBuiltPages } from "./tests/support/build-pages";
import { keysNamedBy } from "./tests/support/page-messages";
const pages = readBuiltPages();
for (const id of Object.keys(pages.routes).sort()) {
  const m = keysNamedBy(pages, id);
  console.log(id.padEnd(58), [...m].filter(([s]) => s !== "common").map(([s, k]) => `${s}(${k.length}${k.length < 4 ? ":" + k.join(",") : ""})`).join(" "));
}
