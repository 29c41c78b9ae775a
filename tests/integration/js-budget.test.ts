import { describe, expect, it } from "vitest";
import {
  measurePages,
  pageBudget,
  pagesContaining,
  pagesOverBudget,
  type PageJs,
} from "../../bench/support/js-size";

/**
 * The JavaScript budget, whole page, gzip, read from the production build (`npm test` builds
 * first; alone: `npm run build`, then this file): public pages and login ≤ 110 KiB, the score
 * sheet ≤ 110 KiB, signed-in pages ≤ 150 KiB, the winners page ≤ 150 KiB without its charts'
 * chunk (loaded after the podium). A page is the entry, root, parents and route with every chunk
 * they import, plus the message sections it loads before hydration, in Indonesian (the default).
 * Sizes depend only on the code, so this holds them exactly; `npm run bench -- bundle` prints
 * the figures.
 */
describe("the JavaScript each page sends", () => {
  let pages: PageJs[];
  const load = async () => (pages ??= await measurePages());

  it("stays within each page's budget", async () => {
    expect(pagesOverBudget(await load())).toEqual([]);
    // the budget's kinds as the issue sets them
    expect(pageBudget("routes/login")).toEqual({ kind: "public", kib: 110 });
    expect(pageBudget("routes/judge.$slug.$code")).toEqual({ kind: "score sheet", kib: 110 });
    expect(pageBudget("routes/competitions.$slug._index")).toEqual({ kind: "winners", kib: 150 });
    expect(pageBudget("routes/chair.competitions.$slug.results").kib).toBe(150);
  });

  it("counts the page's message sections in Indonesian, and no other", async () => {
    const all = await load();
    const login = all.find((p) => p.route === "routes/login")!;
    expect(login.messages).toEqual(["account", "common"]);
    const sheet = all.find((p) => p.route === "routes/judge.$slug.$code")!;
    expect(sheet.messages).toEqual(["common", "judge"]);
    for (const page of all) {
      const sections = page.files.filter((f) => /\/[a-z-]+\.(id|en)-\w+\.js$/.test(f));
      expect(sections.length, page.url).toBe(page.messages.length);
      expect(
        sections.every((f) => /\.id-\w+\.js$/.test(f)),
        page.url,
      ).toBe(true);
    }
  });

  it("ships no validation library, and no chart library before hydration", async () => {
    const all = await load();
    expect(pagesContaining("ZodError", all)).toEqual([]);
    expect(pagesContaining("recharts", all)).toEqual([]);
    const winners = all.find((p) => p.route === "routes/competitions.$slug._index")!;
    expect(winners.lazy.map((chunk) => chunk.name)).toEqual(["app/components/charts/plots.tsx"]);
  });
});
