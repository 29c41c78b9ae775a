import type { HeadersFunction } from "@remix-run/node";
import { getDb } from "./db.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { addSeconds, nowIso } from "./time";

/** Failures allowed for one account from one address before a pause. */
export const MAX_LOGIN_FAILURES = 5;
/** Failures are counted within this window, and the pause lasts as long. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/** The answer while an account is paused for an address: wait this long. */
export type Paused = { ok: false; reason: "locked"; retryAfterSeconds: number };

export type LoginResult =
  { ok: true; userId: number } | { ok: false; reason: "invalid" | "inactive" } | Paused;

export function isPaused(result: object): result is Paused {
  return "reason" in result && result.reason === "locked";
}

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
    // Forget counts whose window and pause are over: without this the table would keep one row
    // for every e-mail anyone ever tried.
    await trx
      .deleteFrom("login_attempts")
      .where("first_failure_at", "<=", addSeconds(now, -LOGIN_WINDOW_SECONDS))
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]))
      .execute();
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

/**
 * Runs one guess at `email`'s password from `ip` under the login limit: refused while the
 * account is paused for that address, counted when `failed` says the password was wrong, the
 * count cleared when it was right. Logging in and changing one's password (which asks for the
 * current one) share the count, so neither is a way around the other.
 */
export async function withPasswordLimit<R>(
  email: string,
  ip: string,
  guess: () => Promise<R>,
  failed: (result: R) => boolean,
): Promise<R | Paused> {
  const key = attemptKey(email, ip);
  const now = nowIso();
  const locked = await lockedFor(key, now);
  if (locked > 0) return { ok: false, reason: "locked", retryAfterSeconds: locked };
  const result = await guess();
  if (failed(result)) {
    await recordFailure(key, now);
    const lockedNow = await lockedFor(key, now);
    if (lockedNow > 0) return { ok: false, reason: "locked", retryAfterSeconds: lockedNow };
    return result;
  }
  await getDb().deleteFrom("login_attempts").where("key", "=", key).execute();
  return result;
}

/** Checks a login. Hashing happens outside any transaction: it would hold the one connection. */
export async function authenticate(
  email: string,
  password: string,
  ip: string,
): Promise<LoginResult> {
  return withPasswordLimit<LoginResult>(
    email,
    ip,
    async () => {
      const user = await getDb()
        .selectFrom("users")
        .select(["id", "password_hash", "active"])
        .where("email", "=", email.trim().toLowerCase())
        .executeTakeFirst();
      const valid = await verifyPassword(
        user?.password_hash ?? (await dummyPasswordHash()),
        password,
      );
      if (!user || !valid) return { ok: false, reason: "invalid" };
      // only someone who knows the password learns that the account was deactivated
      if (user.active !== 1) return { ok: false, reason: "inactive" };
      return { ok: true, userId: user.id };
    },
    (result) => !result.ok && result.reason === "invalid",
  );
}

/**
 * A route's `headers` for pages that answer a pause: without JavaScript the 429 is the document
 * itself, and Remix sends a document only the headers its route passes on.
 */
export const passOnRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  const headers = new Headers();
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
