import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
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
 * The definition of done for stages: a competition of three stages (admin → desk → visit,
 * combined weighted) from the import page to the published winners, in Chromium, as the chair
 * and two judges do it, with JavaScript and without. The expected outcome is computed below from
 * the scores typed, by the rule of docs/scoring.md ("Stages"), and it differs from what the last
 * stage alone would give, so the test proves the weighting is applied.
 */

const JUDGES = ["juri1@juara.demo", "juri2@juara.demo"] as const;
const DESK = { code: "DESK", weight: 40, advance: 2, indicators: { D1: 10, D2: 10 } };
const VISIT = { code: "VISIT", weight: 60, indicators: { V1: 10 } };
const FAILED_ITEM = "Surat pendaftaran";
const FAILED_REASON = "SK pendirian tidak dilampirkan";

/** Library n (1–5) of a run; the fifth fails the admin check. */
const lib = (prefix: string, n: number) => ({
  code: `${prefix}${n}`,
  name: `Perpustakaan Tahap ${prefix}${n}`,
});

/** What each judge types, by library number: desk D1, D2 and visit V1 (no visit for 4 and 5). */
const DESK_SCORES: Record<number, [Record<string, number>, Record<string, number>]> = {
  1: [
    { D1: 9, D2: 9 },
    { D1: 9, D2: 9 },
  ],
  2: [
    { D1: 6, D2: 8 },
    { D1: 7, D2: 7 },
  ],
  // the same desk final as library 2 from other sheets: a tie at the cut, which goes on
  3: [
    { D1: 8, D2: 8 },
    { D1: 6, D2: 6 },
  ],
  4: [
    { D1: 5, D2: 5 },
    { D1: 4, D2: 6 },
  ],
};
const VISIT_SCORES: Record<number, [Record<string, number>, Record<string, number>]> = {
  1: [{ V1: 7 }, { V1: 7 }],
  2: [{ V1: 8 }, { V1: 8 }],
  3: [{ V1: 7 }, { V1: 8 }],
};

function competitionFile(slug: string, prefix: string) {
  const all = [1, 2, 3, 4, 5].map((n) => lib(prefix, n));
  const component = (code: string, indicators: Record<string, number>) => ({
    code,
    name: `Komponen ${code}`,
    weight: 100,
    indicators: Object.entries(indicators).map(([c, max]) => ({
      code: c,
      name: `Indikator ${c}`,
      min: 0,
      max,
    })),
  });
  return {
    slug,
    name: `Lomba Tiga Tahap ${slug}`,
    year: 2026,
    level: "kabupaten",
    region: "Kabupaten Uji",
    aggregation: "mean",
    prizes: { winners: 3, honourable: 3 },
    rankingScope: "overall",
    combine: "weighted",
    stages: [
      { code: "ADM", name: "Administrasi", kind: "admin" },
      {
        code: DESK.code,
        name: "Penilaian dokumen",
        kind: "desk",
        weight: DESK.weight,
        advance: DESK.advance,
        components: [component("D", DESK.indicators)],
        judges: [...JUDGES],
        assignments: "all",
      },
      {
        code: VISIT.code,
        name: "Kunjungan",
        kind: "visit",
        weight: VISIT.weight,
        components: [component("V", VISIT.indicators)],
        judges: [...JUDGES],
        assignments: "all",
      },
    ],
    libraries: all.map((l) => ({ ...l, type: "desa", village: "Uji", district: "Bengalon" })),
    judges: [...JUDGES],
  };
}

// ---- the rule of docs/scoring.md, in plain numbers (the scores are chosen so no tie reaches a prize)

const round2 = (x: number) => Math.round(x * 100) / 100;
/** A judge's total: one component of weight 100, so 100 × Σ score / Σ max. */
const judgeTotal = (scores: Record<string, number>, maxima: Record<string, number>) =>
  (100 * Object.values(scores).reduce((a, b) => a + b, 0)) /
  Object.values(maxima).reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Expected {
  deskC: Map<number, number>;
  /** library numbers that go on after the desk */
  finalists: number[];
  visitC: Map<number, number>;
  /** library numbers in final order with their rank and prize; admin failures left out */
  ranking: { n: number; rank: number; score: number; prize: string | null }[];
}

const PRIZES = ["Juara I", "Juara II", "Juara III", "Harapan I", "Harapan II", "Harapan III"];

function expectedOutcome(combine: "weighted" | "last"): Expected {
  const deskF = new Map(
    Object.entries(DESK_SCORES).map(([n, sheets]) => [
      Number(n),
      mean(sheets.map((s) => judgeTotal(s, DESK.indicators))),
    ]),
  );
  const deskC = new Map([...deskF].map(([n, f]) => [n, round2(f)]));
  // the cut: the top `advance` by C, and every entry tied with the last one admitted
  const byDesk = [...deskC].sort((a, b) => b[1] - a[1]);
  const bar = byDesk[DESK.advance - 1]![1];
  const finalists = byDesk.filter(([, c]) => c >= bar).map(([n]) => n);
  const visitC = new Map(
    finalists.map((n) => {
      const f = mean(VISIT_SCORES[n]!.map((s) => judgeTotal(s, VISIT.indicators)));
      const c =
        combine === "last"
          ? f
          : (DESK.weight * deskF.get(n)! + VISIT.weight * f) / (DESK.weight + VISIT.weight);
      return [n, round2(c)];
    }),
  );
  // finalists by C at the visit, then those out after the desk by C there
  const order = [
    ...[...visitC].sort((a, b) => b[1] - a[1]),
    ...byDesk.filter(([n]) => !finalists.includes(n)),
  ];
  const ranking = order.map(([n, score], i) => ({
    n,
    rank: i + 1,
    score,
    prize: PRIZES[i] ?? null,
  }));
  return { deskC, finalists, visitC, ranking };
}

// ---- the flow

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await server?.cleanup();
});

const poll = { timeout: 15_000, interval: 100 };
const notice = (page: Page) => page.locator("p.notice[role=status]");

/** The rows of a table in a section, each as its cells' trimmed texts. */
async function rows(page: Page, section: string) {
  return page
    .locator(`section[aria-labelledby="${section}"] tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((td) => (td.textContent ?? "").trim())),
    );
}

for (const js of [true, false]) {
  const slug = js ? "tahap-js-2026" : "tahap-nojs-2026";
  const prefix = js ? "TJ" : "TN";
  const L = (n: number) => lib(prefix, n);

  it(`runs a three-stage competition from import to published winners (JavaScript ${js ? "on" : "off"})`, async () => {
    const weighted = expectedOutcome("weighted");
    const last = expectedOutcome("last");
    // the scores are chosen so the combination decides the podium
    expect(weighted.ranking.slice(0, 3).map((r) => r.n)).not.toEqual(
      last.ranking.slice(0, 3).map((r) => r.n),
    );
    // and so a tie at the desk's cut takes one more entry on
    expect(weighted.finalists.length).toBeGreaterThan(DESK.advance);

    const context = await browser.newContext({ javaScriptEnabled: js });
    const errors: string[] = [];
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    const hydrated = async () => {
      if (js) await waitForHydration(page);
    };
    const base = `${server.url}/chair/competitions/${slug}`;

    // 1. the chair imports the file through the upload form and opens scoring
    await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);
    await page.goto(`${server.url}/chair/import`);
    await hydrated();
    await page.getByLabel("Berkas JSON").setInputFiles({
      name: `${slug}.json`,
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(competitionFile(slug, prefix), null, 2)),
    });
    await page.getByRole("button", { name: "Impor" }).click();
    await page.waitForURL(base);
    await hydrated();
    await moveStatus(page, "Penilaian");

    // 2. the admin checklist on the stages page: the fifth library fails one item
    await page.getByRole("link", { name: "Tahap", exact: true }).click();
    await page.waitForURL(`${base}/stages`);
    await hydrated();
    // the address changes first; the stages page shows once its messages are loaded
    await expect
      .poll(async () => (await rows(page, "stages-list")).map((r) => [r[0], r[3], r[4]]))
      .toEqual([
        ["ADM", "0", "semua"],
        ["DESK", String(DESK.weight), String(DESK.advance)],
        ["VISIT", String(VISIT.weight), "semua"],
      ]);
    for (const n of [1, 2, 3, 4, 5]) {
      const entry = page
        .locator("section[aria-labelledby=stage-checklist] > div")
        .filter({ has: page.getByRole("heading", { name: `${L(n).code} · ${L(n).name}` }) });
      await entry.getByLabel("Butir pemeriksaan").fill(FAILED_ITEM);
      if (n === 5) {
        await entry.getByRole("radio", { name: "gagal" }).check();
        await entry.getByLabel("Alasan (wajib bila gagal)").fill(FAILED_REASON);
      }
      await entry.getByRole("button", { name: "Simpan butir" }).click();
      await page.waitForURL(`${base}/stages?checked=${L(n).code}`);
      await expect
        .poll(() => notice(page).textContent(), poll)
        .toBe(`Pemeriksaan ${L(n).code} disimpan.`);
      await hydrated();
    }
    const checklist = page.locator("section[aria-labelledby=stage-checklist]");
    expect(await checklist.getByText(`${FAILED_ITEM}: gagal (${FAILED_REASON})`).count()).toBe(1);
    expect(await checklist.getByText(`${FAILED_ITEM}: lolos`).count()).toBe(4);
    // all checked: nothing to override
    expect(await page.getByLabel(/Tetap lanjutkan/).count()).toBe(0);
    await page.getByRole("button", { name: "Tutup tahap dan lanjutkan" }).click();
    await page.waitForURL(`${base}/stages?moved=DESK`);
    await expect
      .poll(() => notice(page).textContent(), poll)
      .toBe("Tahap yang berjalan sekarang: DESK.");
    expect((await rows(page, "shortlist-ADM")).map((r) => [r[0], r[3]]).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => [`${L(n).code} · ${L(n).name}`, n === 5 ? "tidak" : "ya"]),
    );

    // 3. the judges score the desk; the failed library is not theirs to score
    const judges: Page[] = [];
    for (const email of JUDGES) {
      const judgeContext = await browser.newContext({ javaScriptEnabled: js });
      const judge = await judgeContext.newPage();
      judge.on("pageerror", (e) => errors.push(e.message));
      await logIn(judge, server.url, email, DEMO_PASSWORD);
      judges.push(judge);
    }
    const listed = async (judge: Page) => {
      await judge.goto(`${server.url}/judge/${slug}`);
      return (await judge.locator("tbody th[scope=row]").allTextContents())
        .map((t) => t.trim())
        .sort();
    };
    for (const [j, judge] of judges.entries()) {
      expect(await listed(judge)).toEqual([1, 2, 3, 4].map((n) => L(n).name));
      // the list says which stage is being scored (desk and visit share the URL)
      expect(await judge.locator(".stage-now").textContent()).toBe(
        "Tahap 2 dari 3: Penilaian dokumen",
      );
      // nor can its sheet be opened by address
      expect((await judge.goto(`${server.url}/judge/${slug}/${L(5).code}`))?.status()).toBe(404);
      for (const n of [1, 2, 3, 4])
        await submitSheet(judge, server.url, slug, L(n).code, DESK_SCORES[n]![j]!, {
          javaScriptEnabled: js,
        });
    }

    // 4. the chair closes the desk: the shortlist goes on, with the tie at the cut
    await page.goto(`${base}/stages`);
    await hydrated();
    expect(await page.getByLabel(/Tetap lanjutkan/).count()).toBe(0);
    await page.getByRole("button", { name: "Tutup tahap dan lanjutkan" }).click();
    await page.waitForURL(`${base}/stages?moved=VISIT`);
    await expect
      .poll(() => notice(page).textContent(), poll)
      .toBe("Tahap yang berjalan sekarang: VISIT.");
    const deskRows = await rows(page, "shortlist-DESK");
    const deskByScore = [...weighted.deskC].sort((a, b) => b[1] - a[1]);
    expect(deskRows.map((r) => [r[0], r[1], r[3]])).toEqual(
      deskByScore.map(([n, c]) => [
        `${L(n).code} · ${L(n).name}`,
        c.toFixed(2),
        weighted.finalists.includes(n) ? "ya" : "tidak",
      ]),
    );

    // the judges score the visit of the finalists only
    for (const [j, judge] of judges.entries()) {
      expect(await listed(judge)).toEqual(weighted.finalists.map((n) => L(n).name).sort());
      expect(await judge.locator(".stage-now").textContent()).toBe("Tahap 3 dari 3: Kunjungan");
      const out = [1, 2, 3, 4].find((n) => !weighted.finalists.includes(n))!;
      expect((await judge.goto(`${server.url}/judge/${slug}/${L(out).code}`))?.status()).toBe(404);
      for (const n of weighted.finalists)
        await submitSheet(judge, server.url, slug, L(n).code, VISIT_SCORES[n]![j]!, {
          javaScriptEnabled: js,
        });
    }

    // the last stage has no next one: scoring closes, then the results are published
    await page.goto(`${base}/stages`);
    await hydrated();
    expect(await page.getByText("Tidak ada tahap berikutnya.").count()).toBe(1);
    await page.goto(base);
    await hydrated();
    await moveStatus(page, "Ditutup");
    await moveStatus(page, "Diumumkan");

    // 5. the winners page: Juara I, II, III in the order of the weighted rule
    await page.goto(`${server.url}/competitions/${slug}`);
    const podium = await page
      .locator(".podium li")
      .evaluateAll((lis) =>
        lis.map((li) => [
          (li.querySelector(".prize")?.textContent ?? "").trim(),
          (li.querySelector(".podium-name")?.textContent ?? "").trim(),
        ]),
      );
    expect(podium).toEqual(weighted.ranking.slice(0, 3).map((r) => [r.prize, L(r.n).name]));

    // the results API: each result's stage reached, and every stage with its shortlist
    const response = await fetch(`${server.url}/api/competitions/${slug}/results`);
    expect(response.status).toBe(200);
    const api = (await response.json()) as {
      results: {
        rank: number;
        prize: string | null;
        library: { code: string };
        finalScore: number;
        stageReached: string;
      }[];
      stages: {
        code: string;
        kind: string;
        weight: number;
        advance: number | null;
        results: {
          library: { code: string };
          score: number | null;
          rank: number | null;
          advanced: boolean;
        }[];
      }[];
    };
    expect(
      api.results.map((r) => [r.library.code, r.rank, r.prize, r.finalScore, r.stageReached]),
    ).toEqual(
      weighted.ranking.map((r) => [
        L(r.n).code,
        r.rank,
        r.prize,
        r.score,
        weighted.finalists.includes(r.n) ? VISIT.code : DESK.code,
      ]),
    );
    expect(api.stages.map((s) => [s.code, s.kind, s.weight, s.advance])).toEqual([
      ["ADM", "admin", 0, null],
      [DESK.code, "desk", DESK.weight, DESK.advance],
      [VISIT.code, "visit", VISIT.weight, null],
    ]);
    const shortlist = (code: string) =>
      api.stages
        .find((s) => s.code === code)!
        .results.map((r) => ({ code: r.library.code, score: r.score, advanced: r.advanced }))
        .sort((a, b) => a.code.localeCompare(b.code));
    expect(shortlist("ADM")).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ code: L(n).code, score: null, advanced: n !== 5 })),
    );
    expect(shortlist(DESK.code)).toEqual(
      [1, 2, 3, 4].map((n) => ({
        code: L(n).code,
        score: weighted.deskC.get(n)!,
        advanced: weighted.finalists.includes(n),
      })),
    );
    expect(shortlist(VISIT.code)).toEqual(
      [...weighted.finalists].sort().map((n) => ({
        code: L(n).code,
        score: weighted.visitC.get(n)!,
        advanced: true,
      })),
    );
    expect(errors).toEqual([]);
    for (const judge of judges) await judge.context().close();
    await context.close();
  }, 300_000);
}
