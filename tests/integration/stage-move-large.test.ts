import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../app/lib/audit.server";
import { advanceStage } from "../../app/models/stages.server";
import { createTestDb, type TestDb } from "../support/db";

/**
 * A stage move writes its whole shortlist, however large: one row per entry, more rows than one
 * SQLite statement may bind values for (32,766, five a row: 6,553 rows).
 */
const ENTRIES = 7000;
const now = "2026-11-25T00:00:00.000Z";
let t: TestDb;
let competitionId = 0;

beforeAll(async () => {
  t = await createTestDb();
  ({ id: competitionId } = await t.db
    .insertInto("competitions")
    .values({
      slug: "besar",
      name: "Lomba besar",
      year: 2026,
      level: "nasional",
      region: "",
      status: "scoring",
      aggregation: "mean",
      prize_winners: 3,
      prize_honourable: 0,
      ranking_scope: "overall",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow());
  await t.db
    .updateTable("stages")
    .set({ code: "DESK", kind: "desk", weight: 50, advance: 100 })
    .where("competition_id", "=", competitionId)
    .execute();
  await t.db
    .insertInto("stages")
    .values({
      competition_id: competitionId,
      position: 2,
      code: "VISIT",
      name: "Kunjungan",
      kind: "visit",
      weight: 50,
      advance: null,
    })
    .execute();
  const { id: componentId } = await t.db
    .insertInto("components")
    .values({ competition_id: competitionId, code: "D", name: "D", weight: 100, position: 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id: indicatorId } = await t.db
    .insertInto("indicators")
    .values({
      competition_id: competitionId,
      component_id: componentId,
      code: "D1",
      name: "D1",
      description: "",
      min_score: 0,
      max_score: 100,
      position: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id: judgeId } = await t.db
    .insertInto("users")
    .values({
      email: "juri@besar.test",
      name: "Juri",
      role: "judge",
      password_hash: "x",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db.transaction().execute(async (trx) => {
    for (let e = 0; e < ENTRIES; e++) {
      const { id: libraryId } = await trx
        .insertInto("libraries")
        .values({ code: `L${e}`, name: `L${e}`, type: "desa", created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: entryId } = await trx
        .insertInto("entries")
        .values({
          competition_id: competitionId,
          library_id: libraryId,
          category: "desa",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: sheetId } = await trx
        .insertInto("score_sheets")
        .values({
          entry_id: entryId,
          judge_id: judgeId,
          status: "submitted",
          submitted_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("scores")
        .values({
          sheet_id: sheetId,
          indicator_id: indicatorId,
          min_score: 0,
          max_score: 100,
          value: e % 100,
        })
        .execute();
    }
  });
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

describe("a stage move over thousands of entries", () => {
  it("writes every entry's row of the shortlist, the top 100 and the ties at the cut going on", async () => {
    const moved = await advanceStage(SYSTEM_ACTOR, competitionId);
    expect(moved).toMatchObject({ ok: true, from: "DESK", to: "VISIT" });
    const rows = await t.db
      .selectFrom("stage_results")
      .select(["advanced", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("advanced")
      .orderBy("advanced")
      .execute();
    // scores 0–99, 70 entries each: the top 100 reach into the 98s, all 70 of them go on
    expect(rows.map((r) => [r.advanced, Number(r.n)])).toEqual([
      [0, ENTRIES - 140],
      [1, 140],
    ]);
  });
});
