import SqliteDatabase from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * A chair sets up a competition's stages in a real Chromium with JavaScript on: two stages
 * added, the weight rule following the typing, a reorder, then the criteria editor per stage.
 */
let server: RunningServer;
let browser: Browser;
const slug = "tahap-e2e";

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await server?.cleanup();
});

const stageForm = (page: Page, code: string) =>
  page.locator(`form[aria-labelledby="stage-setup-${code}"]`);
const addForm = (page: Page) => page.locator('form[aria-labelledby="stage-setup-add"]');

async function addStage(page: Page, code: string, name: string, kind: string, weight: string) {
  const form = addForm(page);
  await form.locator('input[name="code"]').fill(code);
  await form.locator('input[name="name"]').fill(name);
  await form.locator('select[name="kind"]').selectOption(kind);
  await form.locator('input[name="weight"]').fill(weight);
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector(`text=Tahap ${code} disimpan.`);
}

const headings = (page: Page) => page.locator(".stage-setup-item h3").allTextContents();

function componentStages(): { stage: string; code: string }[] {
  const db = new SqliteDatabase(server.dbFile!, { readonly: true });
  try {
    return db
      .prepare(
        `select s.code as stage, k.code from components k join stages s on s.id = k.stage_id
           join competitions c on c.id = k.competition_id where c.slug = ? order by k.id`,
      )
      .all(slug) as { stage: string; code: string }[];
  } finally {
    db.close();
  }
}

describe("the chair sets up stages with JavaScript on", () => {
  it("adds two stages, sees the weight rule live, reorders, then edits each stage's criteria", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, server.url, "ketua@juara.demo", "juara-demo-2024");
    await page.goto(`${server.url}/chair/competitions/new`);
    await page.fill('input[name="slug"]', slug);
    await page.fill('input[name="name"]', "Lomba Bertahap");
    await page.check('input[name="template"][value="none"]');
    await page.click('main button:has-text("Buat")');
    await page.waitForURL(new RegExp(`/chair/competitions/${slug}$`));

    await page.goto(`${server.url}/chair/competitions/${slug}/stages`);
    await waitForHydration(page);
    // one stage: nothing to total
    expect(await page.textContent("#stage-weight-rule")).toContain("Aturan bobot terpenuhi.");

    await addStage(page, "D", "Penilaian dokumen", "desk", "60");
    await addStage(page, "V", "Kunjungan", "visit", "40");
    // S1 (100) + D (60) + V (40): the rule is broken, as the server says too
    expect(await page.textContent("#stage-weight-rule")).toContain(
      "Bobot tahap berpenilaian berjumlah 200%, harus 100%",
    );

    // typing (nothing saved yet): S1 becomes the administrative check, the total follows
    const first = stageForm(page, "S1");
    await first.locator('select[name="kind"]').selectOption("admin");
    await first.locator('input[name="weight"]').fill("0");
    await expect
      .poll(() => page.textContent("#stage-weight-rule"))
      .toContain("Jumlah bobot tahap berpenilaian: 100%");
    expect(await page.textContent("#stage-weight-rule")).toContain("Aturan bobot terpenuhi.");
    await stageForm(page, "D").locator('input[name="weight"]').fill("50");
    await expect
      .poll(() => page.textContent("#stage-weight-rule"))
      .toContain("Bobot tahap berpenilaian berjumlah 90%, harus 100%");
    await stageForm(page, "D").locator('input[name="weight"]').fill("6.5");
    await expect
      .poll(() => page.textContent("#stage-weight-rule"))
      .toContain("Setiap bobot harus bilangan bulat 0–100.");
    await stageForm(page, "D").locator('input[name="weight"]').fill("60");

    await first.locator('input[name="code"]').fill("ADM");
    await first.locator('input[name="name"]').fill("Administrasi");
    await first.locator('button:has-text("Simpan tahap")').click();
    await page.waitForSelector("text=Tahap ADM disimpan.");
    expect(await page.textContent("#stage-weight-rule")).toContain("Aturan bobot terpenuhi.");

    // V before D
    await page.click('button:has-text("Naikkan tahap V")');
    await page.waitForSelector("text=Urutan tahap diubah.");
    await expect.poll(() => headings(page)).toEqual(["1. Tahap ADM", "2. Tahap V", "3. Tahap D"]);

    // the criteria editor: a choice of stages, the administrative check has none
    await page.goto(`${server.url}/chair/competitions/${slug}/criteria`);
    await waitForHydration(page);
    expect(await page.textContent("main")).toContain("adalah pemeriksaan administrasi");
    await page.click('a:has-text("V · Kunjungan")');
    await page.waitForURL(/\/criteria\?stage=V$/);
    await page.click('button:has-text("Isi dengan templat")');
    await page.waitForSelector("text=Templat dimuat");
    await page.click('.sticky-actions button:has-text("Simpan kriteria")');
    await page.waitForSelector("text=Kriteria disimpan.");
    expect(page.url()).toMatch(/\?stage=V$/);
    const visit = componentStages();
    expect(visit.length).toBeGreaterThan(0);
    expect(new Set(visit.map((c) => c.stage))).toEqual(new Set(["V"]));

    // the same template at the desk: its codes are taken by V, said next to the field
    await page.click('a:has-text("D · Penilaian dokumen")');
    await page.waitForURL(/\/criteria\?stage=D$/);
    await page.click('button:has-text("Isi dengan templat")');
    await page.waitForSelector("text=Templat dimuat");
    await page.click('.sticky-actions button:has-text("Simpan kriteria")');
    await page.waitForSelector('input[name="c.0.code"][aria-invalid="true"]');
    expect(await page.textContent("main")).toContain("sudah dipakai di tahap V");
    expect(componentStages()).toEqual(visit);
    await context.close();
  });
});
