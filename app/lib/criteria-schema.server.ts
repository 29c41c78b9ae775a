import { z } from "zod";
import type { TemplateComponent } from "./criteria-template";
import { crossCheckCriteria, type CriteriaIssue } from "./criteria";
import { noControlCharacters } from "./text";

/**
 * The one definition of valid criteria, shared by the criteria editor's action, the competition
 * file and the status move to scoring; the rules across fields are `crossCheckCriteria`
 * (criteria.ts). Server only: the browser does not validate criteria, so zod stays off its pages.
 * Type errors keep zod's own (English) message, which the page shows as "invalid value".
 */

const requiredNumber = () =>
  z
    .number({
      // the editor sends whole numbers as numbers and anything else as the text typed
      error: (iss) =>
        iss.input === undefined || iss.input === "" ? "error.required" : "setup.error.integer",
    })
    .int({ error: "setup.error.integer" });

const codeText = () =>
  z
    .string({
      error: (iss) => (iss.input === undefined ? "error.required" : undefined),
    })
    .trim()
    .min(1, { error: "error.required" })
    .max(20, { error: "error.tooLong" });

const codeField = () => codeText().regex(/^[A-Za-z0-9._-]*$/, { error: "setup.error.codeFormat" });

/**
 * A library's code is its key in the registry and a segment of its URLs (`/libraries/<code>`,
 * `/judge/<slug>/<code>`): letters, digits, `-` and `_` only, with at least one letter or digit,
 * so `.` or `..` can never name a library. Codes are matched without regard to case.
 */
export const libraryCodeField = () =>
  codeText().regex(/^([A-Za-z0-9_-]*[A-Za-z0-9][A-Za-z0-9_-]*)?$/, {
    error: "setup.error.libraryCodeFormat",
  });

const text = (max: number, required: boolean) => {
  const base = z
    .string({
      error: (iss) => (iss.input === undefined ? "error.required" : undefined),
    })
    .trim();
  const sized = required
    ? base.min(1, { error: "error.required" }).max(max, { error: "error.tooLong" })
    : base.max(max, { error: "error.tooLong" });
  return sized.refine(noControlCharacters, { error: "error.controlCharacters" });
};

const IndicatorSchema = z.strictObject({
  code: codeField(),
  name: text(200, true),
  description: text(2000, false).optional().default(""),
  min: requiredNumber()
    .min(0, { error: "setup.error.scaleRange" })
    .max(100, { error: "setup.error.scaleRange" }),
  max: requiredNumber()
    .min(0, { error: "setup.error.scaleRange" })
    .max(100, { error: "setup.error.scaleRange" }),
  rubric: z
    .record(z.string().regex(/^\d+$/, { error: "setup.error.rubricLevel" }), text(1000, false))
    .optional()
    .default({}),
});

export const ComponentSchema = z.strictObject({
  code: codeField(),
  name: text(200, true),
  weight: requiredNumber()
    .min(0, { error: "setup.error.weightRange" })
    .max(100, { error: "setup.error.weightRange" }),
  indicators: z
    .array(IndicatorSchema)
    .min(1, { error: "setup.error.noIndicators" })
    .max(100, { error: "file.tooMany" }),
});

const CriteriaSchema = z
  .array(ComponentSchema)
  .min(1, { error: "setup.error.noComponents" })
  .superRefine((components, ctx) => {
    for (const issue of crossCheckCriteria(components)) {
      ctx.addIssue({
        code: "custom",
        path: issue.path,
        message: issue.message,
        params: issue.params,
      });
    }
  });

export type CriteriaResult =
  { ok: true; components: TemplateComponent[] } | { ok: false; issues: CriteriaIssue[] };

export function zodIssuesToCriteriaIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix = 0,
): CriteriaIssue[] {
  return issues.map((i) => ({
    path: i.path.slice(prefix).map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
    params: i.code === "custom" ? (i.params as CriteriaIssue["params"]) : undefined,
  }));
}

/** Validates criteria given as plain data (numbers as numbers). */
export function validateCriteria(input: unknown): CriteriaResult {
  const parsed = CriteriaSchema.safeParse(input);
  if (parsed.success) return { ok: true, components: parsed.data };
  return { ok: false, issues: zodIssuesToCriteriaIssues(parsed.error.issues) };
}
