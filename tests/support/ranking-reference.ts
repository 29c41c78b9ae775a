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
