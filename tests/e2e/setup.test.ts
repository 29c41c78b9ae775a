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
  await server?.cleanup();
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
      await page.check('input[name="template"][value="none"]');
      await page.click('main button:has-text("Buat")');
      await page.waitForURL(new RegExp(`/chair/competitions/${slug}$`));

      await page.click("nav >> text=Kriteria");
      await page.waitForURL(/\/criteria$/);
      // the editor's template choice starts at the default, the accreditation instrument
      await page.click('button:has-text("Isi dengan templat")');
      await page.waitForSelector("text=Templat dimuat");
      expect(await page.inputValue('input[name="c.5.name"]')).toBe("Komponen Penguatan Kinerja");
      expect(await page.inputValue('input[name="c.0.weight"]')).toBe("20");

      await page.fill('input[name="c.0.weight"]', "30");
      if (js) {
        // the total follows the typing, with the rule beside it, and the field keeps the focus
        await expect.poll(() => page.textContent(".criteria-total")).toContain("110");
        expect(await page.textContent(".criteria-total")).toContain("Jumlah bobot 110, harus 100.");
        expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe(
          "c.0.weight",
        );
        await page.fill('input[name="c.0.weight"]', "24.5");
        await expect
          .poll(() => page.textContent(".criteria-total"))
          .toContain("Setiap bobot harus bilangan bulat.");
        await page.fill('input[name="c.0.weight"]', "30");
      }
      await page.click('.sticky-actions button:has-text("Simpan kriteria")');
      // the server's answer: the rule next to the last weight, which is marked invalid
      await page.waitForSelector('input[name="c.5.weight"][aria-invalid="true"]');
      expect(await page.textContent("main")).toContain("Jumlah bobot 110, harus 100.");
      expect(await page.inputValue('input[name="c.0.weight"]')).toBe("30");
      if (js) {
        // after a refused save the focus goes to the first field in error
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")))
          .toBe("c.5.weight");
      }

      await page.fill('input[name="c.0.weight"]', "20");
      await page.click('.sticky-actions button:has-text("Simpan kriteria")');
      await page.waitForSelector("text=Kriteria disimpan.");

      await page.click("nav >> text=Ringkasan");
      await page.waitForSelector("text=Belum bisa pindah ke Penilaian:");
      expect(await page.textContent("main")).toContain("Belum ada peserta aktif.");
      await page.context().close();
    });
  }
});

describe("the chair chooses the 2025 template for a new competition", () => {
  for (const js of [true, false]) {
    it(`is taken to the criteria with the weights empty, and asked for them (JavaScript ${js ? "on" : "off"})`, async () => {
      const page = await loginAsChair(js);
      const slug = js ? "uji-2025-js" : "uji-2025-nojs";
      await page.click("text=Lomba baru");
      await page.fill('input[name="slug"]', slug);
      await page.fill('input[name="name"]', "Lomba Uji 2025");
      await page.check('input[name="template"][value="practice-2025"]');
      await page.click('main button:has-text("Buat")');
      await page.waitForURL(
        new RegExp(`/chair/competitions/${slug}/criteria\\?template=practice-2025$`),
      );
      expect(await page.textContent("#criteria-needs-weights")).toContain(
        "Templat dimuat tanpa bobot.",
      );
      expect(await page.inputValue('input[name="c.7.name"]')).toBe("Dampak");
      for (let k = 0; k < 8; k++)
        expect(await page.inputValue(`input[name="c.${k}.weight"]`)).toBe("");

      await page.click('.sticky-actions button:has-text("Simpan kriteria")');
      await page.waitForSelector('input[name="c.0.weight"][aria-invalid="true"]');
      expect(await page.textContent("main")).toContain("Kriteria belum disimpan.");
      if (js)
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")))
          .toBe("c.0.weight");

      for (let k = 0; k < 8; k++)
        await page.fill(`input[name="c.${k}.weight"]`, k < 4 ? "15" : "10");
      await page.click('.sticky-actions button:has-text("Simpan kriteria")');
      await page.waitForSelector("text=Kriteria disimpan.");
      expect(await page.inputValue('input[name="c.0.weight"]')).toBe("15");
      await page.context().close();
    });
  }
});

describe("the chair's pages lay out cleanly on a laptop", () => {
  it("keeps each template choice's radio button beside its label, on one line", async () => {
    const page = await loginAsChair(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/chair/competitions/new`);
    for (const value of ["accreditation", "practice-2025", "none"]) {
      const radio = page.locator(`input[name="template"][value="${value}"]`);
      const box = (await radio.boundingBox())!;
      const label = page.locator("label", { has: radio });
      const labelBox = (await label.boundingBox())!;
      // one line: a box of its own size at the start of its label, the text right after it
      expect(box.width, value).toBeLessThan(40);
      expect(box.x - labelBox.x, value).toBeLessThan(8);
      const lineHeight = await label.evaluate((el) =>
        Number.parseFloat(getComputedStyle(el).lineHeight),
      );
      expect(labelBox.height, value).toBeLessThan(lineHeight * 1.8);
    }

    await page.context().close();
  });
});
