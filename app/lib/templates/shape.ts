import type { MessageKey } from "~/i18n";
import type { TemplateComponent } from "../criteria-template";
import type { DraftComponent } from "../criteria";
import type { StageKind } from "../../../db/schema";

/**
 * The shape of a criteria template from the sources (shared/domain.md): plain data, safe for the
 * browser. A template is copied into a competition as ordinary criteria; from then on it is the
 * competition's own data, which the chair may change.
 */

/** The stages a template suits: the kinds a stage may have (one list, in db/schema.ts). */
export type TemplateStageKind = StageKind;

/**
 * Where a rubric level comes from: `standard` when its lower bound is a minimum of the national
 * standard (Perka Perpusnas No. 6 Tahun 2017), `committee` when the band is the committee's own
 * choice (the bands between and around the anchors). Levels that describe a quality in words,
 * with no band and no minimum behind them, have no basis.
 */
export type LevelBasis = "standard" | "committee";

/** The notes a level's text carries once copied into criteria, so the editor and sheet show it. */
export const BASIS_NOTE: Record<LevelBasis, string> = {
  standard: "batas minimum Standar Nasional Perpustakaan Desa/Kelurahan",
  committee: "pita antara: ketetapan panitia",
};

export interface TemplateLevel {
  level: number;
  text: string;
  basis?: LevelBasis;
}

/**
 * A quantity measured in one unit and cut into five levels: level 1 is below `cuts[0]`, level
 * k (2–5) starts at `cuts[k-2]` and stops before the next cut, level 5 has no upper bound. Each
 * band is half-open, so every value fits exactly one level, the cut values included.
 */
export interface Measure {
  /** what is counted or measured, e.g. "judul", "m²", "jam per hari" */
  unit: string;
  /** counted things (whole numbers): bands print as "1.000–1.499"; otherwise "56 sampai kurang dari 75" */
  integer: boolean;
  cuts: readonly [number, number, number, number];
  /** the level whose lower bound is the standard's minimum; absent when no minimum applies */
  anchorLevel?: 2 | 3 | 4 | 5;
}

export interface TemplateIndicatorData {
  code: string;
  name: string;
  description: string;
  min: 1;
  max: 5;
  levels: TemplateLevel[];
  measure?: Measure;
}

export interface TemplateComponentData {
  code: string;
  name: string;
  /** null: the template gives no weight, the chair enters that year's */
  weight: number | null;
  indicators: TemplateIndicatorData[];
}

export interface CriteriaTemplate {
  type: "criteria";
  code: string;
  nameKey: MessageKey;
  descriptionKey: MessageKey;
  stageKinds: readonly TemplateStageKind[];
  components: TemplateComponentData[];
}

export interface ChecklistItem {
  code: string;
  name: string;
  description: string;
}

/** A pass/fail checklist (the administrative check): no scores, no weights. */
export interface ChecklistTemplate {
  type: "checklist";
  code: string;
  nameKey: MessageKey;
  descriptionKey: MessageKey;
  stageKinds: readonly TemplateStageKind[];
  items: ChecklistItem[];
}

export type Template = CriteriaTemplate | ChecklistTemplate;

// ---- bands -------------------------------------------------------------------------------------

export interface Band {
  level: number;
  /** inclusive */
  from: number;
  /** exclusive; null for the top level */
  below: number | null;
}

export function bandsOf(measure: Measure): Band[] {
  const [c2, c3, c4, c5] = measure.cuts;
  return [
    { level: 1, from: 0, below: c2 },
    { level: 2, from: c2, below: c3 },
    { level: 3, from: c3, below: c4 },
    { level: 4, from: c4, below: c5 },
    { level: 5, from: c5, below: null },
  ];
}

/** The levels whose band holds `value` (exactly one for a well-formed measure and value ≥ 0). */
export function levelsFor(measure: Measure, value: number): number[] {
  return bandsOf(measure)
    .filter((b) => value >= b.from && (b.below === null || value < b.below))
    .map((b) => b.level);
}

/** 1000 → "1.000", 7.5 → "7,5": numbers as an Indonesian reader writes them. */
export function formatNumber(n: number): string {
  const [whole, fraction] = String(n).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return fraction ? `${grouped},${fraction}` : grouped;
}

function bandText(measure: Measure, band: Band): string {
  const u = measure.unit;
  const f = formatNumber;
  if (band.below === null) return `${f(band.from)} ${u} atau lebih`;
  if (band.from === 0) return band.below === 1 ? "Tidak ada" : `Kurang dari ${f(band.below)} ${u}`;
  if (measure.integer)
    return band.below - 1 === band.from
      ? `${f(band.from)} ${u}`
      : `${f(band.from)}–${f(band.below - 1)} ${u}`;
  return `${f(band.from)} ${u} sampai kurang dari ${f(band.below)} ${u}`;
}

/** Five levels from a measure: the anchor level from the standard, every other band the committee's. */
export function measuredLevels(measure: Measure): TemplateLevel[] {
  return bandsOf(measure).map((band) => ({
    level: band.level,
    text: bandText(measure, band),
    basis: band.level === measure.anchorLevel ? "standard" : "committee",
  }));
}

// ---- into criteria -----------------------------------------------------------------------------

/** A level's text as the criteria store it: with its basis in words, so the sheet shows it too. */
export function levelText(level: TemplateLevel): string {
  return level.basis ? `${level.text} (${BASIS_NOTE[level.basis]})` : level.text;
}

function rubricOf(ind: TemplateIndicatorData): Record<string, string> {
  return Object.fromEntries(ind.levels.map((l) => [String(l.level), levelText(l)]));
}

export function hasWeights(t: CriteriaTemplate): boolean {
  return t.components.every((c) => c.weight !== null);
}

/**
 * The template as criteria ready to store, or null when it has no weights: those the chair must
 * enter first (weights are required and total 100), through the criteria editor.
 */
export function templateCriteria(t: CriteriaTemplate): TemplateComponent[] | null {
  if (!hasWeights(t)) return null;
  return t.components.map((c) => ({
    code: c.code,
    name: c.name,
    weight: c.weight!,
    indicators: c.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      description: i.description,
      min: i.min,
      max: i.max,
      rubric: rubricOf(i),
    })),
  }));
}

/** The template as the criteria editor's draft: a missing weight is an empty field. */
export function templateDraft(t: CriteriaTemplate): DraftComponent[] {
  return t.components.map((c) => ({
    code: c.code,
    name: c.name,
    weight: c.weight === null ? "" : String(c.weight),
    indicators: c.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      description: i.description,
      min: String(i.min),
      max: String(i.max),
      rubric: rubricOf(i),
    })),
  }));
}

// ---- builders the template files share ---------------------------------------------------------

/** An indicator described in words, five levels from worst to best. */
export function described(
  code: string,
  name: string,
  description: string,
  texts: readonly [string, string, string, string, string],
  /** the level that is the standard's minimum, when the standard sets one in words */
  anchorLevel?: number,
): TemplateIndicatorData {
  return {
    code,
    name,
    description,
    min: 1,
    max: 5,
    levels: texts.map((text, k) => {
      const level = k + 1;
      if (anchorLevel === undefined) return { level, text };
      return { level, text, basis: level === anchorLevel ? "standard" : "committee" };
    }),
  };
}

/** An indicator on a measured quantity, its five levels printed from the bands. */
export function measured(
  code: string,
  name: string,
  description: string,
  measure: Measure,
): TemplateIndicatorData {
  return { code, name, description, min: 1, max: 5, levels: measuredLevels(measure), measure };
}
