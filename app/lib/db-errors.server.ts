/**
 * What a failed statement means, on either database (docs/decisions/013-postgresql.md):
 * better-sqlite3 names the failure in `code` (SQLITE_CONSTRAINT_UNIQUE, SQLITE_FULL, …), `pg` puts
 * the SQLSTATE there (23505, 53100, …).
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
 * The database could not write: a full or failing disk, or a database that only reads. The write
 * is then not made (the transaction is rolled back whole) and the user is told it was not saved.
 * SQLite: SQLITE_FULL, SQLITE_IOERR_*, SQLITE_READONLY*. PostgreSQL: class 53 (disk full, out of
 * memory), 58030 (I/O error), 25006 (a read-only transaction).
 */
export function isStorageFailure(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === "SQLITE_FULL" ||
    code.startsWith("SQLITE_IOERR") ||
    code.startsWith("SQLITE_READONLY") ||
    code === "53100" ||
    code === "53200" ||
    code === "58030" ||
    code === "25006"
  );
}
