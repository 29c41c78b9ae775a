import type { CombineMode, StageKind } from "../../db/schema";

/**
 * The chair's stage form (the stages page, while the competition is a draft): the rule across
 * stages (`stageWeightIssue`) serves the live total in the browser, the page's answer and the
 * guard of the move to scoring (docs/scoring.md "Stages"). The form's schema, for the server's
 * parsing only, is in stage-setup-schema.server.ts.
 */

/** The most entries a stage may pass on (as in a competition file). */
export const MAX_ADVANCE = 5000;

/** Digits only, at most six: a weight or a number of entries as typed. */
export const wholeNumber = (text: string) => /^\d{1,6}$/.test(text);

/** What the rule across stages needs of each stage. */
export interface StageWeight {
  kind: StageKind;
  weight: number | null;
}

/** The catalog keys of the rule across stages. */
export type StageRuleKey =
  | "stageSetup.rule.noScored"
  | "stageSetup.rule.notWhole"
  | "stageSetup.rule.zeroWeight"
  | "stageSetup.rule.total";

/**
 * What breaks the rule across stages, or null: at least one scored (not admin) stage; when the
 * stages combine by weight and more than one is scored, each scored stage weighs 1–100 and their
 * weights total 100 (as a competition file's stages must). `weight` null: not a whole number yet
 * (the live total while typing).
 */
export function stageWeightIssue(
  stages: readonly StageWeight[],
  combine: CombineMode,
): { message: StageRuleKey; params?: Record<string, number> } | null {
  const scored = stages.filter((s) => s.kind !== "admin");
  if (scored.length === 0) return { message: "stageSetup.rule.noScored" };
  if (combine !== "weighted" || scored.length < 2) return null;
  if (scored.some((s) => s.weight === null)) return { message: "stageSetup.rule.notWhole" };
  if (scored.some((s) => (s.weight ?? 0) < 1)) return { message: "stageSetup.rule.zeroWeight" };
  const total = scored.reduce((sum, s) => sum + (s.weight ?? 0), 0);
  return total === 100 ? null : { message: "stageSetup.rule.total", params: { total } };
}

/** The weights of the scored stages added up (null while one is not a whole number). */
export function scoredWeightTotal(stages: readonly StageWeight[]): number | null {
  let total = 0;
  for (const s of stages) {
    if (s.kind === "admin") continue;
    if (s.weight === null) return null;
    total += s.weight;
  }
  return total;
}

/** A weight as typed: a whole number 0–100, or null. */
export function typedWeight(text: string): number | null {
  const s = text.trim();
  return wholeNumber(s) && Number(s) <= 100 ? Number(s) : null;
}
