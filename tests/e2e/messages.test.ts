import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { launchBrowser, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/** The message sections (`<section>.<lang>` chunks) the page has fetched so far, sorted. */
function watchSections(page: Page): () => string[] {
  const fetched = new Set<string>();
  page.on("request", (request) => {
    const name = /\/build\/_shared\/([a-z-]+\.(?:id|en))-[A-Z0-9]+\.js$/.exec(request.url())?.[1];
    if (name) fetched.add(name);
  });
  return () => [...fetched].sort();
}

describe("e2e: each page gets only its language's messages of the sections it uses", () => {
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

  it("loads the page's sections before hydrating, and the other language's when switched", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    const sections = watchSections(page);

    await page.goto(`${server.url}/login`);
    await waitForHydration(page);
    expect(sections()).toEqual(["account.id", "common.id"]);
    // asked for in the page's head, with its other modules, not after the entry has run
    const preloads = await page
      .locator('link[rel="modulepreload"]')
      .evaluateAll((links) => links.map((l) => l.getAttribute("href")));
    expect(preloads.filter((href) => /\/(account|common)\.id-/.test(href ?? ""))).toHaveLength(2);

    await page.getByLabel("Email").fill("ketua@juara.demo");
    await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL(`${server.url}/dashboard`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Dasbor");
    expect(sections()).toEqual(["account.id", "common.id", "dashboard.id"]);

    // a navigation in the browser fetches the next page's section; the old page stays meanwhile
    await page.getByRole("link", { name: "Audit" }).click();
    await page.waitForURL(`${server.url}/audit`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Log audit");
    expect(sections()).toContain("audit.id");

    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Audit log");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(sections().filter((s) => s.endsWith(".en"))).toEqual(["audit.en", "common.en"]);

    // a page opened in English fetches no Indonesian
    const fresh = await browser.newPage();
    await fresh.context().addCookies(await page.context().cookies());
    const freshSections = watchSections(fresh);
    await fresh.goto(`${server.url}/dashboard`);
    await waitForHydration(fresh);
    expect(await fresh.getByRole("heading", { level: 1 }).textContent()).toBe("Dashboard");
    expect(freshSections()).toEqual(["common.en", "dashboard.en"]);

    // no hydration error, no missing message, no CSP violation on the way
    expect(errors).toEqual([]);
    await page.close();
    await fresh.close();
  });

  it("fetches the next page's sections with its data, not after it", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const sections = watchSections(page);
    // the login page's data is held back until its section has been asked for (or 10 s passed,
    // when the section would only be asked for once the page renders with its data)
    let asked!: () => void;
    const sectionAsked = new Promise<void>((resolve) => (asked = resolve));
    page.on("request", (r) => {
      if (/\/account\.id-[A-Z0-9]+\.js$/.test(r.url())) asked();
    });
    const askedOrTimeout = () =>
      Promise.race([
        sectionAsked.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]);
    let askedFirst: boolean | undefined;
    await page.route(/\/login\?_data=/, async (route) => {
      askedFirst = await askedOrTimeout();
      await route.continue();
    });
    // and Remix's route discovery too, so the router does not know the login route yet when the
    // navigation starts (as on a slow connection, where the click comes before the discovery)
    await page.route(/\/__manifest\?/, async (route) => {
      await askedOrTimeout();
      await route.continue();
    });
    await page.goto(`${server.url}/`);
    await waitForHydration(page);
    expect(sections()).toEqual(["common.id", "public.id"]);

    await page.getByRole("link", { name: "Masuk", exact: true }).click();
    await page.waitForURL(`${server.url}/login`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Masuk");
    expect(askedFirst).toBe(true);
    expect(sections()).toEqual(["account.id", "common.id", "public.id"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("loads the page from the server when its section cannot be fetched in the browser", async () => {
    const page = await browser.newPage();
    // the first request for the section fails (a dropped connection, a file a new release
    // replaced); the full page load that follows gets it
    let failures = 0;
    await page.route(/\/build\/_shared\/account\.id-[A-Z0-9]+\.js$/, async (route) => {
      if (failures++ === 0) await route.abort();
      else await route.continue();
    });
    await page.goto(`${server.url}/`);
    await waitForHydration(page);
    await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));

    await page.getByRole("link", { name: "Masuk", exact: true }).click();
    await page.waitForURL(`${server.url}/login`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Masuk");
    await waitForHydration(page);
    // a new document, not the old one's error page
    expect(await page.evaluate(() => (window as unknown as { before?: boolean }).before)).toBe(
      undefined,
    );
    expect(failures).toBe(2);
    await page.getByLabel("Email").fill("ketua@juara.demo");
    await expect.poll(() => page.getByLabel("Email").inputValue()).toBe("ketua@juara.demo");
    await page.close();
  });
});
