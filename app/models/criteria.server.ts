import { sql } from "kysely";
import { insertCriteria } from "../../db/criteria";
import type { Executor } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import type { CriteriaIssue } from "~/lib/criteria";
import { validateCriteria } from "~/lib/criteria-schema.server";
import type { TemplateComponent } from "~/lib/criteria-template";
import { getDb } from "~/lib/db.server";
import { refuse, type Refusal } from "~/lib/forms";
import type { Claim } from "~/lib/self-assessment";
import { currentStage } from "./query.server";
import { stageClaims, writeStageClaims } from "./self-assessment.server";

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
 * The codes of `components` (and their indicators) already used by another stage of the
 * competition: codes are unique in the whole competition (docs/decisions/010-stages.md), so the
 * clash is told next to the field instead of failing on the unique key.
 */
async function codesElsewhere(
  competitionId: number,
  stageId: number | ReturnType<typeof currentStage>,
  components: readonly TemplateComponent[],
  db: Executor,
): Promise<CriteriaIssue[]> {
  const others = await db
    .selectFrom("components as c")
    .innerJoin("stages as s", "s.id", "c.stage_id")
    .leftJoin("indicators as i", "i.component_id", "c.id")
    .select(["c.code as component", "i.code as indicator", "s.code as stage"])
    .where("c.competition_id", "=", competitionId)
    .where("c.stage_id", "!=", stageId)
    .execute();
  if (others.length === 0) return [];
  const stageOfComponent = new Map(others.map((o) => [o.component.toLowerCase(), o.stage]));
  const indicators = new Map(
    others.flatMap((o) => (o.indicator ? [[o.indicator.toLowerCase(), o.stage] as const] : [])),
  );
  const issues: CriteriaIssue[] = [];
  components.forEach((c, ci) => {
    const stage = stageOfComponent.get(c.code.toLowerCase());
    if (stage)
      issues.push({
        path: [ci, "code"],
        message: "stageSetup.criteria.codeElsewhere",
        params: { code: c.code, stage },
      });
    c.indicators.forEach((ind, ii) => {
      const at = indicators.get(ind.code.toLowerCase());
      if (at)
        issues.push({
          path: [ci, "indicators", ii, "code"],
          message: "stageSetup.criteria.codeElsewhere",
          params: { code: ind.code, stage: at },
        });
    });
  });
  return issues;
}

/**
 * Replaces the criteria of a competition's stage (by default the one open for scoring) as a
 * whole, after validation. Only while draft: once scoring starts the criteria are frozen
 * (reopening to draft is allowed only before any score exists). `claims`: the reported values
 * asked per indicator code (the criteria editor sends them); without, the stage's claims stay on
 * the indicators that keep their code.
 */
export async function saveCriteria(
  actor: Actor,
  competitionId: number,
  input: unknown,
  stageId?: number,
  claims?: Record<string, Claim | null>,
): Promise<SaveCriteriaResult> {
  const result = validateCriteria(input);
  if (!result.ok) return result;
  const stage = stageId ?? currentStage(competitionId);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const competition = await trx
        .selectFrom("competitions")
        .select("status")
        .where("id", "=", competitionId)
        .executeTakeFirstOrThrow();
      if (competition.status !== "draft") return refuse("setup.error.criteriaFrozen");
      const clashes = await codesElsewhere(competitionId, stage, result.components, trx);
      if (clashes.length > 0) return { ok: false, issues: clashes } as const;
      const before = await getStageCriteria(competitionId, stage, trx);
      const { id: sid } = await trx
        .selectFrom("stages as s")
        .innerJoin("competitions as c", "c.id", "s.competition_id")
        .select("s.id")
        .where("c.id", "=", competitionId)
        .where(
          stageId === undefined
            ? sql<boolean>`s.position = c.current_stage`
            : sql<boolean>`s.id = ${stageId}`,
        )
        .executeTakeFirstOrThrow();
      const claimsBefore = await stageClaims(competitionId, sid, trx);
      // without a stage, the one open for scoring (the new components take it: a trigger, 0010)
      await trx
        .deleteFrom("components")
        .where("competition_id", "=", competitionId)
        .where("stage_id", "=", stage)
        .execute();
      await insertCriteria(competitionId, result.components, trx, stageId);
      // the claims follow their indicators' codes (the delete above took them with it)
      await writeStageClaims(
        claims ? actor : null,
        competitionId,
        sid,
        claims ?? claimsBefore,
        trx,
        claimsBefore,
      );
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
