import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { launchBrowser, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe("e2e: the demo chair", () => {
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

  it("logs in, sees the dashboard in Indonesian, then switches to English", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });

    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill("ketua@juara.demo");
    await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL(`${server.url}/dashboard`);
    expect(await page.locator("html").getAttribute("lang")).toBe("id");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Dasbor");
    expect(await page.getByRole("row", { name: /Kutai Timur 2024/ }).textContent()).toContain(
      "Penilaian",
    );
    expect(await page.getByRole("note").textContent()).toContain("Data demo");

    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Dashboard");
    expect(page.url()).toBe(`${server.url}/dashboard`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("row", { name: /Kutai Timur 2024/ }).textContent()).toContain(
      "Scoring",
    );

    // the choice sticks across pages
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByRole("link", { name: "Dashboard" }).count()).toBe(1);
    // no CSP violation or hydration error on the way
    expect(errors).toEqual([]);
    await page.close();
  });

  it("works by keyboard alone, from the skip link to logging in", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Lompat ke isi");
    await page.getByLabel("Email").focus();
    await page.keyboard.type("juri1@juara.demo");
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/dashboard`);
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).first().textContent())
      .toBe("Lomba yang Anda nilai");
    await page.close();
  });

  it("empties the password field after a wrong password, and greets a judge whose name ends in a full stop once", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await waitForHydration(page);
    await page.getByLabel("Email").fill("juri2@juara.demo");
    await page.getByLabel("Kata sandi").fill("not-the-password");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
    // the rejected password is gone, the email stays, and the cursor waits in the password field
    await expect.poll(() => page.getByLabel("Kata sandi").inputValue()).toBe("");
    expect(await page.getByLabel("Email").inputValue()).toBe("juri2@juara.demo");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(
      "password",
    );
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/dashboard`);
    // after a client-side navigation the URL changes before the new page is on screen
    await expect
      .poll(() => page.locator("main").textContent())
      .toContain("Selamat datang, Nurhayati, S.IP.");
    const body = await page.locator("main").textContent();
    expect(body).not.toContain("S.IP..");
    await page.close();
  });
});
