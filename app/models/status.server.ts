import { sql, type Transaction } from "kysely";
import type { Competition, CompetitionStatus, Database } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { formatPath, validateCriteria } from "~/lib/criteria";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { countScores } from "./competition-setup.server";
import { getCriteriaIn } from "./criteria.server";
import { canPublish, requireReason, writeSnapshot } from "./publishing.server";

/** Why a move is refused: a catalog key with its placeholders. */
export interface StatusReason {
  message: string;
  params?: Record<string, string | number>;
  /** the chair may go ahead anyway, stating why (e.g. publishing with a sheet missing) */
  overridable?: boolean;
}

export interface StatusOptions {
  reason?: string;
  /** publish despite a missing sheet or an undecided prize tie (a reason is then required) */
  override?: boolean;
}

export type StatusChangeResult =
  | { ok: true; from: CompetitionStatus; to: CompetitionStatus }
  | { ok: false; reasons: StatusReason[] };

export type Guard = (
  trx: Transaction<Database>,
  competition: Competition,
  options: StatusOptions,
) => Promise<StatusReason[]>;
/** Work a move does in the same transaction, after the status changed (e.g. writing results). */
export type Effect = (
  trx: Transaction<Database>,
  competition: Competition,
  options: StatusOptions,
  actor: Actor,
) => Promise<void>;

interface Transition {
  guard: Guard;
  effect?: Effect;
}

/**
 * The allowed moves, each with its guard: the list of reasons it is refused (empty = allowed).
 * Every move is defined below with defineTransition, in this module (closing and publishing take
 * their guards and effects from publishing.server.ts), so every caller (pages, CLI) sees the same
 * machine.
 */
const TRANSITIONS: Partial<
  Record<CompetitionStatus, Partial<Record<CompetitionStatus, Transition>>>
> = {};

export function defineTransition(
  from: CompetitionStatus,
  to: CompetitionStatus,
  guard: Guard,
  effect?: Effect,
): void {
  (TRANSITIONS[from] ??= {})[to] = { guard, effect };
}

/** Scoring opens when the criteria are valid and every active entry has at least one judge. */
async function canOpenScoring(
  trx: Transaction<Database>,
  competition: Competition,
): Promise<StatusReason[]> {
  const reasons: StatusReason[] = [];
  const criteria = validateCriteria(await getCriteriaIn(trx, competition.id));
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
  const entries = await trx
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select((eb) => [
      "l.name",
      eb
        .selectFrom("judge_assignments as a")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("a.entry_id", "=", "e.id")
        .as("judges"),
    ])
    .where("e.competition_id", "=", competition.id)
    .where("e.status", "=", "active")
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
}

/** Back to draft (to change criteria) only while nobody has scored anything. */
async function canReopenDraft(
  trx: Transaction<Database>,
  competition: Competition,
): Promise<StatusReason[]> {
  const scores = await countScores(competition.id, trx);
  return scores > 0 ? [{ message: "status.reason.scoresExist", params: { count: scores } }] : [];
}

defineTransition("draft", "scoring", canOpenScoring);
defineTransition("scoring", "draft", canReopenDraft);
// closing stops every change to scores; reopening scoring afterwards states why
defineTransition("scoring", "closed", async () => []);
defineTransition("closed", "scoring", requireReason);
// publishing freezes the results (a snapshot); unpublishing states why, republishing is a correction
defineTransition("closed", "published", canPublish, writeSnapshot);
defineTransition("published", "closed", requireReason);

/** Reasons that only ask the chair to say why; the confirmation form has the field for it. */
export const REASON_MESSAGES = [
  "status.reason.reasonRequired",
  "status.reason.overrideReason",
  "status.reason.correctionReason",
];

async function load(trx: Transaction<Database>, competition: number | string) {
  const q = trx.selectFrom("competitions").selectAll();
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
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await load(trx, competition);
      if (!c) return [{ message: "status.reason.notFound" }];
      const transition = TRANSITIONS[c.status]?.[to];
      if (!transition)
        return [
          {
            message: "status.reason.notAllowed",
            params: { from: c.status, to },
          },
        ];
      return transition.guard(trx, c, options);
    });
}

/** The moves the competition's current status allows, in the order they are offered. */
export function movesFrom(status: CompetitionStatus): CompetitionStatus[] {
  return Object.keys(TRANSITIONS[status] ?? {}) as CompetitionStatus[];
}

/** Moves a competition to another status if its guard allows it; audited with the reason given. */
export async function changeStatus(
  actor: Actor,
  competition: number | string,
  to: CompetitionStatus,
  options: StatusOptions = {},
): Promise<StatusChangeResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await load(trx, competition);
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
      const reasons = await transition.guard(trx, c, options);
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
      await transition.effect?.(trx, { ...c, status: to }, options, actor);
      await recordAudit(trx, {
        actor,
        competitionId: c.id,
        entityType: "competition",
        entityId: c.id,
        action: "status",
        reason: options.reason?.trim() || null,
        before: { status: c.status },
        after: { status: to, ...(options.override ? { override: true } : {}) },
      });
      return { ok: true, from: c.status, to };
    });
}
