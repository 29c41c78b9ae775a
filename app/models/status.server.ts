import { sql } from "kysely";
import type { Competition, CompetitionStatus, Executor } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { formatPath } from "~/lib/criteria";
import { validateCriteria } from "~/lib/criteria-schema.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { countScores } from "./competitions.server";
import { getCriteria } from "./criteria.server";
import {
  canPublish,
  listMissingSheets,
  missingSheetsMessage,
  requireReason,
  writeSnapshot,
} from "./publishing.server";
import { activeEntry, currentStage } from "./query.server";
import { stageSetupReasons } from "./stage-setup.server";
import { countRankingInputsBefore } from "./ranking.server";
import type {
  Effect,
  Guard,
  StatusChangeResult,
  StatusOptions,
  StatusReason,
} from "./status-types.server";

export type { StatusChangeResult, StatusOptions, StatusReason };

/**
 * Scoring opens when the criteria are valid and every active entry has at least one judge, in
 * the stage that opens; an admin stage (a checklist, no criteria, no judges) needs entries only.
 */
const canOpenScoring: Guard = async (competition, _options, db) => {
  const reasons: StatusReason[] = [];
  const opening = await db
    .selectFrom("stages")
    .select("kind")
    .where("competition_id", "=", competition.id)
    .where("position", "=", competition.current_stage)
    .executeTakeFirst();
  if (opening?.kind === "admin") {
    const active = await db
      .selectFrom("entries as e")
      .select(sql<number>`count(*)`.as("n"))
      .where("e.competition_id", "=", competition.id)
      .where(activeEntry("e"))
      .executeTakeFirstOrThrow();
    return Number(active.n) === 0 ? [{ message: "status.reason.noEntries" }] : [];
  }
  const criteria = validateCriteria(await getCriteria(competition.id, db));
  if (!criteria.ok) {
    for (const issue of criteria.issues) {
      reasons.push({
        message: "status.reason.criteria",
        params: {
          path: formatPath(["components", ...issue.path]),
          problem: issue.message,
          ...issue.params,
        },
      });
    }
  }
  const entries = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select((eb) => [
      "l.name",
      eb
        .selectFrom("judge_assignments as a")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("a.entry_id", "=", "e.id")
        .where("a.stage_id", "=", currentStage(competition.id))
        .as("judges"),
    ])
    .where("e.competition_id", "=", competition.id)
    .where(activeEntry("e"))
    .orderBy("l.name")
    .execute();
  if (entries.length === 0) reasons.push({ message: "status.reason.noEntries" });
  for (const e of entries) {
    if (Number(e.judges ?? 0) === 0)
      reasons.push({
        message: "status.reason.entryWithoutJudge",
        params: { library: e.name },
      });
  }
  return reasons;
};

/** Every guard's reasons, in order (the stages' own rule first, then the opening stage's). */
const allOf =
  (...guards: Guard[]): Guard =>
  async (competition, options, db) => {
    const reasons: StatusReason[] = [];
    for (const guard of guards) reasons.push(...(await guard(competition, options, db)));
    return reasons;
  };

/** Back to draft (to change criteria) only while nobody has scored anything. */
const canReopenDraft: Guard = async (competition, _options, db) => {
  const scores = await countScores(competition.id, db);
  return scores > 0 ? [{ message: "status.reason.scoresExist", params: { count: scores } }] : [];
};

/** Closing stops every change to scores; nothing stands in its way. */
const always: Guard = async () => [];

/** What closing leaves behind: the sheets not submitted, by judge, told before the chair confirms. */
const unsubmittedSheets: Guard = async (competition, _options, db) => {
  const missing = await listMissingSheets(competition.id, db);
  return missing.length > 0 ? [missingSheetsMessage("status.note.sheetsOpen", missing)] : [];
};

interface Transition {
  guard: Guard;
  effect?: Effect;
  /** what the chair should know before confirming; it does not stand in the way */
  notes?: Guard;
}

/**
 * The allowed moves, from → to, each with its guard and the work it does; every caller (pages,
 * CLI) goes through this one table. The order of a status's moves is the order they are offered.
 */
const TRANSITIONS: Record<CompetitionStatus, Partial<Record<CompetitionStatus, Transition>>> = {
  draft: {
    scoring: { guard: allOf((c, _options, db) => stageSetupReasons(c, db), canOpenScoring) },
  },
  scoring: {
    draft: { guard: canReopenDraft },
    closed: { guard: always, notes: unsubmittedSheets },
  },
  // reopening scoring afterwards states why
  closed: {
    scoring: { guard: requireReason },
    // publishing freezes the results (a snapshot); republishing is a correction
    published: { guard: canPublish, effect: writeSnapshot },
  },
  // unpublishing states why
  published: {
    closed: { guard: requireReason },
  },
};

/** Reasons that only ask the chair to say why; the confirmation form has the field for it. */
export const REASON_MESSAGES = [
  "status.reason.reasonRequired",
  "status.reason.overrideReason",
  "status.reason.correctionReason",
];

async function load(competition: number | string, db: Executor): Promise<Competition | undefined> {
  const q = db.selectFrom("competitions").selectAll();
  return (
    typeof competition === "number"
      ? q.where("id", "=", competition)
      : q.where("slug", "=", competition)
  ).executeTakeFirst();
}

/** What stands in the way of a move, without making it (for the overview page). */
export async function checkStatusChange(
  competition: number | string,
  to: CompetitionStatus,
  options: StatusOptions = {},
): Promise<StatusReason[]> {
  await countRankingInputsBefore(competition);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await load(competition, trx);
      if (!c) return [{ message: "status.reason.notFound" }];
      const transition = TRANSITIONS[c.status]?.[to];
      if (!transition)
        return [
          {
            message: "status.reason.notAllowed",
            params: { from: c.status, to },
          },
        ];
      return transition.guard(c, options, trx);
    });
}

/** What the chair should know before confirming a move (empty when nothing needs saying). */
export async function statusChangeNotes(
  competition: Competition,
  to: CompetitionStatus,
  db: Executor = getDb(),
): Promise<StatusReason[]> {
  const notes = TRANSITIONS[competition.status]?.[to]?.notes;
  return notes ? notes(competition, {}, db) : [];
}

/** The moves the competition's current status allows, in the order they are offered. */
export function movesFrom(status: CompetitionStatus): CompetitionStatus[] {
  return Object.keys(TRANSITIONS[status]) as CompetitionStatus[];
}

/** Moves a competition to another status if its guard allows it; audited with the reason given. */
export async function changeStatus(
  actor: Actor,
  competition: number | string,
  to: CompetitionStatus,
  options: StatusOptions = {},
): Promise<StatusChangeResult> {
  // publishing ranks inside the move's transaction
  await countRankingInputsBefore(competition);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await load(competition, trx);
      if (!c) return { ok: false, reasons: [{ message: "status.reason.notFound" }] };
      const transition = TRANSITIONS[c.status]?.[to];
      if (!transition)
        return {
          ok: false,
          reasons: [
            {
              message: "status.reason.notAllowed",
              params: { from: c.status, to },
            },
          ],
        };
      const reasons = await transition.guard(c, options, trx);
      if (reasons.length > 0) return { ok: false, reasons };
      // conditional on the status read above, so two concurrent moves cannot both succeed
      const updated = await trx
        .updateTable("competitions")
        .set({ status: to, updated_at: nowIso() })
        .where("id", "=", c.id)
        .where("status", "=", c.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        return {
          ok: false,
          reasons: [{ message: "status.reason.changedMeanwhile" }],
        };
      await transition.effect?.({ ...c, status: to }, options, actor, trx);
      await recordAudit(
        {
          actor,
          competitionId: c.id,
          entityType: "competition",
          entityId: c.id,
          action: "status",
          reason: options.reason?.trim() || null,
          before: { status: c.status },
          after: { status: to, ...(options.override ? { override: true } : {}) },
        },
        trx,
      );
      return { ok: true, from: c.status, to };
    });
}
