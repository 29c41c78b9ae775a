import { getDb } from "./db.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { addSeconds, nowIso } from "./time";

/** Failures allowed for one account from one address before a pause. */
export const MAX_LOGIN_FAILURES = 5;
/** Failures are counted within this window, and the pause lasts as long. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * The rate-limit key is account + address, never the address alone: many villages reach the
 * internet through one carrier NAT address, and one judge's typos must not lock out a district.
 */
function attemptKey(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}

async function lockedFor(key: string, now: string): Promise<number> {
  const row = await getDb()
    .selectFrom("login_attempts")
    .select("locked_until")
    .where("key", "=", key)
    .executeTakeFirst();
  if (!row?.locked_until || row.locked_until <= now) return 0;
  return Math.ceil((Date.parse(row.locked_until) - Date.parse(now)) / 1000);
}

async function recordFailure(key: string, now: string): Promise<void> {
  const db = getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("login_attempts")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirst();
    const windowOpen = row && addSeconds(row.first_failure_at, LOGIN_WINDOW_SECONDS) > now;
    const failures = windowOpen ? row.failures + 1 : 1;
    const firstFailureAt = windowOpen ? row.first_failure_at : now;
    const lockedUntil =
      failures >= MAX_LOGIN_FAILURES ? addSeconds(now, LOGIN_WINDOW_SECONDS) : null;
    await trx
      .insertInto("login_attempts")
      .values({ key, failures, first_failure_at: firstFailureAt, locked_until: lockedUntil })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          failures,
          first_failure_at: firstFailureAt,
          locked_until: lockedUntil,
        }),
      )
      .execute();
  });
}

/** Checks a login. Hashing happens outside any transaction: it would hold the one connection. */
export async function authenticate(
  email: string,
  password: string,
  ip: string,
): Promise<LoginResult> {
  const key = attemptKey(email, ip);
  const now = nowIso();
  const locked = await lockedFor(key, now);
  if (locked > 0) return { ok: false, reason: "locked", retryAfterSeconds: locked };

  const user = await getDb()
    .selectFrom("users")
    .select(["id", "password_hash", "active"])
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !valid || user.active !== 1) {
    await recordFailure(key, now);
    const lockedNow = await lockedFor(key, now);
    if (lockedNow > 0) return { ok: false, reason: "locked", retryAfterSeconds: lockedNow };
    return { ok: false, reason: "invalid" };
  }
  await getDb().deleteFrom("login_attempts").where("key", "=", key).execute();
  return { ok: true, userId: user.id };
}
