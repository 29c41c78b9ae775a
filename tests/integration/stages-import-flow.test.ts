import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { importCompetitionFile } from "../../app/models/competition-file.server";
import { getJudgeCompetition, saveSheet } from "../../app/models/sheets.server";
import { advanceStage, recordAdminCheck } from "../../app/models/stages.server";
import { changeStatus } from "../../app/models/status.server";
import { createTestDb } from "../support/db";

/**
 * A competition file with an admin stage first and two scored stages, through the models as the
 * pages call them: scoring opens (the admin stage asks for no criteria and no judges), a desk
 * sheet is checked against the desk's indicators only, and an entry that does not go on is no
 * longer assigned in later stages. The browser runs the same flow in tests/e2e/stages-flow.test.ts.
 */
const now = "2026-11-25T00:00:00.000Z";
let cleanup: () => Promise<void>;
const judges: { id: number; label: string }[] = [];
let chair = { id: 0, label: "ketua@alur.test" };

const file = {
  slug: "alur-2026",
  name: "Lomba tiga tahap",
  year: 2026,
  level: "kabupaten",
  combine: "weighted",
  stages: [
    { code: "ADM", name: "Administrasi", kind: "admin" },
    {
      code: "DESK",
      name: "Dokumen",
      kind: "desk",
      weight: 40,
      advance: 1,
      components: [
        {
          code: "D",
          name: "D",
          weight: 100,
          indicators: [{ code: "D1", name: "D1", min: 0, max: 10 }],
        },
      ],
      judges: ["satu@alur.test"],
      assignments: "all",
    },
    {
      code: "VISIT",
      name: "Kunjungan",
      kind: "visit",
      weight: 60,
      components: [
        {
          code: "V",
          name: "V",
          weight: 100,
          indicators: [{ code: "V1", name: "V1", min: 0, max: 10 }],
        },
      ],
      judges: ["satu@alur.test"],
      assignments: "all",
    },
  ],
  libraries: ["A", "B", "C"].map((x) => ({ code: `ALUR${x}`, name: `Pustaka ${x}`, type: "desa" })),
  judges: ["satu@alur.test"],
};

beforeAll(async () => {
  ({ cleanup } = await createTestDb());
  for (const [email, role] of [
    ["satu@alur.test", "judge"],
    [chair.label, "chair"],
  ] as const) {
    const { id } = await getDb()
      .insertInto("users")
      .values({ email, name: email, role, password_hash: "x", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (role === "judge") judges.push({ id, label: email });
    else chair = { id, label: email };
  }
});
afterAll(() => cleanup());

const listed = async () =>
  (await getJudgeCompetition(judges[0]!.id, file.slug))!.entries.map((e) => e.code);

const submit = (code: string, values: Record<string, string>) =>
  saveSheet(
    judges[0]!,
    file.slug,
    code,
    {
      values: { intent: "submit", key: `alur-${code}-${"k".repeat(12)}`, ...values },
      repeated: [],
    },
    { issuedPassword: false },
  );

it("opens scoring at an admin stage, scores the desk on its own indicators, and assigns later stages only what goes on", async () => {
  const imported = await importCompetitionFile(chair, JSON.stringify(file));
  expect(imported).toMatchObject({ ok: true });
  // the admin stage opens first: no criteria and no judges of its own to ask for
  expect(await changeStatus(chair, file.slug, "scoring")).toMatchObject({ ok: true });
  const { id } = await getDb()
    .selectFrom("competitions")
    .select("id")
    .where("slug", "=", file.slug)
    .executeTakeFirstOrThrow();
  for (const x of ["A", "B", "C"])
    expect(
      await recordAdminCheck(chair, id, {
        library: `ALUR${x}`,
        item: "Surat",
        passed: x !== "C",
        reason: x === "C" ? "Tidak dilampirkan" : undefined,
      }),
    ).toEqual({ ok: true });
  expect(await advanceStage(chair, id)).toMatchObject({ ok: true, advanced: ["ALURA", "ALURB"] });
  // the failed entry is nobody's to score at the desk
  expect(await listed()).toEqual(["ALURA", "ALURB"]);

  // a desk sheet holds the desk's indicator only; the visit's V1 is not asked for
  expect(await submit("ALURA", { "score.D1": "9", version: "0" })).toMatchObject({
    status: "saved",
    sheetStatus: "submitted",
  });
  expect(await submit("ALURB", { "score.D1": "5", version: "0" })).toMatchObject({
    status: "saved",
    sheetStatus: "submitted",
  });
  expect(await advanceStage(chair, id)).toMatchObject({ ok: true, advanced: ["ALURA"] });
  expect(await listed()).toEqual(["ALURA"]);
  const visit = await getDb()
    .selectFrom("judge_assignments as a")
    .innerJoin("stages as s", "s.id", "a.stage_id")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select("l.code")
    .where("s.code", "=", "VISIT")
    .where("s.competition_id", "=", id)
    .execute();
  expect(visit.map((r) => r.code)).toEqual(["ALURA"]);
  // the desk's assignments stay on record
  const desk = await getDb()
    .selectFrom("judge_assignments as a")
    .innerJoin("stages as s", "s.id", "a.stage_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("s.code", "=", "DESK")
    .where("s.competition_id", "=", id)
    .executeTakeFirstOrThrow();
  expect(Number(desk.n)).toBe(2);
  const audit = await getDb()
    .selectFrom("audit_log")
    .select("after_json")
    .where("entity_type", "=", "stage")
    .where("entity_id", "=", "DESK")
    .executeTakeFirstOrThrow();
  expect(JSON.parse(audit.after_json!)).toMatchObject({ stage: "VISIT", assignmentsWithdrawn: 1 });
});
