import SqliteDatabase from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { translate } from "../../app/i18n";
import { langCookie } from "../../app/i18n/lang.server";
import { createDb, migrateToLatest } from "../../db/connection";
import { verifyAcknowledgedIn } from "../support/acknowledged";
import { tempDir, testDialect } from "../support/db";
import { SaveLoad, verifyAcknowledged } from "../support/load";
import { startPrivatePostgres } from "../support/pg-server";
import { createScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * The database goes away under load and comes back. On PostgreSQL: a server of the test's own is
 * stopped (`pg_ctl stop -m fast`, every connection cut) while 20 judges autosave, and started
 * again. On SQLite, the nearest thing: another process holds the write lock past the server's
 * 5-second wait. Either way every request that needed the database gets 503 with a message —
 * never a 500, never a hang, never a crash — and no acknowledged save is lost.
 *
 * The waits below wait for work (saves, answers), never for a time; the ceiling only stops a hung
 * run on a busy 2-core machine.
 */
const JUDGES = 20;
const CEILING_MS = 180_000;
const SECRET = "outage-test-secret-outage-test-secret-0123";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + CEILING_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

interface Answer {
  status: number;
  ms: number;
  start: number;
  end: number;
}

function record(load: SaveLoad): Answer[] {
  const answers: Answer[] = [];
  load.onAnswer = (status, ms) => {
    const end = performance.now();
    answers.push({ status, ms, start: end - ms, end });
  };
  return answers;
}

async function health(server: RunningServer) {
  const res = await fetch(`${server.url}/healthz`);
  return {
    status: res.status,
    body: (await res.json()) as {
      status: string;
      database: { kind: string; answers: boolean; ms: number };
    },
  };
}

function summary(answers: Answer[], from: number, to: number) {
  const during = answers.filter((a) => a.start >= from && a.end <= to);
  return {
    during: during.length,
    unavailable: answers.filter((a) => a.status === 503).length,
    longestMs: Math.round(Math.max(...answers.map((a) => a.ms))),
    statuses: [...new Set(answers.map((a) => a.status))].sort(),
  };
}

describe("the database goes away under load", () => {
  if (testDialect() === "postgres") {
    it(
      "answers 503 while PostgreSQL is stopped, within a bound, stays up, recovers when it is back, and loses no acknowledged save",
      async () => {
        const pg = await startPrivatePostgres();
        const files = tempDir();
        let server: RunningServer | undefined;
        try {
          const setup = createDb(pg.url, { poolSize: 2 });
          await migrateToLatest(setup.db);
          const fx = await createScoringFixture(setup.db, {
            slug: "putus-2026",
            entries: JUDGES,
            judges: JUDGES,
          });
          await setup.db.destroy();
          server = await startServer({
            dataDir: files.dir,
            env: { DATABASE_URL: pg.url, SESSION_SECRET: SECRET, JUARA_NO_DEMO: "1" },
          });
          const running = server;
          expect(await health(running)).toEqual({
            status: 200,
            body: {
              status: "ok",
              database: { kind: "postgres", answers: true, ms: expect.any(Number) },
            },
          });

          const load = new SaveLoad(running.url, fx, JUDGES);
          const answers = record(load);
          await load.login();
          load.start();
          await until("saves before the outage", () => load.ackedCount >= 40);

          await pg.stop();
          const downAt = performance.now();
          const down = await health(running);
          expect(down.status).toBe(503);
          expect(down.body).toMatchObject({
            status: "unavailable",
            database: { kind: "postgres", answers: false },
          });
          // a page: the message in the visitor's language, as text; the API: JSON
          const judge = load.judges[0]!.client;
          const page = await judge.get(`/judge/${fx.slug}`);
          expect(page.status).toBe(503);
          expect(page.headers.get("retry-after")).toBe("5");
          expect(await page.text()).toBe(translate("id", "error.503"));
          const english = await fetch(`${running.url}/login`, {
            headers: { Cookie: await langCookie.serialize("en") },
          });
          expect(english.status).toBe(503);
          expect(await english.text()).toBe(translate("en", "error.503"));
          const api = await judge.post(`/api/sheets/${fx.slug}/${fx.codes[0]}`, {
            intent: "save",
            version: "0",
            key: "saat-putus-0001",
          });
          expect(api.status).toBe(503);
          expect(await api.json()).toEqual({
            status: "unavailable",
            message: translate("id", "error.503"),
          });
          await until(
            "saves refused during the outage",
            () => answers.filter((a) => a.start > downAt && a.status === 503).length >= 2 * JUDGES,
          );

          const upAt = performance.now();
          await pg.start();
          await until("/healthz to answer 200", async () => (await health(running)).status === 200);
          const ackedWhenBack = load.ackedCount;
          await until("saves after the outage", () => load.ackedCount >= ackedWhenBack + 40);
          await load.stop();

          const figures = summary(answers, downAt, upAt);
          console.log(
            `PostgreSQL outage: ${figures.during} saves answered while it was down, ${figures.unavailable} answered 503 in all, longest request ${figures.longestMs} ms, statuses ${figures.statuses.join(",")}; ${load.ackedCount} saves acknowledged`,
          );
          const during = answers.filter((a) => a.start >= downAt && a.end <= upAt);
          expect(during.length).toBeGreaterThan(0);
          expect(new Set(during.map((a) => a.status))).toEqual(new Set([503]));
          // no 500, and never a connection dropped without an answer
          expect(figures.statuses.filter((s) => s !== 200 && s !== 409 && s !== 503)).toEqual([]);
          // the pool gives up on a connection after 5 s; the rest is room for a busy machine
          expect(figures.longestMs).toBeLessThan(10_000);
          expect(running.child.exitCode).toBeNull();
          expect(running.output()).not.toMatch(/uncaught|unhandled/i);

          expect(load.lost).toEqual([]);
          const check = createDb(pg.url, { poolSize: 1 });
          try {
            const verified = await verifyAcknowledgedIn(check.db, load);
            console.log(
              `PostgreSQL outage: ${verified.checked} acknowledged saves checked, ${verified.problems.length} lost`,
            );
            expect(verified.problems).toEqual([]);
            expect(verified.checked).toBe(load.ackedCount);
          } finally {
            await check.db.destroy();
          }
        } finally {
          await server?.stop();
          await pg.remove();
          files.remove();
        }
      },
      CEILING_MS * 2,
    );
  } else {
    it(
      "answers 503 (not 500) while another process holds SQLite's write lock, stays up, and loses no acknowledged save",
      async () => {
        const data = tempDir();
        let server: RunningServer | undefined;
        try {
          const file = `${data.dir}/juara.db`;
          const setup = createDb(`file:${file}`);
          await migrateToLatest(setup.db);
          const fx = await createScoringFixture(setup.db, {
            slug: "kunci-2026",
            entries: JUDGES,
            judges: JUDGES,
          });
          await setup.db.destroy();
          server = await startServer({ dataDir: data.dir, env: { JUARA_NO_DEMO: "1" } });
          const running = server;

          const load = new SaveLoad(running.url, fx, JUDGES);
          const answers = record(load);
          await load.login();
          load.start();
          await until("saves before the lock", () => load.ackedCount >= 40);

          const locker = new SqliteDatabase(file);
          locker.exec("begin immediate");
          const lockedAt = performance.now();
          try {
            await until(
              "a save refused while the lock is held",
              () => answers.filter((a) => a.start > lockedAt && a.status === 503).length >= 1,
            );
          } finally {
            locker.exec("rollback");
            locker.close();
          }
          const releasedAt = performance.now();
          // readers are never blocked in WAL mode: the database still answers
          expect(await health(running)).toMatchObject({
            status: 200,
            body: { database: { kind: "sqlite", answers: true } },
          });
          const ackedWhenFree = load.ackedCount;
          await until("saves after the lock", () => load.ackedCount >= ackedWhenFree + 40);
          await load.stop();

          const figures = summary(answers, lockedAt, releasedAt);
          console.log(
            `SQLite write lock: ${figures.unavailable} saves answered 503, longest request ${figures.longestMs} ms, statuses ${figures.statuses.join(",")}; ${load.ackedCount} saves acknowledged`,
          );
          expect(figures.unavailable).toBeGreaterThan(0);
          expect(figures.statuses.filter((s) => s !== 200 && s !== 409 && s !== 503)).toEqual([]);
          expect(running.child.exitCode).toBeNull();
          expect(load.lost).toEqual([]);
          await running.stop();
          const verified = verifyAcknowledged(running.dbFile!, load);
          expect(verified.integrity).toBe("ok");
          expect(verified.problems).toEqual([]);
          expect(verified.checked).toBe(load.ackedCount);
        } finally {
          await server?.stop();
          await server?.cleanup();
          data.remove();
        }
      },
      CEILING_MS * 2,
    );
  }
});
