import SqliteDatabase from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { tempDir } from "../support/db";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * Scoring by choosing a rubric level (radio cards, by keyboard, and without JavaScript), and a
 * draft with one bad value: the good ones reach the server, the bad one stays flagged in its box.
 */
describe("e2e: rubric levels and a bad value on the score sheet", () => {
  let server: RunningServer;
  let browser: Browser;
  let data: { dir: string; remove: () => void };
  let levels: ScoringFixture;
  let boxes: ScoringFixture;
  let reader: SqliteDatabase.Database;

  const poll = { timeout: 15_000, interval: 100 };
  const status = (page: Page) => page.locator("[data-status]").getAttribute("data-status");

  function storedScores(judgeId: number, code: string): Record<string, number | null> | null {
    const sheet = reader
      .prepare(
        `select s.id from score_sheets s join entries e on e.id = s.entry_id join libraries l on l.id = e.library_id where s.judge_id = ? and l.code = ?`,
      )
      .get(judgeId, code) as { id: number } | undefined;
    if (!sheet) return null;
    const rows = reader
      .prepare(
        `select i.code, s.value from scores s join indicators i on i.id = s.indicator_id where s.sheet_id = ?`,
      )
      .all(sheet.id) as { code: string; value: number | null }[];
    return Object.fromEntries(rows.map((r) => [r.code, r.value]));
  }

  async function open(
    fx: ScoringFixture,
    judge: number,
    code: string,
    options: { javaScriptEnabled?: boolean } = {},
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await logIn(page, server.url, fx.judges[judge]!.email, FIXTURE_PASSWORD);
    await page.goto(`${server.url}/judge/${fx.slug}/${code}`);
    if (options.javaScriptEnabled !== false) {
      await waitForHydration(page);
      await page.locator("[data-status]").waitFor();
    }
    return { context, page, errors };
  }

  beforeAll(async () => {
    data = tempDir();
    const { db } = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(db);
    levels = await createScoringFixture(db, { slug: "tingkat-2026", entries: 2, judges: 1 });
    boxes = await createScoringFixture(db, {
      slug: "kotak-2026",
      entries: 1,
      judges: 1,
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

  it("chooses a level by keyboard: the total follows, Tab leaves the group, autosave keeps it", async () => {
    const code = levels.codes[0]!;
    const judgeId = levels.judges[0]!.id;
    const { context, page, errors } = await open(levels, 0, code);
    const a1 = page.getByRole("radiogroup", { name: /Nilai A1/ });
    expect(await a1.getByRole("radio").count()).toBe(6); // not scored, then 1 … 5
    // the rubric's text is on its level's card
    expect(await a1.getByRole("radio", { name: /^5 sangat baik$/ }).count()).toBe(1);

    // Tab reaches the group at its chosen radio ("not scored yet"), not at every radio
    await page.getByRole("link", { name: "Kembali ke daftar peserta" }).focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (
        await page.evaluate(() => (document.activeElement as HTMLInputElement).name === "score.A1")
      )
        break;
    }
    expect(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        return [el.name, el.type, el.value];
      }),
    ).toEqual(["score.A1", "radio", ""]);
    // the arrow keys move along the levels, choosing as they go: A = 60 × 4 / 15 = 16
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
    expect(await a1.getByRole("radio", { name: /^4$/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId("total").textContent(), poll).toBe("16,00");
    // a visible focus ring on the card, in the focus colour
    const ring = await page.evaluate(() => {
      const card = (document.activeElement as HTMLElement).closest("label")!;
      const style = getComputedStyle(card);
      return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
    });
    expect(ring).toEqual({ style: "solid", width: "3px", color: "rgb(26, 79, 214)" });
    // Tab leaves the group: the next stop is A1's note
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement).getAttribute("name")),
    ).toBe("note.A1");

    await expect.poll(() => status(page), poll).toBe("saved");
    expect(storedScores(judgeId, code)).toEqual({ A1: 4, A2: null, B1: null });
    await page.reload();
    await waitForHydration(page);
    expect(
      await page
        .getByRole("radiogroup", { name: /Nilai A1/ })
        .getByRole("radio", { name: /^4$/ })
        .isChecked(),
    ).toBe(true);
    expect(await page.getByTestId("total").textContent()).toBe("16,00");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("saves a level chosen without JavaScript, posted as the number box was", async () => {
    const code = levels.codes[1]!;
    const { context, page } = await open(levels, 0, code, { javaScriptEnabled: false });
    await page
      .getByRole("radiogroup", { name: /Nilai A2/ })
      .getByRole("radio", { name: /^10 / })
      .check();
    await page
      .getByRole("radiogroup", { name: /Nilai B1/ })
      .getByRole("radio", { name: /^3$/ })
      .check();
    await page.getByRole("button", { name: "Simpan draf" }).click();
    await page.waitForURL(`${server.url}/judge/${levels.slug}/${code}?saved=1`);
    expect(storedScores(levels.judges[0]!.id, code)).toEqual({ A1: null, A2: 10, B1: 3 });
    expect(
      await page
        .getByRole("radiogroup", { name: /Nilai B1/ })
        .getByRole("radio", { name: /^3$/ })
        .isChecked(),
    ).toBe(true);
    await context.close();
  });

  it("saves the good values beside a bad one, which stays flagged in its box after a reload", async () => {
    const code = boxes.codes[0]!;
    const judgeId = boxes.judges[0]!.id;
    const { context, page, errors } = await open(boxes, 0, code);
    await page.getByLabel(/Nilai A1/).fill("4");
    await page.getByLabel(/Nilai A2/).fill("11");
    await page.getByLabel(/Nilai B1/).fill("3");
    await expect.poll(() => storedScores(judgeId, code), poll).toEqual({ A1: 4, A2: null, B1: 3 });
    // one status: the field to fix, and that the rest is saved
    await expect.poll(() => status(page), poll).toBe("problems");
    expect(await page.locator("[data-status]").textContent()).toContain(
      "1 isian belum tersimpan sampai diperbaiki; isian lain disimpan seperti biasa.",
    );
    const message = "Nilai harus antara 0 dan 10.";
    expect(await page.locator("#field-score_A2-error").textContent()).toBe(message);
    expect(await page.getByLabel(/Nilai A2/).getAttribute("aria-invalid")).toBe("true");

    await page.reload();
    await waitForHydration(page);
    // the kept value comes back from the device copy once the autosave has started
    await expect.poll(() => page.getByLabel(/Nilai A2/).inputValue(), poll).toBe("11");
    await expect
      .poll(() => page.locator("#field-score_A2-error").textContent(), poll)
      .toBe(message);
    expect(await page.getByLabel(/Nilai A1/).inputValue()).toBe("4");
    expect(storedScores(judgeId, code)).toEqual({ A1: 4, A2: null, B1: 3 });
    // the total counts what is valid: A = 60 × 4 / 15 = 16, B = 40 × 3 / 4 = 30
    expect(await page.getByTestId("total").textContent()).toBe("46,00");

    // submitting is refused with the field flagged, and nothing is sent
    await page.getByRole("button", { name: "Kirim nilai final" }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe(
      "score.A2",
    );
    expect(storedScores(judgeId, code)).toEqual({ A1: 4, A2: null, B1: 3 });

    // corrected: saved, and the device copy is no longer needed
    await page.getByLabel(/Nilai A2/).fill("7");
    await expect.poll(() => storedScores(judgeId, code)?.A2, poll).toBe(7);
    await expect.poll(() => status(page), poll).toBe("saved");
    expect(await page.locator("#field-score_A2-error").count()).toBe(0);
    expect(
      await page.evaluate(
        () => Object.keys(localStorage).filter((k) => k.startsWith("juara:sheet:")).length,
      ),
    ).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
