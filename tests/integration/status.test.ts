import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../app/lib/audit.server";
import { createCompetition } from "../../app/models/competitions.server";
import {
  changeStatus,
  checkStatusChange,
  movesFrom,
  REASON_MESSAGES,
  statusChangeNotes,
} from "../../app/models/status.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture } from "../support/scoring";

const actor: Actor = { id: null, label: "test" };
let t: TestDb;

beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

async function statusOf(id: number) {
  const row = await t.db
    .selectFrom("competitions")
    .select("status")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.status;
}

async function statusAudit(competitionId: number) {
  const rows = await t.db
    .selectFrom("audit_log")
    .select(["reason", "before_json", "after_json"])
    .where("competition_id", "=", competitionId)
    .where("action", "=", "status")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    reason: r.reason,
    before: JSON.parse(r.before_json ?? "null"),
    after: JSON.parse(r.after_json ?? "null"),
  }));
}

describe("the status machine", () => {
  it("offers each status's moves in a fixed order", () => {
    expect(movesFrom("draft")).toEqual(["scoring"]);
    expect(movesFrom("scoring")).toEqual(["draft", "closed"]);
    expect(movesFrom("closed")).toEqual(["scoring", "published"]);
    expect(movesFrom("published")).toEqual(["closed"]);
  });

  it("names everything that keeps scoring from opening, and checking changes nothing", async () => {
    const created = await createCompetition(actor, {
      slug: "kosong-2025",
      name: "Lomba tanpa kriteria",
      year: 2025,
      level: "kabupaten",
      region: "Kutai Timur",
      aggregation: "mean",
      prizeWinners: 3,
      prizeHonourable: 0,
      rankingScope: "overall",
      template: "none",
    });
    if (!created.ok) throw new Error("create");
    const expected = [
      {
        message: "status.reason.criteria",
        params: { path: "components", problem: "setup.error.noComponents" },
      },
      { message: "status.reason.noEntries" },
    ];
    expect(await checkStatusChange(created.id, "scoring")).toEqual(expected);
    expect(await checkStatusChange("kosong-2025", "scoring")).toEqual(expected);
    expect(await changeStatus(actor, "kosong-2025", "scoring")).toEqual({
      ok: false,
      reasons: expected,
    });
    expect(await statusOf(created.id)).toBe("draft");
    expect(await statusAudit(created.id)).toEqual([]);
  });

  it("answers an unknown competition and a move the status does not allow, by id or slug", async () => {
    const f = await createScoringFixture(t.db, { status: "scoring" });
    expect(await checkStatusChange("tidak-ada", "closed")).toEqual([
      { message: "status.reason.notFound" },
    ]);
    expect(await changeStatus(actor, 9999, "closed")).toEqual({
      ok: false,
      reasons: [{ message: "status.reason.notFound" }],
    });
    const notAllowed = {
      message: "status.reason.notAllowed",
      params: { from: "scoring", to: "published" },
    };
    expect(await checkStatusChange(f.slug, "published")).toEqual([notAllowed]);
    expect(await changeStatus(actor, f.competitionId, "published")).toEqual({
      ok: false,
      reasons: [notAllowed],
    });
    expect(await statusOf(f.competitionId)).toBe("scoring");
  });

  it("closes scoring freely; reopening scoring needs a reason, kept trimmed in the audit log", async () => {
    const f = await createScoringFixture(t.db, { status: "scoring" });
    expect(await checkStatusChange(f.competitionId, "closed")).toEqual([]);
    expect(await changeStatus(actor, f.slug, "closed")).toEqual({
      ok: true,
      from: "scoring",
      to: "closed",
    });

    const reasonRequired = [{ message: "status.reason.reasonRequired" }];
    expect(await checkStatusChange(f.competitionId, "scoring")).toEqual(reasonRequired);
    // the confirmation form offers the reason field for it
    expect(REASON_MESSAGES).toContain("status.reason.reasonRequired");
    expect(await changeStatus(actor, f.competitionId, "scoring", { reason: "   " })).toEqual({
      ok: false,
      reasons: reasonRequired,
    });
    expect(await statusOf(f.competitionId)).toBe("closed");
    expect(
      await changeStatus(actor, f.competitionId, "scoring", { reason: "  nilai terlambat  " }),
    ).toEqual({ ok: true, from: "closed", to: "scoring" });

    expect(await statusAudit(f.competitionId)).toEqual([
      { reason: null, before: { status: "scoring" }, after: { status: "closed" } },
      {
        reason: "nilai terlambat",
        before: { status: "closed" },
        after: { status: "scoring" },
      },
    ]);
  });

  it("tells, before closing, which sheets are not submitted, by judge and library", async () => {
    const f = await createScoringFixture(t.db, { slug: "tutup-2026", entries: 2, judges: 2 });
    const competition = await t.db
      .selectFrom("competitions")
      .selectAll()
      .where("id", "=", f.competitionId)
      .executeTakeFirstOrThrow();
    const entryOf = async (code: string) =>
      (
        await t.db
          .selectFrom("entries as e")
          .innerJoin("libraries as l", "l.id", "e.library_id")
          .select("e.id")
          .where("l.code", "=", code)
          .executeTakeFirstOrThrow()
      ).id;
    const now = new Date().toISOString();
    const sheet = async (judge: number, code: string, status: "draft" | "submitted") =>
      t.db
        .insertInto("score_sheets")
        .values({
          entry_id: await entryOf(code),
          judge_id: f.judges[judge]!.id,
          status,
          submitted_at: status === "submitted" ? now : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    // judge 1 submitted L1 and began L2; judge 2 never opened L2 (and is in conflict with L1)
    await sheet(0, f.codes[0]!, "submitted");
    await sheet(0, f.codes[1]!, "draft");
    const item = (judge: number, library: number, state: string) => ({
      message: "status.reason.sheetMissing",
      params: {
        judge: `Juri ${judge} tutup-2026`,
        library: `Perpustakaan Desa ${library} (tutup-2026)`,
        state,
      },
    });
    expect(await statusChangeNotes(competition, "closed")).toEqual([
      {
        message: "status.note.sheetsOpen",
        params: { count: 2 },
        items: [item(1, 2, "status.sheet.draft"), item(2, 2, "status.sheet.notStarted")],
      },
    ]);
    // only a note: closing goes ahead, and other moves have none
    expect(await checkStatusChange(f.competitionId, "closed")).toEqual([]);
    expect(await statusChangeNotes(competition, "draft")).toEqual([]);

    await t.db
      .updateTable("score_sheets")
      .set({ status: "submitted", submitted_at: now })
      .execute();
    await sheet(1, f.codes[1]!, "submitted");
    expect(await statusChangeNotes(competition, "closed")).toEqual([]);
  });

  it("never lets an override publish when nothing is ranked", async () => {
    const f = await createScoringFixture(t.db, { status: "closed" });
    // nothing submitted: every assigned sheet is missing and no entry has a score
    const refused = await changeStatus(
      { id: f.chair.id, label: f.chair.email },
      f.competitionId,
      "published",
      { override: true, reason: "rapat dewan juri" },
    );
    expect(refused).toEqual({
      ok: false,
      reasons: [
        {
          message: "status.reason.sheetsMissing",
          params: { count: 5 },
          overridable: true,
          // each sheet by judge, then library: whom to ask, not only how many
          items: [
            [1, 1],
            [1, 2],
            [1, 3],
            [2, 2],
            [2, 3],
          ].map(([judge, library]) => ({
            message: "status.reason.sheetMissing",
            params: {
              judge: `Juri ${judge} uji-2026`,
              library: `Perpustakaan Desa ${library} (uji-2026)`,
              state: "status.sheet.notStarted",
            },
          })),
        },
        { message: "status.reason.nothingRanked" },
      ],
    });
    expect(await statusOf(f.competitionId)).toBe("closed");
    const publications = await t.db.selectFrom("publications").select("id").execute();
    expect(publications).toEqual([]);
  });
});
