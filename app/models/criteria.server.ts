import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { TemplateComponent } from "~/lib/criteria-template";

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
          .values(levels.map(([level, description]) => ({ indicator_id: indicatorId, level: Number(level), description })))
          .execute();
      }
    }
  }
}
