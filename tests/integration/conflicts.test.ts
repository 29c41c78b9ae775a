import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/lib/audit.server";
import {
  decideConflict,
  isConflicted,
  isConflictedWithEntry,
  listConflicts,
  listSetAsideSheets,
  suggestConflicts,
} from "../../app/models/conflicts.server";
import { saveSheet } from "../../app/models/sheets.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";

/**
 * Conflicts of interest at the model level: the questions the sheet and the assignment paths ask,
 * what confirming or dismissing one does to assignments and the audit log, the sheets it sets
 * aside, and the likely conflicts the chair is shown. The fixture (tests/support/scoring.ts): the
 * last judge is in confirmed conflict with the first library from the start, so not assigned it.
 */
let t: TestDb;
let fx: ScoringFixture;
let chair: Actor;

async function library(code: string) {
  return t.db
    .selectFrom("libraries")
    .select(["id", "name"])
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
}

async function entryOf(competitionId: number, code: string): Promise<number> {
  const row = await t.db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select("e.id")
    .where("e.competition_id", "=", competitionId)
    .where("l.code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function assigned(judgeId: number, entryId: number): Promise<boolean> {
  const row = await t.db
    .selectFrom("judge_assignments")
    .select("id")
    .where("judge_id", "=", judgeId)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  return row !== undefined;
}

async function auditSince(id: number) {
  return t.db
    .selectFrom("audit_log")
    .select([
      "user_id",
      "actor",
      "competition_id",
      "entity_type",
      "entity_id",
      "action",
      "reason",
      "before_json",
      "after_json",
    ])
    .where("id", ">", id)
    .orderBy("id")
    .execute();
}

async function lastAuditId(): Promise<number> {
  const row = await t.db
    .selectFrom("audit_log")
    .select("id")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? 0;
}

beforeAll(async () => {
  t = await createTestDb();
  fx = await createScoringFixture(t.db, { slug: "konflik-2026", entries: 3, judges: 3 });
  chair = { id: fx.chair.id, label: fx.chair.email };
});
afterAll(() => t.cleanup());

describe("asking whether a judge is in conflict", () => {
  it("answers for a library and for an entry; only a confirmed conflict counts", async () => {
    const [l1, l2] = fx.codes as [string, string];
    const [j1, , j3] = fx.judges.map((j) => j.id) as [number, number, number];
    const lib1 = await library(l1);
    const lib2 = await library(l2);
    const e1 = await entryOf(fx.competitionId, l1);
    const e2 = await entryOf(fx.competitionId, l2);
    expect(await isConflicted(j3, lib1.id)).toBe(true);
    expect(await isConflictedWithEntry(j3, e1)).toBe(true);
    expect(await isConflicted(j3, lib2.id)).toBe(false);
    expect(await isConflictedWithEntry(j3, e2)).toBe(false);
    expect(await isConflicted(j1, lib1.id)).toBe(false);
    expect(await isConflictedWithEntry(j1, e1)).toBe(false);
    // looked at and ruled out: not a conflict
    await decideConflict(chair, {
      judgeId: j1,
      libraryId: lib2.id,
      status: "dismissed",
      reason: "nama sama, orang lain",
    });
    expect(await isConflicted(j1, lib2.id)).toBe(false);
    expect(await isConflictedWithEntry(j1, e2)).toBe(false);
  });
});

describe("deciding a conflict", () => {
  it("confirming withdraws the judge's unstarted assignments of open competitions, each audited", async () => {
    const l3 = fx.codes[2]!;
    const j2 = fx.judges[1]!.id;
    const lib3 = await library(l3);
    const e3 = await entryOf(fx.competitionId, l3);
    // the same library in a competition still in draft, and in one already closed
    const draft = await createScoringFixture(t.db, { slug: "rancangan-2026", entries: 1 });
    const closed = await createScoringFixture(t.db, {
      slug: "tutup-2026",
      entries: 1,
      status: "closed",
    });
    const draftEntry = await entryOf(draft.competitionId, draft.codes[0]!);
    const closedEntry = await entryOf(closed.competitionId, closed.codes[0]!);
    for (const entryId of [draftEntry, closedEntry]) {
      await t.db
        .updateTable("entries")
        .set({ library_id: lib3.id })
        .where("id", "=", entryId)
        .execute();
      await t.db
        .insertInto("judge_assignments")
        .values({ entry_id: entryId, judge_id: j2, created_at: new Date().toISOString() })
        .execute();
    }
    const since = await lastAuditId();
    expect(
      await decideConflict(chair, {
        judgeId: j2,
        libraryId: lib3.id,
        status: "confirmed",
        reason: "  istri kepala perpustakaan ",
        competitionId: fx.competitionId,
      }),
    ).toEqual({ removedAssignments: 2 });
    expect(await assigned(j2, e3)).toBe(false);
    expect(await assigned(j2, draftEntry)).toBe(false);
    // a closed competition's record stays as it was
    expect(await assigned(j2, closedEntry)).toBe(true);
    expect(await isConflictedWithEntry(j2, e3)).toBe(true);

    const entries = await auditSince(since);
    const unassign = (competitionId: number, entryId: number) => ({
      user_id: chair.id,
      actor: chair.label,
      competition_id: competitionId,
      entity_type: "assignment",
      entity_id: `${entryId}:${j2}`,
      action: "unassign",
      reason: "conflict of interest",
      before_json: null,
      after_json: null,
    });
    const conflict = await t.db
      .selectFrom("conflicts")
      .selectAll()
      .where("judge_id", "=", j2)
      .where("library_id", "=", lib3.id)
      .executeTakeFirstOrThrow();
    expect(conflict).toMatchObject({
      status: "confirmed",
      reason: "  istri kepala perpustakaan ",
      created_by: chair.id,
    });
    expect(entries).toEqual(
      expect.arrayContaining([
        unassign(fx.competitionId, e3),
        unassign(draft.competitionId, draftEntry),
      ]),
    );
    expect(entries).toHaveLength(3);
    expect(entries[2]).toEqual({
      user_id: chair.id,
      actor: chair.label,
      competition_id: fx.competitionId,
      entity_type: "conflict",
      entity_id: String(conflict.id),
      action: "confirm",
      reason: "  istri kepala perpustakaan ",
      before_json: null,
      after_json: JSON.stringify({
        judgeId: j2,
        libraryId: lib3.id,
        status: "confirmed",
        reason: "  istri kepala perpustakaan ",
      }),
    });
  });

  it("keeps a started sheet and its assignment; a later decision replaces the earlier one", async () => {
    const l2 = fx.codes[1]!;
    const j2 = fx.judges[1]!;
    const lib2 = await library(l2);
    const e2 = await entryOf(fx.competitionId, l2);
    const started = await saveSheet(
      { id: j2.id, label: j2.email },
      fx.slug,
      l2,
      {
        values: {
          "score.A1": "3",
          intent: "save",
          version: "0",
          key: `konflik-1-${"k".repeat(16)}`,
        },
        repeated: [],
      },
      { issuedPassword: false },
    );
    expect(started.status).toBe("saved");
    expect(
      await decideConflict(chair, {
        judgeId: j2.id,
        libraryId: lib2.id,
        status: "confirmed",
        reason: "kerabat",
      }),
    ).toEqual({ removedAssignments: 0 });
    expect(await assigned(j2.id, e2)).toBe(true);

    const since = await lastAuditId();
    expect(
      await decideConflict(
        { id: null, label: "cli" },
        { judgeId: j2.id, libraryId: lib2.id, status: "dismissed", reason: "bukan kerabat" },
      ),
    ).toEqual({ removedAssignments: 0 });
    const rows = await t.db
      .selectFrom("conflicts")
      .selectAll()
      .where("judge_id", "=", j2.id)
      .where("library_id", "=", lib2.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "dismissed",
      reason: "bukan kerabat",
      created_by: null,
    });
    expect(await auditSince(since)).toEqual([
      {
        user_id: null,
        actor: "cli",
        competition_id: null,
        entity_type: "conflict",
        entity_id: String(rows[0]!.id),
        action: "dismiss",
        reason: "bukan kerabat",
        before_json: JSON.stringify({ status: "confirmed", reason: "kerabat" }),
        after_json: JSON.stringify({
          judgeId: j2.id,
          libraryId: lib2.id,
          status: "dismissed",
          reason: "bukan kerabat",
        }),
      },
    ]);
  });

  it("dismissing leaves assignments alone", async () => {
    const l1 = fx.codes[0]!;
    const j1 = fx.judges[0]!.id;
    const e1 = await entryOf(fx.competitionId, l1);
    expect(
      await decideConflict(chair, {
        judgeId: j1,
        libraryId: (await library(l1)).id,
        status: "dismissed",
        reason: "tidak ada hubungan",
      }),
    ).toEqual({ removedAssignments: 0 });
    expect(await assigned(j1, e1)).toBe(true);
  });

  it("runs inside the caller's transaction when given one, and rolls back with it", async () => {
    const l1 = fx.codes[0]!;
    const j1 = fx.judges[0]!.id;
    const lib1 = await library(l1);
    const e1 = await entryOf(fx.competitionId, l1);
    const since = await lastAuditId();
    await expect(
      t.db.transaction().execute(async (trx) => {
        const r = await decideConflict(
          chair,
          { judgeId: j1, libraryId: lib1.id, status: "confirmed", reason: "impor" },
          trx,
        );
        expect(r).toEqual({ removedAssignments: 1 });
        throw new Error("the import failed later");
      }),
    ).rejects.toThrow("the import failed later");
    expect(await assigned(j1, e1)).toBe(true);
    expect(await isConflicted(j1, lib1.id)).toBe(false);
    expect(await auditSince(since)).toEqual([]);
  });
});

describe("sheets set aside", () => {
  it("lists each started sheet or kept assignment of a conflicted judge, by library and judge", async () => {
    const l2 = fx.codes[1]!;
    const lib2 = await library(l2);
    const [j1, j2] = [fx.judges[0]!, fx.judges[1]!];
    // judge 2's draft of L2 (conflict dismissed above) counts again: nothing set aside yet
    expect(await listSetAsideSheets(fx.competitionId)).toEqual([]);
    await decideConflict(chair, {
      judgeId: j2.id,
      libraryId: lib2.id,
      status: "confirmed",
      reason: "kerabat juga",
    });
    // judge 1 has not started L2: the assignment goes, nothing is set aside for them
    await decideConflict(chair, {
      judgeId: j1.id,
      libraryId: lib2.id,
      status: "confirmed",
      reason: "tetangga",
    });
    const confirmedAt = (
      await t.db
        .selectFrom("conflicts")
        .select("created_at")
        .where("judge_id", "=", j2.id)
        .where("library_id", "=", lib2.id)
        .executeTakeFirstOrThrow()
    ).created_at;
    expect(await listSetAsideSheets(fx.competitionId)).toEqual([
      {
        entryId: await entryOf(fx.competitionId, l2),
        code: l2,
        library: lib2.name,
        judgeId: j2.id,
        judge: "Juri 2 konflik-2026",
        status: "draft",
        confirmedAt,
        confirmedBy: "Ketua konflik-2026",
        reason: "kerabat juga",
      },
    ]);
  });

  it("says 'new' for a kept assignment without a sheet, and '' for a decision by nobody named", async () => {
    const g = await createScoringFixture(t.db, { slug: "lama-2026", entries: 1, judges: 1 });
    const lib = await library(g.codes[0]!);
    // confirmed by the command line after scoring closed: the assignment is kept
    await t.db
      .updateTable("competitions")
      .set({ status: "closed" })
      .where("id", "=", g.competitionId)
      .execute();
    await decideConflict(
      { id: null, label: "cli" },
      { judgeId: g.judges[0]!.id, libraryId: lib.id, status: "confirmed", reason: "adik" },
    );
    expect(await listSetAsideSheets(g.competitionId)).toMatchObject([
      { code: g.codes[0], status: "new", confirmedBy: "", reason: "adik" },
    ]);
  });
});

describe("the chair's list of decisions", () => {
  it("lists decisions about the panel and the entrants, by judge and library", async () => {
    const rows = await listConflicts(fx.competitionId);
    const [c1, c2, c3] = fx.codes as [string, string, string];
    expect(rows.map((r) => [r.judgeName, r.libraryCode, r.status, r.reason])).toEqual([
      ["Juri 1 konflik-2026", c1, "dismissed", "tidak ada hubungan"],
      ["Juri 1 konflik-2026", c2, "confirmed", "tetangga"],
      ["Juri 2 konflik-2026", c2, "confirmed", "kerabat juga"],
      ["Juri 2 konflik-2026", c3, "confirmed", "  istri kepala perpustakaan "],
      ["Juri 3 konflik-2026", c1, "confirmed", "tinggal di desa ini"],
    ]);
    expect(rows[1]).toEqual({
      id: expect.any(Number),
      judgeId: fx.judges[0]!.id,
      judgeName: "Juri 1 konflik-2026",
      libraryId: (await library(fx.codes[1]!)).id,
      libraryCode: fx.codes[1],
      libraryName: (await library(fx.codes[1]!)).name,
      status: "confirmed",
      reason: "tetangga",
    });
  });

  it("has nothing to list or suggest for a competition without judges", async () => {
    const g = await createScoringFixture(t.db, { slug: "kosong-2026", entries: 2, judges: 0 });
    expect(await listConflicts(g.competitionId)).toEqual([]);
    expect(await suggestConflicts(g.competitionId)).toEqual([]);
  });
});

describe("suggested conflicts", () => {
  it("suggests a judge's home village (same district or unknown) and workplace, not what is decided", async () => {
    const g = await createScoringFixture(t.db, { slug: "saran-2026", entries: 3, judges: 0 });
    const now = new Date().toISOString();
    // two more entrants: one without a village or district, one with a village but no district
    for (const [code, village] of [
      ["SARANX", ""],
      ["SARANY", "Desa Sembilan"],
    ] as const) {
      const { id: libraryId } = await t.db
        .insertInto("libraries")
        .values({
          code,
          name: `Perpustakaan ${code}`,
          type: "desa",
          village,
          district: "",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto("entries")
        .values({
          competition_id: g.competitionId,
          library_id: libraryId,
          category: "desa",
          created_at: now,
        })
        .execute();
    }
    const judges: Record<string, number> = {};
    for (const [name, home] of [
      ["A sekampung", { village: "  desa   2 ", district: "KECAMATAN UJI" }],
      ["B lain kecamatan", { village: "Desa 2", district: "Kecamatan Lain" }],
      ["C tanpa kecamatan", { village: "Desa 3", district: " " }],
      ["D pustakawan", { village: "Desa 1", institution: "perpustakaan desa 1 (saran-2026)" }],
      ["E tanpa desa", { village: "", district: "" }],
      ["F desa sembilan", { village: "desa sembilan", district: "Kecamatan Lain" }],
    ] as const) {
      const { id } = await t.db
        .insertInto("users")
        .values({
          email: `${name.split(" ")[0]!.toLowerCase()}@saran.test`,
          name,
          role: "judge",
          password_hash: "x",
          ...home,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      judges[name[0]!] = id;
      await t.db
        .insertInto("competition_judges")
        .values({ competition_id: g.competitionId, judge_id: id, created_at: now })
        .execute();
    }
    const summary = async () =>
      (await suggestConflicts(g.competitionId)).map((s) => [
        s.judgeName,
        s.libraryCode,
        s.kind,
        s.detail,
      ]);
    const [c1, c2, c3] = g.codes as [string, string, string];
    expect(await summary()).toEqual([
      ["A sekampung", c2, "sameVillage", "Desa 2"],
      ["C tanpa kecamatan", c3, "sameVillage", "Desa 3"],
      // the workplace is the stronger reason; the same village is not listed again
      ["D pustakawan", c1, "worksAtLibrary", "Perpustakaan Desa 1 (saran-2026)"],
      ["F desa sembilan", "SARANY", "sameVillage", "Desa Sembilan"],
    ]);
    const [first] = await suggestConflicts(g.competitionId);
    const lib2 = await library(c2);
    expect(first).toEqual({
      judgeId: judges.A,
      judgeName: "A sekampung",
      libraryId: lib2.id,
      libraryCode: c2,
      libraryName: lib2.name,
      kind: "sameVillage",
      detail: "Desa 2",
    });
    // once decided either way, a pair is no longer suggested
    await decideConflict(chair, {
      judgeId: judges.A!,
      libraryId: lib2.id,
      status: "dismissed",
      reason: "pindah",
    });
    await decideConflict(chair, {
      judgeId: judges.D!,
      libraryId: (await library(c1)).id,
      status: "confirmed",
      reason: "bekerja di sana",
    });
    expect((await summary()).map((s) => s[0])).toEqual(["C tanpa kecamatan", "F desa sembilan"]);
  });

  it("collapses spaces inside a village instead of dropping them, and reads a district of spaces as unknown", async () => {
    const g = await createScoringFixture(t.db, { slug: "spasi-2026", entries: 2, judges: 0 });
    const now = new Date().toISOString();
    // an entrant whose district was typed as spaces only
    const { id: libraryId } = await t.db
      .insertInto("libraries")
      .values({
        code: "SPASIX",
        name: "Perpustakaan SPASIX",
        type: "desa",
        village: "Desa Spasi",
        district: "   ",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("entries")
      .values({
        competition_id: g.competitionId,
        library_id: libraryId,
        category: "desa",
        created_at: now,
      })
      .execute();
    for (const [name, home] of [
      // "Desa2" is not "Desa 2" (the fixture's second library, same district)
      ["G rapat", { village: "Desa2", district: "Kecamatan Uji" }],
      // "Desa  1" (two spaces, a tab) is "Desa 1"
      ["H renggang", { village: "Desa \t 1", district: "Kecamatan Uji" }],
      // a known district against the library's unknown one: the village alone decides
      ["I kecamatan lain", { village: "desa spasi", district: "Kecamatan Lain" }],
    ] as const) {
      const { id } = await t.db
        .insertInto("users")
        .values({
          email: `${name.split(" ")[0]!.toLowerCase()}@spasi.test`,
          name,
          role: "judge",
          password_hash: "x",
          ...home,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto("competition_judges")
        .values({ competition_id: g.competitionId, judge_id: id, created_at: now })
        .execute();
    }
    const [c1] = g.codes as [string, string];
    expect(
      (await suggestConflicts(g.competitionId)).map((s) => [
        s.judgeName,
        s.libraryCode,
        s.kind,
        s.detail,
      ]),
    ).toEqual([
      ["H renggang", c1, "sameVillage", "Desa 1"],
      ["I kecamatan lain", "SPASIX", "sameVillage", "Desa Spasi"],
    ]);
  });
});
