import SqliteDatabase from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { launchBrowser } from "../support/browser";
import { tempDir } from "../support/db";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/** A judge in headless Chromium, on a connection that comes and goes. */
describe("e2e: scoring a sheet with JavaScript on", () => {
  let server: RunningServer;
  let browser: Browser;
  let data: { dir: string; remove: () => void };
  let fx: ScoringFixture;
  let reader: SqliteDatabase.Database;

  const poll = { timeout: 15_000, interval: 100 };

  function stored(
    judgeId: number,
    code: string,
  ): {
    status: string;
    scores: Record<string, number | null>;
    notes: Record<string, string>;
  } | null {
    const sheet = reader
      .prepare(
        `select s.id, s.status from score_sheets s join entries e on e.id = s.entry_id join libraries l on l.id = e.library_id where s.judge_id = ? and l.code = ?`,
      )
      .get(judgeId, code) as { id: number; status: string } | undefined;
    if (!sheet) return null;
    const rows = reader
      .prepare(
        `select i.code, s.value, s.note from scores s join indicators i on i.id = s.indicator_id where s.sheet_id = ?`,
      )
      .all(sheet.id) as { code: string; value: number | null; note: string }[];
    return {
      status: sheet.status,
      scores: Object.fromEntries(rows.map((r) => [r.code, r.value])),
      notes: Object.fromEntries(rows.map((r) => [r.code, r.note])),
    };
  }

  async function loggedIn(
    email: string,
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Kata sandi").fill(FIXTURE_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL(`${server.url}/dashboard`);
    return { context, page, errors };
  }

  const status = (page: Page) => page.locator("[data-status]").getAttribute("data-status");

  beforeAll(async () => {
    data = tempDir();
    const { db } = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(db);
    fx = await createScoringFixture(db, {
      slug: "e2e-2026",
      entries: 3,
      judges: 2,
      // scores typed in number boxes (rubric levels are chosen: tests/e2e/sheet-levels.test.ts)
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

  it("logs in, fills a sheet, goes offline, keeps typing, comes back online, submits", async () => {
    const { context, page, errors } = await loggedIn(fx.judges[0]!.email);
    const code = fx.codes[0]!;
    await page.getByRole("link", { name: "Lomba Uji e2e-2026" }).click();
    await page.waitForURL(`${server.url}/judge/${fx.slug}`);
    await page.getByRole("link", { name: "Perpustakaan Desa 1 (e2e-2026)" }).click();
    await page.waitForURL(`${server.url}/judge/${fx.slug}/${code}`);
    await page.locator("[data-status]").waitFor();

    // the live total follows the typing: A = 60 × 4 / 15 = 16
    await page.getByLabel(/Nilai A1/).fill("4");
    await expect.poll(() => page.getByTestId("total").textContent(), poll).toBe("16,00");
    // the browser checks the range as the server will
    await page.getByLabel(/Nilai A2/).fill("11");
    await expect.poll(() => page.getByText("Nilai harus antara 0 dan 10.").count(), poll).toBe(1);
    await page.getByLabel(/Nilai A2/).fill("7");
    await expect.poll(() => page.getByText("Nilai harus antara 0 dan 10.").count(), poll).toBe(0);
    await expect.poll(() => status(page), poll).toBe("saved");
    expect(stored(fx.judges[0]!.id, code)?.scores).toEqual({
      A1: 4,
      A2: 7,
      B1: null,
    });

    // the connection drops; the judge keeps typing
    await context.setOffline(true);
    await page.getByLabel(/Nilai B1/).fill("3");
    await page.getByLabel("Catatan B1").fill("Ruang baca sempit tapi bersih");
    await expect.poll(() => status(page), poll).toBe("offline");
    expect(await page.locator("[data-status]").textContent()).toContain(
      "disimpan di perangkat ini",
    );
    const kept = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("juara:sheet:"))
        .map((k) => localStorage.getItem(k)),
    );
    expect(kept.join()).toContain("Ruang baca sempit tapi bersih");
    expect(stored(fx.judges[0]!.id, code)?.scores.B1).toBeNull();
    await expect.poll(() => page.getByTestId("total").textContent(), poll).toBe("74,00");

    // back online: the kept copy is sent without the judge doing anything
    await context.setOffline(false);
    await expect.poll(() => stored(fx.judges[0]!.id, code)?.scores.B1, poll).toBe(3);
    await expect.poll(() => status(page), poll).toBe("saved");
    expect(stored(fx.judges[0]!.id, code)?.notes.B1).toBe("Ruang baca sempit tapi bersih");

    await page.getByRole("button", { name: "Kirim nilai final" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Ya, kirim nilai final" }).click();
    await page.waitForURL(`${server.url}/judge/${fx.slug}?submitted=${code}`);
    // the list page's notice (waited for: the URL can change a moment before the new page renders)
    await expect
      .poll(() => page.getByText(/Nilai untuk .* sudah dikirim\. Terima kasih\./).count(), poll)
      .toBe(1);
    expect(stored(fx.judges[0]!.id, code)).toMatchObject({
      status: "submitted",
      scores: { A1: 4, A2: 7, B1: 3 },
    });
    expect(
      await page.evaluate(
        () => Object.keys(localStorage).filter((k) => k.startsWith("juara:sheet:")).length,
      ),
    ).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps what was typed offline after the page is closed, and sends it when the page is opened again", async () => {
    const { context, page } = await loggedIn(fx.judges[0]!.email);
    const code = fx.codes[1]!;
    const url = `${server.url}/judge/${fx.slug}/${code}`;
    await page.goto(url);
    await page.locator("[data-status]").waitFor();
    await context.setOffline(true);
    await page.getByLabel(/Nilai A1/).fill("2");
    await page.getByLabel("Komentar umum").fill("Ditulis di desa tanpa sinyal");
    await expect.poll(() => status(page), poll).toBe("offline");
    await page.close(); // the laptop lid closes

    await context.setOffline(false);
    const reopened = await context.newPage();
    await reopened.goto(url);
    await expect.poll(() => stored(fx.judges[0]!.id, code)?.scores.A1, poll).toBe(2);
    await expect.poll(() => status(reopened), poll).toBe("saved");
    expect(await reopened.getByLabel("Komentar umum").inputValue()).toBe(
      "Ditulis di desa tanpa sinyal",
    );
    await context.close();
  });

  it("says the offline work is saved when a send that got no answer had arrived, on opening the page again", async () => {
    const { context, page } = await loggedIn(fx.judges[1]!.email);
    const code = fx.codes[1]!;
    const url = `${server.url}/judge/${fx.slug}/${code}`;
    await page.goto(url);
    await page.locator("[data-status]").waitFor();
    // the connection drops just after the save reached the server: the answer is lost
    await page.route("**/api/sheets/**", async (route) => {
      await route.fetch();
      await route.abort("internetdisconnected");
    });
    await page.getByLabel(/Nilai A1/).fill("2");
    await expect.poll(() => status(page), poll).toBe("offline");
    expect(stored(fx.judges[1]!.id, code)?.scores.A1).toBe(2);
    await page.close();

    const reopened = await context.newPage();
    await reopened.goto(url);
    await expect.poll(() => status(reopened), poll).toBe("saved");
    expect(await reopened.locator("[data-status]").textContent()).toMatch(/^Tersimpan pukul/);
    expect(await reopened.getByLabel(/Nilai A1/).inputValue()).toBe("2");
    expect(
      await reopened.evaluate(
        () => Object.keys(localStorage).filter((k) => k.startsWith("juara:sheet:")).length,
      ),
    ).toBe(0);
    await context.close();
  });

  it("shows both versions when another tab saved meanwhile, and the judge chooses", async () => {
    const { context, page: first } = await loggedIn(fx.judges[1]!.email);
    const code = fx.codes[2]!;
    const url = `${server.url}/judge/${fx.slug}/${code}`;
    await first.goto(url);
    const second = await context.newPage();
    await second.goto(url);
    await first.locator("[data-status]").waitFor();
    await second.locator("[data-status]").waitFor();

    await first.getByLabel(/Nilai A1/).fill("5");
    await expect.poll(() => status(first), poll).toBe("saved");

    await second.getByLabel(/Nilai A1/).fill("1");
    await expect.poll(() => status(second), poll).toBe("conflict");
    const panel = second.getByRole("alert").filter({ hasText: "Lembar ini diubah di tempat lain" });
    const row = panel.getByRole("row", { name: /A1/ });
    expect(await row.textContent()).toMatch(/1.*5/);
    expect(stored(fx.judges[1]!.id, code)?.scores.A1).toBe(5);

    await panel.getByRole("button", { name: "Pakai isian saya" }).click();
    await expect.poll(() => stored(fx.judges[1]!.id, code)?.scores.A1, poll).toBe(1);
    await expect.poll(() => status(second), poll).toBe("saved");
    await context.close();
  });
});
