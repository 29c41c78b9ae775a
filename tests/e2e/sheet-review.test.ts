import SqliteDatabase from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { tempDir } from "../support/db";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/** The score sheet's submit review, its list of fields to fix and the conflict panel, in Chromium. */
describe("e2e: reviewing a submission, fixing fields, resolving a conflict", () => {
  let server: RunningServer;
  let browser: Browser;
  let data: { dir: string; remove: () => void };
  let fx: ScoringFixture;
  let reader: SqliteDatabase.Database;

  const poll = { timeout: 15_000, interval: 100 };

  function stored(judgeId: number, code: string) {
    const sheet = reader
      .prepare(
        `select s.id, s.status, s.comment from score_sheets s join entries e on e.id = s.entry_id join libraries l on l.id = e.library_id where s.judge_id = ? and l.code = ?`,
      )
      .get(judgeId, code) as { id: number; status: string; comment: string } | undefined;
    if (!sheet) return null;
    const rows = reader
      .prepare(
        `select i.code, s.value from scores s join indicators i on i.id = s.indicator_id where s.sheet_id = ?`,
      )
      .all(sheet.id) as { code: string; value: number | null }[];
    return {
      status: sheet.status,
      comment: sheet.comment,
      scores: Object.fromEntries(rows.map((r) => [r.code, r.value])),
    };
  }

  async function openSheet(
    judge: number,
    code: string,
    options: { javaScriptEnabled?: boolean; height?: number } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: 1200, height: options.height ?? 800 },
    });
    const page = await context.newPage();
    await logIn(page, server.url, fx.judges[judge]!.email, FIXTURE_PASSWORD);
    await page.goto(`${server.url}/judge/${fx.slug}/${code}`);
    if (options.javaScriptEnabled !== false) {
      await waitForHydration(page);
      await page.locator("[data-status]").waitFor();
    }
    return { context, page };
  }

  const status = (page: Page) => page.locator("[data-status]").getAttribute("data-status");
  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

  beforeAll(async () => {
    data = tempDir();
    const { db } = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(db);
    // scores typed in number boxes (rubric levels are chosen: tests/e2e/sheet-levels.test.ts)
    fx = await createScoringFixture(db, {
      slug: "tinjau-2026",
      entries: 4,
      judges: 2,
      rubric: false,
    });
    await db.destroy();
    [server, browser] = await Promise.all([
      startServer({ dataDir: data.dir, env: { JUARA_NO_DEMO: "1" } }),
      launchBrowser(),
    ]);
    reader = new SqliteDatabase(`${data.dir}/juara.db`, { readonly: true });
  });
  afterAll(async () => {
    reader?.close();
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it("asks before submitting: the summary lists what is unscored, a link focuses it, Escape cancels, confirm submits", async () => {
    const code = fx.codes[0]!;
    const { context, page } = await openSheet(0, code);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.getByLabel(/Nilai A1/).fill("4");
    await expect.poll(() => status(page), poll).toBe("saved");

    const submit = page.getByRole("button", { name: "Kirim nilai final", exact: true });
    const dialog = page.getByRole("dialog", { name: "Periksa sebelum mengirim" });
    await submit.click();
    await dialog.waitFor();
    expect(await focusedId(page)).toBe("review-title");
    // A = 60 × 4 / 15 = 16; B not scored yet
    expect(await dialog.getByTestId("review-total").textContent()).toBe("16,00");
    expect(await dialog.getByText("A. Komponen A: 16,00 dari 60").count()).toBe(1);
    expect(await dialog.getByText("B. Komponen B: 0,00 dari 40").count()).toBe(1);
    expect(await dialog.getByRole("link").allTextContents()).toEqual([
      "A2 · Indikator A2",
      "B1 · Indikator B1",
    ]);
    // incomplete: nothing to confirm
    expect(await dialog.getByRole("button", { name: "Ya, kirim nilai final" }).count()).toBe(0);

    await dialog.getByRole("link", { name: "B1 · Indikator B1" }).click();
    await expect.poll(() => dialog.isVisible(), poll).toBe(false);
    expect(await focusedId(page)).toBe("field-score_B1");

    await page.getByLabel(/Nilai A2/).fill("7");
    await page.getByLabel(/Nilai B1/).fill("3");
    await expect.poll(() => status(page), poll).toBe("saved");

    // Escape cancels: focus back on the submit button, nothing submitted
    await submit.click();
    await dialog.waitFor();
    expect(await dialog.getByRole("link").count()).toBe(0);
    expect(
      await dialog.getByText("Semua 3 indikator sudah dinilai.", { exact: false }).count(),
    ).toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible(), poll).toBe(false);
    expect(await focusedId(page)).toBe("sheet-submit");
    // the back button cancels too
    await submit.click();
    await dialog.getByRole("button", { name: "Kembali ke lembar" }).click();
    await expect.poll(() => dialog.isVisible(), poll).toBe(false);
    expect(await focusedId(page)).toBe("sheet-submit");
    expect(stored(fx.judges[0]!.id, code)).toMatchObject({
      status: "draft",
      scores: { A1: 4, A2: 7, B1: 3 },
    });

    await submit.click();
    await dialog.getByRole("button", { name: "Ya, kirim nilai final" }).click();
    await page.waitForURL(`${server.url}/judge/${fx.slug}?submitted=${code}`);
    await expect.poll(() => stored(fx.judges[0]!.id, code)?.status, poll).toBe("submitted");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("without JavaScript, a submission first answers with the summary and a confirm form", async () => {
    const code = fx.codes[1]!;
    const { context, page } = await openSheet(0, code, { javaScriptEnabled: false });
    await page.getByLabel(/Nilai A1/).fill("5");
    await page.getByLabel(/Nilai A2/).fill("10");
    await page.getByLabel(/Nilai B1/).fill("4");
    await page.getByLabel("Komentar umum").fill("Lengkap");
    await page.getByRole("button", { name: "Kirim nilai final" }).click();
    await page.waitForLoadState();

    const review = page.getByRole("region", { name: "Periksa sebelum mengirim" });
    await review.waitFor();
    expect(await review.getByTestId("review-total").textContent()).toBe("100,00");
    expect(
      await review.getByText("Semua 3 indikator sudah dinilai.", { exact: false }).count(),
    ).toBe(1);
    expect(stored(fx.judges[0]!.id, code)).toBeNull();
    // the sheet stays below with what was typed
    expect(await page.getByLabel("Komentar umum").inputValue()).toBe("Lengkap");

    await review.getByRole("button", { name: "Ya, kirim nilai final" }).click();
    await page.waitForURL(`${server.url}/judge/${fx.slug}?submitted=${code}`);
    expect(stored(fx.judges[0]!.id, code)).toMatchObject({
      status: "submitted",
      comment: "Lengkap",
      scores: { A1: 5, A2: 10, B1: 4 },
    });
    await context.close();
  });

  it("an incomplete sheet shows one status, not a green saved, and links to the fields to fix", async () => {
    const code = fx.codes[2]!;
    const { context, page } = await openSheet(0, code);
    await page.getByLabel(/Nilai A1/).fill("2");
    await expect.poll(() => status(page), poll).toBe("saved");
    await page.getByRole("button", { name: "Kirim nilai final" }).click();
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");

    await expect.poll(() => status(page), poll).toBe("problems");
    const line = page.locator("[data-status]");
    expect(await line.textContent()).toContain("Belum dikirim: 2 isian wajib diisi.");
    expect(await line.textContent()).not.toContain("Tersimpan");
    expect(await line.getAttribute("class")).toContain("save-status-warn");
    // one status: no second message elsewhere on the page
    expect(await page.getByText("Belum tersimpan", { exact: false }).count()).toBe(0);

    const list = page.getByRole("region", { name: "2 isian perlu diperbaiki" });
    expect(await list.getByRole("link").allTextContents()).toEqual([
      "A2 · Indikator A2",
      "B1 · Indikator B1",
    ]);
    await list.getByRole("link", { name: "A2 · Indikator A2" }).click();
    expect(await focusedId(page)).toBe("field-score_A2");
    await page.keyboard.type("6");
    await expect
      .poll(() => page.getByRole("region", { name: "1 isian perlu diperbaiki" }).count(), poll)
      .toBe(1);
    await page.getByRole("link", { name: "B1 · Indikator B1" }).click();
    expect(await focusedId(page)).toBe("field-score_B1");
    await page.keyboard.type("1");
    await expect.poll(() => status(page), poll).toBe("saved");
    expect(await page.locator("#sheet-problems").count()).toBe(0);
    await context.close();
  });

  it("two devices: the conflict panel comes into view, and a mix chosen per field is saved", async () => {
    const code = fx.codes[3]!;
    const judgeId = fx.judges[1]!.id;
    const first = await openSheet(1, code, { height: 500 });
    const second = await openSheet(1, code);

    await second.page.getByLabel(/Nilai A1/).fill("5");
    await second.page.getByLabel(/Nilai B1/).fill("3");
    await expect.poll(() => status(second.page), poll).toBe("saved");
    expect(stored(judgeId, code)?.scores).toEqual({ A1: 5, A2: null, B1: 3 });

    const page = first.page;
    await page.getByLabel(/Nilai A1/).fill("1");
    await page.getByLabel(/Nilai A2/).fill("8");
    await page.getByLabel("Komentar umum").fill("Dari perangkat pertama");
    await expect.poll(() => status(page), poll).toBe("conflict");

    const heading = page.getByRole("heading", { name: "Lembar ini diubah di tempat lain" });
    await expect.poll(() => focusedId(page), poll).toBe("conflict-title");
    const box = await heading.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);

    // A1 and B1 from the server, A2 and the comment from this device
    await page.getByRole("radio", { name: /^A1, tersimpan di server/ }).check();
    await page.getByRole("radio", { name: /^B1, tersimpan di server/ }).check();
    expect(await page.getByRole("radio", { name: /^A2, isian Anda/ }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Simpan pilihan ini" }).click();

    await expect
      .poll(() => stored(judgeId, code), poll)
      .toMatchObject({ scores: { A1: 5, A2: 8, B1: 3 }, comment: "Dari perangkat pertama" });
    await expect.poll(() => status(page), poll).toBe("saved");
    expect(await page.getByLabel(/Nilai A1/).inputValue()).toBe("5");
    expect(await page.getByLabel(/Nilai B1/).inputValue()).toBe("3");
    await first.context.close();
    await second.context.close();
  });
});
