import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { DEMO_PASSWORD, DEMO_PREVIOUS_SLUG } from "../../db/seed/demo";
import { hashPassword } from "../../app/lib/password.server";
import { seedDemo } from "../../app/models/demo.server";
import { launchBrowser, waitForHydration } from "../support/browser";
import { tempDir } from "../support/db";
import { startServer, type RunningServer } from "../support/server";

const NOTE = "Tambah jam buka sore hari; ajak karang taruna membuat pojok baca.";
const OTHER_NOTE =
  "Koleksi anak perlu ditambah dan ditata menurut umur; buat jadwal kunjungan sekolah setiap bulan dan catat jumlah pengunjungnya.";

/**
 * The library's manager reads its feedback on last year's published demo competition: the
 * component table and its chart, then the printable version, which fits one A4 page.
 */
describe("e2e: a library reads its feedback after publication and prints it", () => {
  let server: RunningServer;
  let browser: Browser;
  let data: { dir: string; remove: () => void };
  let page: Page;

  beforeAll(async () => {
    data = tempDir();
    const { db } = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(db);
    await seedDemo(db);
    const now = new Date().toISOString();
    const entry = await db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .innerJoin("competitions as c", "c.id", "e.competition_id")
      .innerJoin("stages as s", "s.competition_id", "c.id")
      .select(["e.id as entryId", "l.id as libraryId", "s.id as stageId"])
      .where("l.code", "=", "SEPASO")
      .where("c.slug", "=", DEMO_PREVIOUS_SLUG)
      .orderBy("s.position", "desc")
      .executeTakeFirstOrThrow();
    const judges = await db
      .selectFrom("users")
      .select("id")
      .where("email", "in", ["juri1@juara.demo", "juri2@juara.demo", "juri3@juara.demo"])
      .orderBy("email")
      .execute();
    expect(judges).toHaveLength(3);
    await db
      .insertInto("users")
      .values({
        email: "pengelola@sepaso.id",
        name: "Bu Sari",
        role: "library",
        library_id: entry.libraryId,
        password_hash: await hashPassword(DEMO_PASSWORD),
        created_at: now,
        updated_at: now,
      })
      .execute();
    // a full sheet: three notes, and more values below the standard than the page lists
    await db
      .insertInto("coaching_notes")
      .values(
        judges.map((judge, i) => ({
          stage_id: entry.stageId,
          entry_id: entry.entryId,
          judge_id: judge.id,
          text: i === 0 ? NOTE : `${OTHER_NOTE} (${i + 1})`,
          included: 1 as const,
          updated_at: now,
        })),
      )
      .execute();
    const indicators = await db
      .selectFrom("indicators as i")
      .innerJoin("competitions as c", "c.id", "i.competition_id")
      .select("i.id")
      .where("c.slug", "=", DEMO_PREVIOUS_SLUG)
      .orderBy("i.id")
      .limit(8)
      .execute();
    await db
      .insertInto("indicator_claims")
      .values(
        indicators.map((i) => ({
          indicator_id: i.id,
          kind: "number" as const,
          unit: "judul",
          standard_min: 1000,
        })),
      )
      .execute();
    await db
      .insertInto("claim_values")
      .values(
        indicators.map((i, n) => ({
          entry_id: entry.entryId,
          indicator_id: i.id,
          value: String(100 * (n + 1)),
          updated_at: now,
        })),
      )
      .execute();
    // submitted: a draft's values claim nothing
    await db
      .insertInto("self_assessments")
      .values({
        entry_id: entry.entryId,
        status: "submitted",
        version: 1,
        submitted_at: now,
        updated_at: now,
      })
      .execute();
    await db.destroy();
    [server, browser] = await Promise.all([startServer({ dataDir: data.dir }), launchBrowser()]);
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it("opens the feedback from the entry's page, sees the chart, and prints one A4 page", async () => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill("pengelola@sepaso.id");
    await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL(`${server.url}/library`);

    await page.goto(`${server.url}/library/${DEMO_PREVIOUS_SLUG}`);
    await page.getByRole("link", { name: "Umpan balik untuk perpustakaan Anda" }).click();
    await page.waitForURL(`${server.url}/library/${DEMO_PREVIOUS_SLUG}/feedback`);
    await waitForHydration(page);
    // (the address changes before the new page renders: wait for its heading)
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Umpan balik untuk perpustakaan");
    // the table, and the chart drawn from it: one bar per component and series
    const table = page.locator("#feedback-components-table");
    const components = await table.locator("tbody tr").count();
    expect(components).toBeGreaterThan(0);
    const chart = page.getByRole("img", { name: /Nilai per komponen, dalam persen dari bobotnya/ });
    await chart.waitFor();
    await expect.poll(() => chart.locator(".recharts-bar-rectangle").count()).toBe(components * 3);
    expect(await chart.getAttribute("aria-describedby")).toBe("feedback-components-table");
    expect(await page.locator(".chart-legend").textContent()).toContain("Rata-rata juara");
    expect(await page.locator(".feedback-notes li").count()).toBe(3);
    expect(await page.locator(".feedback-notes").textContent()).toContain(NOTE);
    // eight values below 1.000 judul: the five furthest below, 100 judul first
    const below = page.getByRole("table").filter({ hasText: "Standar" });
    expect(await below.locator("tbody tr").count()).toBe(5);
    expect(await below.locator("tbody tr").first().textContent()).toContain("100 judul");
    expect(await page.locator(".feedback-notes").textContent()).not.toContain("Juri");

    // the printable version: the same sheet without the chart, and a print button that prints
    await page.getByRole("link", { name: "Versi cetak (A4)" }).click();
    await page.waitForURL(/\?print=1$/);
    await waitForHydration(page);
    await expect.poll(() => page.locator(".feedback-chart").count()).toBe(0);
    expect(await table.locator("tbody tr").count()).toBe(components);
    await page.evaluate(() => {
      const w = window as unknown as { prints: number; print: () => void };
      w.prints = 0;
      w.print = () => {
        w.prints += 1;
      };
    });
    await page.getByRole("button", { name: "Cetak" }).click();
    expect(await page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("link", { name: "Kembali ke tampilan layar" }).isVisible()).toBe(
      false,
    );
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await table.isVisible()).toBe(true);
    // on paper: A4 (the stylesheet's page size), one page
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString(
      "latin1",
    );
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    // A4 is 595 × 842 points
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
    expect(errors).toEqual([]);
  });
});
