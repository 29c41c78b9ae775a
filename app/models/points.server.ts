import { sql } from "kysely";
import type { Aggregation, Executor, PointsDisplay } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import type { PointsInput } from "~/lib/competition-settings.server";
import { getDb } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/forms";
import { weightedPointsX100, type PointsSetting } from "~/lib/points";
import { nowIso } from "~/lib/time";
import { add, fraction, roundX100, type Fraction } from "~/lib/scoring";
import { activeEntry, notSetAside } from "./query.server";
import type { Ranking } from "./ranking.server";

/** Totals shown as points beside the 0–100 score (docs/scoring.md, "Points"): the queries. */

export function pointsSettingOf(c: {
  points_display: PointsDisplay;
  points_factor: number;
}): PointsSetting {
  return { display: c.points_display, factor: c.points_factor };
}

/** The points setting of a competition by its slug (null: no such competition). */
export async function pointsSettingBySlug(
  slug: string,
  db: Executor = getDb(),
): Promise<PointsSetting | null> {
  const c = await db
    .selectFrom("competitions")
    .select(["points_display", "points_factor"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  return c ? pointsSettingOf(c) : null;
}

/** The aggregation of one stage's judges' plain sums, as an exact fraction (docs/scoring.md). */
export function aggregateSums(method: Aggregation, sums: readonly number[]): Fraction | null {
  const k = sums.length;
  if (k === 0) return null;
  const total = sums.reduce((a, b) => a + b, 0);
  if (method === "mean" || (method === "trimmed-mean" && k < 3)) return fraction(total, k);
  const sorted = [...sums].sort((a, b) => a - b);
  if (method === "median")
    return k % 2 === 1
      ? fraction(sorted[(k - 1) / 2]!)
      : fraction(sorted[k / 2 - 1]! + sorted[k / 2]!, 2);
  return fraction(total - sorted[0]! - sorted[k - 1]!, k - 2);
}

/**
 * Plain-sum points × 100 of every ranked entry: for each stage whose score counts in the entry's
 * final (with `combine = weighted` every scored stage up to the one it reached, with `last` only
 * that one), the judges' sums of raw indicator scores on their counting sheets, aggregated by the
 * competition's method; the stages' values added exactly and rounded once, half away from zero.
 * The same sheets as the ranking (submitted, active entry, not set aside), read from the same
 * integers (`sheet_points`). Entries without a final get none.
 */
export async function sumPointsX100(
  competitionId: number,
  ranking: Ranking,
  db: Executor = getDb(),
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("sheet_points as p")
    .innerJoin("score_sheets as s", "s.id", "p.sheet_id")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .innerJoin("stages as st", "st.id", "s.stage_id")
    .select([
      "s.entry_id as entryId",
      "st.position as position",
      sql<number>`sum(p.points)`.as("sum"),
    ])
    .where("e.competition_id", "=", competitionId)
    .where("p.submitted", "=", 1)
    .where(activeEntry("e"))
    .where(notSetAside("s.id"))
    // every selected column named: PostgreSQL refuses columns it cannot see are one per group
    .groupBy(["s.id", "s.entry_id", "st.position"])
    .execute();
  const byEntry = new Map<number, Map<number, number[]>>();
  for (const r of rows) {
    const stages = byEntry.get(r.entryId) ?? new Map<number, number[]>();
    const sums = stages.get(r.position) ?? [];
    sums.push(Number(r.sum));
    stages.set(r.position, sums);
    byEntry.set(r.entryId, stages);
  }
  const positionOf = new Map(ranking.stages.map((s) => [s.code, s.position]));
  const points = new Map<number, number>();
  for (const entry of ranking.entries) {
    if (entry.finalX100 === null) continue;
    const reached = positionOf.get(entry.stageReached) ?? ranking.currentStage;
    let total: Fraction | null = null;
    for (const [position, sums] of byEntry.get(entry.entryId) ?? []) {
      const counts = ranking.combine === "last" ? position === reached : position <= reached;
      const value = counts ? aggregateSums(ranking.method, sums) : null;
      if (value) total = total ? add(total, value) : value;
    }
    if (total) points.set(entry.entryId, roundX100(total));
  }
  return points;
}

/**
 * The points × 100 to show beside each entry's score under `setting`, by entry id (empty when
 * the competition shows none).
 */
export async function pointsOfRanking(
  competitionId: number,
  setting: PointsSetting,
  ranking: Ranking | null,
  db: Executor = getDb(),
): Promise<Map<number, number>> {
  if (!ranking || setting.display === "none") return new Map();
  if (setting.display === "sum") return sumPointsX100(competitionId, ranking, db);
  const points = new Map<number, number>();
  for (const e of ranking.entries)
    if (e.finalX100 !== null)
      points.set(e.entryId, weightedPointsX100(e.finalX100, setting.factor));
  return points;
}

/** Changes how the competition shows points; audited with what it was. */
export async function updatePointsSetting(
  actor: Actor,
  competitionId: number,
  input: PointsInput,
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom("competitions")
        .select(["points_display", "points_factor"])
        .where("id", "=", competitionId)
        .executeTakeFirst();
      if (!before) return refuse("error.404");
      await trx
        .updateTable("competitions")
        .set({
          points_display: input.pointsDisplay,
          points_factor: input.pointsFactor,
          updated_at: nowIso(),
        })
        .where("id", "=", competitionId)
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "competition",
          entityId: competitionId,
          action: "update",
          before: { pointsDisplay: before.points_display, pointsFactor: before.points_factor },
          after: input,
        },
        trx,
      );
      return { ok: true };
    });
}
