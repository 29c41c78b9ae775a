import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { langCookie } from "../../app/i18n/lang.server";
import { DEMO_PASSWORD, DEMO_SLUG } from "../../db/seed/demo";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * The committee chair's setup pages after the UX walk: destructive row buttons ask first (with
 * JavaScript and without), reasons have visible labels, frozen criteria read as read-only, and
 * the new-competition form explains its options and its bad values next to the fields.
 */
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

async function chairPage(js: boolean, width = 1280): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: js,
    viewport: { width, height: 844 },
  });
  const page = await context.newPage();
  await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);
  return page;
}

/** A draft copy of the demo (entries, panel, criteria), made through the overview's form. */
async function draftCopy(page: Page, slug: string) {
  await page.goto(`${server.url}/chair/competitions/${DEMO_SLUG}`);
  await page.fill('input[name="slug"]', slug);
  await page.getByRole("button", { name: "Salin lomba" }).click();
  await page.waitForURL(new RegExp(`/chair/competitions/${slug}$`));
}

const rows = (page: Page) => page.locator("main tbody tr");

describe("destructive row buttons ask first", () => {
  for (const js of [true, false]) {
    it(`removes an entry, a judge and a criteria component only after the second step (JavaScript ${js ? "on" : "off"})`, async () => {
      const page = await chairPage(js);
      const slug = js ? "konfirmasi-js" : "konfirmasi-nojs";
      await draftCopy(page, slug);
      const base = `${server.url}/chair/competitions/${slug}`;

      // entries: the first button only opens the question, naming the library
      await page.goto(`${base}/entries`);
      if (js) await waitForHydration(page);
      const entriesBefore = await rows(page).count();
      const first = rows(page).first();
      const library = ((await first.locator("th").textContent()) ?? "").split(" (")[0]!.trim();
      const ask = first.getByText("Hapus…");
      expect(await ask.getAttribute("class")).toContain("danger");
      await ask.click();
      const question = first.getByText(`Hapus ${library} dari lomba ini?`);
      expect(await question.isVisible()).toBe(true);
      expect(await rows(page).count()).toBe(entriesBefore);
      if (js) {
        // cancel closes it and gives the focus back to the first button
        await first.getByRole("button", { name: "Batal" }).click();
        expect(await question.isVisible()).toBe(false);
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
        await ask.click();
      }
      await first.getByRole("button", { name: "Ya, hapus peserta" }).click();
      await expect.poll(() => rows(page).count()).toBe(entriesBefore - 1);
      expect(await page.locator("main tbody").textContent()).not.toContain(library);

      // the panel: the same two steps
      await page.goto(`${base}/judges`);
      if (js) await waitForHydration(page);
      const panel = page.locator("section[aria-labelledby=panel] tbody tr");
      const judgesBefore = await panel.count();
      const judgeRow = panel.first();
      const judge = (await judgeRow.locator("th").evaluate((th) => th.firstChild?.textContent))!
        .trim()
        .replace(/\s+$/, "");
      await judgeRow.getByText("Keluarkan dari panel…").click();
      expect(await judgeRow.getByText(`Keluarkan ${judge} dari panel?`).isVisible()).toBe(true);
      expect(await panel.count()).toBe(judgesBefore);
      await judgeRow.getByRole("button", { name: "Ya, keluarkan" }).click();
      await expect.poll(() => panel.count()).toBe(judgesBefore - 1);

      // criteria: removing a component from the draft asks too
      await page.goto(`${base}/criteria`);
      if (js) await waitForHydration(page);
      const components = page.locator("fieldset.criteria-component");
      const componentsBefore = await components.count();
      await components.first().getByText("Hapus komponen ini…").click();
      expect(await components.count()).toBe(componentsBefore);
      expect(
        await components
          .first()
          .getByText(/^Hapus komponen 1 beserta \d+ indikatornya dari draf\?/)
          .isVisible(),
      ).toBe(true);
      await components.first().getByRole("button", { name: "Ya, hapus komponen" }).click();
      await expect.poll(() => components.count()).toBe(componentsBefore - 1);

      await page.context().close();
    });
  }

  it("keeps the question within a 390 px phone screen, the page itself not scrolling sideways", async () => {
    const page = await chairPage(true, 390);
    await draftCopy(page, "konfirmasi-hp");
    await page.goto(`${server.url}/chair/competitions/konfirmasi-hp/entries`);
    await waitForHydration(page);
    const first = rows(page).first();
    await first.getByText("Hapus…").click();
    const body = first.locator(".confirm-step-body");
    const box = (await body.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});

describe("reasons and frozen criteria", () => {
  it("labels every reason input visibly, with no placeholder standing in for the label", async () => {
    const page = await chairPage(true);
    for (const path of ["entries", "judges", "sheets"]) {
      await page.goto(`${server.url}/chair/competitions/${DEMO_SLUG}/${path}`);
      const inputs = page.locator('main input[name="reason"]');
      const count = await inputs.count();
      expect(count, path).toBeGreaterThan(0);
      for (let i = 0; i < Math.min(count, 5); i++) {
        const input = inputs.nth(i);
        expect(await input.getAttribute("placeholder"), path).toBeNull();
        const id = (await input.getAttribute("id"))!;
        const label = page.locator(`label[for="${id}"]`);
        expect(await label.isVisible(), path).toBe(true);
        expect((await label.boundingBox())!.height, path).toBeGreaterThan(8);
        expect((await label.textContent())!.trim(), path).toMatch(/^Alasan/);
      }
    }
    await page.context().close();
  });

  it("shows frozen criteria read-only, in grey with the explanation, not as an error", async () => {
    const page = await chairPage(true);
    await page.goto(`${server.url}/chair/competitions/${DEMO_SLUG}/criteria`);
    const note = page.locator("#criteria-frozen");
    expect(await note.textContent()).toContain("Kriteria dibekukan karena penilaian sudah dibuka.");
    expect(await note.getAttribute("role")).toBeNull();
    expect(await page.locator("main .alert, main [role=alert]").count()).toBe(0);
    const colour = (selector: string, property: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
    // no danger red on the note or on the fields
    for (const [selector, property] of [
      ["#criteria-frozen", "border-left-color"],
      ["#criteria-frozen", "background-color"],
      ['input[name="c.0.weight"]', "border-top-color"],
    ] as const) {
      expect(await colour(selector, property), selector).not.toMatch(/164, 0, 15|253, 232, 234/);
    }
    const weight = page.locator('input[name="c.0.weight"]');
    expect(await weight.getAttribute("readonly")).not.toBeNull();
    expect(await weight.getAttribute("aria-invalid")).toBeNull();
    // nothing to press: no save, add or remove
    expect(await page.getByRole("button", { name: "Simpan kriteria" }).count()).toBe(0);
    expect(await page.getByText("Hapus komponen ini…").count()).toBe(0);
    await page.context().close();
  });
});

describe("the new-competition form", () => {
  for (const [lang, js] of [
    ["id", false],
    ["en", true],
  ] as const) {
    it(`explains its options and says what is wrong next to each field (${lang}, JavaScript ${js ? "on" : "off"})`, async () => {
      const page = await chairPage(js);
      if (lang === "en") {
        // the cookie the language switch sets, in its own encoding
        const value = (await langCookie.serialize("en")).split(";")[0]!.split("=")[1]!;
        await page.context().addCookies([{ name: "juara_lang", value, url: server.url }]);
      }
      await page.goto(`${server.url}/chair/competitions/new`);
      const main = (await page.locator("main").textContent()) ?? "";
      if (lang === "id") {
        expect(main).toContain("Rata-rata terpangkas: bila minimal 3 juri mengirim");
        expect(main).toContain("Median: nilai akhir adalah nilai tengah para juri");
        expect(main).toContain(
          "Per kategori: perpustakaan desa dan kelurahan diperingkat terpisah",
        );
      } else {
        expect(main).toContain("Trimmed mean: when at least 3 judges submitted");
        expect(main).toContain(
          "By category: village (desa) and kelurahan libraries are ranked apart",
        );
      }
      const winners = page.locator('input[name="prizeWinners"]');
      expect(await winners.getAttribute("min")).toBe("1");
      expect(await page.locator('input[name="year"]').getAttribute("min")).toBe("1990");

      await page.fill('input[name="slug"]', `lomba-salah-${lang}`);
      await page.fill('input[name="name"]', "Lomba Salah");
      await page.fill('input[name="year"]', "1980");
      await winners.fill("0");
      await page.locator('main button[type="submit"]').last().click();
      const fieldError = (name: string) =>
        page.locator(`.field:has(input[name="${name}"]) .field-errors`);
      await expect
        .poll(() => fieldError("year").textContent())
        .toBe(lang === "id" ? "Isi tahun 1990–2200." : "Enter a year 1990–2200.");
      expect(await fieldError("prizeWinners").textContent()).toBe(
        lang === "id"
          ? "Jumlah juara 1–10: paling sedikit satu juara."
          : "Number of winners 1–10: at least one winner.",
      );
      expect(await winners.getAttribute("aria-invalid")).toBe("true");
      expect(await page.inputValue('input[name="year"]')).toBe("1980");
      expect(page.url()).toMatch(/\/chair\/competitions\/new$/);
      await page.context().close();
    });
  }
});
