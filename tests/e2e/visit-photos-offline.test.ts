import SqliteDatabase from "better-sqlite3";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { tempDir } from "../support/db";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

describe("e2e: a visit judge takes a photo while offline", () => {
  let server: RunningServer;
  let browser: Browser;
  let data: { dir: string; remove: () => void };
  let fx: ScoringFixture;
  let reader: SqliteDatabase.Database;

  beforeAll(async () => {
    data = tempDir();
    const setup = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(setup.db);
    fx = await createScoringFixture(setup.db, { slug: "foto-luring", entries: 1, judges: 1 });
    await setup.db
      .updateTable("stages")
      .set({ kind: "visit" })
      .where("competition_id", "=", fx.competitionId)
      .execute();
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

  const rows = () =>
    reader.prepare("select id, source, original_name from evidence_files order by id").all() as {
      id: number;
      source: string;
      original_name: string;
    }[];

  it("keeps the photo on the device, sends it when the connection returns, once", async () => {
    const photo = await sharp({
      create: {
        width: 640,
        height: 480,
        channels: 3,
        background: "#468",
        noise: { type: "gaussian", mean: 110, sigma: 30 },
      },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const context = await browser.newContext({ viewport: { width: 412, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await logIn(page, server.url, fx.judges[0]!.email, FIXTURE_PASSWORD);
    await page.goto(`${server.url}/judge/${fx.slug}/${fx.codes[0]}`);
    await waitForHydration(page);
    const section = page.locator("#visit-photos");
    expect(await section.getByRole("heading", { name: "Foto kunjungan" }).count()).toBe(1);
    expect(await section.getByText("Belum ada foto kunjungan tersimpan.").count()).toBe(1);

    // no connection: the photo is kept on the device, waiting
    await context.setOffline(true);
    await page
      .getByLabel("Ambil atau pilih foto")
      .setInputFiles({ name: "pojok-baca.jpg", mimeType: "image/jpeg", buffer: photo });
    const item = section.locator("li[data-photo-state]");
    await expect
      .poll(() => item.getAttribute("data-photo-state"), { timeout: 10_000 })
      .toBe("waiting");
    expect(await item.textContent()).toContain("pojok-baca.jpg — menunggu koneksi");
    expect(rows()).toEqual([]);
    // (the sheet is not kept for offline use, so it is not reloaded while offline)

    // the connection returns: sent without anything more from the judge
    await context.setOffline(false);
    await expect
      .poll(() => item.getAttribute("data-photo-state"), { timeout: 15_000 })
      .toBe("sent");
    expect(await item.textContent()).toContain("terkirim");
    expect(rows()).toEqual([
      { id: expect.any(Number) as number, source: "judge", original_name: "pojok-baca.jpg" },
    ]);

    // a reload shows it stored, and nothing is left waiting on the device
    await page.reload();
    await waitForHydration(page);
    await expect
      .poll(() => section.getByRole("img", { name: "pojok-baca.jpg" }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    // the device's queue is empty: nothing is left to send again
    const kept = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("juara-visit-photos", 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction("pending").objectStore("pending").count();
            count.onsuccess = () => {
              open.result.close();
              resolve(count.result);
            };
            count.onerror = () => reject(count.error);
          };
        }),
    );
    expect(kept).toBe(0);
    expect(await section.locator("li[data-photo-state]").count()).toBe(0);
    expect(rows()).toHaveLength(1);

    // a file that is no photo: refused with the server's message, until the judge discards it
    await page.getByLabel("Ambil atau pilih foto").setInputFiles({
      name: "denah.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    await expect
      .poll(() => item.getAttribute("data-photo-state"), { timeout: 10_000 })
      .toBe("refused");
    expect(await item.textContent()).toContain(
      "ditolak: denah.svg: bukan foto JPEG, PNG atau WebP",
    );
    await section.getByRole("button", { name: "Buang denah.svg" }).click();
    await expect.poll(() => item.count()).toBe(0);
    expect(rows()).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
