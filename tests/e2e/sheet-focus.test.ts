import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe("e2e: the score sheet by keyboard on a laptop", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await server?.cleanup();
  });

  it("never hides the focused field behind the sticky footer (WCAG 2.4.11)", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, server.url, "juri2@juara.demo", DEMO_PASSWORD);
    await page.goto(`${server.url}/judge/kutim-2024`);
    const href = await page.locator("tbody a").first().getAttribute("href");
    await page.goto(`${server.url}${href}`);
    await waitForHydration(page);
    const hidden: string[] = [];
    let stops = 0;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const seen = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const bar = document.querySelector(".sheet-bar");
        if (bar?.contains(el)) return { name: "", covered: false };
        const r = el.getBoundingClientRect();
        const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
        const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        const name = el.getAttribute("name") ?? el.textContent?.trim().slice(0, 30) ?? el.tagName;
        return { name, covered: !(top === el || el.contains(top) || top?.contains(el)) };
      });
      if (!seen) continue;
      stops++;
      if (seen.covered) hidden.push(seen.name);
    }
    expect(stops).toBeGreaterThan(40);
    expect(hidden).toEqual([]);
    await page.close();
  });
});
