import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { tempDir } from "../support/db";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

/** A chair loads judges' paper sheets from a CSV file and sees them in the ranking. */
describe("e2e: the chair imports scores from a CSV file", () => {
  let data: { dir: string; remove: () => void };
  let server: RunningServer;
  let browser: Browser;
  let fx: ScoringFixture;

  beforeAll(async () => {
    data = tempDir();
    const { db } = createDb(await serverDatabaseUrl(data.dir));
    await migrateToLatest(db);
    fx = await createScoringFixture(db, { slug: "kertas-2026", entries: 2, judges: 1 });
    await db.destroy();
    [server, browser] = await Promise.all([startServer({ dataDir: data.dir }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await server?.cleanup();
    data?.remove();
  });

  it("uploads a small file from the results page, sees the summary, and the ranking follows it", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await logIn(page, server.url, fx.chair.email, FIXTURE_PASSWORD);
    const base = `${server.url}/chair/competitions/${fx.slug}`;
    await page.goto(`${base}/results`);
    await waitForHydration(page);
    await page.getByRole("link", { name: "Impor nilai (CSV)" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Impor nilai dari berkas CSV");
    await page.getByText("Nilai masuk ke tahap yang sedang dinilai: S1").waitFor();

    // the second library scores higher on the judge's paper sheet
    const judge = `Juri 1 ${fx.slug}`;
    const rows = [
      "Kode;Juri;Status lembar;Indikator;Nilai",
      ...(
        [
          [fx.codes[0]!, ["2", "3", "1"]],
          [fx.codes[1]!, ["5", "9", "4"]],
        ] as const
      ).flatMap(([code, values]) =>
        ["A1", "A2", "B1"].map((ind, k) => `${code};${judge};Sudah dikirim;${ind};${values[k]}`),
      ),
    ];
    await page.getByLabel("Berkas nilai (CSV)").setInputFiles({
      name: "nilai-kertas.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(rows.join("\n") + "\n"),
    });
    // while the file is on its way the button says so and cannot be pressed twice
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/scores-import*", async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    await page.getByRole("button", { name: "Impor nilai" }).click();
    const pending = page.getByRole("button", { name: "Mengimpor…" });
    await pending.waitFor();
    expect(await pending.isDisabled()).toBe(true);
    release();
    const summary = page.locator("div.notice[role=status]");
    await expect
      .poll(() => summary.textContent())
      .toContain("Nilai diimpor ke tahap S1: 6 nilai pada 2 lembar (2 dikirim, 0 draf).");
    await page.unroute("**/scores-import*");

    await summary.getByRole("link", { name: "Hasil dan peringkat" }).click();
    const ranking = page
      .getByRole("table")
      .filter({ has: page.getByRole("columnheader", { name: "Nilai akhir" }) });
    await ranking.waitFor();
    const names = await ranking.locator("tbody th[scope=row]").allTextContents();
    expect(names[0]).toContain("Perpustakaan Desa 2");
    expect(names[1]).toContain("Perpustakaan Desa 1");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("works without JavaScript: a wrong file comes back with its problems beside the field", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, server.url, fx.chair.email, FIXTURE_PASSWORD);
    await page.goto(`${server.url}/chair/competitions/${fx.slug}/scores-import`);
    await page.getByLabel("Berkas nilai (CSV)").setInputFiles({
      name: "nilai.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        `Kode;Juri;Status lembar;Indikator;Nilai\n${fx.codes[0]};Juri 1 ${fx.slug};Draf;A1;7\n`,
      ),
    });
    await page.getByLabel("Ganti nilai yang sudah ada").check();
    await page.getByRole("button", { name: "Impor nilai" }).click();
    await page.getByText("baris 2, kolom Nilai: 7 di luar skala 1–5.").waitFor();
    const field = page.getByLabel("Berkas nilai (CSV)");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Ganti nilai yang sudah ada").isChecked()).toBe(true);
    await context.close();
  });
});
