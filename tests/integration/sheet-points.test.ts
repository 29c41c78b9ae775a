import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db";

/**
 * `sheet_points` (migration 0006) is what the ranking reads instead of every score: it must equal
 * a fresh GROUP BY over `scores` after any sequence of writes, whoever makes them: saves that
 * insert, change and clear scores, a sheet or an indicator deleted, an indicator moved to another
 * component, a component deleted.
 */
let t: TestDb;
let judgeId = 0;
let run = 0;
const now = "2026-11-27T00:00:00.000Z";

beforeAll(async () => {
  t = await createTestDb();
  ({ id: judgeId } = await t.db
    .insertInto("users")
    .values({
      email: "juri@juara.test",
      name: "Juri",
      password_hash: "x",
      role: "judge",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow());
});

afterAll(async () => {
  await t.cleanup();
});

interface Fixture {
  components: number[];
  indicators: { id: number; max: number }[];
  sheets: number[];
}

async function fixture(): Promise<Fixture> {
  run += 1;
  const slug = `points-${run}`;
  const { id: competitionId } = await t.db
    .insertInto("competitions")
    .values({
      slug,
      name: slug,
      year: 2026,
      level: "kabupaten",
      region: "Uji",
      status: "scoring",
      aggregation: "mean",
      prize_winners: 3,
      prize_honourable: 3,
      ranking_scope: "overall",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const components: number[] = [];
  const indicators: Fixture["indicators"] = [];
  for (let c = 0; c < 3; c++) {
    const { id } = await t.db
      .insertInto("components")
      .values({
        competition_id: competitionId,
        code: `K${c}`,
        name: `Komponen ${c}`,
        weight: c === 2 ? 34 : 33,
        position: c,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    components.push(id);
    for (let i = 0; i < 3; i++) {
      const max = 3 + i;
      const { id: indicatorId } = await t.db
        .insertInto("indicators")
        .values({
          competition_id: competitionId,
          component_id: id,
          code: `K${c}-${i}`,
          name: `Indikator ${i}`,
          description: "",
          min_score: 0,
          max_score: max,
          position: i,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      indicators.push({ id: indicatorId, max });
    }
  }
  const sheets: number[] = [];
  for (let e = 0; e < 3; e++) {
    const { id: libraryId } = await t.db
      .insertInto("libraries")
      .values({
        code: `${slug}-L${e}`,
        name: `Perpustakaan ${e}`,
        type: "desa",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id: entryId } = await t.db
      .insertInto("entries")
      .values({
        competition_id: competitionId,
        library_id: libraryId,
        category: "desa",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id: sheetId } = await t.db
      .insertInto("score_sheets")
      .values({
        entry_id: entryId,
        judge_id: judgeId,
        status: "draft",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    sheets.push(sheetId);
  }
  return { components, indicators, sheets };
}

type Op =
  | { kind: "write"; sheet: number; indicator: number; value: number | null }
  | { kind: "clear"; sheet: number; indicator: number }
  | { kind: "status"; sheet: number; submitted: boolean }
  | { kind: "deleteSheet"; sheet: number }
  | { kind: "deleteIndicator"; indicator: number }
  | { kind: "moveIndicator"; indicator: number; component: number }
  | { kind: "deleteComponent"; component: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      sheet: fc.nat(2),
      indicator: fc.nat(8),
      value: fc.option(fc.nat(5), { freq: 5 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("clear" as const),
      sheet: fc.nat(2),
      indicator: fc.nat(8),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("deleteSheet" as const),
      sheet: fc.nat(2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("deleteIndicator" as const),
      indicator: fc.nat(8),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("moveIndicator" as const),
      indicator: fc.nat(8),
      component: fc.nat(2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("deleteComponent" as const),
      component: fc.nat(2),
    }),
  },
);

/** Applies one write as the app or an operator would; writes the schema refuses are skipped. */
async function apply(f: Fixture, op: Op): Promise<void> {
  switch (op.kind) {
    case "write": {
      const indicator = f.indicators[op.indicator]!;
      const value = op.value === null ? null : op.value % (indicator.max + 1);
      // the save's upsert: insert, or change the value of the score already there
      await sql`insert into scores (sheet_id, indicator_id, min_score, max_score, value)
        select ${f.sheets[op.sheet]!}, i.id, i.min_score, i.max_score, ${value}
        from indicators i where i.id = ${indicator.id}
          and exists (select 1 from score_sheets where id = ${f.sheets[op.sheet]!})
        on conflict (sheet_id, indicator_id) do update set value = excluded.value`.execute(
        t.db,
      );
      return;
    }
    case "clear":
      await t.db
        .deleteFrom("scores")
        .where("sheet_id", "=", f.sheets[op.sheet]!)
        .where("indicator_id", "=", f.indicators[op.indicator]!.id)
        .execute();
      return;
    case "status":
      // submitting and reopening, as the save and the chair's reopen do
      await t.db
        .updateTable("score_sheets")
        .set({
          status: op.submitted ? "submitted" : "draft",
          submitted_at: op.submitted ? now : null,
        })
        .where("id", "=", f.sheets[op.sheet]!)
        .execute();
      return;
    case "deleteSheet":
      await t.db
        .deleteFrom("score_sheets")
        .where("id", "=", f.sheets[op.sheet]!)
        .execute();
      return;
    case "deleteIndicator":
      await t.db
        .deleteFrom("indicators")
        .where("id", "=", f.indicators[op.indicator]!.id)
        .execute();
      return;
    case "moveIndicator":
      await t.db
        .updateTable("indicators")
        .set({ component_id: f.components[op.component]! })
        .where("id", "=", f.indicators[op.indicator]!.id)
        .where(({ exists, selectFrom, lit }) =>
          exists(
            selectFrom("components")
              .select(lit(1).as("one"))
              .where("id", "=", f.components[op.component]!),
          ),
        )
        .execute();
      return;
    case "deleteComponent":
      await t.db
        .deleteFrom("components")
        .where("id", "=", f.components[op.component]!)
        .execute();
      return;
  }
}

/** this run's sheets only, so a failure shrinks to the writes that caused it */
async function kept(f: Fixture) {
  return t.db
    .selectFrom("sheet_points")
    .select([
      "sheet_id",
      "component_id",
      "entry_id",
      "submitted",
      "points",
      "scores",
    ])
    .where("sheet_id", "in", f.sheets)
    .orderBy("sheet_id")
    .orderBy("component_id")
    .execute();
}

async function recounted(f: Fixture) {
  const { rows } = await sql<{
    sheet_id: number;
    component_id: number;
    entry_id: number;
    submitted: number;
    points: number;
    scores: number;
  }>`select s.sheet_id, i.component_id, sh.entry_id, sh.status = 'submitted' as submitted,
       sum(coalesce(s.value, 0)) as points, count(*) as scores
     from scores s join indicators i on i.id = s.indicator_id join score_sheets sh on sh.id = s.sheet_id
     where s.sheet_id in (${sql.join(f.sheets)})
     group by s.sheet_id, i.component_id, sh.entry_id, sh.status
     order by s.sheet_id, i.component_id`.execute(t.db);
  return rows;
}

describe("sheet_points", () => {
  it("equals a fresh count of the scores after any sequence of writes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 40 }),
        async (ops) => {
          const f = await fixture();
          for (const op of ops) await apply(f, op);
          expect(await kept(f)).toEqual(await recounted(f));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("holds a sheet's points per component as the save writes them", async () => {
    const f = await fixture();
    const [a1, a2, a3, b1] = f.indicators;
    const sheet = f.sheets[0]!;
    await t.db
      .insertInto("scores")
      .values([
        {
          sheet_id: sheet,
          indicator_id: a1!.id,
          min_score: 0,
          max_score: a1!.max,
          value: 3,
        },
        {
          sheet_id: sheet,
          indicator_id: a2!.id,
          min_score: 0,
          max_score: a2!.max,
          value: 4,
        },
        {
          sheet_id: sheet,
          indicator_id: a3!.id,
          min_score: 0,
          max_score: a3!.max,
          value: null,
        },
        {
          sheet_id: sheet,
          indicator_id: b1!.id,
          min_score: 0,
          max_score: b1!.max,
          value: 2,
        },
      ])
      .execute();
    await t.db
      .updateTable("scores")
      .set({ value: 5 })
      .where("sheet_id", "=", sheet)
      .where("indicator_id", "=", a3!.id)
      .execute();
    const rows = await t.db
      .selectFrom("sheet_points")
      .select(["component_id", "points", "scores", "submitted"])
      .where("sheet_id", "=", sheet)
      .orderBy("component_id")
      .execute();
    expect(rows).toEqual([
      { component_id: f.components[0], points: 12, scores: 3, submitted: 0 },
      { component_id: f.components[1], points: 2, scores: 1, submitted: 0 },
    ]);
  });
});
