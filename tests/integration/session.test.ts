import { createCookie } from "@remix-run/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { Role } from "../../db/schema";
import {
  createSession,
  destroyOtherSessions,
  destroySession,
  getSessionUser,
  hasSessionCookie,
  requireAnonymous,
  requireRole,
  requireUser,
  safeRedirect,
  SESSION_IDLE_SECONDS,
} from "../../app/lib/session.server";
import { createTestDb, type TestDb } from "../support/db";

/**
 * Sessions in-process, with real Requests against a real migrated SQLite file: what the cookie
 * promises (signed, HttpOnly, SameSite, Secure over HTTPS), when a session ends (absolute and
 * idle limits, deactivation, logout, another device's password change) and what the role checks
 * answer. The server tests cover the same through HTTP; these are the ones Stryker can see.
 */

const DAY = 24 * 60 * 60;
const ABSOLUTE_SECONDS = 14 * DAY;
const T0 = Date.parse("2026-03-02T08:00:00.000Z");

let t: TestDb;
const ids: Record<"judge" | "chair" | "admin" | "mustChange" | "chosen", number> = {
  judge: 0,
  chair: 0,
  admin: 0,
  mustChange: 0,
  chosen: 0,
};

async function addUser(
  email: string,
  role: Role,
  flags: { mustChange?: boolean; issued?: boolean } = {},
): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await t.db
    .insertInto("users")
    .values({
      email,
      name: `Name of ${email}`,
      role,
      // never checked here: sessions start after the password was checked
      password_hash: "not-a-real-hash",
      must_change_password: flags.mustChange ? 1 : 0,
      password_issued: flags.issued === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The cookie's name=value pair as a browser sends it back. */
function pair(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

function requestWith(setCookie: string, url = "http://localhost/dashboard"): Request {
  return new Request(url, { headers: { Cookie: pair(setCookie) } });
}

function attributes(setCookie: string): string[] {
  return setCookie
    .split(";")
    .slice(1)
    .map((a) => a.trim().toLowerCase());
}

async function sessionRows(userId: number) {
  return t.db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
}

/** What a route handler sees when a check throws: the thrown Response. */
async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

beforeAll(async () => {
  t = await createTestDb();
  ids.judge = await addUser("juri@example.id", "judge");
  ids.chair = await addUser("ketua@example.id", "chair");
  ids.admin = await addUser("admin@example.id", "admin");
  ids.mustChange = await addUser("baru@example.id", "judge", { mustChange: true });
  ids.chosen = await addUser("sendiri@example.id", "judge", { issued: false });
});
afterAll(() => t.cleanup());
afterEach(() => {
  vi.useRealTimers();
});

describe("the session cookie", () => {
  // First in the file: the cookie is built once, on first use, and Stryker counts as covering
  // its options only the test that built it; so this one also checks every option.
  it("is signed: the session id alone, a changed signature or another secret's signature is refused", async () => {
    const cookie = await createSession(ids.judge);
    expect(attributes(cookie)).toEqual(
      expect.arrayContaining(["httponly", "samesite=lax", "path=/", `max-age=${ABSOLUTE_SECONDS}`]),
    );
    expect((await getSessionUser(requestWith(cookie)))?.id).toBe(ids.judge);
    const [row] = (await sessionRows(ids.judge)).slice(-1);
    // the value is the encoded id, a dot and the signature; without the signature it is refused
    const signed = decodeURIComponent(pair(cookie).slice("juara_session=".length));
    const [payload, signature] = signed.split(".");
    expect(signature).toBeTruthy();
    for (const value of [payload!, `${payload}.`, row!.id]) {
      const unsigned = new Request("http://localhost/", {
        headers: { Cookie: `juara_session=${encodeURIComponent(value)}` },
      });
      expect(await getSessionUser(unsigned)).toBeNull();
    }

    const forged = createCookie("juara_session", { secrets: ["not-the-secret-of-this-site"] });
    const forgedCookie = await forged.serialize(row!.id);
    expect(await getSessionUser(requestWith(forgedCookie))).toBeNull();

    const p = pair(cookie);
    const tampered = p.slice(0, -3) + (p.endsWith("AAA") ? "BBB" : "AAA");
    expect(
      await getSessionUser(new Request("http://localhost/", { headers: { Cookie: tampered } })),
    ).toBeNull();
    // a value signed with this site's secret that is not a session id is refused, not an error
    const sameSecret = createCookie("juara_session", { secrets: [process.env.SESSION_SECRET!] });
    for (const value of [{ id: row!.id }, [row!.id], ""]) {
      expect(await getSessionUser(requestWith(await sameSecret.serialize(value)))).toBeNull();
    }
    // none of these refusals ends the real session
    expect((await getSessionUser(requestWith(cookie)))?.id).toBe(ids.judge);
  });

  it("is HttpOnly, SameSite=Lax, site-wide, lasts two weeks, and is Secure only over HTTPS", async () => {
    const plain = await createSession(ids.judge);
    expect(plain.startsWith("juara_session=")).toBe(true);
    expect(attributes(plain)).toEqual(
      expect.arrayContaining(["httponly", "samesite=lax", "path=/", `max-age=${ABSOLUTE_SECONDS}`]),
    );
    expect(attributes(plain)).not.toContain("secure");
    // offices run Juara over plain HTTP too: Secure only when the request came over HTTPS
    const overHttp = await createSession(ids.judge, { secure: false } as AppLoadContext);
    expect(attributes(overHttp)).not.toContain("secure");
    const overHttps = await createSession(ids.judge, { secure: true } as AppLoadContext);
    expect(attributes(overHttps)).toContain("secure");
    expect(attributes(overHttps)).toContain("httponly");
  });

  it("is new at every login: two logins of the same user get different sessions", async () => {
    const a = await createSession(ids.chair);
    const b = await createSession(ids.chair);
    expect(pair(a)).not.toBe(pair(b));
    const [ua, ub] = [await getSessionUser(requestWith(a)), await getSessionUser(requestWith(b))];
    expect(ua?.sessionId).not.toBe(ub?.sessionId);
    // 32 random bytes, base64url
    expect(ua!.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("tells whether a request carries a session cookie at all, without the database", () => {
    expect(hasSessionCookie(null)).toBe(false);
    expect(hasSessionCookie(undefined)).toBe(false);
    expect(hasSessionCookie("")).toBe(false);
    expect(hasSessionCookie("juara_session=")).toBe(false);
    expect(hasSessionCookie("juara_session= ; lang=en")).toBe(false);
    expect(hasSessionCookie("lang=en")).toBe(false);
    expect(hasSessionCookie("not_juara_session=abc")).toBe(false);
    expect(hasSessionCookie("juara_session_old=abc")).toBe(false);
    expect(hasSessionCookie("juara_session=a")).toBe(true);
    expect(hasSessionCookie("lang=en; juara_session=abc")).toBe(true);
    expect(hasSessionCookie("lang=en;juara_session=abc;x=1")).toBe(true);
  });
});

describe("starting a session", () => {
  it("writes the row: created and seen now, ends after two weeks, with the issued-password mark", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const issued = await createSession(ids.judge);
    const chosen = await createSession(ids.chosen);
    const start = new Date(T0).toISOString();
    const end = new Date(T0 + ABSOLUTE_SECONDS * 1000).toISOString();
    const judgeRow = (await sessionRows(ids.judge)).find((r) => r.created_at === start);
    expect(judgeRow).toMatchObject({
      user_id: ids.judge,
      created_at: start,
      last_seen_at: start,
      expires_at: end,
      issued_password: 1,
    });
    const chosenRows = await sessionRows(ids.chosen);
    expect(chosenRows).toHaveLength(1);
    expect(chosenRows[0]).toMatchObject({
      user_id: ids.chosen,
      created_at: start,
      last_seen_at: start,
      expires_at: end,
      issued_password: 0,
    });
    expect((await getSessionUser(requestWith(issued)))?.issuedPasswordSession).toBe(true);
    expect((await getSessionUser(requestWith(chosen)))?.issuedPasswordSession).toBe(false);
  });

  it("refuses a user that does not exist and writes nothing", async () => {
    const before = await t.db.selectFrom("sessions").select("id").execute();
    await expect(createSession(987654)).rejects.toThrow("No user 987654");
    expect(await t.db.selectFrom("sessions").select("id").execute()).toEqual(before);
  });
});

describe("reading the session of a request", () => {
  it("answers the signed-in user with their role and flags", async () => {
    const cookie = await createSession(ids.mustChange);
    const user = await getSessionUser(requestWith(cookie));
    const [row] = await sessionRows(ids.mustChange);
    expect(user).toEqual({
      id: ids.mustChange,
      email: "baru@example.id",
      name: "Name of baru@example.id",
      role: "judge",
      mustChangePassword: true,
      sessionId: row!.id,
      issuedPasswordSession: true,
    });
    const chair = await getSessionUser(requestWith(await createSession(ids.chair)));
    expect(chair).toMatchObject({ id: ids.chair, role: "chair", mustChangePassword: false });
  });

  it("answers null without a cookie, with another site's cookie, or after logout's empty cookie", async () => {
    expect(await getSessionUser(new Request("http://localhost/"))).toBeNull();
    expect(
      await getSessionUser(new Request("http://localhost/", { headers: { Cookie: "lang=en" } })),
    ).toBeNull();
    const cleared = await destroySession(new Request("http://localhost/"));
    expect(await getSessionUser(requestWith(cleared))).toBeNull();
  });

  it("ends a session at its absolute limit, however active, and removes the row", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const cookie = await createSession(ids.admin);
    const request = requestWith(cookie);
    // active every few hours for two weeks
    for (let s = 6 * 3600; s < ABSOLUTE_SECONDS; s += 6 * 3600) {
      vi.setSystemTime(T0 + s * 1000);
      expect((await getSessionUser(request))?.id).toBe(ids.admin);
    }
    vi.setSystemTime(T0 + (ABSOLUTE_SECONDS - 1) * 1000);
    expect((await getSessionUser(request))?.id).toBe(ids.admin);
    // at the very second it expires, it is over
    vi.setSystemTime(T0 + ABSOLUTE_SECONDS * 1000);
    expect(await getSessionUser(request)).toBeNull();
    expect(await sessionRows(ids.admin)).toEqual([]);
    vi.setSystemTime(T0);
    expect(await getSessionUser(request)).toBeNull();
  });

  it("ends a session idle for twelve hours, to the second, and removes the row", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const cookie = await createSession(ids.admin);
    const request = requestWith(cookie);
    vi.setSystemTime(T0 + (SESSION_IDLE_SECONDS - 1) * 1000);
    expect((await getSessionUser(request))?.id).toBe(ids.admin);
    // that request counted as activity: the twelve hours start again from it
    const seen = T0 + (SESSION_IDLE_SECONDS - 1) * 1000;
    vi.setSystemTime(seen + (SESSION_IDLE_SECONDS - 1) * 1000);
    expect((await getSessionUser(request))?.id).toBe(ids.admin);
    const lastSeen = seen + (SESSION_IDLE_SECONDS - 1) * 1000;
    vi.setSystemTime(lastSeen + SESSION_IDLE_SECONDS * 1000);
    expect(await getSessionUser(request)).toBeNull();
    expect(await sessionRows(ids.admin)).toEqual([]);
  });

  it("writes last_seen_at at most once a minute", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const cookie = await createSession(ids.admin);
    const request = requestWith(cookie);
    const seenAt = async () => (await sessionRows(ids.admin))[0]!.last_seen_at;
    vi.setSystemTime(T0 + 59_999);
    await getSessionUser(request);
    expect(await seenAt()).toBe(new Date(T0).toISOString());
    vi.setSystemTime(T0 + 60_000);
    await getSessionUser(request);
    expect(await seenAt()).toBe(new Date(T0 + 60_000).toISOString());
    vi.setSystemTime(T0 + 90_000);
    await getSessionUser(request);
    expect(await seenAt()).toBe(new Date(T0 + 60_000).toISOString());
    await t.db.deleteFrom("sessions").where("user_id", "=", ids.admin).execute();
  });

  it("ends the session of a user who was deactivated, and it does not come back on reactivation", async () => {
    const id = await addUser("pergi@example.id", "judge");
    const cookie = await createSession(id);
    expect((await getSessionUser(requestWith(cookie)))?.id).toBe(id);
    await t.db.updateTable("users").set({ active: 0 }).where("id", "=", id).execute();
    expect(await getSessionUser(requestWith(cookie))).toBeNull();
    expect(await sessionRows(id)).toEqual([]);
    await t.db.updateTable("users").set({ active: 1 }).where("id", "=", id).execute();
    expect(await getSessionUser(requestWith(cookie))).toBeNull();
  });
});

describe("ending sessions", () => {
  it("logout removes this session's row, keeps the user's others, and clears the cookie", async () => {
    const id = await addUser("keluar@example.id", "judge");
    const here = await createSession(id);
    const elsewhere = await createSession(id);
    const cleared = await destroySession(requestWith(here));
    expect(pair(cleared)).toBe("juara_session=");
    expect(attributes(cleared)).toEqual(expect.arrayContaining(["max-age=0", "httponly"]));
    expect(attributes(cleared)).not.toContain("secure");
    expect(await getSessionUser(requestWith(here))).toBeNull();
    expect((await getSessionUser(requestWith(elsewhere)))?.id).toBe(id);
    expect(await sessionRows(id)).toHaveLength(1);
    const overHttps = await destroySession(requestWith(elsewhere), {
      secure: true,
    } as AppLoadContext);
    expect(attributes(overHttps)).toContain("secure");
    expect(await sessionRows(id)).toEqual([]);
  });

  it("logout without a session (or with a forged one) removes nothing", async () => {
    const id = await addUser("tetap@example.id", "judge");
    await createSession(id);
    await destroySession(new Request("http://localhost/"));
    const forged = createCookie("juara_session", { secrets: ["someone-else"] });
    const [row] = await sessionRows(id);
    await destroySession(requestWith(await forged.serialize(row!.id)));
    expect(await sessionRows(id)).toHaveLength(1);
  });

  it("ends every other session of a user, or all of them, and no one else's", async () => {
    const a = await addUser("a@example.id", "judge");
    const b = await addUser("b@example.id", "judge");
    const keep = await createSession(a);
    await createSession(a);
    await createSession(a);
    const other = await createSession(b);
    const kept = await getSessionUser(requestWith(keep));
    await destroyOtherSessions(a, kept!.sessionId);
    expect((await sessionRows(a)).map((r) => r.id)).toEqual([kept!.sessionId]);
    expect((await getSessionUser(requestWith(keep)))?.id).toBe(a);
    await destroyOtherSessions(a, null);
    expect(await sessionRows(a)).toEqual([]);
    expect((await getSessionUser(requestWith(other)))?.id).toBe(b);
  });
});

describe("role checks", () => {
  it("sends a request without a session to the login page, remembering where it was going", async () => {
    const request = new Request("http://localhost/chair/competitions/kutim-2024/results?tab=2");
    const res = await thrown(requireUser(request));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      "/login?redirectTo=%2Fchair%2Fcompetitions%2Fkutim-2024%2Fresults%3Ftab%3D2",
    );
    const viaRole = await thrown(requireRole(request, ["chair"]));
    expect(viaRole.status).toBe(302);
    expect(viaRole.headers.get("Location")).toBe(res.headers.get("Location"));
  });

  it("sends a user who must change their password there first, except on that page", async () => {
    const cookie = await createSession(ids.mustChange);
    const res = await thrown(requireUser(requestWith(cookie)));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account/password");
    const viaRole = await thrown(requireRole(requestWith(cookie), ["judge"]));
    expect(viaRole.headers.get("Location")).toBe("/account/password");
    const user = await requireUser(requestWith(cookie, "http://localhost/account/password"), {
      allowPasswordChange: true,
    });
    expect(user.id).toBe(ids.mustChange);
    const notAllowed = await thrown(
      requireUser(requestWith(cookie), { allowPasswordChange: false }),
    );
    expect(notAllowed.headers.get("Location")).toBe("/account/password");
  });

  it("lets a listed role through and answers 403 Forbidden to any other", async () => {
    const judge = await createSession(ids.judge);
    const chair = await createSession(ids.chair);
    const admin = await createSession(ids.admin);
    expect((await requireRole(requestWith(chair), ["chair"])).id).toBe(ids.chair);
    expect((await requireRole(requestWith(admin), ["chair", "admin"])).id).toBe(ids.admin);
    expect((await requireRole(requestWith(judge), ["judge"])).role).toBe("judge");
    const forbidden = await thrown(requireRole(requestWith(judge), ["chair", "admin"]));
    expect(forbidden.status).toBe(403);
    expect(forbidden.statusText).toBe("Forbidden");
    expect(await forbidden.text()).toBe("Forbidden");
    expect((await thrown(requireRole(requestWith(chair), ["admin"]))).status).toBe(403);
    expect((await thrown(requireRole(requestWith(admin), []))).status).toBe(403);
  });

  it("sends a signed-in user away from the login page, and lets anyone else see it", async () => {
    const cookie = await createSession(ids.chair);
    const res = await thrown(requireAnonymous(requestWith(cookie, "http://localhost/login")));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/dashboard");
    await expect(requireAnonymous(new Request("http://localhost/login"))).resolves.toBeUndefined();
  });
});

describe("where to go after login", () => {
  it("falls back for anything that is not a path, to /dashboard or the fallback given", () => {
    expect(safeRedirect(null)).toBe("/dashboard");
    expect(safeRedirect(undefined)).toBe("/dashboard");
    expect(safeRedirect(new File(["x"], "/x"))).toBe("/dashboard");
    expect(safeRedirect("relative/path")).toBe("/dashboard");
    // a host no URL parser accepts
    expect(safeRedirect("//[")).toBe("/dashboard");
    expect(safeRedirect("/\\[x", "/")).toBe("/");
    expect(safeRedirect("//evil.example", "/")).toBe("/");
    expect(safeRedirect(null, "/judge")).toBe("/judge");
    expect(safeRedirect("/judge/kutim-2024", "/")).toBe("/judge/kutim-2024");
    expect(safeRedirect("/a?b=1#c")).toBe("/a?b=1#c");
  });
});
