import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRanking } from "../../app/models/ranking.server";
import { reopenSheet, saveSheet } from "../../app/models/sheets.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";

/**
 * The ranking follows what judges actually do through the app's own save: drafts never count, a
 * submission counts at once, a reopened sheet stops counting until it is submitted again, with
 * its new scores. (The ranking reads `sheet_points`, which triggers keep in step with every one
 * of these writes.)
 */
let t: TestDb;
let fx: ScoringFixture;

beforeAll(async () => {
  t = await createTestDb();
  // components A (weight 60: A1 1–5, A2 0–10) and B (weight 40: B1 1–4); 2 judges, 2 entries
  fx = await createScoringFixture(t.db, {
    slug: "alur-2026",
    entries: 2,
    judges: 2,
  });
});

afterAll(async () => {
  await t.cleanup();
});

/** The judge's sheet for the second library (both judges are assigned it), once started. */
function sheetOf(judgeId: number) {
  return t.db
    .selectFrom("score_sheets as s")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["s.id", "s.version"])
    .where("s.judge_id", "=", judgeId)
    .where("l.code", "=", fx.codes[1]!)
    .executeTakeFirst();
}

let keys = 0;
/** Saves or submits through the app's own save; returns the sheet's id. */
async function save(
  judge: number,
  scores: { A1: number; A2: number; B1: number },
  intent: "save" | "submit",
) {
  const j = fx.judges[judge]!;
  keys += 1;
  const outcome = await saveSheet(
    { id: j.id, label: j.email },
    fx.slug,
    fx.codes[1]!,
    {
      values: {
        "score.A1": String(scores.A1),
        "score.A2": String(scores.A2),
        "score.B1": String(scores.B1),
        intent,
        version: String((await sheetOf(j.id))?.version ?? 0),
        key: `alur-${keys}-${"k".repeat(16)}`,
      },
      repeated: [],
    },
    { issuedPassword: false },
  );
  expect(outcome.status).toBe("saved");
  return (await sheetOf(j.id))!.id;
}

async function entry() {
  const ranking = (await computeRanking(fx.competitionId))!;
  const e = ranking.entries.find((x) => x.code === fx.codes[1])!;
  return {
    final: e.finalX100,
    judges: e.judges,
    components: e.components.map((c) => c.scoreX100),
  };
}

describe("the ranking through judges' saves", () => {
  it("counts a sheet from its submission, drops it when reopened, and counts its new scores once resubmitted", async () => {
    // a draft does not count
    await save(0, { A1: 5, A2: 10, B1: 4 }, "save");
    expect(await entry()).toEqual({
      final: null,
      judges: 0,
      components: [null, null],
    });

    // judge 1 submits: A = 60 × (4 + 7) / 15 = 44, B = 40 × 3 / 4 = 30, total 74
    await save(0, { A1: 4, A2: 7, B1: 3 }, "submit");
    expect(await entry()).toEqual({
      final: 7400,
      judges: 1,
      components: [4400, 3000],
    });

    // judge 2 submits: A = 60 × 13 / 15 = 52, B = 20, total 72; the mean is 73
    const second = await save(1, { A1: 5, A2: 8, B1: 2 }, "submit");
    expect(await entry()).toEqual({
      final: 7300,
      judges: 2,
      components: [4800, 2500],
    });

    // the chair reopens judge 2's sheet: only judge 1 counts again
    const reopened = await reopenSheet(
      { id: fx.chair.id, label: fx.chair.email },
      fx.competitionId,
      second,
      "B1 salah ketik",
    );
    expect(reopened).toEqual({ ok: true });
    expect(await entry()).toEqual({
      final: 7400,
      judges: 1,
      components: [4400, 3000],
    });

    // corrected as a draft: still not counted; resubmitted: A = 52, B = 40, total 92, mean 83
    await save(1, { A1: 5, A2: 8, B1: 4 }, "save");
    expect((await entry()).judges).toBe(1);
    await save(1, { A1: 5, A2: 8, B1: 4 }, "submit");
    expect(await entry()).toEqual({
      final: 8300,
      judges: 2,
      components: [4800, 3500],
    });
  });
});
