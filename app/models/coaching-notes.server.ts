import type { Executor } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/forms";
import { nowIso } from "~/lib/time";
import { currentStage, sameCode } from "./query.server";
import { findAccess } from "./sheets.server";

/**
 * Coaching notes (catatan pembinaan): a judge's recommendations for an entry in a stage, written
 * beside the score sheet; the chair chooses which go on the entry's feedback sheet.
 */

export interface JudgeNote {
  text: string;
  updatedAt: string | null;
  /** the judge may still change it: scoring is open and their sheet is not submitted */
  editable: boolean;
}

/** Whether the judge's sheet for the entry in the current stage is still open to changes. */
async function noteEditable(
  access: { competitionStatus: string; entryId: number; competitionId: number },
  judgeId: number,
  db: Executor,
): Promise<boolean> {
  if (access.competitionStatus !== "scoring") return false;
  const sheet = await db
    .selectFrom("score_sheets")
    .select("status")
    .where("entry_id", "=", access.entryId)
    .where("judge_id", "=", judgeId)
    .where("stage_id", "=", currentStage(access.competitionId))
    .executeTakeFirst();
  return sheet?.status !== "submitted";
}

/** The judge's note for an entry they may open (null: not theirs, answered as 404). */
export async function getJudgeNote(
  judgeId: number,
  slug: string,
  code: string,
  db: Executor = getDb(),
): Promise<JudgeNote | null> {
  const access = await findAccess(judgeId, slug, code, db);
  if (!access) return null;
  const [note, editable] = await Promise.all([
    db
      .selectFrom("coaching_notes")
      .select(["text", "updated_at"])
      .where("entry_id", "=", access.entryId)
      .where("judge_id", "=", judgeId)
      .where("stage_id", "=", currentStage(access.competitionId))
      .executeTakeFirst(),
    noteEditable(access, judgeId, db),
  ]);
  return { text: note?.text ?? "", updatedAt: note?.updated_at ?? null, editable };
}

/**
 * Saves the judge's note for the entry in the stage open for scoring: only their own assignment
 * (else "not found"), only while their sheet is open (else refused as locked). An empty text
 * removes the note. Audited with the text before and after.
 */
export async function saveCoachingNote(
  actor: Actor,
  judgeId: number,
  slug: string,
  code: string,
  text: string,
): Promise<Result<{ updatedAt: string | null }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const access = await findAccess(judgeId, slug, code, trx);
      if (!access) return refuse("error.404");
      if (!(await noteEditable(access, judgeId, trx)))
        return refuse("scoring.coaching.locked", "text");
      const stageId = currentStage(access.competitionId);
      const before = await trx
        .selectFrom("coaching_notes")
        .select(["text", "stage_id"])
        .where("entry_id", "=", access.entryId)
        .where("judge_id", "=", judgeId)
        .where("stage_id", "=", stageId)
        .executeTakeFirst();
      const was = before?.text ?? "";
      if (was === text) return { ok: true, updatedAt: null };
      const now = nowIso();
      if (text === "") {
        await trx
          .deleteFrom("coaching_notes")
          .where("entry_id", "=", access.entryId)
          .where("judge_id", "=", judgeId)
          .where("stage_id", "=", stageId)
          .execute();
      } else {
        await trx
          .insertInto("coaching_notes")
          .values({
            stage_id: stageId,
            entry_id: access.entryId,
            judge_id: judgeId,
            text,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.columns(["stage_id", "entry_id", "judge_id"]).doUpdateSet({ text, updated_at: now }),
          )
          .execute();
      }
      await recordAudit(
        {
          actor,
          competitionId: access.competitionId,
          entityType: "coaching_note",
          entityId: access.entryId,
          action: before ? (text === "" ? "delete" : "update") : "create",
          before: before ? { library: access.code, text: was } : undefined,
          after: text === "" ? undefined : { library: access.code, text },
        },
        trx,
      );
      return { ok: true, updatedAt: text === "" ? null : now };
    });
}

export interface ChairNote {
  stageId: number;
  stageCode: string;
  stageName: string;
  judgeId: number;
  judgeName: string;
  text: string;
  included: boolean;
  updatedAt: string;
}

/** The entry (by library code) of a competition, active or not; null when there is none. */
async function findEntry(competitionId: number, code: string, db: Executor) {
  return db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select([
      "e.id as entryId",
      "e.status",
      "e.category",
      "l.code",
      "l.name",
      "l.type",
      "l.village",
      "l.district",
      "l.address",
      "l.head_name as headName",
    ])
    .where("e.competition_id", "=", competitionId)
    .where(sameCode("l.code", code))
    .executeTakeFirst();
}

export type FeedbackEntry = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

/** Every coaching note on an entry, stage by stage, with its judge (the chair's view). */
export async function listEntryNotes(
  competitionId: number,
  code: string,
  db: Executor = getDb(),
): Promise<{ entry: FeedbackEntry; notes: ChairNote[] } | null> {
  const entry = await findEntry(competitionId, code, db);
  if (!entry) return null;
  const rows = await db
    .selectFrom("coaching_notes as n")
    .innerJoin("stages as s", "s.id", "n.stage_id")
    .innerJoin("users as u", "u.id", "n.judge_id")
    .select([
      "n.stage_id as stageId",
      "s.code as stageCode",
      "s.name as stageName",
      "n.judge_id as judgeId",
      "u.name as judgeName",
      "n.text",
      "n.included",
      "n.updated_at as updatedAt",
    ])
    .where("n.entry_id", "=", entry.entryId)
    .where("s.competition_id", "=", competitionId)
    .orderBy("s.position")
    .orderBy("u.name")
    .execute();
  return { entry, notes: rows.map((r) => ({ ...r, included: r.included === 1 })) };
}

/**
 * The chair's choice of notes for the entry's feedback sheet: exactly the notes named in
 * `included` ("stageId:judgeId") go on it. Audited with the choice before and after.
 */
export async function chooseIncludedNotes(
  actor: Actor,
  competitionId: number,
  code: string,
  included: readonly string[],
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const entry = await findEntry(competitionId, code, trx);
      if (!entry) return refuse("error.404");
      const notes = await trx
        .selectFrom("coaching_notes as n")
        .innerJoin("stages as s", "s.id", "n.stage_id")
        .select(["n.stage_id", "n.judge_id", "n.included"])
        .where("n.entry_id", "=", entry.entryId)
        .where("s.competition_id", "=", competitionId)
        .execute();
      const keyOf = (n: { stage_id: number; judge_id: number }) => `${n.stage_id}:${n.judge_id}`;
      const known = new Set(notes.map(keyOf));
      if (included.some((k) => !known.has(k))) return refuse("feedback.error.unknownNote");
      const wanted = new Set(included);
      const before = notes.filter((n) => n.included === 1).map(keyOf);
      const after = notes.filter((n) => wanted.has(keyOf(n))).map(keyOf);
      if (before.join() === after.join()) return { ok: true };
      for (const n of notes) {
        const flag = wanted.has(keyOf(n)) ? 1 : 0;
        if (flag === n.included) continue;
        await trx
          .updateTable("coaching_notes")
          .set({ included: flag })
          .where("stage_id", "=", n.stage_id)
          .where("entry_id", "=", entry.entryId)
          .where("judge_id", "=", n.judge_id)
          .execute();
      }
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "coaching_note",
          entityId: entry.entryId,
          action: "include",
          before: { library: entry.code, included: before },
          after: { library: entry.code, included: after },
        },
        trx,
      );
      return { ok: true };
    });
}
