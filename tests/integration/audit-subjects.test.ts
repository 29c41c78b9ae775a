import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, type AuditEvent } from "../../app/lib/audit.server";
import { listAuditEntries } from "../../app/models/audit.server";
import { saveSheet } from "../../app/models/sheets.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";

/**
 * What the audit reader says each entry is about, for every kind of entry the app writes, and
 * what it falls back to when the object named is gone (the entry's own record, then its id).
 * The entries are written here directly, one at a time, and read back as the newest.
 */
let t: TestDb;
let fx: ScoringFixture;
const libraries: { id: number; code: string; name: string }[] = [];
const entries: number[] = [];
const judgeName = (i: number) => `Juri ${i + 1} kata-2026`;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createScoringFixture(t.db, { slug: "kata-2026", entries: 4, judges: 2 });
  for (const code of fx.codes) {
    const row = await t.db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["e.id as entryId", "l.id", "l.code", "l.name"])
      .where("l.code", "=", code)
      .executeTakeFirstOrThrow();
    libraries.push({ id: row.id, code: row.code, name: row.name });
    entries.push(row.entryId);
  }
});
afterAll(() => t.cleanup());

async function say(event: Omit<AuditEvent, "actor"> & { actor?: AuditEvent["actor"] }) {
  await recordAudit({ actor: { id: null, label: "system" }, ...event }, t.db);
  return (await listAuditEntries({})).entries[0]!;
}

async function subject(event: Omit<AuditEvent, "actor">) {
  return (await say(event)).subject;
}

describe("the audit reader names what an entry is about", () => {
  it("names the actor: a person by current name, the command line, or the app", async () => {
    expect(
      (
        await say({
          actor: { id: fx.chair.id, label: `Nama lama <${fx.chair.email}>` },
          entityType: "user",
          entityId: fx.chair.id,
          action: "update",
        })
      ).actor,
    ).toEqual({ kind: "person", name: "Ketua kata-2026" });
    // the same on a page about something else: the name comes from the actor
    await say({
      actor: { id: fx.chair.id, label: `Nama lama <${fx.chair.email}>` },
      entityType: "library",
      entityId: "csv",
      action: "import",
    });
    expect((await listAuditEntries({ entityType: "library" })).entries[0]!.actor).toEqual({
      kind: "person",
      name: "Ketua kata-2026",
    });
    const cli = { id: null, label: "cli" };
    expect((await say({ actor: cli, entityType: "x", entityId: 1, action: "y" })).actor).toEqual({
      kind: "cli",
    });
    const other = { id: null, label: "seed" };
    expect((await say({ actor: other, entityType: "x", entityId: 1, action: "y" })).actor).toEqual({
      kind: "system",
    });
  });

  it("names a competition by its current name, else by the name or slug the entry recorded", async () => {
    const named = await say({
      competitionId: fx.competitionId,
      entityType: "competition",
      entityId: fx.competitionId,
      action: "update",
      before: { name: "Lama" },
    });
    expect(named.subject).toEqual({
      key: "audit.subject.competition",
      values: { name: "Lomba Uji kata-2026" },
    });
    expect(named.competition).toBe("Lomba Uji kata-2026");
    expect(named.statusMove).toBeNull();
    const gone = (values: { before?: unknown; after?: unknown }) =>
      subject({ entityType: "competition", entityId: 999, action: "delete", ...values });
    const name = (n: string) => ({ key: "audit.subject.competition", values: { name: n } });
    expect(await gone({ before: { name: "A", slug: "a" }, after: { name: "B" } })).toEqual(
      name("A"),
    );
    expect(await gone({ before: { name: "", slug: "a" }, after: { name: "B" } })).toEqual(
      name("B"),
    );
    expect(await gone({ before: { slug: "a" }, after: { slug: "b" } })).toEqual(name("a"));
    expect(await gone({ after: { slug: "b" } })).toEqual(name("b"));
    expect(await gone({})).toEqual(name("#999"));
  });

  it("shows a status move only with both statuses", async () => {
    const move = (before: unknown, after: unknown, action = "status") =>
      say({ entityType: "competition", entityId: fx.competitionId, action, before, after });
    const moved = await move({ status: "draft" }, { status: "scoring" });
    expect(moved.statusMove).toEqual({ from: "draft", to: "scoring" });
    expect(moved.subject).toEqual({ key: "audit.subject.competitionStatus", values: {} });
    expect((await move({}, { status: "scoring" })).statusMove).toBeNull();
    expect((await move({ status: "draft" }, {})).statusMove).toBeNull();
    expect(
      (await move({ status: "draft" }, { status: "scoring" }, "update")).statusMove,
    ).toBeNull();
    expect(
      (
        await say({
          entityType: "entry",
          entityId: entries[0]!,
          action: "status",
          before: { status: "active" },
          after: { status: "withdrawn" },
        })
      ).statusMove,
    ).toBeNull();
  });

  it("names a library, an import, an entry and a user, by current name or recorded one", async () => {
    const [l1, l2] = libraries as [(typeof libraries)[0], (typeof libraries)[0]];
    const library = (name: string) => ({ key: "audit.subject.library", values: { name } });
    expect(await subject({ entityType: "library", entityId: l1.id, action: "update" })).toEqual(
      library(l1.name),
    );
    expect(await subject({ entityType: "library", entityId: "csv", action: "import" })).toEqual({
      key: "audit.subject.libraryImport",
      values: {},
    });
    const goneLibrary = (values: { before?: unknown; after?: unknown }) =>
      subject({ entityType: "library", entityId: 9999, action: "delete", ...values });
    expect(await goneLibrary({ before: { name: "B" }, after: { name: "A" } })).toEqual(
      library("A"),
    );
    expect(await goneLibrary({ before: { name: "B" } })).toEqual(library("B"));
    expect(await goneLibrary({})).toEqual(library("#9999"));

    const entry = (name: string) => ({ key: "audit.subject.entry", values: { library: name } });
    expect(await subject({ entityType: "entry", entityId: entries[1]!, action: "add" })).toEqual(
      entry(l2.name),
    );
    expect(
      await subject({
        entityType: "entry",
        entityId: 9999,
        action: "delete",
        before: { libraryId: l2.id },
      }),
    ).toEqual(entry(l2.name));
    expect(
      await subject({
        entityType: "entry",
        entityId: 9999,
        action: "add",
        after: { libraryId: String(l1.id) },
        before: { libraryId: l2.id },
      }),
    ).toEqual(entry(l1.name));
    expect(await subject({ entityType: "entry", entityId: 9999, action: "delete" })).toEqual(
      entry("#9999"),
    );

    const user = (name: string) => ({ key: "audit.subject.user", values: { name } });
    const judge = fx.judges[0]!.id;
    expect(await subject({ entityType: "user", entityId: judge, action: "update" })).toEqual(
      user(judgeName(0)),
    );
    const goneUser = (values: { before?: unknown; after?: unknown }) =>
      subject({ entityType: "user", entityId: 9999, action: "update", ...values });
    expect(await goneUser({ before: { name: "B" }, after: { name: "A" } })).toEqual(user("A"));
    expect(await goneUser({ before: { name: "B" }, after: { name: "" } })).toEqual(user("B"));
    expect(await goneUser({})).toEqual(user("#9999"));
  });

  it("names the judge and library of a sheet, a panel place, an assignment and a conflict", async () => {
    const [j1, j2] = fx.judges as [{ id: number; email: string }, { id: number; email: string }];
    const [l1, l2] = libraries as [(typeof libraries)[0], (typeof libraries)[0]];
    const saved = await saveSheet(
      { id: j1.id, label: j1.email },
      fx.slug,
      l2.code,
      {
        values: { intent: "save", key: `kata-${"k".repeat(16)}`, version: "0", "score.A1": "2" },
        repeated: [],
      },
      { issuedPassword: false },
    );
    expect(saved.status).toBe("saved");
    const sheetId = (
      await t.db
        .selectFrom("score_sheets")
        .select("id")
        .where("judge_id", "=", j1.id)
        .executeTakeFirstOrThrow()
    ).id;
    const sheet = (judge: string, library: string) => ({
      key: "audit.subject.sheet",
      values: { judge, library },
    });
    expect(
      await subject({
        entityType: "score_sheet",
        entityId: sheetId,
        action: "reopen",
        after: { judgeId: j2.id, library: l1.code },
      }),
    ).toEqual(sheet(judgeName(0), l2.name));
    // gone: the recorded judge and library code (in any case), else what is known
    expect(
      await subject({
        entityType: "score_sheet",
        entityId: 9999,
        action: "submit",
        after: { judgeId: j2.id, library: l1.code.toLowerCase() },
      }),
    ).toEqual(sheet(judgeName(1), l1.name));
    expect(
      await subject({
        entityType: "score_sheet",
        entityId: 9999,
        action: "submit",
        after: { library: "HILANG01" },
      }),
    ).toEqual(sheet("?", "HILANG01"));
    expect(await subject({ entityType: "score_sheet", entityId: 9999, action: "x" })).toEqual(
      sheet("?", "#9999"),
    );

    const panel = (judge: string) => ({ key: "audit.subject.panel", values: { judge } });
    expect(await subject({ entityType: "panel", entityId: j2.id, action: "add" })).toEqual(
      panel(judgeName(1)),
    );
    expect(await subject({ entityType: "panel", entityId: 9999, action: "add" })).toEqual(
      panel("#9999"),
    );

    const assignment = (judge: string, library: string) => ({
      key: "audit.subject.assignment",
      values: { judge, library },
    });
    expect(
      await subject({ entityType: "assignment", entityId: `${entries[1]}:${j2.id}`, action: "a" }),
    ).toEqual(assignment(judgeName(1), l2.name));
    expect(await subject({ entityType: "assignment", entityId: "9998:9999", action: "a" })).toEqual(
      assignment("#9999", "#9998"),
    );
    expect(await subject({ entityType: "assignment", entityId: "9998", action: "a" })).toEqual(
      assignment("#?", "#9998"),
    );

    const conflictId = (
      await t.db
        .selectFrom("conflicts")
        .select("id")
        .where("judge_id", "=", j2.id)
        .executeTakeFirstOrThrow()
    ).id;
    const conflict = (judge: string, library: string) => ({
      key: "audit.subject.conflict",
      values: { judge, library },
    });
    expect(
      await subject({
        entityType: "conflict",
        entityId: conflictId,
        action: "confirm",
        after: { judgeId: j1.id, libraryId: l2.id },
      }),
    ).toEqual(conflict(judgeName(1), l1.name));
    expect(
      await subject({
        entityType: "conflict",
        entityId: 9999,
        action: "confirm",
        after: { judgeId: j1.id, libraryId: l2.id },
      }),
    ).toEqual(conflict(judgeName(0), l2.name));
    expect(await subject({ entityType: "conflict", entityId: 9999, action: "x" })).toEqual(
      conflict("?", "#9999"),
    );
  });

  it("lists a tie's libraries and a criteria change's indicators, three and a count", async () => {
    const codes = libraries.map((l) => l.code);
    const names = libraries.map((l) => l.name);
    const tie = (order: unknown) =>
      subject({ entityType: "tie", entityId: 7, action: "decide", after: { order } });
    expect(await tie(codes.slice(0, 3).map((library) => ({ library })))).toEqual({
      key: "audit.subject.tie",
      values: { libraries: names.slice(0, 3).join(", ") },
    });
    expect(
      await tie([...codes.map((c) => c.toLowerCase()), "HILANG01"].map((library) => ({ library }))),
    ).toEqual({
      key: "audit.subject.tie",
      values: { libraries: `${names.slice(0, 3).join(", ")} +2` },
    });
    expect(await tie([{ library: "" }, {}])).toEqual({
      key: "audit.subject.tie",
      values: { libraries: "#7" },
    });
    expect(await subject({ entityType: "tie", entityId: 7, action: "decide" })).toEqual({
      key: "audit.subject.tie",
      values: { libraries: "#7" },
    });

    const component = (indicators: { code: string; name: string; max?: number }[]) => ({
      code: "A",
      indicators,
    });
    const criteria = (before: unknown, after: unknown) =>
      subject({ entityType: "criteria", entityId: 1, action: "update", before, after });
    const A = [
      { code: "A1", name: "Satu" },
      { code: "A2", name: "Dua" },
      { code: "A3", name: "Tiga" },
      { code: "A4", name: "Empat" },
    ];
    // A1 unchanged, A2 altered, A3 removed (named from before), A5 added
    expect(
      await criteria(
        [component(A.slice(0, 3))],
        [component([A[0]!, { code: "A2", name: "Dua", max: 9 }, { code: "A5", name: "Lima" }])],
      ),
    ).toEqual({
      key: "audit.subject.criteriaItems",
      values: { items: "A2 Dua, A5 Lima, A3 Tiga" },
    });
    expect(await criteria([], [component(A)])).toEqual({
      key: "audit.subject.criteriaItems",
      values: { items: "A1 Satu, A2 Dua, A3 Tiga +1" },
    });
    expect(await criteria([component(A)], [component(A)])).toEqual({
      key: "audit.subject.criteria",
      values: {},
    });
    // an indicator without a name, and shapes that are not criteria, are read without failing
    expect(
      await criteria(null, [component([{ code: "B1" } as never]), { code: "C" }, null]),
    ).toEqual({ key: "audit.subject.criteriaItems", values: { items: "B1" } });
    expect(await criteria({ not: "a list" }, "text")).toEqual({
      key: "audit.subject.criteria",
      values: {},
    });
  });

  it("names a panel place and an assignment on a page of their kind alone", async () => {
    // no other entry on the page mentions the judge or the entry: the entry's own id does
    const [, j2] = fx.judges as [unknown, { id: number }];
    await recordAudit(
      { actor: { id: null, label: "system" }, entityType: "panel", entityId: j2.id, action: "add" },
      t.db,
    );
    await recordAudit(
      {
        actor: { id: null, label: "system" },
        entityType: "assignment",
        entityId: `${entries[2]}:${j2.id}`,
        action: "add",
      },
      t.db,
    );
    const first = async (entityType: string) =>
      (await listAuditEntries({ entityType })).entries[0]!.subject;
    expect(await first("panel")).toEqual({
      key: "audit.subject.panel",
      values: { judge: judgeName(1) },
    });
    expect(await first("assignment")).toEqual({
      key: "audit.subject.assignment",
      values: { judge: judgeName(1), library: libraries[2]!.name },
    });
  });

  it("names objects whose ids have two digits or more", async () => {
    let id = 0;
    for (let n = 0; id < 12; n++)
      ({ id } = await t.db
        .insertInto("libraries")
        .values({
          code: `DUA${n}`,
          name: `Perpustakaan dua digit ${n}`,
          type: "desa",
          created_at: "2026-01-01T00:00:00.000Z",
          updated_at: "2026-01-01T00:00:00.000Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow());
    const { name } = await t.db
      .selectFrom("libraries")
      .select("name")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(await subject({ entityType: "library", entityId: id, action: "update" })).toEqual({
      key: "audit.subject.library",
      values: { name },
    });
  });

  it("names a finalists' announcement by its stage", async () => {
    for (const action of ["publish", "unpublish"])
      expect(await subject({ entityType: "finalists", entityId: "S1", action })).toEqual({
        key: "audit.subject.finalists",
        values: { stage: "S1" },
      });
  });

  it("names a stage by its code", async () => {
    for (const action of ["create", "update", "move", "delete"])
      expect(await subject({ entityType: "stage", entityId: "V", action })).toEqual({
        key: "audit.subject.stage",
        values: { stage: "V" },
      });
  });

  it("names any other kind by its type and id", async () => {
    expect(await subject({ entityType: "setting", entityId: "tema", action: "update" })).toEqual({
      key: "audit.subject.other",
      values: { type: "setting", id: "tema" },
    });
  });
});
