import type { PointsDisplay } from "../../db/schema";

/**
 * Totals shown as points beside the 0–100 score (docs/scoring.md, "Points"). Display only: the
 * ranking, its order and its ties never read them. Shared with the browser: no server imports.
 */
export interface PointsSetting {
  display: PointsDisplay;
  /** `weighted`: points = final × factor */
  factor: number;
}

/**
 * `weighted` points × 100 from a final × 100: final × factor, exact (an integer times an
 * integer, nothing to round).
 */
export function weightedPointsX100(finalX100: number, factor: number): number {
  return finalX100 * factor;
}

/**
 * The points × 100 a published result shows under `setting`: `weighted` from the frozen final,
 * `sum` the plain-sum points frozen with it (null for publications made before points existed).
 */
export function publishedPointsX100(
  setting: PointsSetting,
  result: { finalScoreX100: number; pointsSumX100: number | null },
): number | null {
  if (setting.display === "weighted")
    return weightedPointsX100(result.finalScoreX100, setting.factor);
  if (setting.display === "sum") return result.pointsSumX100;
  return null;
}
