import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import SqliteDatabase from "better-sqlite3";
import * as tar from "tar";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { tempDir } from "../support/db";
import { SaveLoad, verifyAcknowledged } from "../support/load";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

const run = promisify(execFile);
const JUDGES = 20;
const ROUNDS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Crash safety: the real server on a file database, 20 judges saving at once, killed with SIGKILL
 * mid-load several times. Every save the server acknowledged (2xx) must be there afterwards.
 * SQLite's own (its file, its integrity check, its backup): vitest.config.ts SQLITE_ONLY.
 */
/**
 * These tests wait for work (saves, restarts), never for a time: the ceiling below only stops a
 * hung run, so it is generous for a busy 2-core machine. Each test has its own database, so a run
 * that overshoots can never write into the next test's data.
 */
const CEILING_MS = 240_000;

describe("crash safety", () => {
  let data: { dir: string; remove: () => void };
  let fx: ScoringFixture;

  beforeEach(async () => {
    data = tempDir();
    const { db } = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(db);
    fx = await createScoringFixture(db, {
      slug: "crash-2026",
      entries: JUDGES,
      judges: JUDGES,
    });
    await db.destroy();
  });
  afterEach(() => data?.remove());

  it(
    `keeps every acknowledged save through ${ROUNDS} SIGKILLs under load from ${JUDGES} judges`,
    async () => {
      let server: RunningServer = await startServer({
        dataDir: data.dir,
        env: { JUARA_NO_DEMO: "1" },
      });
      const port = server.port;
      const load = new SaveLoad(server.url, fx, JUDGES);
      await load.login();
      load.start();
      try {
        for (let round = 1; round <= ROUNDS; round++) {
          const before = load.ackedCount;
          // let saves pile up, then pull the plug in the middle of them
          while (load.ackedCount < before + 40) await sleep(20);
          await sleep(Math.floor(Math.random() * 150));
          await server.kill();

          const afterCrash = verifyAcknowledged(server.dbFile!, load);
          expect(afterCrash.integrity, `round ${round}`).toBe("ok");
          expect(afterCrash.problems, `round ${round}`).toEqual([]);

          server = await startServer({
            dataDir: data.dir,
            port,
            env: { JUARA_NO_DEMO: "1" },
          });
          expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        }
        // the app serves again: the judges (same sessions) keep saving after the last restart
        const beforeLast = load.ackedCount;
        while (load.ackedCount < beforeLast + 40) await sleep(20);
      } finally {
        await load.stop();
        await server.stop();
      }
      const final = verifyAcknowledged(server.dbFile!, load);
      expect(final.integrity).toBe("ok");
      expect(final.problems).toEqual([]);
      expect(load.lost).toEqual([]);
      expect(final.checked).toBeGreaterThan(ROUNDS * 40);
      console.log(
        `crash safety: ${ROUNDS} SIGKILL rounds, ${final.checked} acknowledged saves from ${JUDGES} judges verified, 0 lost`,
      );
    },
    CEILING_MS,
  );

  it(
    "takes a consistent backup under write load, holding every save acknowledged before it began",
    async () => {
      const server = await startServer({
        dataDir: data.dir,
        env: { JUARA_NO_DEMO: "1" },
      });
      const load = new SaveLoad(server.url, fx, JUDGES);
      const target = path.join(data.dir, "backup.tar");
      let ackedBefore = new Map<number, number>();
      try {
        await load.login();
        load.start();
        while (load.ackedCount < 60) await sleep(20);
        ackedBefore = new Map(load.judges.map((j) => [j.judgeId, j.acked.length]));
        const { stdout } = await run(
          process.execPath,
          ["--import", "tsx", "bin/juara.ts", "backup", target],
          {
            cwd: path.resolve(import.meta.dirname, "../.."),
            env: { ...process.env, DATABASE_URL: `file:${server.dbFile}` },
          },
        );
        expect(stdout).toMatch(/backup|copy|written/i);
        const during = load.ackedCount;
        while (load.ackedCount < during + 40) await sleep(20); // writes went on during and after
      } finally {
        await load.stop();
        await server.stop();
      }
      // the archive's database is the snapshot (no evidence files in this competition)
      const unpacked = path.join(data.dir, "unpacked");
      fs.mkdirSync(unpacked);
      await tar.extract({ file: target, cwd: unpacked, strict: true });
      const snapshot = path.join(unpacked, "juara.db");
      const copy = verifyAcknowledged(snapshot, load, { ackedBefore });
      expect(copy.integrity).toBe("ok");
      expect(copy.problems).toEqual([]);
      expect(copy.checked).toBeGreaterThanOrEqual(60);
      const opened = new SqliteDatabase(snapshot, { readonly: true });
      expect(
        (
          opened.prepare("select count(*) as n from competitions").get() as {
            n: number;
          }
        ).n,
      ).toBe(1);
      opened.close();
    },
    CEILING_MS,
  );
});
