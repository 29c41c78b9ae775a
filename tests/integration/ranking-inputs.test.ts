import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRanking, countRankingInputs } from "~/models/ranking.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, criteriaIds } from "../support/scoring";

/**
 * The ranking inputs kept per entry (migration 0017) are an aid to speed: whatever writes happen,
 * an entry whose kept rows are used (counted at its last change) must have exactly the rows a
 * count from scratch gives, and the ranking must be the same whether it reads them or counts
 * from `sheet_points` itself. The reference below is worked out in JavaScript from the scores,
 * independently of the SQL that writes the rows.
 */
let t: TestDb;
let run = 0;
const now = "2026-11-30T00:00:00.000Z";

beforeAll(async () => {
  t = await createTestDb();
});

afterAll(async () => {
  await t.cleanup();
});

interface Fixture {
  competitionId: number;
  components: number[];
  indicators: { id: number; min: number; max: number }[];
  entries: { id: number; libraryId: number }[];
  judges: number[];
  /** a draft sheet per entry and judge: sheets[entry][judge] */
  sheets: number[][];
}

/** The shared scoring fixture (components A: A1, A2 and B: B1), 3 entries × 3 judges, draft sheets. */
async function fixture(): Promise<Fixture> {
  run += 1;
  const fx = await createScoringFixture(t.db, { slug: `inputs-${run}`, entries: 3, judges: 3 });
  const { components, indicators } = await criteriaIds(t.db, fx.competitionId);
  const entries = await t.db
    .selectFrom("entries")
    .select(["id", "library_id as libraryId"])
    .where("competition_id", "=", fx.competitionId)
    .orderBy("id")
    .execute();
  const judges = fx.judges.map((j) => j.id);
  const sheets: number[][] = [];
  for (const e of entries) {
    const rows = await t.db
      .insertInto("score_sheets")
      .values(
        judges.map((judge) => ({
          entry_id: e.id,
          judge_id: judge,
          status: "draft" as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning("id")
      .execute();
    sheets.push(rows.map((r) => r.id));
  }
  return {
    competitionId: fx.competitionId,
    components,
    indicators,
    entries,
    judges,
    sheets,
  };
}

type Op =
  | { kind: "write"; entry: number; judge: number; indicator: number; value: number }
  | { kind: "status"; entry: number; judge: number; submitted: boolean }
  | { kind: "conflict"; entry: number; judge: number; confirmed: boolean }
  | { kind: "weight"; component: number; weight: number }
  | { kind: "position"; component: number; position: number }
  | { kind: "max"; indicator: number; max: number }
  | { kind: "deleteSheet"; entry: number; judge: number }
  | { kind: "count" };

// two entries × two judges of the three, so that writes meet the same sheets often
const at = { entry: fc.nat(1), judge: fc.nat(1) };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      ...at,
      indicator: fc.nat(2),
      value: fc.nat(20),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("status" as const), ...at, submitted: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("conflict" as const),
      ...at,
      confirmed: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("weight" as const),
      component: fc.nat(1),
      // equal weights now and then: the tie-break chain is then ordered by position
      weight: fc.oneof(fc.constantFrom(40, 60), fc.integer({ min: 1, max: 60 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("position" as const),
      component: fc.nat(1),
      position: fc.nat(3),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("max" as const),
      indicator: fc.nat(2),
      max: fc.integer({ min: 20, max: 35 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteSheet" as const), ...at }) },
  { weight: 4, arbitrary: fc.constant({ kind: "count" as const }) },
);

/** Applies one write as the app, the chair or an operator would make it. */
async function apply(f: Fixture, op: Op): Promise<void> {
  switch (op.kind) {
    case "write": {
      const indicator = f.indicators[op.indicator]!;
      // the save's upsert, within the indicator's range; a deleted sheet writes nothing
      await sql`insert into scores (sheet_id, indicator_id, min_score, max_score, value)
        select sh.id, i.id, i.min_score, i.max_score, i.min_score + ${op.value} % (i.max_score - i.min_score + 1)
        from indicators i cross join score_sheets sh
        where i.id = ${indicator.id} and sh.id = ${f.sheets[op.entry]![op.judge]!}
        on conflict (sheet_id, indicator_id) do update set value = excluded.value`.execute(t.db);
      return;
    }
    case "status":
      await t.db
        .updateTable("score_sheets")
        .set({
          status: op.submitted ? "submitted" : "draft",
          submitted_at: op.submitted ? now : null,
        })
        .where("id", "=", f.sheets[op.entry]![op.judge]!)
        .execute();
      return;
    case "conflict": {
      // a conflict of interest between the judge and the entry's library, confirmed or dismissed
      const judge = f.judges[op.judge]!;
      const library = f.entries[op.entry]!.libraryId;
      const status = op.confirmed ? ("confirmed" as const) : ("dismissed" as const);
      const updated = await t.db
        .updateTable("conflicts")
        .set({ status })
        .where("judge_id", "=", judge)
        .where("library_id", "=", library)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        await t.db
          .insertInto("conflicts")
          .values({
            judge_id: judge,
            library_id: library,
            status,
            reason: "kerabat",
            created_at: now,
          })
          .execute();
      return;
    }
    case "weight":
      await t.db
        .updateTable("components")
        .set({ weight: op.weight })
        .where("id", "=", f.components[op.component]!)
        .execute();
      return;
    case "position":
      await t.db
        .updateTable("components")
        .set({ position: op.position })
        .where("id", "=", f.components[op.component]!)
        .execute();
      return;
    case "max":
      await t.db
        .updateTable("indicators")
        .set({ max_score: op.max })
        .where("id", "=", f.indicators[op.indicator]!.id)
        .execute();
      return;
    case "deleteSheet":
      await t.db
        .deleteFrom("score_sheets")
        .where("id", "=", f.sheets[op.entry]![op.judge]!)
        .execute();
      return;
    case "count":
      await countRankingInputs(f.competitionId, t.db);
      return;
  }
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** [n, Σ, max, min, 2 × median, trimmed Σ, trimmed n] of a series of integers */
function aggregates(values: bigint[]): string[] {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = sorted.length;
  const mid2 = n % 2 === 1 ? 2n * sorted[(n - 1) / 2]! : sorted[n / 2 - 1]! + sorted[n / 2]!;
  const sum = sorted.reduce((a, b) => a + b, 0n);
  // the trimmed mean's sum and count: without the highest and the lowest from three values on
  const [ts, tk] = n >= 3 ? [sum - sorted[n - 1]! - sorted[0]!, n - 2] : [sum, n];
  return [n, sum, sorted[n - 1]!, sorted[0]!, mid2, ts, tk].map(String);
}

/** round(100 × num / den), half away from zero, for non-negative integers */
const x100 = (num: bigint, den: bigint) => (200n * num + den) / (2n * den);

/** The kept methods' column suffixes and each one's final of a series: [num, den] / Σmax */
const METHODS: [string, (a: string[]) => [bigint, bigint]][] = [
  ["mean", ([n, s]) => [BigInt(s!), BigInt(n!)]],
  ["trimmed", ([, , , , , ts, tk]) => [BigInt(ts!), BigInt(tk!)]],
  ["median", ([, , , , mid2]) => [BigInt(mid2!), 2n]],
];

/** What the kept rows must be, from the scores, sheets, conflicts and criteria as they are now. */
async function reference(f: Fixture) {
  const criteria = await t.db
    .selectFrom("components as c")
    .leftJoin("indicators as i", "i.component_id", "c.id")
    .select([
      "c.id",
      "c.weight",
      "c.stage_id",
      "c.position",
      sql<number>`coalesce(sum(i.max_score), 0)`.as("summax"),
    ])
    .where("c.competition_id", "=", f.competitionId)
    .groupBy(["c.id", "c.weight", "c.stage_id", "c.position"])
    .execute();
  const d = criteria.reduce((l, c) => {
    const m = BigInt(c.summax);
    return m > 0n ? (l / gcd(l, m)) * m : l;
  }, 1n);
  const points = await sql<{
    entry_id: number;
    sheet_id: number;
    component_id: number;
    points: number;
  }>`
    select sh.entry_id, sh.id as sheet_id, i.component_id, sum(s.value) as points
    from scores s join indicators i on i.id = s.indicator_id join score_sheets sh on sh.id = s.sheet_id
    where sh.status = 'submitted' and sh.entry_id in (${sql.join(f.entries.map((e) => e.id))})
      and not exists (select 1 from conflicts k join entries ke on ke.library_id = k.library_id
        where ke.id = sh.entry_id and k.judge_id = sh.judge_id and k.status = 'confirmed')
    group by sh.entry_id, sh.id, i.component_id`.execute(t.db);
  const byComponent = new Map<string, bigint[]>();
  const sheetTotal = new Map<number, { entry: number; stage: number; t: bigint }>();
  for (const p of points.rows) {
    const key = `${p.entry_id}:${p.component_id}`;
    byComponent.set(key, [...(byComponent.get(key) ?? []), BigInt(p.points)]);
    const c = criteria.find((x) => x.id === p.component_id)!;
    if (c.summax === 0) continue;
    const s = sheetTotal.get(p.sheet_id) ?? { entry: p.entry_id, stage: c.stage_id, t: 0n };
    s.t += BigInt(p.points) * BigInt(c.weight) * (d / BigInt(c.summax));
    sheetTotal.set(p.sheet_id, s);
  }
  const byStage = new Map<string, bigint[]>();
  for (const s of sheetTotal.values()) {
    const key = `${s.entry}:${s.stage}`;
    byStage.set(key, [...(byStage.get(key) ?? []), s.t]);
  }
  // each entry's component finals in a stage under each method (migration 0018): the tie-break
  // chain (five digits each, by weight, then position, then id) and the "id:x100" pairs (by id)
  const strings = (key: string) => {
    const [entry, stage] = key.split(":").map(Number);
    const scored = criteria
      .filter((c) => c.stage_id === stage && c.summax > 0 && byComponent.has(`${entry}:${c.id}`))
      .map((c) => ({ c, a: aggregates(byComponent.get(`${entry}:${c.id}`)!) }));
    if (scored.length === 0) return METHODS.flatMap(() => ["null", "null"]);
    return METHODS.flatMap(([, final]) => {
      const finals = scored.map(({ c, a }) => {
        const [num, den] = final(a);
        return { c, v: x100(BigInt(c.weight) * num, den * BigInt(c.summax)) };
      });
      const chain = [...finals]
        .sort((x, y) => y.c.weight - x.c.weight || x.c.position - y.c.position || x.c.id - y.c.id)
        .map((x) => String(x.v).padStart(5, "0"))
        .join("");
      const pairs = [...finals]
        .sort((x, y) => x.c.id - y.c.id)
        .map((x) => `${x.c.id}:${x.v}`)
        .join(",");
      return [chain, pairs];
    });
  };
  const rows = (m: Map<string, bigint[]>, unit?: bigint) =>
    [...m.entries()]
      .map(([key, values]) =>
        [
          ...key.split(":"),
          ...(unit ? [String(unit)] : []),
          ...aggregates(values),
          ...(unit ? strings(key) : []),
        ].join(" "),
      )
      .sort();
  return { stages: rows(byStage, d), components: rows(byComponent) };
}

/** The kept rows of the entries whose inputs were counted at their last change (the rows in use). */
async function inUse(f: Fixture, only?: Set<number>) {
  const counted = await t.db
    .selectFrom("entries")
    .select("id")
    .where("competition_id", "=", f.competitionId)
    .whereRef("inputs_counted", "=", "inputs_changed")
    .execute();
  const ids = new Set(counted.map((e) => e.id).filter((id) => !only || only.has(id)));
  const text = (r: Record<string, unknown>, columns: string[]) =>
    columns.map((c) => String(r[c])).join(" ");
  const stages = await t.db.selectFrom("entry_stage_inputs").selectAll().execute();
  const components = await t.db.selectFrom("entry_component_inputs").selectAll().execute();
  return {
    ids,
    stages: stages
      .filter((r) => ids.has(r.entry_id))
      .map((r) =>
        text(r, [
          ...["entry_id", "stage_id", "unit", "n", "s", "hi", "lo", "mid2", "ts", "tk"],
          ...METHODS.flatMap(([m]) => [`tiebreak_${m}`, `components_${m}`]),
        ]),
      )
      .sort(),
    components: components
      .filter((r) => ids.has(r.entry_id))
      .map((r) => text(r, ["entry_id", "component_id", "n", "s", "hi", "lo", "mid2", "ts", "tk"]))
      .sort(),
  };
}

describe("ranking inputs kept per entry", () => {
  it("are exact for every entry counted since its last change, after any sequence of writes", async () => {
    await fc.assert(
      // eager: counted after every write, so a write that changes inputs without counting a
      // change leaves wrong rows in use at once
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 30, size: "medium" }),
        fc.boolean(),
        async (ops, eager) => {
          const f = await fixture();
          const keep = (rows: string[], ids: Set<number>) =>
            rows.filter((r) => ids.has(Number(r.split(" ")[0])));
          // after every write, the rows in use, whatever was counted when
          for (const op of ops) {
            await apply(f, op);
            const now = await inUse(f);
            if (eager) await countRankingInputs(f.competitionId, t.db);
            const expected = await reference(f);
            expect(now.stages).toEqual(keep(expected.stages, now.ids));
            expect(now.components).toEqual(keep(expected.components, now.ids));
          }
          const expected = await reference(f);
          // counted once more: every entry's rows
          await countRankingInputs(f.competitionId, t.db);
          const all = await inUse(f);
          expect(all.ids.size).toBe(3);
          expect(all.stages).toEqual(expected.stages);
          expect(all.components).toEqual(expected.components);
        },
      ),
      { numRuns: 100 },
    );
  }, 240_000);

  it("counts a change for each write that changes an entry's inputs, and none for a draft's save", async () => {
    const f = await fixture();
    await countRankingInputs(f.competitionId, t.db);
    const changed = async () =>
      (
        await t.db
          .selectFrom("entries")
          .select("id")
          .where("competition_id", "=", f.competitionId)
          .whereRef("inputs_counted", "<>", "inputs_changed")
          .orderBy("id")
          .execute()
      ).map((e) => e.id);
    const [e0, e1] = f.entries.map((e) => e.id);
    const step = async (op: Op, expected: number[]) => {
      await apply(f, op);
      expect(await changed()).toEqual(expected);
      await countRankingInputs(f.competitionId, t.db);
    };
    // a draft's autosave changes nothing the ranking counts
    await step({ kind: "write", entry: 0, judge: 0, indicator: 0, value: 7 }, []);
    await step({ kind: "status", entry: 0, judge: 0, submitted: true }, [e0!]);
    await step({ kind: "write", entry: 0, judge: 0, indicator: 1, value: 3 }, [e0!]);
    await step({ kind: "conflict", entry: 1, judge: 2, confirmed: true }, [e1!]);
    await step({ kind: "conflict", entry: 1, judge: 2, confirmed: false }, [e1!]);
    await step({ kind: "status", entry: 0, judge: 0, submitted: false }, [e0!]);
    // criteria: every entry of the competition
    await step(
      { kind: "weight", component: 1, weight: 45 },
      f.entries.map((e) => e.id),
    );
    await step(
      { kind: "max", indicator: 2, max: 30 },
      f.entries.map((e) => e.id),
    );
    // a component's position orders the tie-break chain among equal weights (migration 0018)
    await step(
      { kind: "position", component: 0, position: 3 },
      f.entries.map((e) => e.id),
    );
  });

  it("ranks alike from the kept rows and, when an entry changed in between, from sheet_points", async () => {
    const f = await fixture();
    for (const [entry, values] of [
      [8, 9, 10],
      [3, 4, 20],
      [15, 1, 2],
    ].entries())
      for (const judge of [0, 1, 2]) {
        for (const indicator of [0, 1, 2])
          await apply(f, {
            kind: "write",
            entry,
            judge,
            indicator,
            value: values[(judge + indicator) % 3]!,
          });
        await apply(f, { kind: "status", entry, judge, submitted: true });
      }
    for (const method of ["mean", "trimmed-mean", "median"] as const) {
      const kept = await computeRanking(f.competitionId, { method }, t.db);
      // a submitted score changed inside a transaction: the entry's kept rows no longer hold, and
      // the ranking read in that transaction counts it from sheet_points
      const live = await t.db.transaction().execute(async (trx) => {
        await sql`update scores set value = value where sheet_id = ${f.sheets[0]![0]!}`.execute(
          trx,
        );
        return computeRanking(f.competitionId, { method }, trx);
      });
      expect(live).toEqual(kept);
      expect(kept!.entries.map((e) => e.finalX100)).not.toContain(null);
    }
    // and a real change shows at once, counted or not
    const before = (await computeRanking(f.competitionId, {}, t.db))!;
    const changedInside = await t.db.transaction().execute(async (trx) => {
      await sql`update scores set value = min_score where sheet_id in (${sql.join(f.sheets[0]!)})`.execute(
        trx,
      );
      return computeRanking(f.competitionId, {}, trx);
    });
    const after = (await computeRanking(f.competitionId, {}, t.db))!;
    expect(changedInside).toEqual(after);
    const first = (r: typeof before) => r.entries.find((e) => e.entryId === f.entries[0]!.id)!;
    expect(first(after).finalX100).toBeLessThan(first(before).finalX100!);
  });
});
