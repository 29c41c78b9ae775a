import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import type { Aggregation, RankingScope } from "../../db/schema";
import { useDatabase } from "../../app/lib/db.server";
import { computeRanking } from "../../app/models/ranking.server";
import { createTestDb } from "../support/db";
import {
  referenceStagedRanking,
  type RefComponent,
  type RefStage,
  type RefStagedEntry,
} from "../support/ranking-reference";

/**
 * Competitions in stages (docs/scoring.md, "Stages"): the SQL ranking against the plain reference
 * on random staged competitions, then the worked example of docs/scoring.md.
 */
let db: DB;
let cleanup: () => Promise<void>;
const judgeIds: number[] = [];
let counter = 0;
const now = "2026-11-25T00:00:00.000Z";

interface StagedSpec {
  stages: RefStage[];
  entries: RefStagedEntry[];
  method: Aggregation;
  scope: RankingScope;
  winners: number;
  honourable: number;
  combine: "weighted" | "last";
}

/** Writes a staged competition, at its last stage; returns its id and each spec entry's id. */
async function insertStaged(
  spec: StagedSpec,
): Promise<{ competitionId: number; entryIds: Map<number, number> }> {
  counter += 1;
  const slug = `tahap-${counter}`;
  return db.transaction().execute(async (trx) => {
    const { id: competitionId } = await trx
      .insertInto("competitions")
      .values({
        slug,
        name: slug,
        year: 2026,
        level: "kabupaten",
        region: "Uji",
        status: "scoring",
        aggregation: spec.method,
        prize_winners: spec.winners,
        prize_honourable: spec.honourable,
        ranking_scope: spec.scope,
        combine: spec.combine,
        current_stage: spec.stages.length,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // the database gave the competition its first stage; this spec's stages replace it
    await trx.deleteFrom("stages").where("competition_id", "=", competitionId).execute();
    const stageIds = new Map<string, number>();
    const indicatorIds = new Map<string, { id: number; max: number; stage: string }>();
    for (const [s, stage] of spec.stages.entries()) {
      const { id: stageId } = await trx
        .insertInto("stages")
        .values({
          competition_id: competitionId,
          position: s + 1,
          code: stage.code,
          name: `Tahap ${stage.code}`,
          kind: stage.kind,
          weight: stage.weight,
          advance: stage.advance,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      stageIds.set(stage.code, stageId);
      for (const c of stage.components) {
        const { id: componentId } = await trx
          .insertInto("components")
          .values({
            competition_id: competitionId,
            stage_id: stageId,
            code: c.code,
            name: `Komponen ${c.code}`,
            weight: c.weight,
            position: c.position,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [n, ind] of c.indicators.entries()) {
          const { id } = await trx
            .insertInto("indicators")
            .values({
              competition_id: competitionId,
              component_id: componentId,
              code: ind.code,
              name: ind.code,
              description: "",
              min_score: 0,
              max_score: ind.max,
              position: n + 1,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          indicatorIds.set(ind.code, { id, max: ind.max, stage: stage.code });
        }
      }
    }
    const entryIds = new Map<number, number>();
    for (const e of spec.entries) {
      const { id: libraryId } = await trx
        .insertInto("libraries")
        .values({
          code: `${slug}-L${e.id}`,
          name: `Perpustakaan ${e.id}`,
          type: e.category,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: entryId } = await trx
        .insertInto("entries")
        .values({
          competition_id: competitionId,
          library_id: libraryId,
          category: e.category,
          status: e.active ? "active" : "withdrawn",
          status_reason: e.active ? null : "mengundurkan diri",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      entryIds.set(e.id, entryId);
      for (const stage of spec.stages) {
        const stageId = stageIds.get(stage.code)!;
        if (stage.kind === "admin") {
          const failed = (e.failed ?? []).includes(stage.code);
          await trx
            .insertInto("stage_checks")
            .values([
              {
                stage_id: stageId,
                entry_id: entryId,
                item: "Formulir pendaftaran",
                passed: 1,
                reason: "",
                checked_at: now,
              },
              {
                stage_id: stageId,
                entry_id: entryId,
                item: "Surat keputusan pendirian",
                passed: failed ? 0 : 1,
                reason: failed ? "tidak dilampirkan" : "",
                checked_at: now,
              },
            ])
            .execute();
          continue;
        }
        for (const [j, sheet] of (e.sheets[stage.code] ?? []).entries()) {
          const { id: sheetId } = await trx
            .insertInto("score_sheets")
            .values({
              stage_id: stageId,
              entry_id: entryId,
              judge_id: judgeIds[j]!,
              status: "submitted",
              submitted_at: now,
              created_at: now,
              updated_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const rows = [...indicatorIds]
            .filter(([, ind]) => ind.stage === stage.code)
            .map(([code, ind]) => ({
              sheet_id: sheetId,
              indicator_id: ind.id,
              min_score: 0,
              max_score: ind.max,
              value: sheet[code] ?? 0,
            }));
          if (rows.length > 0) await trx.insertInto("scores").values(rows).execute();
        }
      }
    }
    return { competitionId, entryIds };
  });
}

/** The ranking as the reference states it, read from the app's answer. */
async function rankedAsReference(competitionId: number, entryIds: Map<number, number>) {
  const ranking = (await computeRanking(competitionId))!;
  const specId = new Map([...entryIds].map(([id, dbId]) => [dbId, id]));
  return ranking.entries.map((e) => ({
    id: specId.get(e.entryId)!,
    judges: e.judges,
    finalX100: e.finalX100,
    components: Object.fromEntries(e.components.map((c) => [c.code, c.scoreX100])),
    rank: e.rank,
    tieSize: e.rank === null ? 1 : e.tieSize,
    prize: e.prize,
    reached: e.stageReached,
    failedAdmin: e.failedAdmin,
    stages: e.stages,
  }));
}

const stagedArb: fc.Arbitrary<StagedSpec> = fc
  .record({
    kinds: fc.array(fc.constantFrom<RefStage["kind"]>("admin", "desk", "visit", "presentation"), {
      minLength: 1,
      maxLength: 4,
    }),
    weights: fc.array(fc.constantFrom(0, 10, 25, 40, 60, 100), { minLength: 4, maxLength: 4 }),
    judges: fc.integer({ min: 1, max: 4 }),
    entryCount: fc.integer({ min: 1, max: 12 }),
    method: fc.constantFrom<Aggregation>("mean", "median", "trimmed-mean"),
    scope: fc.constantFrom<RankingScope>("overall", "category"),
    combine: fc.constantFrom<"weighted" | "last">("weighted", "last"),
    winners: fc.integer({ min: 0, max: 3 }),
    honourable: fc.integer({ min: 0, max: 3 }),
    seed: fc.array(fc.nat(), { minLength: 300, maxLength: 300 }),
  })
  .map(
    ({ kinds, weights, judges, entryCount, method, scope, combine, winners, honourable, seed }) => {
      let s = 0;
      const next = (n: number) => seed[s++ % seed.length]! % n;
      const stages: RefStage[] = kinds.map((kind, k) => {
        const code = `T${k + 1}`;
        if (kind === "admin") return { code, kind, weight: 0, advance: null, components: [] };
        const split = 10 * (1 + next(9));
        const components: RefComponent[] = (next(2) === 0 ? [100] : [split, 100 - split]).map(
          (weight, c) => ({
            code: `${code}${String.fromCharCode(65 + c)}`,
            weight,
            position: c + 1,
            indicators: Array.from({ length: 1 + next(2) }, (_, i) => ({
              code: `${code}${String.fromCharCode(65 + c)}${i + 1}`,
              max: [2, 3, 4, 5, 10][next(5)]!,
            })),
          }),
        );
        // a cut of about half, sometimes none
        const advance = next(4) === 0 ? null : 1 + next(Math.max(1, Math.ceil(entryCount / 2)));
        return { code, kind, weight: weights[k]!, advance, components };
      });
      const entries: RefStagedEntry[] = [];
      for (let e = 1; e <= entryCount; e++) {
        // a copy of an earlier entry ties with it in every stage: ties at the cuts and at the end
        const original = e > 1 && next(3) === 0 ? entries[next(e - 1)] : undefined;
        const sheets = Object.fromEntries(
          stages
            .filter((st) => st.kind !== "admin")
            .map((st) => [
              st.code,
              original
                ? (original.sheets[st.code] ?? []).map((sheet) => ({ ...sheet }))
                : Array.from({ length: next(judges + 1) }, () =>
                    Object.fromEntries(
                      st.components
                        .flatMap((c) => c.indicators)
                        .map((i) => [i.code, next(i.max + 1)]),
                    ),
                  ),
            ]),
        );
        const failed = stages
          .filter((st) => st.kind === "admin" && next(4) === 0)
          .map((st) => st.code);
        entries.push({
          id: e,
          category:
            original && next(4) !== 0 ? original.category : next(2) === 0 ? "desa" : "kelurahan",
          active: next(10) !== 0,
          sheets,
          failed,
        });
      }
      return { stages, entries, method, scope, combine, winners, honourable };
    },
  );

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  useDatabase(db);
  for (let j = 1; j <= 4; j++) {
    const { id } = await db
      .insertInto("users")
      .values({
        email: `j${j}@tahap.test`,
        name: `Juri ${j}`,
        role: "judge",
        password_hash: "x",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    judgeIds.push(id);
  }
});
afterAll(async () => {
  await cleanup();
});

describe("the SQL ranking in stages equals the reference rule", () => {
  it("on random staged competitions: both combine modes, cuts with ties, admin failures", async () => {
    let tiesAtTheCut = 0;
    let multiStage = 0;
    await fc.assert(
      fc.asyncProperty(stagedArb, async (spec) => {
        const { competitionId, entryIds } = await insertStaged(spec);
        const expected = referenceStagedRanking(spec.stages, spec.entries, spec);
        const actual = await rankedAsReference(competitionId, entryIds);
        const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
        expect(actual.sort(byId)).toEqual(expected.sort(byId));
        if (spec.stages.filter((st) => st.kind !== "admin").length > 1) multiStage += 1;
        // a tie at a cut: more entries of a group went on than the stage's advance
        const group = new Map(
          spec.entries.map((e) => [e.id, spec.scope === "category" ? e.category : ""]),
        );
        for (const [s, stage] of spec.stages.entries()) {
          if (stage.advance === null || s === spec.stages.length - 1) continue;
          const went = new Map<string, number>();
          for (const r of expected)
            if (r.stages[s]?.advanced)
              went.set(group.get(r.id)!, (went.get(group.get(r.id)!) ?? 0) + 1);
          if ([...went.values()].some((n) => n > stage.advance!)) tiesAtTheCut += 1;
        }
      }),
      { numRuns: 150, plugins: [fc.interruptAfterTimeLimit(40_000)] },
    );
    expect(multiStage).toBeGreaterThan(0);
    expect(tiesAtTheCut).toBeGreaterThan(0);
  });
});

describe("the rule by example (docs/scoring.md, stages)", () => {
  const desk: RefComponent[] = [
    { code: "D", weight: 100, position: 1, indicators: [{ code: "D1", max: 10 }] },
  ];
  const visit: RefComponent[] = [
    { code: "V", weight: 100, position: 1, indicators: [{ code: "V1", max: 10 }] },
  ];
  const stages: RefStage[] = [
    { code: "ADM", kind: "admin", weight: 0, advance: null, components: [] },
    { code: "DESK", kind: "desk", weight: 40, advance: 3, components: desk },
    { code: "VISIT", kind: "visit", weight: 60, advance: null, components: visit },
  ];
  const entry = (id: number, d: number[], v: number[], failed: string[] = []) => ({
    id,
    category: "desa" as const,
    active: true,
    sheets: { DESK: d.map((D1) => ({ D1 })), VISIT: v.map((V1) => ({ V1 })) },
    failed,
  });
  const entries: RefStagedEntry[] = [
    entry(1, [8, 9], [7, 8]),
    entry(2, [7, 8], [9, 9]),
    entry(3, [6, 8], [8, 9]),
    entry(4, [7, 7], [6, 7]),
    entry(5, [], [], ["ADM"]),
    entry(6, [5, 6], []),
  ];

  it("computes the worked example with stages of docs/scoring.md", async () => {
    for (const [combine, expected] of [
      [
        "weighted",
        [
          [2, 8400, 1, "Juara I", "VISIT"],
          [3, 7900, 2, "Juara II", "VISIT"],
          [1, 7900, 3, "Juara III", "VISIT"],
          [4, 6700, 4, "Harapan I", "VISIT"],
          [6, 5500, 5, null, "DESK"],
          [5, null, null, null, "ADM"],
        ],
      ],
      [
        "last",
        [
          [2, 9000, 1, "Juara I", "VISIT"],
          [3, 8500, 2, "Juara II", "VISIT"],
          [1, 7500, 3, "Juara III", "VISIT"],
          [4, 6500, 4, "Harapan I", "VISIT"],
          [6, 5500, 5, null, "DESK"],
          [5, null, null, null, "ADM"],
        ],
      ],
    ] as const) {
      const spec: StagedSpec = {
        stages,
        entries,
        method: "mean",
        scope: "overall",
        winners: 3,
        honourable: 1,
        combine,
      };
      const { competitionId, entryIds } = await insertStaged(spec);
      const ranking = (await computeRanking(competitionId))!;
      const specId = new Map([...entryIds].map(([id, dbId]) => [dbId, id]));
      expect(
        ranking.entries.map((e) => [
          specId.get(e.entryId),
          e.finalX100,
          e.rank,
          e.prize,
          e.stageReached,
        ]),
        combine,
      ).toEqual(expected);
      // the desk's cut: P3 and P4 tie on the third place and both go on; P6 leaves
      const desk = new Map(
        ranking.entries.map((e) => [
          specId.get(e.entryId),
          e.stages.find((s) => s.code === "DESK"),
        ]),
      );
      expect([1, 2, 3, 4, 6].map((id) => [desk.get(id)!.rank, desk.get(id)!.advanced])).toEqual([
        [1, true],
        [2, true],
        [3, true],
        [3, true],
        [5, false],
      ]);
      expect(ranking.entries.find((e) => specId.get(e.entryId) === 5)!.failedAdmin).toBe(true);
      // each stage's own final F_s beside C_s (the table's F_desk and F_visit): the same under
      // both combine modes; with `last` C_s is F_s
      const own = new Map(
        ranking.entries.map((e) => [
          specId.get(e.entryId),
          e.stages.map((s) => [s.code, s.stageScoreX100, s.scoreX100]),
        ]),
      );
      const c = (weighted: number, last: number) => (combine === "weighted" ? weighted : last);
      expect(Object.fromEntries(own)).toEqual({
        1: [
          ["ADM", null, null],
          ["DESK", 8500, 8500],
          ["VISIT", 7500, c(7900, 7500)],
        ],
        2: [
          ["ADM", null, null],
          ["DESK", 7500, 7500],
          ["VISIT", 9000, c(8400, 9000)],
        ],
        3: [
          ["ADM", null, null],
          ["DESK", 7000, 7000],
          ["VISIT", 8500, c(7900, 8500)],
        ],
        4: [
          ["ADM", null, null],
          ["DESK", 7000, 7000],
          ["VISIT", 6500, c(6700, 6500)],
        ],
        5: [["ADM", null, null]],
        6: [
          ["ADM", null, null],
          ["DESK", 5500, 5500],
        ],
      });
      // and the reference agrees
      expect(
        referenceStagedRanking(stages, entries, spec)
          .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
          .map((r) => [r.id, r.finalX100, r.rank, r.prize, r.reached]),
      ).toEqual(expected);
    }
  });
});
