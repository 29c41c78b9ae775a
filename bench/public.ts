/**
 * Award-day traffic: the demo competition's winners page under 100 concurrent connections for
 * 20 s, and in the same run a constant page of the same server (/about) as the baseline.
 * Goal: the winners page reaches ≥ 70 % of the baseline's throughput.
 */
import autocannon from "autocannon";
import { startServer } from "../tests/support/server";
import { goal } from "./support/goals";
import { machineLoad, rssMb } from "./support/measure";

const CONNECTIONS = 100;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
export const DEMO_PUBLISHED_SLUG = "kutim-2023";

interface Figures {
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function drive(url: string, path: string): Promise<Figures> {
  const result = await autocannon({
    url: url + path,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
  });
  return {
    path,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function main(): Promise<void> {
  const server = await startServer();
  try {
    const winnersPath = `/competitions/${DEMO_PUBLISHED_SLUG}`;
    const probe = await fetch(server.url + winnersPath);
    if (probe.status !== 200)
      throw new Error(
        `${winnersPath} answered ${probe.status}: is the demo competition published?`,
      );
    // the server's resident memory after each phase: what award day's crowd costs it
    const pid = server.child.pid;
    const rss: [string, number][] = [["started", rssMb(pid)]];
    // warm both paths, then measure each alone on the same server
    await fetch(server.url + "/about");
    const baseline = await drive(server.url, "/about");
    rss.push(["after /about", rssMb(pid)]);
    const winners = await drive(server.url, winnersPath);
    rss.push(["after the winners page", rssMb(pid)]);
    const ratio = winners.requestsPerSecond / baseline.requestsPerSecond;
    console.log(
      `public pages: ${CONNECTIONS} connections × ${DURATION_SECONDS} s each, on loopback; ${machineLoad()}`,
    );
    for (const f of [baseline, winners]) {
      console.log(
        `  ${f.path.padEnd(28)} ${f.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  errors ${f.errors}  non-2xx ${f.non2xx}`,
      );
    }
    console.log(
      `  server RSS: ${rss.map(([phase, mb]) => `${phase} ${mb.toFixed(0)} MB`).join(", ")}`,
    );
    goal({
      name: "winners page / /about throughput",
      value: ratio * 100,
      unit: "%",
      op: "≥",
      target: 70,
    });
    goal({
      name: `server RSS after ${CONNECTIONS} connections`,
      value: Math.max(...rss.map(([, mb]) => mb)),
      unit: "MB",
      op: "<",
      target: 300,
      digits: 0,
    });
  } finally {
    await server.stop();
    await server.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
