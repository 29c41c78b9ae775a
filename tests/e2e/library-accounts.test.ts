import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_SLUG } from "../../db/seed/demo";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Library accounts end to end: the chair invites SEPASO's manager from the entries page, logs
 * out, and the manager logs in with the password shown once, changes it, and sees the library's
 * competitions and its own entry only. With JavaScript and without (plain form posts).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

for (const js of [true, false]) {
  describe(`e2e: a library's manager account (JavaScript ${js ? "on" : "off"})`, () => {
    let server: RunningServer;
    let page: Page;
    beforeAll(async () => {
      server = await startServer();
      const context = await browser.newContext({ javaScriptEnabled: js });
      page = await context.newPage();
    });
    afterAll(async () => {
      await page?.context().close();
      await server?.stop();
      await server?.cleanup();
    });

    it("is invited by the chair, logs in with the password shown once, and sees only its own entry", async () => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));

      await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);
      await page.goto(`${server.url}/chair/competitions/${DEMO_SLUG}/entries`);
      if (js) await waitForHydration(page);
      const row = page.getByRole("row", { name: /Pustaka Ilmu Desa Sepaso/ });
      await row.getByText("Undang pengelola").click();
      await row.getByLabel("Nama pengelola").fill("Bu Sari");
      await row.getByLabel("Email pengelola").fill("sari@sepaso.id");
      await row.getByRole("button", { name: "Buat akun pengelola" }).click();
      const shown = page.locator("code.temp-password");
      await shown.waitFor();
      const password = (await shown.textContent()) ?? "";
      expect(password).toMatch(/^\S{12}$/);
      expect(await page.locator("p.notice[role=status]").first().textContent()).toContain(
        "Akun pengelola Pustaka Ilmu Desa Sepaso dibuat untuk sari@sepaso.id.",
      );
      // the row now names its manager and offers no invitation
      await expect.poll(() => row.textContent()).toContain("<sari@sepaso.id>");
      expect(await row.getByText("Undang pengelola").count()).toBe(0);

      await page.getByRole("button", { name: "Keluar" }).click();
      await page.waitForURL(`${server.url}/`);

      await page.goto(`${server.url}/login`);
      await page.getByLabel("Email").fill("sari@sepaso.id");
      await page.getByLabel("Kata sandi").fill(password);
      await page.getByRole("button", { name: "Masuk" }).click();
      // an issued password is changed first, as a judge's is
      await page.waitForURL(`${server.url}/account/password`);
      if (js) await waitForHydration(page);
      await page.getByLabel("Kata sandi sekarang").fill(password);
      await page.getByLabel("Kata sandi baru", { exact: true }).fill("sandi-pengelola-baru");
      await page.getByLabel("Ulangi kata sandi baru").fill("sandi-pengelola-baru");
      await page.getByRole("button", { name: "Simpan" }).click();
      await expect
        .poll(() => page.locator("[role=status]").first().textContent())
        .toContain("Kata sandi sudah diganti");

      await page.getByRole("link", { name: "Lomba kami" }).click();
      await page.waitForURL(`${server.url}/library`);
      await expect
        .poll(() => page.getByRole("heading", { level: 1 }).textContent())
        .toBe("Lomba Pustaka Ilmu Desa Sepaso");
      // the demo enters Sepaso in 2023 (published), 2024 and the three-stage 2025 competition
      const competitions = page.locator("tbody tr");
      expect(await competitions.count()).toBe(3);
      expect(await competitions.allTextContents()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/2023/),
          expect.stringMatching(/Kutai Timur 2024/),
          expect.stringMatching(/tiga tahap/),
        ]),
      );
      await page.getByRole("link", { name: /Kutai Timur 2024/ }).click();
      await page.waitForURL(`${server.url}/library/${DEMO_SLUG}`);
      const main = page.locator("main");
      // the list's heading names the library too: wait for the entry page's own text (the address
      // changes first; the page shows once its messages are loaded)
      await expect.poll(() => main.textContent()).toContain("Hasil belum diumumkan");
      const text = (await main.textContent()) ?? "";
      expect(text).toContain("Pustaka Ilmu Desa Sepaso");
      // its own entry only: no other library of the competition is named
      expect(text).not.toMatch(/Swarga Bara|Suka Rahmat/);

      // the chair's pages are not for a library
      const chairPage = await page.goto(`${server.url}/chair/competitions/${DEMO_SLUG}/entries`);
      expect(chairPage?.status()).toBe(403);
      expect(errors).toEqual([]);
    });
  });
}
