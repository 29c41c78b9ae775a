import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_CHECKLIST } from "../../app/lib/templates";
import { seedDemo } from "../../app/models/demo.server";
import {
  DEMO_ADMIN_FAILURES,
  DEMO_DESK_ADVANCE,
  DEMO_STAGED_SLUG,
} from "../../app/models/demo-stages.server";
import { windowState } from "../../app/lib/self-assessment";
import { computeRanking } from "../../app/models/ranking.server";
import {
  getSelfAssessment,
  listClaims,
  selfAssessmentStatuses,
} from "../../app/models/self-assessment.server";
import { getJudgeCompetition, getSheetView } from "../../app/models/sheets.server";
import { listStages } from "../../app/models/stages.server";
import { createTestDb, type TestDb } from "../support/db";

/**
 * The demo's three-stage competition (app/models/demo-stages.server.ts): the administrative check
 * and the desk review closed with their shortlists, the field visits open, all written by the
 * models the pages call.
 */
let t: TestDb;
let competitionId = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  ({ id: competitionId } = await t.db
    .selectFrom("competitions")
    .select("id")
    .where("slug", "=", DEMO_STAGED_SLUG)
    .executeTakeFirstOrThrow());
});
afterAll(async () => {
  await t.cleanup();
});

async function judgeId(email: string) {
  const { id } = await t.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return id;
}

async function snapshot(stage: string) {
  return t.db
    .selectFrom("stage_results as r")
    .innerJoin("stages as s", "s.id", "r.stage_id")
    .innerJoin("entries as e", "e.id", "r.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["l.code", "r.score_x100 as score", "r.rank", "r.advanced"])
    .where("s.competition_id", "=", competitionId)
    .where("s.code", "=", stage)
    .orderBy("l.code")
    .execute();
}

describe("the demo seed's three-stage competition", () => {
  it("sits beside the other demo competitions, in scoring on its third stage, with 12 entries", async () => {
    const competitions = await t.db
      .selectFrom("competitions")
      .select(["slug", "status", "is_demo", "current_stage", "combine"])
      .orderBy("id")
      .execute();
    expect(competitions).toEqual([
      expect.objectContaining({ slug: "kutim-2023", status: "published", current_stage: 1 }),
      expect.objectContaining({ slug: "kutim-2024", status: "scoring", current_stage: 1 }),
      {
        slug: DEMO_STAGED_SLUG,
        status: "scoring",
        is_demo: 1,
        current_stage: 3,
        combine: "weighted",
      },
    ]);
    const stages = await listStages(competitionId);
    expect(
      stages.map((s) => ({
        code: s.code,
        kind: s.kind,
        weight: s.weight,
        advance: s.advance,
        closed: s.closed_at !== null,
      })),
    ).toEqual([
      { code: "ADM", kind: "admin", weight: 0, advance: null, closed: true },
      { code: "DESK", kind: "desk", weight: 40, advance: DEMO_DESK_ADVANCE, closed: true },
      { code: "VISIT", kind: "visit", weight: 60, advance: null, closed: false },
    ]);
    const entries = await t.db
      .selectFrom("entries")
      .select("id")
      .where("competition_id", "=", competitionId)
      .where("status", "=", "active")
      .execute();
    expect(entries).toHaveLength(12);
  });

  it("checked every item of the admin checklist; two libraries failed, each with its reason, and stayed behind", async () => {
    const checks = await t.db
      .selectFrom("stage_checks as k")
      .innerJoin("entries as e", "e.id", "k.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["l.code", "k.item", "k.passed", "k.reason"])
      .where("e.competition_id", "=", competitionId)
      .execute();
    expect(checks).toHaveLength(12 * ADMIN_CHECKLIST.items.length);
    expect(new Set(checks.map((c) => c.item))).toEqual(
      new Set(ADMIN_CHECKLIST.items.map((i) => i.name)),
    );
    const failed = checks.filter((c) => c.passed === 0);
    expect(
      Object.fromEntries(failed.map((c) => [c.code, { item: c.item, reason: c.reason }])),
    ).toEqual(DEMO_ADMIN_FAILURES);
    const admin = await snapshot("ADM");
    expect(admin).toHaveLength(12);
    expect(admin.filter((r) => r.advanced === 0).map((r) => r.code)).toEqual(
      Object.keys(DEMO_ADMIN_FAILURES).sort(),
    );
    // each check was audited, by the chair
    const audited = await t.db
      .selectFrom("audit_log")
      .select(["actor", "reason"])
      .where("competition_id", "=", competitionId)
      .where("entity_type", "=", "stage_check")
      .execute();
    expect(audited).toHaveLength(checks.length);
    expect(new Set(audited.map((a) => a.actor))).toEqual(
      new Set(["Hj. Siti Aminah <ketua@juara.demo>"]),
    );
    expect(audited.filter((a) => a.reason !== null).map((a) => a.reason)).toEqual(
      expect.arrayContaining(Object.values(DEMO_ADMIN_FAILURES).map((f) => f.reason)),
    );
  });

  it("closed the desk review with every sheet submitted and its shortlist cut at 6 (ties at the cut go on)", async () => {
    const desk = await snapshot("DESK");
    const failures = Object.keys(DEMO_ADMIN_FAILURES);
    // the ten that passed the check, each with a score
    expect(desk).toHaveLength(10);
    expect(desk.some((r) => failures.includes(r.code))).toBe(false);
    expect(desk.every((r) => r.score !== null)).toBe(true);
    // the rule (docs/scoring.md, "Stages"): the top `advance`, and every entry tied with the last
    const byScore = [...desk].sort((a, b) => b.score! - a.score!);
    const cut = byScore[DEMO_DESK_ADVANCE - 1]!.score!;
    expect(desk.filter((r) => r.advanced === 1).map((r) => r.code)).toEqual(
      desk.filter((r) => r.score! >= cut).map((r) => r.code),
    );
    expect(desk.filter((r) => r.advanced === 1).length).toBeGreaterThanOrEqual(DEMO_DESK_ADVANCE);

    // every desk sheet was submitted by the demo judges (Rahmawati never scores Swarga Bara)
    const sheets = await t.db
      .selectFrom("score_sheets as s")
      .innerJoin("stages as st", "st.id", "s.stage_id")
      .innerJoin("users as u", "u.id", "s.judge_id")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["u.email", "l.code", "s.status"])
      .where("st.competition_id", "=", competitionId)
      .where("st.code", "=", "DESK")
      .execute();
    expect(sheets.every((s) => s.status === "submitted")).toBe(true);
    expect(sheets).toHaveLength(30 - 1);
    expect(sheets.some((s) => s.email === "juri3@juara.demo" && s.code === "SWARGABARA")).toBe(
      false,
    );
    // the two moves were audited with their shortlists
    const moves = await t.db
      .selectFrom("audit_log")
      .select(["entity_id", "after_json"])
      .where("competition_id", "=", competitionId)
      .where("entity_type", "=", "stage")
      .where("action", "=", "advance")
      .orderBy("id")
      .execute();
    expect(moves.map((m) => [m.entity_id, JSON.parse(m.after_json!).stage])).toEqual([
      ["ADM", "DESK"],
      ["DESK", "VISIT"],
    ]);
  });

  it("has the field visits open: the demo judges see the finalists assigned to them, some sheets done, some begun", async () => {
    const finalists = (await snapshot("DESK")).filter((r) => r.advanced === 1).map((r) => r.code);
    const states: string[] = [];
    for (const email of ["juri1@juara.demo", "juri2@juara.demo", "juri3@juara.demo"]) {
      const id = await judgeId(email);
      const list = await getJudgeCompetition(id, DEMO_STAGED_SLUG);
      const expected = finalists.filter(
        (code) => !(email === "juri3@juara.demo" && code === "SWARGABARA"),
      );
      expect(list?.entries.map((e) => e.code).sort()).toEqual(expected);
      // the visit's six indicators, not the desk's
      expect(list?.indicators).toBe(6);
      states.push(...list!.entries.map((e) => e.state));
      const view = await getSheetView(id, DEMO_STAGED_SLUG, expected[0]!);
      expect(view?.criteria.map((c) => c.code)).toEqual(["VK", "VL", "VD"]);
    }
    expect(states).toContain("submitted");
    expect(states).toContain("draft");
    expect(states).toContain("notStarted");

    // a visit sheet holds only the visit's scores (a save checks the stage open now)
    const stagesOfScores = await t.db
      .selectFrom("scores as sc")
      .innerJoin("score_sheets as s", "s.id", "sc.sheet_id")
      .innerJoin("stages as sheetStage", "sheetStage.id", "s.stage_id")
      .innerJoin("indicators as i", "i.id", "sc.indicator_id")
      .innerJoin("components as k", "k.id", "i.component_id")
      .innerJoin("stages as scoreStage", "scoreStage.id", "k.stage_id")
      .select(["sheetStage.code as sheet", "scoreStage.code as score"])
      .distinct()
      .where("sheetStage.competition_id", "=", competitionId)
      .orderBy("sheetStage.code")
      .execute();
    expect(stagesOfScores).toEqual([
      { sheet: "DESK", score: "DESK" },
      { sheet: "VISIT", score: "VISIT" },
    ]);
  });

  it("ranks the finalists first, then those out after the desk, the admin failures unranked", async () => {
    const competition = await t.db
      .selectFrom("competitions")
      .selectAll()
      .where("id", "=", competitionId)
      .executeTakeFirstOrThrow();
    const ranking = (await computeRanking(competition))!;
    const finalists = (await snapshot("DESK")).filter((r) => r.advanced === 1).map((r) => r.code);
    const reached = (stage: string) =>
      ranking.entries
        .filter((e) => e.stageReached === stage)
        .map((e) => e.code)
        .sort();
    expect(reached("VISIT")).toEqual(finalists);
    expect(reached("DESK")).toHaveLength(10 - finalists.length);
    const failures = ranking.entries.filter((e) => e.code in DEMO_ADMIN_FAILURES);
    expect(failures.map((e) => [e.code, e.rank, e.stageReached]).sort()).toEqual([
      ["KAUBUN", null, "ADM"],
      ["MUARABENGKAL", null, "ADM"],
    ]);
  });

  it("asks for three reported values on the desk review, its window open, one library's submitted", async () => {
    const claims = await listClaims(competitionId);
    expect(claims.map((c) => [c.code, c.kind, c.unit, c.standardMin])).toEqual([
      ["A02", "number", "judul", 1000],
      ["A14", "yesno", "", 1],
      ["C01", "number", "jam/hari", 6],
    ]);
    const competition = await t.db
      .selectFrom("competitions")
      .select(["self_assessment_opens as opens", "self_assessment_closes as closes"])
      .where("id", "=", competitionId)
      .executeTakeFirstOrThrow();
    expect(windowState(competition.opens, competition.closes)).toBe("open");
    const statuses = Object.values(await selfAssessmentStatuses(competitionId));
    expect(statuses).toEqual(["submitted"]);
    const entry = await t.db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select("e.id")
      .where("e.competition_id", "=", competitionId)
      .where("l.code", "=", "SANGKIMA")
      .executeTakeFirstOrThrow();
    const sa = await getSelfAssessment(entry.id);
    expect(sa.values).toEqual({ A02: "1450", A14: "yes", C01: "7.5" });
    expect(sa.profileStatus).toBe("pending");
  });
});
