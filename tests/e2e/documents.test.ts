import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const shot = (name: string) =>
  process.env.SCREENSHOT_DIR ? { path: `${process.env.SCREENSHOT_DIR}/${name}.png` } : {};

/** Replaces window.print with a counter: the dialog itself cannot open headless. */
async function countPrints(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { prints: number; print: () => void };
    w.prints = 0;
    w.print = () => {
      w.prints += 1;
    };
  });
  return () => page.evaluate(() => (window as unknown as { prints: number }).prints);
}

describe("e2e: certificates and Berita Acara carry the decision's date, place, number and signers", () => {
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

  it("the chair records them in the settings, even after publication, and both documents print them", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);

    // kutim-2023 is published: its judging settings are locked, the documents' details are not
    await page.goto(`${server.url}/chair/competitions/kutim-2023/settings`);
    const form = page.getByRole("form", { name: "Piagam dan berita acara" });
    await form.getByLabel("Tanggal penetapan juara").fill("2023-08-17");
    await form.getByLabel("Tempat penetapan").fill("Sangatta");
    await form.getByLabel("Nomor berita acara").fill("045/BA-LPD/DPK/VIII/2023");
    const first = form.getByRole("group", { name: "Penanda tangan pertama (dewan juri)" });
    await first.getByLabel("Nama (dengan gelar)").fill("Dr. Bambang Prasetyo");
    const second = form.getByRole("group", { name: "Penanda tangan kedua (pimpinan dinas)" });
    await second.getByLabel("Nama (dengan gelar)").fill("Drs. H. Ayub, M.Si.");
    await second
      .getByLabel("Jabatan")
      .fill("Kepala Dinas Perpustakaan dan Kearsipan Kabupaten Kutai Timur");
    await form.getByRole("button", { name: "Simpan" }).click();
    await expect.poll(() => page.getByRole("status").count()).toBe(1);
    await page.reload();
    expect(await form.getByLabel("Tanggal penetapan juara").inputValue()).toBe("2023-08-17");
    expect(await second.getByLabel("Nama (dengan gelar)").inputValue()).toBe("Drs. H. Ayub, M.Si.");

    // a date that does not exist is refused next to its field
    await form.getByLabel("Tanggal penetapan juara").evaluate((input: HTMLInputElement) => {
      input.type = "text";
      input.value = "2023-02-30";
    });
    await form.getByRole("button", { name: "Simpan" }).click();
    await expect.poll(() => form.getByText("Isian tidak valid.").count()).toBe(1);
    // the browser logs that refusal (400) as a failed load; nothing else may fail
    expect(errors).toEqual([
      "Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
    errors.length = 0;

    // certificates: the decision's place and date (not today's, not the publication's), signers
    await page.goto(`${server.url}/competitions/kutim-2023/certificates`);
    const certificate = page.locator(".certificate").first();
    expect(await certificate.locator(".certificate-date").textContent()).toBe(
      "Sangatta, 17 Agustus 2023",
    );
    expect(await certificate.locator(".signature-title").allTextContents()).toEqual([
      "Ketua Dewan Juri",
      "Kepala Dinas Perpustakaan dan Kearsipan Kabupaten Kutai Timur",
    ]);
    expect(await certificate.locator(".signature-name").allTextContents()).toEqual([
      "Dr. Bambang Prasetyo",
      "Drs. H. Ayub, M.Si.",
    ]);
    await waitForHydration(page);
    const certificatePrints = await countPrints(page);
    await page.getByRole("button", { name: "Cetak piagam" }).click();
    expect(await certificatePrints()).toBe(1);
    await page.screenshot({ ...shot("certificate"), fullPage: false });

    // Berita Acara: number, place and date, numbers right-aligned, a print button that prints
    await page.goto(`${server.url}/chair/competitions/kutim-2023/berita-acara`);
    const minutes = page.locator("article.minutes");
    expect(await minutes.locator(".document-number").textContent()).toBe(
      "Nomor: 045/BA-LPD/DPK/VIII/2023",
    );
    expect(await minutes.textContent()).toContain("Pada tanggal 17 Agustus 2023");
    expect(await minutes.locator(".minutes-place-date").textContent()).toBe(
      "Sangatta, 17 Agustus 2023",
    );
    const alignments = await minutes
      .locator("table")
      .first()
      .locator("tbody tr")
      .first()
      .locator("td")
      .evaluateAll((tds) => tds.map((td) => [td.textContent, getComputedStyle(td).textAlign]));
    for (const [text, align] of alignments)
      if (/^[\d.,—]+$/.test(text ?? "")) expect(align, text ?? "").toBe("right");
    expect(alignments.filter(([, align]) => align === "right").length).toBeGreaterThan(3);
    await waitForHydration(page);
    const minutesPrints = await countPrints(page);
    await page.getByRole("button", { name: "Cetak" }).click();
    expect(await minutesPrints()).toBe(1);
    await page.screenshot({ ...shot("berita-acara"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
