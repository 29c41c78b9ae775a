import SqliteDatabase from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { launchBrowser, logIn, waitForHydration } from "../support/browser";
import { addClaims } from "../support/claims";
import { tempDir } from "../support/db";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

describe("e2e: a visit judge verifies one reported value and corrects another", () => {
  let server: RunningServer;
  let browser: Browser;
  let data: { dir: string; remove: () => void };
  let fx: ScoringFixture;
  let reader: SqliteDatabase.Database;

  beforeAll(async () => {
    data = tempDir();
    const setup = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(setup.db);
    fx = await createScoringFixture(setup.db, { slug: "kunjungan-2026", entries: 2, judges: 1 });
    await addClaims(setup.db, fx, {
      stageKind: "visit",
      entries: [
        {
          code: fx.codes[1]!,
          status: "submitted",
          values: { A1: "1250", A2: "yes", B1: "Pojok baca anak" },
          evidence: true,
        },
      ],
    });
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

  const stored = () =>
    reader
      .prepare(
        "select i.code, k.result, k.observed from claim_checks k join indicators i on i.id = k.indicator_id order by i.code",
      )
      .all() as { code: string; result: string; observed: string | null }[];

  it("saves both checks without leaving the page, keeps them through a failed request, and shows them after a reload", async () => {
    const code = fx.codes[1]!;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await logIn(page, server.url, fx.judges[0]!.email, FIXTURE_PASSWORD);
    const url = `${server.url}/judge/${fx.slug}/${code}`;
    await page.goto(url);
    await waitForHydration(page);

    // what the library reported, beside the indicator
    const a1 = page.locator("#claim-A1");
    expect(await a1.textContent()).toContain("1.250 judul");
    expect(await a1.textContent()).toContain("standar: ≥ 1.000 judul");
    expect(await a1.getByRole("img", { name: "rak-buku.jpg" }).count()).toBe(1);
    expect(
      await a1.getByRole("link", { name: /Video: Profil perpustakaan/ }).getAttribute("rel"),
    ).toContain("noopener");

    // A2 verified: sent as soon as it is chosen
    const check2 = page.getByRole("group", { name: "Pemeriksaan kunjungan A2" });
    await check2.getByLabel("Sesuai (terverifikasi)").check();
    await expect
      .poll(() => stored(), { timeout: 10_000 })
      .toEqual([{ code: "A2", result: "verified", observed: null }]);

    // A1 corrected, while the connection fails: the value stays in its box
    await page.route("**/api/claims/**", (route) => route.abort("internetdisconnected"));
    const check1 = page.getByRole("group", { name: "Pemeriksaan kunjungan A1" });
    await check1.getByLabel("Nilai yang diamati").fill("1.100");
    expect(await check1.getByLabel("Dikoreksi").isChecked()).toBe(true);
    await check1.getByRole("button", { name: "Simpan pemeriksaan" }).click();
    await expect
      .poll(() => check1.locator("[data-claims-status]").getAttribute("data-claims-status"), {
        timeout: 10_000,
      })
      .toBe("failed");
    expect(await check1.getByLabel("Nilai yang diamati").inputValue()).toBe("1.100");
    expect(stored()).toHaveLength(1);

    // the connection returns: saved
    await page.unroute("**/api/claims/**");
    await check1.getByRole("button", { name: "Simpan pemeriksaan" }).click();
    await expect
      .poll(() => check1.getByText(/Pemeriksaan tersimpan pukul/).count(), { timeout: 10_000 })
      .toBe(1);
    expect(page.url()).toBe(url);
    expect(stored()).toEqual([
      { code: "A1", result: "corrected", observed: "1100" },
      { code: "A2", result: "verified", observed: null },
    ]);

    await page.reload();
    await waitForHydration(page);
    expect(await check1.getByLabel("Dikoreksi").isChecked()).toBe(true);
    expect(await check1.getByLabel("Nilai yang diamati").inputValue()).toBe("1.100");
    expect(await check2.getByLabel("Sesuai (terverifikasi)").isChecked()).toBe(true);
    expect(errors).toEqual([]);
  });
});
