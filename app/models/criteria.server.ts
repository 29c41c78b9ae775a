import { insertCriteria } from "../../db/criteria";
import type { Executor } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { validateCriteria, type CriteriaIssue } from "~/lib/criteria";
import type { TemplateComponent } from "~/lib/criteria-template";
import { getDb } from "~/lib/db.server";
import { refuse, type Refusal } from "~/lib/forms";
import { currentStage } from "./query.server";

/** A competition's criteria in the template's shape, in order. */
export async function getCriteria(
  competitionId: number,
  db: Executor = getDb(),
): Promise<TemplateComponent[]> {
  return getStageCriteria(competitionId, currentStage(competitionId), db);
}

/** The criteria of one stage of the competition (a stage id, or an SQL expression giving one). */
export async function getStageCriteria(
  competitionId: number,
  stageId: number | ReturnType<typeof currentStage>,
  db: Executor = getDb(),
): Promise<TemplateComponent[]> {
  const components = await db
    .selectFrom("components")
    .select(["id", "code", "name", "weight"])
    .where("competition_id", "=", competitionId)
    .where("stage_id", "=", stageId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const indicators = await db
    .selectFrom("indicators")
    .select(["id", "component_id", "code", "name", "description", "min_score", "max_score"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const rubric = await db
    .selectFrom("rubric_levels as r")
    .innerJoin("indicators as i", "i.id", "r.indicator_id")
    .select(["r.indicator_id", "r.level", "r.description"])
    .where("i.competition_id", "=", competitionId)
    .orderBy("r.level")
    .execute();
  return components.map((c) => ({
    code: c.code,
    name: c.name,
    weight: c.weight,
    indicators: indicators
      .filter((i) => i.component_id === c.id)
      .map((i) => ({
        code: i.code,
        name: i.name,
        description: i.description,
        min: i.min_score,
        max: i.max_score,
        rubric: Object.fromEntries(
          rubric
            .filter((r) => r.indicator_id === i.id)
            .map((r) => [String(r.level), r.description]),
        ),
      })),
  }));
}

export type SaveCriteriaResult = { ok: true } | { ok: false; issues: CriteriaIssue[] } | Refusal;

/**
 * Replaces a competition's criteria as a whole, after validation. Only while draft: once scoring
 * starts the criteria are frozen (reopening to draft is allowed only before any score exists).
 */
export async function saveCriteria(
  actor: Actor,
  competitionId: number,
  input: unknown,
): Promise<SaveCriteriaResult> {
  const result = validateCriteria(input);
  if (!result.ok) return result;
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const competition = await trx
        .selectFrom("competitions")
        .select("status")
        .where("id", "=", competitionId)
        .executeTakeFirstOrThrow();
      if (competition.status !== "draft") return refuse("setup.error.criteriaFrozen");
      const before = await getCriteria(competitionId, trx);
      // the stage open for scoring (the new components take it too: a trigger, migration 0010)
      await trx
        .deleteFrom("components")
        .where("competition_id", "=", competitionId)
        .where("stage_id", "=", currentStage(competitionId))
        .execute();
      await insertCriteria(competitionId, result.components, trx);
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "criteria",
          entityId: competitionId,
          action: "update",
          before,
          after: result.components,
        },
        trx,
      );
      return { ok: true } as const;
    });
}
