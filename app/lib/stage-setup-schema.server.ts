import { z } from "zod";
import { COMBINE_MODES, STAGE_KINDS } from "../../db/schema";
import { requiredText } from "./forms";
import { MAX_ADVANCE, wholeNumber } from "./stage-setup";

/** The stage form's schema: the server's parsing of the stages page (stage-setup.ts has the rest). */
export const StageFormSchema = z
  .object({
    code: requiredText(20).refine((s) => /^[A-Za-z0-9._-]+$/.test(s), {
      error: "stageSetup.error.code",
    }),
    name: requiredText(200),
    kind: z.enum(STAGE_KINDS, { error: "stageSetup.error.kind" }),
    weight: z
      .string({ error: "stageSetup.error.weight" })
      .trim()
      .refine((s) => wholeNumber(s) && Number(s) <= 100, { error: "stageSetup.error.weight" })
      .transform(Number),
    // empty: every entry goes on
    advance: z
      .string({ error: "stageSetup.error.advance" })
      .trim()
      .optional()
      .transform((s) => s ?? "")
      .refine((s) => s === "" || (wholeNumber(s) && Number(s) >= 1 && Number(s) <= MAX_ADVANCE), {
        error: "stageSetup.error.advance",
      })
      .transform((s) => (s === "" ? null : Number(s))),
    // a desk stage may require a submitted self-assessment (a checkbox: "on" or absent)
    requiresSelfAssessment: z
      .enum(["on"], { error: "error.invalid" })
      .optional()
      .transform((v) => v === "on"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "admin" && v.weight !== 0)
      ctx.addIssue({ code: "custom", path: ["weight"], message: "stageSetup.error.adminWeight" });
  });

export type StageInput = z.output<typeof StageFormSchema>;

export const CombineSchema = z.object({
  combine: z.enum(COMBINE_MODES, { error: "error.invalid" }),
});
