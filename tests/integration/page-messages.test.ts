import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { sectionsOf } from "../../app/i18n/useT";
import { readBuiltPages } from "../support/build-pages";
import { keysNamedBy } from "../support/page-messages";

/**
 * The browser gets only the message sections a page's routes name in `handle.i18n` (plus
 * `common`), loaded before hydration. This holds those lists complete against the production
 * build: every message key that a page's browser code names (a string such as "login.title", or
 * a template such as `status.${s}`), in the chunks it loads before hydration or may import
 * later, lives in a section the page loads. Keys that arrive as data (an action's error) are
 * fetched on first use; see docs/decisions/014-message-loading.md.
 */
describe("each page's message sections", () => {
  it("hold every message key its browser code names", async () => {
    const pages = readBuiltPages();
    const build = (await import(
      pathToFileURL(path.resolve(import.meta.dirname, "../../build/index.js")).href
    )) as { routes: Record<string, { module: { handle?: unknown } }> };
    const missing: string[] = [];
    for (const id of Object.keys(pages.routes).sort()) {
      const loads = new Set(sectionsOf(pages.chain(id).map((r) => build.routes[r]?.module.handle)));
      for (const [section, keys] of keysNamedBy(pages, id)) {
        if (!loads.has(section)) missing.push(`${id} needs "${section}" for ${keys.join(", ")}`);
      }
    }
    // add the section to the route's `handle.i18n` (or move a shared label to common)
    expect(missing).toEqual([]);
  });
});
