/**
 * What kind of rule the database refused a write under, the same on SQLite and PostgreSQL:
 * better-sqlite3 names it in the error's `code` (SQLITE_CONSTRAINT_UNIQUE …), pg in the SQLSTATE
 * it carries as `code` (23505 …). A trigger's refusal (SQLite's `raise(abort, …)`, PostgreSQL's
 * `pgRaise` with SQLSTATE 23000) is a "rule"; its message says which.
 */
export type ConstraintKind = "unique" | "foreign_key" | "check" | "not_null" | "rule";

const SQLITE: Record<string, ConstraintKind> = {
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_CONSTRAINT_FOREIGNKEY: "foreign_key",
  SQLITE_CONSTRAINT_CHECK: "check",
  SQLITE_CONSTRAINT_NOTNULL: "not_null",
  SQLITE_CONSTRAINT_TRIGGER: "rule",
};

const POSTGRES: Record<string, ConstraintKind> = {
  "23505": "unique",
  "23503": "foreign_key",
  "23514": "check",
  "23502": "not_null",
  "23000": "rule",
};

/** The constraint `error` reports a violation of, or null when it is some other error. */
export function constraintViolation(error: unknown): ConstraintKind | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  return SQLITE[code] ?? POSTGRES[code] ?? null;
}
