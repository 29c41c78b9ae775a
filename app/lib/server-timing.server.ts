/**
 * Where a request's time goes, as a `Server-Timing` response header (docs/performance.md): only
 * when the server runs with JUARA_SERVER_TIMING=1, which bin/server.ts reads once and then puts a
 * `ServerTiming` on each request's load context. Otherwise the context has none and every call
 * below is one comparison: normal responses are not touched.
 */

/** The phases of one request, in ms, in the order they were first reached. */
export class ServerTiming {
  readonly #phases = new Map<string, number>();
  readonly #began = performance.now();
  #mark = this.#began;

  /** Adds `ms` to `phase` (a phase reached twice, such as a save run again, adds up). */
  add(phase: string, ms: number): void {
    this.#phases.set(phase, (this.#phases.get(phase) ?? 0) + ms);
  }

  /** ms since this timing was made (the request arrived) */
  elapsed(): number {
    return performance.now() - this.#began;
  }

  /** Starts a lap now (see `lap`). */
  start(): void {
    this.#mark = performance.now();
  }

  /** The time since the last `start` or `lap` counts toward `phase`. */
  lap(phase: string): void {
    const now = performance.now();
    this.add(phase, now - this.#mark);
    this.#mark = now;
  }

  /** Every phase's total so far. */
  phases(): ReadonlyMap<string, number> {
    return this.#phases;
  }

  /**
   * `session;dur=0.41, body;dur=0.12, …, total;dur=3.2` (the header's syntax; names are tokens),
   * total being the time since this timing was made.
   */
  header(): string {
    return [...this.#phases, ["total", this.elapsed()] as const]
      .map(([name, ms]) => `${name};dur=${ms.toFixed(3)}`)
      .join(", ");
  }
}

/** Runs `work`, counting its time toward `phase` when the request is being timed. */
export async function timed<T>(
  timing: ServerTiming | undefined,
  phase: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!timing) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    timing.add(phase, performance.now() - start);
  }
}

/** The header's entries back as numbers, by phase (the bench reads its responses with this). */
export function parseServerTiming(header: string | null): Map<string, number> {
  const phases = new Map<string, number>();
  for (const entry of (header ?? "").split(",")) {
    const [name, ...params] = entry.trim().split(";");
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith("dur="));
    if (name && dur) phases.set(name, Number(dur.slice(4)));
  }
  return phases;
}
