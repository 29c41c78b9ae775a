/**
 * What a failed statement means, on either database (docs/decisions/013-postgresql.md):
 * better-sqlite3 names the failure in `code` (SQLITE_CONSTRAINT_UNIQUE, …), `pg` puts
 * the SQLSTATE there (23505, …).
 */

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/** A unique key or primary key refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    code === "23505"
  );
}

/** A foreign key refused the row (or the removal of a row still referred to). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "23503";
}

/** A CHECK constraint refused the row. */
export function isCheckViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === "SQLITE_CONSTRAINT_CHECK" || code === "23514";
}

/**
 * Any rule of the schema refused the statement: a key, a check, NOT NULL, or a trigger's refusal
 * (SQLite's `raise(abort, …)`, PostgreSQL's `raise exception … using errcode =
 * 'integrity_constraint_violation'`, db/dialect.ts `pgRaise`). `message`, when given, must be in
 * the error's message: the trigger's own words.
 */
export function isConstraintViolation(error: unknown, message?: string): boolean {
  const code = codeOf(error);
  const refused = code.startsWith("SQLITE_CONSTRAINT") || code.startsWith("23");
  if (!refused || message === undefined) return refused;
  return String((error as { message?: unknown }).message ?? "").includes(message);
}

/**
 * Thrown inside a transaction whose conditional write (`… where version = ?`) found the row
 * already moved on: another transaction committed between this one's checks and its write.
 */
export class Overtaken extends Error {
  constructor() {
    super("Another transaction wrote this row first");
  }
}

/**
 * Runs `transaction` (checks, then writes) again when another one overtook it: its conditional
 * write found the row moved on (`Overtaken`), or the row or one-time key it inserted had just been
 * inserted by the other (a unique key). Run again, the checks see what the other wrote and answer
 * as the later of the two: a conflict, or the first one's answer to a request sent twice.
 * PostgreSQL runs transactions side by side (a pool, several app processes); SQLite runs write
 * transactions one after the other, where this never happens.
 */
export async function runAgainIfOvertaken<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt < 3 && (error instanceof Overtaken || isUniqueViolation(error))) continue;
      throw error;
    }
  }
}
