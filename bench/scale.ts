/**
 * Beyond one machine: the same app on PostgreSQL (docs/performance.md, "Scale (PostgreSQL)").
 * 1. Ranking 1.5 M scores (the competition of bench/ranking.ts) on PostgreSQL: computeRanking
 *    under each aggregation method against PostgreSQL's own raw aggregate scan over the same
 *    scores (goals as bench/ranking.ts: mean and trimmed mean ≤ 1.5×, median ≤ 2×), and against
 *    SQLite's ranking of the very same scores in the same run. Runs take turns; medians of 5 (of 3
 *    where one ranking takes over 10 s, to keep the bench near 10 minutes).
 * 2. 200 judges autosaving once every 2 s for 30 s (BENCH_SECONDS) against two app processes on
 *    one PostgreSQL database (judges split between them), and against one process on SQLite:
 *    p50/p99 and errors (goal p99 < 150 ms, 0 errors), after one judge alone (what a save costs
 *    on the machine right now). Then the same judges saving flat out against 2 and 1 processes
 *    on PostgreSQL and 1 on SQLite: does a second process add capacity?
 * PostgreSQL: the server BENCH_DATABASE_URL names (default TEST_DATABASE_URL; a superuser, as
 * the fill turns triggers off); the bench makes its own databases there, `scale_bench_*`, and
 * drops them. Without a server only the SQLite figures are taken. This machine is shared: each
 * figure carries the load average, and each part the resident memory of what did the work.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { createDb, createSqliteDb, migrateToLatest, type DB } from "../db/connection";
import { useDatabase } from "../app/lib/db.server";
import { computeRanking, type RankingSubject } from "../app/models/ranking.server";
import { tempDir } from "../tests/support/db";
import { createScoringFixture, type ScoringFixture } from "../tests/support/scoring";
import { startServer, type RunningServer } from "../tests/support/server";
import {
  alternate,
  drive,
  loadLine,
  machineLoad,
  median,
  rssMb,
  runsText,
} from "./support/measure";
import {
  ENTRIES,
  fillPostgres,
  fillSqlite,
  JUDGES as SHEET_JUDGES,
  METHODS,
  RATIO_GOAL,
  RAW_SCAN,
  rankingSubject,
} from "./support/ranking-data";
import { goal } from "./support/goals";
import { benchDatabase } from "./support/pg-database";
import { draftSaver, logInJudges, spreadJudges } from "./support/saves";

const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = 5;
const JUDGES = 200;
const ENTRIES_TO_SCORE = 10;
const EVERY_MS = 2000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const FLAT_SECONDS = Math.min(10, SECONDS);
const SESSION_SECRET = "scale-bench-session-secret-0123456789abcdef";

const verdict = (ok: boolean) => (ok ? "met" : "not met");
const mb = (n: number) => `${n.toFixed(0)} MB`;

/** A database of its own on the PostgreSQL server for one part of this bench. */
const postgresDatabase = (server: string, purpose: string) =>
  benchDatabase(server, `scale_bench_${purpose}_${process.pid}`);

// ---------------------------------------------------------------------------------------------
// 1. the ranking

type Method = (typeof METHODS)[number];

interface RankingFigures {
  /** each method's median time in ms, null when the ranking cannot run here */
  rank: Record<Method, number> | null;
  scan: number;
}

/**
 * Each aggregation method's ranking and the raw scan on `db`, taking turns; `rank` null when the
 * ranking cannot run here.
 */
async function timeRanking(db: DB, subject: RankingSubject, label: string) {
  useDatabase(db);
  const ranked: Partial<Record<Method, number>> = {};
  let rankingError: string | null = null;
  let runs = RUNS;
  try {
    const t = performance.now();
    await computeRanking(subject); // warm-up, as the pages' first call
    if (performance.now() - t > 10_000) runs = 3;
  } catch (error) {
    rankingError = error instanceof Error ? error.message : String(error);
  }
  const byMethod = (method: Method) => async () => {
    ranked[method] = (await computeRanking(subject, { method }))!.entries.filter(
      (x) => x.rank !== null,
    ).length;
  };
  const works: Record<string, () => Promise<unknown>> = {};
  if (!rankingError) for (const m of METHODS) works[m] = byMethod(m);
  works.scan = () => RAW_SCAN.execute(db);
  const times = await alternate(runs, works);
  const figures: RankingFigures = {
    rank: rankingError
      ? null
      : (Object.fromEntries(METHODS.map((m) => [m, median(times[m]!)])) as Record<Method, number>),
    scan: median(times.scan!),
  };
  if (rankingError) console.log(`  ${label} computeRanking: could not run: ${rankingError}`);
  else
    for (const m of METHODS)
      console.log(
        `  ${label} computeRanking (${m}):`.padEnd(42) +
          `${figures.rank![m].toFixed(0)} ms (runs: ${runsText(times[m]!)}), ${ranked[m]} ranked`,
      );
  console.log(
    `  ${label} raw aggregate scan (floor):`.padEnd(42) +
      `${figures.scan.toFixed(0)} ms (runs: ${runsText(times.scan!)}); ${machineLoad()}`,
  );
  if (figures.rank !== null)
    for (const m of METHODS)
      goal({
        name: `scale: ranking ${m} / its raw scan (${label.replace(":", "").trim()})`,
        value: figures.rank[m] / figures.scan,
        unit: "×",
        op: "≤",
        target: RATIO_GOAL[m],
      });
  return figures;
}

async function rankingOnSqlite(): Promise<RankingFigures> {
  const data = tempDir("juara-bench-scale-");
  const { db, sqlite } = createSqliteDb(`file:${data.dir}/juara.db`);
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const { competitionId } = await fillSqlite(db, sqlite);
    console.log(
      `  SQLite: filled in ${((performance.now() - started) / 1000).toFixed(1)} s (one transaction, triggers on)`,
    );
    return await timeRanking(db, await rankingSubject(db, competitionId), "SQLite:    ");
  } finally {
    await db.destroy();
    data.remove();
  }
}

async function rankingOnPostgres(server: string): Promise<RankingFigures> {
  const database = await postgresDatabase(server, "ranking");
  const { db } = createDb(database.url, { poolSize: 2 });
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const { competitionId } = await fillPostgres(db, console.log);
    const size = await sql<{
      size: string;
    }>`select pg_size_pretty(pg_database_size(current_database())) as size`.execute(db);
    console.log(
      `  PostgreSQL: filled in ${((performance.now() - started) / 1000).toFixed(1)} s, database ${size.rows[0]!.size}`,
    );
    return await timeRanking(db, await rankingSubject(db, competitionId), "PostgreSQL:");
  } finally {
    await db.destroy();
    await database.drop();
  }
}

export async function ranking(server: string | undefined): Promise<void> {
  console.log(
    `1. ranking: ${ENTRIES.toLocaleString("en")} entries × ${SHEET_JUDGES} judges × 30 indicators, the same scores on both; medians of ${RUNS} runs (3 when one takes over 10 s)`,
  );
  const lite = await rankingOnSqlite();
  console.log(
    `  after SQLite: bench process (where the ranking runs) RSS ${mb(rssMb(process.pid))}`,
  );
  if (!server) return;
  const post = await rankingOnPostgres(server);
  console.log(
    `  after PostgreSQL: bench process RSS ${mb(rssMb(process.pid))} (PostgreSQL's own memory not counted)`,
  );
  if (post.rank !== null && lite.rank !== null)
    for (const m of METHODS)
      console.log(
        `  PostgreSQL ranking / SQLite ranking (${m}): ${(post.rank[m] / lite.rank[m]).toFixed(2)}× (${post.rank[m].toFixed(0)} vs ${lite.rank[m].toFixed(0)} ms)`,
      );
  console.log(
    `  raw scans: PostgreSQL ${post.scan.toFixed(0)} ms, SQLite ${lite.scan.toFixed(0)} ms`,
  );
}

// ---------------------------------------------------------------------------------------------
// 2. judges saving

interface Servers {
  fx: ScoringFixture;
  servers: RunningServer[];
  stop: () => Promise<void>;
}

/** A fixture of 200 judges on `url`, and `count` app processes serving it. */
async function serve(url: string, count: number, dataDir: string): Promise<Servers> {
  const { db } = createDb(url, { poolSize: 2 });
  let fx: ScoringFixture;
  try {
    await migrateToLatest(db);
    fx = await createScoringFixture(db, {
      slug: "scale-2026",
      entries: ENTRIES_TO_SCORE,
      judges: JUDGES,
    });
  } finally {
    await db.destroy();
  }
  const servers: RunningServer[] = [];
  const stop = () => Promise.all(servers.map((s) => s.stop())).then(() => {});
  try {
    for (let i = 0; i < count; i++)
      servers.push(
        await startServer({
          dataDir,
          env: {
            DATABASE_URL: url,
            SESSION_SECRET,
            FILES_DIR: path.join(dataDir, "files"),
            JUARA_NO_DEMO: "1",
          },
        }),
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return { fx, servers, stop };
}

const rssOf = (servers: RunningServer[]) =>
  servers.map((s, i) => `process ${i + 1} ${mb(rssMb(s.child.pid))}`).join(", ");

/**
 * The judges against `processes` app processes on `url` (judges split between them): one judge
 * alone first (what a save costs on this machine right now), then all at the autosave's pace,
 * then flat out on every process and, with several, flat out on the first one only. Returns the
 * flat-out saves per second by number of processes.
 */
async function savesAgainst(
  label: string,
  url: string,
  processes: number,
  dataDir: string,
): Promise<Map<number, number>> {
  const { fx, servers, stop } = await serve(url, processes, dataDir);
  const capacity = new Map<number, number>();
  try {
    const urls = servers.map((s) => s.url);
    const judges = await logInJudges(fx, urls);
    const save = draftSaver(fx, judges);
    for (let i = 0; i < JUDGES; i++) await save(i); // warm-up, not timed
    console.log(`  ${label}:`);
    const alone = await drive(1, 3, save);
    console.log(loadLine(`one judge alone, flat out, 3 s`, alone));
    const paced = await drive(JUDGES, SECONDS, save, EVERY_MS);
    console.log(loadLine(`${JUDGES} judges, each every 2 s, ${SECONDS} s`, paced));
    console.log(
      `    goal p99 < 150 ms with 0 errors: ${verdict(paced.p99 < 150 && paced.errors === 0)}; ${machineLoad()}; server RSS: ${rssOf(servers)}`,
    );
    for (const count of processes > 1 ? [processes, 1] : [1]) {
      // judges move to the first process: their sessions, made by either, live in the database
      spreadJudges(judges, urls.slice(0, count));
      const flat = await drive(JUDGES, FLAT_SECONDS, save);
      console.log(
        loadLine(`flat out, ${count} process${count > 1 ? "es" : ""}, ${FLAT_SECONDS} s`, flat),
      );
      console.log(`    ${machineLoad()}; server RSS: ${rssOf(servers.slice(0, count))}`);
      capacity.set(count, flat.perSecond);
    }
  } finally {
    await stop();
  }
  return capacity;
}

async function saves(server: string | undefined): Promise<void> {
  console.log(
    `2. judges saving drafts (the sheet's autosave request) on ${ENTRIES_TO_SCORE} entries, real production servers on loopback`,
  );
  let postgres: Map<number, number> | undefined;
  if (server) {
    const database = await postgresDatabase(server, "saves");
    const data = tempDir("juara-bench-scale-");
    try {
      postgres = await savesAgainst(
        `PostgreSQL, two app processes (${JUDGES / 2} judges each), pool of ${process.env.DATABASE_POOL_SIZE ?? 10} connections each`,
        database.url,
        2,
        data.dir,
      );
    } finally {
      await database.drop();
      data.remove();
    }
  }
  const data = tempDir("juara-bench-scale-");
  let sqlite: Map<number, number>;
  try {
    sqlite = await savesAgainst(
      "SQLite, one app process (file database, synchronous=FULL)",
      `file:${data.dir}/juara.db`,
      1,
      data.dir,
    );
  } finally {
    data.remove();
  }
  if (!postgres) return;
  const [one, two] = [postgres.get(1)!, postgres.get(2)!];
  console.log(
    `  second process on this ${os.availableParallelism()}-core machine: ${two.toFixed(0)} saves/s with 2 vs ${one.toFixed(0)}/s with 1 (${(two / one).toFixed(2)}×): ${two / one >= 1.1 ? "adds capacity" : "adds no capacity"}; SQLite, 1 process: ${sqlite.get(1)!.toFixed(0)}/s`,
  );
}

// ---------------------------------------------------------------------------------------------

export async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
    console.log("no build/: running `npm run build` first");
    const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (built.status !== 0) throw new Error("the build failed");
  }
  const server = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!server)
    console.log(
      "PostgreSQL part skipped: no server named (BENCH_DATABASE_URL or TEST_DATABASE_URL); SQLite only",
    );
  console.log(`start: ${machineLoad()} (2 cores, shared with other work)`);
  await ranking(server);
  await saves(server);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
