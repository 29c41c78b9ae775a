/**
 * Evidence uploads on the last day of the self-assessment: 50 libraries each send their 5 photos
 * of about 4 MB at once (one evidence form each, as the page posts it: 5 files, ~20 MB) to the
 * real production server with its own temp database and files folder. Prints the latency of
 * those 50 requests (p50/p95/p99), the throughput (photos stored a second, MB received a
 * second) and the server's peak memory (VmHWM from /proc, and the highest VmRSS seen).
 * Baseline: one library sending the same form alone on the same server (median of 3); the
 * ratio is p99 / baseline. BENCH_LIBRARIES changes the 50 for a quick look.
 */
import fs from "node:fs";
import path from "node:path";
import { createDb, migrateToLatest } from "../db/connection";
import { tempDir } from "../tests/support/db";
import { startServer } from "../tests/support/server";
import { machineLoad } from "./support/measure";
import {
  createUploadFixture,
  logInLibrary,
  photoFiles,
  postUpload,
} from "../tests/support/uploads";

const LIBRARIES = Number(process.env.BENCH_LIBRARIES ?? 50);
const PHOTOS_EACH = 5;
const MEGABYTES = 4;
const BASELINE_RUNS = 3;
const FIELDS = ["evidence.A1", "evidence.A2", "evidence.B1", "evidence.A1", "evidence.A2"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function main(): Promise<void> {
  const data = tempDir("juara-bench-uploads-");
  try {
    const { db } = createDb(`file:${data.dir}/juara.db`);
    await migrateToLatest(db);
    // one more library for the baseline, so it starts from an empty entry as the others do
    const fx = await createUploadFixture(db, { slug: "bench-unggah", libraries: LIBRARIES + 1 });
    await db.destroy();
    const generating = performance.now();
    const files = await photoFiles((LIBRARIES + 1) * PHOTOS_EACH, MEGABYTES);
    const photos = files.map((f) => fs.readFileSync(f));
    const photoBytes = photos.reduce((n, p) => n + p.length, 0);
    console.log(
      `photos: ${photos.length} distinct JPEGs, ${mb(photoBytes / photos.length)} on average (${path.dirname(files[0]!)}, ready in ${s(performance.now() - generating)})`,
    );

    const server = await startServer({ dataDir: data.dir, env: { JUARA_NO_DEMO: "1" } });
    const pid = server.child.pid!;
    try {
      const cookies = await Promise.all(fx.accounts.map((a) => logInLibrary(server.url, a.email)));
      const formOf = (library: number) =>
        FIELDS.map((field, k) => ({
          field,
          name: `foto-${library}-${k}.jpg`,
          bytes: photos[library * PHOTOS_EACH + k]!,
        }));
      const send = async (library: number) => {
        const answer = await postUpload(server.url, fx.page, cookies[library]!, formOf(library))
          .done;
        if (answer.status !== 302 || answer.location !== `${fx.page}?done=stored`)
          throw new Error(`library ${library}: answered ${answer.status} ${answer.location}`);
        return answer.ms;
      };

      // baseline: the last library alone, its form three times (the same photos again: stored
      // once on disk, re-encoded each time as any upload is)
      const lone = LIBRARIES;
      const baselineRuns: number[] = [];
      for (let run = 0; run < BASELINE_RUNS; run++) baselineRuns.push(await send(lone));
      const baseline = [...baselineRuns].sort((a, b) => a - b)[1]!;
      const baselineMemory = memoryOf(pid);

      let peakRss = 0;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, memoryOf(pid).rss);
      }, 50);
      const started = performance.now();
      let latencies: number[];
      try {
        latencies = await Promise.all(Array.from({ length: LIBRARIES }, (_, i) => send(i)));
      } finally {
        clearInterval(sampler);
      }
      const wall = performance.now() - started;
      const { hwm } = memoryOf(pid);
      latencies.sort((a, b) => a - b);
      const p99 = percentile(latencies, 99);
      const sent = photos.slice(0, LIBRARIES * PHOTOS_EACH).reduce((n, p) => n + p.length, 0);

      console.log(
        `evidence uploads: ${LIBRARIES} libraries × ${PHOTOS_EACH} photos of ~${MEGABYTES} MB, one form each, all at once, on loopback`,
      );
      console.log(
        `  baseline, one library alone     ${s(baseline)} per form (runs ${baselineRuns.map(s).join(", ")}), ${s(baseline / PHOTOS_EACH)} a photo`,
      );
      console.log(
        `  ${LIBRARIES} at once, per request       p50 ${s(percentile(latencies, 50))}  p95 ${s(percentile(latencies, 95))}  p99 ${s(p99)}  (min ${s(latencies[0]!)})`,
      );
      console.log(
        `  throughput                      ${((LIBRARIES * PHOTOS_EACH) / (wall / 1000)).toFixed(2)} photos/s, ${(sent / 1024 / 1024 / (wall / 1000)).toFixed(1)} MB/s received, ${mb(sent)} in ${s(wall)}`,
      );
      console.log(
        `  server memory                   peak RSS ${mb(Math.max(peakRss, hwm))} (VmHWM ${mb(hwm)}, highest VmRSS sampled ${mb(peakRss)}; ${mb(baselineMemory.hwm)} after the baseline)`,
      );
      console.log(`  p99 / baseline: ${(p99 / baseline).toFixed(1)}×`);
      console.log(`  server RSS after the uploads: ${mb(memoryOf(pid).rss)}; ${machineLoad()}`);
    } finally {
      await server.stop();
    }
  } finally {
    data.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
