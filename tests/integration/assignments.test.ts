import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/lib/audit.server";
import {
  addToPanel,
  assignAll,
  assignBalanced,
  assignIn,
  getAssignmentMatrix,
  listJudgesOffPanel,
  listPanel,
  removeFromPanel,
  saveAssignments,
} from "../../app/models/assignments.server";
import { decideConflict } from "../../app/models/conflicts.server";
import { saveSheet } from "../../app/models/sheets.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";

/**
 * Who judges which entry, at the model level: the panel, the one assignment path and its
 * refusals, the judges page's form, "assign all" and the balanced assignment. Each test builds
 * its own competition from the scoring fixture with the fixture's assignments taken away (the
 * last judge stays in confirmed conflict with the first library).
 */
let t: TestDb;
const actor: Actor = { id: null, label: "test" };
const locked = { ok: false, errors: { _form: ["setup.error.assignmentsLocked"] } };

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

async function competition(
  slug: string,
  options: { entries?: number; judges?: number; status?: "draft" | "scoring" | "closed" } = {},
): Promise<ScoringFixture & { entryIds: number[] }> {
  const fx = await createScoringFixture(t.db, { slug, ...options });
  const entries = await t.db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select("e.id")
    .where("e.competition_id", "=", fx.competitionId)
    .orderBy("l.code")
    .execute();
  const entryIds = entries.map((e) => e.id);
  await t.db.deleteFrom("judge_assignments").where("entry_id", "in", entryIds).execute();
  await t.db
    .deleteFrom("competition_judges")
    .where("competition_id", "=", fx.competitionId)
    .execute();
  return { ...fx, entryIds };
}

async function setStatus(competitionId: number, status: "draft" | "scoring" | "closed") {
  await t.db.updateTable("competitions").set({ status }).where("id", "=", competitionId).execute();
}

async function pairs(entryIds: number[]): Promise<string[]> {
  const rows = await t.db
    .selectFrom("judge_assignments")
    .select(["entry_id", "judge_id"])
    .where("entry_id", "in", entryIds)
    .orderBy("entry_id")
    .orderBy("judge_id")
    .execute();
  return rows.map((r) => `${r.entry_id}:${r.judge_id}`);
}

async function audit(competitionId: number) {
  return t.db
    .selectFrom("audit_log")
    .select(["entity_type", "entity_id", "action", "after_json"])
    .where("competition_id", "=", competitionId)
    .orderBy("id")
    .execute();
}

async function startSheet(fx: ScoringFixture, judge: number, code: string) {
  const j = fx.judges[judge]!;
  const outcome = await saveSheet(
    { id: j.id, label: j.email },
    fx.slug,
    code,
    {
      values: {
        "score.A1": "2",
        intent: "save",
        version: "0",
        key: `${fx.slug}-${judge}-${code}-${"k".repeat(16)}`,
      },
      repeated: [],
    },
    { issuedPassword: false },
  );
  expect(outcome.status).toBe("saved");
}

async function addUser(email: string, role: "judge" | "chair", active = true) {
  const now = new Date().toISOString();
  const { id } = await t.db
    .insertInto("users")
    .values({
      email,
      name: email.split("@")[0]!,
      role,
      password_hash: "x",
      active: active ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

describe("the panel", () => {
  it("adds judges once each, audited once; refuses a non-judge and adds nothing then", async () => {
    const fx = await competition("panel-2026", { judges: 2, status: "draft" });
    const [j1, j2] = fx.judges.map((j) => j.id) as [number, number];
    expect(await listPanel(fx.competitionId)).toEqual([]);
    expect(await addToPanel(actor, fx.competitionId, [j1, fx.chair.id])).toEqual({
      ok: false,
      errors: { _form: ["setup.error.notAJudge"] },
    });
    expect(await addToPanel(actor, fx.competitionId, [j1, 999999])).toMatchObject({ ok: false });
    expect(await listPanel(fx.competitionId)).toEqual([]);
    expect(await addToPanel(actor, fx.competitionId, [j2, j1, j1])).toEqual({ ok: true });
    expect(await addToPanel(actor, fx.competitionId, [j1])).toEqual({ ok: true });
    expect(
      (await audit(fx.competitionId)).map((a) => [a.entity_type, a.entity_id, a.action]),
    ).toEqual([
      ["panel", String(j2), "add"],
      ["panel", String(j1), "add"],
    ]);
    const panel = await listPanel(fx.competitionId);
    expect(panel.map((j) => j.name)).toEqual(["Juri 1 panel-2026", "Juri 2 panel-2026"]);
    expect(panel[0]).toEqual({
      id: j1,
      name: `Juri 1 panel-2026`,
      email: fx.judges[0]!.email,
      village: "",
      district: "",
      institution: "",
      active: true,
      load: 0,
    });
  });

  it("lists each panel judge's load of active entries, and the active judges not on it", async () => {
    const fx = await competition("beban-2026", { entries: 3, judges: 2, status: "draft" });
    const [j1, j2] = fx.judges.map((j) => j.id) as [number, number];
    const resting = await addUser("istirahat@beban.test", "judge", false);
    const outsider = await addUser("zzz-luar@beban.test", "judge");
    await addUser("ketua-lain@beban.test", "chair");
    const offBefore = (await listJudgesOffPanel(fx.competitionId)).map((j) => j.id);
    expect(offBefore).toEqual(expect.arrayContaining([j1, j2, outsider]));
    expect(offBefore).not.toContain(resting);
    expect(offBefore).not.toContain(fx.chair.id);

    await addToPanel(actor, fx.competitionId, [j1, j2, resting]);
    const [, e2, e3] = fx.entryIds as [number, number, number];
    expect(
      await saveAssignments(actor, fx.competitionId, new Set([`${e2}:${j1}`, `${e3}:${j1}`])),
    ).toMatchObject({ ok: true, added: 2 });
    await t.db
      .updateTable("entries")
      .set({ status: "withdrawn", status_reason: "mundur" })
      .where("id", "=", e3)
      .execute();
    await t.db.updateTable("users").set({ active: 0 }).where("id", "=", j2).execute();
    const panel = await listPanel(fx.competitionId);
    expect(panel.map((j) => [j.id, j.active, j.load])).toEqual([
      [j1, true, 1],
      [j2, false, 0],
      [resting, false, 0],
    ]);
    const off = (await listJudgesOffPanel(fx.competitionId)).map((j) => j.id);
    expect(off).toContain(outsider);
    expect(off).not.toContain(j1);
    expect(off).not.toContain(resting);
    const names = (await listJudgesOffPanel(fx.competitionId)).map((j) => j.name);
    expect(names).toEqual([...names].sort());
  });

  it("takes a judge off with their assignments, unless they opened a sheet; not once closed", async () => {
    const fx = await competition("lepas-2026", { entries: 2, judges: 2, status: "scoring" });
    const [j1, j2] = fx.judges.map((j) => j.id) as [number, number];
    const [e1, e2] = fx.entryIds as [number, number];
    await addToPanel(actor, fx.competitionId, [j1, j2]);
    await saveAssignments(
      actor,
      fx.competitionId,
      new Set([`${e1}:${j1}`, `${e2}:${j1}`, `${e2}:${j2}`]),
    );
    await startSheet(fx, 1, fx.codes[1]!);
    expect(await removeFromPanel(actor, fx.competitionId, j2)).toEqual({
      ok: false,
      errors: { _form: ["setup.error.judgeHasSheets"] },
    });
    expect(await pairs(fx.entryIds)).toEqual([`${e1}:${j1}`, `${e2}:${j1}`, `${e2}:${j2}`]);
    const before = (await audit(fx.competitionId)).length;
    expect(await removeFromPanel(actor, fx.competitionId, j1)).toEqual({ ok: true });
    expect(await pairs(fx.entryIds)).toEqual([`${e2}:${j2}`]);
    expect((await listPanel(fx.competitionId)).map((j) => j.id)).toEqual([j2]);
    const after = (await audit(fx.competitionId)).slice(before);
    expect(after).toEqual([
      {
        entity_type: "panel",
        entity_id: String(j1),
        action: "remove",
        after_json: JSON.stringify({ unassigned: 2 }),
      },
    ]);
    await setStatus(fx.competitionId, "closed");
    expect(await removeFromPanel(actor, fx.competitionId, j2)).toEqual(locked);
    expect(await addToPanel(actor, fx.competitionId, [j1])).toEqual(locked);
    expect((await listPanel(fx.competitionId)).map((j) => j.id)).toEqual([j2]);
  });
});

describe("one assignment", () => {
  it("assigns and audits; answers exists, conflict, notJudge and inactiveEntry without writing", async () => {
    const fx = await competition("satu-2026", { entries: 2, judges: 2, status: "draft" });
    const other = await competition("lain-2026", { entries: 1, judges: 1, status: "draft" });
    const [j1, j2] = fx.judges.map((j) => j.id) as [number, number];
    const [e1, e2] = fx.entryIds as [number, number];
    const run = (entryId: number, judgeId: number, competitionId = fx.competitionId) =>
      t.db.transaction().execute((trx) => assignIn(actor, competitionId, entryId, judgeId, trx));
    expect(await run(e1, j1)).toBe("assigned");
    // assigning puts the judge on the panel
    expect((await listPanel(fx.competitionId)).map((j) => j.id)).toEqual([j1]);
    expect(await run(e1, j1)).toBe("exists");
    // judge 2 is in confirmed conflict with the first library
    expect(await run(e1, j2)).toBe("conflict");
    expect(await run(e2, fx.chair.id)).toBe("notJudge");
    // an entry of another competition, and a withdrawn entry
    expect(await run(other.entryIds[0]!, j1)).toBe("inactiveEntry");
    await t.db
      .updateTable("entries")
      .set({ status: "withdrawn", status_reason: "mundur" })
      .where("id", "=", e2)
      .execute();
    expect(await run(e2, j1)).toBe("inactiveEntry");
    expect(await pairs([...fx.entryIds, ...other.entryIds])).toEqual([`${e1}:${j1}`]);
    expect(
      (await audit(fx.competitionId)).map((a) => [a.entity_type, a.entity_id, a.action]),
    ).toEqual([
      ["panel", String(j1), "add"],
      ["assignment", `${e1}:${j1}`, "assign"],
    ]);
  });
});

describe("the judges page's assignment form", () => {
  it("makes the assignments exactly the ones ticked, reporting conflicts and opened sheets", async () => {
    const fx = await competition("centang-2026", { entries: 3, judges: 2, status: "scoring" });
    const [j1, j2] = fx.judges.map((j) => j.id) as [number, number];
    const [e1, e2, e3] = fx.entryIds as [number, number, number];
    await addToPanel(actor, fx.competitionId, [j1, j2]);
    const k = (e: number, j: number) => `${e}:${j}`;
    expect(
      await saveAssignments(actor, fx.competitionId, new Set([k(e1, j1), k(e2, j1), k(e2, j2)])),
    ).toEqual({ ok: true, added: 3, removed: 0, refused: [], short: [] });
    await startSheet(fx, 0, fx.codes[1]!);
    // untick e1/j1 and e2/j1 (opened), tick e1/j2 (conflict) and e3/j2
    expect(
      await saveAssignments(actor, fx.competitionId, new Set([k(e1, j2), k(e2, j2), k(e3, j2)])),
    ).toEqual({
      ok: true,
      added: 1,
      removed: 1,
      refused: [
        { entryId: e1, judgeId: j2, reason: "conflict" },
        { entryId: e2, judgeId: j1, reason: "hasSheet" },
      ],
      short: [],
    });
    expect(await pairs(fx.entryIds)).toEqual([k(e2, j1), k(e2, j2), k(e3, j2)]);
    const actions = (await audit(fx.competitionId))
      .filter((a) => a.entity_type === "assignment")
      .map((a) => [a.entity_id, a.action]);
    expect(actions).toEqual([
      [k(e1, j1), "assign"],
      [k(e2, j1), "assign"],
      [k(e2, j2), "assign"],
      [k(e1, j1), "unassign"],
      [k(e3, j2), "assign"],
    ]);
  });

  it("refuses a pair outside the matrix instead of unassigning everything else", async () => {
    const fx = await competition("liar-2026", { entries: 2, judges: 1, status: "draft" });
    const j1 = fx.judges[0]!.id;
    const [e1, e2] = fx.entryIds as [number, number];
    await addToPanel(actor, fx.competitionId, [j1]);
    await saveAssignments(actor, fx.competitionId, new Set([`${e1}:${j1}`, `${e2}:${j1}`]));
    for (const stray of [`${e1}:999999`, `999999:${j1}`, `${e1}:${fx.chair.id}`, "x"]) {
      expect(await saveAssignments(actor, fx.competitionId, new Set([stray]))).toEqual({
        ok: false,
        errors: { _form: ["error.invalid"] },
      });
    }
    expect(await pairs(fx.entryIds)).toEqual([`${e1}:${j1}`, `${e2}:${j1}`]);
    // the empty set is a real answer: untick everything
    expect(await saveAssignments(actor, fx.competitionId, new Set())).toMatchObject({
      ok: true,
      removed: 2,
    });
    await setStatus(fx.competitionId, "closed");
    expect(await saveAssignments(actor, fx.competitionId, new Set([`${e1}:${j1}`]))).toEqual(
      locked,
    );
    expect(await pairs(fx.entryIds)).toEqual([]);
  });

  it("shows the matrix: entries by name with their judge counts, conflicts and opened sheets", async () => {
    const fx = await competition("matriks-2026", { entries: 2, judges: 2, status: "scoring" });
    const [j1, j2] = fx.judges.map((j) => j.id) as [number, number];
    const [e1, e2] = fx.entryIds as [number, number];
    await addToPanel(actor, fx.competitionId, [j1, j2]);
    await saveAssignments(
      actor,
      fx.competitionId,
      new Set([`${e1}:${j1}`, `${e2}:${j1}`, `${e2}:${j2}`]),
    );
    await startSheet(fx, 1, fx.codes[1]!);
    const m = await getAssignmentMatrix(fx.competitionId);
    expect(m.entries).toEqual([
      { id: e1, code: fx.codes[0], name: "Perpustakaan Desa 1 (matriks-2026)", judges: 1 },
      { id: e2, code: fx.codes[1], name: "Perpustakaan Desa 2 (matriks-2026)", judges: 2 },
    ]);
    expect(m.judges.map((j) => [j.id, j.load])).toEqual([
      [j1, 2],
      [j2, 1],
    ]);
    expect([...m.assigned].sort()).toEqual([`${e1}:${j1}`, `${e2}:${j1}`, `${e2}:${j2}`].sort());
    expect(m.conflicted).toEqual([`${e1}:${j2}`]);
    expect(m.withSheet).toEqual([`${e2}:${j2}`]);
  });
});

describe("assign all", () => {
  it("assigns every active panel judge to every active entry, skipping conflicts", async () => {
    const fx = await competition("semua-2026", { entries: 2, judges: 3, status: "draft" });
    const [j1, j2, j3] = fx.judges.map((j) => j.id) as [number, number, number];
    const [e1, e2] = fx.entryIds as [number, number];
    await addToPanel(actor, fx.competitionId, [j1, j2, j3]);
    await t.db.updateTable("users").set({ active: 0 }).where("id", "=", j2).execute();
    expect(await assignAll(actor, fx.competitionId)).toEqual({
      ok: true,
      added: 3,
      removed: 0,
      refused: [{ entryId: e1, judgeId: j3, reason: "conflict" }],
      short: [],
    });
    expect(await pairs(fx.entryIds)).toEqual([`${e1}:${j1}`, `${e2}:${j1}`, `${e2}:${j3}`]);
    // again: nothing new, and the pairs already there are not reported as refused
    expect(await assignAll(actor, fx.competitionId)).toEqual({
      ok: true,
      added: 0,
      removed: 0,
      refused: [{ entryId: e1, judgeId: j3, reason: "conflict" }],
      short: [],
    });
    await setStatus(fx.competitionId, "closed");
    expect(await assignAll(actor, fx.competitionId)).toEqual(locked);
  });
});

describe("balanced assignment", () => {
  it("tops each entry up to N, least-loaded judge first (ties by name), the most constrained entry first", async () => {
    const fx = await competition("imbang-2026", { entries: 4, judges: 3, status: "draft" });
    const [j1, j2, j3] = fx.judges.map((j) => j.id) as [number, number, number];
    const [e1, e2, e3, e4] = fx.entryIds as [number, number, number, number];
    await addToPanel(actor, fx.competitionId, [j1, j2, j3]);
    // an existing assignment is kept and counts towards the load
    await saveAssignments(actor, fx.competitionId, new Set([`${e4}:${j1}`]));
    const r = await assignBalanced(actor, fx.competitionId, 1);
    expect(r).toEqual({ ok: true, added: 3, removed: 0, refused: [], short: [] });
    // e1 (judge 3 in conflict) and e4 (judge 1 already there) have the fewest eligible judges:
    // e1 first, to the least loaded, judge 2; e4 is full; e2 to judge 3, the only one with no
    // entry yet; e3 to judge 1, first by name of three judges with one entry each
    expect(await pairs(fx.entryIds)).toEqual([
      `${e1}:${j2}`,
      `${e2}:${j3}`,
      `${e3}:${j1}`,
      `${e4}:${j1}`,
    ]);
  });

  it("serves the entry with the fewest eligible judges first, then the others by id, never a deactivated judge", async () => {
    const fx = await competition("sempit-2026", { entries: 3, judges: 3, status: "draft" });
    const [j1, j2, j3] = fx.judges.map((j) => j.id) as [number, number, number];
    const [e1, e2, e3] = fx.entryIds as [number, number, number];
    await addToPanel(actor, fx.competitionId, [j1, j2, j3]);
    // judge 3 (in conflict with e1) no longer judges; judge 1 is in conflict with e3 too
    await t.db.updateTable("users").set({ active: 0 }).where("id", "=", j3).execute();
    const e3Library = await t.db
      .selectFrom("entries")
      .select("library_id")
      .where("id", "=", e3)
      .executeTakeFirstOrThrow();
    await decideConflict(actor, {
      judgeId: j1,
      libraryId: e3Library.library_id,
      status: "confirmed",
      reason: "tetangga",
    });
    // e2's library first by name: the entries' list order is e2, e1, e3
    await t.db
      .updateTable("libraries")
      .set({ name: "Perpustakaan Anggrek" })
      .where("code", "=", fx.codes[1]!)
      .execute();
    expect(await assignBalanced(actor, fx.competitionId, 1)).toEqual({
      ok: true,
      added: 3,
      removed: 0,
      refused: [],
      short: [],
    });
    // e3 (judge 2 only) first, to judge 2; then e1 and e2 (two each), by id: e1 to judge 1, the
    // least loaded; e2 to judge 1, first by name of two judges with one entry each. In list
    // order e1 would have gone to judge 2 (judge 1 already had e2), and e3 to judge 2 as well.
    expect(await pairs(fx.entryIds)).toEqual([`${e1}:${j1}`, `${e2}:${j1}`, `${e3}:${j2}`]);
    const assigned = (await audit(fx.competitionId))
      .filter((a) => a.entity_type === "assignment")
      .map((a) => a.entity_id);
    expect(assigned).toEqual([`${e3}:${j2}`, `${e1}:${j1}`, `${e2}:${j1}`]);
  });

  it("reports the entries it cannot fill, and refuses once closed", async () => {
    const fx = await competition("kurang-2026", { entries: 2, judges: 2, status: "scoring" });
    const [j1, j2] = fx.judges.map((j) => j.id) as [number, number];
    const [e1, e2] = fx.entryIds as [number, number];
    await addToPanel(actor, fx.competitionId, [j1, j2]);
    // two judges, judge 2 in conflict with e1: e1 can have one judge, e2 two
    expect(await assignBalanced(actor, fx.competitionId, 3)).toEqual({
      ok: true,
      added: 3,
      removed: 0,
      refused: [],
      short: [
        { entryId: e1, judges: 1 },
        { entryId: e2, judges: 2 },
      ],
    });
    expect(await pairs(fx.entryIds)).toEqual([`${e1}:${j1}`, `${e2}:${j1}`, `${e2}:${j2}`]);
    await setStatus(fx.competitionId, "closed");
    expect(await assignBalanced(actor, fx.competitionId, 3)).toEqual(locked);
  });
});
