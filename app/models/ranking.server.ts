import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Aggregation, Database, RankingScope } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";

type Db = Kysely<Database> | Transaction<Database>;

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
 * `string_agg(... order by ...)`, `printf('%05d', x)` with `lpad(x::text, 5, '0')`, and could
 * use its built-in `lcm`.
 */

export const MAX_SAFE_SQL = 9_223_372_036_854_775_807n;

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

interface Row {
  entry_id: number;
  code: string;
  name: string;
  village: string;
  district: string;
  category: "desa" | "kelurahan";
  grp: string;
  judges: number | null;
  final_x100: number | null;
  tie_key: string | null;
  rnk: number | null;
  tie_size: number | null;
  decided: number | null;
  final_rank: number | null;
  prize: string | null;
  component_code: string | null;
  component_name: string | null;
  component_weight: number | null;
  component_x100: number | null;
  d: number | bigint;
  max_judges: number | null;
  prize_winners: number;
  prize_honourable: number;
  ranking_scope: RankingScope;
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/** 'Juara ' || roman(n) for n = 1..10, in SQL, so prize labels come with the ranking. */
function romanSql(n: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`case ${n} ${sql.join(
    ROMAN.map((r, i) => sql`when ${sql.lit(i + 1)} then ${sql.lit(r)}`),
    sql` `,
  )} end`;
}

/**
 * The common part of every ranking statement: D, each judge's integer component scores and totals
 * (in units of 1/D), and the aggregate of each series (an entry's totals, an entry's scores of one
 * component) under the chosen method, as x100 integers.
 */
function scoredSeries(competitionId: number, method: Aggregation) {
  const x100 = (num: RawBuilder<unknown>, den: RawBuilder<unknown>) =>
    sql`((200 * (${num}) + (${den})) / (2 * (${den})))`;
  const mean = x100(sql`a.s`, sql`a.n * d.d`);
  const median = x100(sql`a.mid2`, sql`2 * d.d`);
  const trimmed = sql`case when a.n >= 3 then ${x100(sql`a.s - a.hi - a.lo`, sql`(a.n - 2) * d.d`)} else ${mean} end`;
  const chosen =
    method === "median" ? median : method === "trimmed-mean" ? trimmed : mean;
  // the median needs each series in order; the means need only sums, maxima and minima
  const agg =
    method === "median"
      ? sql`
    ordered as (
      select entry_id, component_id, val,
        row_number() over (partition by entry_id, component_id order by val) as rn,
        count(*) over (partition by entry_id, component_id) as n
      from series
    ),
    agg as (
      select entry_id, component_id, max(n) as n, sum(val) as s, max(val) as hi, min(val) as lo,
        sum(case when rn = (n + 1) / 2 then val else 0 end) + sum(case when rn = n / 2 + 1 then val else 0 end) as mid2
      from ordered group by entry_id, component_id
    )`
      : sql`
    agg as (
      select entry_id, component_id, count(*) as n, sum(val) as s, max(val) as hi, min(val) as lo, 0 as mid2
      from series group by entry_id, component_id
    )`;
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
      select i.id as indicator_id, comp.component_id, comp.weight * (d.d / comp.summax) as f
      from indicators i join comp on comp.component_id = i.component_id cross join d
      where comp.summax > 0
    ),
    judged as materialized (
      select s.id as sheet_id, s.entry_id, s.judge_id
      from score_sheets s join entries e on e.id = s.entry_id
      where e.competition_id = ${competitionId} and e.status = 'active' and s.status = 'submitted'
    ),
    jc as materialized (
      select j.entry_id, j.judge_id, f.component_id, sum(coalesce(sc.value, 0) * f.f) as v
      from judged j
      join scores sc on sc.sheet_id = j.sheet_id
      join factors f on f.indicator_id = sc.indicator_id
      group by j.sheet_id, f.component_id
    ),
    jt as materialized (select entry_id, judge_id, sum(v) as t from jc group by entry_id, judge_id),
    series as (
      select entry_id, 0 as component_id, t as val from jt
      union all
      select entry_id, component_id, v from jc
    ),${agg},
    finals as materialized (select a.entry_id, a.component_id, a.n, ${chosen} as x100 from agg a cross join d)`;
}

/**
 * The ranking of a competition under its own aggregation method (or `method`), one statement.
 * Entries without a submitted sheet come last, without rank.
 */
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
  options: { method?: Aggregation; db?: Db } = {},
): Promise<Ranking | null> {
  const db = options.db ?? getDb();
  const subject =
    typeof competition === "number"
      ? await db
          .selectFrom("competitions")
          .select([
            "id",
            "aggregation",
            "ranking_scope",
            "prize_winners",
            "prize_honourable",
          ])
          .where("id", "=", competition)
          .executeTakeFirst()
      : competition;
  if (!subject) return null;
  const method = options.method ?? subject.aggregation;
  const rows = await rankingRows(db, subject.id, method);
  return shapeRanking(rows, method, subject);
}

async function rankingRows(
  db: Db,
  competitionId: number,
  method: Aggregation,
): Promise<Row[]> {
  const prizeRoman = (n: RawBuilder<unknown>) => romanSql(n);
  const query = sql<Row>`
    with recursive ${scoredSeries(competitionId, method)},
    settings as (
      select ranking_scope, prize_winners, prize_honourable from competitions where id = ${competitionId}
    ),
    keys as (
      select f.entry_id, group_concat(printf('%05d', f.x100), '' order by comp.weight desc, comp.position, comp.component_id) as k
      from finals f join comp on comp.component_id = f.component_id
      group by f.entry_id
    ),
    scored as (
      select e.id as entry_id, e.category,
        case when (select ranking_scope from settings) = 'category' then e.category else '' end as grp,
        t.n as judges, t.x100 as final_x100, keys.k as k
      from entries e
      join finals t on t.entry_id = e.id and t.component_id = 0
      left join keys on keys.entry_id = e.id
      where e.competition_id = ${competitionId} and e.status = 'active'
    ),
    ranked as (
      select s.*,
        s.grp || ':' || s.final_x100 || ':' || coalesce(s.k, '') as tie_key,
        rank() over (partition by s.grp order by s.final_x100 desc, s.k desc) as rnk,
        count(*) over (partition by s.grp, s.final_x100, s.k) as tie_size
      from scored s
    ),
    decided as (
      select r.*, td.position as decided_position,
        count(td.entry_id) over (partition by r.grp, r.final_x100, r.k) as decided_count
      from ranked r
      left join tie_decisions td on td.competition_id = ${competitionId} and td.entry_id = r.entry_id and td.tie_key = r.tie_key
    ),
    placed as (
      select d.*,
        case when d.tie_size > 1 and d.decided_count = d.tie_size then 1 else 0 end as decided,
        case when d.tie_size > 1 and d.decided_count = d.tie_size then d.rnk + d.decided_position - 1 else d.rnk end as final_rank
      from decided d
    ),
    labelled as (
      select p.*,
        case
          when p.final_rank <= (select prize_winners from settings) then 'Juara ' || ${prizeRoman(sql`p.final_rank`)}
          when p.final_rank <= (select prize_winners + prize_honourable from settings)
            then 'Harapan ' || ${prizeRoman(sql`p.final_rank - (select prize_winners from settings)`)}
          else null
        end as prize
      from placed p
    ),
    everyone as (
      select e.id as entry_id, e.category, l.code, l.name, l.village, l.district,
        coalesce(lb.grp, case when (select ranking_scope from settings) = 'category' then e.category else '' end) as grp,
        lb.judges, lb.final_x100, lb.tie_key, lb.rnk, lb.tie_size, lb.decided, lb.final_rank, lb.prize
      from entries e
      join libraries l on l.id = e.library_id
      left join labelled lb on lb.entry_id = e.id
      where e.competition_id = ${competitionId} and e.status = 'active'
    )
    select ev.*,
      comp.code as component_code, comp.name as component_name, comp.weight as component_weight,
      cf.x100 as component_x100,
      (select d.d from d) as d,
      (select max(n) from agg) as max_judges,
      (select prize_winners from settings) as prize_winners,
      (select prize_honourable from settings) as prize_honourable,
      (select ranking_scope from settings) as ranking_scope
    from everyone ev
    left join comp on 1 = 1
    left join finals cf on cf.entry_id = ev.entry_id and cf.component_id = comp.component_id
    order by ev.grp, ev.final_rank is null, ev.final_rank, ev.name, ev.entry_id, comp.position, comp.component_id`;
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
  const first = rows[0];
  if (first) {
    const bound = 200n * BigInt(first.max_judges ?? 0) * 100n * BigInt(first.d);
    if (bound >= MAX_SAFE_SQL)
      throw new RangeError(
        "criteria scales too large for exact ranking arithmetic (docs/scoring.md, bounds)",
      );
  }
  const entries: RankedEntry[] = [];
  const byId = new Map<number, RankedEntry>();
  for (const r of rows) {
    let entry = byId.get(r.entry_id);
    if (!entry) {
      const tieSize = Number(r.tie_size ?? 1);
      const decided = Number(r.decided ?? 0) === 1;
      const rank = r.final_rank === null ? null : Number(r.final_rank);
      entry = {
        entryId: r.entry_id,
        code: r.code,
        name: r.name,
        village: r.village,
        district: r.district,
        category: r.category,
        group: r.grp,
        judges: Number(r.judges ?? 0),
        finalX100: r.final_x100 === null ? null : Number(r.final_x100),
        components: [],
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
      byId.set(r.entry_id, entry);
      entries.push(entry);
    }
    if (r.component_code !== null) {
      entry.components.push({
        code: r.component_code,
        name: r.component_name ?? "",
        weight: Number(r.component_weight ?? 0),
        scoreX100: r.component_x100 === null ? null : Number(r.component_x100),
      });
    }
  }
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
  db: Db = getDb(),
): Promise<JudgeTotal[]> {
  const rows = await sql<{
    entry_id: number;
    judge_id: number;
    code: string | null;
    x100: number;
  }>`
    with recursive ${scoredSeries(competitionId, "mean")}
    select jt.entry_id, jt.judge_id, null as code, (200 * jt.t + d.d) / (2 * d.d) as x100 from jt cross join d
    union all
    select jc.entry_id, jc.judge_id, comp.code, (200 * jc.v + d.d) / (2 * d.d) as x100
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

export type TieDecisionResult =
  | { ok: true }
  | {
      ok: false;
      error: "ranking.tie.notTied" | "ranking.tie.incomplete" | "error.404";
    };

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
      const ranking = await computeRanking(competitionId, { db: trx });
      if (!ranking) return { ok: false, error: "error.404" } as const;
      const chosen = input.entryIds.map((id) =>
        ranking.entries.find((e) => e.entryId === id),
      );
      if (
        chosen.some((e) => !e) ||
        new Set(input.entryIds).size !== input.entryIds.length
      )
        return { ok: false, error: "ranking.tie.notTied" } as const;
      const tieKey = chosen[0]?.tieKey ?? null;
      if (!tieKey || chosen.some((e) => e!.tieKey !== tieKey))
        return { ok: false, error: "ranking.tie.notTied" } as const;
      if (chosen.length !== chosen[0]!.tieSize)
        return { ok: false, error: "ranking.tie.incomplete" } as const;
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
      await recordAudit(trx, {
        actor,
        competitionId,
        entityType: "tie",
        entityId: tieKey,
        action: "decide",
        reason: input.reason,
        after: {
          order: chosen.map((e) => ({ entryId: e!.entryId, library: e!.code })),
        },
      });
      return { ok: true } as const;
    });
}
