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
