import { componentScore, judgeTotal, roundX100, type ComponentInput } from "./scoring";
import { noControlCharacters } from "./text";

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

/** Free text (a note, the comment): at most `max` characters, no control characters; trimmed. */
export function checkText(raw: string | undefined, max: number): { value: string; error?: string } {
  const text = raw ?? "";
  if (text.length > max) return { value: "", error: "error.tooLong" };
  if (!noControlCharacters(text)) return { value: "", error: "scoring.error.controlCharacters" };
  return { value: text.trim() };
}

/** One indicator's score: "" is "not scored yet", otherwise an integer within [min, max]. */
export function checkScore(
  raw: string | undefined,
  indicator: SheetIndicator,
  required: boolean,
): { value: number | null; error?: string } {
  const text = (raw ?? "").trim();
  if (text === "")
    return required ? { value: null, error: "scoring.error.required" } : { value: null };
  if (!/^[+-]?\d{1,9}$/.test(text)) return { value: null, error: "scoring.error.integer" };
  const value = Number(text);
  if (value < indicator.min || value > indicator.max)
    return { value: null, error: "scoring.error.range" };
  return { value };
}

/**
 * The sheet's fields: every score, note and the comment. Saving accepts a partial sheet;
 * submitting requires every indicator. Kept free of libraries: the browser runs it on each key.
 */
export function checkFields(
  indicators: readonly SheetIndicator[],
  values: SheetValues,
  intent: SheetIntent,
): {
  errors: SheetErrors;
  scores: Record<string, number | null>;
  notes: Record<string, string>;
  comment: string;
} {
  const errors: SheetErrors = {};
  const scores: Record<string, number | null> = {};
  const notes: Record<string, string> = {};
  for (const indicator of indicators) {
    const scoreField = `score.${indicator.code}`;
    const score = checkScore(values[scoreField], indicator, intent === "submit");
    if (score.error) (errors[scoreField] ??= []).push(score.error);
    scores[indicator.code] = score.value;
    const noteField = `note.${indicator.code}`;
    const note = checkText(values[noteField], NOTE_MAX);
    if (note.error) (errors[noteField] ??= []).push(note.error);
    notes[indicator.code] = note.value;
  }
  const comment = checkText(values.comment, COMMENT_MAX);
  if (comment.error) (errors.comment ??= []).push(comment.error);
  return { errors, scores, notes, comment: comment.value };
}

/** The first value of each text field of a form (repeated fields keep their first value). */
export function sheetValuesOf(formData: FormData | URLSearchParams): SheetValues {
  const values: SheetValues = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !Object.hasOwn(values, key)) values[key] = value;
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
export function liveTotals(components: readonly SheetComponent[], values: SheetValues): LiveTotals {
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
