import { z } from "zod";
import { AGGREGATIONS, COMPETITION_LEVELS, POINTS_DISPLAYS, RANKING_SCOPES } from "../../db/schema";
import { slugField } from "./competition-file";
import { optionalText, requiredText } from "./forms";
import { SETTINGS_LIMITS } from "./settings-limits";
import {
  DEFAULT_TEMPLATE,
  NEW_COMPETITION_TEMPLATES,
  type NewCompetitionTemplate,
} from "./templates";

/**
 * A whole number typed into a form field; `outOfRange` is the catalog key that states the range
 * next to the field (e.g. "tahun 1990–2200").
 */
export const intField = (min: number, max: number, outOfRange = "error.invalid") =>
  z
    .string({ error: "error.required" })
    .trim()
    .min(1, { error: "error.required" })
    .regex(/^-?\d+$/, { error: "setup.error.integer" })
    .transform(Number)
    .pipe(z.number().min(min, { error: outOfRange }).max(max, { error: outOfRange }));

const yearField = () =>
  intField(SETTINGS_LIMITS.year.min, SETTINGS_LIMITS.year.max, "setup.error.yearRange");

/** The settings form shared by "new competition" and "settings". */
export const SettingsSchema = z.object({
  name: requiredText(200),
  year: yearField(),
  level: z.enum(COMPETITION_LEVELS, { error: "error.invalid" }),
  region: optionalText(200),
  aggregation: z.enum(AGGREGATIONS, { error: "error.invalid" }),
  prizeWinners: intField(
    SETTINGS_LIMITS.prizeWinners.min,
    SETTINGS_LIMITS.prizeWinners.max,
    "setup.error.prizeWinnersRange",
  ),
  prizeHonourable: intField(
    SETTINGS_LIMITS.prizeHonourable.min,
    SETTINGS_LIMITS.prizeHonourable.max,
    "setup.error.prizeHonourableRange",
  ),
  rankingScope: z.enum(RANKING_SCOPES, { error: "error.invalid" }),
});

export const NewCompetitionSchema = SettingsSchema.extend({
  slug: slugField(),
  /**
   * Where the criteria start: "none", or a template's code. The old checkbox's "on" still means
   * the default template, and a form without the field (the unchecked checkbox) means none.
   */
  template: z
    .enum(["none", "on", ...NEW_COMPETITION_TEMPLATES], { error: "error.invalid" })
    .optional()
    .transform((v): NewCompetitionTemplate | "none" =>
      v === undefined ? "none" : v === "on" ? DEFAULT_TEMPLATE : v,
    ),
});

export const DuplicateSchema = z.object({
  slug: slugField(),
  name: requiredText(200),
  year: yearField(),
});

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (v: string) => {
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
};

/**
 * What the certificates and the Berita Acara print besides the results: the decision's date,
 * place and number, and the two signers. Editable whatever the competition's status: the
 * documents are printed after the results are published.
 */
export const DocumentDetailsSchema = z.object({
  decisionDate: z
    .string({ error: "error.invalid" })
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || (isoDate.test(v) && realDate(v)), { error: "error.invalid" })
    .transform((v) => (v === "" ? null : v)),
  decisionPlace: optionalText(100),
  documentNumber: optionalText(100),
  chairSignerName: optionalText(200),
  chairSignerTitle: optionalText(200),
  headSignerName: optionalText(200),
  headSignerTitle: optionalText(200),
});

export type DocumentDetails = z.output<typeof DocumentDetailsSchema>;

/**
 * Whether the library's feedback page names the judges beside their coaching notes: the
 * checkbox `namesJudges` (sent as "on" when ticked, left out when not).
 */
export const FeedbackSettingSchema = z.object({
  namesJudges: z
    .literal("on", { error: "error.invalid" })
    .optional()
    .transform((v) => v === "on"),
});

/**
 * How totals are announced beside the 0–100 score (docs/scoring.md, "Points"). A display option:
 * editable whatever the competition's status, it never changes the order.
 */
export const PointsSchema = z.object({
  pointsDisplay: z.enum(POINTS_DISPLAYS, { error: "error.invalid" }),
  pointsFactor: intField(1, 1000),
});

export type PointsInput = z.output<typeof PointsSchema>;
