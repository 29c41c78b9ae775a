import { z } from "zod";
import type { ClaimKind } from "../../db/schema";
import { optionalText } from "./forms";
import {
  MAX_CLAIM_TEXT,
  parseDecimal,
  SELF_ASSESSMENT_INTENTS,
  valueField,
  type FormClaim,
} from "./self-assessment";
import { noControlCharacters } from "./text";

/**
 * The self-assessment's forms as the server parses them: the library's form and the window in
 * the competition's settings (self-assessment.ts has what the browser shares).
 */

const MAX_MEMBERS = 10_000_000;

/** A reported value as typed, checked for its kind: "" when left empty. */
function valueSchema(kind: ClaimKind) {
  const typed = z.string({ error: "error.invalid" }).optional();
  if (kind === "number")
    return typed
      .transform((v) => (v ?? "").trim())
      .refine((v) => v === "" || parseDecimal(v) !== null, {
        error: "selfAssessment.error.number",
      })
      .transform((v) => (v === "" ? "" : parseDecimal(v)!));
  if (kind === "yesno")
    return typed
      .transform((v) => (v ?? "").trim())
      .refine((v) => v === "" || v === "yes" || v === "no", { error: "error.invalid" });
  return optionalText(MAX_CLAIM_TEXT);
}

/**
 * The library's form for these claims: `value.<code>` per claim, the profile, `version` and
 * `intent`. A draft may leave values empty; which ones a submit still needs is `missingValues`.
 */
export function selfAssessmentSchema(claims: readonly Pick<FormClaim, "code" | "kind">[]) {
  const values: Record<string, z.ZodType<string>> = {};
  for (const c of claims) values[valueField(c.code)] = valueSchema(c.kind);
  return z.object({
    ...values,
    intent: z.enum(SELF_ASSESSMENT_INTENTS, { error: "error.invalid" }),
    version: z
      .string({ error: "error.required" })
      .trim()
      .regex(/^\d{1,9}$/, { error: "error.invalid" })
      .transform(Number),
    headName: profileText(120),
    openingHours: profileText(200),
    members: z
      .string({ error: "error.invalid" })
      .trim()
      .refine(
        (v) => {
          if (v === "") return true;
          const n = parseDecimal(v);
          return n !== null && /^\d+$/.test(n) && Number(n) <= MAX_MEMBERS;
        },
        { error: "selfAssessment.error.wholeNumber" },
      )
      .transform((v) => (v === "" ? null : Number(parseDecimal(v))))
      .optional(),
  });
}

/** A profile field: absent (a form without it, a script) leaves the profile as it was. */
const profileText = (max: number) =>
  z
    .string({ error: "error.invalid" })
    .trim()
    .max(max, { error: "error.tooLong" })
    .refine(noControlCharacters, { error: "error.controlCharacters" })
    .optional();

const isoDate = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
};

const dateField = () =>
  z
    .string({ error: "error.invalid" })
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || isoDate(v), { error: "selfAssessment.error.date" });

/**
 * The settings' window: both dates, or neither (no self-assessment); the last day on or after
 * the first.
 */
export const WindowSchema = z
  .object({ intent: z.literal("self-assessment"), opens: dateField(), closes: dateField() })
  .superRefine((v, ctx) => {
    if (v.opens === "" && v.closes !== "")
      ctx.addIssue({ code: "custom", path: ["opens"], message: "error.required" });
    if (v.closes === "" && v.opens !== "")
      ctx.addIssue({ code: "custom", path: ["closes"], message: "error.required" });
    if (v.opens !== "" && v.closes !== "" && v.closes < v.opens)
      ctx.addIssue({
        code: "custom",
        path: ["closes"],
        message: "selfAssessment.error.closesBeforeOpens",
      });
  });
