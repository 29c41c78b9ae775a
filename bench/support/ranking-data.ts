/**
 * The ranking benchmarks' competition: ENTRIES entries (BENCH_ENTRIES, default 10,000) × 5 judges
 * × 30 indicators (5 components of 6), every sheet submitted, each score drawn around its entry's
 * quality from a fixed seed, so SQLite and PostgreSQL hold the very same scores. Written straight
 * to the database, not through the app: the fill is not what is measured.
 */
import { sql } from "kysely";
import type SqliteDatabase from "better-sqlite3";
import type { DB } from "../../db/connection";
import type { Aggregation } from "../../db/schema";
import {
  rankingSubject as readRankingSubject,
  type RankingSubject,
} from "../../app/models/ranking.server";

export const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
export const JUDGES = 5;
const COMPONENTS = 5;
const PER_COMPONENT = 6; // 30 indicators
const WEIGHTS = [30, 25, 20, 15, 10];
const MAXES = [4, 5, 5, 10, 3];

/** The benchmarks' random numbers in [0, 1): a plain LCG, the same sequence for a seed everywhere. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Every aggregation method, each held to its ratio to the raw scan (the performance goals). */
export const METHODS = ["mean", "trimmed-mean", "median"] as const satisfies readonly Aggregation[];
export const RATIO_GOAL: Record<(typeof METHODS)[number], number> = {
  mean: 1.5,
  "trimmed-mean": 1.5,
  median: 2,
};

/** The floor the ranking is held against: one aggregate pass over every score, by entry. */
export const RAW_SCAN = sql`select s.entry_id, sum(sc.value) as total from scores sc join score_sheets s on s.id = sc.sheet_id group by s.entry_id`;

/** The competition row as the pages hand it to computeRanking (read once, outside the timing). */
export async function rankingSubject(db: DB, competitionId: number): Promise<RankingSubject> {
  const subject = await readRankingSubject(competitionId, db);
  if (!subject) throw new Error(`no competition ${competitionId}`);
  return subject;
}

export interface RankingCompetition {
  competitionId: number;
  indicators: { id: number; max: number }[];
  judgeIds: number[];
}

/** The competition, its criteria and its judges (a few dozen rows, on either database). */
export async function createCompetition(db: DB, now: string): Promise<RankingCompetition> {
  const { id: competitionId } = await db
    .insertInto("competitions")
    .values({
      slug: "bench",
      name: "Bench",
      year: 2026,
      level: "kabupaten",
      region: "Bench",
      status: "closed",
      aggregation: "trimmed-mean",
      prize_winners: 3,
      prize_honourable: 3,
      ranking_scope: "overall",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const indicators: { id: number; max: number }[] = [];
  for (let c = 0; c < COMPONENTS; c++) {
    const code = String.fromCharCode(65 + c);
    const { id: componentId } = await db
      .insertInto("components")
      .values({
        competition_id: competitionId,
        code,
        name: `Komponen ${c + 1}`,
        weight: WEIGHTS[c]!,
        position: c + 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < PER_COMPONENT; i++) {
      const max = MAXES[c]!;
      const { id } = await db
        .insertInto("indicators")
        .values({
          competition_id: competitionId,
          component_id: componentId,
          code: `${code}${i + 1}`,
          name: `Indikator ${i + 1}`,
          description: "",
          min_score: 0,
          max_score: max,
          position: i + 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      indicators.push({ id, max });
    }
  }
  const judgeIds: number[] = [];
  for (let j = 0; j < JUDGES; j++) {
    const { id } = await db
      .insertInto("users")
      .values({
        email: `bench${j}@juara.test`,
        name: `Juri ${j}`,
        password_hash: "x",
        role: "judge",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    judgeIds.push(id);
  }
  return { competitionId, indicators, judgeIds };
}

/** Every sheet's scores, entry by entry and judge by judge, in the order the seed draws them. */
export function* sheets(
  competition: RankingCompetition,
): Generator<{ entry: number; judge: number; values: number[] }> {
  const random = seeded(42);
  for (let entry = 0; entry < ENTRIES; entry++) {
    const quality = random();
    for (let judge = 0; judge < competition.judgeIds.length; judge++)
      yield {
        entry,
        judge,
        values: competition.indicators.map(({ max }) =>
          Math.max(0, Math.min(max, Math.round(quality * max + (random() - 0.5) * 2))),
        ),
      };
  }
}

/**
 * SQLite: every row in one transaction, the per-row sheet_points triggers set aside (the bulk
 * switch of migration 0016, as the scores import does) and the sums counted once at the end.
 */
export async function fillSqlite(
  db: DB,
  sqlite: SqliteDatabase.Database,
): Promise<RankingCompetition> {
  const now = new Date().toISOString();
  const competition = await createCompetition(db, now);
  const library = sqlite
    .prepare(
      `insert into libraries (code, name, type, created_at, updated_at) values (?, ?, 'desa', ?, ?) returning id`,
    )
    .pluck();
  const entry = sqlite
    .prepare(
      `insert into entries (competition_id, library_id, category, created_at) values (?, ?, 'desa', ?) returning id`,
    )
    .pluck();
  const sheet = sqlite
    .prepare(
      `insert into score_sheets (entry_id, judge_id, status, version, submitted_at, created_at, updated_at) values (?, ?, 'submitted', 2, ?, ?, ?) returning id`,
    )
    .pluck();
  const score = sqlite.prepare(
    `insert into scores (sheet_id, indicator_id, min_score, max_score, value) values (?, ?, 0, ?, ?)`,
  );
  sqlite.transaction(() => {
    sqlite.exec("insert into scores_bulk (id, active) values (1, 1)");
    let entryId: unknown;
    for (const s of sheets(competition)) {
      if (s.judge === 0) {
        const libraryId = library.get(`B${s.entry}`, `Perpustakaan ${s.entry}`, now, now);
        entryId = entry.get(competition.competitionId, libraryId, now);
      }
      const sheetId = sheet.get(entryId, competition.judgeIds[s.judge], now, now, now);
      for (const [k, ind] of competition.indicators.entries())
        score.run(sheetId, ind.id, ind.max, s.values[k]);
    }
    sqlite.exec(`insert into sheet_points (sheet_id, component_id, entry_id, submitted, points, scores)
      select s.sheet_id, i.component_id, sh.entry_id, sh.status = 'submitted', sum(coalesce(s.value, 0)), count(*)
      from scores s join indicators i on i.id = s.indicator_id join score_sheets sh on sh.id = s.sheet_id
      group by s.sheet_id, i.component_id, sh.entry_id, sh.status`);
    sqlite.exec("delete from scores_bulk");
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.exec("analyze");
  return competition;
}

/** rows per INSERT … SELECT FROM unnest(…) of scores (four array parameters whatever the size) */
const SCORE_BATCH = 100_000;

/**
 * PostgreSQL: libraries, entries and sheets set-wise (their triggers on, so each sheet gets its
 * stage as the app's would); the 1.5 M scores in batches with triggers off in that transaction
 * (`session_replication_role = replica`, superuser: the per-row sheet_points trigger would take
 * minutes) and sheet_points then counted in one INSERT … SELECT … GROUP BY, the recount
 * migration 0006 runs; then VACUUM ANALYZE, as autovacuum would do after a bulk load. `say`
 * reports each step's time.
 */
export async function fillPostgres(
  db: DB,
  say: (line: string) => void,
): Promise<RankingCompetition> {
  const now = new Date().toISOString();
  const competition = await createCompetition(db, now);
  let t = performance.now();
  const step = (what: string) => {
    say(`${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
  };
  const libraries = await sql<{ id: number; code: string }>`
    insert into libraries (code, name, type, created_at, updated_at)
    select 'B' || g, 'Perpustakaan ' || g, 'desa', ${now}, ${now} from generate_series(0, ${ENTRIES - 1}) g
    returning id, code`.execute(db);
  const libraryIds = new Array<number>(ENTRIES);
  for (const row of libraries.rows) libraryIds[Number(row.code.slice(1))] = row.id;
  const entries = await sql<{ id: number; library_id: number }>`
    insert into entries (competition_id, library_id, category, created_at)
    select ${competition.competitionId}, l, 'desa', ${now} from unnest(${libraryIds}::int[]) l
    returning id, library_id`.execute(db);
  const entryOfLibrary = new Map(entries.rows.map((r) => [r.library_id, r.id]));
  const entryIds = libraryIds.map((l) => entryOfLibrary.get(l)!);
  const created = await sql<{ id: number; entry_id: number; judge_id: number }>`
    insert into score_sheets (entry_id, judge_id, status, version, submitted_at, created_at, updated_at)
    select e, j, 'submitted', 2, ${now}, ${now}, ${now}
    from unnest(${entryIds}::int[]) e cross join unnest(${competition.judgeIds}::int[]) j
    returning id, entry_id, judge_id`.execute(db);
  const sheetIds = new Map(created.rows.map((r) => [`${r.entry_id}:${r.judge_id}`, r.id]));
  step(`  ${ENTRIES} libraries, entries and ${created.rows.length} sheets (triggers on)`);

  let rows = 0;
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    const columns = { sheet: [] as number[], indicator: [] as number[], max: [] as number[] };
    const values: number[] = [];
    const flush = async () => {
      if (values.length === 0) return;
      await sql`insert into scores (sheet_id, indicator_id, min_score, max_score, value)
        select s, i, 0, m, v
        from unnest(${columns.sheet}::int[], ${columns.indicator}::int[], ${columns.max}::int[], ${values}::int[]) as t(s, i, m, v)`.execute(
        trx,
      );
      rows += values.length;
      columns.sheet.length = columns.indicator.length = columns.max.length = values.length = 0;
    };
    for (const s of sheets(competition)) {
      const sheetId = sheetIds.get(`${entryIds[s.entry]}:${competition.judgeIds[s.judge]}`)!;
      for (const [k, ind] of competition.indicators.entries()) {
        columns.sheet.push(sheetId);
        columns.indicator.push(ind.id);
        columns.max.push(ind.max);
        values.push(s.values[k]!);
      }
      if (values.length >= SCORE_BATCH) await flush();
    }
    await flush();
    step(
      `  ${rows.toLocaleString("en")} scores, INSERT … SELECT FROM unnest() in batches of ${SCORE_BATCH.toLocaleString("en")}, triggers off`,
    );
    await sql`insert into sheet_points (sheet_id, component_id, entry_id, submitted, points, scores)
      select s.sheet_id, i.component_id, sh.entry_id, (case when sh.status = 'submitted' then 1 else 0 end),
        sum(coalesce(s.value, 0)), count(*)
      from scores s join indicators i on i.id = s.indicator_id join score_sheets sh on sh.id = s.sheet_id
      group by s.sheet_id, i.component_id, sh.entry_id, sh.status`.execute(trx);
    step("  sheet_points rebuilt set-wise (one INSERT … SELECT … GROUP BY)");
  });
  await sql`vacuum analyze`.execute(db);
  step("  vacuum analyze");
  return competition;
}
