import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { emptyTestDatabase, tempDir, type TestDatabase } from "../support/db";
import { HttpClient } from "../support/http";
import { FIXTURE_PASSWORD, createScoringFixture, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * Two app processes on one database behave as one (docs/deploy.md): what one knows, the other
 * knows, because sessions, login failures, one-time save keys and publications all live in the
 * database. On PostgreSQL this is the deployment behind nginx; on SQLite two processes share one
 * file, which holds too.
 */
describe("two app processes on one database", () => {
  const files = tempDir();
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let fx: ScoringFixture;
  /** a second competition, in scoring, which the tests publish and correct */
  let pub: ScoringFixture;

  beforeAll(async () => {
    database = await emptyTestDatabase(files.dir);
    const env = {
      DATABASE_URL: database.url,
      SESSION_SECRET: "two-processes-secret-two-processes-secret-0123",
      FILES_DIR: `${files.dir}/files`,
      JUARA_NO_DEMO: "1",
    };
    // one after the other, as docs/deploy.md says (the first brings the schema up to date)
    a = await startServer({ env });
    b = await startServer({ env });
    const { db } = createDb(database.url, { poolSize: 1 });
    try {
      fx = await createScoringFixture(db, { slug: "dua-proses-2026", judges: 3, entries: 2 });
      pub = await createScoringFixture(db, { slug: "terbit-2026", judges: 1, entries: 2 });
    } finally {
      await db.destroy();
    }
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await a?.cleanup();
    await b?.cleanup();
    await database?.drop();
    files.remove();
  });

  it("keeps a session made on one process on the other, and ends it on both", async () => {
    const chair = new HttpClient(a.url);
    expect((await chair.login(fx.chair.email, FIXTURE_PASSWORD)).status).toBe(302);
    chair.baseUrl = b.url;
    expect((await chair.get("/dashboard")).status).toBe(200);
    const cookie = chair.cookieHeader();
    expect((await chair.post("/logout", {})).status).toBe(302);
    const replay = await fetch(`${a.url}/dashboard`, {
      redirect: "manual",
      headers: { Cookie: cookie },
    });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/login/);
  });

  it("counts failed logins across both processes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const client = new HttpClient(i % 2 === 0 ? a.url : b.url);
      statuses.push((await client.login(fx.judges[2]!.email, `tebakan-${i}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // the right password is refused too while the account is paused, on either process
    expect((await new HttpClient(a.url).login(fx.judges[2]!.email, FIXTURE_PASSWORD)).status).toBe(
      429,
    );
  });

  it("answers a one-time save key used on one process as a replay on the other", async () => {
    const judge = new HttpClient(a.url);
    expect((await judge.login(fx.judges[0]!.email, FIXTURE_PASSWORD)).status).toBe(302);
    const endpoint = `/api/sheets/${fx.slug}/${fx.codes[1]}`;
    const save = (client: HttpClient, a1: string) =>
      client.post(endpoint, {
        "score.A1": a1,
        intent: "save",
        version: "0",
        key: "dua-proses-kunci-1",
      });
    const first = await save(judge, "3");
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "saved", version: 1, replayed: false });
    judge.baseUrl = b.url;
    const again = await save(judge, "5");
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "saved", version: 1, replayed: true });
    // nothing of the resent content was written
    const { db } = createDb(database.url, { poolSize: 1 });
    try {
      const stored = await db
        .selectFrom("scores as s")
        .innerJoin("score_sheets as h", "h.id", "s.sheet_id")
        .innerJoin("indicators as i", "i.id", "s.indicator_id")
        .innerJoin("entries as e", "e.id", "h.entry_id")
        .innerJoin("libraries as l", "l.id", "e.library_id")
        .select(["s.value", "h.version"])
        .where("h.judge_id", "=", fx.judges[0]!.id)
        .where("l.code", "=", fx.codes[1]!)
        .where("i.code", "=", "A1")
        .execute();
      expect(stored).toEqual([{ value: 3, version: 1 }]);
    } finally {
      await db.destroy();
    }
    // and another judge cannot spend it on either process
    const other = new HttpClient(b.url);
    expect((await other.login(fx.judges[1]!.email, FIXTURE_PASSWORD)).status).toBe(302);
    const stolen = await other.post(`/api/sheets/${fx.slug}/${fx.codes[1]}`, {
      "score.A1": "4",
      intent: "save",
      version: "0",
      key: "dua-proses-kunci-1",
    });
    expect(stolen.status).toBe(400);
    expect(await stolen.json()).toEqual({ status: "keyReused" });
  });

  it("never serves a stale publication: a correction published through one process shows on the other at once", async () => {
    // the judge submits on A, the chair publishes on B
    const judge = new HttpClient(a.url);
    expect((await judge.login(pub.judges[0]!.email, FIXTURE_PASSWORD)).status).toBe(302);
    for (const [i, code] of pub.codes.entries()) {
      const submitted = await judge.post(`/api/sheets/${pub.slug}/${code}`, {
        "score.A1": String(4 + i),
        "score.A2": String(6 + i),
        "score.B1": String(2 + i),
        intent: "submit",
        version: "0",
        key: `terbit-kirim-${i}`,
      });
      expect(submitted.status).toBe(200);
    }
    const chair = new HttpClient(b.url);
    expect((await chair.login(pub.chair.email, FIXTURE_PASSWORD)).status).toBe(302);
    const move = (to: string, why: string) =>
      chair.post(`/chair/competitions/${pub.slug}`, {
        intent: "status",
        to,
        confirm: "yes",
        reason: why,
      });
    expect((await move("closed", "")).status).toBe(302);
    expect((await move("published", "")).status).toBe(302);

    const page = `/competitions/${pub.slug}`;
    const visitor = new HttpClient(a.url);
    const published = await visitor.get(`/api/competitions/${pub.slug}/results`);
    expect(published.status).toBe(200);
    const revisionBefore = ((await published.json()) as { revision: number }).revision;
    const before = await visitor.get(page);
    expect(before.status).toBe(200);
    const etag = before.headers.get("etag");
    expect(etag).toBeTruthy();
    const reason = "Nilai perpustakaan kedua dikoreksi setelah pemeriksaan ulang";
    expect(await before.text()).not.toContain(reason);
    // served again from A's own memory (snapshot and rendered page), unchanged; B runs the same
    // build, so the browser's copy is good there too
    expect((await visitor.get(page, { "If-None-Match": etag! })).status).toBe(304);
    const elsewhere = await fetch(`${b.url}${page}`, { headers: { "If-None-Match": etag! } });
    expect(elsewhere.status).toBe(304);

    const unpublished = await move("closed", "Ada keberatan atas nilai perpustakaan kedua");
    expect(unpublished.status).toBe(302);
    // withdrawn through B: A no longer shows it
    expect((await visitor.get(page)).status).toBe(404);
    const republished = await move("published", reason);
    expect(republished.status).toBe(302);
    expect(republished.headers.get("location")).toContain("moved=published");

    // A's next answer is the correction, whatever the browser kept
    const after = await visitor.get(page, { "If-None-Match": etag! });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(await after.text()).toContain(reason);
    const json = await visitor.get(`/api/competitions/${pub.slug}/results`);
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ revision: revisionBefore + 1, correction: reason });
  });
});
