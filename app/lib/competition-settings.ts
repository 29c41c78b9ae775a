import { z } from "zod";
import { AGGREGATIONS, COMPETITION_LEVELS, RANKING_SCOPES } from "../../db/schema";
import { slugField } from "./competition-file";
import { optionalText, requiredText } from "./forms";

/** A whole number typed into a form field. */
export const intField = (min: number, max: number) =>
  z
    .string({ error: "error.required" })
    .trim()
    .min(1, { error: "error.required" })
    .regex(/^-?\d+$/, { error: "setup.error.integer" })
    .transform(Number)
    .pipe(z.number().min(min, { error: "error.invalid" }).max(max, { error: "error.invalid" }));

/** The settings form shared by "new competition" and "settings". */
export const SettingsSchema = z.object({
  name: requiredText(200),
  year: intField(1990, 2200),
  level: z.enum(COMPETITION_LEVELS, { error: "error.invalid" }),
  region: optionalText(200),
  aggregation: z.enum(AGGREGATIONS, { error: "error.invalid" }),
  prizeWinners: intField(0, 10),
  prizeHonourable: intField(0, 10),
  rankingScope: z.enum(RANKING_SCOPES, { error: "error.invalid" }),
});

export const NewCompetitionSchema = SettingsSchema.extend({
  slug: slugField(),
  template: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

export const DuplicateSchema = z.object({
  slug: slugField(),
  name: requiredText(200),
  year: intField(1990, 2200),
});
