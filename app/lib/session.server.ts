import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { prepare } from "../../db/prepared";
import type { Role } from "../../db/schema";
import { getDb } from "./db.server";
import { getSessionSecret } from "./env.server";
import { addSeconds, nowIso } from "./time";

/** A judge's laptop may sit closed between two village visits; a working day of idleness is fine. */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;
/** However active, a session ends after two weeks and the user logs in again. */
const SESSION_ABSOLUTE_SECONDS = 14 * 24 * 60 * 60;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_INTERVAL_SECONDS = 60;

const SESSION_COOKIE = "juara_session";

let sessionCookie: ReturnType<typeof createCookie> | undefined;
function cookie() {
  sessionCookie ??= createCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [getSessionSecret()],
    maxAge: SESSION_ABSOLUTE_SECONDS,
  });
  return sessionCookie;
}

/** Secure only over HTTPS: offices also run Juara over plain HTTP on an intranet. */
function isSecure(context: AppLoadContext | undefined): boolean {
  return context?.secure === true;
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  sessionId: string;
  /** the session began with a password a chair or an admin issued (docs/security.md) */
  issuedPasswordSession: boolean;
}

/**
 * Whether the request carries a session cookie at all (valid or not), for decisions that must
 * not wait on the database, such as whether a response may be cached.
 */
export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  return (cookieHeader ?? "")
    .split(";")
    .some(
      (pair) =>
        pair.trim().startsWith(`${SESSION_COOKIE}=`) &&
        pair.trim().length > SESSION_COOKIE.length + 1,
    );
}

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await cookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * Starts a new session (a fresh id every login, so a planted id is never promoted), called right
 * after the password was checked. Whether that password was issued by a chair or an admin is
 * copied onto the session, in the same statement, and stays for the session's life: changing the
 * password inside it does not make what was done in it the user's own.
 */
export async function createSession(userId: number, context?: AppLoadContext): Promise<string> {
  const id = crypto.randomBytes(32).toString("base64url");
  const now = nowIso();
  const inserted = await getDb()
    .insertInto("sessions")
    .columns(["id", "user_id", "created_at", "last_seen_at", "expires_at", "issued_password"])
    .expression((eb) =>
      eb
        .selectFrom("users")
        .select((s) => [
          s.val(id).as("id"),
          "users.id",
          s.val(now).as("created_at"),
          s.val(now).as("last_seen_at"),
          s.val(addSeconds(now, SESSION_ABSOLUTE_SECONDS)).as("expires_at"),
          "users.password_issued",
        ])
        .where("users.id", "=", userId),
    )
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows) !== 1) throw new Error(`No user ${userId}`);
  return cookie().serialize(id, { secure: isSecure(context) });
}

export async function destroySession(request: Request, context?: AppLoadContext): Promise<string> {
  const id = await readSessionId(request);
  if (id) await getDb().deleteFrom("sessions").where("id", "=", id).execute();
  return cookie().serialize("", { maxAge: 0, secure: isSecure(context) });
}

/** Ends every session of a user but the one given (after a password change). */
export async function destroyOtherSessions(userId: number, keepSessionId: string | null) {
  let query = getDb().deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "<>", keepSessionId);
  await query.execute();
}

/** every request of a signed-in user runs it: prepared once (db/prepared.ts) */
const sessionQuery = prepare((db, p: { id: string }) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as sessionId",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.active",
      "users.must_change_password",
      "sessions.issued_password",
    ])
    .where("sessions.id", "=", p.id),
);

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const db = getDb();
  const row = await sessionQuery.first(db, { id });
  if (!row) return null;
  const now = nowIso();
  const idleDeadline = addSeconds(row.last_seen_at, SESSION_IDLE_SECONDS);
  if (row.active !== 1 || row.expires_at <= now || idleDeadline <= now) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  if (addSeconds(row.last_seen_at, TOUCH_INTERVAL_SECONDS) <= now) {
    await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    mustChangePassword: row.must_change_password === 1,
    sessionId: row.sessionId,
    issuedPasswordSession: row.issued_password === 1,
  };
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  return redirect(`/login?${params.toString()}`);
}

/** The signed-in user, or a redirect to the login page. */
export async function requireUser(
  request: Request,
  options: { allowPasswordChange?: boolean } = {},
): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) throw loginRedirect(request);
  if (user.mustChangePassword && !options.allowPasswordChange) {
    throw redirect("/account/password");
  }
  return user;
}

/** The signed-in user if their role is one of `roles`; otherwise 403 (or the login page). */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getSessionUser(request)) throw redirect("/dashboard");
}

/** Stands in for this site's origin when resolving a path: only paths are ever followed. */
const SITE = "http://juara.invalid";

/**
 * Where to go after login or a language switch: the value resolved as a browser resolves a
 * Location (tabs and line breaks dropped, "/\host" and "//host" read as another host), and
 * followed only when it stays on this site; the path comes back percent-encoded, so it is always
 * a valid header value. Anything else goes to `fallback`.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/dashboard",
) {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE) return fallback;
  return url.pathname + url.search + url.hash;
}
