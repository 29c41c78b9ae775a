import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measurePages } from "../../bench/support/js-size";
import { createDb, migrateToLatest } from "../../db/connection";
import { launchBrowser, waitForHydration } from "../support/browser";
import { tempDir } from "../support/db";
import { insertPublishedCompetition } from "../support/published";
import { startServer, type RunningServer } from "../support/server";

describe("e2e: winners page and ceremony mode", () => {
  let server: RunningServer;
  let browser: Browser;
  let data: { dir: string; remove: () => void };

  beforeAll(async () => {
    data = tempDir();
    const { db } = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(db);
    await insertPublishedCompetition(db, {
      slug: "kutim-2023",
      results: [
        { code: "A", name: "Pustaka Ilmu Desa Sepaso", rank: 1, prize: "Juara I", scoreX100: 9125 },
        {
          code: "B",
          name: "Perpustakaan Desa Swarga Bara",
          rank: 2,
          prize: "Juara II",
          scoreX100: 8850,
        },
        {
          code: "C",
          name: "Perpustakaan Desa Suka Rahmat",
          rank: 3,
          prize: "Juara III",
          scoreX100: 8610,
        },
        {
          code: "D",
          name: "Perpustakaan Desa Sangkima",
          rank: 4,
          prize: "Harapan I",
          scoreX100: 8000,
        },
        {
          code: "E",
          name: "Perpustakaan Desa Kandolo",
          rank: 5,
          prize: "Harapan II",
          scoreX100: 7400,
        },
        {
          code: "F",
          name: "Perpustakaan Desa Kaubun",
          rank: 6,
          prize: "Harapan III",
          scoreX100: 7100,
        },
        { code: "G", name: "Perpustakaan Desa Sandaran", rank: 7, prize: null, scoreX100: 6000 },
      ],
    });
    await db.destroy();
    [server, browser] = await Promise.all([
      startServer({ dataDir: data.dir, env: { JUARA_NO_DEMO: "1" } }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it("renders the podium and both charts as SVG on a phone-sized screen", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    // the podium as the server's HTML made it: hydrating (its scripts start after the first
    // paint, app/lib/scripts-after-paint.server.ts) must keep that very element; React rendering
    // the page again after a mismatch would replace it
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const podium = document.querySelector(".podium");
        if (!podium) return;
        (window as unknown as { __podium: Element }).__podium = podium;
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/competitions/kutim-2023`);
    await expect
      .poll(() => page.locator("figure.chart .recharts-wrapper > svg").count(), { timeout: 15_000 })
      .toBe(2);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
    expect(
      await page.evaluate(
        () =>
          document.querySelector(".podium") ===
          (window as unknown as { __podium: Element }).__podium,
      ),
    ).toBe(true);
    expect(await page.locator(".podium .prize").allTextContents()).toEqual([
      "Juara I",
      "Juara II",
      "Juara III",
    ]);
    // bars were drawn for the three winners in the component chart
    expect(
      await page.locator("figure.chart").first().locator(".recharts-bar-rectangle").count(),
    ).toBeGreaterThan(0);
    // nothing overflows the phone's width but the scrollable table
    await page.screenshot({
      path: process.env.SCREENSHOT_DIR
        ? `${process.env.SCREENSHOT_DIR}/winners.png`
        : `${data.dir}/winners.png`,
      fullPage: true,
    });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps ceremony mode working after reloads answered from the browser's cache (304)", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const blocked: string[] = [];
    page.on("console", (m) => m.type() === "error" && blocked.push(m.text()));
    // a reload revalidates the kept copy (If-None-Match); the server answers 304
    let revalidations = 0;
    page.on("request", async (r) => {
      if (r.resourceType() === "document" && (await r.allHeaders())["if-none-match"])
        revalidations++;
    });
    const hydrated = () =>
      page.waitForFunction(() => document.documentElement.dataset.hydrated === "true", undefined, {
        timeout: 10_000,
      });
    await page.goto(`${server.url}/competitions/kutim-2023/ceremony`);
    expect(await page.locator(".ceremony-prize").textContent()).toBe("Harapan III");
    const expected = ["Harapan II", "Harapan I", "Juara III"];
    for (const prize of expected) {
      // load, reload, reload again: the second load of the same URL is a revalidation
      await page.reload();
      await page.reload();
      await hydrated();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => page.locator(".ceremony-prize").textContent()).toBe(prize);
    }
    expect(revalidations).toBeGreaterThanOrEqual(3);
    expect(blocked).toEqual([]);
    await page.close();
  });

  it("opens on Harapan III, then reveals Harapan II, I and Juara III, II, I one key press at a time", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}/competitions/kutim-2023/ceremony`);
    // the first reveal straight away, never "0 of 6"
    expect(await page.locator(".ceremony-prize").textContent()).toBe("Harapan III");
    expect(await page.locator(".ceremony-progress").textContent()).toBe("Pengumuman 1 dari 6");
    expect(await page.getByRole("link", { name: "Sebelumnya" }).count()).toBe(0);
    // a way out in sight from the start, and the keys explained
    expect(await page.getByRole("link", { name: /Keluar dari mode upacara/ }).isVisible()).toBe(
      true,
    );
    expect(await page.locator(".ceremony-hint").textContent()).toContain("Esc");
    // keys work once the page is hydrated
    await waitForHydration(page);
    const seen: string[] = ["Harapan III"];
    const keys = [" ", "Enter", "ArrowRight", "PageDown", "ArrowRight"];
    for (const key of keys) {
      const before = seen.length;
      await page.keyboard.press(key);
      await expect
        .poll(async () => {
          const text = await page.locator(".ceremony-prize").textContent();
          return text !== seen[before - 1];
        })
        .toBe(true);
      seen.push((await page.locator(".ceremony-prize").textContent())!);
    }
    expect(seen).toEqual([
      "Harapan III",
      "Harapan II",
      "Harapan I",
      "Juara III",
      "Juara II",
      "Juara I",
    ]);
    expect(await page.locator(".ceremony-name").textContent()).toBe("Pustaka Ilmu Desa Sepaso");
    expect(await page.locator(".ceremony-done").textContent()).toBeTruthy();
    expect(await page.locator(".ceremony-progress").textContent()).toBe("Pengumuman 6 dari 6");
    // nothing left to announce: the key hint is gone
    expect(await page.locator(".ceremony-hint").count()).toBe(0);
    // further presses stay on the last winner
    await page.keyboard.press("ArrowRight");
    expect(await page.locator(".ceremony-prize").textContent()).toBe("Juara I");
    // back one step with the left arrow, and the hint returns
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.locator(".ceremony-prize").textContent()).toBe("Juara II");
    expect(await page.locator(".ceremony-hint").count()).toBe(1);
    // a click on the Next link also advances
    await page.getByRole("link", { name: "Berikutnya" }).click();
    await expect.poll(() => page.locator(".ceremony-prize").textContent()).toBe("Juara I");
    await page.screenshot({
      path: process.env.SCREENSHOT_DIR
        ? `${process.env.SCREENSHOT_DIR}/ceremony.png`
        : `${data.dir}/ceremony.png`,
    });
    // Escape leaves for the winners page
    await page.keyboard.press("Escape");
    await page.waitForURL(`${server.url}/competitions/kutim-2023`);
    await page.close();
  });

  it("paints with its styles in the page itself, and keeps them through client-side navigation", async () => {
    // the first paint waits for no stylesheet request: the styles come with the HTML
    const context = await browser.newContext({ javaScriptEnabled: false });
    const bare = await context.newPage();
    const requested: string[] = [];
    bare.on("request", (r) => requested.push(r.resourceType()));
    await bare.goto(`${server.url}/competitions/kutim-2023`);
    expect(requested).not.toContain("stylesheet");
    expect(await bare.locator('link[rel="stylesheet"]').count()).toBe(0);
    expect(await bare.locator(".podium").evaluate((el) => getComputedStyle(el).display)).toBe(
      "grid",
    );
    await context.close();
    // with JavaScript: hydrated, then to another page and back without a page load
    const page = await browser.newPage();
    await page.goto(`${server.url}/competitions/kutim-2023`);
    await waitForHydration(page);
    const css = () => page.evaluate(() => document.getElementById("app-stylesheet")!.textContent);
    const inline = await css();
    expect(inline!.length).toBeGreaterThan(10_000);
    await page.evaluate(() => Object.assign(window, { samePage: true }));
    await page.locator(`a[href$="/how-we-judged"]`).first().click();
    await expect.poll(() => page.url()).toMatch(/how-we-judged$/);
    await page.goBack();
    await expect.poll(() => page.locator(".podium").count()).toBe(1);
    expect(await page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);
    expect(await css()).toBe(inline);
    expect(await page.locator(".podium").evaluate((el) => getComputedStyle(el).display)).toBe(
      "grid",
    );
    await page.close();
  });

  it("switches the language without losing the reader's place on the page", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.url}/competitions/kutim-2023`);
    await waitForHydration(page);
    await page.evaluate(() => window.scrollTo(0, 500));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(500);
    // a click that does not scroll the button into view first, as a sticky header would allow
    await page.evaluate(() =>
      document.querySelector<HTMLButtonElement>(".lang-switch button")!.click(),
    );
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.getByRole("heading", { name: "Full ranking" }).count()).toBe(1);
    expect(await page.evaluate(() => window.scrollY)).toBe(500);
    await page.close();
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`draws readable winners' charts at ${viewport.width} px: codes on the axis, legend in ranking order, one colour per meaning`, async () => {
      const page = await browser.newPage({ viewport });
      await page.goto(`${server.url}/competitions/kutim-2023`);
      const charts = page.locator("figure.chart");
      await expect.poll(() => page.locator("figure.chart .recharts-wrapper > svg").count()).toBe(2);
      const winners = charts.first();
      // the axis carries component codes, side by side without touching, inside the drawing
      const ticks = await winners
        .locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")
        .evaluateAll((nodes) =>
          nodes.map((n) => {
            const r = n.getBoundingClientRect();
            return {
              text: n.textContent,
              left: r.left,
              right: r.right,
              top: r.top,
              bottom: r.bottom,
            };
          }),
        );
      expect(ticks.map((x) => x.text)).toEqual(["A", "B"]);
      for (let i = 1; i < ticks.length; i++)
        expect(ticks[i]!.left).toBeGreaterThan(ticks[i - 1]!.right);
      for (const figure of await charts.all()) {
        const svg = (await figure.locator(".recharts-wrapper > svg").boundingBox())!;
        for (const box of await figure
          .locator(".recharts-cartesian-axis-tick-value")
          .evaluateAll((nodes) =>
            nodes.map((n) => n.getBoundingClientRect().toJSON() as DOMRect),
          )) {
          expect(box.left).toBeGreaterThanOrEqual(svg.x - 0.5);
          expect(box.right).toBeLessThanOrEqual(svg.x + svg.width + 0.5);
          expect(box.bottom).toBeLessThanOrEqual(svg.y + svg.height + 0.5);
        }
      }
      // the key names the codes; the legend lists the winners in ranking order
      expect(await winners.locator(".chart-key").textContent()).toBe("AKoleksiBPelayanan");
      expect(await winners.locator(".chart-legend li").allTextContents()).toEqual([
        "Juara I · Pustaka Ilmu Desa Sepaso",
        "Juara II · Perpustakaan Desa Swarga Bara",
        "Juara III · Perpustakaan Desa Suka Rahmat",
      ]);
      // legend text in the page's text colour, dark enough on white (WCAG AA, 4.5:1)
      const contrast = await winners
        .locator(".chart-legend li")
        .first()
        .evaluate((li) => {
          const [r, g, b] = getComputedStyle(li)
            .color.match(/\d+/g)!
            .map(Number)
            .map((c) => {
              const s = c / 255;
              return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
            });
          return 1.05 / (0.2126 * r! + 0.7152 * g! + 0.0722 * b! + 0.05);
        });
      expect(contrast).toBeGreaterThanOrEqual(4.5);
      // each place its own colour, the same in the legend and the bars; the distribution of all
      // entries in a colour no place uses
      const swatches = await winners
        .locator(".chart-legend .swatch")
        .evaluateAll((nodes) => nodes.map((n) => getComputedStyle(n).backgroundColor));
      expect(new Set(swatches).size).toBe(3);
      const barFills = await winners
        .locator(".recharts-bar")
        .evaluateAll((groups) => groups.map((g) => g.querySelector("path")?.getAttribute("fill")));
      expect(
        barFills.map(
          (f) => f && `rgb(${[1, 3, 5].map((i) => parseInt(f.slice(i, i + 2), 16)).join(", ")})`,
        ),
      ).toEqual(swatches);
      const distribution = await charts
        .nth(1)
        .locator(".recharts-bar path")
        .first()
        .getAttribute("fill");
      expect(barFills).not.toContain(distribution);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await page.close();
    });
  }

  it("hydrates the podium and ranking without the charts' code, and shows their tables when it never arrives", async () => {
    const winners = (await measurePages()).find(
      (p) => p.route === "routes/competitions.$slug._index",
    )!;
    const chartFiles = new Set(winners.lazy.flatMap((chunk) => chunk.files));
    expect(chartFiles.size).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const requested: string[] = [];
    await page.route(
      (url) => chartFiles.has(url.pathname),
      (route) => {
        requested.push(new URL(route.request().url()).pathname);
        return route.abort();
      },
    );
    await page.goto(`${server.url}/competitions/kutim-2023`);
    await waitForHydration(page);
    expect(await page.locator(".podium .prize").allTextContents()).toEqual([
      "Juara I",
      "Juara II",
      "Juara III",
    ]);
    expect(await page.locator("table.ranking tbody tr").count()).toBe(7);
    // the charts asked for their code after hydration; refused, each shows its numbers instead
    const charts = page.locator("figure.chart");
    await expect.poll(() => charts.locator("table").count()).toBe(2);
    expect(await charts.first().locator("table").isVisible()).toBe(true);
    expect(await page.locator(".recharts-wrapper").count()).toBe(0);
    expect(requested.length).toBeGreaterThan(0);
    await page.close();
  });

  it("shows the charts' numbers as tables without JavaScript, never a lasting loading note", async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/competitions/kutim-2023`);
    const charts = page.locator("figure.chart");
    expect(await charts.count()).toBe(2);
    expect(await page.locator("main").textContent()).not.toMatch(/dimuat|Loading chart/);
    const components = charts.first().locator("table");
    expect(await components.isVisible()).toBe(true);
    expect(await components.locator("thead th").allTextContents()).toEqual([
      "Komponen",
      "Juara I",
      "Juara II",
      "Juara III",
    ]);
    // Juara I's Koleksi: 54,75 of 60 points is 91%
    expect(await components.locator("tbody tr").first().locator("td").first().textContent()).toBe(
      "91%",
    );
    const distribution = charts.nth(1).locator("table");
    expect(await distribution.isVisible()).toBe(true);
    expect(await distribution.locator("tbody tr").first().textContent()).toBe("60–651");
    await context.close();
  });

  it("fits the full ranking on a 360 px phone: every row shows its rank, library and final score", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${server.url}/competitions/kutim-2023`);
    const rows = await page.locator("table.ranking tbody tr").evaluateAll((trs) =>
      trs.map((tr) => {
        const box = (selector: string) => tr.querySelector(selector)!.getBoundingClientRect();
        const [rank, name, final] = [box(".rank"), box("th[scope=row]"), box(".final")];
        return {
          final: tr.querySelector(".final")!.textContent,
          rank: tr.querySelector(".rank")!.textContent,
          finalRight: final.right,
          finalTop: final.top,
          nameTop: name.top,
          rankTop: rank.top,
          rankLeft: rank.left,
        };
      }),
    );
    expect(rows).toHaveLength(7);
    expect(rows[0]!.final).toBe("91,25");
    for (const row of rows) {
      // the score on the library's first line, inside the screen: no sideways scrolling needed
      expect(row.finalRight).toBeLessThanOrEqual(360);
      expect(Math.abs(row.finalTop - row.nameTop)).toBeLessThan(4);
      expect(Math.abs(row.rankTop - row.nameTop)).toBeLessThan(4);
      expect(row.rankLeft).toBeGreaterThanOrEqual(0);
    }
    // component scores stay readable with their code
    expect(
      await page
        .locator("table.ranking tbody tr")
        .first()
        .locator(".component")
        .first()
        .evaluate((td) => getComputedStyle(td, "::before").content),
    ).toBe('"A "');
    const wrap = await page
      .locator(".results-section .table-wrap")
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(wrap).toBeLessThanOrEqual(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.close();
  });
});
