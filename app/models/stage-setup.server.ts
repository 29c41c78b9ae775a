import { sql } from "kysely";
import type { CombineMode, Competition, Executor, Stage } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/forms";
import { stageWeightIssue } from "~/lib/stage-setup";
import type { StageInput } from "~/lib/stage-setup-schema.server";
import { nowIso } from "~/lib/time";
import { sameCode } from "./query.server";
import { listStages } from "./stages.server";
import type { StatusReason } from "./status-types.server";

/**
 * Setting up a competition's stages in the browser (docs/decisions/010-stages.md): add, edit,
 * remove and reorder stages and choose how their scores combine, only while the competition is a
 * draft. Positions stay 1..n without gaps; every change is audited.
 */

/** A competition has at most this many stages (as a competition file). */
export const MAX_STAGES = 10;

/** What a stage holds: a stage holding anything cannot be removed. */
export async function stageUsage(stageId: number, db: Executor = getDb()) {
  const count = async (
    table: "components" | "judge_assignments" | "score_sheets" | "stage_checks" | "stage_results",
  ) => {
    const row = await db
      .selectFrom(table)
      .select(sql<number>`count(*)`.as("n"))
      .where("stage_id", "=", stageId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    components: await count("components"),
    assignments: await count("judge_assignments"),
    sheets: await count("score_sheets"),
    checks: (await count("stage_checks")) + (await count("stage_results")),
  };
}

type Trx = Executor;

/** Runs `work` on a competition still in draft (refused otherwise), in one transaction. */
async function inDraft<T extends object>(
  competitionId: number,
  work: (trx: Trx, c: Competition, stages: Stage[]) => Promise<Result<T>>,
): Promise<Result<T>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await trx
        .selectFrom("competitions")
        .selectAll()
        .where("id", "=", competitionId)
        .executeTakeFirst();
      if (!c) return refuse("error.404");
      if (c.status !== "draft") return refuse("stageSetup.error.notDraft");
      return work(trx, c, await listStages(c.id, trx));
    });
}

const find = (stages: Stage[], code: string) =>
  stages.find((s) => s.code.toLowerCase() === code.trim().toLowerCase());

const described = (s: Pick<Stage, "code" | "name" | "kind" | "weight" | "advance">) => ({
  code: s.code,
  name: s.name,
  kind: s.kind,
  weight: s.weight,
  advance: s.advance,
});

/** Only a desk stage asks for a submitted self-assessment. */
const requires = (input: StageInput) =>
  input.kind === "desk" && input.requiresSelfAssessment ? (1 as const) : (0 as const);

/** Adds a stage after the last one. */
export async function addStage(
  actor: Actor,
  competitionId: number,
  input: StageInput,
): Promise<Result<{ code: string }>> {
  return inDraft(competitionId, async (trx, c, stages) => {
    if (find(stages, input.code)) return refuse("stageSetup.error.codeTaken", "code");
    if (stages.length >= MAX_STAGES) return refuse("stageSetup.error.tooMany");
    await trx
      .insertInto("stages")
      .values({
        competition_id: c.id,
        position: stages.length + 1,
        code: input.code,
        name: input.name,
        kind: input.kind,
        weight: input.kind === "admin" ? 0 : input.weight,
        advance: input.advance,
        requires_self_assessment: requires(input),
      })
      .execute();
    await recordAudit(
      {
        actor,
        competitionId: c.id,
        entityType: "stage",
        entityId: input.code,
        action: "create",
        before: null,
        after: {
          ...described({ ...input }),
          position: stages.length + 1,
          ...(requires(input) ? { requiresSelfAssessment: true } : {}),
        },
      },
      trx,
    );
    return { ok: true, code: input.code };
  });
}

/** Changes a stage's code, name, kind, weight and cut. */
export async function updateStage(
  actor: Actor,
  competitionId: number,
  code: string,
  input: StageInput,
): Promise<Result<{ code: string }>> {
  return inDraft(competitionId, async (trx, c, stages) => {
    const stage = find(stages, code);
    if (!stage) return refuse("error.404");
    if (stage.closed_at !== null) return refuse("stageSetup.error.closed");
    const clash = find(stages, input.code);
    if (clash && clash.id !== stage.id) return refuse("stageSetup.error.codeTaken", "code");
    if (input.kind === "admin" && stage.kind !== "admin") {
      const usage = await stageUsage(stage.id, trx);
      if (usage.components + usage.assignments + usage.sheets > 0)
        return refuse("stageSetup.error.adminHasCriteria", "kind");
    }
    const after = {
      ...described(input),
      weight: input.kind === "admin" ? 0 : input.weight,
      requiresSelfAssessment: requires(input) === 1,
    };
    await trx
      .updateTable("stages")
      .set({
        code: after.code,
        name: after.name,
        kind: after.kind,
        weight: after.weight,
        advance: after.advance,
        requires_self_assessment: requires(input),
      })
      .where("id", "=", stage.id)
      .execute();
    await recordAudit(
      {
        actor,
        competitionId: c.id,
        entityType: "stage",
        entityId: after.code,
        action: "update",
        before: {
          ...described(stage),
          requiresSelfAssessment: stage.requires_self_assessment === 1,
        },
        after,
      },
      trx,
    );
    return { ok: true, code: after.code };
  });
}

/**
 * Moves a group of positions by `delta` in two steps: the unique (competition, position) key is
 * checked row by row during an UPDATE, so the rows pass through free positions above them.
 */
async function shift(trx: Trx, competitionId: number, ids: number[], delta: number) {
  if (ids.length === 0) return;
  await trx
    .updateTable("stages")
    .set({ position: sql`position + 1000` })
    .where("id", "in", ids)
    .execute();
  await trx
    .updateTable("stages")
    .set({ position: sql`position - 1000 + ${delta}` })
    .where("competition_id", "=", competitionId)
    .where("id", "in", ids)
    .execute();
}

/** Removes a stage that holds nothing (no criteria, assignments, sheets, checks); never the last. */
export async function removeStage(
  actor: Actor,
  competitionId: number,
  code: string,
): Promise<Result<{ code: string }>> {
  return inDraft(competitionId, async (trx, c, stages) => {
    const stage = find(stages, code);
    if (!stage) return refuse("error.404");
    if (stages.length === 1) return refuse("stageSetup.error.lastStage");
    if (stages.some((s) => s.closed_at !== null)) return refuse("stageSetup.error.closed");
    const usage = await stageUsage(stage.id, trx);
    if (usage.components + usage.assignments + usage.sheets + usage.checks > 0)
      return refuse("stageSetup.error.inUse");
    await trx.deleteFrom("stages").where("id", "=", stage.id).execute();
    const later = stages.filter((s) => s.position > stage.position).map((s) => s.id);
    await shift(trx, c.id, later, -1);
    await recordAudit(
      {
        actor,
        competitionId: c.id,
        entityType: "stage",
        entityId: stage.code,
        action: "delete",
        before: { ...described(stage), position: stage.position },
        after: null,
      },
      trx,
    );
    return { ok: true, code: stage.code };
  });
}

/** Swaps a stage with the one before it (`up`) or after it (`down`). */
export async function moveStage(
  actor: Actor,
  competitionId: number,
  code: string,
  direction: "up" | "down",
): Promise<Result<{ code: string }>> {
  return inDraft(competitionId, async (trx, c, stages) => {
    const stage = find(stages, code);
    if (!stage) return refuse("error.404");
    if (stages.some((s) => s.closed_at !== null)) return refuse("stageSetup.error.closed");
    const other = stages.find((s) => s.position === stage.position + (direction === "up" ? -1 : 1));
    if (!other) return refuse("stageSetup.error.cannotMove");
    // through a free position: the unique (competition, position) key is checked row by row
    const park = async (id: number, position: number) =>
      trx.updateTable("stages").set({ position }).where("id", "=", id).execute();
    await park(stage.id, stages.length + 1);
    await park(other.id, stage.position);
    await park(stage.id, other.position);
    await recordAudit(
      {
        actor,
        competitionId: c.id,
        entityType: "stage",
        entityId: stage.code,
        action: "move",
        before: { position: stage.position },
        after: { position: other.position },
      },
      trx,
    );
    return { ok: true, code: stage.code };
  });
}

/** How the stages' scores make the final (docs/scoring.md, "Stages"). */
export async function setCombine(
  actor: Actor,
  competitionId: number,
  combine: CombineMode,
): Promise<Result> {
  return inDraft(competitionId, async (trx, c) => {
    if (c.combine === combine) return { ok: true };
    await trx
      .updateTable("competitions")
      .set({ combine, updated_at: nowIso() })
      .where("id", "=", c.id)
      .execute();
    await recordAudit(
      {
        actor,
        competitionId: c.id,
        entityType: "competition",
        entityId: c.id,
        action: "update",
        before: { combine: c.combine },
        after: { combine },
      },
      trx,
    );
    return { ok: true };
  });
}

/**
 * What the stages themselves stand in the way of opening scoring: the rule across stages
 * (`stageWeightIssue`), and a scored stage after the first without criteria (they can only be
 * written while the competition is a draft).
 */
export async function stageSetupReasons(
  competition: Competition,
  db: Executor = getDb(),
): Promise<StatusReason[]> {
  const stages = await listStages(competition.id, db);
  const reasons: StatusReason[] = [];
  const issue = stageWeightIssue(stages, competition.combine);
  if (issue) reasons.push({ message: issue.message, params: issue.params });
  const withCriteria = new Set(
    (
      await db
        .selectFrom("components")
        .select("stage_id")
        .distinct()
        .where("competition_id", "=", competition.id)
        .execute()
    ).map((r) => r.stage_id),
  );
  for (const s of stages)
    if (s.kind !== "admin" && s.position > competition.current_stage && !withCriteria.has(s.id))
      reasons.push({ message: "stageSetup.rule.noCriteria", params: { stage: s.code } });
  return reasons;
}

/** The stage of a competition by its code (any case), for the criteria editor's `?stage=`. */
export async function findStage(competitionId: number, code: string, db: Executor = getDb()) {
  return db
    .selectFrom("stages")
    .selectAll()
    .where("competition_id", "=", competitionId)
    .where(sameCode("code", code))
    .executeTakeFirst();
}
