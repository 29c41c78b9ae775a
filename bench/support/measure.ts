/**
 * Measuring, shared by the benchmarks: medians and percentiles, runs that take turns, clients
 * driven for a while, and what the machine was doing meanwhile (load average, a process's memory).
 */
import fs from "node:fs";
import os from "node:os";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** "812, 790, 845": the runs behind a median, in the order they ran */
export function runsText(times: number[]): string {
  return times.map((t) => t.toFixed(0)).join(", ");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs each piece of work `runs` times, taking turns, so that a slow moment of this shared
 * machine falls on all of them alike; the times in ms, by name.
 */
export async function alternate<K extends string>(
  runs: number,
  works: Record<K, () => Promise<unknown>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(works) as K[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let run = 0; run < runs; run++)
    for (const name of names) {
      const t = performance.now();
      await works[name]();
      times[name].push(performance.now() - t);
    }
  return times;
}

/** "load 5.2 4.8 3.9": the 1, 5 and 15 minute load averages (2 cores here) */
export function machineLoad(): string {
  return `load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`;
}

/** A process's resident memory in MB (VmRSS of /proc/<pid>/status), or NaN where there is none. */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/**
 * The CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat (NaN when it
 * cannot be read). Clock ticks are 1/100 s on Linux.
 */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // the fields after the command name (which may hold spaces) in parentheses
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

export interface LoadFigures {
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

/**
 * Each client runs `step` until the time is up, back to back (`everyMs` 0) or starting one every
 * `everyMs` (spread at random over the first interval); latencies in ms. A step that throws or
 * answers false is an error.
 */
export async function drive(
  clients: number,
  seconds: number,
  step: (i: number) => Promise<boolean>,
  everyMs = 0,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      if (everyMs > 0) await sleep(Math.random() * everyMs);
      while (performance.now() < until) {
        const start = performance.now();
        let ok = false;
        try {
          ok = await step(i);
        } catch {
          ok = false;
        }
        const took = performance.now() - start;
        latencies.push(took);
        if (!ok) errors++;
        if (everyMs > took) await sleep(everyMs - took);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    perSecond: latencies.length / seconds,
  };
}

/**
 * Segments of one kind of load, each `seconds` long, as one figure: requests and errors summed,
 * the rate over their whole time, the median segment's p50, the worst segment's p99 and max.
 */
export function combined(segments: LoadFigures[], seconds: number): LoadFigures {
  const requests = segments.reduce((sum, f) => sum + f.requests, 0);
  const p50s = segments.map((f) => f.p50).sort((a, b) => a - b);
  return {
    requests,
    errors: segments.reduce((sum, f) => sum + f.errors, 0),
    p50: p50s[Math.floor((p50s.length - 1) / 2)] ?? NaN,
    p99: Math.max(...segments.map((f) => f.p99)),
    max: Math.max(...segments.map((f) => f.max)),
    perSecond: requests / (segments.length * seconds),
  };
}

/** one line of figures: requests, rate, p50/p99/max, errors */
export function loadLine(name: string, f: LoadFigures, width = 34): string {
  return `  ${name.padEnd(width)} ${String(f.requests).padStart(6)} requests ${f.perSecond.toFixed(0).padStart(5)}/s  p50 ${f.p50.toFixed(1)} ms  p99 ${f.p99.toFixed(1)} ms  max ${f.max.toFixed(1)} ms  errors ${f.errors}`;
}
