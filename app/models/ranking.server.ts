import { sql, type RawBuilder } from "kysely";
import {
  bytewise,
  flag,
  integerSum,
  isPostgres,
  jsonArrayAgg,
  medianTimes2,
  stringAgg,
  zeroPad,
} from "../../db/dialect";
import type { Aggregation, CombineMode, Executor, RankingScope, StageKind } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { activeEntry, notSetAside } from "./query.server";
import { refuse, type Result } from "~/lib/forms";

/**
 * The official ranking, computed by the database in one statement per competition, the same
 * statement on SQLite and PostgreSQL (docs/scoring.md).
 *
 * Exact arithmetic: a judge's component score W × Σscore / Σmax is a fraction. Every component's
 * Σmax divides D, the least common multiple of them all (computed in the same statement by a
 * recursive CTE running Euclid's algorithm), so W × Σscore × (D / Σmax) is an integer: the score
 * in units of 1/D. Sums, medians and trimmed sums of integers stay integers, and a final score
 * num / den is rounded to 2 decimals, half away from zero, with integer division only:
 * x100 = (200 × num + den) / (2 × den). No floating point is involved, but for one step on
 * SQLite: its `median` aggregate works in doubles, exact while every value is below 2^52
 * (`medianTimes2` in db/dialect.ts); the statement says when a median's series reaches 2^52, and
 * `computeRanking` refuses it on both databases alike.
 *
 * Bound: 200 × judges × 100 × D must stay below 2^63, on both databases: SQLite's integers are
 * 64-bit, and on PostgreSQL every value of the arithmetic is a `bigint` (D and the folds are cast
 * to it, sums of bigints cast back from `numeric` by `integerSum`, so `/` stays integer division).
 * The statement returns D and the largest panel, and `computeRanking` refuses to answer if the
 * bound was crossed (SQLite would have switched to floating point; PostgreSQL stops the statement
 * with SQLSTATE 22003, refused the same way): with 50 judges, D may reach 9 × 10^12, which
 * criteria made of small scales (Σmax of a component in the tens or hundreds) never approach.
 *
 * Portability (docs/decisions/003-ranking-in-one-sql-statement.md): the few pieces the two
 * databases spell differently come from db/dialect.ts (`stringAgg`, `zeroPad`, `jsonArrayAgg`,
 * `integerSum`, `medianTimes2`, `bytewise`, `flag`); the rest is SQL both read alike. Written for both: typed
 * nulls where a recursive CTE or a union needs a type, `nulls last` where a descending order
 * meets a null (PostgreSQL puts nulls first there, SQLite last), every grouped column named.
 */

const MAX_SAFE_SQL = 9_223_372_036_854_775_807n;

export interface RankedComponent {
  code: string;
  name: string;
  weight: number;
  /** the component final × 100 (e.g. 2150 = 21.50 of `weight`), null without submitted sheets */
  scoreX100: number | null;
}

export interface RankedEntry {
  entryId: number;
  code: string;
  name: string;
  village: string;
  district: string;
  category: "desa" | "kelurahan";
  /** the ranking group: "" when ranked overall, else the category */
  group: string;
  judges: number;
  finalX100: number | null;
  components: RankedComponent[];
  /** 1-based; shared by entries still tied (1, 2, 2, 4); null without submitted sheets */
  rank: number | null;
  prize: string | null;
  /** how many entries share this entry's place before any decision (1 = not tied) */
  tieSize: number;
  /** names the tie (see tie_decisions); null when not tied */
  tieKey: string | null;
  /** a tie at a prize place with no recorded decision */
  unresolvedPrizeTie: boolean;
  /** the chair's recorded order was applied to this tie */
  decided: boolean;
  /** the code of the last stage the entry was in (the current one for the finalists) */
  stageReached: string;
  /** failed a check of an admin stage: out of the later stages and unranked */
  failedAdmin: boolean;
  /**
   * each stage the entry was in, in order: its score there (C × 100) and the stage's own score
   * (F × 100), its rank there, whether it went on
   */
  stages: RankedStageResult[];
}

export interface RankedStageResult {
  code: string;
  /** C_s × 100 (docs/scoring.md, "Stages"); null in an admin stage or without a final there */
  scoreX100: number | null;
  /** F_s × 100, the stage's own final; null in an admin stage or without a final there */
  stageScoreX100: number | null;
  rank: number | null;
  advanced: boolean;
}

export interface RankingStage {
  id: number;
  position: number;
  code: string;
  name: string;
  kind: StageKind;
  weight: number;
  advance: number | null;
  closed: boolean;
}

export interface Ranking {
  method: Aggregation;
  scope: RankingScope;
  prizeWinners: number;
  prizeHonourable: number;
  combine: CombineMode;
  /** every stage of the competition, in order, and the position of the one open for scoring */
  stages: RankingStage[];
  currentStage: number;
  entries: RankedEntry[];
}

/** The statement's one row: what is the same for every entry, then the entries. */
interface ResultRow {
  /** JSON: [[id, code, name, weight, stageId], ...] in component order */
  components: string;
  /** JSON: [[id, position, code, name, kind, weight, advance, closed], ...] in order */
  stages: string;
  d: number | bigint;
  kk: number | bigint | null;
  wsum: number;
  combine: CombineMode;
  max_judges: number | null;
  /** with the kept inputs: how many entries changed since theirs were counted (then not used) */
  uncounted: number | bigint;
  /** 1 when a median's series holds a value of 2^52 or more (see `medianTimes2`) */
  beyond_doubles: number;
  /** JSON: one EntryTuple per active entry, in ranking order */
  entries: string;
  /** JSON: one StageTuple per entry and stage it was in */
  entry_stages: string;
}

/**
 * One entry: id, category, library code, name, village, district, judges, final × 100, tie key
 * (only when tied), tie size, decided (0/1), rank, prize, component scores ("componentId:x100"
 * pairs, comma-separated; null without submitted sheets), the position of the last stage it was
 * in.
 */
type EntryTuple = [
  number,
  "desa" | "kelurahan",
  string,
  string,
  string,
  string,
  number | null,
  number | null,
  string | null,
  number | null,
  number | null,
  number | null,
  string | null,
  string | null,
  number,
];

/**
 * One entry in one stage it was in: entry id, the stage's position, C × 100 there, F × 100 there
 * (the stage's own final), went on (0/1), its rank there.
 */
type StageTuple = [number, number, number | null, number | null, number, number | null];

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/** 'Juara ' || roman(n) for n = 1..10, in SQL, so prize labels come with the ranking. */
function romanSql(n: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`case ${n} ${sql.join(
    ROMAN.map((r, i) => sql`when ${sql.lit(i + 1)} then ${sql.lit(r)}`),
    sql` `,
  )} end`;
}

/**
 * round(100 × num / den), half away from zero, for non-negative integers: integer division only.
 * Null when den is 0 (stages whose weights are all 0): SQLite's division by zero gives null, and
 * `nullif` makes PostgreSQL's do the same instead of failing the statement.
 */
function x100(num: RawBuilder<unknown>, den: RawBuilder<unknown>) {
  return sql`((200 * (${num}) + (${den})) / (2 * nullif(${den}, 0)))`;
}

/**
 * The least common multiple of a set of positive integers, in SQL: a recursive CTE running
 * Euclid's algorithm over the values one at a time. Gives the CTE `name` with one row and one
 * column, also called `name` (1 for an empty set).
 */
function lcmOf(name: string, values: RawBuilder<unknown>) {
  const n = sql.raw(name);
  const folds = sql.raw(`${name}_folds`);
  const steps = sql.raw(`${name}_lcm`);
  // typed 64-bit from the start: PostgreSQL fixes a recursive CTE's column types by its first row
  return sql`
    ${folds} as materialized (
      select cast(m as bigint) as m, row_number() over (order by m) as k
      from (${values}) as v where m > 0
    ),
    ${steps} (k, l, a, b) as (
      select cast(0 as bigint), cast(1 as bigint), cast(null as bigint), cast(null as bigint)
      union all
      select
        case when s.b = 0 then s.k + 1 else s.k end,
        case when s.b = 0 then s.l / s.a * (select m from ${folds} f where f.k = s.k + 1) else s.l end,
        case when s.a is null then s.l when s.b = 0 then null else s.b end,
        case when s.a is null then (select m from ${folds} f where f.k = s.k + 1) when s.b = 0 then null else s.a % s.b end
      from ${steps} s
      where not (s.k = (select count(*) from ${folds}) and s.a is null)
    ),
    ${n} as materialized (select l as ${n} from ${steps} where k = (select count(*) from ${folds}) and a is null)`;
}

/**
 * The criteria part of every ranking statement: `comp` (each component of the stages `st` the
 * condition `stages` admits, with its stage and Σ max of its indicators) and `d`, the least common
 * multiple D of the Σ max of every component of the competition, in every stage (one unit for the
 * whole competition, so the ranking inputs kept per entry, migration 0017, are in the same unit
 * whichever stage is ranked). `factors` gives each component's factor W × D / Σmax: a sheet's
 * points for the component times the factor is its component score in units of 1/D, always an
 * integer.
 */
function criteria(competitionId: number, stages: RawBuilder<unknown>) {
  // Σ max of the indicators of component `c`
  const summax = sql`(select coalesce(sum(i.max_score), 0) from indicators i where i.component_id = c.id)`;
  return sql`
    comp as materialized (
      select c.id as component_id, c.code, c.name, c.weight, c.position, c.stage_id,
        ${summax} as summax
      from components c join stages st on st.id = c.stage_id
      where c.competition_id = ${competitionId} and ${stages}
    ),
    ${lcmOf("d", sql`select ${summax} as m from components c where c.competition_id = ${competitionId}`)},
    factors as materialized (
      select comp.component_id, comp.stage_id, comp.weight * (d.d / comp.summax) as f
      from comp cross join d where comp.summax > 0
    )`;
}

/**
 * What counts (docs/scoring.md): the points of every submitted sheet of the competition's entries
 * that `entries` admits (alias `e`; the active ones unless told), except sheets set aside for a
 * confirmed conflict of interest, as `e` (entry) and `p` (a sheet's points for one component,
 * `sheet_points`, which carries its sheet's entry and status).
 */
function submittedPoints(competitionId: number, entries: RawBuilder<unknown> = activeEntry("e")) {
  return sql`entries e
      join sheet_points p on p.entry_id = e.id and p.submitted = 1
      where e.competition_id = ${competitionId} and ${entries} and ${notSetAside("p.sheet_id")}`;
}

/**
 * `jt`, each judge's total t = Σ points × factor (units of 1/D) on one submitted sheet (not set
 * aside) of the competition's entries that `entries` admits (alias `e`), whose stage is its
 * components' stage. The set-aside sheets are left out per sheet after grouping (HAVING), not per
 * points row. Needs `factors` (criteria, above).
 */
function sheetTotals(competitionId: number, entries: RawBuilder<unknown>, db: Executor) {
  return sql`
    jt as (
      select e.id as entry_id, p.sheet_id, max(fa.stage_id) as stage_id, ${integerSum(db, sql`p.points * fa.f`)} as t
      from entries e
      join sheet_points p on p.entry_id = e.id and p.submitted = 1
      -- a cross join: SQLite keeps it the inner loop, so the points stream in index order;
      -- PostgreSQL, free to reorder, hashes the few factors instead of a subquery per row
      cross join factors fa
      where e.competition_id = ${competitionId} and ${entries} and fa.component_id = p.component_id
      group by e.id, p.sheet_id
      having ${notSetAside("p.sheet_id")}
    )`;
}

/**
 * The aggregates of a series by which every method ranks: count `n`, sum `s`, maximum `hi` and
 * minimum `lo` (the median's bound), twice the median `mid2`, and the trimmed mean's sum `ts`
 * and count `tk` (without the highest and the lowest value from three values on), each only
 * where `method` needs it (0 otherwise; `all` gives every one, as the kept inputs hold them).
 */
function seriesAggregates(value: RawBuilder<unknown>, method: Aggregation | "all", db: Executor) {
  const extremes =
    method === "mean" ? sql`0 as hi, 0 as lo` : sql`max(${value}) as hi, min(${value}) as lo`;
  const mid2 = method === "median" || method === "all" ? medianTimes2(db, value) : sql`0`;
  // the trimmed mean's sum (without the highest and the lowest, from three values on) and count
  const trimmed =
    method === "trimmed-mean" || method === "all"
      ? sql`case when count(*) >= 3 then ${integerSum(db, value)} - max(${value}) - min(${value}) else ${integerSum(db, value)} end as ts,
        case when count(*) >= 3 then count(*) - 2 else count(*) end as tk`
      : sql`0 as ts, 0 as tk`;
  return sql`count(*) as n, ${integerSum(db, value)} as s, ${extremes}, ${mid2} as mid2, ${trimmed}`;
}

/**
 * The chosen aggregate of a series row `a` (n, s, ts, tk, mid2) as a fraction
 * num / (k × scale), with num scaled by `unit`: [num, k].
 */
function chosen(method: Aggregation, unit: RawBuilder<unknown>) {
  if (method === "median") return [sql`${unit} * a.mid2`, sql`2`] as const;
  if (method === "trimmed-mean") return [sql`${unit} * a.ts`, sql`a.tk`] as const;
  return [sql`${unit} * a.s`, sql`a.n`] as const;
}

/** A component final × 100 under `method`, from its judges' points `a` and its criteria `comp`. */
function componentFinal(method: Aggregation) {
  const [num, k] = chosen(method, sql`comp.weight`);
  return x100(num, sql`(${k}) * comp.summax`);
}

/** The suffix of the kept columns of each method (migration 0018). */
const KEPT_SUFFIX: Record<Aggregation, string> = {
  mean: "mean",
  "trimmed-mean": "trimmed",
  median: "median",
};

/**
 * An entry's component finals in a stage (rows `c`: x100 `value`, weight, position,
 * component_id), aggregated two ways: the tie-break chain (each final as five digits, by weight,
 * then position) and the "componentId:x100" pairs shown beside the entry.
 */
function componentStrings(db: Executor, value: RawBuilder<unknown>) {
  return [
    stringAgg(db, zeroPad(db, value, 5), "", sql`c.weight desc, c.position, c.component_id`),
    stringAgg(db, sql`c.component_id || ':' || ${value}`, ",", sql`c.component_id`),
  ] as const;
}

/**
 * The common part of every ranking statement: the criteria (above), `sfin`, each entry's final
 * in each stage under the chosen method, as an x100 integer with the number of judges behind it
 * and the exact fraction num / (k × D) the rounding came from, and `per_entry`, the same row
 * with its component finals as the tie-break chain `k` and the pairs `component_scores`. Every
 * method is one aggregate per series (the median too: no window, which would sort every sheet's
 * points again):
 * - `et`, each entry's judges' totals (`jt`, above) by stage;
 * - `ec`, over each judge's points for one component. Scaling by a positive constant commutes with
 *   sums, maxima, minima and medians, so a component final is W × agg(points) / Σmax: no D needed.
 *
 * `kept`: the series are each entry's kept inputs (migrations 0017, 0018: about six rows per
 * entry, the component finals already written out per method), which hold only while every
 * entry's inputs were counted at its last change: the statement says how many were not
 * (`uncounted`), and `computeRanking` then asks again without `kept`. The kept totals are in
 * units of 1/`unit` (D when they were counted; criteria changes count as changes of every entry),
 * scaled to 1/D as above.
 * Otherwise they are counted from `sheet_points` (Σ score per sheet and component, kept exact by
 * triggers on `scores` and `score_sheets`, migration 0006), read in the order they are grouped
 * (its two partial indexes: by entry and sheet, by entry and component), so SQLite aggregates
 * them as they stream by instead of sorting them, and the component finals (`cfin`) are worked
 * out from them.
 */
function scoredSeries(
  competitionId: number,
  method: Aggregation,
  through: number,
  kept: boolean,
  db: Executor,
) {
  const scaled = (column: string) =>
    sql`x.${sql.raw(column)} * (d.d / x.unit) as ${sql.raw(column)}`;
  const suffix = KEPT_SUFFIX[method];
  const [totalNum, totalK] = chosen(method, sql`1`);
  const final = sql`${x100(totalNum, sql`(${totalK}) * d.d`)} as x100, ${totalNum} as num, ${totalK} as k`;
  const criteriaPart = criteria(competitionId, sql`st.position <= ${through}`);
  // each entry's final in each stage, from its judges' totals (with the exact fraction
  // num / (k × D) the rounding came from), and its component finals
  if (kept)
    return sql`${criteriaPart},
    et as (
      select x.entry_id, x.stage_id, x.n, ${scaled("s")}, ${scaled("hi")}, ${scaled("lo")}, ${scaled("mid2")},
        ${scaled("ts")}, x.tk, x.${sql.raw(`tiebreak_${suffix}`)} as chain,
        x.${sql.raw(`components_${suffix}`)} as parts
      from entries e join entry_stage_inputs x on x.entry_id = e.id cross join d
      where e.competition_id = ${competitionId} and ${activeEntry("e")}
        and x.stage_id in (select stage_id from factors)
    ),
    ec as (
      select x.entry_id, x.component_id, x.hi
      from entries e join entry_component_inputs x on x.entry_id = e.id
      where e.competition_id = ${competitionId} and ${activeEntry("e")}
    ),
    sfin as materialized (
      select a.entry_id, a.stage_id, a.n, ${final}, a.chain, a.parts
      from et a cross join d
    ),
    per_entry as (
      select entry_id, stage_id, n as judges, chain as k, parts as component_scores from sfin
    )`;
  const [chain, pairs] = componentStrings(db, sql`c.x100`);
  return sql`${criteriaPart}, ${sheetTotals(competitionId, activeEntry("e"), db)},
    et as (
      select entry_id, stage_id, ${seriesAggregates(sql`t`, method, db)}
      from jt where stage_id is not null group by entry_id, stage_id
    ),
    ec as (
      select e.id as entry_id, p.component_id, ${seriesAggregates(sql`p.points`, method, db)}
      from ${submittedPoints(competitionId)}
      group by e.id, p.component_id
    ),
    sfin as materialized (
      select a.entry_id, a.stage_id, a.n, ${final}
      from et a cross join d
    ),
    cfin as (
      select a.entry_id, comp.stage_id, a.component_id, comp.weight, comp.position,
        ${componentFinal(method)} as x100
      from ec a join comp on comp.component_id = a.component_id
      where comp.summax > 0
    ),
    per_entry as (
      select f.entry_id, f.stage_id, f.n as judges, pc.k, pc.component_scores
      from sfin f
      left join (
        select c.entry_id, c.stage_id, ${chain} as k, ${pairs} as component_scores
        from cfin c group by c.entry_id, c.stage_id
      ) pc on pc.entry_id = f.entry_id and pc.stage_id = f.stage_id
    )`;
}

/** How many entries' inputs one statement counts (their ids are the statement's parameters). */
const INPUTS_CHUNK = 2_000;

/** From how many entries counted at once PostgreSQL's statistics are refreshed (a large load). */
const ANALYZE_FROM = 1_000;

/**
 * Counts afresh the ranking inputs (migration 0017) of the competition's entries whose inputs
 * changed since they were last counted, set-wise, and returns how many entries that was (0, after
 * one indexed read, when none changed). The kept rows are an aid to speed only: the ranking counts
 * any entry not counted here from `sheet_points` itself.
 *
 * Each entry's count of changes is read together with a lock on the entry (PostgreSQL: `for
 * update`, so a write changing its inputs, which counts on the same row, waits for this one to
 * commit; `skip locked`, so this never waits for a write or a second counting: an entry being
 * written is left for the next time). SQLite has one writer at a time.
 */
export async function countRankingInputs(
  competitionId: number,
  db: Executor = getDb(),
): Promise<number> {
  const changed = db
    .selectFrom("entries")
    .select("id")
    .where("competition_id", "=", competitionId)
    .whereRef("inputs_counted", "<>", "inputs_changed");
  if (!(await changed.limit(1).executeTakeFirst())) return 0;
  const count = async (trx: Executor) => {
    const locked = isPostgres(trx)
      ? changed.orderBy("id").forUpdate().skipLocked()
      : changed.orderBy("id");
    const ids = (await trx.executeQuery(locked.compile())).rows.map((r) => r.id);
    // PostgreSQL plans from its tables' statistics, which a large load leaves out of date until
    // autovacuum samples them (a minute or more later): planned without them, counting 7,000
    // entries took 20 s, and the ranking after it 45 s. Counting that many entries means such a
    // load, so the tables read here and the rows written are sampled first (ANALYZE, ~0.3 s).
    const sample = isPostgres(trx) && ids.length >= ANALYZE_FROM;
    if (sample) await sql`analyze entries, score_sheets, sheet_points, conflicts`.execute(trx);
    // the component finals' texts under every method, written beside each stage's totals (0018)
    const methods = Object.entries(KEPT_SUFFIX) as [Aggregation, string][];
    const strings = methods.flatMap(([, suffix]) => {
      const [chain, pairs] = componentStrings(trx, sql.ref(`c.x100_${suffix}`));
      return [
        sql`${chain} as tiebreak_${sql.raw(suffix)}`,
        sql`${pairs} as components_${sql.raw(suffix)}`,
      ];
    });
    const columns = methods.flatMap(([, suffix]) => [`tiebreak_${suffix}`, `components_${suffix}`]);
    for (let k = 0; k < ids.length; k += INPUTS_CHUNK) {
      const chunk = ids.slice(k, k + INPUTS_CHUNK);
      const these = sql`e.id in (${sql.join(chunk)})`;
      await trx.deleteFrom("entry_stage_inputs").where("entry_id", "in", chunk).execute();
      await trx.deleteFrom("entry_component_inputs").where("entry_id", "in", chunk).execute();
      await sql`
        insert into entry_component_inputs (entry_id, component_id, n, s, hi, lo, mid2, ts, tk)
        select e.id, p.component_id, ${seriesAggregates(sql`p.points`, "all", trx)}
        from ${submittedPoints(competitionId, these)}
        group by e.id, p.component_id`.execute(trx);
      // each stage's totals, with its component finals under every method written out (0018)
      await sql`
        with recursive ${criteria(competitionId, sql`1 = 1`)}, ${sheetTotals(competitionId, these, trx)},
        cf as (
          select a.entry_id, comp.stage_id, a.component_id, comp.weight, comp.position,
            ${sql.join(methods.map(([method, suffix]) => sql`${componentFinal(method)} as ${sql.raw(`x100_${suffix}`)}`))}
          from entry_component_inputs a join comp on comp.component_id = a.component_id
          where a.entry_id in (${sql.join(chunk)}) and comp.summax > 0
        ),
        cs as (
          select c.entry_id, c.stage_id, ${sql.join(strings)}
          from cf c group by c.entry_id, c.stage_id
        ),
        tot as (
          select jt.entry_id, jt.stage_id, d.d as unit, ${seriesAggregates(sql`jt.t`, "all", trx)}
          from jt cross join d where jt.stage_id is not null
          group by jt.entry_id, jt.stage_id, d.d
        )
        insert into entry_stage_inputs (entry_id, stage_id, unit, n, s, hi, lo, mid2, ts, tk,
          ${sql.join(columns.map((c) => sql.raw(c)))})
        select tot.entry_id, tot.stage_id, tot.unit, tot.n, tot.s, tot.hi, tot.lo, tot.mid2, tot.ts, tot.tk,
          ${sql.join(columns.map((c) => sql.ref(`cs.${c}`)))}
        from tot left join cs on cs.entry_id = tot.entry_id and cs.stage_id = tot.stage_id`.execute(
        trx,
      );
      await trx
        .updateTable("entries")
        .set((eb) => ({ inputs_counted: eb.ref("inputs_changed") }))
        .where("id", "in", chunk)
        .execute();
    }
    if (sample) await sql`analyze entry_stage_inputs, entry_component_inputs`.execute(trx);
    return ids.length;
  };
  return db.isTransaction ? count(db) : db.transaction().execute(count);
}

/**
 * `countRankingInputs` for a competition (by id or slug) before a transaction that ranks it:
 * inside one, `computeRanking` counts nothing (a failure there would end the caller's
 * transaction) and ranks changed entries from `sheet_points`, which on PostgreSQL, just after a
 * large load and before the tables' statistics exist, can take a minute. A failed counting
 * (another process writing, a lock) must not fail the caller's work: it is logged, and the ranking
 * counts from `sheet_points` itself.
 */
export async function countRankingInputsBefore(
  competition: number | string,
  db: Executor = getDb(),
): Promise<void> {
  try {
    const id =
      typeof competition === "number"
        ? competition
        : (
            await db
              .selectFrom("competitions")
              .select("id")
              .where("slug", "=", competition)
              .executeTakeFirst()
          )?.id;
    if (id !== undefined) await countRankingInputs(id, db);
  } catch (error) {
    console.error("ranking inputs not counted, ranking from sheet_points:", error);
  }
}

/** What the statement needs to know before it is written: which competition, which method. */
export interface RankingSubject {
  id: number;
  aggregation: Aggregation;
  ranking_scope: RankingScope;
  prize_winners: number;
  prize_honourable: number;
  /** the position of the stage open for scoring: the statement has one cut step per stage */
  current_stage: number;
}

/** The competition row the ranking needs, read by id (undefined when there is none). */
export function rankingSubject(
  competitionId: number,
  db: Executor = getDb(),
): Promise<RankingSubject | undefined> {
  return db
    .selectFrom("competitions")
    .select([
      "id",
      "aggregation",
      "ranking_scope",
      "prize_winners",
      "prize_honourable",
      "current_stage",
    ])
    .where("id", "=", competitionId)
    .executeTakeFirst();
}

/**
 * The ranking of a competition under its own aggregation method (or `method`). Given the
 * competition row (as every page and move already holds it) this is one SQL statement; given
 * only an id, the row is read first. Entries without a submitted sheet come last, without rank.
 */
export async function computeRanking(
  competition: number | RankingSubject,
  options: { method?: Aggregation } = {},
  db: Executor = getDb(),
): Promise<Ranking | null> {
  const subject =
    typeof competition === "number" ? await rankingSubject(competition, db) : competition;
  if (!subject) return null;
  const method = options.method ?? subject.aggregation;
  // outside a caller's transaction only (a caller that ranks in its own transaction counts first,
  // with countRankingInputsBefore)
  if (!db.isTransaction) await countRankingInputsBefore(subject.id, db);
  const rows = (kept: boolean) =>
    rankingRows(subject.id, method, subject.current_stage, kept, db).catch((error: unknown) => {
      // PostgreSQL stops at a 64-bit overflow (numeric value out of range) where SQLite would
      // have gone on in floating point and failed the bound check below: the same refusal
      if ((error as { code?: unknown } | null)?.code === "22003") throw tooLarge();
      throw error;
    });
  let row = await rows(true);
  // an entry changed since its inputs were counted (by a write in between, or in this
  // transaction): the same statement again, counting every entry from sheet_points
  if (Number(row.uncounted) > 0) row = await rows(false);
  return shapeRanking(row, method, subject);
}

/**
 * Each entry's stage data side by side (`sd`, one row per entry): for every stage s up to the
 * current one, c<s> its cumulative score C_s × 100, o<s> its own final F_s × 100, x<s> and y<s>
 * whether it went on and its rank in the snapshot of a closed stage, f<s> whether it failed a
 * check of an admin stage.
 *
 * Wide rows rather than one row per entry and stage: the cut steps below then read only the step
 * before them. (SQLite plans a materialized CTE again wherever another CTE refers to it; steps
 * that each joined the per-stage scores made the planning time double with every stage.)
 */
function stageData(positions: number[]) {
  const closed = (p: number) =>
    sql`(select stage_id from stg where position = ${sql.lit(p)} and closed_at is not null)`;
  // in the first stage `cum` has one row per entry at most (its final there): no grouping
  const one = positions.length === 1;
  const columns = positions.map((p) => {
    const n = (prefix: string) => sql.raw(`${prefix}${p}`);
    const at = (column: string) =>
      one
        ? sql`c.${sql.raw(column)}`
        : sql`max(case when sg.position = ${sql.lit(p)} then c.${sql.raw(column)} end)`;
    return sql`
      ${at("c_x100")} as ${n("c")},
      ${at("f_x100")} as ${n("o")},
      (select r.advanced from stage_results r where r.stage_id = ${closed(p)} and r.entry_id = b.entry_id) as ${n("x")},
      (select r.rank from stage_results r where r.stage_id = ${closed(p)} and r.entry_id = b.entry_id) as ${n("y")},
      ${flag(sql`exists (select 1 from stage_checks k
        where k.stage_id = (select stage_id from stg where position = ${sql.lit(p)} and kind = 'admin')
          and k.entry_id = b.entry_id and k.passed = 0)`)} as ${n("f")}`;
  });
  return sql`
    sd as materialized (
      select b.entry_id, b.grp, ${sql.join(columns, sql`,`)}
      from base b
      left join cum c on c.entry_id = b.entry_id
      ${one ? sql`` : sql`left join stg sg on sg.stage_id = c.stage_id group by b.entry_id, b.grp`}
    )`;
}

/**
 * The cut after stage `position` (docs/scoring.md, "Stages"): g<position> adds to each entry
 * in<position> (in the stage: in the one before and went on from it), k<position> (its rank
 * there) and w<position> (it goes on). A closed stage's shortlist is the snapshot written when
 * it closed; an admin stage lets through every entry without a failed check; a scored stage the
 * top `advance` by the cumulative score C (×100), and every entry equal to the last one
 * admitted (rank() gives tied entries the same rank, so a tie at the cut never cuts). An entry
 * without a score in a scored stage does not go on. Ranks count the entries in the stage only
 * (the window's partition).
 */
function cutStep(position: number) {
  const n = (prefix: string, p = position) => sql.raw(`${prefix}${p}`);
  const previous = position === 1 ? sql.raw("sd") : n("g", position - 1);
  const inStage =
    position === 1 ? sql`1` : sql`(p.${n("in", position - 1)} * p.${n("w", position - 1)})`;
  const score = sql`p.${n("c")}`;
  const byScore = sql`rank() over (partition by p.grp, ${inStage} order by ${score} desc nulls last)`;
  return sql`
    ${n("g")} as materialized (
      select p.*, ${inStage} as ${n("in")},
        case
          when ${inStage} = 0 then null
          when sg.closed_at is not null then p.${n("y")}
          when sg.kind = 'admin' or ${score} is null then null
          else ${byScore}
        end as ${n("k")},
        case
          when ${inStage} = 0 then 0
          when sg.closed_at is not null then coalesce(p.${n("x")}, 0)
          when sg.kind = 'admin' then 1 - p.${n("f")}
          when ${score} is null then 0
          when sg.advance is null then 1
          else ${flag(sql`${byScore} <= sg.advance`)}
        end as ${n("w")}
      from ${previous} p
      join stg sg on sg.position = ${sql.lit(position)}
    )`;
}

/** One row per entry and stage it was in, from the last cut step's wide rows. */
function stagesTaken(positions: number[]) {
  const last = sql.raw(`g${positions.length}`);
  const pick = (prefix: string) =>
    sql`case sg.position ${sql.join(
      positions.map((p) => sql`when ${sql.lit(p)} then f.${sql.raw(`${prefix}${p}`)}`),
      sql` `,
    )} end`;
  return sql`
    gall as materialized (
      select f.entry_id, f.grp, sg.position, sg.stage_id, sg.kind, ${pick("c")} as c_x100,
        ${pick("o")} as f_x100,
        ${pick("k")} as stage_rank, ${pick("w")} as went_on
      from ${last} f join stg sg on ${pick("in")} = 1
    )`;
}

async function rankingRows(
  competitionId: number,
  method: Aggregation,
  currentStage: number,
  kept: boolean,
  db: Executor,
): Promise<ResultRow> {
  const prizeRoman = (n: RawBuilder<unknown>) => romanSql(n);
  const through = Math.max(1, Math.trunc(currentStage));
  // Σ over the entry's stage finals up to this one (one final per entry and stage): in the first
  // stage, the one final itself (no window to sort 10,000 rows for sums of one term)
  const upToHere = (value: RawBuilder<unknown>, factor: RawBuilder<unknown> = sql`1`) =>
    through === 1
      ? sql`${factor} * (${value})`
      : sql`${factor} * ${integerSum(db, value, sql`partition by a.entry_id order by a.position`)}`;
  const positions = Array.from({ length: through }, (_, i) => i + 1);
  const query = sql<ResultRow>`
    with recursive ${scoredSeries(competitionId, method, through, kept, db)},
    settings as materialized (
      select ranking_scope, prize_winners, prize_honourable, combine from competitions where id = ${competitionId}
    ),
    stg as materialized (
      select id as stage_id, position, code, kind, weight, advance, closed_at
      from stages where competition_id = ${competitionId} and position <= ${through}
    ),
    -- a stage final with its stage's position and weight
    sf as materialized (
      select f.entry_id, f.stage_id, sg.position, sg.weight as w, f.x100, f.num, f.k
      from sfin f join stg sg on sg.stage_id = f.stage_id
    ),
    -- K: a common multiple of every stage final's denominator factor k, so that the weighted
    -- sum of stage finals is one fraction of integers, Σ w × num × (K / k) / (D × K × Σ w)
    ${lcmOf("kk", sql`select distinct k as m from sf`)},
    -- C_s, each entry's cumulative score after each scored stage it has a final in (×100),
    -- beside F_s, the stage's own final: running sums over the entry's stage finals in stage
    -- order (a window, not a self-join, which PostgreSQL would plan as a loop over all pairs)
    cum as materialized (
      select a.entry_id, a.stage_id, a.x100 as f_x100,
        case when st.combine = 'last' then a.x100
          else ${x100(upToHere(sql`a.w * a.num * (kk.kk / a.k)`), upToHere(sql`a.w`, sql`d.d * kk.kk`))}
        end as c_x100
      from sf a cross join d cross join kk cross join settings st
    ),
    -- every active entry (an entry without submitted sheets has no final)
    base as materialized (
      select e.id as entry_id, e.category, l.code, l.name, l.village, l.district,
        case when st.ranking_scope = 'category' then e.category else '' end as grp,
        st.prize_winners, st.prize_honourable
      from entries e
      join libraries l on l.id = e.library_id
      cross join settings st
      where e.competition_id = ${competitionId} and ${activeEntry("e")}
    ),
    -- the stages one after another: who is in each and who goes on
    ${stageData(positions)},
    ${sql.join(positions.map(cutStep), sql`,`)},
    ${stagesTaken(positions)},
    -- how far each entry got, whether it failed an admin check, its last scored stage
    reach as (
      select entry_id, max(position) as reached,
        max(case when kind = 'admin' and went_on = 0 then 1 else 0 end) as failed,
        max(case when kind <> 'admin' then position end) as scored_pos
      from gall group by entry_id
    ),
    -- the final ranking's terms: the finalists (in the current stage) by C and the tie-break
    -- chain, then those out after each earlier stage, latest first, by their C there
    scored as (
      select b.*, rc.reached, q.stage_id as score_stage,
        case when rc.failed = 1 then null else q.c_x100 end as final_x100,
        pe.judges, pe.component_scores,
        case when rc.reached = ${through} then pe.k else '@' || rc.reached end as k
      from base b
      join reach rc on rc.entry_id = b.entry_id
      left join gall q on q.entry_id = b.entry_id and q.position = rc.scored_pos
      left join per_entry pe on pe.entry_id = b.entry_id and pe.stage_id = q.stage_id
    ),
    keyed as (
      select s.*, case when s.final_x100 is not null then s.grp || ':' || s.final_x100 || ':' || coalesce(s.k, '') end as tie_key
      from scored s
    ),
    -- one ordering for the rank, the size of each tie and how many of its entries the chair
    -- placed (entries without a final sort last)
    ranked as (
      select s.*, td.position as decided_position,
        rank() over w as rnk,
        count(*) over (w groups between current row and current row) as tie_size,
        count(td.entry_id) over (w groups between current row and current row) as decided_count
      from keyed s
      left join tie_decisions td on td.competition_id = ${competitionId} and td.entry_id = s.entry_id and td.tie_key = s.tie_key
      window w as (partition by s.grp
        order by s.final_x100 is null, s.reached desc, s.final_x100 desc, ${bytewise(db, sql`s.k`)} desc nulls last)
    ),
    placed as (
      select r.*,
        case when r.tie_size > 1 and r.decided_count = r.tie_size then 1 else 0 end as decided,
        case
          when r.final_x100 is null then null
          when r.tie_size > 1 and r.decided_count = r.tie_size then r.rnk + r.decided_position - 1
          else r.rnk
        end as final_rank
      from ranked r
    ),
    everyone as (
      select p.*,
        case
          when p.final_rank <= p.prize_winners then 'Juara ' || ${prizeRoman(sql`p.final_rank`)}
          when p.final_rank <= p.prize_winners + p.prize_honourable
            then 'Harapan ' || ${prizeRoman(sql`p.final_rank - p.prize_winners`)}
          else null
        end as prize
      from placed p
    )
    -- one row: what is the same for every entry, then every entry in ranking order and every
    -- stage each entry was in, each as one JSON array of arrays (a row per entry and stage would
    -- cost more to hand over, column by column, than the whole ranking takes to compute)
    select
      (select ${jsonArrayAgg(
        db,
        [sql`component_id`, sql`code`, sql`name`, sql`weight`, sql`stage_id`],
        sql`position, component_id`,
      )} from comp) as components,
      (select ${jsonArrayAgg(
        db,
        [
          sql`id`,
          sql`position`,
          sql`code`,
          sql`name`,
          sql`kind`,
          sql`weight`,
          sql`advance`,
          flag(sql`closed_at is not null`),
        ],
        sql`position`,
      )} from stages where competition_id = ${competitionId}) as stages,
      (select d.d from d) as d,
      (select kk.kk from kk) as kk,
      (select coalesce(sum(weight), 0) from stg where kind <> 'admin') as wsum,
      (select combine from settings) as combine,
      (select max(n) from sfin) as max_judges,
      ${
        kept
          ? sql`(select count(*) from entries where competition_id = ${competitionId} and inputs_counted <> inputs_changed)`
          : sql`0`
      } as uncounted,
      ${
        method === "median"
          ? flag(
              sql`(select max(hi) from et) >= ${sql.lit(2 ** 52)} or (select max(hi) from ec) >= ${sql.lit(2 ** 52)}`,
            )
          : sql`0`
      } as beyond_doubles,
      (select ${jsonArrayAgg(
        db,
        [
          sql`ev.entry_id`,
          sql`ev.category`,
          sql`ev.code`,
          sql`ev.name`,
          sql`ev.village`,
          sql`ev.district`,
          sql`ev.judges`,
          sql`ev.final_x100`,
          sql`case when ev.final_x100 is not null and ev.tie_size > 1 then ev.tie_key end`,
          sql`case when ev.final_x100 is not null then ev.tie_size end`,
          sql`ev.decided`,
          sql`ev.final_rank`,
          sql`ev.prize`,
          sql`ev.component_scores`,
          sql`ev.reached`,
        ],
        sql`ev.grp, ev.final_rank is null, ev.final_rank, ${bytewise(db, sql`ev.name`)}, ev.entry_id`,
      )} from everyone ev) as entries,
      (select ${jsonArrayAgg(
        db,
        [
          sql`g.entry_id`,
          sql`g.position`,
          sql`g.c_x100`,
          sql`g.f_x100`,
          sql`g.went_on`,
          sql`g.stage_rank`,
        ],
        sql`g.entry_id, g.position`,
      )} from gall g) as entry_stages`;
  const result = await query.execute(db);
  return result.rows[0]!;
}

function tooLarge(): RangeError {
  return new RangeError(
    "criteria scales too large for exact ranking arithmetic (docs/scoring.md, bounds)",
  );
}

const COLON = 58;
const COMMA = 44;
const ZERO = 48;

/**
 * Reads "id:value,id:value" (non-negative integers, as the statement writes component scores),
 * digit by digit: the ranking reads 50,000 such pairs, and slicing each number out first would
 * make 100,000 short strings for the garbage collector.
 */
function readPairs(text: string, each: (id: number, value: number) => void): void {
  let id = 0;
  let value = 0;
  let inValue = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : COMMA;
    if (c === COLON) inValue = true;
    else if (c === COMMA) {
      each(id, value);
      id = 0;
      value = 0;
      inValue = false;
    } else if (inValue) value = value * 10 + (c - ZERO);
    else id = id * 10 + (c - ZERO);
  }
}

function shapeRanking(
  meta: ResultRow,
  method: Aggregation,
  competition: {
    ranking_scope: RankingScope;
    prize_winners: number;
    prize_honourable: number;
    current_stage: number;
  },
): Ranking {
  const d = BigInt(meta.d ?? 1);
  const bound = 200n * BigInt(meta.max_judges ?? 0) * 100n * d;
  // the weighted combination's numerator: 200 × Σ w × 100 × D × K at most
  const weightedBound =
    meta.combine === "weighted" ? 200n * BigInt(meta.wsum) * 100n * d * BigInt(meta.kk ?? 1) : 0n;
  if (bound >= MAX_SAFE_SQL || weightedBound >= MAX_SAFE_SQL) throw tooLarge();
  // SQLite's median works in doubles, exact below 2^52: refused beyond, on both databases alike
  if (Number(meta.beyond_doubles) === 1) throw tooLarge();
  const components = JSON.parse(meta.components) as [number, string, string, number, number][];
  const stages: RankingStage[] = (
    JSON.parse(meta.stages) as [
      number,
      number,
      string,
      string,
      StageKind,
      number,
      number | null,
      number,
    ][]
  ).map(([id, position, code, name, kind, weight, advance, closed]) => ({
    id,
    position,
    code,
    name,
    kind,
    weight,
    advance,
    closed: closed === 1,
  }));
  const stageAt = new Map(stages.map((st) => [st.position, st]));
  // each stage's components in order, and each component's place among them: an entry's
  // "componentId:x100" pairs are read straight into its stage's list, no map per entry
  const componentsOf = new Map<number, (typeof components)[number][]>();
  const placeOf = new Map<number, number>();
  for (const c of components) {
    const own = componentsOf.get(c[4]);
    placeOf.set(c[0], own ? own.length : 0);
    if (own) own.push(c);
    else componentsOf.set(c[4], [c]);
  }
  // each entry's stages, in stage order (the statement sorts them by entry, then position)
  const stagesOf = new Map<number, StageTuple[]>();
  for (const g of JSON.parse(meta.entry_stages) as StageTuple[]) {
    const own = stagesOf.get(g[0]);
    if (own) own.push(g);
    else stagesOf.set(g[0], [g]);
  }
  const grouped = competition.ranking_scope === "category";
  const prizePlaces = competition.prize_winners + competition.prize_honourable;
  const entries: RankedEntry[] = (JSON.parse(meta.entries) as EntryTuple[]).map(
    ([
      entryId,
      category,
      code,
      name,
      village,
      district,
      judges,
      finalX100,
      tieKey,
      tieSizeOrNull,
      decidedFlag,
      rank,
      prize,
      componentScores,
      reached,
    ]) => {
      const tieSize = tieSizeOrNull ?? 1;
      const decided = decidedFlag === 1;
      const own = stagesOf.get(entryId) ?? [];
      // failed an admin check; the components of the stage the entry's score comes from: its
      // last scored stage
      let failedAdmin = false;
      let stageId: number | undefined;
      const taken: RankedStageResult[] = [];
      for (const g of own) {
        const stage = stageAt.get(g[1]);
        if (stage?.kind === "admin") {
          if (g[4] !== 1) failedAdmin = true;
        } else stageId = stage?.id;
        taken.push({
          code: stage?.code ?? "",
          scoreX100: g[2],
          stageScoreX100: g[3],
          rank: g[5],
          advanced: g[4] === 1,
        });
      }
      const list = stageId === undefined ? undefined : componentsOf.get(stageId);
      const ranked: RankedComponent[] = list
        ? list.map(([, code, name, weight]) => ({ code, name, weight, scoreX100: null }))
        : [];
      if (componentScores !== null && list)
        readPairs(componentScores, (id, x100) => {
          const place = placeOf.get(id);
          if (place !== undefined && list[place]?.[0] === id) ranked[place]!.scoreX100 = x100;
        });
      return {
        entryId,
        code,
        name,
        village,
        district,
        category,
        group: grouped ? category : "",
        judges: judges ?? 0,
        finalX100,
        components: ranked,
        rank,
        prize,
        tieSize,
        tieKey: tieSize > 1 ? tieKey : null,
        unresolvedPrizeTie: tieSize > 1 && !decided && rank !== null && rank <= prizePlaces,
        decided,
        stageReached: stageAt.get(reached)?.code ?? "",
        failedAdmin,
        stages: taken,
      };
    },
  );
  return {
    method,
    scope: competition.ranking_scope,
    prizeWinners: competition.prize_winners,
    prizeHonourable: competition.prize_honourable,
    combine: meta.combine,
    stages,
    currentStage: competition.current_stage,
    entries,
  };
}

/** The prize-deciding ties still waiting for the chair's decision, grouped. */
export function unresolvedTies(ranking: Ranking): RankedEntry[][] {
  const groups = new Map<string, RankedEntry[]>();
  for (const e of ranking.entries) {
    if (!e.unresolvedPrizeTie || !e.tieKey) continue;
    groups.set(e.tieKey, [...(groups.get(e.tieKey) ?? []), e]);
  }
  return [...groups.values()];
}

export interface JudgeTotal {
  entryId: number;
  judgeId: number;
  totalX100: number;
  components: Record<string, number>;
}

/**
 * Each submitted sheet's total and component scores (× 100, rounded) in the stage open for
 * scoring, for the chair's dashboard.
 */
export async function judgeTotals(
  competitionId: number,
  db: Executor = getDb(),
): Promise<JudgeTotal[]> {
  const rows = await sql<{
    entry_id: number;
    judge_id: number;
    code: string | null;
    x100: number;
  }>`
    with recursive ${criteria(
      competitionId,
      sql`st.position = (select current_stage from competitions where id = ${competitionId})`,
    )},
    jc as (
      select e.id as entry_id, (select judge_id from score_sheets where id = p.sheet_id) as judge_id, p.component_id,
        p.points * (select f from factors where factors.component_id = p.component_id) as v
      from ${submittedPoints(competitionId)}
    )
    select jc.entry_id, jc.judge_id, null as code, ${x100(integerSum(db, sql`jc.v`), sql`d.d`)} as x100
    from jc cross join d group by jc.entry_id, jc.judge_id, d.d
    union all
    select jc.entry_id, jc.judge_id, comp.code, ${x100(sql`jc.v`, sql`d.d`)} as x100
    from jc join comp on comp.component_id = jc.component_id cross join d
    order by 1, 2`.execute(db);
  const totals = new Map<string, JudgeTotal>();
  for (const r of rows.rows) {
    const key = `${r.entry_id}:${r.judge_id}`;
    const t = totals.get(key) ?? {
      entryId: r.entry_id,
      judgeId: r.judge_id,
      totalX100: 0,
      components: {},
    };
    if (r.code === null) t.totalX100 = Number(r.x100);
    else t.components[r.code] = Number(r.x100);
    totals.set(key, t);
  }
  return [...totals.values()];
}

export type TieDecisionResult = Result;

/**
 * Records the chair's order for entries still tied (the whole tie, in the decided order), with a
 * reason; audited. Refused unless the entries form exactly one current tie.
 */
export async function recordTieDecision(
  actor: Actor,
  competitionId: number,
  input: { entryIds: number[]; reason: string },
): Promise<TieDecisionResult> {
  await countRankingInputsBefore(competitionId);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ranking = await computeRanking(competitionId, {}, trx);
      if (!ranking) return refuse("error.404");
      const chosen = input.entryIds.map((id) => ranking.entries.find((e) => e.entryId === id));
      if (chosen.some((e) => !e) || new Set(input.entryIds).size !== input.entryIds.length)
        return refuse("ranking.tie.notTied");
      const tieKey = chosen[0]?.tieKey ?? null;
      if (!tieKey || chosen.some((e) => e!.tieKey !== tieKey)) return refuse("ranking.tie.notTied");
      if (chosen.length !== chosen[0]!.tieSize) return refuse("ranking.tie.incomplete");
      const now = nowIso();
      for (const [index, entryId] of input.entryIds.entries()) {
        await trx
          .insertInto("tie_decisions")
          .values({
            competition_id: competitionId,
            entry_id: entryId,
            tie_key: tieKey,
            position: index + 1,
            reason: input.reason,
            decided_by: actor.id,
            decided_at: now,
          })
          .onConflict((oc) =>
            oc.columns(["competition_id", "entry_id"]).doUpdateSet({
              tie_key: tieKey,
              position: index + 1,
              reason: input.reason,
              decided_by: actor.id,
              decided_at: now,
            }),
          )
          .execute();
      }
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "tie",
          entityId: tieKey,
          action: "decide",
          reason: input.reason,
          after: {
            order: chosen.map((e) => ({ entryId: e!.entryId, library: e!.code })),
          },
        },
        trx,
      );
      return { ok: true } as const;
    });
}
