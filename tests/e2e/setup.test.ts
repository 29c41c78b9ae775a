import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

async function loginAsChair(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('input[name="email"]', "ketua@juara.demo");
  await page.fill('input[name="password"]', "juara-demo-2024");
  await page.click('main button[type="submit"]');
  await page.waitForURL(/\/dashboard$/);
  return page;
}

describe("the chair sets up a competition in the browser", () => {
  for (const js of [true, false]) {
    it(`creates it, fills the criteria from the template and sees the weight rule (JavaScript ${js ? "on" : "off"})`, async () => {
      const page = await loginAsChair(js);
      const slug = js ? "uji-js" : "uji-nojs";
      await page.click("text=Lomba baru");
      await page.fill('input[name="slug"]', slug);
      await page.fill('input[name="name"]', "Lomba Uji");
      await page.uncheck('input[name="template"]');
      await page.click('main button:has-text("Buat")');
      await page.waitForURL(new RegExp(`/chair/competitions/${slug}$`));

      await page.click("nav >> text=Kriteria");
      await page.waitForURL(/\/criteria$/);
      await page.click("text=Isi dengan templat standar");
      await page.waitForSelector("text=Templat dimuat");
      expect(await page.inputValue('input[name="c.5.name"]')).toBe("Penguatan dan Inovasi");

      await page.fill('input[name="c.0.weight"]', "30");
      await page.click('.sticky-actions button:has-text("Simpan kriteria")');
      await page.waitForSelector("text=Jumlah bobot 105, harus 100.");
      expect(await page.getAttribute('input[name="c.5.weight"]', "aria-invalid")).toBe("true");
      expect(await page.inputValue('input[name="c.0.weight"]')).toBe("30");

      await page.fill('input[name="c.0.weight"]', "25");
      await page.click('.sticky-actions button:has-text("Simpan kriteria")');
      await page.waitForSelector("text=Kriteria disimpan.");

      await page.click("nav >> text=Ringkasan");
      await page.waitForSelector("text=Belum bisa pindah ke Penilaian:");
      expect(await page.textContent("main")).toContain("Belum ada peserta aktif.");
      await page.context().close();
    });
  }
});
