import { ADMIN_CHECKLIST } from "./admin-checklist";
import { ACCREDITATION_TEMPLATE } from "./accreditation";
import { PRACTICE_2025_TEMPLATE } from "./practice-2025";
import { PRESENTATION_TEMPLATE } from "./presentation";
import type { CriteriaTemplate, Template } from "./shape";

/**
 * The templates from the sources (shared/domain.md, docs/scoring.md "Templates"): the
 * accreditation instrument (the default), the eight components of 2025 practice, the
 * presentation and the administrative checklist.
 */
export const TEMPLATES: readonly Template[] = [
  ACCREDITATION_TEMPLATE,
  PRACTICE_2025_TEMPLATE,
  PRESENTATION_TEMPLATE,
  ADMIN_CHECKLIST,
];

/** What a new competition's criteria may start from; "none" leaves them empty. */
export const NEW_COMPETITION_TEMPLATES = [
  ACCREDITATION_TEMPLATE.code,
  PRACTICE_2025_TEMPLATE.code,
] as const;
export type NewCompetitionTemplate = (typeof NEW_COMPETITION_TEMPLATES)[number];
export const DEFAULT_TEMPLATE: NewCompetitionTemplate = "accreditation";

/** The criteria templates the criteria editor offers. */
export const EDITOR_TEMPLATES = [
  ACCREDITATION_TEMPLATE.code,
  PRACTICE_2025_TEMPLATE.code,
  PRESENTATION_TEMPLATE.code,
] as const;

export function findCriteriaTemplate(code: string): CriteriaTemplate | undefined {
  const found = TEMPLATES.find((t) => t.code === code);
  return found?.type === "criteria" ? found : undefined;
}

export { ACCREDITATION_TEMPLATE, ADMIN_CHECKLIST, PRACTICE_2025_TEMPLATE, PRESENTATION_TEMPLATE };
export * from "./shape";
