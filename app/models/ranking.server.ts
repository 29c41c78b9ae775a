import { sql, type RawBuilder } from "kysely";
import type { Aggregation, Executor, RankingScope } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { activeEntry, notSetAside } from "./query.server";
import { refuse, type Result } from "~/lib/forms";

/**
 * The official ranking, computed by SQLite in one statement per competition (docs/scoring.md).
 *
 * Exact arithmetic: a judge's component score W × Σscore / Σmax is a fraction. Every component's
 * Σmax divides D, the least common multiple of them all (computed in the same statement by a
 * recursive CTE running Euclid's algorithm), so W × Σscore × (D / Σmax) is an integer: the score
 * in units of 1/D. Sums, medians and trimmed sums of integers stay integers, and a final score
 * num / den is rounded to 2 decimals, half away from zero, with integer division only:
 * x100 = (200 × num + den) / (2 × den). No floating point is involved anywhere.
 *
 * Bound: 200 × judges × 100 × D must stay below 2^63 (SQLite's integers). The statement returns
 * D and the largest panel, and `computeRanking` refuses to answer if the bound was crossed
 * (SQLite would have switched to floating point): with 50 judges, D may reach 9 × 10^12, which
 * criteria made of small scales (Σmax of a component in the tens or hundreds) never approach.
 *
 * Portability: written for SQLite; PostgreSQL would replace `group_concat(... order by ...)` with
 * `string_agg(... order by ...)`, `printf('%05d', x)` with `lpad(x::text, 5, '0')`,
 * `json_group_array`/`json_array` with `json_agg`/`json_build_array`, and could use its built-in
 * `lcm` (docs/decisions/003-ranking-in-one-sql-statement.md).
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
}

export interface Ranking {
  method: Aggregation;
  scope: RankingScope;
  prizeWinners: number;
  prizeHonourable: number;
  entries: RankedEntry[];
}

/** The statement's first row: what is the same for every entry. */
interface MetaRow {
  kind: 0;
  /** JSON: [[id, code, name, weight], ...] in component order */
  components: string;
  d: number | bigint;
  max_judges: number | null;
}

/** Every other row: one entry. */
interface EntryRow {
  kind: 1;
  entry_id: number;
  code: string;
  name: string;
  village: string;
  district: string;
  category: "desa" | "kelurahan";
  judges: number | null;
  final_x100: number | null;
  /** only when tied */
  tie_key: string | null;
  tie_size: number | null;
  decided: number | null;
  final_rank: number | null;
  prize: string | null;
  /** "componentId:x100" pairs, comma-separated; null without submitted sheets */
  component_scores: string | null;
}

type Row = MetaRow | EntryRow;

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/** 'Juara ' || roman(n) for n = 1..10, in SQL, so prize labels come with the ranking. */
function romanSql(n: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`case ${n} ${sql.join(
    ROMAN.map((r, i) => sql`when ${sql.lit(i + 1)} then ${sql.lit(r)}`),
    sql` `,
  )} end`;
}

/** round(100 × num / den), half away from zero, for non-negative integers: integer division only */
function x100(num: RawBuilder<unknown>, den: RawBuilder<unknown>) {
  return sql`((200 * (${num}) + (${den})) / (2 * (${den})))`;
}

/**
 * The criteria part of every ranking statement: `comp` (each component with Σ max of its
 * indicators) and `d`, the least common multiple D of those sums, by Euclid's algorithm in a
 * recursive CTE. `factors` gives each component's factor W × D / Σmax: a sheet's points for the
 * component times the factor is its component score in units of 1/D, always an integer.
 */
function criteria(competitionId: number) {
  return sql`
    comp as materialized (
      select c.id as component_id, c.code, c.name, c.weight, c.position,
        (select coalesce(sum(i.max_score), 0) from indicators i where i.component_id = c.id) as summax
      from components c where c.competition_id = ${competitionId}
    ),
    folds as (select summax as m, row_number() over (order by component_id) as k from comp where summax > 0),
    lcm (k, l, a, b) as (
      select 0, 1, null, null
      union all
      select
        case when lcm.b = 0 then lcm.k + 1 else lcm.k end,
        case when lcm.b = 0 then lcm.l / lcm.a * (select m from folds where folds.k = lcm.k + 1) else lcm.l end,
        case when lcm.a is null then lcm.l when lcm.b = 0 then null else lcm.b end,
        case when lcm.a is null then (select m from folds where folds.k = lcm.k + 1) when lcm.b = 0 then null else lcm.a % lcm.b end
      from lcm
      where not (lcm.k = (select count(*) from folds) and lcm.a is null)
    ),
    d as materialized (select l as d from lcm where k = (select count(*) from folds) and a is null),
    factors as materialized (
      select comp.component_id, comp.weight * (d.d / comp.summax) as f
      from comp cross join d where comp.summax > 0
    )`;
}

/**
 * What counts (docs/scoring.md): the points of every submitted sheet of the competition's active
 * entries, except sheets set aside for a confirmed conflict of interest, as `e` (entry) and `p`
 * (a sheet's points for one component, `sheet_points`, which carries its sheet's entry and
 * status).
 */
function submittedPoints(competitionId: number) {
  return sql`entries e
      join sheet_points p on p.entry_id = e.id and p.submitted = 1
      where e.competition_id = ${competitionId} and ${activeEntry("e")} and ${notSetAside("p.sheet_id")}`;
}

/**
 * The common part of every ranking statement: the criteria (above) and `finals`, each entry's
 * final score (component_id 0) and component finals under the chosen method, as x100 integers,
 * with the number of judges behind each.
 *
 * The points come from `sheet_points` (Σ score per sheet and component, kept exact by triggers
 * on `scores` and `score_sheets`, migration 0006), so the statement reads a few rows per sheet,
 * not every score. Both series are read in the order they are grouped (its two partial indexes:
 * by entry and sheet, by entry and component), so SQLite aggregates them as they stream by
 * instead of sorting them:
 * - `et`, over each judge's total t = Σ points × factor (units of 1/D);
 * - `ec`, over each judge's points for one component. Scaling by a positive constant commutes with
 *   sums, maxima, minima and medians, so a component final is W × agg(points) / Σmax: no D needed.
 */
function scoredSeries(competitionId: number, method: Aggregation) {
  const totals = sql`
    jt as (
      select e.id as entry_id, p.sheet_id,
        sum(p.points * (select f from factors where factors.component_id = p.component_id)) as t
      from ${submittedPoints(competitionId)}
      group by e.id, p.sheet_id
    )`;
  // the median needs each series in order (rn of n); the means need only sums, maxima and minima
  const ordered = sql`max(n) as n, sum(val) as s, max(val) as hi, min(val) as lo,
        sum(case when rn = (n + 1) / 2 then val else 0 end) + sum(case when rn = n / 2 + 1 then val else 0 end) as mid2`;
  const series =
    method === "median"
      ? sql`${totals},
    jto as (
      select entry_id, t as val,
        row_number() over (partition by entry_id order by t) as rn,
        count(*) over (partition by entry_id) as n
      from jt
    ),
    et as (select entry_id, ${ordered} from jto group by entry_id),
    eco as (
      select e.id as entry_id, p.component_id, p.points as val,
        row_number() over (partition by e.id, p.component_id order by p.points) as rn,
        count(*) over (partition by e.id, p.component_id) as n
      from ${submittedPoints(competitionId)}
    ),
    ec as (select entry_id, component_id, ${ordered} from eco group by entry_id, component_id)`
      : sql`${totals},
    et as (
      select entry_id, count(*) as n, sum(t) as s, max(t) as hi, min(t) as lo, 0 as mid2
      from jt group by entry_id
    ),
    ec as (
      select e.id as entry_id, p.component_id,
        count(*) as n, sum(p.points) as s, max(p.points) as hi, min(p.points) as lo, 0 as mid2
      from ${submittedPoints(competitionId)}
      group by e.id, p.component_id
    )`;
  // a.s / a.n etc. in units of 1 / scale
  const chosen = (scale: RawBuilder<unknown>, unit: RawBuilder<unknown>) => {
    const mean = x100(sql`${unit} * a.s`, sql`a.n * ${scale}`);
    if (method === "median") return x100(sql`${unit} * a.mid2`, sql`2 * ${scale}`);
    if (method === "trimmed-mean")
      return sql`case when a.n >= 3 then ${x100(sql`${unit} * (a.s - a.hi - a.lo)`, sql`(a.n - 2) * ${scale}`)} else ${mean} end`;
    return mean;
  };
  return sql`${criteria(competitionId)},${series},
    finals as materialized (
      select a.entry_id, 0 as component_id, a.n, ${chosen(sql`d.d`, sql`1`)} as x100 from et a cross join d
      union all
      select a.entry_id, a.component_id, a.n, ${chosen(sql`comp.summax`, sql`comp.weight`)} as x100
      from ec a join comp on comp.component_id = a.component_id
      where comp.summax > 0
    )`;
}

/** What the statement needs to know before it is written: which competition, which method. */
export interface RankingSubject {
  id: number;
  aggregation: Aggregation;
  ranking_scope: RankingScope;
  prize_winners: number;
  prize_honourable: number;
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
    typeof competition === "number"
      ? await db
          .selectFrom("competitions")
          .select(["id", "aggregation", "ranking_scope", "prize_winners", "prize_honourable"])
          .where("id", "=", competition)
          .executeTakeFirst()
      : competition;
  if (!subject) return null;
  const method = options.method ?? subject.aggregation;
  const rows = await rankingRows(subject.id, method, db);
  return shapeRanking(rows, method, subject);
}

async function rankingRows(
  competitionId: number,
  method: Aggregation,
  db: Executor,
): Promise<Row[]> {
  const prizeRoman = (n: RawBuilder<unknown>) => romanSql(n);
  const query = sql<Row>`
    with recursive ${scoredSeries(competitionId, method)},
    settings as materialized (
      select ranking_scope, prize_winners, prize_honourable from competitions where id = ${competitionId}
    ),
    -- per entry: the final, the judges behind it, the tie-break key (component finals in order
    -- of weight) and the component finals for display
    per_entry as (
      select f.entry_id,
        max(case when f.component_id = 0 then f.x100 end) as final_x100,
        max(case when f.component_id = 0 then f.n end) as judges,
        group_concat(case when comp.component_id is not null then printf('%05d', f.x100) end, ''
          order by comp.weight desc, comp.position, comp.component_id) as k,
        group_concat(comp.component_id || ':' || f.x100, ',') as component_scores
      from finals f left join comp on comp.component_id = f.component_id
      group by f.entry_id
    ),
    -- every active entry, scored or not (an entry without submitted sheets has no final)
    scored as (
      select e.id as entry_id, e.category, l.code, l.name, l.village, l.district,
        case when st.ranking_scope = 'category' then e.category else '' end as grp,
        pe.judges, pe.final_x100, pe.k, pe.component_scores,
        st.prize_winners, st.prize_honourable
      from entries e
      join libraries l on l.id = e.library_id
      cross join settings st
      left join per_entry pe on pe.entry_id = e.id
      where e.competition_id = ${competitionId} and ${activeEntry("e")}
    ),
    keyed as (
      select s.*, case when s.final_x100 is not null then s.grp || ':' || s.final_x100 || ':' || coalesce(s.k, '') end as tie_key
      from scored s
    ),
    -- one ordering for the rank, the size of each tie and how many of its entries the chair
    -- placed (entries without a final sort last: NULL is the smallest value)
    ranked as (
      select s.*, td.position as decided_position,
        rank() over w as rnk,
        count(*) over (w groups between current row and current row) as tie_size,
        count(td.entry_id) over (w groups between current row and current row) as decided_count
      from keyed s
      left join tie_decisions td on td.competition_id = ${competitionId} and td.entry_id = s.entry_id and td.tie_key = s.tie_key
      window w as (partition by s.grp order by s.final_x100 desc, s.k desc)
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
    -- one row per entry, and a first row (kind 0) with what is the same for all of them
    select kind, entry_id, category, code, name, village, district, judges, final_x100, tie_key,
      tie_size, decided, final_rank, prize, component_scores, components, d, max_judges
    from (
      select 0 as kind, null as entry_id, null as category, null as code, null as name,
        null as village, null as district, null as grp, null as judges, null as final_x100,
        null as tie_key, null as tie_size, null as decided, null as final_rank, null as prize,
        null as component_scores,
        (select json_group_array(json_array(component_id, code, name, weight) order by position, component_id) from comp) as components,
        (select d.d from d) as d,
        (select max(n) from finals where component_id = 0) as max_judges
      union all
      select 1, ev.entry_id, ev.category, ev.code, ev.name, ev.village, ev.district, ev.grp,
        ev.judges, ev.final_x100,
        case when ev.final_x100 is not null and ev.tie_size > 1 then ev.tie_key end,
        case when ev.final_x100 is not null then ev.tie_size end,
        ev.decided, ev.final_rank, ev.prize, ev.component_scores, null, null, null
      from everyone ev
    )
    order by kind, grp, final_rank is null, final_rank, name, entry_id`;
  const result = await query.execute(db);
  return result.rows;
}

function shapeRanking(
  rows: Row[],
  method: Aggregation,
  competition: {
    ranking_scope: RankingScope;
    prize_winners: number;
    prize_honourable: number;
  },
): Ranking {
  const [meta, ...entryRows] = rows as [MetaRow, ...EntryRow[]];
  const bound = 200n * BigInt(meta.max_judges ?? 0) * 100n * BigInt(meta.d ?? 1);
  if (bound >= MAX_SAFE_SQL)
    throw new RangeError(
      "criteria scales too large for exact ranking arithmetic (docs/scoring.md, bounds)",
    );
  const components = JSON.parse(meta.components) as [number, string, string, number][];
  const position = new Map(components.map(([id], i) => [id, i]));
  const entries: RankedEntry[] = entryRows.map((r) => {
    const tieSize = Number(r.tie_size ?? 1);
    const decided = Number(r.decided ?? 0) === 1;
    const rank = r.final_rank === null ? null : Number(r.final_rank);
    const scores: (number | null)[] = components.map(() => null);
    if (r.component_scores !== null)
      for (const pair of r.component_scores.split(",")) {
        const colon = pair.indexOf(":");
        const at = position.get(Number(pair.slice(0, colon)));
        if (at !== undefined) scores[at] = Number(pair.slice(colon + 1));
      }
    return {
      entryId: r.entry_id,
      code: r.code,
      name: r.name,
      village: r.village,
      district: r.district,
      category: r.category,
      group: competition.ranking_scope === "category" ? r.category : "",
      judges: Number(r.judges ?? 0),
      finalX100: r.final_x100 === null ? null : Number(r.final_x100),
      components: components.map(([, code, name, weight], i) => ({
        code,
        name,
        weight,
        scoreX100: scores[i] ?? null,
      })),
      rank,
      prize: r.prize,
      tieSize,
      tieKey: tieSize > 1 ? r.tie_key : null,
      unresolvedPrizeTie:
        tieSize > 1 &&
        !decided &&
        rank !== null &&
        rank <= competition.prize_winners + competition.prize_honourable,
      decided,
    };
  });
  return {
    method,
    scope: competition.ranking_scope,
    prizeWinners: competition.prize_winners,
    prizeHonourable: competition.prize_honourable,
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

/** Each submitted sheet's total and component scores (× 100, rounded), for the chair's dashboard. */
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
    with recursive ${criteria(competitionId)},
    jc as (
      select e.id as entry_id, (select judge_id from score_sheets where id = p.sheet_id) as judge_id, p.component_id,
        p.points * (select f from factors where factors.component_id = p.component_id) as v
      from ${submittedPoints(competitionId)}
    )
    select jc.entry_id, jc.judge_id, null as code, ${x100(sql`sum(jc.v)`, sql`d.d`)} as x100
    from jc cross join d group by jc.entry_id, jc.judge_id
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
