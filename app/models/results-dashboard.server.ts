import { sql } from "kysely";
import { AGGREGATIONS, type Aggregation } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { listSetAsideSheets, type SetAsideSheet } from "./conflicts.server";
import { activeEntry, confirmedConflict, notSetAside } from "./query.server";
import {
  computeRanking,
  countRankingInputsBefore,
  judgeTotals,
  unresolvedTies,
  type Ranking,
  type RankingSubject,
} from "./ranking.server";

/**
 * What the chair reads before signing off: progress, the live ranking with every judge's total,
 * and the warning signs (an outlying judge, a harsh or lenient judge, indicators where judges
 * disagree, a podium that depends on the aggregation method, undecided ties).
 */

/** A judge's total this far (in points, of 100) from the others' mean for the entry is an outlier. */
const OUTLIER_POINTS = 15;
/** A judge whose totals sit on average this far below/above the panel is harsh/lenient. */
const BIAS_POINTS = 5;
/** Judges' scores for one indicator spreading over at least this share of its scale disagree. */
const DISAGREEMENT_SHARE = 0.5;

export interface Progress {
  judges: { id: number; name: string; assigned: number; submitted: number }[];
  entries: {
    id: number;
    code: string;
    name: string;
    assigned: number;
    submitted: number;
  }[];
}

async function progress(competitionId: number): Promise<Progress> {
  const db = getDb();
  const base = db
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .leftJoin("score_sheets as s", (j) =>
      j.onRef("s.entry_id", "=", "a.entry_id").onRef("s.judge_id", "=", "a.judge_id"),
    )
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"))
    // a judge in a confirmed conflict with the library is not expected to score it (set aside)
    .where((eb) => eb.not(confirmedConflict("a.judge_id", "e.library_id")));
  const submitted = sql<number>`sum(case when s.status = 'submitted' then 1 else 0 end)`;
  const [judges, entries] = await Promise.all([
    base
      .innerJoin("users as u", "u.id", "a.judge_id")
      .select(["u.id", "u.name", sql<number>`count(*)`.as("assigned"), submitted.as("submitted")])
      .groupBy(["u.id", "u.name"])
      .orderBy("u.name")
      .execute(),
    base
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select([
        "e.id",
        "l.code",
        "l.name",
        sql<number>`count(*)`.as("assigned"),
        submitted.as("submitted"),
      ])
      .groupBy(["e.id", "l.code", "l.name"])
      .orderBy("l.name")
      .execute(),
  ]);
  const num = <T extends { assigned: number; submitted: number }>(r: T) => ({
    ...r,
    assigned: Number(r.assigned),
    submitted: Number(r.submitted ?? 0),
  });
  return { judges: judges.map(num), entries: entries.map(num) };
}

export interface Disagreement {
  entryId: number;
  library: string;
  indicator: string;
  indicatorName: string;
  low: number;
  high: number;
  min: number;
  max: number;
}

/** Submitted scores of one indicator of one entry spreading over half the scale or more. */
async function disagreements(competitionId: number): Promise<Disagreement[]> {
  const rows = await getDb()
    .selectFrom("scores as sc")
    .innerJoin("score_sheets as s", "s.id", "sc.sheet_id")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("indicators as i", "i.id", "sc.indicator_id")
    .select([
      "e.id as entryId",
      "l.name as library",
      "i.code as indicator",
      "i.name as indicatorName",
      "i.min_score as min",
      "i.max_score as max",
      sql<number>`min(sc.value)`.as("low"),
      sql<number>`max(sc.value)`.as("high"),
    ])
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"))
    .where("s.status", "=", "submitted")
    .where(notSetAside("s.id"))
    .groupBy(["e.id", "l.name", "i.id", "i.code", "i.name", "i.min_score", "i.max_score"])
    .having(
      // the share inline (a parameter beside integers would be read as an integer by PostgreSQL)
      sql<boolean>`(max(sc.value) - min(sc.value)) * 1.0 >= (i.max_score - i.min_score) * ${sql.lit(DISAGREEMENT_SHARE)}`,
    )
    // one IEEE division of exact integers, alike on both databases
    .orderBy(
      sql`cast(max(sc.value) - min(sc.value) as double precision) / (i.max_score - i.min_score)`,
      "desc",
    )
    .orderBy("l.name")
    .orderBy("i.code")
    .limit(50)
    .execute();
  return rows.map((r) => ({ ...r, low: Number(r.low), high: Number(r.high) }));
}

export interface DashboardEntry {
  entryId: number;
  rank: number | null;
  prize: string | null;
  code: string;
  name: string;
  category: string;
  finalX100: number | null;
  components: { code: string; scoreX100: number | null }[];
  /** judge id → total × 100 */
  judgeTotals: Record<number, number>;
  spreadX100: number | null;
  outlierJudges: number[];
  tieSize: number;
  tieKey: string | null;
  unresolvedPrizeTie: boolean;
  decided: boolean;
}

export interface ResultsDashboard {
  ranking: Ranking;
  entries: DashboardEntry[];
  progress: Progress;
  judges: {
    id: number;
    name: string;
    biasX100: number | null;
    leaning: "harsh" | "lenient" | null;
  }[];
  disagreements: Disagreement[];
  methods: {
    method: Aggregation;
    podium: { rank: number; prize: string; names: string[] }[];
  }[];
  podiumDependsOnMethod: boolean;
  ties: { rank: number; entries: { entryId: number; name: string }[] }[];
  /** sheets left out for a conflict of interest confirmed after the judge started */
  setAside: SetAsideSheet[];
}

export async function getResultsDashboard(
  competition: RankingSubject,
): Promise<ResultsDashboard | null> {
  const competitionId = competition.id;
  // once, before the four rankings below run side by side: each would otherwise find the
  // changed entries locked by another's counting (PostgreSQL) and rank them from sheet_points
  await countRankingInputsBefore(competitionId);
  const [ranking, totals, prog, disagree, setAside, ...byMethod] = await Promise.all([
    computeRanking(competition),
    judgeTotals(competitionId),
    progress(competitionId),
    disagreements(competitionId),
    listSetAsideSheets(competitionId),
    ...AGGREGATIONS.map((method) => computeRanking(competition, { method })),
  ]);
  if (!ranking) return null;

  const perEntry = new Map<number, Record<number, number>>();
  for (const t of totals)
    perEntry.set(t.entryId, {
      ...(perEntry.get(t.entryId) ?? {}),
      [t.judgeId]: t.totalX100,
    });

  const entries: DashboardEntry[] = ranking.entries.map((e) => {
    const mine = perEntry.get(e.entryId) ?? {};
    const values = Object.values(mine);
    const outliers = Object.entries(mine)
      .filter(([judge, v]) => {
        const others = Object.entries(mine)
          .filter(([j]) => j !== judge)
          .map(([, x]) => x);
        if (others.length < 2) return false;
        const mean = others.reduce((a, b) => a + b, 0) / others.length;
        return Math.abs(v - mean) >= OUTLIER_POINTS * 100;
      })
      .map(([judge]) => Number(judge));
    return {
      entryId: e.entryId,
      rank: e.rank,
      prize: e.prize,
      code: e.code,
      name: e.name,
      category: e.category,
      finalX100: e.finalX100,
      components: e.components.map((c) => ({
        code: c.code,
        scoreX100: c.scoreX100,
      })),
      judgeTotals: mine,
      spreadX100: values.length > 1 ? Math.max(...values) - Math.min(...values) : null,
      outlierJudges: outliers,
      tieSize: e.tieSize,
      tieKey: e.tieKey,
      unresolvedPrizeTie: e.unresolvedPrizeTie,
      decided: e.decided,
    };
  });

  // a judge's lean: the mean of (their total − the entry's mean of all totals) over their entries
  const lean = new Map<number, number[]>();
  for (const [, mine] of perEntry) {
    const values = Object.values(mine);
    if (values.length < 2) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    for (const [judge, v] of Object.entries(mine))
      lean.set(Number(judge), [...(lean.get(Number(judge)) ?? []), v - mean]);
  }
  const judges = prog.judges.map((j) => {
    const diffs = lean.get(j.id) ?? [];
    const bias =
      diffs.length > 0 ? Math.round(diffs.reduce((a, b) => a + b, 0) / diffs.length) : null;
    const leaning =
      bias === null
        ? null
        : bias <= -BIAS_POINTS * 100
          ? "harsh"
          : bias >= BIAS_POINTS * 100
            ? "lenient"
            : null;
    return { id: j.id, name: j.name, biasX100: bias, leaning } as const;
  });

  const prizes = ranking.prizeWinners;
  const methods = AGGREGATIONS.map((method, i) => {
    const r = byMethod[i]!;
    const podium = new Map<number, { rank: number; prize: string; names: string[] }>();
    for (const e of r?.entries ?? []) {
      if (e.rank === null || e.rank > prizes || !e.prize) continue;
      const key = e.rank * 1000 + (e.group === "kelurahan" ? 1 : 0);
      const slot = podium.get(key) ?? {
        rank: e.rank,
        prize: e.group ? `${e.prize} (${e.group})` : e.prize,
        names: [],
      };
      slot.names.push(e.name);
      podium.set(key, slot);
    }
    return {
      method,
      podium: [...podium.entries()].sort(([a], [b]) => a - b).map(([, v]) => v),
    };
  });
  const signature = (m: (typeof methods)[number]) => JSON.stringify(m.podium);
  const podiumDependsOnMethod = methods.some((m) => signature(m) !== signature(methods[0]!));

  const ties = unresolvedTies(ranking).map((group) => ({
    rank: group[0]!.rank ?? 0,
    entries: group.map((e) => ({ entryId: e.entryId, name: e.name })),
  }));
  return {
    ranking,
    entries,
    progress: prog,
    judges,
    disagreements: disagree,
    methods,
    podiumDependsOnMethod,
    ties,
    setAside,
  };
}
