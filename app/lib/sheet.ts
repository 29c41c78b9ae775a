import { z } from "zod";
import {
  componentScore,
  judgeTotal,
  roundX100,
  type ComponentInput,
} from "./scoring";

/**
 * The score sheet's form contract (docs/http.md) and its validation, shared by the server (the
 * authority) and the browser (the same messages as the judge types). Field names:
 *   score.<indicator code>  an integer within the indicator's range ("" = not scored yet)
 *   note.<indicator code>   free text
 *   comment                 the overall comment
 *   intent                  save (keep as draft) | submit (final)
 *   version                 the sheet version the form was loaded at (0 = new sheet)
 *   key                     a one-time key: a resent POST with the same key is answered once
 */
export const NOTE_MAX = 2000;
export const COMMENT_MAX = 5000;
export const SHEET_INTENTS = ["save", "submit"] as const;
export type SheetIntent = (typeof SHEET_INTENTS)[number];

export interface SheetIndicator {
  code: string;
  min: number;
  max: number;
}

export interface SheetComponent {
  code: string;
  weight: number;
  indicators: readonly SheetIndicator[];
}

/** What the judge typed, as text, keyed by form field name. Echoed back untouched on an error. */
export type SheetValues = Record<string, string>;

export interface ValidSheet {
  intent: SheetIntent;
  version: number;
  key: string;
  scores: Record<string, number | null>;
  notes: Record<string, string>;
  comment: string;
}

/** Field name → catalog keys. Range errors carry the indicator's min and max in the message. */
export type SheetErrors = Record<string, string[]>;

export type SheetParse =
  { ok: true; data: ValidSheet } | { ok: false; errors: SheetErrors };

// Tab, line feed and carriage return are text; the other control characters are not.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const freeText = (max: number) =>
  z
    .string({ error: "error.invalid" })
    .max(max, { error: "error.tooLong" })
    .refine((s) => !CONTROL.test(s), {
      error: "scoring.error.controlCharacters",
    })
    .transform((s) => s.trim());

const envelope = z.object({
  intent: z.enum(SHEET_INTENTS, { error: "scoring.error.intent" }),
  version: z.coerce
    .number({ error: "error.invalid" })
    .int({ error: "error.invalid" })
    .min(0)
    .max(1_000_000_000),
  key: z
    .string({ error: "scoring.error.key" })
    .regex(/^[A-Za-z0-9-]{8,64}$/, { error: "scoring.error.key" }),
  comment: freeText(COMMENT_MAX).optional().default(""),
});

/** One indicator's score: "" is "not scored yet", otherwise an integer within [min, max]. */
export function checkScore(
  raw: string | undefined,
  indicator: SheetIndicator,
  required: boolean,
): { value: number | null; error?: string } {
  const text = (raw ?? "").trim();
  if (text === "")
    return required
      ? { value: null, error: "scoring.error.required" }
      : { value: null };
  if (!/^[+-]?\d{1,9}$/.test(text))
    return { value: null, error: "scoring.error.integer" };
  const value = Number(text);
  if (value < indicator.min || value > indicator.max)
    return { value: null, error: "scoring.error.range" };
  return { value };
}

/**
 * Validates a sheet. `values` are the form's text fields (first value of a repeated field).
 * Saving accepts a partial sheet; submitting requires every indicator.
 */
export function parseSheet(
  indicators: readonly SheetIndicator[],
  values: SheetValues,
): SheetParse {
  const errors: SheetErrors = {};
  const env = envelope.safeParse(values);
  if (!env.success) {
    for (const issue of env.error.issues)
      (errors[issue.path.map(String).join(".") || "_form"] ??= []).push(
        issue.message,
      );
  }
  const intent = env.success ? env.data.intent : "save";
  const scores: Record<string, number | null> = {};
  const notes: Record<string, string> = {};
  for (const indicator of indicators) {
    const scoreField = `score.${indicator.code}`;
    const checked = checkScore(
      values[scoreField],
      indicator,
      intent === "submit",
    );
    if (checked.error) (errors[scoreField] ??= []).push(checked.error);
    scores[indicator.code] = checked.value;
    const note = freeText(NOTE_MAX).safeParse(
      values[`note.${indicator.code}`] ?? "",
    );
    if (note.success) notes[indicator.code] = note.data;
    else
      (errors[`note.${indicator.code}`] ??= []).push(
        ...note.error.issues.map((i) => i.message),
      );
  }
  if (!env.success || Object.keys(errors).length > 0)
    return { ok: false, errors };
  return { ok: true, data: { ...env.data, scores, notes } };
}

/** The first value of each text field of a form (repeated fields keep their first value). */
export function sheetValuesOf(
  formData: FormData | URLSearchParams,
): SheetValues {
  const values: SheetValues = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !Object.hasOwn(values, key))
      values[key] = value;
  }
  return values;
}

export interface LiveTotals {
  /** × 100, rounded half away from zero: 8725 = 87.25 */
  totalX100: number;
  components: Record<string, number>;
  scored: number;
  indicators: number;
}

/** The running weighted total a judge sees while typing; invalid or empty scores count as 0. */
export function liveTotals(
  components: readonly SheetComponent[],
  values: SheetValues,
): LiveTotals {
  let scored = 0;
  let count = 0;
  const inputs: ComponentInput[] = components.map((c) => ({
    weight: c.weight,
    indicators: c.indicators.map((i) => {
      count += 1;
      const { value, error } = checkScore(values[`score.${i.code}`], i, false);
      if (value !== null && !error) scored += 1;
      return { max: i.max, value: error ? null : value };
    }),
  }));
  return {
    totalX100: roundX100(judgeTotal(inputs)),
    components: Object.fromEntries(
      components.map((c, n) => [c.code, roundX100(componentScore(inputs[n]!))]),
    ),
    scored,
    indicators: count,
  };
}
