import { sql, type RawBuilder, type SqlBool } from "kysely";

/**
 * Conditions many queries share, written once. Each is an SQL fragment: it goes into a Kysely
 * `.where(…)` as it is, and into a raw `sql` statement by interpolation.
 */

/** A column reference such as `"e.library_id"`; a number is a value. */
type Operand = `${string}.${string}` | number;

// anything but a column name is a value: also a prepared query's stand-in for one (db/prepared.ts)
const operand = (x: Operand) => (typeof x === "string" ? sql.ref(x) : sql`${x}`);

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

/**
 * The sheet (a `score_sheets` id column) counts: it is not set aside. A sheet is set aside when
 * its judge's conflict of interest with the entry's library was confirmed after the judge had
 * started it: the sheet and its assignment stay on record for the chair, but it never counts
 * (not in the ranking, the exports, a snapshot or the progress; docs/scoring.md).
 *
 * The set-aside sheets are found from the (few) confirmed conflicts, uncorrelated, so SQLite
 * computes the list once per statement and only probes it for each row it reads; the pairs go in
 * as a row value, so the list is read from the conflicts by the sheets' (entry, judge) index
 * instead of from a scan of every sheet.
 */
export function notSetAside(sheet: Operand): RawBuilder<SqlBool> {
  return sql<SqlBool>`${operand(sheet)} not in (
    select ks.id from score_sheets ks
      where (ks.entry_id, ks.judge_id) in (
        select ke.id, kc.judge_id from conflicts kc
          join entries ke on ke.library_id = kc.library_id
          where ${isConfirmedConflict("kc")}))`;
}

/**
 * The id of the competition's stage open for scoring (docs/decisions/010-stages.md): judges see,
 * save and are counted in that stage only; the criteria editor edits that stage's criteria.
 */
export function currentStage(competition: Operand): RawBuilder<number> {
  return sql<number>`(select cs.id from stages cs join competitions cc on cc.id = cs.competition_id
    where cc.id = ${operand(competition)} and cs.position = cc.current_stage)`;
}

/** The same for the competition of an entry (an `entries` id column or value). */
export function currentStageOfEntry(entry: Operand): RawBuilder<number> {
  return sql<number>`(select cs.id from stages cs join competitions cc on cc.id = cs.competition_id
    join entries ce on ce.competition_id = cc.id
    where ce.id = ${operand(entry)} and cs.position = cc.current_stage)`;
}
