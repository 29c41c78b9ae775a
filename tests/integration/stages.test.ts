import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { getDb } from "../../app/lib/db.server";
import { getJudgeCompetition, getSheetView } from "../../app/models/sheets.server";
import { advanceStage, recordAdminCheck } from "../../app/models/stages.server";
import { computeRanking } from "../../app/models/ranking.server";
import { changeStatus } from "../../app/models/status.server";
import { loader as resultsApi } from "../../app/routes/api.competitions.$slug.results";
import { createTestDb } from "../support/db";

/**
 * Moving a competition through its stages (docs/decisions/010-stages.md): the shortlist written
 * and audited, the judges' access following the stage, the CLI, the admin checklist.
 */
const now = "2026-11-25T00:00:00.000Z";
let cleanup: () => Promise<void>;
let competitionId = 0;
let judge1 = 0;
let judge2 = 0;
let chair = 0;
const entry = new Map<string, number>();

async function user(email: string, role: "judge" | "chair") {
  const { id } = await getDb()
    .insertInto("users")
    .values({ email, name: email, role, password_hash: "x", created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A submitted sheet in the stage open now (the database gives it that stage). */
async function submit(judgeId: number, library: string, indicator: string, value: number) {
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
    .select(["id", "max_score"])
    .where("code", "=", indicator)
    .where("competition_id", "=", competitionId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("scores")
    .values({
      sheet_id: id,
      indicator_id: ind.id,
      min_score: 0,
      max_score: ind.max_score,
      value,
    })
    .execute();
}

beforeAll(async () => {
  ({ cleanup } = await createTestDb());
  const db = getDb();
  judge1 = await user("meja@tahap.test", "judge");
  judge2 = await user("kunjungan@tahap.test", "judge");
  chair = await user("ketua@tahap.test", "chair");
  ({ id: competitionId } = await db
    .insertInto("competitions")
    .values({
      slug: "tahap",
      name: "Lomba bertahap",
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
  // the first stage the database gave the competition becomes the desk review
  await db
    .updateTable("stages")
    .set({ code: "DESK", name: "Penilaian berkas", kind: "desk", weight: 40, advance: 2 })
    .where("competition_id", "=", competitionId)
    .execute();
  const { id: visit } = await db
    .insertInto("stages")
    .values({
      competition_id: competitionId,
      position: 2,
      code: "VISIT",
      name: "Kunjungan",
      kind: "visit",
      weight: 60,
      advance: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [code, stageId] of [
    ["D", undefined],
    ["V", visit],
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
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    entry.set(code, id);
    // the desk: judge 1 sees every entry (an assignment written without a stage takes the open one)
    await db
      .insertInto("judge_assignments")
      .values({ entry_id: id, judge_id: judge1, created_at: now })
      .execute();
  }
  // the visit team is assigned ahead: L1 and L4
  for (const code of ["L1", "L4"])
    await db
      .insertInto("judge_assignments")
      .values({ stage_id: visit, entry_id: entry.get(code)!, judge_id: judge2, created_at: now })
      .execute();
});
afterAll(async () => {
  await cleanup();
});

describe("stages", () => {
  it("shows judges only the stage open now: its entries assigned to them and its criteria", async () => {
    const list = await getJudgeCompetition(judge1, "tahap");
    expect(list?.entries.map((e) => e.code)).toEqual(["L1", "L2", "L3", "L4"]);
    expect(await getJudgeCompetition(judge2, "tahap")).toBeNull();
    expect(await getSheetView(judge2, "tahap", "L1")).toBeNull();
    const view = await getSheetView(judge1, "tahap", "l1");
    expect(view?.criteria.map((c) => c.code)).toEqual(["D"]);
  });

  it("refuses to move on while sheets are unsubmitted, unless overridden with a reason", async () => {
    const actor = { id: chair, label: "Ketua" };
    expect(await advanceStage(actor, "tahap")).toEqual({
      ok: false,
      reasons: [
        { message: "status.reason.sheetsMissing", params: { count: 4 }, overridable: true },
      ],
    });
    expect(await advanceStage(actor, "tahap", { override: true })).toEqual({
      ok: false,
      reasons: [{ message: "status.reason.overrideReason" }],
    });
    expect(
      await recordAdminCheck(actor, competitionId, { library: "L1", item: "SK", passed: true }),
    ).toEqual({
      ok: false,
      errors: { _form: ["stage.check.notAdminStage"] },
    });
  });

  it("moves on with `npm run juara -- stage <slug> next`: the shortlist (a tie at the cut goes on) is written, audited, and the judges follow", async () => {
    await submit(judge1, "L1", "D1", 9);
    await submit(judge1, "L2", "D1", 7);
    await submit(judge1, "L3", "D1", 7);
    await submit(judge1, "L4", "D1", 5);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["stage", "tahap", "next"], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect({ code, out, err }).toEqual({
      code: 0,
      out: ["tahap: stage DESK → VISIT; going on: L1, L2, L3."],
      err: [],
    });
    const db = getDb();
    const snapshot = await db
      .selectFrom("stage_results as r")
      .innerJoin("entries as e", "e.id", "r.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["l.code", "r.score_x100", "r.rank", "r.advanced"])
      .orderBy("l.code")
      .execute();
    expect(snapshot).toEqual([
      { code: "L1", score_x100: 9000, rank: 1, advanced: 1 },
      { code: "L2", score_x100: 7000, rank: 2, advanced: 1 },
      { code: "L3", score_x100: 7000, rank: 2, advanced: 1 },
      { code: "L4", score_x100: 5000, rank: 4, advanced: 0 },
    ]);
    const audit = await db
      .selectFrom("audit_log")
      .select(["entity_type", "entity_id", "action", "after_json"])
      .where("entity_type", "=", "stage")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_id: "DESK", action: "advance" });
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      stage: "VISIT",
      shortlist: [
        { library: "L1", score: 9000, rank: 1, advanced: true },
        { library: "L2", score: 7000, rank: 2, advanced: true },
        { library: "L3", score: 7000, rank: 2, advanced: true },
        { library: "L4", score: 5000, rank: 4, advanced: false },
      ],
    });
    // the desk judge is done; the visit judge sees the visit's criteria
    expect(await getJudgeCompetition(judge1, "tahap")).toBeNull();
    expect(await getSheetView(judge1, "tahap", "L1")).toBeNull();
    const visit = await getSheetView(judge2, "tahap", "L1");
    expect(visit?.criteria.map((c) => c.code)).toEqual(["V"]);
    expect(visit?.sheet.status).toBe("new");
  });

  it("ranks the finalists by the combined score, then those out after the desk, from the snapshot", async () => {
    await submit(judge2, "L1", "V1", 6);
    const ranking = (await computeRanking(competitionId))!;
    expect(ranking.entries.map((e) => [e.code, e.finalX100, e.rank, e.stageReached])).toEqual([
      // L1: (40 × 90 + 60 × 60) / 100 = 72.00
      ["L1", 7200, 1, "VISIT"],
      ["L4", 5000, 2, "DESK"],
      ["L2", null, null, "VISIT"],
      ["L3", null, null, "VISIT"],
    ]);
    // a withdrawal after the cut does not move it: L4 stays out
    await getDb()
      .updateTable("entries")
      .set({ status: "withdrawn", status_reason: "mundur" })
      .where("id", "=", entry.get("L2")!)
      .execute();
    const after = (await computeRanking(competitionId))!;
    expect(after.entries.find((e) => e.code === "L4")?.stageReached).toBe("DESK");
  });

  it("refuses to move on after the last stage", async () => {
    expect(await advanceStage({ id: chair, label: "Ketua" }, "tahap")).toEqual({
      ok: false,
      reasons: [{ message: "stage.reason.lastStage" }],
    });
  });

  it("publishes the stage reached and every stage's shortlist in GET /api/competitions/<slug>/results", async () => {
    const actor = { id: chair, label: "Ketua" };
    expect(await changeStatus(actor, "tahap", "closed")).toMatchObject({ ok: true });
    expect(
      await changeStatus(actor, "tahap", "published", {
        override: true,
        reason: "L3 tidak dapat dikunjungi",
      }),
    ).toMatchObject({ ok: true });
    const response = await resultsApi({
      request: new Request("http://juara.test/api/competitions/tahap/results"),
      params: { slug: "tahap" },
      context: { cspNonce: "", allowScriptsByHash: () => {}, secure: false, clientIp: "127.0.0.1" },
    });
    const body = (await response.json()) as {
      results: {
        library: { code: string };
        finalScore: number;
        rank: number;
        stageReached: string;
      }[];
      stages: unknown[];
    };
    expect(body.results.map((r) => [r.library.code, r.finalScore, r.rank, r.stageReached])).toEqual(
      [
        ["L1", 72, 1, "VISIT"],
        ["L4", 50, 2, "DESK"],
      ],
    );
    expect(body.stages).toEqual([
      {
        code: "DESK",
        name: "Penilaian berkas",
        kind: "desk",
        weight: 40,
        advance: 2,
        // L2 withdrew after the cut: no longer listed
        results: [
          { library: { code: "L1" }, score: 90, stageScore: 90, rank: 1, advanced: true },
          { library: { code: "L3" }, score: 70, stageScore: 70, rank: 2, advanced: true },
          { library: { code: "L4" }, score: 50, stageScore: 50, rank: 4, advanced: false },
        ],
      },
      {
        code: "VISIT",
        name: "Kunjungan",
        kind: "visit",
        weight: 60,
        advance: null,
        // the visit's own score beside the combined one: L1 (40 × 90 + 60 × 60) / 100 = 72
        results: [
          { library: { code: "L1" }, score: 72, stageScore: 60, rank: 1, advanced: true },
          { library: { code: "L3" }, score: null, stageScore: null, rank: null, advanced: false },
        ],
      },
    ]);
  });
});
