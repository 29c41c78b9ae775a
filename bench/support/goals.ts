/**
 * Every figure a benchmark holds against a goal goes through `goal()`: printed where it is
 * measured, "figure (goal …): met / NOT met", and kept for the summary `npm run bench` prints at
 * the end, so one run shows every goal side by side. Benchmarks never fail a build: a goal not
 * met is reported, not thrown.
 */

export interface GoalFigure {
  /** what was measured, e.g. "ranking median / raw scan (1.5 M scores)" */
  name: string;
  value: number;
  /** how the value is printed: "×", "ms", "%", "KiB", "MB", "/s" */
  unit: string;
  /** "≤" means the value must not exceed the target; "≥" that it must reach it; "<" and ">" strictly */
  op: "≤" | "<" | "≥" | ">";
  target: number;
  /** decimals to print (default: 2 for ×, else 1) */
  digits?: number;
}

const recorded: (GoalFigure & { met: boolean })[] = [];

function met(f: GoalFigure): boolean {
  switch (f.op) {
    case "≤":
      return f.value <= f.target;
    case "<":
      return f.value < f.target;
    case "≥":
      return f.value >= f.target;
    case ">":
      return f.value > f.target;
  }
}

function show(value: number, unit: string, digits?: number): string {
  const d = digits ?? (unit === "×" ? 2 : 1);
  const n = Number.isFinite(value) ? value.toFixed(d) : String(value);
  return unit === "×" || unit === "%" ? `${n}${unit}` : `${n} ${unit}`;
}

/** the goal's line, without printing or recording it */
export function goalLine(f: GoalFigure): string {
  return `${f.name}: ${show(f.value, f.unit, f.digits)} (goal ${f.op} ${show(f.target, f.unit, f.digits)}): ${met(f) ? "met" : "NOT met"}`;
}

/** Prints the figure against its goal (indented) and records it for the summary. */
export function goal(f: GoalFigure, indent = "  "): boolean {
  const ok = met(f);
  recorded.push({ ...f, met: ok });
  console.log(indent + goalLine(f));
  return ok;
}

/** every goal recorded so far, in the order measured */
export function goalsRecorded(): readonly (GoalFigure & { met: boolean })[] {
  return recorded;
}

/** the closing summary: one line per goal, then how many were met */
export function printGoalSummary(): void {
  if (recorded.length === 0) return;
  console.log("\n== goals, this run");
  for (const f of recorded) console.log("  " + goalLine(f));
  const ok = recorded.filter((f) => f.met).length;
  console.log(`  ${ok} of ${recorded.length} met`);
}
