import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/lib/audit.server";
import { decideConflict } from "../../app/models/conflicts.server";
import { publishedSetAside } from "../../app/models/publishing.server";
import { computeRanking } from "../../app/models/ranking.server";
import { saveSheet } from "../../app/models/sheets.server";
import { changeStatus, checkStatusChange, REASON_MESSAGES } from "../../app/models/status.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";

/**
 * Publishing at the model level, as the chair's page and the CLI call it: the gate, the frozen
 * snapshot and corrections. Components A (weight 60, Σmax 15) and B (weight 40, Σmax 4); judge 1
 * is assigned both libraries, judge 2 only L2 (in conflict with L1 from the start).
 * - L1: judge 1 submits 5/10/4 → A 60.00, B 40.00, final 100.00
 * - L2: judge 1 submits 4/7/3 (A 44, B 30), judge 2 submits 3/6/2 (A 36, B 20) → A 40.00,
 *   B 25.00, final 65.00
 */
let t: TestDb;
let fx: ScoringFixture;
let chair: Actor;
let keys = 0;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createScoringFixture(t.db, { slug: "terbit-2026", entries: 2, judges: 2 });
  chair = { id: fx.chair.id, label: fx.chair.email };
});
afterAll(async () => {
  await t.cleanup();
});

async function submit(judge: number, code: string, scores: [number, number, number]) {
  const j = fx.judges[judge]!;
  keys += 1;
  const outcome = await saveSheet(
    { id: j.id, label: j.email },
    fx.slug,
    code,
    {
      values: {
        "score.A1": String(scores[0]),
        "score.A2": String(scores[1]),
        "score.B1": String(scores[2]),
        intent: "submit",
        version: "0",
        key: `terbit-${keys}-${"k".repeat(16)}`,
      },
      repeated: [],
    },
    { issuedPassword: false },
  );
  expect(outcome.status).toBe("saved");
}

function publications() {
  return t.db
    .selectFrom("publications")
    .select(["id", "revision", "is_current", "reason", "published_by"])
    .where("competition_id", "=", fx.competitionId)
    .orderBy("revision")
    .execute();
}

describe("publishing a competition's results", () => {
  it("refuses to publish while a sheet is missing, and says how many and whose", async () => {
    const [l1, l2] = fx.codes as [string, string];
    await submit(0, l1, [5, 10, 4]);
    await submit(0, l2, [4, 7, 3]);
    expect(await changeStatus(chair, fx.competitionId, "closed")).toMatchObject({ ok: true });
    const missing = {
      message: "status.reason.sheetsMissing",
      params: { count: 1 },
      overridable: true,
      items: [
        {
          message: "status.reason.sheetMissing",
          params: {
            judge: "Juri 2 terbit-2026",
            library: "Perpustakaan Desa 2 (terbit-2026)",
            state: "status.sheet.notStarted",
          },
        },
      ],
    };
    expect(await checkStatusChange(fx.competitionId, "published")).toEqual([missing]);
    expect(await changeStatus(chair, fx.competitionId, "published")).toEqual({
      ok: false,
      reasons: [missing],
    });
    // an override alone is not enough: it states why
    expect(
      await changeStatus(chair, fx.competitionId, "published", { override: true, reason: " " }),
    ).toEqual({ ok: false, reasons: [{ message: "status.reason.overrideReason" }] });
    // the confirmation form offers the reason field for it
    expect(REASON_MESSAGES).toContain("status.reason.overrideReason");
    expect(await publications()).toEqual([]);

    expect(
      await changeStatus(chair, fx.competitionId, "scoring", { reason: "juri 2 belum kirim" }),
    ).toMatchObject({ ok: true });
    await submit(1, l2, [3, 6, 2]);
  });

  it("publishes a complete ranking without override or reason, freezing every score", async () => {
    expect(await changeStatus(chair, fx.competitionId, "closed")).toMatchObject({ ok: true });
    expect(await checkStatusChange(fx.competitionId, "published")).toEqual([]);
    expect(await changeStatus(chair, fx.competitionId, "published")).toEqual({
      ok: true,
      from: "closed",
      to: "published",
    });
    expect(await publications()).toMatchObject([
      { revision: 0, is_current: 1, reason: null, published_by: fx.chair.id },
    ]);
    const results = await t.db
      .selectFrom("published_results as r")
      .select(["r.id", "r.library_code", "r.rank", "r.final_score_x100", "r.judge_count"])
      .orderBy("r.rank")
      .execute();
    expect(results.map((r) => [r.library_code, r.rank, r.final_score_x100, r.judge_count])).toEqual(
      [
        [fx.codes[0], 1, 10000, 1],
        [fx.codes[1], 2, 6500, 2],
      ],
    );
    const components = await t.db
      .selectFrom("published_component_scores")
      .select(["result_id", "component_code", "weight", "position", "score_x100"])
      .orderBy("result_id")
      .orderBy("position")
      .execute();
    expect(components.map((c) => [c.component_code, c.weight, c.position, c.score_x100])).toEqual([
      ["A", 60, 1, 6000],
      ["B", 40, 2, 4000],
      ["A", 60, 1, 4000],
      ["B", 40, 2, 2500],
    ]);
    expect(components.map((c) => c.result_id)).toEqual([
      results[0]!.id,
      results[0]!.id,
      results[1]!.id,
      results[1]!.id,
    ]);
    expect(await publishedSetAside(fx.competitionId)).toEqual([]);
  });

  it("freezes each stage's own score beside the combined one; a live change afterwards moves neither", async () => {
    const frozen = () =>
      t.db
        .selectFrom("published_stage_results")
        .select(["stage_code", "library_code", "score_x100", "stage_score_x100", "rank"])
        .orderBy("rank")
        .execute();
    // one stage: its own score is the final, and so is the combined score
    const expected = [
      {
        stage_code: "S1",
        library_code: fx.codes[0],
        score_x100: 10000,
        stage_score_x100: 10000,
        rank: 1,
      },
      {
        stage_code: "S1",
        library_code: fx.codes[1],
        score_x100: 6500,
        stage_score_x100: 6500,
        rank: 2,
      },
    ];
    expect(await frozen()).toEqual(expected);
    // judge 2's B1 on L2 goes from 2 to 4 behind the app's back: live, L2's stage score moves
    const sheet = await t.db
      .selectFrom("score_sheets as s")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select("s.id")
      .where("l.code", "=", fx.codes[1]!)
      .where("s.judge_id", "=", fx.judges[1]!.id)
      .executeTakeFirstOrThrow();
    const b1 = await t.db
      .selectFrom("indicators")
      .select("id")
      .where("competition_id", "=", fx.competitionId)
      .where("code", "=", "B1")
      .executeTakeFirstOrThrow();
    const setB1 = (value: number) =>
      t.db
        .updateTable("scores")
        .set({ value })
        .where("sheet_id", "=", sheet.id)
        .where("indicator_id", "=", b1.id)
        .execute();
    await setB1(4);
    const live = (await computeRanking(fx.competitionId))!.entries.find(
      (e) => e.code === fx.codes[1],
    )!;
    expect(live.stages).toEqual([
      { code: "S1", scoreX100: 7500, stageScoreX100: 7500, rank: 2, advanced: true },
    ]);
    expect(await frozen()).toEqual(expected);
    await setB1(2);
  });

  it("needs a user to publish: the command line without --as publishes nothing", async () => {
    expect(
      await changeStatus(chair, fx.competitionId, "closed", { reason: "salah ketik" }),
    ).toMatchObject({ ok: true });
    await expect(
      changeStatus({ id: null, label: "cli" }, fx.competitionId, "published", {
        reason: "koreksi",
      }),
    ).rejects.toThrow("a publication needs a user");
    const c = await t.db
      .selectFrom("competitions")
      .select("status")
      .where("id", "=", fx.competitionId)
      .executeTakeFirstOrThrow();
    expect(c.status).toBe("closed");
    expect(await publications()).toHaveLength(1);
  });

  it("asks a correction for its reason, then makes it the one current revision", async () => {
    expect(await changeStatus(chair, fx.competitionId, "published")).toEqual({
      ok: false,
      reasons: [{ message: "status.reason.correctionReason" }],
    });
    expect(REASON_MESSAGES).toContain("status.reason.correctionReason");
    expect(
      await changeStatus(chair, fx.competitionId, "published", { reason: "  salah ketik  " }),
    ).toMatchObject({ ok: true });
    expect(await publications()).toMatchObject([
      { revision: 0, is_current: 0, reason: null },
      { revision: 1, is_current: 1, reason: "salah ketik" },
    ]);
  });
});

describe("publishing with an entry nobody scored", () => {
  it("publishes the others with an override and leaves the unscored entry out of the snapshot", async () => {
    const g = await createScoringFixture(t.db, { slug: "sebagian-2026", entries: 3, judges: 1 });
    const j = g.judges[0]!;
    for (const code of g.codes.slice(0, 2)) {
      keys += 1;
      const outcome = await saveSheet(
        { id: j.id, label: j.email },
        g.slug,
        code,
        {
          values: {
            "score.A1": "4",
            "score.A2": code === g.codes[0] ? "7" : "5",
            "score.B1": "3",
            intent: "submit",
            version: "0",
            key: `sebagian-${keys}-${"k".repeat(16)}`,
          },
          repeated: [],
        },
        { issuedPassword: false },
      );
      expect(outcome.status).toBe("saved");
    }
    const actor = { id: g.chair.id, label: g.chair.email };
    expect(await changeStatus(actor, g.competitionId, "closed")).toMatchObject({ ok: true });
    expect(
      await changeStatus(actor, g.competitionId, "published", {
        override: true,
        reason: "perpustakaan ketiga tidak dikunjungi",
      }),
    ).toMatchObject({ ok: true });
    const published = await t.db
      .selectFrom("published_results as r")
      .innerJoin("publications as p", "p.id", "r.publication_id")
      .select(["r.library_code", "r.rank"])
      .where("p.competition_id", "=", g.competitionId)
      .orderBy("r.rank")
      .execute();
    expect(published).toEqual([
      { library_code: g.codes[0], rank: 1 },
      { library_code: g.codes[1], rank: 2 },
    ]);
  });
});

describe("publishing with sheets set aside for a conflict of interest", () => {
  it("freezes the set-aside sheets with the publication: library, judge, state, when, who and why", async () => {
    const g = await createScoringFixture(t.db, { slug: "sisih-2026", entries: 2, judges: 3 });
    const [l1, l2] = g.codes as [string, string];
    const save = async (judge: number, code: string, intent: "save" | "submit") => {
      const j = g.judges[judge]!;
      keys += 1;
      const outcome = await saveSheet(
        { id: j.id, label: j.email },
        g.slug,
        code,
        {
          values: {
            "score.A1": "4",
            // L2 ahead of L1, so no tie waits for the chair
            "score.A2": code === l2 ? "9" : "6",
            "score.B1": "3",
            intent,
            version: "0",
            key: `sisih-${keys}-${"k".repeat(16)}`,
          },
          repeated: [],
        },
        { issuedPassword: false },
      );
      expect(outcome.status).toBe("saved");
    };
    // judges 1 and 2 score both libraries (judge 2 only a draft of L2); judge 3 scores L2
    await save(0, l1, "submit");
    await save(1, l1, "submit");
    await save(0, l2, "submit");
    await save(1, l2, "save");
    await save(2, l2, "submit");
    // then judges 1 and 2 turn out to be related to L2's head: their sheets are set aside
    const chairActor = { id: g.chair.id, label: g.chair.email };
    const l2Library = await t.db
      .selectFrom("libraries")
      .select(["id", "name"])
      .where("code", "=", l2)
      .executeTakeFirstOrThrow();
    for (const judge of [1, 0]) {
      await decideConflict(chairActor, {
        judgeId: g.judges[judge]!.id,
        libraryId: l2Library.id,
        status: "confirmed",
        reason: `kerabat kepala perpustakaan (${judge + 1})`,
        competitionId: g.competitionId,
      });
    }
    const decided = await t.db
      .selectFrom("conflicts")
      .select(["judge_id", "created_at"])
      .where("library_id", "=", l2Library.id)
      .execute();
    const confirmedAt = (judge: number) =>
      decided.find((d) => d.judge_id === g.judges[judge]!.id)!.created_at;

    expect(await changeStatus(chairActor, g.competitionId, "closed")).toMatchObject({ ok: true });
    // the draft set aside is not a missing sheet: no override needed
    expect(await checkStatusChange(g.competitionId, "published")).toEqual([]);
    expect(await changeStatus(chairActor, g.competitionId, "published")).toMatchObject({
      ok: true,
    });
    const expected = [0, 1].map((judge) => ({
      code: l2,
      library: l2Library.name,
      judge: `Juri ${judge + 1} ${g.slug}`,
      status: judge === 0 ? "submitted" : "draft",
      confirmedAt: confirmedAt(judge),
      confirmedBy: `Ketua ${g.slug}`,
      reason: `kerabat kepala perpustakaan (${judge + 1})`,
    }));
    expect(await publishedSetAside(g.competitionId)).toEqual(expected);
    // frozen: deciding the conflict otherwise later does not change what was published
    await decideConflict(chairActor, {
      judgeId: g.judges[0]!.id,
      libraryId: l2Library.id,
      status: "dismissed",
      reason: "salah orang",
      competitionId: g.competitionId,
    });
    expect(await publishedSetAside(g.competitionId)).toEqual(expected);
    // and L2 was ranked on judge 3's sheet alone
    const published = await t.db
      .selectFrom("published_results as r")
      .innerJoin("publications as p", "p.id", "r.publication_id")
      .select(["r.library_code", "r.judge_count"])
      .where("p.competition_id", "=", g.competitionId)
      .orderBy("r.library_code")
      .execute();
    expect(published).toEqual([
      { library_code: l1, judge_count: 2 },
      { library_code: l2, judge_count: 1 },
    ]);
  });
});
