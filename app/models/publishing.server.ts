import { sql } from "kysely";
import type { Executor } from "../../db/schema";
import { auditHead } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { listSetAsideSheets, type SetAsideSheet } from "./conflicts.server";
import { sumPointsX100 } from "./points.server";
import { activeEntry, confirmedConflict, currentStage } from "./query.server";
import { computeRanking, unresolvedTies } from "./ranking.server";
import type { Effect, Guard, StatusOptions, StatusReason } from "./status-types.server";

/**
 * Closing scoring and publishing the winners (the guards and effects of the later status moves;
 * app/models/status.server.ts wires them into the status machine).
 *
 * Publishing freezes a snapshot: published_results and published_component_scores copy every
 * library and component name and every score, so nothing that changes later (a library renamed,
 * a sheet reopened) alters what was published (docs/decisions/007). A correction is a new publication (revision n + 1) with a reason; the
 * public pages show the newest one and say that a correction was made.
 */

/** A sheet the ranking still waits for: its judge, its library, and whether it was started. */
export interface MissingSheet {
  judge: string;
  library: string;
  code: string;
  /** null: the judge has not opened it yet */
  status: "draft" | null;
}

/**
 * Sheets assigned to active entries and not yet submitted, by judge then library. A sheet set
 * aside for a confirmed conflict of interest is not missing: it will never count (the publishing
 * step lists it apart).
 */
/** Unsubmitted sheets of the stage open for scoring (active entries, conflicts left out). */
export async function listMissingSheets(
  competitionId: number,
  db: Executor = getDb(),
): Promise<MissingSheet[]> {
  const rows = await db
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("users as u", "u.id", "a.judge_id")
    .leftJoin("score_sheets as s", (j) =>
      j
        .onRef("s.entry_id", "=", "a.entry_id")
        .onRef("s.judge_id", "=", "a.judge_id")
        .onRef("s.stage_id", "=", "a.stage_id"),
    )
    .select(["u.name as judge", "l.name as library", "l.code", "s.status"])
    .where("e.competition_id", "=", competitionId)
    .where("a.stage_id", "=", currentStage(competitionId))
    .where(activeEntry("e"))
    .where((eb) => eb.not(confirmedConflict("a.judge_id", "e.library_id")))
    .where((eb) => eb.or([eb("s.status", "is", null), eb("s.status", "!=", "submitted")]))
    .orderBy("u.name")
    .orderBy("l.name")
    .orderBy("l.code")
    .execute();
  return rows.map((r) => ({ ...r, status: r.status === null ? null : "draft" }));
}

/** How many sheets of the stage open for scoring are unsubmitted. */
export async function countMissingSheets(
  competitionId: number,
  db: Executor = getDb(),
): Promise<number> {
  return (await listMissingSheets(competitionId, db)).length;
}

/**
 * The missing sheets as one message (a catalog key with the count) listing each sheet beneath
 * it, so the chair sees whom to ask, not only how many.
 */
export function missingSheetsMessage(
  message: string,
  sheets: MissingSheet[],
): StatusReason & { items: StatusReason[] } {
  return {
    message,
    params: { count: sheets.length },
    items: sheets.map((s) => ({
      message: "status.reason.sheetMissing",
      params: {
        judge: s.judge,
        library: s.library,
        state: s.status === null ? "status.sheet.notStarted" : "status.sheet.draft",
      },
    })),
  };
}

async function hasPublication(competitionId: number, db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom("publications")
    .select("id")
    .where("competition_id", "=", competitionId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const reasonGiven = (options: StatusOptions) => (options.reason ?? "").trim().length > 0;

/** A move that only needs a stated reason (reopening scoring, unpublishing). */
export const requireReason: Guard = async (_c, options) =>
  reasonGiven(options) ? [] : [{ message: "status.reason.reasonRequired" }];

/**
 * Publishing is refused while a sheet of an active entry is not submitted or a tie decides a
 * prize without the chair's decision — unless the chair overrides, with a reason. A correction
 * (any publication after the first) always states its reason.
 */
export const canPublish: Guard = async (c, options, db) => {
  const blockers: StatusReason[] = [];
  const missing = await listMissingSheets(c.id, db);
  if (missing.length > 0)
    blockers.push({
      ...missingSheetsMessage("status.reason.sheetsMissing", missing),
      overridable: true,
    });
  const ranking = await computeRanking(c, {}, db);
  for (const tie of ranking ? unresolvedTies(ranking) : []) {
    blockers.push({
      message: "status.reason.prizeTie",
      params: {
        rank: tie[0]!.rank ?? 0,
        libraries: tie.map((e) => e.name).join(", "),
      },
      overridable: true,
    });
  }
  if (ranking && !ranking.entries.some((e) => e.rank !== null))
    blockers.push({ message: "status.reason.nothingRanked" });
  const correction = await hasPublication(c.id, db);
  if (blockers.length > 0 && !(options.override && blockers.every((b) => b.overridable)))
    return blockers;
  if ((blockers.length > 0 || correction) && !reasonGiven(options)) {
    return [
      {
        message: correction ? "status.reason.correctionReason" : "status.reason.overrideReason",
      },
    ];
  }
  return [];
};

/** Writes the snapshot of the ranking as it stands, in the publishing transaction. */
export const writeSnapshot: Effect = async (c, options, actor, db) => {
  if (actor.id === null)
    throw new Error("a publication needs a user: run the CLI with --as <email>");
  const ranking = await computeRanking(c, {}, db);
  if (!ranking) throw new Error(`competition ${c.id} vanished while publishing`);
  const sumPoints = await sumPointsX100(c.id, ranking, db);
  const previous = await db
    .selectFrom("publications")
    .select(sql<number>`coalesce(max(revision), -1)`.as("revision"))
    .where("competition_id", "=", c.id)
    .executeTakeFirstOrThrow();
  await db
    .updateTable("publications")
    .set({ is_current: 0 })
    .where("competition_id", "=", c.id)
    .execute();
  const { id: publicationId } = await db
    .insertInto("publications")
    .values({
      competition_id: c.id,
      published_at: nowIso(),
      published_by: actor.id,
      reason: options.reason?.trim() || null,
      is_current: 1,
      revision: Number(previous.revision) + 1,
      // the head of the audit chain as the results were frozen: the log up to here is what they rest on
      audit_head_hash: await auditHead(db),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // what the ranking left out, frozen with it (the Berita Acara states it)
  const setAside = await listSetAsideSheets(c.id, db);
  if (setAside.length > 0)
    await db
      .insertInto("published_set_aside")
      .values(
        setAside.map((x) => ({
          publication_id: publicationId,
          library_code: x.code,
          library_name: x.library,
          judge_name: x.judge,
          sheet_status: x.status,
          confirmed_at: x.confirmedAt,
          confirmed_by: x.confirmedBy,
          reason: x.reason,
        })),
      )
      .execute();
  // the stages and each one's shortlist, frozen with the results
  await db
    .insertInto("published_stages")
    .values(
      ranking.stages.map((st) => ({
        publication_id: publicationId,
        position: st.position,
        code: st.code,
        name: st.name,
        kind: st.kind,
        weight: st.weight,
        advance: st.advance,
      })),
    )
    .execute();
  const stageResults = ranking.entries.flatMap((e) =>
    e.stages.map((st) => ({
      publication_id: publicationId,
      stage_code: st.code,
      library_code: e.code,
      score_x100: st.scoreX100,
      stage_score_x100: st.stageScoreX100,
      rank: st.rank,
      advanced: st.advanced ? (1 as const) : (0 as const),
    })),
  );
  // in slices: SQLite limits the parameters of one statement
  for (let i = 0; i < stageResults.length; i += 500)
    await db
      .insertInto("published_stage_results")
      .values(stageResults.slice(i, i + 500))
      .execute();
  for (const entry of ranking.entries) {
    if (entry.rank === null || entry.finalX100 === null) continue;
    const { id: resultId } = await db
      .insertInto("published_results")
      .values({
        publication_id: publicationId,
        entry_id: entry.entryId,
        rank: entry.rank,
        prize_label: entry.prize,
        category: entry.category,
        library_code: entry.code,
        library_name: entry.name,
        library_village: entry.village,
        library_district: entry.district,
        final_score_x100: entry.finalX100,
        judge_count: entry.judges,
        stage_code: entry.stageReached,
        points_sum_x100: sumPoints.get(entry.entryId) ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const components = entry.components.filter((k) => k.scoreX100 !== null);
    if (components.length > 0) {
      await db
        .insertInto("published_component_scores")
        .values(
          components.map((k, index) => ({
            result_id: resultId,
            component_code: k.code,
            component_name: k.name,
            weight: k.weight,
            position: index + 1,
            score_x100: k.scoreX100!,
          })),
        )
        .execute();
    }
  }
};

export type PublishedSetAside = Omit<SetAsideSheet, "entryId" | "judgeId">;

/** The sheets the competition's current publication set aside (none when unpublished). */
export async function publishedSetAside(
  competitionId: number,
  db: Executor = getDb(),
): Promise<PublishedSetAside[]> {
  return db
    .selectFrom("published_set_aside as x")
    .innerJoin("publications as p", "p.id", "x.publication_id")
    .select([
      "x.library_code as code",
      "x.library_name as library",
      "x.judge_name as judge",
      "x.sheet_status as status",
      "x.confirmed_at as confirmedAt",
      "x.confirmed_by as confirmedBy",
      "x.reason",
    ])
    .where("p.competition_id", "=", competitionId)
    .where("p.is_current", "=", 1)
    .orderBy("x.id")
    .execute();
}
