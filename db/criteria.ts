import type { TemplateComponent } from "../app/lib/criteria-template";
import type { Executor } from "./schema";

/**
 * Writing a criteria tree is plain table work shared by the app (new competitions, duplicates,
 * competition files, the criteria editor) and the demo seed, so it sits below both.
 */

/**
 * Writes a competition's components, indicators and rubric levels, in order; in the stage given,
 * or else the competition's current stage (a trigger, migration 0010).
 */
export async function insertCriteria(
  competitionId: number,
  components: readonly TemplateComponent[],
  db: Executor,
  stageId?: number,
): Promise<void> {
  for (const [cIndex, component] of components.entries()) {
    const { id: componentId } = await db
      .insertInto("components")
      .values({
        competition_id: competitionId,
        ...(stageId === undefined ? {} : { stage_id: stageId }),
        code: component.code,
        name: component.name,
        weight: component.weight,
        position: cIndex + 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [iIndex, ind] of component.indicators.entries()) {
      const { id: indicatorId } = await db
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
        await db
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
