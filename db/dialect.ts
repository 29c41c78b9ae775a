import {
  PostgresAdapter,
  sql,
  type ColumnDefinitionBuilder,
  type Kysely,
  type RawBuilder,
} from "kysely";

/**
 * The few places where SQLite and PostgreSQL need different SQL (docs/decisions/013-postgresql.md).
 * Everything else is written once, in Kysely's builder or in SQL both databases read alike.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Runs `statements` one by one on PostgreSQL (one `execute` may hold only one statement with
 * parameters, and a trigger function body is one statement of its own).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function runAll(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/**
 * A PL/pgSQL trigger: the function and the trigger that calls it, both named `name`.
 * `timing` e.g. "before update", "after insert or update of status"; `body` ends with its own
 * `return new;` / `return old;` / `return null;`.
 */
export function pgTrigger(
  name: string,
  table: string,
  timing: string,
  body: string,
  options: { when?: string; level?: "row" | "statement" } = {},
): string[] {
  return [
    `create function ${name}() returns trigger language plpgsql as $fn$
begin
${body}
end
$fn$`,
    `create trigger ${name} ${timing} on ${table} for each ${options.level ?? "row"}${
      options.when ? ` when (${options.when})` : ""
    } execute function ${name}()`,
  ];
}

/** Drops what pgTrigger made. */
export function dropPgTrigger(name: string, table: string): string[] {
  return [`drop trigger if exists ${name} on ${table}`, `drop function if exists ${name}()`];
}

/** `raise(abort, message)` of a SQLite trigger, as PostgreSQL raises it (SQLSTATE 23000). */
export function pgRaise(message: string): string {
  return `raise exception '${message.replace(/'/g, "''")}' using errcode = 'integrity_constraint_violation';`;
}

/** 1 when `condition` holds, else 0, as an integer on both databases (SQLite's comparison). */
export function flag(condition: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(case when ${condition} then 1 else 0 end)`;
}

/** An integer primary key the database numbers: AUTOINCREMENT on SQLite, an identity on PostgreSQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function idColumn(db: Kysely<any>) {
  const postgres = isPostgres(db);
  return (c: ColumnDefinitionBuilder) =>
    postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
}
