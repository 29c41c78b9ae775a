import { sql } from "kysely";
import { databaseKind, type DatabaseKind } from "../../db/connection";
import { getDb } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";

export interface DatabaseHealth {
  kind: DatabaseKind;
  /** `select 1` answered within the bound */
  answers: boolean;
  /** how long it took (or how long we waited) in milliseconds */
  ms: number;
}

/** A monitor must get its answer soon, even while the pool waits for a lost server. */
const BOUND_MS = 3_000;

let kind: DatabaseKind | undefined;

/** Which database the app runs on and whether it answers a trivial query now. */
export async function databaseHealth(): Promise<DatabaseHealth> {
  kind ??= databaseKind(getEnv().DATABASE_URL);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const answers = await Promise.race([
    sql`select 1`.execute(getDb()).then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), BOUND_MS))),
  ]);
  clearTimeout(timer);
  return { kind, answers, ms: Math.round(performance.now() - started) };
}
