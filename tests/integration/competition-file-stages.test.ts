import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/lib/audit.server";
import { getDb } from "../../app/lib/db.server";
import {
  exportCompetitionFile,
  importCompetitionFile,
} from "../../app/models/competition-file.server";
import { listStages } from "../../app/models/stages.server";
import { createTestDb } from "../support/db";

/** The competition file with `stages` and `combine` (docs/competition-file.md). */
const actor: Actor = { id: null, label: "test" };
const now = "2026-11-25T00:00:00.000Z";
let cleanup: () => Promise<void>;

const indicator = (code: string) => ({ code, name: code, min: 0, max: 5 });
const staged = () => ({
  slug: "bertahap-2026",
  name: "Lomba bertahap",
  year: 2026,
  level: "kabupaten",
  combine: "weighted",
  judges: ["meja@tahap.id"],
  libraries: [
    { code: "L1", name: "Satu", type: "desa" },
    { code: "L2", name: "Dua", type: "desa" },
  ],
  stages: [
    { code: "ADM", name: "Administrasi", kind: "admin" },
    {
      code: "DESK",
      name: "Penilaian berkas",
      kind: "desk",
      weight: 40,
      advance: 1,
      components: [{ code: "A", name: "Berkas", weight: 100, indicators: [indicator("A1")] }],
      assignments: [{ judge: "meja@tahap.id", libraries: ["L1", "L2"] }],
    },
    {
      code: "VISIT",
      name: "Kunjungan",
      kind: "visit",
      weight: 60,
      judges: ["kunjungan@tahap.id"],
      components: [
        { code: "V", name: "Layanan", weight: 70, indicators: [indicator("V1")] },
        { code: "W", name: "Koleksi", weight: 30, indicators: [indicator("W1")] },
      ],
      assignments: [{ judge: "kunjungan@tahap.id", libraries: ["L1"] }],
    },
  ],
});

beforeAll(async () => {
  ({ cleanup } = await createTestDb());
  for (const email of ["meja@tahap.id", "kunjungan@tahap.id"])
    await getDb()
      .insertInto("users")
      .values({
        email,
        name: email,
        role: "judge",
        password_hash: "x",
        created_at: now,
        updated_at: now,
      })
      .execute();
});
afterAll(async () => {
  await cleanup();
});

describe("competition files with stages", () => {
  it("reports every problem of the stages with its JSON path and writes nothing", async () => {
    const bad = staged();
    bad.stages[1]!.weight = 30;
    bad.stages[2]!.components![1]!.indicators[0]!.code = "A1";
    (bad.stages[0] as Record<string, unknown>).advance = 3;
    bad.stages[2]!.assignments![0]!.libraries.push("L9");
    const result = await importCompetitionFile(actor, JSON.stringify(bad));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.path, p.message])).toEqual(
      expect.arrayContaining([
        ["stages[0].advance", "file.stage.notForAdmin"],
        ["stages[2].components[1].indicators[0].code", "setup.error.duplicateCode"],
        ["stages[2].weight", "file.stage.weightsTotal"],
        ["stages[2].assignments[0].libraries[1]", "setup.error.libraryNotListed"],
      ]),
    );
    const withTopLevel = {
      ...staged(),
      components: [{ code: "X", name: "X", weight: 100, indicators: [indicator("X1")] }],
    };
    const second = await importCompetitionFile(actor, JSON.stringify(withTopLevel));
    expect(!second.ok && second.problems.map((p) => [p.path, p.message])).toEqual([
      ["components", "file.stage.criteriaInStages"],
    ]);
    expect(await getDb().selectFrom("competitions").select("id").execute()).toEqual([]);
  });

  it("imports the stages with their own criteria and assignments, and exports an equal file", async () => {
    const result = await importCompetitionFile(actor, JSON.stringify(staged()));
    expect(result).toMatchObject({ ok: true, slug: "bertahap-2026", assignments: 3 });
    const competition = await getDb()
      .selectFrom("competitions")
      .select(["id", "combine", "current_stage"])
      .where("slug", "=", "bertahap-2026")
      .executeTakeFirstOrThrow();
    expect(competition).toMatchObject({ combine: "weighted", current_stage: 1 });
    const stages = await listStages(competition.id);
    expect(stages.map((s) => [s.position, s.code, s.kind, s.weight, s.advance])).toEqual([
      [1, "ADM", "admin", 0, null],
      [2, "DESK", "desk", 40, 1],
      [3, "VISIT", "visit", 60, null],
    ]);
    const perStage = await getDb()
      .selectFrom("judge_assignments as a")
      .innerJoin("stages as s", "s.id", "a.stage_id")
      .select(({ fn }) => ["s.code", fn.countAll<number>().as("n")])
      .groupBy("s.code")
      .orderBy("s.code")
      .execute();
    expect(perStage).toEqual([
      { code: "DESK", n: 2 },
      { code: "VISIT", n: 1 },
    ]);
    const exported = await exportCompetitionFile("bertahap-2026");
    const original = staged();
    expect(exported).toMatchObject({
      combine: "weighted",
      components: [],
      assignments: [],
      judges: ["kunjungan@tahap.id", "meja@tahap.id"],
      stages: [
        { code: "ADM", name: "Administrasi", kind: "admin" },
        {
          code: "DESK",
          weight: 40,
          advance: 1,
          components: [{ code: "A", weight: 100, indicators: [{ code: "A1", min: 0, max: 5 }] }],
          assignments: original.stages[1]!.assignments,
        },
        {
          code: "VISIT",
          weight: 60,
          components: [
            { code: "V", weight: 70 },
            { code: "W", weight: 30 },
          ],
          assignments: original.stages[2]!.assignments,
        },
      ],
    });
    // import of the export (under another slug) exports the same again
    const again = await importCompetitionFile(
      actor,
      JSON.stringify({ ...exported, slug: "bertahap-salinan" }),
    );
    expect(again).toMatchObject({ ok: true });
    expect({ ...(await exportCompetitionFile("bertahap-salinan")), slug: "bertahap-2026" }).toEqual(
      exported,
    );
  });
});
