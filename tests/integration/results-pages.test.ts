import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { tempDir } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { HttpClient } from "../support/http";
import { insertPublishedCompetition } from "../support/published";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/** The chair's results pages, the exports and the public JSON, through the real server. */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let prepared: PreparedDatabase;
let chair: HttpClient;
let tie: ScoringFixture;
let tieEntries: { id: number; code: string }[] = [];
const CROSS = [
  "bagus,=HYPERLINK(1)",
  "baik;=HYPERLINK(2)",
  "tab\t@SUM(1)",
  'kutip "x",+1',
  "baris\n-2+3",
  "spasi, =3",
  "Rp 5.000,-",
  "akhir;",
  "\r=4",
];

beforeAll(async () => {
  data = tempDir();
  prepared = await preparedDatabase(data.dir);
  const db = prepared.db;
  await seedDemo(db);
  await insertPublishedCompetition(db, {
    slug: "kategori-2025",
    scope: "category",
    results: [
      {
        code: "K1",
        name: "Perpustakaan Kelurahan Satu",
        category: "kelurahan",
        rank: 1,
        prize: "Juara I",
        scoreX100: 8500,
      },
      {
        code: "D1",
        name: "Perpustakaan Desa Satu",
        category: "desa",
        rank: 1,
        prize: "Juara I",
        scoreX100: 9000,
      },
      {
        code: "D2",
        name: "Perpustakaan Desa Dua",
        category: "desa",
        rank: 2,
        prize: "Juara II",
        scoreX100: 8000,
      },
    ],
  });
  // a competition whose first two libraries tie for Juara I; one is named like a formula
  tie = await createScoringFixture(db, {
    slug: "seri-2026",
    entries: 3,
    judges: 1,
  });
  await db
    .updateTable("libraries")
    .set({ name: '=HYPERLINK("http://x")' })
    .where("code", "=", tie.codes[2]!)
    .execute();
  const now = new Date().toISOString();
  const indicators = await db
    .selectFrom("indicators")
    .selectAll()
    .where("competition_id", "=", tie.competitionId)
    .execute();
  tieEntries = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["e.id", "l.code"])
    .where("e.competition_id", "=", tie.competitionId)
    .orderBy("l.code")
    .execute();
  for (const [i, entry] of tieEntries.entries()) {
    const { id } = await db
      .insertInto("score_sheets")
      .values({
        entry_id: entry.id,
        judge_id: tie.judges[0]!.id,
        status: "submitted",
        version: 1,
        submitted_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("scores")
      .values(
        indicators.map((ind) => ({
          sheet_id: id,
          indicator_id: ind.id,
          min_score: ind.min_score,
          max_score: ind.max_score,
          value: i < 2 ? ind.max_score : ind.min_score,
        })),
      )
      .execute();
  }
  // text that is harmless in one export format and a formula in the other (or split at a line)
  await db
    .updateTable("libraries")
    .set({ village: CROSS[0], district: CROSS[1] })
    .where("code", "=", tie.codes[0]!)
    .execute();
  await db
    .updateTable("libraries")
    .set({ village: CROSS[2], district: CROSS[3] })
    .where("code", "=", tie.codes[1]!)
    .execute();
  const scoreKeys = await db
    .selectFrom("scores")
    .innerJoin("score_sheets", "score_sheets.id", "scores.sheet_id")
    .select(["scores.sheet_id", "scores.indicator_id"])
    .where("score_sheets.judge_id", "=", tie.judges[0]!.id)
    .execute();
  for (const [i, key] of scoreKeys.entries())
    await db
      .updateTable("scores")
      .set({ note: CROSS[i % CROSS.length]! })
      .where("sheet_id", "=", key.sheet_id)
      .where("indicator_id", "=", key.indicator_id)
      .execute();
  server = await startServer({ dataDir: data.dir, env: prepared.env });
  chair = new HttpClient(server.url);
  expect((await chair.login("ketua@juara.demo", DEMO_PASSWORD)).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
  await prepared?.close();
  data?.remove();
});

describe("the chair's results dashboard", () => {
  it("shows progress, who is behind, every judge's total and whether the method decides the podium", async () => {
    const res = await chair.get("/chair/competitions/kutim-2024/results");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const name of ["Dr. Bambang Prasetyo", "Nurhayati, S.IP.", "Rahmawati"])
      expect(html).toContain(name);
    expect(html).toContain("Belum selesai:");
    expect(html).toContain("Peringkat berjalan");
    expect(html).toMatch(
      /Juara sama dengan ketiga metode\.|juara berbeda bila metode penggabungan diganti/,
    );
    expect(html).toContain("Rata-rata terpangkas");
    // each entry's sheets: one demo library has a judge in conflict (2 assigned), one is behind
    expect(html).toContain("Lembar dikirim");
    expect(html).toMatch(/<td class="num">3 \/ 3<\/td>/);
    expect(html).toMatch(/<td class="num flag">\d \/ [23]<\/td>/);
  });

  it("asks for the order of a prize-deciding tie and records it with a reason", async () => {
    const url = `/chair/competitions/${tie.slug}/results`;
    const page = await (await chair.get(url)).text();
    expect(page).toContain("Seri di peringkat 1");
    const [a, b] = tieEntries;
    const tieKey = /name="tieKey" value="([^"]+)"/.exec(page)![1]!;

    const repeated = await chair.post(url, {
      intent: "tie",
      tieKey,
      [`position.${a!.id}`]: "1",
      [`position.${b!.id}`]: "1",
      reason: "Kunjungan lapangan",
    });
    expect(repeated.status).toBe(400);
    expect(await repeated.text()).toContain("tanpa ada yang sama");
    const noReason = await chair.post(url, {
      intent: "tie",
      tieKey,
      [`position.${a!.id}`]: "2",
      [`position.${b!.id}`]: "1",
      reason: "",
    });
    expect(noReason.status).toBe(400);

    const decided = await chair.post(url, {
      intent: "tie",
      tieKey,
      [`position.${a!.id}`]: "2",
      [`position.${b!.id}`]: "1",
      reason: "Kunjungan lapangan: layanan lebih aktif",
    });
    expect(decided.status).toBe(303);
    const after = await (await chair.get(url)).text();
    expect(after).not.toContain("Seri di peringkat 1");
    expect(after).toContain("seri, sudah diputuskan");
  });
});

describe("exports", () => {
  it("writes the ranking as CSV that Excel opens: BOM, semicolons and decimal commas in Indonesian, formulas defused", async () => {
    const res = await chair.get(`/chair/competitions/${tie.slug}/results.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(`${tie.slug}-hasil.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Peringkat;Penghargaan;Kategori;Kode;Perpustakaan;/);
    expect(lines[1]).toMatch(/^1;Juara I;Desa;/);
    expect(lines[1]).toContain(";100,00;");
    expect(text).toContain(`'=HYPERLINK(""http://x"")`);

    const english = new HttpClient(server.url);
    await english.login("ketua@juara.demo", DEMO_PASSWORD);
    await english.post("/language", { lang: "en", redirectTo: "/dashboard" });
    const en = new TextDecoder().decode(
      new Uint8Array(
        await (await english.get(`/chair/competitions/${tie.slug}/results.csv`)).arrayBuffer(),
      ),
    );
    expect(en).toMatch(/^Rank,Prize,Category,Code,Library,/);
    expect(en).toContain(",100.00,");
  });

  it("writes the full score matrix: every entry × judge × indicator with the sheet's state", async () => {
    const text = new TextDecoder().decode(
      new Uint8Array(
        await (await chair.get("/chair/competitions/kutim-2023/scores.csv")).arrayBuffer(),
      ),
    );
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Kode;Perpustakaan;Kategori;Status peserta;Juri;Status lembar;Komponen;Indikator;Nama indikator;Skala;Nilai;Catatan",
    );
    // 12 libraries, 3 judges (one conflicted with one library), 22 indicators
    expect(lines.length - 1).toBe((12 * 3 - 1) * 22);
  });
});

describe("exports against formula injection", () => {
  it("leaves no cell starting with = + - @ whichever separator a spreadsheet splits either export on", async () => {
    const english = new HttpClient(server.url);
    await english.login("ketua@juara.demo", DEMO_PASSWORD);
    await english.post("/language", { lang: "en", redirectTo: "/dashboard" });
    const wrong: string[] = [];
    for (const [lang, client, own] of [
      ["id", chair, ";"],
      ["en", english, ","],
    ] as const) {
      for (const file of ["results.csv", "scores.csv"]) {
        const res = await client.get(`/chair/competitions/${tie.slug}/${file}`);
        expect(res.status).toBe(200);
        const text = (await res.text()).replace(/^\uFEFF/, "");
        // read as its own format, the file keeps its shape and every hostile value whole
        const rows = parse(text, { delimiter: own }) as string[][];
        expect(new Set(rows.map((r) => r.length)).size, `${lang} ${file}`).toBe(1);
        const cells = rows.flat();
        for (const value of file === "scores.csv" ? CROSS : CROSS.slice(0, 4))
          expect(
            cells.some((c) => c.replace(/'/g, "") === value),
            `${lang} ${file}: ${JSON.stringify(value)}`,
          ).toBe(true);
        // read with either separator, quotes honoured or not (as a spreadsheet set up otherwise)
        for (const delimiter of [";", ","])
          for (const quote of ['"', false] as const) {
            const parsed = parse(text, {
              delimiter,
              quote,
              relax_quotes: true,
              relax_column_count: true,
              skip_empty_lines: true,
            }) as string[][];
            for (const cell of parsed.flat())
              if (/^[=+\-@\t\r]/.test(cell))
                wrong.push(
                  `${lang} ${file} split on ${delimiter} quote ${String(quote)}: ${JSON.stringify(cell)}`,
                );
          }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("Berita Acara", () => {
  it("prints the published results with the panel and a signature line for every judge and the chair", async () => {
    const html = await (await chair.get("/chair/competitions/kutim-2023/berita-acara")).text();
    expect(html).toContain("Berita Acara Penilaian");
    expect(html).not.toContain("DRAF");
    expect(html.match(/class="signature"/g)?.length).toBe(4);
    expect(html).toContain("Hj. Siti Aminah");
    expect(html).toMatch(/<strong>Juara I<\/strong>: (<!-- -->)?Pustaka Ilmu Desa Sepaso/);
  });

  it("marks the minutes as a draft before publication", async () => {
    const html = await (await chair.get("/chair/competitions/kutim-2024/berita-acara")).text();
    expect(html).toContain("DRAF — hasil belum diterbitkan");
  });
});

describe("GET /api/competitions/<slug>/results", () => {
  it("returns the published snapshot in the documented shape, cacheable, with 304 on a matching ETag", async () => {
    const res = await fetch(`${server.url}/api/competitions/kutim-2023/results`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const etag = res.headers.get("etag")!;
    const body = (await res.json()) as {
      competition: Record<string, unknown>;
      publishedAt: string;
      results: {
        rank: number;
        prize: string | null;
        category: string;
        library: Record<string, string>;
        finalScore: number;
        components: {
          code: string;
          name: string;
          weight: number;
          score: number;
        }[];
        judges: number;
      }[];
    };
    expect(body.competition).toEqual({
      slug: "kutim-2023",
      name: expect.any(String),
      year: 2023,
      aggregation: "mean",
      rankingScope: "overall",
    });
    expect(body.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(body.results[0]).toMatchObject({
      rank: 1,
      prize: "Juara I",
      library: {
        code: "SEPASO",
        name: "Pustaka Ilmu Desa Sepaso",
        village: expect.any(String),
        district: "Bengalon",
      },
      judges: 3,
    });
    expect(body.results[0]!.finalScore).toBe(92.56);
    expect(body.results[0]!.components.map((c) => c.code)).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(body.results.map((r) => r.rank)).toEqual(
      [...body.results.map((r) => r.rank)].sort((a, b) => a - b),
    );

    const again = await fetch(`${server.url}/api/competitions/kutim-2023/results`, {
      headers: { "If-None-Match": etag },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.url}/api/competitions/kutim-2024/results`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/competitions/tidak-ada/results`)).status).toBe(404);
  });

  it("orders by category, then rank, when the competition ranks by category", async () => {
    const body = (await (
      await fetch(`${server.url}/api/competitions/kategori-2025/results`)
    ).json()) as {
      results: { category: string; rank: number; library: { code: string } }[];
    };
    expect(body.results.map((r) => [r.category, r.rank, r.library.code])).toEqual([
      ["desa", 1, "D1"],
      ["desa", 2, "D2"],
      ["kelurahan", 1, "K1"],
    ]);
  });
});

describe("closing and publishing from the competition's overview page", () => {
  it("asks for confirmation, lists what is unfinished, and publishes only with an override and a reason", async () => {
    const base = "/chair/competitions/kutim-2024";
    const closed = await chair.post(base, {
      intent: "status",
      to: "closed",
      confirm: "yes",
      reason: "",
    });
    expect(closed.status).toBe(302);
    expect(closed.headers.get("location")).toBe(`${base}?moved=closed`);
    // the move ends with a message saying what happened
    const afterClose = await (await chair.get(`${base}?moved=closed`)).text();
    expect(afterClose).toContain("Status lomba sekarang: Ditutup.");

    const confirm = await (await chair.get(`${base}?move=published`)).text();
    // the app's own inline error for a missing reason, never the browser's bubble
    expect(confirm).toMatch(/<form[^>]*novalidate/i);
    expect(confirm).toMatch(/\d+ lembar nilai peserta aktif belum dikirim\./);
    expect(confirm).toContain('name="override"');
    expect((await fetch(`${server.url}/competitions/kutim-2024`)).status).toBe(404);

    const refused = await chair.post(base, {
      intent: "status",
      to: "published",
      confirm: "yes",
      reason: "",
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/lembar nilai peserta aktif belum dikirim/);
    const noReason = await chair.post(base, {
      intent: "status",
      to: "published",
      confirm: "yes",
      override: "yes",
      reason: "",
    });
    expect(noReason.status).toBe(409);
    expect(await noReason.text()).toContain("Untuk tetap melanjutkan, sebutkan alasannya.");

    const published = await chair.post(base, {
      intent: "status",
      to: "published",
      confirm: "yes",
      override: "yes",
      reason: "Juri 3 berhalangan; panitia menetapkan dengan dua juri",
    });
    expect(published.status).toBe(302);
    const afterPublish = await (await chair.get(published.headers.get("location")!)).text();
    expect(afterPublish).toContain("Status lomba sekarang: Diumumkan.");
    expect(afterPublish).toContain('href="/competitions/kutim-2024"');
    const page = await fetch(`${server.url}/competitions/kutim-2024`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Juara I");
  });
});
