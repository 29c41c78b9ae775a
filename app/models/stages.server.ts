import { sql } from "kysely";
import type { Competition, Executor, Stage } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/forms";
import { nowIso } from "~/lib/time";
import { countMissingSheets } from "./publishing.server";
import { activeEntry, sameCode } from "./query.server";
import { computeRanking, countRankingInputsBefore } from "./ranking.server";
import { withoutSubmittedSelfAssessment } from "./self-assessment.server";
import type { StatusOptions, StatusReason } from "./status-types.server";

/**
 * Stages (docs/decisions/010-stages.md): the list, the move to the next stage (the shortlist is
 * computed, written down, audited), and the admin stage's checklist.
 */

/** A competition's stages in order. */
export async function listStages(competitionId: number, db: Executor = getDb()): Promise<Stage[]> {
  return db
    .selectFrom("stages")
    .selectAll()
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
}

async function load(competition: number | string, db: Executor): Promise<Competition | undefined> {
  const q = db.selectFrom("competitions").selectAll();
  return (
    typeof competition === "number"
      ? q.where("id", "=", competition)
      : q.where("slug", "=", competition)
  ).executeTakeFirst();
}

/** Active entries of an admin stage without any checklist item recorded. */
export async function countUnchecked(
  competitionId: number,
  stageId: number,
  db: Executor = getDb(),
) {
  const row = await db
    .selectFrom("entries as e")
    .select(sql<number>`count(*)`.as("n"))
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("stage_checks as k")
            .select("k.item")
            .whereRef("k.entry_id", "=", "e.id")
            .where("k.stage_id", "=", stageId),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type StageMoveResult =
  | {
      ok: true;
      from: string;
      to: string;
      /** the shortlist: the codes of the libraries that go on */
      advanced: string[];
    }
  | { ok: false; reasons: StatusReason[] };

/**
 * Closes the stage open for scoring, writes its shortlist (every entry in the stage with its
 * score, rank and whether it goes on, docs/scoring.md "Stages") and opens the next stage; the
 * entries that do not go on lose their assignments in later stages. One transaction, audited
 * with the shortlist. Refused, with reasons, outside scoring, after the last
 * stage, and while sheets of the stage are unsubmitted (or, in an admin stage, entries
 * unchecked) unless overridden with a reason, as publishing is.
 */
export async function advanceStage(
  actor: Actor,
  competition: number | string,
  options: StatusOptions = {},
): Promise<StageMoveResult> {
  await countRankingInputsBefore(competition);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await load(competition, trx);
      if (!c) return { ok: false, reasons: [{ message: "status.reason.notFound" }] };
      if (c.status !== "scoring")
        return { ok: false, reasons: [{ message: "stage.reason.notScoring" }] };
      const stages = await listStages(c.id, trx);
      const current = stages.find((s) => s.position === c.current_stage);
      const next = stages.find((s) => s.position === c.current_stage + 1);
      if (!current || !next) return { ok: false, reasons: [{ message: "stage.reason.lastStage" }] };
      const blockers: StatusReason[] = [];
      if (current.kind === "admin") {
        const unchecked = await countUnchecked(c.id, current.id, trx);
        if (unchecked > 0)
          blockers.push({
            message: "stage.reason.unchecked",
            params: { count: unchecked },
            overridable: true,
          });
      } else {
        const missing = await countMissingSheets(c.id, trx);
        if (missing > 0)
          blockers.push({
            message: "status.reason.sheetsMissing",
            params: { count: missing },
            overridable: true,
          });
      }
      const ranking = await computeRanking(c, {}, trx);
      if (!ranking) return { ok: false, reasons: [{ message: "status.reason.notFound" }] };
      const shortlist = ranking.entries.flatMap((e) => {
        const here = e.stages.find((s) => s.code === current.code);
        return here ? [{ entry: e, ...here }] : [];
      });
      // a desk stage may need each entry going on to have submitted its self-assessment
      if (next.requires_self_assessment === 1) {
        const missing = await withoutSubmittedSelfAssessment(
          shortlist.filter((s) => s.advanced).map((s) => s.entry.entryId),
          trx,
        );
        if (missing.length > 0)
          blockers.push({
            message: "selfAssessment.reason.missing",
            params: { count: missing.length, codes: missing.join(", ") },
            overridable: true,
          });
      }
      const reason = options.reason?.trim() ?? "";
      if (blockers.length > 0 && !(options.override && blockers.every((b) => b.overridable)))
        return { ok: false, reasons: blockers };
      if (blockers.length > 0 && reason === "")
        return { ok: false, reasons: [{ message: "status.reason.overrideReason" }] };

      // conditional on the stage read above, so two concurrent moves cannot both succeed
      const moved = await trx
        .updateTable("competitions")
        .set({ current_stage: next.position, updated_at: nowIso() })
        .where("id", "=", c.id)
        .where("current_stage", "=", current.position)
        .where("status", "=", "scoring")
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1)
        return { ok: false, reasons: [{ message: "status.reason.changedMeanwhile" }] };
      const now = nowIso();
      await trx
        .updateTable("stages")
        .set({ closed_at: now })
        .where("id", "=", current.id)
        .execute();
      await trx.deleteFrom("stage_results").where("stage_id", "=", current.id).execute();
      // in slices: one statement's bound values are limited (32,766 in SQLite), five per row
      const slice = 1000;
      for (let i = 0; i < shortlist.length; i += slice)
        await trx
          .insertInto("stage_results")
          .values(
            shortlist.slice(i, i + slice).map((s) => ({
              stage_id: current.id,
              entry_id: s.entry.entryId,
              score_x100: s.scoreX100,
              rank: s.rank,
              advanced: s.advanced ? (1 as const) : (0 as const),
            })),
          )
          .execute();
      // an entry that does not go on takes no part in later stages: their assignments of it
      // (made beforehand, as a file's "all" does) are withdrawn, so no judge is asked to score it.
      // Read from the shortlist just written, not a list of bound values (no limit on its size).
      const later = stages.filter((s) => s.position > current.position).map((s) => s.id);
      const withdrawn = await trx
        .deleteFrom("judge_assignments")
        .where("stage_id", "in", later)
        .where("entry_id", "not in", (q) =>
          q
            .selectFrom("stage_results")
            .select("entry_id")
            .where("stage_id", "=", current.id)
            .where("advanced", "=", 1),
        )
        .executeTakeFirst();
      await recordAudit(
        {
          actor,
          competitionId: c.id,
          entityType: "stage",
          entityId: current.code,
          action: "advance",
          reason: reason || null,
          before: { stage: current.code },
          after: {
            stage: next.code,
            ...(options.override && blockers.length > 0 ? { override: true } : {}),
            assignmentsWithdrawn: Number(withdrawn.numDeletedRows),
            shortlist: shortlist.map((s) => ({
              library: s.entry.code,
              score: s.scoreX100,
              rank: s.rank,
              advanced: s.advanced,
            })),
          },
        },
        trx,
      );
      return {
        ok: true,
        from: current.code,
        to: next.code,
        advanced: shortlist.filter((s) => s.advanced).map((s) => s.entry.code),
      };
    });
}

/**
 * Records one item of the admin stage's checklist for one entry (by library code): passed, or
 * failed with a reason. Only in the admin stage open for scoring; audited.
 */
export async function recordAdminCheck(
  actor: Actor,
  competitionId: number,
  input: { library: string; item: string; passed: boolean; reason?: string },
): Promise<Result> {
  const item = input.item.trim();
  const reason = (input.reason ?? "").trim();
  if (item === "") return refuse("error.required", "item");
  if (!input.passed && reason === "") return refuse("stage.check.reasonRequired", "reason");
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const target = await trx
        .selectFrom("competitions as c")
        .innerJoin("stages as s", (j) =>
          j.onRef("s.competition_id", "=", "c.id").onRef("s.position", "=", "c.current_stage"),
        )
        .innerJoin("entries as e", "e.competition_id", "c.id")
        .innerJoin("libraries as l", "l.id", "e.library_id")
        .select([
          "s.id as stageId",
          "s.code as stage",
          "s.kind",
          "c.status",
          "e.id as entryId",
          "l.code",
        ])
        .where("c.id", "=", competitionId)
        .where(sameCode("l.code", input.library))
        .where(activeEntry("e"))
        .executeTakeFirst();
      if (!target) return refuse("error.404");
      if (target.kind !== "admin" || target.status !== "scoring")
        return refuse("stage.check.notAdminStage");
      const before = await trx
        .selectFrom("stage_checks")
        .select(["passed", "reason"])
        .where("stage_id", "=", target.stageId)
        .where("entry_id", "=", target.entryId)
        .where("item", "=", item)
        .executeTakeFirst();
      const row = {
        passed: input.passed ? (1 as const) : (0 as const),
        reason: input.passed ? "" : reason,
        checked_by: actor.id,
        checked_at: nowIso(),
      };
      await trx
        .insertInto("stage_checks")
        .values({ stage_id: target.stageId, entry_id: target.entryId, item, ...row })
        .onConflict((oc) => oc.columns(["stage_id", "entry_id", "item"]).doUpdateSet(row))
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "stage_check",
          entityId: `${target.stage}:${target.code}`,
          action: "check",
          reason: input.passed ? null : reason,
          before: before ? { item, passed: before.passed === 1, reason: before.reason } : null,
          after: { item, passed: input.passed },
        },
        trx,
      );
      return { ok: true } as const;
    });
}

/** One row of a closed stage's shortlist snapshot, for the chair's stages page. */
export interface StageShortlistRow {
  library: string;
  name: string;
  scoreX100: number | null;
  rank: number | null;
  advanced: boolean;
}

/** The snapshots of a competition's closed stages, by stage id, in rank order. */
export async function listStageShortlists(
  competitionId: number,
  db: Executor = getDb(),
): Promise<Map<number, StageShortlistRow[]>> {
  const rows = await db
    .selectFrom("stage_results as r")
    .innerJoin("stages as s", "s.id", "r.stage_id")
    .innerJoin("entries as e", "e.id", "r.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["r.stage_id", "l.code", "l.name", "r.score_x100", "r.rank", "r.advanced"])
    .where("s.competition_id", "=", competitionId)
    .orderBy("r.stage_id")
    .orderBy(sql`r.rank is null`)
    .orderBy("r.rank")
    .orderBy("l.code")
    .execute();
  const out = new Map<number, StageShortlistRow[]>();
  for (const r of rows) {
    const list = out.get(r.stage_id) ?? [];
    list.push({
      library: r.code,
      name: r.name,
      scoreX100: r.score_x100,
      rank: r.rank,
      advanced: r.advanced === 1,
    });
    out.set(r.stage_id, list);
  }
  return out;
}

/** The active entries of a competition with the checklist items recorded for them in a stage. */
export async function listAdminChecks(
  competitionId: number,
  stageId: number,
  db: Executor = getDb(),
) {
  const entries = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["e.id", "l.code", "l.name"])
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"))
    .orderBy("l.code")
    .execute();
  const checks = await db
    .selectFrom("stage_checks")
    .select(["entry_id", "item", "passed", "reason"])
    .where("stage_id", "=", stageId)
    .orderBy("item")
    .execute();
  return entries.map((e) => ({
    library: e.code,
    name: e.name,
    checks: checks
      .filter((k) => k.entry_id === e.id)
      .map((k) => ({ item: k.item, passed: k.passed === 1, reason: k.reason })),
  }));
}
