/**
 * The judge's workspace (the JavaScript the sheet page sends is in bench/bundle.ts):
 * 50 judges saving drafts concurrently against the real server for 30 s (BENCH_SECONDS):
 *    p50/p99 latency and errors. Goal: p99 < 100 ms with zero errors.
 *    - at the autosave's pace: each judge saves once a second (the sheet autosaves at most every
 *      1.2 s while typing), all 50 at once: the load the goal is about;
 *    - flat out: every judge saves again the moment the last save returns: the capacity.
 *    Baseline for the capacity: the same 50 clients asking GET /healthz (one trivial read).
 */
import { createDb, migrateToLatest } from "../db/connection";
import { tempDir } from "../tests/support/db";
import { createScoringFixture } from "../tests/support/scoring";
import { startServer } from "../tests/support/server";
import { drive, loadLine } from "./support/measure";
import { draftSaver, logInJudges } from "./support/saves";

const JUDGES = 50;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

async function measureSaves(): Promise<void> {
  const data = tempDir("juara-bench-");
  const { db } = createDb(`file:${data.dir}/juara.db`);
  await migrateToLatest(db);
  const fx = await createScoringFixture(db, {
    slug: "bench-2026",
    entries: 10,
    judges: JUDGES,
  });
  await db.destroy();
  const server = await startServer({
    dataDir: data.dir,
    env: { JUARA_NO_DEMO: "1" },
  });
  try {
    const judges = await logInJudges(fx, [server.url]);
    const save = draftSaver(fx, judges);
    const flatSeconds = Math.min(10, DURATION_SECONDS);
    // warm-up, not timed: every judge saves once, so the figures are the steady state rather than
    // the server's first requests (module loading, JIT, SQLite's cache filling)
    for (let i = 0; i < JUDGES; i++) await save(i);
    const paced = await drive(JUDGES, DURATION_SECONDS, save, 1000);
    const baseline = await drive(
      JUDGES,
      flatSeconds,
      async (i) => (await judges[i]!.client.get("/healthz")).status === 200,
    );
    const flat = await drive(JUDGES, flatSeconds, save);
    console.log(
      `${JUDGES} judges saving drafts concurrently (real server on loopback, file database, synchronous=FULL):`,
    );
    console.log(loadLine(`saves, each judge 1/s, ${DURATION_SECONDS} s`, paced));
    console.log(
      `    goal p99 < 100 ms with zero errors: ${paced.p99 < 100 && paced.errors === 0 ? "met" : "NOT met"}`,
    );
    console.log(loadLine(`GET /healthz flat out, ${flatSeconds} s (base)`, baseline));
    console.log(loadLine(`saves flat out, ${flatSeconds} s`, flat));
    console.log(
      `    save capacity / baseline throughput: ${((flat.perSecond / baseline.perSecond) * 100).toFixed(1)} %`,
    );
  } finally {
    await server.stop();
    data.remove();
  }
}

export async function main(): Promise<void> {
  await measureSaves();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
