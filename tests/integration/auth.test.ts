import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authenticate,
  isPaused,
  LOGIN_WINDOW_SECONDS,
  MAX_LOGIN_FAILURES,
  passOnRetryAfter,
} from "../../app/lib/auth.server";
import { hashPassword, verifyPassword } from "../../app/lib/password.server";
import {
  createSession,
  getSessionUser,
  safeRedirect,
  SESSION_IDLE_SECONDS,
} from "../../app/lib/session.server";
import { SYSTEM_ACTOR } from "../../app/lib/audit.server";
import { changePassword, createUser } from "../../app/models/users.server";
import { createTestDb, type TestDb } from "../support/db";

function requestWithCookie(setCookie: string): Request {
  return new Request("http://localhost/dashboard", {
    headers: { Cookie: setCookie.split(";")[0]! },
  });
}

describe("accounts and sessions", () => {
  let t: TestDb;
  let judgeId: number;

  beforeAll(async () => {
    t = await createTestDb();
    const created = await createUser(SYSTEM_ACTOR, {
      email: "Juri@Example.ID",
      name: "Juri",
      role: "judge",
      password: "rahasia-benar",
    });
    if (!created.ok) throw new Error("setup failed");
    judgeId = created.userId;
  });
  afterAll(() => t.cleanup());

  it("hashes passwords with argon2id at the OWASP baseline and verifies them", async () => {
    const hash = await hashPassword("kata-sandi-1");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "kata-sandi-1")).toBe(true);
    expect(await verifyPassword(hash, "kata-sandi-2")).toBe(false);
    const stored = await t.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", judgeId)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain("rahasia-benar");
  });

  it("treats emails case-insensitively and refuses a second account with the same one", async () => {
    expect((await authenticate("JURI@example.id", "rahasia-benar", "10.0.0.1")).ok).toBe(true);
    const dup = await createUser(SYSTEM_ACTOR, {
      email: "juri@EXAMPLE.id",
      name: "Other",
      role: "chair",
      password: "12345678",
    });
    expect(dup).toEqual({ ok: false, errors: { email: ["error.emailTaken"] } });
  });

  it("refuses a wrong password and an unknown account alike", async () => {
    expect(await authenticate("juri@example.id", "salah", "10.0.0.2")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate("nobody@example.id", "salah", "10.0.0.2")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("pauses one account from one address after repeated failures, without locking others behind the same NAT", async () => {
    const ip = "36.80.1.1"; // a carrier NAT address many villages share
    for (let i = 1; i < MAX_LOGIN_FAILURES; i++) {
      expect((await authenticate("juri@example.id", `wrong-${i}`, ip)).ok).toBe(false);
    }
    const locked = await authenticate("juri@example.id", "wrong-last", ip);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    // the password page tells a pause from a refusal by this
    expect(isPaused(locked)).toBe(true);
    expect(isPaused({ ok: false, reason: "invalid" })).toBe(false);
    expect(isPaused({ ok: true, userId: 1 })).toBe(false);
    // even the right password waits out the pause from that address
    expect(await authenticate("juri@example.id", "rahasia-benar", ip)).toMatchObject({
      reason: "locked",
    });
    // the same account from another address, and another account from the same address, still work
    expect((await authenticate("juri@example.id", "rahasia-benar", "36.80.9.9")).ok).toBe(true);
    const other = await createUser(SYSTEM_ACTOR, {
      email: "juri2@example.id",
      name: "Juri 2",
      role: "judge",
      password: "rahasia-dua",
    });
    expect(other.ok).toBe(true);
    expect((await authenticate("juri2@example.id", "rahasia-dua", ip)).ok).toBe(true);
    // the pause is kept in the database, so a restart does not lift it
    const row = await t.db
      .selectFrom("login_attempts")
      .selectAll()
      .where("key", "=", `juri@example.id|${ip}`)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(MAX_LOGIN_FAILURES);
    expect(row.locked_until).not.toBeNull();
  });

  it("refuses a deactivated account", async () => {
    const u = await createUser(SYSTEM_ACTOR, {
      email: "gone@example.id",
      name: "Gone",
      role: "judge",
      password: "12345678",
    });
    if (!u.ok) throw new Error("setup");
    await t.db.updateTable("users").set({ active: 0 }).where("id", "=", u.userId).execute();
    // the right password learns the account is inactive; a wrong one learns nothing more
    expect(await authenticate("gone@example.id", "12345678", "10.1.1.1")).toEqual({
      ok: false,
      reason: "inactive",
    });
    expect(await authenticate("gone@example.id", "wrong-password", "10.1.1.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("finds the account however the e-mail is padded, as the pause key does", async () => {
    // (the password is still "rahasia-benar" here; the change-password test comes later)
    expect(await authenticate("  Juri@Example.ID\t", "rahasia-benar", "10.2.2.2")).toEqual({
      ok: true,
      userId: judgeId,
    });
  });

  it("does not count a deactivated account's right password towards a pause", async () => {
    const u = await createUser(SYSTEM_ACTOR, {
      email: "cuti@example.id",
      name: "Cuti",
      role: "judge",
      password: "12345678",
    });
    if (!u.ok) throw new Error("setup");
    await t.db.updateTable("users").set({ active: 0 }).where("id", "=", u.userId).execute();
    const ip = "10.3.3.3";
    for (let i = 0; i <= MAX_LOGIN_FAILURES; i++) {
      expect(await authenticate("cuti@example.id", "12345678", ip)).toEqual({
        ok: false,
        reason: "inactive",
      });
    }
    expect(
      await t.db
        .selectFrom("login_attempts")
        .selectAll()
        .where("key", "=", `cuti@example.id|${ip}`)
        .execute(),
    ).toEqual([]);
    // once reactivated, the same address logs in at once
    await t.db.updateTable("users").set({ active: 1 }).where("id", "=", u.userId).execute();
    expect(await authenticate("cuti@example.id", "12345678", ip)).toEqual({
      ok: true,
      userId: u.userId,
    });
  });

  it("ends a session after the idle limit", async () => {
    const cookie = await createSession(judgeId);
    const request = requestWithCookie(cookie);
    expect((await getSessionUser(request))?.id).toBe(judgeId);
    const stale = new Date(Date.now() - (SESSION_IDLE_SECONDS + 60) * 1000).toISOString();
    await t.db
      .updateTable("sessions")
      .set({ last_seen_at: stale })
      .where("user_id", "=", judgeId)
      .execute();
    expect(await getSessionUser(request)).toBeNull();
  });

  it("refuses a cookie whose signature was tampered with", async () => {
    const cookie = await createSession(judgeId);
    const [pair] = cookie.split(";");
    const tampered = pair!.slice(0, -3) + (pair!.endsWith("AAA") ? "BBB" : "AAA");
    expect(
      await getSessionUser(new Request("http://localhost/", { headers: { Cookie: tampered } })),
    ).toBeNull();
  });

  it("changing a password ends the user's other sessions but keeps the current one", async () => {
    const here = await createSession(judgeId);
    const elsewhere = await createSession(judgeId);
    const me = await getSessionUser(requestWithCookie(here));
    if (!me) throw new Error("no session");
    expect(
      await changePassword({ id: judgeId, label: "juri" }, me.sessionId, "wrong", "baru-sekali"),
    ).toEqual({
      ok: false,
      errors: { current: ["password.wrongCurrent"] },
    });
    expect(
      await changePassword(
        { id: judgeId, label: "juri" },
        me.sessionId,
        "rahasia-benar",
        "baru-sekali",
      ),
    ).toEqual({ ok: true });
    expect(await getSessionUser(requestWithCookie(here))).not.toBeNull();
    expect(await getSessionUser(requestWithCookie(elsewhere))).toBeNull();
    expect((await authenticate("juri@example.id", "baru-sekali", "10.9.9.9")).ok).toBe(true);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("entity_id", "=", String(judgeId))
      .execute();
    expect(audit.map((a) => a.action)).toContain("change-password");
    expect(audit.every((a) => !(a.after_json ?? "").includes("argon2"))).toBe(true);
  });
  it("times the pause: says how long it lasts, lifts it when over, and counts only within the window", async () => {
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const ip = "10.9.0.1";
    const key = `juri@example.id|${ip}`;
    // (the password is "baru-sekali" since the change-password test above)
    // a pause with 120 s to run: refused with (about) that wait, however the email is typed
    await t.db
      .insertInto("login_attempts")
      .values({
        key,
        failures: MAX_LOGIN_FAILURES,
        first_failure_at: ago(30),
        locked_until: later(120),
      })
      .execute();
    const paused = await authenticate("  JURI@example.id ", "baru-sekali", ip);
    expect(paused).toMatchObject({ ok: false, reason: "locked" });
    const wait = (paused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThan(100);
    expect(wait).toBeLessThanOrEqual(120);
    // a pause that has ended no longer stands in the way, and a good login clears the count
    await t.db
      .updateTable("login_attempts")
      .set({ locked_until: ago(1) })
      .where("key", "=", key)
      .execute();
    expect((await authenticate("juri@example.id", "baru-sekali", ip)).ok).toBe(true);
    expect(
      await t.db.selectFrom("login_attempts").selectAll().where("key", "=", key).execute(),
    ).toEqual([]);
    // failures older than the window start a new count instead of adding to the old one
    await t.db
      .insertInto("login_attempts")
      .values({
        key,
        failures: MAX_LOGIN_FAILURES - 1,
        first_failure_at: ago(LOGIN_WINDOW_SECONDS + 5),
        locked_until: null,
      })
      .execute();
    expect(await authenticate("juri@example.id", "salah-lagi", ip)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const row = await t.db
      .selectFrom("login_attempts")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(1);
    expect(row.locked_until).toBeNull();
    await t.db.deleteFrom("login_attempts").where("key", "=", key).execute();
  });

  it("passes a pause's Retry-After on to the page's own response (a no-JavaScript 429)", () => {
    const args = { actionHeaders: new Headers({ "Retry-After": "90" }) } as Parameters<
      typeof passOnRetryAfter
    >[0];
    expect(new Headers(passOnRetryAfter(args)).get("Retry-After")).toBe("90");
    const none = { actionHeaders: new Headers() } as Parameters<typeof passOnRetryAfter>[0];
    expect(new Headers(passOnRetryAfter(none)).has("Retry-After")).toBe(false);
  });

  it("forgets failed logins once their window and pause are over, so the table cannot grow without bound", async () => {
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const old = ago(LOGIN_WINDOW_SECONDS + 60);
    await t.db
      .insertInto("login_attempts")
      .values([
        ...Array.from({ length: 200 }, (_, i) => ({
          key: `spray-${i}@example.id|10.7.0.1`,
          failures: 1,
          first_failure_at: old,
          locked_until: null,
        })),
        // a pause that ended
        {
          key: "ended@example.id|10.7.0.1",
          failures: 5,
          first_failure_at: old,
          locked_until: ago(5),
        },
        // still counting, and still paused: both stay
        {
          key: "recent@example.id|10.7.0.1",
          failures: 2,
          first_failure_at: ago(60),
          locked_until: null,
        },
        {
          key: "paused@example.id|10.7.0.1",
          failures: 5,
          first_failure_at: old,
          locked_until: later(60),
        },
      ])
      .execute();
    expect((await authenticate("someone@example.id", "salah", "10.7.0.2")).ok).toBe(false);
    const keys = (await t.db.selectFrom("login_attempts").select("key").execute()).map(
      (r) => r.key,
    );
    expect(keys.filter((k) => k.startsWith("spray-") || k.startsWith("ended@"))).toEqual([]);
    expect(keys).toContain("recent@example.id|10.7.0.1");
    expect(keys).toContain("paused@example.id|10.7.0.1");
    expect(keys).toContain("someone@example.id|10.7.0.2");
    // the live pause still holds
    expect(await authenticate("paused@example.id", "x", "10.7.0.1")).toMatchObject({
      reason: "locked",
    });
  });

  it.each([
    ["/dashboard", "/dashboard"],
    ["/chair/competitions/kutim-2024?tab=1#x", "/chair/competitions/kutim-2024?tab=1#x"],
    ["/\t/evil.example/x", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["//evil.example", "/dashboard"],
    ["///evil.example", "/dashboard"],
    ["https://evil.example/x", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
    ["data:text/html,x", "/dashboard"],
    ["/\n/evil.example", "/dashboard"],
    ["/a\r\nb", "/ab"],
    // control characters at either end are dropped, as a browser does; inside, encoded
    ["/\u0000", "/"],
    ["/a\u0000b", "/a%00b"],
    ["/\u3000", "/%E3%80%80"],
    ["", "/dashboard"],
  ])("after login, redirectTo %j goes to %j", (to, expected) => {
    const target = safeRedirect(to);
    expect(target).toBe(expected);
    // whatever was asked, the answer is a valid header value on this site
    expect(() => new Headers({ Location: target })).not.toThrow();
  });
});
