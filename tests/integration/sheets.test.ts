import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { isPostgres } from "../../db/dialect";
import { withDatabase } from "../../app/lib/db.server";
import type { SheetValues } from "../../app/lib/sheet-contract";
import {
  countIndicators,
  getJudgeCompetition,
  getSheetView,
  listSheets,
  reopenSheet,
  checkSheetSave,
  saveSheet,
} from "../../app/models/sheets.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";

/**
 * The judge's sheet at the model level, as the page, the form and the autosave API call it:
 * who reaches which sheet, each answer a save can get (decision 005's order of checks), what is
 * written and audited, replayed keys (decision 006), reopening, and the chair's list. The
 * server tests (scoring.test.ts) drive the same through HTTP; these are the ones Stryker sees.
 * Fixture: components A (A1 1–5, A2 0–10) and B (B1 1–4); judge 2 is in confirmed conflict with
 * the first library, so not assigned it.
 */
let t: TestDb;
let fx: ScoringFixture;
let keys = 0;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createScoringFixture(t.db, { slug: "lembar-2026", entries: 3, judges: 2 });
});
afterAll(() => t.cleanup());

/**
 * Runs `work` while the database refuses every write, as a full disk does: SQLite's query_only on
 * the one connection, or PostgreSQL connections whose transactions are all read-only.
 */
async function whileReadOnly<T>(work: () => Promise<T>): Promise<T> {
  if (!isPostgres(t.db)) {
    await sql`pragma query_only = 1`.execute(t.db);
    try {
      return await work();
    } finally {
      await sql`pragma query_only = 0`.execute(t.db);
    }
  }
  const url = new URL(t.url);
  url.searchParams.set("options", "-c default_transaction_read_only=on");
  const { db } = createDb(url.toString(), { poolSize: 1 });
  try {
    return await withDatabase(db, work);
  } finally {
    await db.destroy();
  }
}

function judge(i: number) {
  const j = fx.judges[i]!;
  return { id: j.id, label: j.email };
}

function newKey(): string {
  keys += 1;
  return `lembar-${keys}-${"k".repeat(12)}`;
}

async function save(
  i: number,
  code: string,
  values: SheetValues,
  options: { repeated?: string[]; issuedPassword?: boolean; slug?: string } = {},
) {
  return saveSheet(
    judge(i),
    options.slug ?? fx.slug,
    code,
    { values: { intent: "save", key: newKey(), ...values }, repeated: options.repeated ?? [] },
    { issuedPassword: options.issuedPassword ?? false },
  );
}

async function sheetRow(i: number, code: string) {
  return t.db
    .selectFrom("score_sheets as s")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .selectAll("s")
    .where("s.judge_id", "=", fx.judges[i]!.id)
    .where("l.code", "=", code)
    .executeTakeFirst();
}

async function auditOf(sheetId: number) {
  const rows = await t.db
    .selectFrom("audit_log")
    .select(["action", "reason", "competition_id", "user_id", "before_json", "after_json"])
    .where("entity_type", "=", "score_sheet")
    .where("entity_id", "=", String(sheetId))
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    action: r.action,
    reason: r.reason,
    competitionId: r.competition_id,
    userId: r.user_id,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }));
}

describe("who reaches a sheet", () => {
  it("opens an assigned entry, its code in any case, with criteria and an empty sheet", async () => {
    const l3 = fx.codes[2]!;
    const view = await getSheetView(fx.judges[0]!.id, fx.slug, l3.toLowerCase());
    expect(view).not.toBeNull();
    expect(view!.access).toMatchObject({
      competitionId: fx.competitionId,
      slug: fx.slug,
      competitionStatus: "scoring",
      code: l3,
      name: "Perpustakaan Desa 3 (lembar-2026)",
    });
    expect(view!.sheet).toEqual({
      version: 0,
      status: "new",
      scores: {},
      notes: {},
      comment: "",
      updatedAt: null,
      submittedAt: null,
      reopenReason: null,
    });
    expect(view!.editable).toBe(true);
    expect(view!.issuedPasswordSavedAt).toBeNull();
    expect(view!.criteria.map((c) => [c.code, c.weight, c.indicators.map((i) => i.code)])).toEqual([
      ["A", 60, ["A1", "A2"]],
      ["B", 40, ["B1"]],
    ]);
    expect(view!.criteria[0]!.indicators[1]).toEqual({
      code: "A2",
      name: "Indikator A2",
      description: "Uraian A2",
      min: 0,
      max: 10,
      rubric: [
        { level: 0, text: "kurang" },
        { level: 10, text: "sangat baik" },
      ],
    });
  });

  it("answers not found for another judge's, a conflicted, a withdrawn or an unknown entry, and a draft competition", async () => {
    const [l1, l2] = fx.codes as [string, string];
    // judge 2 is in conflict with L1
    expect(await getSheetView(fx.judges[1]!.id, fx.slug, l1)).toBeNull();
    expect(await save(1, l1, { "score.A1": "3", version: "0" })).toEqual({ status: "notFound" });
    expect(await getSheetView(fx.judges[0]!.id, fx.slug, "NOPE")).toBeNull();
    expect(await getSheetView(fx.judges[0]!.id, "no-such-competition", l2)).toBeNull();
    expect(await getSheetView(fx.chair.id, fx.slug, l2)).toBeNull();
    const draft = await createScoringFixture(t.db, {
      slug: "lembar-draf",
      entries: 1,
      judges: 1,
      status: "draft",
    });
    expect(await getSheetView(draft.judges[0]!.id, draft.slug, draft.codes[0]!)).toBeNull();
    expect(await getJudgeCompetition(draft.judges[0]!.id, draft.slug)).toBeNull();
    const other = await createScoringFixture(t.db, { slug: "lembar-lain", entries: 1, judges: 1 });
    await t.db
      .updateTable("entries")
      .set({ status: "withdrawn", status_reason: "mundur" })
      .where("competition_id", "=", other.competitionId)
      .execute();
    expect(await getSheetView(other.judges[0]!.id, other.slug, other.codes[0]!)).toBeNull();
    expect(
      await saveSheet(
        { id: other.judges[0]!.id, label: "x" },
        other.slug,
        other.codes[0]!,
        { values: { intent: "save", key: newKey(), version: "0" }, repeated: [] },
        { issuedPassword: false },
      ),
    ).toEqual({ status: "notFound" });
    // no entry left for the judge: no list either
    expect(await getJudgeCompetition(other.judges[0]!.id, other.slug)).toBeNull();
    expect(await getJudgeCompetition(fx.judges[0]!.id, "no-such-competition")).toBeNull();
  });
});

describe("saving", () => {
  it("refuses a form it cannot read, and a field sent twice, writing nothing", async () => {
    const l2 = fx.codes[1]!;
    expect(await save(0, l2, { "score.A1": "9", version: "0" })).toMatchObject({
      status: "invalid",
      errors: { "score.A1": expect.any(Array) },
    });
    expect(
      await save(0, l2, { "score.A1": "3", version: "0" }, { repeated: ["score.A1"] }),
    ).toEqual({ status: "invalid", errors: { "score.A1": ["error.repeated"] } });
    const both = await save(0, l2, { "score.A1": "9", version: "0" }, { repeated: ["score.A1"] });
    expect(both).toMatchObject({ status: "invalid" });
    expect((both as { errors: Record<string, string[]> }).errors["score.A1"]).toContain(
      "error.repeated",
    );
    expect(await sheetRow(0, l2)).toBeUndefined();
  });

  it("saves a draft (not audited), replays a resent key, refuses another judge's key and a stale version", async () => {
    const l2 = fx.codes[1]!;
    const key = newKey();
    const values = {
      "score.A1": "4",
      "score.A2": "",
      "note.A1": "rak rapi",
      comment: "awal",
      version: "0",
    };
    const first = await saveSheet(
      judge(0),
      fx.slug,
      l2,
      { values: { intent: "save", key, ...values }, repeated: [] },
      { issuedPassword: false },
    );
    expect(first).toEqual({
      status: "saved",
      version: 1,
      sheetStatus: "draft",
      savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      replayed: false,
    });
    const row = await sheetRow(0, l2);
    expect(row).toMatchObject({
      status: "draft",
      version: 1,
      comment: "awal",
      submitted_at: null,
      updated_at: (first as { savedAt: string }).savedAt,
      created_at: (first as { savedAt: string }).savedAt,
      issued_password_saved_at: null,
    });
    const scores = await t.db
      .selectFrom("scores as s")
      .innerJoin("indicators as i", "i.id", "s.indicator_id")
      .select(["i.code", "s.value", "s.note", "s.min_score", "s.max_score"])
      .where("s.sheet_id", "=", row!.id)
      .orderBy("i.code")
      .execute();
    // every indicator, scored or not ("" and absent alike: not scored yet)
    expect(scores).toEqual([
      { code: "A1", value: 4, note: "rak rapi", min_score: 1, max_score: 5 },
      { code: "A2", value: null, note: "", min_score: 0, max_score: 10 },
      { code: "B1", value: null, note: "", min_score: 1, max_score: 4 },
    ]);
    expect(await auditOf(row!.id)).toEqual([]);

    // the same POST again (a flaky connection): the same answer, marked replayed, nothing saved
    const again = await saveSheet(
      judge(0),
      fx.slug,
      l2,
      { values: { intent: "save", key, ...values, "score.A1": "5" }, repeated: [] },
      { issuedPassword: false },
    );
    expect(again).toEqual({ ...first, replayed: true });
    expect((await sheetRow(0, l2))!.version).toBe(1);
    // another judge presenting that key is refused
    expect(
      await saveSheet(
        judge(1),
        fx.slug,
        l2,
        { values: { intent: "save", key, ...values }, repeated: [] },
        { issuedPassword: false },
      ),
    ).toEqual({ status: "keyReused" });
    expect(await sheetRow(1, l2)).toBeUndefined();

    // a save from version 0 again (another tab): the current sheet comes back
    expect(await save(0, l2, { "score.A1": "2", version: "0" })).toEqual({
      status: "conflict",
      current: {
        version: 1,
        status: "draft",
        scores: { A1: 4, A2: null, B1: null },
        notes: { A1: "rak rapi", A2: "", B1: "" },
        comment: "awal",
        updatedAt: row!.updated_at,
        submittedAt: null,
        reopenReason: null,
      },
    });
    expect(await save(0, l2, { "score.A1": "2", version: "2" })).toMatchObject({
      status: "conflict",
    });
    // the page shows the saved draft
    const view = await getSheetView(fx.judges[0]!.id, fx.slug, l2);
    expect(view!.sheet).toMatchObject({ version: 1, status: "draft", scores: { A1: 4 } });
    expect(view!.editable).toBe(true);
  });

  it("submits: audits the whole sheet, then locks it", async () => {
    const l2 = fx.codes[1]!;
    const submitted = await save(0, l2, {
      intent: "submit",
      "score.A1": "4",
      "score.A2": "7",
      "score.B1": "3",
      version: "1",
    });
    expect(submitted).toMatchObject({ status: "saved", version: 2, sheetStatus: "submitted" });
    const row = await sheetRow(0, l2);
    expect(row).toMatchObject({
      status: "submitted",
      version: 2,
      submitted_at: (submitted as { savedAt: string }).savedAt,
    });
    expect(await auditOf(row!.id)).toEqual([
      {
        action: "submit",
        reason: null,
        competitionId: fx.competitionId,
        userId: fx.judges[0]!.id,
        // what changed: the form is the whole sheet, so the note and comment it left out are emptied
        before: {
          status: "draft",
          scores: { A2: null, B1: null },
          notes: { A1: "rak rapi" },
          comment: "awal",
        },
        after: {
          status: "submitted",
          scores: { A1: 4, A2: 7, B1: 3 },
          notes: { A1: "", A2: "", B1: "" },
          comment: "",
          library: l2,
          version: 2,
        },
      },
    ]);
    expect(await save(0, l2, { "score.A1": "1", version: "2" })).toEqual({ status: "locked" });
    // a stale version is a conflict before it is locked: the judge sees what was sent
    expect(await save(0, l2, { "score.A1": "1", version: "1" })).toMatchObject({
      status: "conflict",
      current: { status: "submitted", version: 2 },
    });
    const view = await getSheetView(fx.judges[0]!.id, fx.slug, l2);
    expect(view!.editable).toBe(false);
  });

  it("marks and audits every save in a session begun with an issued password", async () => {
    const l3 = fx.codes[2]!;
    const marked = await save(0, l3, { "score.B1": "2", version: "0" }, { issuedPassword: true });
    expect(marked).toMatchObject({ status: "saved", version: 1 });
    const at = (marked as { savedAt: string }).savedAt;
    const row = await sheetRow(0, l3);
    expect(row!.issued_password_saved_at).toBe(at);
    expect(await auditOf(row!.id)).toEqual([
      {
        action: "update",
        reason: null,
        competitionId: fx.competitionId,
        userId: fx.judges[0]!.id,
        // a new sheet has no before
        before: null,
        after: {
          status: "draft",
          scores: { B1: 2 },
          library: l3,
          version: 1,
          issuedPasswordSession: true,
        },
      },
    ]);
    // a later save in an ordinary session keeps the mark's time, and is not audited
    expect(await save(0, l3, { "score.B1": "3", version: "1" })).toMatchObject({ version: 2 });
    expect((await sheetRow(0, l3))!.issued_password_saved_at).toBe(at);
    expect(await auditOf(row!.id)).toHaveLength(1);
    expect((await getSheetView(fx.judges[0]!.id, fx.slug, l3))!.issuedPasswordSavedAt).toBe(at);
  });

  it("answers 'storage' when the disk refuses the write, and writes nothing", async () => {
    const l3 = fx.codes[2]!;
    expect(await whileReadOnly(() => save(0, l3, { "score.B1": "4", version: "2" }))).toEqual({
      status: "storage",
    });
    expect((await sheetRow(0, l3))!.version).toBe(2);
  });
});

describe("reopening a submitted sheet", () => {
  it("refuses an unknown sheet, one of another competition, or one not submitted", async () => {
    const chair = { id: fx.chair.id, label: fx.chair.email };
    const draftSheet = (await sheetRow(0, fx.codes[2]!))!;
    const sent = (await sheetRow(0, fx.codes[1]!))!;
    expect(await reopenSheet(chair, fx.competitionId, 999999, "x")).toEqual({
      ok: false,
      errors: { _form: ["error.404"] },
    });
    expect(await reopenSheet(chair, fx.competitionId + 1000, sent.id, "x")).toEqual({
      ok: false,
      errors: { _form: ["error.404"] },
    });
    expect(await reopenSheet(chair, fx.competitionId, draftSheet.id, "x")).toEqual({
      ok: false,
      errors: { _form: ["scoring.reopen.notSubmitted"] },
    });
  });

  it("sends it back as a draft with the reason, audited; the next save records only its changes", async () => {
    const l2 = fx.codes[1]!;
    const chair = { id: fx.chair.id, label: fx.chair.email };
    const sent = (await sheetRow(0, l2))!;
    expect(await reopenSheet(chair, fx.competitionId, sent.id, "A2 salah ketik")).toEqual({
      ok: true,
    });
    const row = (await sheetRow(0, l2))!;
    expect(row).toMatchObject({
      status: "draft",
      version: 3,
      submitted_at: null,
      reopen_reason: "A2 salah ketik",
    });
    expect(row.reopened_at).toBe(row.updated_at);
    const audit = await auditOf(sent.id);
    expect(audit[1]).toEqual({
      action: "reopen",
      reason: "A2 salah ketik",
      competitionId: fx.competitionId,
      userId: fx.chair.id,
      before: { status: "submitted", version: 2 },
      after: { status: "draft", version: 3, judgeId: fx.judges[0]!.id, library: l2 },
    });
    const view = await getSheetView(fx.judges[0]!.id, fx.slug, l2);
    expect(view!.sheet).toMatchObject({ status: "draft", reopenReason: "A2 salah ketik" });

    // after a reopen every save is audited, with only what it changed
    expect(
      await save(0, l2, {
        "score.A1": "4",
        "score.A2": "8",
        "score.B1": "3",
        "note.A2": "dicek ulang",
        comment: "",
        version: "3",
      }),
    ).toMatchObject({ status: "saved", version: 4 });
    expect((await auditOf(sent.id))[2]).toEqual({
      action: "update",
      reason: null,
      competitionId: fx.competitionId,
      userId: fx.judges[0]!.id,
      before: { scores: { A2: 7 }, notes: { A2: "" } },
      after: {
        scores: { A2: 8 },
        notes: { A2: "dicek ulang" },
        library: l2,
        version: 4,
      },
    });
    expect(
      await save(0, l2, {
        "score.A1": "4",
        "score.A2": "8",
        "score.B1": "3",
        "note.A2": "dicek ulang",
        comment: "selesai",
        version: "4",
      }),
    ).toMatchObject({ version: 5 });
    expect((await auditOf(sent.id))[3]).toMatchObject({
      action: "update",
      before: { comment: "" },
      after: { comment: "selesai", library: l2, version: 5 },
    });
    expect(Object.keys((await auditOf(sent.id))[3]!.before as object)).toEqual(["comment"]);
  });
});

describe("the lists", () => {
  it("shows a judge their entries, unfinished first, with how many indicators they scored", async () => {
    // judge 2: L2 and L3 (L1 is in conflict); nothing started
    expect(await getJudgeCompetition(fx.judges[1]!.id, fx.slug)).toEqual({
      slug: fx.slug,
      name: `Lomba Uji ${fx.slug}`,
      status: "scoring",
      // one stage: the list names none
      stage: null,
      indicators: 3,
      entries: [fx.codes[1], fx.codes[2]].map((code, i) => ({
        code,
        name: `Perpustakaan Desa ${i + 2} (${fx.slug})`,
        village: `Desa ${i + 2}`,
        district: "Kecamatan Uji",
        category: "desa",
        state: "notStarted",
        scored: 0,
      })),
    });
    // judge 1: L2 and L3 in draft, then L1 not started
    await save(0, fx.codes[0]!, {
      intent: "submit",
      "score.A1": "1",
      "score.A2": "0",
      "score.B1": "1",
      version: "0",
    });
    const mine = await getJudgeCompetition(fx.judges[0]!.id, fx.slug);
    expect(mine!.entries.map((e) => [e.code, e.state, e.scored])).toEqual([
      [fx.codes[1], "draft", 3],
      [fx.codes[2], "draft", 1],
      [fx.codes[0], "submitted", 3],
    ]);
  });

  it("shows the chair every assigned sheet with its state, and the set-aside ones", async () => {
    expect(await countIndicators(fx.competitionId)).toBe(3);
    const rows = await listSheets(fx.competitionId);
    expect(rows.map((r) => [r.code, r.judgeId, r.status, r.scored, r.setAsideAt])).toEqual([
      [fx.codes[0], fx.judges[0]!.id, "submitted", 3, null],
      [fx.codes[1], fx.judges[0]!.id, "draft", 3, null],
      [fx.codes[1], fx.judges[1]!.id, "new", 0, null],
      [fx.codes[2], fx.judges[0]!.id, "draft", 1, null],
      [fx.codes[2], fx.judges[1]!.id, "new", 0, null],
    ]);
    expect(rows[2]).toEqual({
      sheetId: null,
      entryId: rows[1]!.entryId,
      code: fx.codes[1],
      library: `Perpustakaan Desa 2 (${fx.slug})`,
      judgeId: fx.judges[1]!.id,
      judge: `Juri 2 ${fx.slug}`,
      status: "new",
      scored: 0,
      submittedAt: null,
      updatedAt: null,
      reopenReason: null,
      setAsideAt: null,
      issuedPasswordSavedAt: null,
    });
  });

  it("stops saves and reopening once scoring is closed", async () => {
    await t.db
      .updateTable("competitions")
      .set({ status: "closed" })
      .where("id", "=", fx.competitionId)
      .execute();
    expect(await save(0, fx.codes[2]!, { "score.A1": "2", version: "2" })).toEqual({
      status: "closed",
    });
    const view = await getSheetView(fx.judges[0]!.id, fx.slug, fx.codes[2]!);
    expect(view!.editable).toBe(false);
    const sent = (await sheetRow(0, fx.codes[0]!))!;
    expect(
      await reopenSheet({ id: fx.chair.id, label: "k" }, fx.competitionId, sent.id, "x"),
    ).toEqual({ ok: false, errors: { _form: ["scoring.reopen.notScoring"] } });
  });
});

describe("a draft with a refused field, the check before a submission, old keys", () => {
  it("saves the other fields and answers invalid with what it saved; the resent request answers the same", async () => {
    const g = await createScoringFixture(t.db, { slug: "sebagian-2026", entries: 2, judges: 2 });
    const [j0, j1] = g.judges.map((j) => ({ id: j.id, label: j.email })) as [
      { id: number; label: string },
      { id: number; label: string },
    ];
    const code = g.codes[1]!;
    const form = {
      values: {
        intent: "save",
        key: `sebagian-${"k".repeat(16)}`,
        version: "0",
        "score.A1": "4",
        "score.A2": "99",
        comment: "sebagian",
      },
      repeated: [],
    };
    const first = await saveSheet(j0, g.slug, code, form, { issuedPassword: false });
    expect(first).toEqual({
      status: "invalid",
      errors: { "score.A2": ["scoring.error.range"] },
      saved: { version: 1, savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), replayed: false },
    });
    const sheet = await t.db
      .selectFrom("score_sheets as s")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["s.id", "s.version", "s.comment"])
      .where("s.judge_id", "=", j0.id)
      .where("l.code", "=", code)
      .executeTakeFirstOrThrow();
    expect(sheet).toMatchObject({ version: 1, comment: "sebagian" });
    const scores = await t.db
      .selectFrom("scores as s")
      .innerJoin("indicators as i", "i.id", "s.indicator_id")
      .select(["i.code", "s.value"])
      .where("s.sheet_id", "=", sheet.id)
      .orderBy("i.code")
      .execute();
    expect(scores).toEqual([
      { code: "A1", value: 4 },
      { code: "A2", value: null },
      { code: "B1", value: null },
    ]);
    // resent: the same answer, replayed, with the same refused field
    const saved = (first as { saved: object }).saved;
    expect(await saveSheet(j0, g.slug, code, form, { issuedPassword: false })).toEqual({
      status: "invalid",
      errors: { "score.A2": ["scoring.error.range"] },
      saved: { ...saved, replayed: true },
    });
    // another judge presenting that key is refused, whatever the form's fields
    expect(await saveSheet(j1, g.slug, code, form, { issuedPassword: false })).toEqual({
      status: "keyReused",
    });

    // the check before a submission answers as the save would, and writes nothing
    const submit = (values: Record<string, string>) => ({
      values: { intent: "submit", key: `periksa-${"k".repeat(16)}`, version: "1", ...values },
      repeated: [],
    });
    expect(
      await checkSheetSave(j0.id, g.slug, code, submit({ "score.A1": "4", "score.A2": "7" })),
    ).toEqual({ status: "invalid", errors: { "score.B1": ["scoring.error.required"] } });
    const complete = { "score.A1": "4", "score.A2": "7", "score.B1": "2" };
    expect(await checkSheetSave(j0.id, g.slug, code, submit(complete))).toEqual({
      status: "ready",
    });
    expect(await checkSheetSave(j1.id, g.slug, g.codes[0]!, submit(complete))).toEqual({
      status: "notFound",
    });
    expect(
      await checkSheetSave(j0.id, g.slug, code, {
        ...submit(complete),
        values: { ...submit(complete).values, version: "0" },
      }),
    ).toMatchObject({ status: "conflict", current: { version: 1, status: "draft" } });
    expect(
      await t.db
        .selectFrom("score_sheets")
        .select(["version", "status"])
        .where("id", "=", sheet.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ version: 1, status: "draft" });
    const keys = await t.db
      .selectFrom("save_requests")
      .select("key")
      .where("sheet_id", "=", sheet.id)
      .execute();
    expect(keys.map((k) => k.key)).toEqual([`sebagian-${"k".repeat(16)}`]);
  });

  it("forgets a save's key after 14 days, not before", async () => {
    const g = await createScoringFixture(t.db, { slug: "kunci-2026", entries: 1, judges: 1 });
    const j0 = { id: g.judges[0]!.id, label: g.judges[0]!.email };
    const code = g.codes[0]!;
    const saveWith = (key: string, version: string) =>
      saveSheet(
        j0,
        g.slug,
        code,
        {
          values: { intent: "save", key, version, "score.A1": version === "0" ? "2" : "3" },
          repeated: [],
        },
        { issuedPassword: false },
      );
    expect(await saveWith(`kunci-lama-${"k".repeat(12)}`, "0")).toMatchObject({ status: "saved" });
    await saveWith(`kunci-baru-${"k".repeat(12)}`, "1");
    const day = 86_400_000;
    const minute = 60_000;
    const at = (ms: number) => new Date(Date.now() - ms).toISOString();
    await t.db
      .updateTable("save_requests")
      .set({ created_at: at(14 * day + minute) })
      .where("key", "=", `kunci-lama-${"k".repeat(12)}`)
      .execute();
    await t.db
      .updateTable("save_requests")
      .set({ created_at: at(14 * day - minute) })
      .where("key", "=", `kunci-baru-${"k".repeat(12)}`)
      .execute();
    // the next save forgets the key older than 14 days and keeps the other
    expect(await saveWith(`kunci-hari-${"k".repeat(12)}`, "2")).toMatchObject({ status: "saved" });
    const kept = await t.db
      .selectFrom("save_requests")
      .select("key")
      .where("key", "like", "kunci-%")
      .orderBy("key")
      .execute();
    expect(kept.map((k) => k.key)).toEqual([
      `kunci-baru-${"k".repeat(12)}`,
      `kunci-hari-${"k".repeat(12)}`,
    ]);
  });
});

/**
 * On SQLite one save runs after the other; on PostgreSQL two app processes (or one process's pool)
 * save at the same moment. Either way each save gets one of its documented answers, never an error.
 */
describe("saves at the same moment", () => {
  let g: ScoringFixture;
  let j0: { id: number; label: string };
  const form = (key: string, a1: string, version = "0") => ({
    values: { intent: "save", key, version, "score.A1": a1 },
    repeated: [],
  });
  const at = (code: string, f: ReturnType<typeof form>) =>
    saveSheet(j0, g.slug, code, f, { issuedPassword: false });
  const stored = async (code: string) =>
    t.db
      .selectFrom("score_sheets as s")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .innerJoin("scores as sc", "sc.sheet_id", "s.id")
      .innerJoin("indicators as i", "i.id", "sc.indicator_id")
      .select(["s.version", "sc.value"])
      .where("s.judge_id", "=", j0.id)
      .where("l.code", "=", code)
      .where("i.code", "=", "A1")
      .execute();

  beforeAll(async () => {
    g = await createScoringFixture(t.db, { slug: "serentak-2026", entries: 3, judges: 1 });
    j0 = { id: g.judges[0]!.id, label: g.judges[0]!.email };
  });

  it("two first saves of one sheet: one is saved, the other answers conflict with it", async () => {
    const code = g.codes[0]!;
    const answers = await Promise.all([
      at(code, form(`serentak-a-${"k".repeat(12)}`, "2")),
      at(code, form(`serentak-b-${"k".repeat(12)}`, "3")),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual(["conflict", "saved"]);
    const saved = answers.findIndex((a) => a.status === "saved");
    expect(await stored(code)).toEqual([{ version: 1, value: saved === 0 ? 2 : 3 }]);
    const conflict = answers[1 - saved]!;
    expect(conflict).toMatchObject({ status: "conflict", current: { version: 1 } });
  });

  it("one request sent twice at once is saved once, and both get the same answer", async () => {
    for (const [code, version] of [
      [g.codes[1]!, "0"], // the sheet's first save
      [g.codes[0]!, "1"], // a later one
    ] as const) {
      const f = form(`serentak-ulang-${version}-${"k".repeat(12)}`, "4", version);
      const answers = await Promise.all([at(code, f), at(code, f)]);
      const next = Number(version) + 1;
      for (const answer of answers)
        expect(answer, code).toMatchObject({ status: "saved", version: next });
      expect(answers.map((a) => (a as { replayed: boolean }).replayed).sort()).toEqual([
        false,
        true,
      ]);
      expect(await stored(code)).toEqual([{ version: next, value: 4 }]);
    }
  });
});
