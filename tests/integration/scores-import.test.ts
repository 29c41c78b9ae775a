import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPgTrigger, flag, isPostgres, pgTrigger, runAll } from "../../db/dialect";
import type { Actor } from "../../app/lib/audit.server";
import { verifyAuditChain } from "../../app/models/audit.server";
import {
  exportCompetitionFile,
  importCompetitionFile,
} from "../../app/models/competition-file.server";
import { scoreMatrixCsv } from "../../app/models/exports.server";
import { computeRanking } from "../../app/models/ranking.server";
import {
  formatImportProblem,
  importScores,
  type ImportOutcome,
} from "../../app/models/scores-import.server";
import { saveSheet } from "../../app/models/sheets.server";
import { changeStatus } from "../../app/models/status.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";

/**
 * The scores import (docs/scores-import.md): the scores export read back into an empty copy of
 * the competition gives the same sheets, sums and ranking; a file with any wrong row writes
 * nothing and names the line and column; sheets with scores are replaced only when asked; one
 * audit entry per import, the chain intact. The bulk path's `sheet_points` (counted set-wise,
 * migration 0016) equal what the per-row triggers give the same sheets saved one by one. A large
 * import on PostgreSQL sets the foreign keys of `scores` and `sheet_points` aside and makes them
 * again as they were; a failed one leaves everything as before.
 */
let t: TestDb;
let source: ScoringFixture;
let chair: Actor;
let run = 0;

const INDICATORS = [
  { code: "A1", min: 1, max: 5 },
  { code: "A2", min: 0, max: 10 },
  { code: "B1", min: 1, max: 4 },
];

interface SheetPlan {
  entry: number;
  judge: number;
  submit: boolean;
  /** per indicator: a value, or null (not scored: drafts only) */
  values: (number | null)[];
  notes: string[];
}

/** Saves a sheet as the judge's page does (the per-row triggers keep sheet_points). */
async function save(fx: ScoringFixture, plan: SheetPlan): Promise<void> {
  const values: Record<string, string> = {
    intent: plan.submit ? "submit" : "save",
    key: randomUUID(),
    version: "0",
  };
  INDICATORS.forEach((ind, k) => {
    values[`score.${ind.code}`] = plan.values[k] === null ? "" : String(plan.values[k]);
    values[`note.${ind.code}`] = plan.notes[k] ?? "";
  });
  const outcome = await saveSheet(
    { id: fx.judges[plan.judge]!.id, label: "juri" },
    fx.slug,
    fx.codes[plan.entry]!,
    { values, repeated: [] },
    { issuedPassword: false },
  );
  expect(outcome).toMatchObject({ status: "saved" });
}

/** A copy of `fx` without scores, through the competition file: same libraries, judges, panel. */
async function emptyCopy(fx: ScoringFixture, slug: string): Promise<number> {
  const file = await exportCompetitionFile(fx.slug);
  const imported = await importCompetitionFile(
    chair,
    JSON.stringify({ ...file, slug, name: `Salinan ${slug}` }),
  );
  expect(imported).toMatchObject({ ok: true });
  expect(await changeStatus(chair, slug, "scoring")).toMatchObject({ ok: true });
  const c = await t.db
    .selectFrom("competitions")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  return c.id;
}

async function competitionId(slug: string): Promise<number> {
  return (
    await t.db
      .selectFrom("competitions")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow()
  ).id;
}

/** the ranking as a reader compares it: by library code */
async function ranking(id: number) {
  const r = await computeRanking(id);
  return r!.entries
    .map((e) => ({
      code: e.code,
      rank: e.rank,
      finalX100: e.finalX100,
      judges: e.judges,
      components: e.components,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** a competition's sheets and scores, as the export names them (library, judge, indicator) */
async function content(id: number) {
  return t.db
    .selectFrom("scores as sc")
    .innerJoin("score_sheets as s", "s.id", "sc.sheet_id")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("users as u", "u.id", "s.judge_id")
    .innerJoin("indicators as i", "i.id", "sc.indicator_id")
    .select(["l.code", "u.email", "s.status", "i.code as indicator", "sc.value", "sc.note"])
    .where("e.competition_id", "=", id)
    .orderBy("l.code")
    .orderBy("u.email")
    .orderBy("i.code")
    .execute();
}

/** a competition's sheet_points, named as above */
async function points(id: number) {
  return t.db
    .selectFrom("sheet_points as p")
    .innerJoin("score_sheets as s", "s.id", "p.sheet_id")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("users as u", "u.id", "s.judge_id")
    .innerJoin("components as c", "c.id", "p.component_id")
    .select(["l.code", "u.email", "c.code as component", "p.submitted", "p.points", "p.scores"])
    .where("e.competition_id", "=", id)
    .orderBy("l.code")
    .orderBy("u.email")
    .orderBy("c.code")
    .execute();
}

/** sheet_points of a competition counted afresh from its scores */
async function recounted(id: number) {
  const { rows } = await sql<{ sheet_id: number; component_id: number; points: number }>`
    select s.sheet_id, i.component_id, ${flag(sql`sh.status = 'submitted'`)} as submitted,
      sum(coalesce(s.value, 0)) as points, count(*) as scores
    from scores s join indicators i on i.id = s.indicator_id join score_sheets sh on sh.id = s.sheet_id
      join entries e on e.id = sh.entry_id
    where e.competition_id = ${id}
    group by s.sheet_id, i.component_id, sh.status order by s.sheet_id, i.component_id`.execute(
    t.db,
  );
  return rows.map((r) => ({ ...r, points: Number(r.points) }));
}

async function storedPoints(id: number) {
  const rows = await t.db
    .selectFrom("sheet_points as p")
    .innerJoin("entries as e", "e.id", "p.entry_id")
    .select(["p.sheet_id", "p.component_id", "p.submitted", "p.points", "p.scores"])
    .where("e.competition_id", "=", id)
    .orderBy("p.sheet_id")
    .orderBy("p.component_id")
    .execute();
  return rows.map((r) => ({ ...r, scores: Number(r.scores) }));
}

async function scoreCount(): Promise<number> {
  const row = await t.db
    .selectFrom("scores")
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const problemsOf = (outcome: ImportOutcome) =>
  outcome.ok ? [] : outcome.problems.map((p) => formatImportProblem(p));

/** the Indonesian export's lines, without the byte-order mark */
const linesOf = (csv: string) => csv.replace(/^\uFEFF/, "").split("\r\n");

beforeAll(async () => {
  t = await createTestDb();
  // 4 entries; judges 1 and 2 assigned to every entry, judge 3 to all but the first (conflict)
  source = await createScoringFixture(t.db, { slug: "asal-2026", entries: 4, judges: 3 });
  chair = { id: source.chair.id, label: "ketua" };
  let k = 0;
  for (let entry = 0; entry < 4; entry++)
    for (let judge = 0; judge < 3; judge++) {
      if (entry === 0 && judge === 2) continue;
      k++;
      const draft = entry === 3 && judge === 1;
      await save(source, {
        entry,
        judge,
        submit: !draft,
        values: INDICATORS.map((ind, n) =>
          draft && n === 1 ? null : ind.min + ((k * 7 + n * 3) % (ind.max - ind.min + 1)),
        ),
        // notes a spreadsheet would take for formulas, the separators of both languages, quotes,
        // braces and a NULL word (what the import's former PostgreSQL array literals had to
        // quote), and what its COPY text must escape (tab, backslash, its null `\N`; line
        // breaks: copy-in.test.ts)
        notes: [
          k === 1 ? "=SUM(A1)" : k === 4 ? "kolom\tdua" : "",
          k === 2 ? "baik; =x, @y" : k === 4 ? "\\N" : "",
          k === 3 ? '"kutip" \\ {x, NULL}' : k === 4 ? "C:\\data\\nilai\\t.csv" : "",
        ],
      });
    }
});

afterAll(async () => {
  await t.cleanup();
});

describe("the scores import", () => {
  it("reads the export back into an empty copy: the same sheets, sums and ranking, one audit entry, the chain intact", async () => {
    const copy = await emptyCopy(source, "salinan-2026");
    const csv = await scoreMatrixCsv(source.competitionId, "id");
    const outcome = await importScores(chair, "salinan-2026", csv, { source: "nilai.csv" });
    expect(problemsOf(outcome)).toEqual([]);
    expect(outcome).toMatchObject({
      ok: true,
      stage: "S1",
      sheets: 11,
      scores: 33,
      submitted: 10,
      drafts: 1,
      replaced: 0,
      skipped: { setAside: 0, inactive: 0 },
    });
    expect(await content(copy)).toEqual(await content(source.competitionId));
    expect(await points(copy)).toEqual(await points(source.competitionId));
    expect(await storedPoints(copy)).toEqual(await recounted(copy));
    expect(await ranking(copy)).toEqual(await ranking(source.competitionId));
    expect((await ranking(copy)).filter((e) => e.rank !== null)).toHaveLength(4);

    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("competition_id", "=", copy)
      .where("action", "=", "scores-import")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: chair.id, entity_type: "competition" });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
      sheets: 11,
      scores: 33,
      source: "nilai.csv",
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    // the triggers' switch is never left on: it lives and dies in the import's transaction
    expect(await t.db.selectFrom("scores_bulk").selectAll().execute()).toEqual([]);
  });

  it("leaves the per-row triggers on for every other writer (the switch is the bulk writer's alone)", async () => {
    const sheet = await t.db
      .selectFrom("score_sheets as s")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .select("s.id")
      .where("e.competition_id", "=", source.competitionId)
      .where("s.status", "=", "draft")
      .executeTakeFirstOrThrow();
    const a2 = await t.db
      .selectFrom("indicators")
      .select(["id", "min_score", "max_score"])
      .where("competition_id", "=", source.competitionId)
      .where("code", "=", "A2")
      .executeTakeFirstOrThrow();
    const pointsOfSheet = async () =>
      (
        await t.db
          .selectFrom("sheet_points")
          .select(["points", "scores"])
          .where("sheet_id", "=", sheet.id)
          .execute()
      ).map((r) => ({ points: Number(r.points), scores: Number(r.scores) }));
    const before = await pointsOfSheet();
    // a transaction that never turns the switch on keeps the sums by trigger, as always
    await t.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("scores")
        .set({ value: a2.max_score })
        .where("sheet_id", "=", sheet.id)
        .where("indicator_id", "=", a2.id)
        .execute();
    });
    expect(await storedPoints(source.competitionId)).toEqual(await recounted(source.competitionId));
    expect(await pointsOfSheet()).not.toEqual(before);
  });

  it("reads the English export too (commas, English headers and statuses)", async () => {
    const copy = await emptyCopy(source, "english-2026");
    const csv = await scoreMatrixCsv(source.competitionId, "en");
    expect(csv.split("\r\n")[0]).toContain("Sheet status");
    const outcome = await importScores(chair, "english-2026", csv);
    expect(problemsOf(outcome)).toEqual([]);
    expect(await content(copy)).toEqual(await content(source.competitionId));
    expect(await ranking(copy)).toEqual(await ranking(source.competitionId));
  });

  it("refuses the whole file for any wrong row, naming its line and column, and writes nothing", async () => {
    await emptyCopy(source, "tolak-2026");
    const lines = linesOf(await scoreMatrixCsv(source.competitionId, "id"));
    const header = lines[0]!.split(";");
    expect(header).toEqual([
      "Kode",
      "Perpustakaan",
      "Kategori",
      "Status peserta",
      "Juri",
      "Status lembar",
      "Komponen",
      "Indikator",
      "Nama indikator",
      "Skala",
      "Nilai",
      "Catatan",
    ]);
    /** the file with line `line` (1 = header) changed by `change` on its fields */
    const edited = (line: number, change: (fields: string[]) => string[] | null) => {
      const copy = [...lines];
      const fields = change(copy[line - 1]!.split(";"));
      if (fields === null) copy.splice(line - 1, 1);
      else copy[line - 1] = fields.join(";");
      return copy.join("\r\n");
    };
    const set = (column: number, value: string) => (f: string[]) => {
      f[column] = value;
      return f;
    };
    // a row of a submitted sheet: which one does not matter, the messages name it
    let row = 0;
    lines.forEach((l, k) => {
      if (l.includes("Sudah dikirim") && l.split(";")[7] === "A2") row = k + 1;
    });
    const before = await scoreCount();
    const cases: [string, string, string][] = [
      [
        edited(row, set(0, "TIDAKADA")),
        `line ${row}, column Kode`,
        "No entry with the code TIDAKADA",
      ],
      [
        edited(row, set(4, "Juri Lain")),
        `line ${row}, column Juri`,
        "Juri Lain is not a judge assigned",
      ],
      [edited(row, set(10, "99")), `line ${row}, column Nilai`, "99 is outside the scale"],
      [edited(row, set(10, "3,5")), `line ${row}, column Nilai`, "“3,5” is not a whole number"],
      [edited(row, set(7, "Z9")), `line ${row}, column Indikator`, "No indicator Z9"],
      [edited(row, set(6, "B")), `line ${row}, column Komponen`, "belongs to component"],
      [
        edited(row, set(5, "Selesai")),
        `line ${row}, column Status lembar`,
        "is not a sheet status",
      ],
      [
        edited(row, set(5, "Draf")),
        `line ${row}, column Status lembar`,
        "differs from its row on line",
      ],
      [edited(1, set(11, "Catatan juri")), "line 1, column Catatan juri", "Unknown column"],
      [
        edited(1, (f) => f.filter((_, k) => k !== 10 && k !== 11)),
        "line 1",
        "The column Score is missing",
      ],
      [edited(row, (f) => [...f, "x"]), `line ${row}`, "This row has 13 fields, the header 12"],
      [
        [...lines.slice(0, row), lines[row - 1]!, ...lines.slice(row)].join("\r\n"),
        `line ${row + 1}, column Indikator`,
        `is already on line ${row}`,
      ],
      [edited(row, () => null), "line", "is submitted but has no score for"],
    ];
    for (const [text, where, what] of cases) {
      const outcome = await importScores(chair, "tolak-2026", text);
      expect(outcome.ok, `${where}: ${what}`).toBe(false);
      const messages = problemsOf(outcome);
      expect(messages, `${where}: ${what}`).toContainEqual(expect.stringContaining(what));
      expect(messages.find((m) => m.includes(what))!.startsWith(where), messages.join("\n")).toBe(
        true,
      );
    }
    expect(await scoreCount()).toBe(before);
    expect(
      problemsOf(await importScores(chair, "asal-2026", lines.join("\r\n"))).some((m) =>
        m.includes("already has scores"),
      ),
    ).toBe(true);
  });

  it("imports only while the competition is open for scoring", async () => {
    await emptyCopy(source, "tutup-2026");
    const csv = await scoreMatrixCsv(source.competitionId, "id");
    expect(
      await changeStatus(chair, "tutup-2026", "closed", { override: true, reason: "uji" }),
    ).toMatchObject({ ok: true });
    const outcome = await importScores(chair, "tutup-2026", csv);
    expect(problemsOf(outcome)).toEqual([
      "Scores can be imported only while the competition is open for scoring (now: Closed).",
    ]);
    expect(problemsOf(await importScores(chair, "tidak-ada", csv))).toEqual([
      "No competition with the slug tidak-ada.",
    ]);
  });

  it("replaces sheets that have scores only when asked, moving their version on, and records what they were", async () => {
    const copy = await emptyCopy(source, "ganti-2026");
    const csv = await scoreMatrixCsv(source.competitionId, "id");
    expect(await importScores(chair, "ganti-2026", csv)).toMatchObject({ ok: true });
    const refused = await importScores(chair, "ganti-2026", csv);
    expect(problemsOf(refused)).toHaveLength(11);
    expect(problemsOf(refused)[0]).toMatch(
      /^line \d+: Juri \d asal-2026's sheet for .* already has scores/,
    );

    // a file with other values replaces the sheets' scores; their comment stays
    const lines = linesOf(csv);
    const changed = lines
      .map((l, k) => {
        if (k === 0 || l === "") return l;
        const f = l.split(";");
        const [min] = f[9]!.split("–");
        f[10] = min!;
        return f.join(";");
      })
      .join("\r\n");
    const versions = await t.db
      .selectFrom("score_sheets as s")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .select(["s.id", "s.version"])
      .where("e.competition_id", "=", copy)
      .orderBy("s.id")
      .execute();
    const replaced = await importScores(chair, "ganti-2026", changed, { replace: true });
    expect(replaced).toMatchObject({ ok: true, sheets: 11, replaced: 11, scores: 33 });
    const after = await t.db
      .selectFrom("score_sheets as s")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .select(["s.id", "s.version"])
      .where("e.competition_id", "=", copy)
      .orderBy("s.id")
      .execute();
    expect(after).toEqual(versions.map((v) => ({ ...v, version: v.version + 1 })));
    const values = await content(copy);
    expect(
      values.every((v) => v.value === INDICATORS.find((i) => i.code === v.indicator)!.min),
    ).toBe(true);
    expect(await storedPoints(copy)).toEqual(await recounted(copy));
    const entry = await t.db
      .selectFrom("audit_log")
      .select(["before_json"])
      .where("competition_id", "=", copy)
      .where("action", "=", "scores-import")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before_json!).replaced).toHaveLength(11);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("leaves out rows of set-aside sheets and of entries no longer active, and says so", async () => {
    await emptyCopy(source, "sisih-2026");
    const lines = linesOf(await scoreMatrixCsv(source.competitionId, "id"));
    const code = source.codes[3]!;
    await t.db
      .updateTable("entries")
      .set({ status: "withdrawn", status_reason: "mundur" })
      .where("competition_id", "=", await competitionId("sisih-2026"))
      .where("library_id", "=", (qb) =>
        qb.selectFrom("libraries").select("id").where("code", "=", code),
      )
      .execute();
    const text = lines
      .map((l, k) =>
        k > 0 && l.includes(source.codes[1]!) && l.includes("Juri 1 ")
          ? l.replace("Sudah dikirim", "Disisihkan (konflik kepentingan)")
          : l,
      )
      .join("\r\n");
    const outcome = await importScores(chair, "sisih-2026", text);
    expect(problemsOf(outcome)).toEqual([]);
    expect(outcome).toMatchObject({ ok: true, skipped: { setAside: 3, inactive: 9 } });
    expect(outcome).toMatchObject({ sheets: 7 });
  });
});

describe("sheet_points after an import", () => {
  const sheetArb = fc.record({
    submit: fc.boolean(),
    values: fc.tuple(
      fc.option(fc.nat(4), { freq: 4 }),
      fc.option(fc.nat(10), { freq: 4 }),
      fc.option(fc.nat(3), { freq: 4 }),
    ),
    scored: fc.boolean(),
  });

  it("equal what the per-row triggers give the same sheets saved one by one", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheetArb, { minLength: 6, maxLength: 6 }), async (drawn) => {
        run++;
        const saved = await createScoringFixture(t.db, {
          slug: `simpan-${run}`,
          entries: 3,
          judges: 2,
          rubric: false,
        });
        const imported = await emptyCopy(saved, `impor-${run}`);
        let k = 0;
        for (let entry = 0; entry < 3; entry++)
          for (let judge = 0; judge < 2; judge++) {
            const d = drawn[k++]!;
            if (entry === 0 && judge === 1) continue; // the conflicted pair
            if (!d.scored) continue;
            await save(saved, {
              entry,
              judge,
              submit: d.submit,
              values: d.values.map((v, n) =>
                v === null && !d.submit
                  ? null
                  : INDICATORS[n]!.min + ((v ?? 0) % (INDICATORS[n]!.max - INDICATORS[n]!.min + 1)),
              ),
              notes: ["", "", ""],
            });
          }
        const csv = await scoreMatrixCsv(saved.competitionId, "id");
        if (!linesOf(csv)[1]) return; // nothing saved: nothing to import
        const outcome = await importScores(chair, `impor-${run}`, csv);
        expect(problemsOf(outcome)).toEqual([]);
        expect(await points(imported)).toEqual(await points(saved.competitionId));
        expect(await storedPoints(imported)).toEqual(await recounted(imported));
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});

describe("a large import (the foreign keys set aside on PostgreSQL)", () => {
  /** the foreign keys of scores and sheet_points as PostgreSQL holds them (none listed on SQLite) */
  async function foreignKeys() {
    if (!isPostgres(t.db)) return [];
    const { rows } = await sql<{
      oid: number;
      table: string;
      name: string;
      definition: string;
      validated: boolean;
    }>`select cast(k.oid as integer) as oid, cast(cast(k.conrelid as regclass) as text) as "table",
        k.conname as name, pg_get_constraintdef(k.oid) as definition, k.convalidated as validated
      from pg_constraint k
      where k.contype = 'f' and k.conrelid in (cast('scores' as regclass), cast('sheet_points' as regclass))
      order by 2, 3`.execute(t.db);
    return rows;
  }
  const withoutOid = (keys: Awaited<ReturnType<typeof foreignKeys>>) =>
    keys.map(({ oid: _, ...k }) => k);

  it("gives the same sheets and sums, and the keys back as they were, checking saves after it", async () => {
    const before = await foreignKeys();
    if (isPostgres(t.db)) {
      expect(before.map((k) => k.name)).toEqual([
        "scores_indicator_range",
        "scores_sheet_id_fkey",
        "sheet_points_component_id_fkey",
        "sheet_points_sheet_id_fkey",
      ]);
      expect(before.every((k) => k.validated)).toBe(true);
    }
    const copy = await emptyCopy(source, "besar-2026");
    const csv = await scoreMatrixCsv(source.competitionId, "id");
    const outcome = await importScores(chair, "besar-2026", csv, { keysAsideFrom: 1 });
    expect(problemsOf(outcome)).toEqual([]);
    expect(await content(copy)).toEqual(await content(source.competitionId));
    expect(await points(copy)).toEqual(await points(source.competitionId));
    expect(await storedPoints(copy)).toEqual(await recounted(copy));
    expect(await ranking(copy)).toEqual(await ranking(source.competitionId));
    const after = await foreignKeys();
    // made again (new constraints), as they were, and checked
    expect(withoutOid(after)).toEqual(withoutOid(before));
    if (isPostgres(t.db))
      expect(after.map((k) => k.oid).filter((oid) => before.some((b) => b.oid === oid))).toEqual(
        [],
      );

    // the keys hold for the writes after it: a score of no sheet, or with another range, and
    // sums of no component are refused; deleting a sheet still takes its scores and sums along
    const sheet = await t.db
      .selectFrom("score_sheets as s")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .select(["s.id", "s.entry_id"])
      .where("e.competition_id", "=", copy)
      .orderBy("s.id")
      .executeTakeFirstOrThrow();
    const a1 = await t.db
      .selectFrom("indicators")
      .select(["id", "min_score", "max_score", "component_id"])
      .where("competition_id", "=", copy)
      .where("code", "=", "A1")
      .executeTakeFirstOrThrow();
    const score = { indicator_id: a1.id, min_score: a1.min_score, max_score: a1.max_score };
    await expect(
      t.db
        .insertInto("scores")
        .values({ ...score, sheet_id: 999_999, value: null })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await t.db
      .deleteFrom("scores")
      .where("sheet_id", "=", sheet.id)
      .where("indicator_id", "=", a1.id)
      .execute();
    await expect(
      t.db
        .insertInto("scores")
        .values({ ...score, sheet_id: sheet.id, max_score: a1.max_score + 1, value: null })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await expect(
      t.db
        .insertInto("sheet_points")
        .values({
          sheet_id: sheet.id,
          component_id: 999_999,
          entry_id: sheet.entry_id,
          submitted: 1,
          points: 1,
          scores: 1,
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await t.db.deleteFrom("score_sheets").where("id", "=", sheet.id).execute();
    for (const table of ["scores", "sheet_points"] as const)
      expect(
        await t.db.selectFrom(table).select("sheet_id").where("sheet_id", "=", sheet.id).execute(),
      ).toEqual([]);
  });

  it("that fails leaves the scores, the sums, the sheets and the keys exactly as before", async () => {
    const copy = await emptyCopy(source, "gagal-2026");
    const csv = await scoreMatrixCsv(source.competitionId, "id");
    expect(await importScores(chair, "gagal-2026", csv)).toMatchObject({ ok: true });
    const sheets = () =>
      t.db
        .selectFrom("score_sheets as s")
        .innerJoin("entries as e", "e.id", "s.entry_id")
        .select(["s.id", "s.status", "s.version", "s.updated_at"])
        .where("e.competition_id", "=", copy)
        .orderBy("s.id")
        .execute();
    const audit = () =>
      t.db
        .selectFrom("audit_log")
        .select(sql<number>`count(*)`.as("n"))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const before = {
      content: await content(copy),
      points: await storedPoints(copy),
      sheets: await sheets(),
      keys: await foreignKeys(),
      audit: await audit(),
    };
    // a file that replaces every sheet with other values, failing once its scores are written
    // (the keys set aside, the old scores deleted, the new ones in): at its sums
    const changed = linesOf(csv)
      .map((l, k) => {
        if (k === 0 || l === "") return l;
        const f = l.split(";");
        f[10] = f[9]!.split("–")[0]!;
        return f.join(";");
      })
      .join("\r\n");
    if (isPostgres(t.db))
      await runAll(
        t.db,
        pgTrigger("import_fails", "sheet_points", "before insert", "raise exception 'kandas';", {
          level: "statement",
        }),
      );
    else
      await sql`create trigger import_fails before insert on sheet_points
        begin select raise(abort, 'kandas'); end`.execute(t.db);
    try {
      await expect(
        importScores(chair, "gagal-2026", changed, { replace: true, keysAsideFrom: 1 }),
      ).rejects.toThrow(/kandas/);
    } finally {
      if (isPostgres(t.db)) await runAll(t.db, dropPgTrigger("import_fails", "sheet_points"));
      else await sql`drop trigger import_fails`.execute(t.db);
    }
    expect(await content(copy)).toEqual(before.content);
    expect(await storedPoints(copy)).toEqual(before.points);
    expect(await sheets()).toEqual(before.sheets);
    // the same constraints, not made again: the drop itself was rolled back
    expect(await foreignKeys()).toEqual(before.keys);
    expect(await audit()).toBe(before.audit);
    expect(await t.db.selectFrom("scores_bulk").selectAll().execute()).toEqual([]);
    // and the same file goes in once nothing stands in its way
    expect(
      await importScores(chair, "gagal-2026", changed, { replace: true, keysAsideFrom: 1 }),
    ).toMatchObject({ ok: true, replaced: 11 });
    expect(await storedPoints(copy)).toEqual(await recounted(copy));
    expect(await foreignKeys().then(withoutOid)).toEqual(withoutOid(before.keys));
  });
});
