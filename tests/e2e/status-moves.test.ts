import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_SLUG } from "../../db/seed/demo";
import { launchBrowser, logIn, moveStatus, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Every status move from the overview, with JavaScript and without: closing says beforehand
 * whose sheets are still open, a refused publication lists them, and each move ends with a
 * message saying what the status is now.
 */
const SHEET_LINE = /^.+ → .+ \((belum dibuka|masih draf, belum dikirim)\)$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function sheetLines(page: Page, within: string) {
  const lines = await page.locator(`${within} li li`).allTextContents();
  return lines.map((l) => l.trim());
}

const movedNotice = (page: Page) => page.locator("p.notice[role=status]");

for (const js of [true, false]) {
  describe(`status moves on the overview (JavaScript ${js ? "on" : "off"})`, () => {
    let server: RunningServer;
    let page: Page;
    beforeAll(async () => {
      server = await startServer();
      const context = await browser.newContext({ javaScriptEnabled: js });
      page = await context.newPage();
      await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);
    });
    afterAll(async () => {
      await page?.context().close();
      await server?.stop();
      await server?.cleanup();
    });

    it("warns whose sheets are open before closing, lists them when publishing is refused, and confirms every move", async () => {
      const base = `${server.url}/chair/competitions/${DEMO_SLUG}`;
      await page.goto(base);
      if (js) await waitForHydration(page);

      // closing: the confirmation names each open sheet, judge → library, before the chair confirms
      await page.getByRole("link", { name: "Pindahkan ke: Ditutup" }).click();
      await page.waitForURL(/\?move=closed$/);
      const warning = page.locator(".notice.warn");
      const text = (await warning.textContent()) ?? "";
      const count = Number(/(\d+) lembar nilai belum dikirim/.exec(text)?.[1]);
      expect(count).toBeGreaterThan(0);
      const open = await sheetLines(page, ".notice.warn");
      expect(open).toHaveLength(count);
      for (const line of open) expect(line).toMatch(SHEET_LINE);
      expect(open.some((l) => l.includes("(masih draf, belum dikirim)"))).toBe(true);
      expect(open.some((l) => l.includes("(belum dibuka)"))).toBe(true);
      await page.getByRole("button", { name: "Ya, ubah status" }).click();
      await page.waitForURL(/\?moved=closed$/);
      await expect
        .poll(() => movedNotice(page).textContent())
        .toContain("Status lomba sekarang: Ditutup.");

      // reopening and closing again
      await moveStatus(page, "Penilaian", { reason: "Juri 3 minta waktu" });
      await moveStatus(page, "Ditutup");

      // publishing: the open sheets are listed by name, and a refusal lists them again
      await page.getByRole("link", { name: "Pindahkan ke: Diumumkan" }).click();
      await page.waitForURL(/\?move=published$/);
      await expect.poll(() => sheetLines(page, "form")).toEqual(open);
      await page.getByRole("button", { name: "Ya, ubah status" }).click();
      await expect.poll(() => sheetLines(page, "ul[role=alert]")).toEqual(open);
      expect(await page.locator("ul[role=alert]").first().textContent()).toContain(
        `${count} lembar nilai peserta aktif belum dikirim.`,
      );

      await page.goto(`${base}?move=published`);
      await page.getByLabel(/Tetap lanjutkan/).check();
      await page.getByLabel("Alasan (wajib, dicatat di log audit)").fill("Rapat dewan juri");
      await page.getByRole("button", { name: "Ya, ubah status" }).click();
      await page.waitForURL(/\?moved=published$/);
      const published = movedNotice(page);
      await expect
        .poll(() => published.textContent())
        .toContain("Status lomba sekarang: Diumumkan.");
      expect(await published.getByRole("link").getAttribute("href")).toBe(
        `/competitions/${DEMO_SLUG}`,
      );

      // unpublishing
      await moveStatus(page, "Ditutup", { reason: "Salah ketik nama" });

      // a draft of next year's edition: opening scoring and going back to draft
      await page.getByRole("button", { name: "Salin lomba" }).click();
      await page.waitForURL(/kutim-2025$/);
      if (js) await waitForHydration(page);
      await moveStatus(page, "Penilaian");
      await moveStatus(page, "Draf");
    });
  });
}
