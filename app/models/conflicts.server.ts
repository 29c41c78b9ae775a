import type { ConflictStatus, Executor, SheetStatus } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { panelIds } from "./competitions.server";
import { activeEntry, confirmedConflict, isConfirmedConflict } from "./query.server";

/**
 * Whether a judge has a confirmed conflict of interest with a library. The score sheet asks the
 * same question in its own access query (app/models/sheets.server.ts); assignment paths call
 * `isConflictedWithEntry` below before writing (and the database refuses anyway).
 */
export async function isConflicted(
  judgeId: number,
  libraryId: number,
  db: Executor = getDb(),
): Promise<boolean> {
  const row = await db
    .selectNoFrom(confirmedConflict(judgeId, libraryId).as("conflicted"))
    .executeTakeFirstOrThrow();
  return Boolean(row.conflicted);
}

/** The same question for an entry of a competition. */
export async function isConflictedWithEntry(
  judgeId: number,
  entryId: number,
  db: Executor = getDb(),
): Promise<boolean> {
  const row = await db
    .selectFrom("entries as e")
    .select("e.id")
    .where("e.id", "=", entryId)
    .where(confirmedConflict(judgeId, "e.library_id"))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a decision about a judge and a library: `confirmed` (a conflict: existing assignments
 * of open competitions without a started sheet are withdrawn) or `dismissed` (looked at and ruled out, with the reason).
 * One row per pair; a later decision replaces the earlier one, and both are in the audit log.
 */
export async function decideConflict(
  actor: Actor,
  input: {
    judgeId: number;
    libraryId: number;
    status: ConflictStatus;
    reason: string;
    competitionId?: number | null;
  },
  db: Executor = getDb(),
): Promise<{ removedAssignments: number }> {
  const run = async (trx: Executor) => {
    const before = await trx
      .selectFrom("conflicts")
      .select(["id", "status", "reason"])
      .where("judge_id", "=", input.judgeId)
      .where("library_id", "=", input.libraryId)
      .executeTakeFirst();
    let id: number;
    if (before) {
      await trx
        .updateTable("conflicts")
        .set({
          status: input.status,
          reason: input.reason,
          created_by: actor.id,
          created_at: nowIso(),
        })
        .where("id", "=", before.id)
        .execute();
      id = before.id;
    } else {
      ({ id } = await trx
        .insertInto("conflicts")
        .values({
          judge_id: input.judgeId,
          library_id: input.libraryId,
          status: input.status,
          reason: input.reason,
          created_by: actor.id,
          created_at: nowIso(),
        })
        .returning("id")
        .executeTakeFirstOrThrow());
    }
    let removed = 0;
    if (input.status === "confirmed") {
      const doomed = await trx
        .selectFrom("judge_assignments as a")
        .innerJoin("entries as e", "e.id", "a.entry_id")
        .innerJoin("competitions as c", "c.id", "e.competition_id")
        .select(["a.id", "a.entry_id", "e.competition_id"])
        .where("a.judge_id", "=", input.judgeId)
        .where("e.library_id", "=", input.libraryId)
        .where("c.status", "in", ["draft", "scoring"])
        // a sheet already started stays on record for the chair to review; its assignment (in
        // that stage) stays too
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("score_sheets as s")
                .select("s.id")
                .whereRef("s.entry_id", "=", "a.entry_id")
                .whereRef("s.judge_id", "=", "a.judge_id")
                .whereRef("s.stage_id", "=", "a.stage_id"),
            ),
          ),
        )
        .execute();
      for (const a of doomed) {
        await trx.deleteFrom("judge_assignments").where("id", "=", a.id).execute();
        await recordAudit(
          {
            actor,
            competitionId: a.competition_id,
            entityType: "assignment",
            entityId: `${a.entry_id}:${input.judgeId}`,
            action: "unassign",
            reason: "conflict of interest",
          },
          trx,
        );
      }
      removed = doomed.length;
    }
    await recordAudit(
      {
        actor,
        competitionId: input.competitionId ?? null,
        entityType: "conflict",
        entityId: id,
        action: input.status === "confirmed" ? "confirm" : "dismiss",
        reason: input.reason,
        before: before ? { status: before.status, reason: before.reason } : undefined,
        after: {
          judgeId: input.judgeId,
          libraryId: input.libraryId,
          status: input.status,
          reason: input.reason,
        },
      },
      trx,
    );
    return { removedAssignments: removed };
  };
  // inside a caller's transaction (a competition file's import) or in one of its own
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * A sheet (or an assignment not yet started) of an active entry whose judge has a confirmed
 * conflict of interest with the library: it stays on record but never counts (docs/scoring.md).
 */
export interface SetAsideSheet {
  entryId: number;
  code: string;
  library: string;
  judgeId: number;
  judge: string;
  status: SheetStatus | "new";
  /** when the conflict was confirmed, by whom (a name; "" when the account is gone), and why */
  confirmedAt: string;
  confirmedBy: string;
  reason: string;
}

/** The competition's set-aside sheets, by library and judge. */
export async function listSetAsideSheets(
  competitionId: number,
  db: Executor = getDb(),
): Promise<SetAsideSheet[]> {
  const rows = await db
    .selectFrom("conflicts as k")
    .innerJoin("entries as e", "e.library_id", "k.library_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("users as u", "u.id", "k.judge_id")
    .leftJoin("users as cb", "cb.id", "k.created_by")
    .leftJoin("score_sheets as s", (j) =>
      j.onRef("s.entry_id", "=", "e.id").onRef("s.judge_id", "=", "k.judge_id"),
    )
    .leftJoin("judge_assignments as a", (j) =>
      j.onRef("a.entry_id", "=", "e.id").onRef("a.judge_id", "=", "k.judge_id"),
    )
    .select([
      "e.id as entryId",
      "l.code",
      "l.name as library",
      "u.id as judgeId",
      "u.name as judge",
      "s.status",
      "k.created_at as confirmedAt",
      "cb.name as confirmedBy",
      "k.reason",
    ])
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"))
    .where(isConfirmedConflict("k"))
    .where((eb) => eb.or([eb("s.id", "is not", null), eb("a.id", "is not", null)]))
    .orderBy("l.name")
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({
    ...r,
    status: r.status ?? "new",
    confirmedBy: r.confirmedBy ?? "",
  }));
}

export interface ConflictRow {
  id: number;
  judgeId: number;
  judgeName: string;
  libraryId: number;
  libraryCode: string;
  libraryName: string;
  status: ConflictStatus;
  reason: string;
}

/** Decisions concerning this competition's panel and entrants. */
export async function listConflicts(competitionId: number): Promise<ConflictRow[]> {
  const db = getDb();
  const panel = await panelIds(competitionId, db);
  if (panel.length === 0) return [];
  return db
    .selectFrom("conflicts as c")
    .innerJoin("users as u", "u.id", "c.judge_id")
    .innerJoin("libraries as l", "l.id", "c.library_id")
    .innerJoin("entries as e", (j) =>
      j.onRef("e.library_id", "=", "c.library_id").on("e.competition_id", "=", competitionId),
    )
    .select([
      "c.id",
      "c.judge_id as judgeId",
      "u.name as judgeName",
      "c.library_id as libraryId",
      "l.code as libraryCode",
      "l.name as libraryName",
      "c.status",
      "c.reason",
    ])
    .where("c.judge_id", "in", panel)
    .orderBy("u.name")
    .orderBy("l.name")
    .execute();
}

export type SuggestionKind = "sameVillage" | "worksAtLibrary";

export interface ConflictSuggestion {
  judgeId: number;
  judgeName: string;
  libraryId: number;
  libraryCode: string;
  libraryName: string;
  kind: SuggestionKind;
  /** the matching value, e.g. the village name */
  detail: string;
}

function same(a: string, b: string): boolean {
  const n = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  return n(a) !== "" && n(a) === n(b);
}

/**
 * Likely conflicts nobody has decided on yet: a judge whose home village is the library's village
 * (in the same district, when both are known), or whose institution is the library itself.
 */
export async function suggestConflicts(competitionId: number): Promise<ConflictSuggestion[]> {
  const db = getDb();
  const panel = await panelIds(competitionId, db);
  if (panel.length === 0) return [];
  const judges = await db
    .selectFrom("users")
    .select(["id", "name", "village", "district", "institution"])
    .where("id", "in", panel)
    .orderBy("name")
    .execute();
  const libraries = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["l.id", "l.code", "l.name", "l.village", "l.district"])
    .where("e.competition_id", "=", competitionId)
    .orderBy("l.name")
    .execute();
  const decided = new Set(
    (
      await db
        .selectFrom("conflicts")
        .select(["judge_id", "library_id"])
        .where("judge_id", "in", panel)
        .execute()
    ).map((c) => `${c.judge_id}|${c.library_id}`),
  );
  const out: ConflictSuggestion[] = [];
  for (const j of judges) {
    for (const l of libraries) {
      if (decided.has(`${j.id}|${l.id}`)) continue;
      const base = {
        judgeId: j.id,
        judgeName: j.name,
        libraryId: l.id,
        libraryCode: l.code,
        libraryName: l.name,
      };
      const districtsAgree =
        j.district.trim() === "" || l.district.trim() === "" || same(j.district, l.district);
      if (same(j.institution, l.name))
        out.push({ ...base, kind: "worksAtLibrary", detail: l.name });
      else if (same(j.village, l.village) && districtsAgree)
        out.push({ ...base, kind: "sameVillage", detail: l.village });
    }
  }
  return out;
}
