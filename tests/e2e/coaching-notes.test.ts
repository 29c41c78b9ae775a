import SqliteDatabase from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { launchBrowser, waitForHydration } from "../support/browser";
import { tempDir } from "../support/db";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

const NOTE = "Buka layanan sore hari.\nAjak karang taruna membuat pojok baca anak.";

describe("e2e: a judge writes a coaching note, the chair prints it on the feedback sheet", () => {
  let server: RunningServer;
  let browser: Browser;
  let data: { dir: string; remove: () => void };
  let fx: ScoringFixture;
  let reader: SqliteDatabase.Database;

  beforeAll(async () => {
    data = tempDir();
    const setup = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(setup.db);
    fx = await createScoringFixture(setup.db, { slug: "bina-2026", entries: 2, judges: 2 });
    await setup.db.destroy();
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

  async function logIn(page: Page, email: string) {
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Kata sandi").fill(FIXTURE_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL(`${server.url}/dashboard`);
  }

  it("saves the note as the judge types, and the chair includes it and prints", async () => {
    const code = fx.codes[1]!;
    const judge = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    judge.on("pageerror", (e) => errors.push(e.message));
    await logIn(judge, fx.judges[0]!.email);
    await judge.goto(`${server.url}/judge/${fx.slug}/${code}`);
    await waitForHydration(judge);
    await judge.getByLabel("Catatan pembinaan").fill(NOTE);
    // saved by itself a moment after typing stops, without leaving the page
    await expect
      .poll(() => judge.getByText(/Catatan tersimpan pukul/).count(), { timeout: 10_000 })
      .toBe(1);
    expect(judge.url()).toBe(`${server.url}/judge/${fx.slug}/${code}`);
    const stored = () =>
      (reader.prepare("select text from coaching_notes").all() as { text: string }[]).map(
        (r) => r.text,
      );
    expect(stored()).toEqual([NOTE]);
    await judge.reload();
    expect(await judge.getByLabel("Catatan pembinaan").inputValue()).toBe(NOTE);
    expect(errors).toEqual([]);

    const chair = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(chair, fx.chair.email);
    await chair.goto(`${server.url}/chair/competitions/${fx.slug}/results`);
    await chair.getByRole("link", { name: new RegExp(`Umpan balik.*Perpustakaan Desa 2`) }).click();
    await chair.waitForURL(/\/feedback$/);
    const sheet = chair.locator(".feedback-page");
    await sheet.getByRole("heading", { name: "Lembar umpan balik" }).waitFor();
    expect(await sheet.getByText("Tidak ada catatan pembinaan yang disertakan.").count()).toBe(1);
    await chair.getByRole("button", { name: "Sertakan semua" }).click();
    await expect.poll(() => chair.getByText("Pilihan catatan tersimpan.").count()).toBe(1);
    await expect
      .poll(
        async () =>
          (await sheet.locator(".feedback-notes li").count()) || (await sheet.innerHTML()),
      )
      .toBe(1);
    expect(await sheet.locator(".feedback-text").textContent()).toBe(NOTE);
    // no judge's name on the sheet unless asked
    expect(await sheet.textContent()).not.toContain("Juri 1");

    await waitForHydration(chair);
    await chair.evaluate(() => {
      const w = window as unknown as { prints: number; print: () => void };
      w.prints = 0;
      w.print = () => {
        w.prints += 1;
      };
    });
    await chair.getByRole("button", { name: "Cetak" }).click();
    expect(await chair.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
    // on paper: the chooser is hidden, the sheet stays
    await chair.emulateMedia({ media: "print" });
    expect(await chair.locator("#feedback-choose").isVisible()).toBe(false);
    expect(await sheet.getByText("Lembar umpan balik").isVisible()).toBe(true);
  });
});
