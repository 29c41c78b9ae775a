import { sql, type RawBuilder, type SqlBool } from "kysely";

/**
 * Conditions many queries share, written once. Each is an SQL fragment: it goes into a Kysely
 * `.where(…)` as it is, and into a raw `sql` statement by interpolation.
 */

/** A column reference such as `"e.library_id"`; a number is a value. */
type Operand = `${string}.${string}` | number;

const operand = (x: Operand) => (typeof x === "number" ? sql`${x}` : sql.ref(x));

/**
 * The entry (table alias `alias`) takes part: not withdrawn or disqualified. Only active entries
 * are judged, ranked, assigned and counted.
 */
export function activeEntry(alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.status`)} = 'active'`;
}

/**
 * The conflict row (table alias `alias`) counts: it was confirmed. A dismissed one was looked at
 * and ruled out; it stays on record only.
 */
export function isConfirmedConflict(alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.status`)} = 'confirmed'`;
}

/** The library code column equals `code`, whatever the letters' case (codes are case-blind). */
export function sameCode(
  column: `${string}.${string}` | string,
  code: string,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) = lower(${code})`;
}

/** The judge has a confirmed conflict of interest with the library (columns or values). */
export function confirmedConflict(judge: Operand, library: Operand): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from conflicts k where k.judge_id = ${operand(judge)} and k.library_id = ${operand(library)} and ${isConfirmedConflict("k")})`;
}
