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

/*
 * SQL that the two databases spell differently, for the ranking statement and the models
 * (docs/decisions/003-ranking-in-one-sql-statement.md). Each takes the database it will run on.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The values of a group joined into one text with `separator`, in the order `orderBy` (none:
 * any order): `group_concat` on SQLite (3.44+ for the order), `string_agg` on PostgreSQL. Null
 * values are skipped; a group of nulls gives null on both.
 */
export function stringAgg(
  db: AnyDb,
  value: RawBuilder<unknown>,
  separator: string,
  orderBy?: RawBuilder<unknown>,
): RawBuilder<string | null> {
  const order = orderBy ? sql` order by ${orderBy}` : sql``;
  return isPostgres(db)
    ? sql<string | null>`string_agg(cast(${value} as text), ${sql.lit(separator)}${order})`
    : sql<string | null>`group_concat(${value}, ${sql.lit(separator)}${order})`;
}

/** A non-negative integer as text of at least `width` digits, zeros in front ('00042'). */
export function zeroPad(db: AnyDb, value: RawBuilder<unknown>, width: number): RawBuilder<string> {
  const w = Math.trunc(width);
  // lpad cuts a longer text to `width`; printf never does: the callers' values fit `width`
  return isPostgres(db)
    ? sql<string>`lpad(cast(${value} as text), ${sql.lit(w)}, '0')`
    : sql<string>`printf(${sql.lit(`%0${w}d`)}, ${value})`;
}

/**
 * The rows of a group as a JSON array of arrays, as text ('[]' for no rows), in the order
 * `orderBy`: `json_group_array(json_array(…))` on SQLite, `json_agg(json_build_array(…))` on
 * PostgreSQL (cast to text: the driver would otherwise parse it, and json_agg of no rows is null).
 */
export function jsonArrayAgg(
  db: AnyDb,
  items: RawBuilder<unknown>[],
  orderBy: RawBuilder<unknown>,
): RawBuilder<string> {
  const list = sql.join(items);
  return isPostgres(db)
    ? sql<string>`coalesce(cast(json_agg(json_build_array(${list}) order by ${orderBy}) as text), '[]')`
    : sql<string>`json_group_array(json_array(${list}) order by ${orderBy})`;
}

/**
 * sum() of 64-bit integers as a 64-bit integer (over the window `over` when given). SQLite's
 * sum of integers is one (an overflow is an error); PostgreSQL's sum(bigint) is `numeric`, whose
 * `/` is not integer division, so it is cast back (an overflow is an error there too, SQLSTATE
 * 22003).
 */
export function integerSum(
  db: AnyDb,
  value: RawBuilder<unknown>,
  over?: RawBuilder<unknown>,
): RawBuilder<number> {
  const sum = over ? sql`sum(${value}) over (${over})` : sql`sum(${value})`;
  return isPostgres(db) ? sql<number>`cast(${sum} as bigint)` : sql<number>`${sum}`;
}

/**
 * Twice the median of a group of integers (the sum of its two middle values; twice the middle
 * value when the group is odd), an integer. PostgreSQL: the lower middle value in ascending order
 * plus the lower middle in descending order (`percentile_disc` returns one of the values, in their
 * type), integers throughout. SQLite: its `median` aggregate (bundled by better-sqlite3, which
 * builds SQLite with SQLITE_ENABLE_PERCENTILE), which works in doubles: exact while every value
 * is below 2^52 (the two middles, their half sum and its double are then all exact), which the
 * caller must check. Either way one aggregate, no window: no sort of the whole series.
 */
export function medianTimes2(db: AnyDb, value: RawBuilder<unknown>): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`(percentile_disc(0.5) within group (order by ${value}) + percentile_disc(0.5) within group (order by ${value} desc))`
    : sql<number>`cast(2 * median(${value}) as integer)`;
}

/**
 * A text compared byte by byte, whatever the database's collation: SQLite's default (BINARY);
 * on PostgreSQL `collate "C"`, so that a server created with a language's collation sorts and
 * compares keys exactly as SQLite does.
 */
export function bytewise(db: AnyDb, value: RawBuilder<unknown>): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`(${value} collate "C")` : sql<string>`${value}`;
}

/**
 * The text is a plain decimal as the app stores numbers (`1000`, `12.5`: digits, at most one
 * point between digits), so that casting it to a number is safe on both databases (PostgreSQL
 * refuses to cast anything else; SQLite would read a prefix of it). A glob on SQLite, a regular
 * expression on PostgreSQL; the same texts pass.
 */
export function isPlainDecimal(db: AnyDb, value: RawBuilder<unknown>): RawBuilder<boolean> {
  return isPostgres(db)
    ? sql<boolean>`(${value} ~ '^[0-9]+([.][0-9]+)?$')`
    : sql<boolean>`(${value} glob '[0-9]*' and ${value} glob '*[0-9]' and ${value} not glob '*[^0-9.]*' and ${value} not glob '*.*.*')`;
}

/**
 * A list of integers as one parameter, to read as a set: `x in ${intList(db, ids)}`. A JSON
 * array read by `json_each` on SQLite (its limit of parameters per statement does not apply), an
 * array unnested on PostgreSQL.
 */
export function intList(db: AnyDb, ids: readonly number[]): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`(select unnest(cast(${ids} as integer[])))`
    : sql<number>`(select value from json_each(${JSON.stringify(ids)}))`;
}
