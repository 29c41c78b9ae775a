import { describe, expect, it } from "vitest";
import { measurePages } from "../../bench/support/js-size";
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
    const missing: string[] = [];
    for (const page of await measurePages()) {
      const code = [
        ...page.files.filter((f) => !/\/[a-z-]+\.(id|en)-\w+\.js$/.test(f)),
        ...page.lazy.flatMap((chunk) => chunk.files),
      ];
      for (const [section, keys] of keysNamedBy(code)) {
        if (!page.messages.includes(section)) {
          missing.push(`${page.route} needs "${section}" for ${keys.join(", ")}`);
        }
      }
    }
    // add the section to the route's `handle.i18n` (or move a shared label to common)
    expect(missing).toEqual([]);
  });
});
