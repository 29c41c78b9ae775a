import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { launchBrowser, logIn } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe("e2e: the chair's results dashboard", () => {
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

  it("shows the live ranking with each judge's total and draws both charts, without errors", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);

    await page.goto(`${server.url}/chair/competitions/kutim-2024/results`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Hasil dan peringkat");
    const ranking = page
      .getByRole("table")
      .filter({ has: page.getByRole("columnheader", { name: "Nilai akhir" }) });
    for (const judge of ["Dr. Bambang Prasetyo", "Nurhayati, S.IP.", "Rahmawati"]) {
      expect(await ranking.getByRole("columnheader", { name: judge }).count()).toBe(1);
    }
    expect(await ranking.getByRole("row").count()).toBe(13);
    // recharts draws in the browser: two charts, each an SVG with bars
    await expect
      .poll(() => page.locator("figure.chart .recharts-wrapper").count(), {
        timeout: 10_000,
      })
      .toBe(2);
    expect(await page.locator("figure.chart .recharts-bar-rectangle").count()).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps every column of the live ranking reachable on a laptop, by keyboard too", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);
    await page.goto(`${server.url}/chair/competitions/kutim-2024/results`);
    // a named, focusable scroll region with a hint that says how to reach the other columns
    const region = page.getByRole("region", { name: "Tabel peringkat berjalan" });
    expect(await region.getAttribute("tabindex")).toBe("0");
    expect(await page.textContent("#ranking-hint")).toContain("panah");
    const firstName = region.locator("tbody th[scope=row]").first();
    // a library's name takes at most two lines
    const nameLines = await firstName.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el.firstChild!);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(nameLines).toBeLessThanOrEqual(2);
    // narrower than the table: the keyboard scrolls it, rank and name stay in view
    await page.setViewportSize({ width: 900, height: 768 });
    const before = (await firstName.boundingBox())!.x;
    await region.focus();
    await page.keyboard.press("End");
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(Math.abs((await firstName.boundingBox())!.x - before)).toBeLessThan(2);
    await page.close();
  });
});
