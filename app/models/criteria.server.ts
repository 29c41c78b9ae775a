import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { validateCriteria, type CriteriaIssue } from "~/lib/criteria";
import type { TemplateComponent } from "~/lib/criteria-template";
import { getDb } from "~/lib/db.server";

/** Writes a competition's components, indicators and rubric levels, in order. */
export async function insertCriteria(
  trx: Transaction<Database>,
  competitionId: number,
  components: readonly TemplateComponent[],
): Promise<void> {
  for (const [cIndex, component] of components.entries()) {
    const { id: componentId } = await trx
      .insertInto("components")
      .values({
        competition_id: competitionId,
        code: component.code,
        name: component.name,
        weight: component.weight,
        position: cIndex + 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [iIndex, ind] of component.indicators.entries()) {
      const { id: indicatorId } = await trx
        .insertInto("indicators")
        .values({
          competition_id: competitionId,
          component_id: componentId,
          code: ind.code,
          name: ind.name,
          description: ind.description,
          min_score: ind.min,
          max_score: ind.max,
          position: iIndex + 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const levels = Object.entries(ind.rubric).filter(([, text]) => text.trim() !== "");
      if (levels.length > 0) {
        await trx
          .insertInto("rubric_levels")
          .values(
            levels.map(([level, description]) => ({
              indicator_id: indicatorId,
              level: Number(level),
              description,
            })),
          )
          .execute();
      }
    }
  }
}

/** A competition's criteria in the template's shape, in order. */
export async function getCriteriaIn(
  db: Transaction<Database> | Kysely<Database>,
  competitionId: number,
): Promise<TemplateComponent[]> {
  const components = await db
    .selectFrom("components")
    .select(["id", "code", "name", "weight"])
    .where("competition_id", "=", competitionId)
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

export async function getCriteria(competitionId: number): Promise<TemplateComponent[]> {
  return getCriteriaIn(getDb(), competitionId);
}

export type SaveCriteriaResult =
  | { ok: true }
  | { ok: false; issues: CriteriaIssue[] }
  | { ok: false; error: "setup.error.criteriaFrozen" };

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
      if (competition.status !== "draft")
        return { ok: false, error: "setup.error.criteriaFrozen" } as const;
      const before = await getCriteriaIn(trx, competitionId);
      await trx.deleteFrom("components").where("competition_id", "=", competitionId).execute();
      await insertCriteria(trx, competitionId, result.components);
      await recordAudit(trx, {
        actor,
        competitionId,
        entityType: "criteria",
        entityId: competitionId,
        action: "update",
        before,
        after: result.components,
      });
      return { ok: true } as const;
    });
}
