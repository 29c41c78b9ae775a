import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import {
  launchBrowser,
  logIn,
  moveStatus,
  submitSheet,
  waitForHydration,
} from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * The library's side from invitation to feedback, in Chromium with JavaScript, every step through
 * the real pages: the chair imports a competition of two stages (desk, then visit) on
 * /chair/import, asks for reported values in the criteria editor, opens the self-assessment
 * window in the settings and invites the libraries' managers from the entries page; a manager
 * logs in with the password shown once (and changes it), fills the values, chooses two photos and
 * a PDF and submits; the desk judge sees the values and the thumbnails on the sheet; the chair
 * closes the desk on the stages page; the visit judge verifies one value and corrects another;
 * the chair publishes; the library reads its feedback. The evidence files answer 404 to another
 * library's manager and to a visitor. (The visit photo taken offline is not part of this run.)
 */

const SLUG = "perjalanan-2026";
const LIBRARIES = [
  { code: "JLN1", name: "Perpustakaan Jalan Satu" },
  { code: "JLN2", name: "Perpustakaan Jalan Dua" },
];
const DESK_JUDGE = "juri1@juara.demo";
const VISIT_JUDGE = "juri2@juara.demo";

const indicator = (code: string) => ({ code, name: `Indikator ${code}`, min: 0, max: 10 });
const competitionFile = {
  slug: SLUG,
  name: "Lomba Perjalanan Pustaka 2026",
  year: 2026,
  level: "kabupaten",
  region: "Kabupaten Uji",
  aggregation: "mean",
  prizes: { winners: 1, honourable: 0 },
  rankingScope: "overall",
  combine: "weighted",
  stages: [
    {
      code: "DESK",
      name: "Penilaian berkas",
      kind: "desk",
      weight: 40,
      components: [
        { code: "D", name: "Berkas", weight: 100, indicators: [indicator("D1"), indicator("D2")] },
      ],
      judges: [DESK_JUDGE],
      assignments: [{ judge: DESK_JUDGE, libraries: LIBRARIES.map((l) => l.code) }],
    },
    {
      code: "VISIT",
      name: "Kunjungan",
      kind: "visit",
      weight: 60,
      components: [
        {
          code: "V",
          name: "Lapangan",
          weight: 100,
          indicators: [indicator("V1"), indicator("V2")],
        },
      ],
      judges: [VISIT_JUDGE],
      assignments: [{ judge: VISIT_JUDGE, libraries: LIBRARIES.map((l) => l.code) }],
    },
  ],
  libraries: LIBRARIES.map((l) => ({ ...l, type: "desa", village: "Uji", district: "Bengalon" })),
  judges: [DESK_JUDGE, VISIT_JUDGE],
};

/** A date (WITA) `offset` days from today, as the settings' date inputs take it. */
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);
const photo = (r: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g: 110, b: 40 } } })
    .jpeg()
    .toBuffer();

let browser: Browser;
let server: RunningServer;
const poll = { timeout: 15_000, interval: 100 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await server?.cleanup();
});

/** A fresh browser session (its own cookies), JavaScript on, page errors collected. */
async function session(errors: string[]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  return page;
}

const notice = (page: Page) => page.locator("p.notice[role=status]").first();

/** The chair invites a library's manager from the entries page: the password shown once. */
async function invite(page: Page, library: string, name: string, email: string) {
  await page.goto(`${server.url}/chair/competitions/${SLUG}/entries`);
  await waitForHydration(page);
  const row = page.getByRole("row", { name: new RegExp(library) });
  await row.getByText("Undang pengelola").click();
  await row.getByLabel("Nama pengelola").fill(name);
  await row.getByLabel("Email pengelola").fill(email);
  await row.getByRole("button", { name: "Buat akun pengelola" }).click();
  const shown = page.locator("code.temp-password");
  await shown.waitFor();
  const password = (await shown.textContent()) ?? "";
  expect(password).toMatch(/^\S{12}$/);
  return password;
}

/** A manager's first login: the issued password, then a new one of their own. */
async function firstLogin(page: Page, email: string, issued: string, chosen: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(issued);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(`${server.url}/account/password`);
  await waitForHydration(page);
  await page.getByLabel("Kata sandi sekarang").fill(issued);
  await page.getByLabel("Kata sandi baru", { exact: true }).fill(chosen);
  await page.getByLabel("Ulangi kata sandi baru").fill(chosen);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect
    .poll(() => page.locator("[role=status]").first().textContent(), poll)
    .toContain("Kata sandi sudah diganti");
}

/** The chair asks for a number on the first indicators of a stage's first component. */
async function askNumbers(page: Page, stage: string, claims: [string, string][]) {
  await page.goto(`${server.url}/chair/competitions/${SLUG}/criteria?stage=${stage}`);
  await waitForHydration(page);
  for (const [i, [unit, standard]] of claims.entries()) {
    await page.locator(`select[name="c.0.i.${i}.claim.kind"]`).selectOption("number");
    await page.locator(`input[name="c.0.i.${i}.claim.unit"]`).fill(unit);
    await page.locator(`input[name="c.0.i.${i}.claim.standard"]`).fill(standard);
  }
  await page.getByRole("button", { name: "Simpan nilai yang dilaporkan" }).click();
  await expect
    .poll(() => notice(page).textContent(), poll)
    .toContain("Nilai yang dilaporkan tersimpan.");
}

describe("e2e: the library's journey (JavaScript on)", () => {
  it("is invited, reports values with evidence, is checked on the visit and reads its feedback", async () => {
    const errors: string[] = [];
    const chair = await session(errors);
    const base = `${server.url}/chair/competitions/${SLUG}`;

    // 1. the chair: the competition from its file, scoring open, the values asked, the window
    await logIn(chair, server.url, "ketua@juara.demo", DEMO_PASSWORD);
    await chair.goto(`${server.url}/chair/import`);
    await waitForHydration(chair);
    await chair.getByLabel("Berkas JSON").setInputFiles({
      name: `${SLUG}.json`,
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(competitionFile)),
    });
    await chair.getByRole("button", { name: "Impor" }).click();
    await chair.waitForURL(base);
    await waitForHydration(chair);
    await moveStatus(chair, "Penilaian");
    // the desk judge sees D1 (m²); the visit judge checks V1 (judul) and V2 (jam/hari)
    await askNumbers(chair, "DESK", [["m²", "50"]]);
    await askNumbers(chair, "VISIT", [
      ["judul", "1.000"],
      ["jam/hari", "6"],
    ]);
    await chair.goto(`${base}/settings`);
    await waitForHydration(chair);
    const window = chair.locator('form[aria-labelledby="self-assessment"]');
    await window.getByLabel("Dibuka").fill(day(-1));
    await window.getByLabel("Ditutup").fill(day(1));
    await window.getByRole("button", { name: "Simpan" }).click();
    await expect.poll(() => notice(chair).textContent(), poll).toContain("Perubahan disimpan.");

    // 2. the managers of both libraries are invited; the second is the "other library"
    const issued1 = await invite(chair, LIBRARIES[0]!.name, "Bu Sari", "sari@jalan1.id");
    const issued2 = await invite(chair, LIBRARIES[1]!.name, "Pak Budi", "budi@jalan2.id");

    // 3. the first library: password changed, values filled, two photos and a PDF, submitted
    const library = await session(errors);
    await firstLogin(library, "sari@jalan1.id", issued1, "sandi-sari-baru");
    await library.goto(`${server.url}/library/${SLUG}`);
    await waitForHydration(library);
    expect(await library.textContent("body")).toContain("standar: ≥ 1.000 judul");
    await library.locator('input[name="value.D1"]').fill("60");
    await library.locator('input[name="value.V1"]').fill("1.250");
    await library.locator('input[name="value.V2"]').fill("7");
    await library.locator('input[name="evidence.D1"]').setInputFiles([
      { name: "ruang-baca.jpg", mimeType: "image/jpeg", buffer: await photo(200) },
      { name: "rak-buku.jpg", mimeType: "image/jpeg", buffer: await photo(60) },
    ]);
    await library.locator('input[name="evidence.V1"]').setInputFiles({
      name: "daftar-koleksi.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await library.getByRole("button", { name: "Kirim penilaian mandiri" }).click();
    await expect
      .poll(() => library.locator(".badge.self-assessment-submitted").count(), poll)
      .toBe(1);
    const thumbs = library.locator('img[src^="/files/"]');
    await expect.poll(() => thumbs.count(), poll).toBe(2);
    const pdfLink = library.getByRole("link", { name: "Buka daftar-koleksi.pdf" });
    expect(await pdfLink.count()).toBe(1);
    const fileUrls = [
      ...(await thumbs.evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")!))),
      ...(await library
        .locator('a[href^="/files/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")!))),
    ];
    expect(fileUrls.length).toBeGreaterThanOrEqual(5); // two thumbnails, two photos, the PDF
    for (const url of fileUrls)
      expect((await library.request.get(`${server.url}${url}`)).status(), url).toBe(200);

    // 4. the desk judge sees the value and the thumbnails on the sheet, and scores both
    const desk = await session(errors);
    await logIn(desk, server.url, DESK_JUDGE, DEMO_PASSWORD);
    await desk.goto(`${server.url}/judge/${SLUG}/JLN1`);
    await waitForHydration(desk);
    const d1 = desk.locator("#claim-D1");
    expect(await d1.textContent()).toContain("60 m²");
    expect(await d1.textContent()).toContain("standar: ≥ 50 m²");
    expect(await d1.getByRole("img", { name: "ruang-baca.jpg" }).count()).toBe(1);
    expect(await d1.getByRole("img", { name: "rak-buku.jpg" }).count()).toBe(1);
    for (const url of fileUrls.filter((u) => u.endsWith("/thumb")))
      expect((await desk.request.get(`${server.url}${url}`)).status(), url).toBe(200);
    await submitSheet(
      desk,
      server.url,
      SLUG,
      "JLN1",
      { D1: 8, D2: 7 },
      { javaScriptEnabled: true },
    );
    await submitSheet(
      desk,
      server.url,
      SLUG,
      "JLN2",
      { D1: 6, D2: 6 },
      { javaScriptEnabled: true },
    );

    // 5. the chair closes the desk on the stages page: the visit is under way
    await chair.goto(`${base}/stages`);
    await waitForHydration(chair);
    await chair.getByRole("button", { name: "Tutup tahap dan lanjutkan" }).click();
    await chair.waitForURL(`${base}/stages?moved=VISIT`);

    // 6. the visit judge verifies V2 and corrects V1, then scores both
    const visit = await session(errors);
    await logIn(visit, server.url, VISIT_JUDGE, DEMO_PASSWORD);
    await visit.goto(`${server.url}/judge/${SLUG}/JLN1`);
    await waitForHydration(visit);
    expect(await visit.locator("#claim-V1").textContent()).toContain("1.250 judul");
    const v2 = visit.getByRole("group", { name: "Pemeriksaan kunjungan V2" });
    await v2.getByLabel("Sesuai (terverifikasi)").check();
    await expect.poll(() => v2.getByText(/Pemeriksaan tersimpan pukul/).count(), poll).toBe(1);
    const v1 = visit.getByRole("group", { name: "Pemeriksaan kunjungan V1" });
    await v1.getByLabel("Nilai yang diamati").fill("900");
    await v1.getByRole("button", { name: "Simpan pemeriksaan" }).click();
    await expect.poll(() => v1.getByText(/Pemeriksaan tersimpan pukul/).count(), poll).toBe(1);
    await submitSheet(
      visit,
      server.url,
      SLUG,
      "JLN1",
      { V1: 7, V2: 8 },
      { javaScriptEnabled: true },
    );
    await submitSheet(
      visit,
      server.url,
      SLUG,
      "JLN2",
      { V1: 5, V2: 5 },
      { javaScriptEnabled: true },
    );

    // 7. the chair publishes
    await chair.goto(base);
    await waitForHydration(chair);
    await moveStatus(chair, "Ditutup");
    await moveStatus(chair, "Diumumkan");

    // 8. the library reads its feedback: the corrected value below the standard
    await library.goto(`${server.url}/library/${SLUG}/feedback`);
    const feedback = ((await library.textContent("main")) ?? "").replace(/\s+/g, " ");
    expect(feedback).toContain("900 judul");
    expect(feedback).toContain("dikoreksi juri; dilaporkan 1.250");
    expect(feedback).not.toContain(LIBRARIES[1]!.name);

    // 9. the files: 404 to the other library's manager and to a visitor
    const other = await session(errors);
    await firstLogin(other, "budi@jalan2.id", issued2, "sandi-budi-baru");
    for (const url of fileUrls) {
      expect((await other.request.get(`${server.url}${url}`)).status(), url).toBe(404);
      expect((await fetch(`${server.url}${url}`)).status, url).toBe(404);
    }
    expect(errors).toEqual([]);
  }, 300_000);
});
