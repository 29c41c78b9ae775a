import {
  add,
  compare,
  componentScore,
  fraction,
  judgeTotal,
  roundX100,
  type ComponentInput,
  type Fraction,
} from "../../app/lib/scoring";
import type { Aggregation, RankingScope } from "../../db/schema";

/**
 * The ranking rule of docs/scoring.md written as plainly as possible, in exact fractions, for
 * the property test to hold the SQL ranking against. Not used by the app.
 */
export interface RefComponent {
  code: string;
  weight: number;
  position: number;
  indicators: { code: string; max: number }[];
}

export interface RefEntry {
  id: number;
  category: "desa" | "kelurahan";
  active: boolean;
  /** submitted sheets only: indicator code → score */
  sheets: Record<string, number>[];
  /**
   * which of `sheets` (by index) are set aside: their judge has a confirmed conflict of interest
   * with the library, so they never count
   */
  setAside?: number[];
}

export interface RefResult {
  id: number;
  /** how many sheets count */
  judges: number;
  finalX100: number | null;
  components: Record<string, number | null>;
  rank: number | null;
  tieSize: number;
  prize: string | null;
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

function aggregate(values: Fraction[], method: Aggregation): Fraction {
  const n = values.length;
  const sum = values.reduce(add, fraction(0));
  const mean = fraction(sum.num, sum.den * BigInt(n));
  if (method === "mean" || (method === "trimmed-mean" && n < 3)) return mean;
  const sorted = [...values].sort(compare);
  if (method === "median") {
    const a = sorted[Math.floor((n - 1) / 2)]!;
    const b = sorted[Math.floor(n / 2)]!;
    const both = add(a, b);
    return fraction(both.num, both.den * 2n);
  }
  const trimmed = sorted.slice(1, -1).reduce(add, fraction(0));
  return fraction(trimmed.num, trimmed.den * BigInt(n - 2));
}

export function referenceRanking(
  components: RefComponent[],
  entries: RefEntry[],
  options: {
    method: Aggregation;
    scope: RankingScope;
    winners: number;
    honourable: number;
  },
): RefResult[] {
  const inputs = (sheet: Record<string, number>): ComponentInput[] =>
    components.map((c) => ({
      weight: c.weight,
      indicators: c.indicators.map((i) => ({
        max: i.max,
        value: sheet[i.code] ?? 0,
      })),
    }));
  const tieOrder = [...components].sort((a, b) => b.weight - a.weight || a.position - b.position);
  const scored = entries
    .filter((e) => e.active)
    .map((e) => ({
      ...e,
      sheets: e.sheets.filter((_, j) => !(e.setAside ?? []).includes(j)),
    }))
    .map((e) => {
      if (e.sheets.length === 0)
        return {
          id: e.id,
          judges: 0,
          group: "",
          finalX100: null,
          components: Object.fromEntries(components.map((c) => [c.code, null])),
          key: [] as number[],
        };
      const totals = e.sheets.map((s) => judgeTotal(inputs(s)));
      const comps = Object.fromEntries(
        components.map((c, k) => [
          c.code,
          roundX100(
            aggregate(
              e.sheets.map((s) => componentScore(inputs(s)[k]!)),
              options.method,
            ),
          ),
        ]),
      );
      return {
        id: e.id,
        judges: e.sheets.length,
        group: options.scope === "category" ? e.category : "",
        finalX100: roundX100(aggregate(totals, options.method)),
        components: comps,
        key: tieOrder.map((c) => comps[c.code]!),
      };
    });
  const better = (a: (typeof scored)[number], b: (typeof scored)[number]) => {
    // does a rank strictly before b?
    if (a.finalX100! !== b.finalX100!) return a.finalX100! > b.finalX100!;
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! > b.key[i]!;
    return false;
  };
  const same = (a: (typeof scored)[number], b: (typeof scored)[number]) =>
    !better(a, b) && !better(b, a);
  return scored.map((e) => {
    if (e.finalX100 === null)
      return {
        id: e.id,
        judges: 0,
        finalX100: null,
        components: e.components,
        rank: null,
        tieSize: 1,
        prize: null,
      };
    const peers = scored.filter((o) => o.finalX100 !== null && o.group === e.group);
    const rank = 1 + peers.filter((o) => better(o, e)).length;
    const tieSize = peers.filter((o) => same(o, e)).length;
    const prize =
      rank <= options.winners
        ? `Juara ${ROMAN[rank - 1]}`
        : rank <= options.winners + options.honourable
          ? `Harapan ${ROMAN[rank - options.winners - 1]}`
          : null;
    return {
      id: e.id,
      judges: e.judges,
      finalX100: e.finalX100,
      components: e.components,
      rank,
      tieSize,
      prize,
    };
  });
}

/** A stage of a staged competition (docs/scoring.md, "Stages"). */
export interface RefStage {
  code: string;
  kind: "admin" | "desk" | "visit" | "presentation" | "other";
  weight: number;
  /** how many go on; null: all (with a score) */
  advance: number | null;
  /** a scored stage's own criteria (empty for an admin stage) */
  components: RefComponent[];
}

export interface RefStagedEntry {
  id: number;
  category: "desa" | "kelurahan";
  active: boolean;
  /** per stage code, the submitted sheets of that stage: indicator code → score */
  sheets: Record<string, Record<string, number>[]>;
  /** the admin stages (by code) whose checklist the entry failed */
  failed?: string[];
}

export interface RefStagedResult extends RefResult {
  /** the code of the last stage the entry was in */
  reached: string;
  failedAdmin: boolean;
  stages: {
    code: string;
    /** C_s × 100 */
    scoreX100: number | null;
    /** F_s × 100, the stage's own final */
    stageScoreX100: number | null;
    rank: number | null;
    advanced: boolean;
  }[];
}

/**
 * The staged rule of docs/scoring.md, plainly: F_s per scored stage as the one-stage rule
 * computes a final, C_s (the last stage's F, or the weighted mean of the F so far), the cut after
 * each stage (top `advance` by C_s at 2 decimals, ties at the cut go on, admin failures out), then
 * the final order: finalists by C and the last stage's tie-break chain, then each earlier
 * stage's leavers, latest first, by their C there; ranks shared, prizes by rank.
 */
export function referenceStagedRanking(
  stages: RefStage[],
  entries: RefStagedEntry[],
  options: {
    method: Aggregation;
    scope: RankingScope;
    winners: number;
    honourable: number;
    combine: "weighted" | "last";
  },
): RefStagedResult[] {
  const active = entries.filter((e) => e.active);
  const group = (e: RefStagedEntry) => (options.scope === "category" ? e.category : "");
  // per entry and scored stage: the exact final F, its judges and rounded component finals
  const finals = new Map<
    string,
    { f: Fraction; judges: number; components: Record<string, number>; key: number[] }
  >();
  for (const stage of stages) {
    if (stage.kind === "admin") continue;
    const inputs = (sheet: Record<string, number>): ComponentInput[] =>
      stage.components.map((c) => ({
        weight: c.weight,
        indicators: c.indicators.map((i) => ({ max: i.max, value: sheet[i.code] ?? 0 })),
      }));
    const tieOrder = [...stage.components].sort(
      (a, b) => b.weight - a.weight || a.position - b.position,
    );
    for (const e of active) {
      const sheets = e.sheets[stage.code] ?? [];
      if (sheets.length === 0) continue;
      const components = Object.fromEntries(
        stage.components.map((c, k) => [
          c.code,
          roundX100(
            aggregate(
              sheets.map((s) => componentScore(inputs(s)[k]!)),
              options.method,
            ),
          ),
        ]),
      );
      finals.set(`${e.id}:${stage.code}`, {
        f: aggregate(
          sheets.map((s) => judgeTotal(inputs(s))),
          options.method,
        ),
        judges: sheets.length,
        components,
        key: tieOrder.map((c) => components[c.code]!),
      });
    }
  }
  // C_s × 100, or null without a final in s (or with no weight behind it)
  const cumulative = (e: RefStagedEntry, s: number): number | null => {
    const stage = stages[s]!;
    const own = finals.get(`${e.id}:${stage.code}`);
    if (stage.kind === "admin" || !own) return null;
    if (options.combine === "last") return roundX100(own.f);
    let sum = fraction(0);
    let weights = 0;
    for (const t of stages.slice(0, s + 1)) {
      const ft = finals.get(`${e.id}:${t.code}`);
      if (t.kind === "admin" || !ft) continue;
      sum = add(sum, fraction(ft.f.num * BigInt(t.weight), ft.f.den));
      weights += t.weight;
    }
    return weights === 0 ? null : roundX100(fraction(sum.num, sum.den * BigInt(weights)));
  };
  // the stages one after another
  const history = new Map<number, RefStagedResult["stages"]>(active.map((e) => [e.id, []]));
  let members = active;
  for (const [s, stage] of stages.entries()) {
    const scores = new Map(members.map((e) => [e.id, cumulative(e, s)]));
    const rankOf = (e: RefStagedEntry): number | null => {
      const c = scores.get(e.id)!;
      if (stage.kind === "admin" || c === null) return null;
      return (
        1 + members.filter((o) => group(o) === group(e) && (scores.get(o.id) ?? -1) > c).length
      );
    };
    const goesOn = (e: RefStagedEntry): boolean => {
      if (stage.kind === "admin") return !(e.failed ?? []).includes(stage.code);
      const rank = rankOf(e);
      return rank !== null && (stage.advance === null || rank <= stage.advance);
    };
    for (const e of members) {
      const own = stage.kind === "admin" ? undefined : finals.get(`${e.id}:${stage.code}`);
      history.get(e.id)!.push({
        code: stage.code,
        scoreX100: scores.get(e.id)!,
        stageScoreX100: own ? roundX100(own.f) : null,
        rank: rankOf(e),
        advanced: goesOn(e),
      });
    }
    if (s < stages.length - 1) members = members.filter(goesOn);
  }
  const last = stages.length - 1;
  const outcome = active.map((e) => {
    const own = history.get(e.id)!;
    const reached = own.length - 1;
    const failedAdmin = own.some((h, s) => stages[s]!.kind === "admin" && !h.advanced);
    let scoredAt = reached;
    while (scoredAt >= 0 && stages[scoredAt]!.kind === "admin") scoredAt -= 1;
    const stage = scoredAt >= 0 ? stages[scoredAt]! : undefined;
    const f = stage ? finals.get(`${e.id}:${stage.code}`) : undefined;
    return {
      e,
      reached,
      failedAdmin,
      finalX100: failedAdmin || scoredAt < 0 ? null : own[scoredAt]!.scoreX100,
      judges: f?.judges ?? 0,
      components: stage
        ? Object.fromEntries(stage.components.map((c) => [c.code, f?.components[c.code] ?? null]))
        : {},
      // the tie-break chain orders the finalists only
      key: reached === last ? (f?.key ?? []) : [],
    };
  });
  type Outcome = (typeof outcome)[number];
  const better = (a: Outcome, b: Outcome) => {
    if (a.reached !== b.reached) return a.reached > b.reached;
    if (a.finalX100! !== b.finalX100!) return a.finalX100! > b.finalX100!;
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! > b.key[i]!;
    return false;
  };
  const same = (a: Outcome, b: Outcome) => !better(a, b) && !better(b, a);
  return outcome.map((o) => {
    const base = {
      id: o.e.id,
      components: o.components,
      reached: stages[o.reached]!.code,
      failedAdmin: o.failedAdmin,
      stages: history.get(o.e.id)!,
    };
    if (o.finalX100 === null)
      return { ...base, judges: o.judges, finalX100: null, rank: null, tieSize: 1, prize: null };
    const peers = outcome.filter((p) => p.finalX100 !== null && group(p.e) === group(o.e));
    const rank = 1 + peers.filter((p) => better(p, o)).length;
    const prize =
      rank <= options.winners
        ? `Juara ${ROMAN[rank - 1]}`
        : rank <= options.winners + options.honourable
          ? `Harapan ${ROMAN[rank - options.winners - 1]}`
          : null;
    return {
      ...base,
      judges: o.judges,
      finalX100: o.finalX100,
      rank,
      tieSize: peers.filter((p) => same(p, o)).length,
      prize,
    };
  });
}
