import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { DEMO_PASSWORD, DEMO_SLUG } from "../../db/seed/demo";
import { hashPassword } from "../../app/lib/password.server";
import { seedDemo } from "../../app/models/demo.server";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { tempDir } from "../support/db";
import { startServer, type RunningServer } from "../support/server";

/**
 * The self-assessment end to end, JavaScript on: the chair asks for a reported value on an
 * indicator (criteria frozen, the window not yet open) and opens the window; SEPASO's manager
 * fills the form, which saves itself (and what was typed just before a reload comes back from the
 * device), chooses two photos and a PDF beside the indicators and submits; the form is then
 * read-only and shows the evidence, whose files a visitor cannot fetch.
 */
let browser: Browser;
let server: RunningServer;
let data: { dir: string; remove: () => void };
let page: Page;
let first = "";
let second = "";

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  data = tempDir();
  const { db } = createDb(`file:${data.dir}/juara.db`);
  await migrateToLatest(db);
  await seedDemo(db);
  const now = new Date().toISOString();
  const sepaso = await db
    .selectFrom("libraries")
    .select("id")
    .where("code", "=", "SEPASO")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("users")
    .values({
      email: "pengelola@sepaso.test",
      name: "Bu Sari",
      role: "library",
      library_id: sepaso.id,
      password_hash: await hashPassword(DEMO_PASSWORD),
      created_at: now,
      updated_at: now,
    })
    .execute();
  const indicators = await db
    .selectFrom("indicators as i")
    .innerJoin("competitions as c", "c.id", "i.competition_id")
    .innerJoin("components as k", "k.id", "i.component_id")
    .select("i.code")
    .where("c.slug", "=", DEMO_SLUG)
    .orderBy("k.position")
    .orderBy("i.position")
    .execute();
  [first, second] = [indicators[0]!.code, indicators[1]!.code];
  await db.destroy();
  server = await startServer({ dataDir: data.dir });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});
afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await server?.stop();
  data?.remove();
});

describe("e2e: self-assessment (JavaScript on)", () => {
  it("the chair asks for a value, the library fills it (autosaved, kept across a reload) and submits", async () => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    // the chair: a reported number on the first indicator, on the first component, then the window
    await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);
    await page.goto(`${server.url}/chair/competitions/${DEMO_SLUG}/criteria`);
    await waitForHydration(page);
    await page.locator('select[name="c.0.i.0.claim.kind"]').selectOption("number");
    await page.locator('input[name="c.0.i.0.claim.unit"]').fill("judul");
    await page.locator('input[name="c.0.i.0.claim.standard"]').fill("1.000");
    await page.locator('select[name="c.0.i.1.claim.kind"]').selectOption("yesno");
    await page.locator('input[name="c.0.i.1.claim.requiresYes"]').check();
    await page.getByRole("button", { name: "Simpan nilai yang dilaporkan" }).click();
    await expect
      .poll(() => page.locator("p.notice[role=status]").first().textContent())
      .toContain("Nilai yang dilaporkan tersimpan.");

    await page.goto(`${server.url}/chair/competitions/${DEMO_SLUG}/settings`);
    await waitForHydration(page);
    const window = page.locator('form[aria-labelledby="self-assessment"]');
    await window.getByLabel("Dibuka").fill(day(-1));
    await window.getByLabel("Ditutup").fill(day(1));
    await window.getByRole("button", { name: "Simpan" }).click();
    await expect
      .poll(() => page.locator("p.notice[role=status]").first().textContent())
      .toContain("Perubahan disimpan.");
    // once open, the reported values stay put
    await page.goto(`${server.url}/chair/competitions/${DEMO_SLUG}/criteria`);
    expect(await page.getByRole("button", { name: "Simpan nilai yang dilaporkan" }).count()).toBe(
      0,
    );
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.waitForURL(`${server.url}/`);

    // the library
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill("pengelola@sepaso.test");
    await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL(/\/library$/);
    await page.goto(`${server.url}/library/${DEMO_SLUG}`);
    await waitForHydration(page);
    expect(await page.textContent("body")).toContain("standar: ≥ 1.000 judul");
    const number = page.locator(`input[name="value.${first}"]`);
    const status = page.locator("p.autosave-status");
    await number.fill("1.250");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Tersimpan/);

    // saved on the server: a reload shows it
    await page.reload();
    await waitForHydration(page);
    expect(await number.inputValue()).toBe("1.250");

    // typed and reloaded before the autosave left: kept on this device, put back and sent
    await page.getByLabel("Kepala perpustakaan").fill("Ibu Sari Wulandari");
    await page.reload();
    await waitForHydration(page);
    await expect
      .poll(() => page.getByLabel("Kepala perpustakaan").inputValue())
      .toBe("Ibu Sari Wulandari");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Tersimpan/);

    // submitting without the yes/no value names it; with it, the form is sent and read-only
    await page.getByRole("button", { name: "Kirim penilaian mandiri" }).click();
    await expect
      .poll(() => page.locator(".field-errors").first().textContent())
      .toContain("Belum dapat dikirim: beberapa nilai belum diisi.");
    expect(await page.locator(`[id="value.${second}-error"]`).textContent()).toContain(
      "Wajib diisi sebelum dikirim.",
    );
    await page.locator(`input[name="value.${second}"][value="yes"]`).check();
    // the evidence goes with the submit: two photos for the first value, a PDF for the second
    const photo = (r: number) =>
      sharp({ create: { width: 80, height: 60, channels: 3, background: { r, g: 90, b: 30 } } })
        .jpeg()
        .toBuffer();
    await page.locator(`input[name="evidence.${first}"]`).setInputFiles([
      { name: "rak-buku.jpg", mimeType: "image/jpeg", buffer: await photo(200) },
      { name: "ruang-baca.jpg", mimeType: "image/jpeg", buffer: await photo(60) },
    ]);
    await page.locator(`input[name="evidence.${second}"]`).setInputFiles({
      name: "sk-kepala-desa.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        "latin1",
      ),
    });
    await page.getByRole("button", { name: "Kirim penilaian mandiri" }).click();
    await expect
      .poll(() => page.locator(".badge.self-assessment-submitted").count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.locator(`input[name="value.${first}"]`).count()).toBe(0);
    expect(await page.textContent("body")).toContain("1.250 judul");
    // the evidence beside its values: two thumbnails and the PDF, each opening the stored file
    const thumbs = page.locator('img[src^="/files/"]');
    await expect.poll(() => thumbs.count()).toBe(2);
    const pdf = page.getByRole("link", { name: "Buka sk-kepala-desa.pdf" });
    expect(await pdf.count()).toBe(1);
    const urls = [
      ...(await thumbs.evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")!))),
      (await pdf.getAttribute("href"))!,
    ];
    for (const url of urls) {
      expect((await page.request.get(`${server.url}${url}`)).status(), url).toBe(200);
      expect((await fetch(`${server.url}${url}`)).status, url).toBe(404);
    }
    expect(errors).toEqual([]);
  });
});
