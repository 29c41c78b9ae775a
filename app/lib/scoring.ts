/**
 * The scoring rule as exact fractions (docs/scoring.md). Used by the judge's live total in the
 * browser (app/lib/sheet.ts) and by the ranking's reference implementation in the tests. The SQL
 * ranking (app/models/ranking.server.ts) writes the same rule in integer SQL; the property test
 * holds it equal to the reference, so every total follows the same definition.
 *
 * For judge j and component k with weight W_k (weights total 100):
 *   component score = W_k × Σ score / Σ max   over k's indicators
 *   judge total     = Σ component scores      (0–100)
 * Arithmetic is exact: values are fractions of BigInts, and a score is rounded to 2 decimals
 * only at the end, half away from zero, from the exact value.
 */

export interface Fraction {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  return (a / gcd(a, b)) * b;
}

export function fraction(num: bigint | number, den: bigint | number = 1n): Fraction {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d === 0n) throw new RangeError("zero denominator");
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { num: (sign * n) / g, den: (sign * d) / g };
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function compare(a: Fraction, b: Fraction): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The exact value × 100, rounded half away from zero to an integer (87.245 → 8725). */
export function roundX100(f: Fraction): number {
  const scaled = f.num * 100n;
  const abs = scaled < 0n ? -scaled : scaled;
  const rounded = (2n * abs + f.den) / (2n * f.den);
  return Number(scaled < 0n ? -rounded : rounded);
}

/** 8725 → "87.25" (or "87,25" in Indonesian). */
export function formatX100(x100: number, locale = "id-ID"): string {
  return (x100 / 100).toLocaleString(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

export interface IndicatorInput {
  max: number;
  /** null while not yet scored */
  value: number | null;
}

export interface ComponentInput {
  weight: number;
  indicators: readonly IndicatorInput[];
}

/** W × Σ score / Σ max; unscored indicators count as 0 (a draft's running total). */
export function componentScore(component: ComponentInput): Fraction {
  const sumMax = component.indicators.reduce((s, i) => s + i.max, 0);
  if (sumMax === 0) return fraction(0);
  const sumScore = component.indicators.reduce((s, i) => s + (i.value ?? 0), 0);
  return fraction(BigInt(component.weight) * BigInt(sumScore), sumMax);
}

export function judgeTotal(components: readonly ComponentInput[]): Fraction {
  return components.reduce((total, c) => add(total, componentScore(c)), fraction(0));
}

/**
 * The least common multiple of every component's Σ max: multiplying a judge's total by it
 * gives an integer. The SQL ranking computes the same D itself, in a recursive CTE.
 */
export function commonDenominator(componentMaxTotals: readonly number[]): bigint {
  return componentMaxTotals.reduce((acc, m) => (m > 0 ? lcm(acc, BigInt(m)) : acc), 1n);
}
