import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/lib/audit.server";
import { formatScore } from "../../app/lib/format";
import { hashPassword } from "../../app/lib/password.server";
import { importCompetitionFile } from "../../app/models/competition-file.server";
import { computeRanking, type Ranking } from "../../app/models/ranking.server";
import { advanceStage, recordAdminCheck } from "../../app/models/stages.server";
import { changeStatus } from "../../app/models/status.server";
import { createTestDb, type TestDb } from "../support/db";
import { serverOn } from "../support/prepared-db";
import { HttpClient } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * Stages on the public side and in the minutes, through the real server: the worked example with
 * stages of docs/scoring.md (an admin check, a desk review of weight 40 with a cut of 3 and a
 * tie at the cut, a visit of weight 60), imported as a competition file, moved through its
 * stages and published (twice: `combine` weighted, and `last`); beside it a one-stage
 * competition, which must read as it always has. The pages and the JSON show each stage's own
 * score (F_s) beside the combined score (C_s) with the numbers of the worked example.
 */
const STAGED = "tahapan-2026";
/** the same competition with `combine` = `last` */
const STAGED_LAST = "tahapan-akhir-2026";
const CHAIR_PASSWORD = "ketua-tahapan-1";
const now = "2026-11-25T00:00:00.000Z";
let t: TestDb;
let server: RunningServer;
let single: ScoringFixture;
let chair: Actor;
let ranking: Ranking;
let stagedId: number;
let firstWinnersPage = "";

const desk: Record<string, [number, number]> = {
  P1: [8, 9],
  P2: [7, 8],
  P3: [6, 8],
  P4: [7, 7],
  P6: [5, 6],
};
const visit: Record<string, [number, number]> = {
  P1: [7, 8],
  P2: [9, 9],
  P3: [8, 9],
  P4: [6, 7],
};

const file = {
  slug: STAGED,
  name: "Lomba Perpustakaan Bertahap 2026",
  year: 2026,
  level: "kabupaten",
  region: "Kabupaten Uji",
  aggregation: "mean",
  prizes: { winners: 3, honourable: 1 },
  combine: "weighted",
  judges: [],
  libraries: ["P1", "P2", "P3", "P4", "P5", "P6"].map((code) => ({
    code,
    name: `Perpustakaan ${code}`,
    type: "desa",
  })),
  stages: [
    { code: "ADM", name: "Seleksi administrasi", kind: "admin" },
    {
      code: "DESK",
      name: "Seleksi berkas",
      kind: "desk",
      weight: 40,
      advance: 3,
      judges: ["berkas1@tahap.test", "berkas2@tahap.test"],
      components: [
        {
          code: "D",
          name: "Dokumen",
          weight: 100,
          indicators: [{ code: "D1", name: "Kelengkapan dokumen", min: 0, max: 10 }],
        },
      ],
      assignments: ["berkas1@tahap.test", "berkas2@tahap.test"].map((judge) => ({
        judge,
        libraries: Object.keys(desk),
      })),
    },
    {
      code: "VISIT",
      name: "Verifikasi lapangan",
      kind: "visit",
      weight: 60,
      judges: ["lapangan1@tahap.test", "lapangan2@tahap.test"],
      components: [
        {
          code: "V",
          name: "Layanan",
          weight: 100,
          indicators: [{ code: "V1", name: "Layanan di tempat", min: 0, max: 10 }],
        },
      ],
      assignments: ["lapangan1@tahap.test", "lapangan2@tahap.test"].map((judge) => ({
        judge,
        libraries: Object.keys(visit),
      })),
    },
  ],
};

async function user(email: string, role: "judge" | "chair", hash = "x") {
  const { id } = await t.db
    .insertInto("users")
    .values({ email, name: email, role, password_hash: hash, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A submitted sheet in the stage open now (the database gives it that stage). */
async function submit(
  competitionId: number,
  judge: string,
  library: string,
  values: Record<string, number>,
) {
  const { entryId, judgeId } = await t.db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("users as u", (j) => j.on("u.email", "=", judge))
    .select(["e.id as entryId", "u.id as judgeId"])
    .where("e.competition_id", "=", competitionId)
    .where("l.code", "=", library)
    .executeTakeFirstOrThrow();
  const { id } = await t.db
    .insertInto("score_sheets")
    .values({
      entry_id: entryId,
      judge_id: judgeId,
      status: "submitted",
      submitted_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const indicators = await t.db
    .selectFrom("indicators")
    .select(["id", "code", "min_score", "max_score"])
    .where("competition_id", "=", competitionId)
    .where("code", "in", Object.keys(values))
    .execute();
  await t.db
    .insertInto("scores")
    .values(
      indicators.map((i) => ({
        sheet_id: id,
        indicator_id: i.id,
        min_score: i.min_score,
        max_score: i.max_score,
        value: values[i.code]!,
      })),
    )
    .execute();
}

/** The text of an HTML fragment, tags dropped and entities of the page decoded. */
function text(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/** The part of `html` from the first match of `start` to the next `end`. */
function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  expect(from, `"${start}" in the page`).toBeGreaterThanOrEqual(0);
  return html.slice(from, html.indexOf(end, from) + end.length);
}

/** Each `<tr data-library=…>` row of a table: the library code and its cells' text. */
function rows(table: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [, code, row] of table.matchAll(/<tr data-library="([^"]+)">(.*?)<\/tr>/g))
    found.set(
      code!,
      [...row!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map(([, cell]) => text(cell!)),
    );
  return found;
}

const score = (x100: number | null) => (x100 === null ? "—" : formatScore(x100, "id"));

/**
 * The worked example with stages as a competition file, moved through its stages with the
 * chair's moves and published; returns the competition's id.
 */
async function publishStaged(slug: string, combine: "weighted" | "last"): Promise<number> {
  expect(
    await importCompetitionFile(chair, JSON.stringify({ ...file, slug, combine })),
  ).toMatchObject({ ok: true });
  const { id } = await t.db
    .selectFrom("competitions")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  // straight to scoring: the status move asks every entry for a judge in the stage open now,
  // which an admin stage has none of (the checklist is the chair's)
  await t.db.updateTable("competitions").set({ status: "scoring" }).where("id", "=", id).execute();
  // the admin check: P5 lacks a paper, the others pass every item
  for (const library of ["P1", "P2", "P3", "P4", "P6"])
    expect(
      await recordAdminCheck(chair, id, { library, item: "SK pendirian", passed: true }),
    ).toEqual({ ok: true });
  expect(
    await recordAdminCheck(chair, id, {
      library: "P5",
      item: "SK pendirian",
      passed: false,
      reason: "SK pendirian tidak dilampirkan",
    }),
  ).toEqual({ ok: true });
  expect(await advanceStage(chair, id)).toMatchObject({ ok: true, from: "ADM", to: "DESK" });
  for (const [library, [a, b]] of Object.entries(desk)) {
    await submit(id, "berkas1@tahap.test", library, { D1: a });
    await submit(id, "berkas2@tahap.test", library, { D1: b });
  }
  expect(await advanceStage(chair, id)).toMatchObject({
    ok: true,
    from: "DESK",
    to: "VISIT",
    advanced: expect.arrayContaining(["P1", "P2", "P3", "P4"]),
  });
  for (const [library, [a, b]] of Object.entries(visit)) {
    await submit(id, "lapangan1@tahap.test", library, { V1: a });
    await submit(id, "lapangan2@tahap.test", library, { V1: b });
  }
  expect(await changeStatus(chair, id, "closed")).toMatchObject({ ok: true });
  expect(await changeStatus(chair, id, "published")).toMatchObject({ ok: true });
  return id;
}

beforeAll(async () => {
  t = await createTestDb();
  const chairId = await user("ketua@tahap.test", "chair", await hashPassword(CHAIR_PASSWORD));
  chair = { id: chairId, label: "Ketua" };
  for (const email of [
    "berkas1@tahap.test",
    "berkas2@tahap.test",
    "lapangan1@tahap.test",
    "lapangan2@tahap.test",
  ])
    await user(email, "judge");

  stagedId = await publishStaged(STAGED, "weighted");
  ranking = (await computeRanking(stagedId))!;
  await publishStaged(STAGED_LAST, "last");

  // one stage, as every competition before stages: two libraries, points shown as final × 10
  single = await createScoringFixture(t.db, { slug: "satu-2026", entries: 2, judges: 2 });
  const singleChair = { id: single.chair.id, label: single.chair.email };
  const marks: [number, string, number][] = [
    [0, single.codes[0]!, 9],
    [0, single.codes[1]!, 6],
    [1, single.codes[1]!, 8],
  ];
  for (const [judge, library, value] of marks)
    await submit(
      single.competitionId,
      single.judges[judge]!.email,
      library,
      Object.fromEntries(
        single.indicators.map((i) => [i.code, Math.max(i.min, Math.round((value * i.max) / 10))]),
      ),
    );
  expect(await changeStatus(singleChair, single.competitionId, "closed")).toMatchObject({
    ok: true,
  });
  expect(await changeStatus(singleChair, single.competitionId, "published")).toMatchObject({
    ok: true,
  });
  await t.db
    .updateTable("competitions")
    .set({ points_display: "weighted", points_factor: 10 })
    .where("id", "=", single.competitionId)
    .execute();

  server = await startServer(serverOn(t));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await t.cleanup();
});

describe("a published competition with stages", () => {
  it("ranks the worked example as docs/scoring.md says (the numbers the pages show)", () => {
    const byCode = new Map(ranking.entries.map((e) => [e.code, e]));
    expect(["P2", "P3", "P1", "P4", "P6"].map((c) => [c, byCode.get(c)?.finalX100])).toEqual([
      ["P2", 8400],
      ["P3", 7900],
      ["P1", 7900],
      ["P4", 6700],
      ["P6", 5500],
    ]);
    expect(byCode.get("P5")).toMatchObject({ rank: null, failedAdmin: true });
  });

  it("shows the stages as a path and each winner's score at each stage, from the publication", async () => {
    const res = await new HttpClient(server.url).get(`/competitions/${STAGED}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    firstWinnersPage = between(html, '<article class="winners-page">', "</article>");
    const path = text(between(html, '<ol class="stage-path"', "</ol>"));
    expect(path).toBe(
      "Seleksi administrasi (seleksi administrasi) → Seleksi berkas (penilaian berkas, bobot 40%) → Verifikasi lapangan (kunjungan lapangan, bobot 60%)",
    );
    const table = between(html, '<table class="stage-scores">', "</table>");
    // each stage's own score and the combined score there, under the stage's name
    expect(text(between(table, "<thead>", "</thead>"))).toBe(
      "Perpustakaan Seleksi berkas Verifikasi lapangan Nilai akhir Nilai tahap Gabungan Nilai tahap Gabungan",
    );
    const shown = rows(table);
    // the prize winners only, in prize order; each stage's scores are the ranking's, the final too
    expect([...shown.keys()]).toEqual(["P2", "P3", "P1", "P4"]);
    for (const [code, cells] of shown) {
      const entry = ranking.entries.find((e) => e.code === code)!;
      const at = (stage: string) => entry.stages.find((s) => s.code === stage)!;
      expect(cells).toEqual([
        `${entry.prize} ${entry.name}`,
        score(at("DESK").stageScoreX100),
        score(at("DESK").scoreX100),
        score(at("VISIT").stageScoreX100),
        score(at("VISIT").scoreX100),
        score(entry.finalX100),
      ]);
    }
    // the worked example's table: F_desk, C after the desk (= F_desk), F_visit, C weighted
    expect(Object.fromEntries(shown)).toEqual({
      P2: ["Juara I Perpustakaan P2", "75,00", "75,00", "90,00", "84,00", "84,00"],
      P3: ["Juara II Perpustakaan P3", "70,00", "70,00", "85,00", "79,00", "79,00"],
      P1: ["Juara III Perpustakaan P1", "85,00", "85,00", "75,00", "79,00", "79,00"],
      P4: ["Harapan I Perpustakaan P4", "70,00", "70,00", "65,00", "67,00", "67,00"],
    });
    // on a phone each cell is labelled with its stage and which score it is
    expect(table).toContain('data-label="Verifikasi lapangan, nilai tahap"');
    expect(table).toContain('data-label="Verifikasi lapangan, gabungan"');
    expect(text(html)).toContain("Nilai tahap: nilai dari penilaian di tahap itu saja.");
    expect(text(html)).toContain("Gabungan: nilai gabungan sampai tahap itu");
  });

  it("explains each stage and the rule that combines them on the how-we-judged page", async () => {
    const res = await new HttpClient(server.url).get(`/competitions/${STAGED}/how-we-judged`);
    expect(res.status).toBe(200);
    const page = text(between(await res.text(), "<article", "</article>"));
    for (const expected of [
      "Penilaian berlangsung dalam 3 tahap",
      "Tahap 1: Seleksi administrasi",
      "Jenis tahap: seleksi administrasi.",
      "Peserta yang tidak lolos (alasannya dicatat) tidak ikut tahap berikutnya",
      "Yang lanjut: 5 peserta.",
      "Tahap 2: Seleksi berkas",
      "Bobot tahap ini dalam nilai akhir: 40%.",
      "3 peserta dengan nilai tertinggi lanjut ke tahap berikutnya; peserta yang nilainya sama dengan peserta terakhir yang lolos ikut lanjut.",
      // the tie at the cut: four went on
      "Yang lanjut: 4 peserta.",
      "D. Dokumen",
      "Tahap 3: Verifikasi lapangan",
      "Bobot tahap ini dalam nilai akhir: 60%.",
      "V. Layanan",
      "nilai akhir = Σ (bobot tahap × nilai tahap) ÷ Σ bobot, atas tahap-tahap bernilai yang diikuti peserta",
    ])
      expect(page).toContain(expected);
    // the stages in order
    expect(page.indexOf("Tahap 1:")).toBeLessThan(page.indexOf("Tahap 2:"));
    expect(page.indexOf("Tahap 2:")).toBeLessThan(page.indexOf("Tahap 3:"));
  });

  it("gives the Berita Acara a section per stage: shortlist, who went on, admin failures with reasons", async () => {
    const client = new HttpClient(server.url);
    expect((await client.login("ketua@tahap.test", CHAIR_PASSWORD)).status).toBe(302);
    const res = await client.get(`/chair/competitions/${STAGED}/berita-acara`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const admin = between(html, 'aria-labelledby="stage-1"', "</section>");
    expect(text(admin)).toContain("Tahap 1: Seleksi administrasi");
    expect(text(admin)).toContain("5 peserta lolos, 1 tidak lolos.");
    expect(text(between(admin, "<tbody>", "</tbody>"))).toBe(
      "Perpustakaan P5 SK pendirian SK pendirian tidak dilampirkan",
    );
    const deskSection = between(html, 'aria-labelledby="stage-2"', "</section>");
    expect(text(deskSection)).toContain("Tahap 2: Seleksi berkas");
    expect(text(deskSection)).toContain("Bobot dalam nilai akhir: 40%");
    expect(text(deskSection)).toContain("2 juri, 10 penugasan");
    expect(text(deskSection)).toMatch(/Ditutup: \d+ \w+ \d{4}/);
    const shortlist = rows(deskSection);
    expect(text(between(deskSection, "<thead>", "</thead>"))).toBe(
      "Peringkat Perpustakaan Nilai tahap Nilai gabungan Lanjut",
    );
    expect([...shortlist]).toEqual([
      ["P1", ["1", "Perpustakaan P1", "85,00", "85,00", "ya"]],
      ["P2", ["2", "Perpustakaan P2", "75,00", "75,00", "ya"]],
      ["P3", ["3", "Perpustakaan P3", "70,00", "70,00", "ya"]],
      ["P4", ["3", "Perpustakaan P4", "70,00", "70,00", "ya"]],
      ["P6", ["5", "Perpustakaan P6", "55,00", "55,00", "tidak"]],
    ]);
    // the same figures as the ranking's shortlist after the desk
    for (const [code, cells] of shortlist) {
      const at = ranking.entries
        .find((e) => e.code === code)!
        .stages.find((s) => s.code === "DESK")!;
      expect(cells).toEqual([
        String(at.rank),
        `Perpustakaan ${code}`,
        score(at.stageScoreX100),
        score(at.scoreX100),
        at.advanced ? "ya" : "tidak",
      ]);
    }
    const visitSection = between(html, 'aria-labelledby="stage-3"', "</section>");
    expect(text(visitSection)).toContain("Ditutup bersama penutupan penilaian");
    // the visit's own score beside the combined one, which ranks (docs/scoring.md's table)
    expect([...rows(visitSection)]).toEqual([
      ["P2", ["1", "Perpustakaan P2", "90,00", "84,00"]],
      ["P1", ["2", "Perpustakaan P1", "75,00", "79,00"]],
      ["P3", ["2", "Perpustakaan P3", "85,00", "79,00"]],
      ["P4", ["4", "Perpustakaan P4", "65,00", "67,00"]],
    ]);
    expect(text(visitSection)).toContain("Nilai tahap: nilai tahap ini saja.");
    // then the final ranking, as before
    expect(html.indexOf('aria-labelledby="stage-3"')).toBeLessThan(
      html.indexOf("Peringkat dan nilai"),
    );
  });

  it("with `combine` = `last`, shows one score per stage: its own, which is also the combined one", async () => {
    const client = new HttpClient(server.url);
    const html = await (await client.get(`/competitions/${STAGED_LAST}`)).text();
    const table = between(html, '<table class="stage-scores">', "</table>");
    expect(text(between(table, "<thead>", "</thead>"))).toBe(
      "Perpustakaan Seleksi berkas Verifikasi lapangan Nilai akhir",
    );
    // the worked example's `last` order: F_desk, F_visit, and the final is F_visit
    expect(Object.fromEntries(rows(table))).toEqual({
      P2: ["Juara I Perpustakaan P2", "75,00", "90,00", "90,00"],
      P3: ["Juara II Perpustakaan P3", "70,00", "85,00", "85,00"],
      P1: ["Juara III Perpustakaan P1", "85,00", "75,00", "75,00"],
      P4: ["Harapan I Perpustakaan P4", "70,00", "65,00", "65,00"],
    });
    expect(text(html)).toContain("Nilai setiap tahap.");
    expect(text(html)).not.toContain("Nilai tahap");
    const body = (await (await client.get(`/api/competitions/${STAGED_LAST}/results`)).json()) as {
      stages: { code: string; results: { score: number | null; stageScore: number | null }[] }[];
    };
    const visitResults = body.stages.find((st) => st.code === "VISIT")!.results;
    expect(visitResults.map((x) => x.stageScore)).toEqual([90, 85, 75, 65]);
    for (const st of body.stages) for (const x of st.results) expect(x.stageScore).toBe(x.score);
    expect((await client.login("ketua@tahap.test", CHAIR_PASSWORD)).status).toBe(302);
    const minutes = await (
      await client.get(`/chair/competitions/${STAGED_LAST}/berita-acara`)
    ).text();
    const visitSection = between(minutes, 'aria-labelledby="stage-3"', "</section>");
    expect(text(between(visitSection, "<thead>", "</thead>"))).toBe("Peringkat Perpustakaan Nilai");
    expect(rows(visitSection).get("P2")).toEqual(["1", "Perpustakaan P2", "90,00"]);
    expect(text(visitSection)).toContain("Nilai: nilai tahap ini.");
  });

  it("keeps the public page as published when live data changes afterwards (a snapshot)", async () => {
    // a new server process reads the publication again (the running one keeps it in memory)
    await server.stop();
    await t.db.updateTable("stages").set({ name: "DIUBAH" }).execute();
    await t.db.updateTable("stages").set({ weight: 99 }).where("kind", "!=", "admin").execute();
    await t.db.updateTable("stage_results").set({ score_x100: 1, rank: 99 }).execute();
    await t.db.updateTable("libraries").set({ name: "Nama baru" }).execute();
    // every visit score raised to 10: live, each finalist's own visit score is now 100.00
    const visitScores = t.db.selectFrom("indicators").select("id").where("code", "=", "V1");
    await t.db
      .updateTable("scores")
      .set({ value: 10 })
      .where("indicator_id", "in", visitScores)
      .execute();
    const live = (await computeRanking(stagedId))!;
    expect(
      live.entries.find((e) => e.code === "P2")!.stages.find((s) => s.code === "VISIT")!
        .stageScoreX100,
    ).toBe(10000);
    server = await startServer(serverOn(t));
    const html = await (await new HttpClient(server.url).get(`/competitions/${STAGED}`)).text();
    expect(html).not.toContain("DIUBAH");
    expect(between(html, '<article class="winners-page">', "</article>")).toBe(firstWinnersPage);
    // how we judged takes the stages from the publication too (their criteria from the competition)
    const method = text(
      await (await new HttpClient(server.url).get(`/competitions/${STAGED}/how-we-judged`)).text(),
    );
    expect(method).toContain("Tahap 2: Seleksi berkas");
    expect(method).toContain("Bobot tahap ini dalam nilai akhir: 40%.");
    expect(method).not.toContain("DIUBAH");
  }, 120_000);

  it("gives each stage's own score in the JSON beside the combined score, as published", async () => {
    const res = await new HttpClient(server.url).get(`/api/competitions/${STAGED}/results`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      stages: {
        code: string;
        results: {
          library: { code: string };
          score: number | null;
          stageScore: number | null;
          rank: number | null;
          advanced: boolean;
        }[];
      }[];
    };
    const stage = (code: string) =>
      Object.fromEntries(
        body.stages
          .find((st) => st.code === code)!
          .results.map((x) => [x.library.code, [x.stageScore, x.score]]),
      );
    // the worked example of docs/scoring.md: F_desk and F_visit, C weighted (the live visit
    // scores changed after publishing, the answer did not)
    expect(stage("ADM")).toEqual({
      P1: [null, null],
      P2: [null, null],
      P3: [null, null],
      P4: [null, null],
      P5: [null, null],
      P6: [null, null],
    });
    expect(stage("DESK")).toEqual({
      P1: [85, 85],
      P2: [75, 75],
      P3: [70, 70],
      P4: [70, 70],
      P6: [55, 55],
    });
    expect(stage("VISIT")).toEqual({
      P2: [90, 84],
      P1: [75, 79],
      P3: [85, 79],
      P4: [65, 67],
    });
  });

  it("adds no points to the JSON when the competition shows none", async () => {
    const res = await new HttpClient(server.url).get(`/api/competitions/${STAGED}/results`);
    const body = (await res.json()) as { points?: unknown; results: Record<string, unknown>[] };
    expect(body).not.toHaveProperty("points");
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) expect(r).not.toHaveProperty("points");
    expect(res.headers.get("etag")).toMatch(/-json"$/);
  });
});

describe("a publication made before the stages' own scores were frozen", () => {
  it("shows the combined score at each stage, labelled as such, and no own score", async () => {
    await server.stop();
    await t.db.updateTable("published_stage_results").set({ stage_score_x100: null }).execute();
    server = await startServer(serverOn(t));
    const client = new HttpClient(server.url);
    const html = await (await client.get(`/competitions/${STAGED}`)).text();
    const table = between(html, '<table class="stage-scores">', "</table>");
    expect(text(between(table, "<thead>", "</thead>"))).toBe(
      "Perpustakaan Seleksi berkas Verifikasi lapangan Nilai akhir",
    );
    expect(rows(table).get("P2")).toEqual(["Juara I Perpustakaan P2", "75,00", "84,00", "84,00"]);
    expect(rows(table).get("P1")).toEqual(["Juara III Perpustakaan P1", "85,00", "79,00", "79,00"]);
    expect(text(html)).toContain("Nilai di setiap tahap adalah nilai gabungan sampai tahap itu");
    expect(text(html)).not.toContain("Nilai tahap");
    const body = (await (await client.get(`/api/competitions/${STAGED}/results`)).json()) as {
      stages: { results: { score: number | null; stageScore: number | null }[] }[];
    };
    for (const st of body.stages) for (const x of st.results) expect(x.stageScore).toBeNull();
    expect((await client.login("ketua@tahap.test", CHAIR_PASSWORD)).status).toBe(302);
    const minutes = await (await client.get(`/chair/competitions/${STAGED}/berita-acara`)).text();
    const visitSection = between(minutes, 'aria-labelledby="stage-3"', "</section>");
    expect(rows(visitSection).get("P2")).toEqual(["1", "Perpustakaan P2", "84,00"]);
    expect(text(visitSection)).toContain("Nilai: nilai gabungan sampai tahap ini");
  }, 120_000);
});

describe("a published competition of one stage", () => {
  it("says nothing of stages on its pages or in its minutes", async () => {
    const client = new HttpClient(server.url);
    const pages = [
      await (await client.get(`/competitions/${single.slug}`)).text(),
      await (await client.get(`/competitions/${single.slug}/how-we-judged`)).text(),
    ];
    expect((await client.login(single.chair.email, FIXTURE_PASSWORD)).status).toBe(302);
    pages.push(await (await client.get(`/chair/competitions/${single.slug}/berita-acara`)).text());
    for (const html of pages) {
      const article = between(html, "<article", "</article>");
      expect(text(article)).not.toMatch(/tahap/i);
      expect(article).not.toContain("stage-");
    }
    // the winners page still has its ranking and the how-we-judged page its criteria
    expect(text(pages[0]!)).toContain("Peringkat lengkap");
    expect(text(pages[1]!)).toContain("Kriteria dan bobot");
  });

  it("gives each result its points in the JSON when the competition shows them", async () => {
    const client = new HttpClient(server.url);
    const res = await client.get(`/api/competitions/${single.slug}/results`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      points: unknown;
      results: { finalScore: number; points: number; stageReached: string }[];
    };
    expect(body.points).toEqual({ display: "weighted", factor: 10 });
    expect(body.results.length).toBe(2);
    for (const r of body.results) {
      expect(r.points).toBeCloseTo(r.finalScore * 10, 6);
      expect(r.stageReached).toBe("S1");
    }
    // the option is not frozen: turning it off takes the field away and changes the validator
    const etag = res.headers.get("etag");
    await t.db
      .updateTable("competitions")
      .set({ points_display: "none" })
      .where("id", "=", single.competitionId)
      .execute();
    const off = await client.get(`/api/competitions/${single.slug}/results`);
    expect(off.headers.get("etag")).not.toBe(etag);
    const plain = (await off.json()) as { results: Record<string, unknown>[] };
    expect(plain).not.toHaveProperty("points");
    for (const r of plain.results) expect(r).not.toHaveProperty("points");
    expect(
      (await client.get(`/api/competitions/${single.slug}/results`, { "If-None-Match": etag! }))
        .status,
    ).toBe(200);
  });
});
