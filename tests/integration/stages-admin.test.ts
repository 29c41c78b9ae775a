import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { computeRanking } from "../../app/models/ranking.server";
import { advanceStage, recordAdminCheck } from "../../app/models/stages.server";
import { createTestDb } from "../support/db";

/**
 * The admin stage's checklist and the moves out of it (docs/decisions/010-stages.md): what a
 * check writes and audits, what the move counts as unchecked, who goes on, and the refusals.
 */
const now = "2026-11-26T00:00:00.000Z";
let cleanup: () => Promise<void>;
let competitionId = 0;
let judge = 0;
let visitJudge = 0;
let chair = 0;
let adminStage = 0;
let deskStage = 0;
const entry = new Map<string, number>();
const actor = () => ({ id: chair, label: "Ketua <ketua@adm.test>" });

async function user(email: string, role: "judge" | "chair") {
  const { id } = await getDb()
    .insertInto("users")
    .values({ email, name: email, role, password_hash: "x", created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A submitted sheet (the database gives it the stage open now) scoring one indicator. */
async function submit(library: string, value: number, indicator = "D1", judgeId = judge) {
  const db = getDb();
  const { id } = await db
    .insertInto("score_sheets")
    .values({
      entry_id: entry.get(library)!,
      judge_id: judgeId,
      status: "submitted",
      submitted_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ind = await db
    .selectFrom("indicators")
    .select("id")
    .where("competition_id", "=", competitionId)
    .where("code", "=", indicator)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("scores")
    .values({ sheet_id: id, indicator_id: ind.id, min_score: 0, max_score: 10, value })
    .execute();
}

const checks = () =>
  getDb()
    .selectFrom("stage_checks as k")
    .innerJoin("entries as e", "e.id", "k.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["k.stage_id", "l.code", "k.item", "k.passed", "k.reason", "k.checked_by"])
    .orderBy("l.code")
    .orderBy("k.item")
    .execute();

const audit = (entityType: string) =>
  getDb()
    .selectFrom("audit_log")
    .select(["user_id", "entity_id", "action", "reason", "before_json", "after_json"])
    .where("entity_type", "=", entityType)
    .orderBy("id")
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        ...r,
        before_json: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
        after_json: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
      })),
    );

beforeAll(async () => {
  ({ cleanup } = await createTestDb());
  const db = getDb();
  judge = await user("meja@adm.test", "judge");
  visitJudge = await user("kunjungan@adm.test", "judge");
  chair = await user("ketua@adm.test", "chair");
  ({ id: competitionId } = await db
    .insertInto("competitions")
    .values({
      slug: "adm",
      name: "Lomba dengan berkas",
      year: 2026,
      level: "kabupaten",
      region: "Uji",
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
  // the first stage the database gave the competition becomes the admin check
  ({ id: adminStage } = await db
    .updateTable("stages")
    .set({ code: "ADM", name: "Administrasi", kind: "admin", weight: 0, advance: null })
    .where("competition_id", "=", competitionId)
    .returning("id")
    .executeTakeFirstOrThrow());
  ({ id: deskStage } = await db
    .insertInto("stages")
    .values({
      competition_id: competitionId,
      position: 2,
      code: "DESK",
      name: "Penilaian berkas",
      kind: "desk",
      weight: 40,
      advance: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow());
  const { id: visitStage } = await db
    .insertInto("stages")
    .values({
      competition_id: competitionId,
      position: 3,
      code: "VISIT",
      name: "Kunjungan",
      kind: "visit",
      weight: 60,
      advance: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [code, stageId] of [
    ["D", deskStage],
    ["V", visitStage],
  ] as const) {
    const { id: componentId } = await db
      .insertInto("components")
      .values({
        competition_id: competitionId,
        stage_id: stageId,
        code,
        name: code,
        weight: 100,
        position: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("indicators")
      .values({
        competition_id: competitionId,
        component_id: componentId,
        code: `${code}1`,
        name: `${code}1`,
        description: "",
        min_score: 0,
        max_score: 10,
        position: 1,
      })
      .execute();
  }
  for (const code of ["L1", "L2", "L3", "L4"]) {
    const { id: libraryId } = await db
      .insertInto("libraries")
      .values({
        code,
        name: `Perpustakaan ${code}`,
        type: "desa",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id } = await db
      .insertInto("entries")
      .values({
        competition_id: competitionId,
        library_id: libraryId,
        category: "desa",
        created_at: now,
        // L4 withdrew: not checked, not counted, not listed
        ...(code === "L4" ? { status: "withdrawn" as const, status_reason: "mundur" } : {}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    entry.set(code, id);
  }
});
afterAll(async () => {
  await cleanup();
});

describe("the admin stage", () => {
  it("refuses a check without an item, a failure without a reason, and an entry not in the competition", async () => {
    const check = (input: Parameters<typeof recordAdminCheck>[2], competition = competitionId) =>
      recordAdminCheck(actor(), competition, input);
    expect(await check({ library: "L1", item: "  ", passed: true })).toEqual({
      ok: false,
      errors: { item: ["error.required"] },
    });
    expect(await check({ library: "L1", item: "SK", passed: false, reason: "  " })).toEqual({
      ok: false,
      errors: { reason: ["stage.check.reasonRequired"] },
    });
    expect(await check({ library: "L1", item: "SK", passed: false })).toEqual({
      ok: false,
      errors: { reason: ["stage.check.reasonRequired"] },
    });
    for (const [library, competition] of [
      ["L9", competitionId],
      ["L4", competitionId],
      ["L1", competitionId + 100],
    ] as const)
      expect(await check({ library, item: "SK", passed: true }, competition)).toEqual({
        ok: false,
        errors: { _form: ["error.404"] },
      });
    // the admin stage is open, but scoring was closed
    await getDb()
      .updateTable("competitions")
      .set({ status: "closed" })
      .where("id", "=", competitionId)
      .execute();
    expect(await check({ library: "L1", item: "SK", passed: true })).toEqual({
      ok: false,
      errors: { _form: ["stage.check.notAdminStage"] },
    });
    await getDb()
      .updateTable("competitions")
      .set({ status: "scoring" })
      .where("id", "=", competitionId)
      .execute();
    expect(await checks()).toEqual([]);
    expect(await audit("stage_check")).toEqual([]);
  });

  it("records a check per entry and item, trimmed, replaces it when redone, and audits each with what it replaced", async () => {
    const check = (input: Parameters<typeof recordAdminCheck>[2]) =>
      recordAdminCheck(actor(), competitionId, input);
    expect(await check({ library: "l1", item: " SK ", passed: true, reason: "ignored" })).toEqual({
      ok: true,
    });
    expect(await check({ library: "L2", item: "SK", passed: true })).toEqual({ ok: true });
    expect(
      await check({ library: "L2", item: "SK", passed: false, reason: " SK kedaluwarsa " }),
    ).toEqual({ ok: true });
    expect(await check({ library: "L2", item: "Foto", passed: false, reason: "buram" })).toEqual({
      ok: true,
    });
    expect(await check({ library: "L2", item: "Foto", passed: true })).toEqual({ ok: true });
    expect(await checks()).toEqual([
      { stage_id: adminStage, code: "L1", item: "SK", passed: 1, reason: "", checked_by: chair },
      { stage_id: adminStage, code: "L2", item: "Foto", passed: 1, reason: "", checked_by: chair },
      {
        stage_id: adminStage,
        code: "L2",
        item: "SK",
        passed: 0,
        reason: "SK kedaluwarsa",
        checked_by: chair,
      },
    ]);
    expect(await audit("stage_check")).toEqual([
      {
        user_id: chair,
        entity_id: "ADM:L1",
        action: "check",
        reason: null,
        before_json: null,
        after_json: { item: "SK", passed: true },
      },
      {
        user_id: chair,
        entity_id: "ADM:L2",
        action: "check",
        reason: null,
        before_json: null,
        after_json: { item: "SK", passed: true },
      },
      {
        user_id: chair,
        entity_id: "ADM:L2",
        action: "check",
        reason: "SK kedaluwarsa",
        before_json: { item: "SK", passed: true, reason: "" },
        after_json: { item: "SK", passed: false },
      },
      {
        user_id: chair,
        entity_id: "ADM:L2",
        action: "check",
        reason: "buram",
        before_json: null,
        after_json: { item: "Foto", passed: false },
      },
      {
        user_id: chair,
        entity_id: "ADM:L2",
        action: "check",
        reason: null,
        before_json: { item: "Foto", passed: false, reason: "buram" },
        after_json: { item: "Foto", passed: true },
      },
    ]);
  });

  it("refuses to move on while an active entry is unchecked, unless overridden with a reason", async () => {
    // L3 has no check; the withdrawn L4 does not count
    const unchecked = {
      ok: false,
      reasons: [{ message: "stage.reason.unchecked", params: { count: 1 }, overridable: true }],
    };
    expect(await advanceStage(actor(), "adm")).toEqual(unchecked);
    expect(await advanceStage(actor(), competitionId, { reason: "tanpa override" })).toEqual(
      unchecked,
    );
    expect(await advanceStage(actor(), competitionId, { override: true, reason: "  " })).toEqual({
      ok: false,
      reasons: [{ message: "status.reason.overrideReason" }],
    });
    // nothing moved
    const c = await getDb()
      .selectFrom("competitions")
      .select("current_stage")
      .where("id", "=", competitionId)
      .executeTakeFirstOrThrow();
    expect(c.current_stage).toBe(1);
    expect(await audit("stage")).toEqual([]);
  });

  it("moves on with an override: an entry that failed a check stays behind, an unchecked one goes on", async () => {
    expect(
      await advanceStage(actor(), competitionId, { override: true, reason: " L3 menyusul " }),
    ).toEqual({ ok: true, from: "ADM", to: "DESK", advanced: ["L1", "L3"] });
    const db = getDb();
    expect(
      await db
        .selectFrom("stage_results as r")
        .innerJoin("entries as e", "e.id", "r.entry_id")
        .innerJoin("libraries as l", "l.id", "e.library_id")
        .select(["r.stage_id", "l.code", "r.score_x100", "r.rank", "r.advanced"])
        .orderBy("l.code")
        .execute(),
    ).toEqual([
      { stage_id: adminStage, code: "L1", score_x100: null, rank: null, advanced: 1 },
      { stage_id: adminStage, code: "L2", score_x100: null, rank: null, advanced: 0 },
      { stage_id: adminStage, code: "L3", score_x100: null, rank: null, advanced: 1 },
    ]);
    const stages = await db
      .selectFrom("stages")
      .select(["code", "closed_at"])
      .where("competition_id", "=", competitionId)
      .orderBy("position")
      .execute();
    expect(stages.map((s) => [s.code, s.closed_at !== null])).toEqual([
      ["ADM", true],
      ["DESK", false],
      ["VISIT", false],
    ]);
    expect(await audit("stage")).toEqual([
      {
        user_id: chair,
        entity_id: "ADM",
        action: "advance",
        reason: "L3 menyusul",
        before_json: { stage: "ADM" },
        after_json: {
          stage: "DESK",
          override: true,
          // no later-stage assignments were made here, so none of L2's are withdrawn
          assignmentsWithdrawn: 0,
          shortlist: [
            { library: "L1", score: null, rank: null, advanced: true },
            { library: "L2", score: null, rank: null, advanced: false },
            { library: "L3", score: null, rank: null, advanced: true },
          ],
        },
      },
    ]);
    // the admin stage is closed: no more checks
    expect(
      await recordAdminCheck(actor(), competitionId, { library: "L3", item: "SK", passed: true }),
    ).toEqual({ ok: false, errors: { _form: ["stage.check.notAdminStage"] } });
  });

  it("moves on from a scored stage without blockers: no override recorded, even if asked for", async () => {
    await submit("L1", 8);
    await submit("L3", 6);
    expect(await advanceStage(actor(), "adm", { override: true })).toEqual({
      ok: true,
      from: "DESK",
      to: "VISIT",
      advanced: ["L1"],
    });
    const [, move] = await audit("stage");
    expect(move).toEqual({
      user_id: chair,
      entity_id: "DESK",
      action: "advance",
      reason: null,
      before_json: { stage: "DESK" },
      after_json: {
        stage: "VISIT",
        assignmentsWithdrawn: 0,
        shortlist: [
          { library: "L1", score: 8000, rank: 1, advanced: true },
          { library: "L3", score: 6000, rank: 2, advanced: false },
        ],
      },
    });
    const results = await getDb()
      .selectFrom("stage_results")
      .select(["entry_id", "score_x100", "rank", "advanced"])
      .where("stage_id", "=", deskStage)
      .orderBy("rank")
      .execute();
    expect(results).toEqual([
      { entry_id: entry.get("L1"), score_x100: 8000, rank: 1, advanced: 1 },
      { entry_id: entry.get("L3"), score_x100: 6000, rank: 2, advanced: 0 },
    ]);
  });

  it("combines a finalist's score over the stages it has a final in: a desk sheet set aside after the cut leaves the visit's alone", async () => {
    await submit("L1", 6, "V1", visitJudge);
    const finalist = async () =>
      (await computeRanking(competitionId))!.entries
        .filter((e) => e.code === "L1")
        .map((e) => [e.finalX100, e.rank, e.stageReached]);
    // (40 × 80 + 60 × 60) / 100 = 68.00
    expect(await finalist()).toEqual([[6800, 1, "VISIT"]]);
    // the desk judge's conflict with L1 is confirmed after the cut: the desk sheet no longer
    // counts, L1 stays in the visit (the shortlist is a snapshot) and is ranked by the visit alone
    const { library_id } = await getDb()
      .selectFrom("entries")
      .select("library_id")
      .where("id", "=", entry.get("L1")!)
      .executeTakeFirstOrThrow();
    await getDb()
      .insertInto("conflicts")
      .values({
        judge_id: judge,
        library_id,
        status: "confirmed",
        reason: "kerabat",
        created_by: chair,
        created_at: now,
      })
      .execute();
    expect(await finalist()).toEqual([[6000, 1, "VISIT"]]);
  });

  it("refuses a move in a competition that is not scoring, and in one that does not exist", async () => {
    expect(await advanceStage(actor(), "no-such-competition")).toEqual({
      ok: false,
      reasons: [{ message: "status.reason.notFound" }],
    });
    await getDb()
      .updateTable("competitions")
      .set({ status: "closed" })
      .where("id", "=", competitionId)
      .execute();
    expect(await advanceStage(actor(), competitionId, { override: true, reason: "x" })).toEqual({
      ok: false,
      reasons: [{ message: "stage.reason.notScoring" }],
    });
  });
});
