import type { Compilable, CompiledQuery, QueryResult } from "kysely";
import type { Executor } from "./schema";

/**
 * Queries whose shape never changes, built and compiled by Kysely once per database kind and then
 * run with each call's values: the judge's autosave runs a dozen such queries per save, and
 * building them anew (Kysely's builders, the operation tree frozen and visited, the SQL text
 * joined) cost about as much CPU as SQLite running them (docs/performance.md).
 *
 *     const sheetOf = prepare((db, p: { id: number }) =>
 *       db.selectFrom("score_sheets").select("version").where("id", "=", p.id));
 *     const row = await sheetOf.first(trx, { id });
 *
 * The builder is called once, with stand-ins for the values (`p.id` above): it must use a value
 * only where Kysely takes one (a comparison, `sql\`…${p.id}\``, `values`, `set`), never look at it
 * (a stand-in refuses to become a string or a number), and must not read anything but `db` and
 * `p`, or the first call's value would be kept for every later one. Outside production every call
 * also builds the query afresh with its own values and checks it compiles to the same statement
 * (the tests run that way), so a builder that breaks the rule fails its first test.
 */

/** Where a value goes in the prepared statement: the stand-in the builder was given for it. */
class Slot {
  constructor(readonly name: string) {}
  [Symbol.toPrimitive](): never {
    throw new Error(`prepare(): the value "${this.name}" was read while the query was built`);
  }
}

type Parameter = { slot: string } | { value: unknown };
interface Prepared {
  compiled: CompiledQuery;
  parameters: Parameter[];
}

const checking = process.env.NODE_ENV !== "production";

export interface PreparedQuery<Params, Row> {
  /** every row (a SELECT, or a write with RETURNING) */
  rows(db: Executor, params: Params): Promise<Row[]>;
  /** the first row, or undefined */
  first(db: Executor, params: Params): Promise<Row | undefined>;
  /** how many rows a write changed */
  changed(db: Executor, params: Params): Promise<number>;
}

export function prepare<Params extends Record<string, unknown>, Row>(
  build: (db: Executor, params: Params) => Compilable<Row>,
): PreparedQuery<Params, Row> {
  // by the adapter's class: the SQL text depends only on the dialect
  const byDialect = new Map<unknown, Prepared>();

  function compile(db: Executor): Prepared {
    const stands = new Proxy({} as Params, {
      get: (_target, name) => (typeof name === "string" ? new Slot(name) : undefined),
    });
    const compiled = build(db, stands).compile();
    return {
      compiled,
      parameters: compiled.parameters.map((value) =>
        value instanceof Slot ? { slot: value.name } : { value },
      ),
    };
  }

  function query(db: Executor, params: Params): CompiledQuery<Row> {
    const dialect = db.getExecutor().adapter.constructor;
    let prepared = byDialect.get(dialect);
    if (!prepared) byDialect.set(dialect, (prepared = compile(db)));
    const parameters = prepared.parameters.map((p) => ("slot" in p ? params[p.slot] : p.value));
    if (checking) {
      const fresh = build(db, params).compile();
      if (
        fresh.sql !== prepared.compiled.sql ||
        fresh.parameters.length !== parameters.length ||
        fresh.parameters.some((value, i) => !Object.is(value, parameters[i]))
      )
        throw new Error(
          `prepare(): the query built with this call's values differs from the prepared one:\n${fresh.sql}\n${JSON.stringify(fresh.parameters)}\n${prepared.compiled.sql}\n${JSON.stringify(parameters)}`,
        );
    }
    return { ...prepared.compiled, parameters } as CompiledQuery<Row>;
  }

  const run = (db: Executor, params: Params): Promise<QueryResult<Row>> =>
    db.executeQuery(query(db, params));

  return {
    rows: async (db, params) => (await run(db, params)).rows,
    first: async (db, params) => (await run(db, params)).rows[0],
    changed: async (db, params) => Number((await run(db, params)).numAffectedRows ?? 0),
  };
}
