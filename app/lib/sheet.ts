import { componentScore, judgeTotal, roundX100, type ComponentInput } from "./scoring";
import type {
  ComponentWeight,
  IndicatorRange,
  SheetContent,
  SheetErrors,
  SheetIntent,
  SheetValues,
} from "./sheet-contract";
import { noControlCharacters } from "./text";

/**
 * The score sheet's checks, shared by the server (the authority) and the browser (the same
 * messages as the judge types); the shapes are in ./sheet-contract. Field names:
 *   score.<indicator code>  an integer within the indicator's range ("" = not scored yet)
 *   note.<indicator code>   free text
 *   comment                 the overall comment
 *   intent                  save (keep as draft) | submit (final)
 *   version                 the sheet version the form was loaded at (0 = new sheet)
 *   key                     a one-time key: a resent POST with the same key is answered once
 */
export const NOTE_MAX = 2000;
export const COMMENT_MAX = 5000;

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
  indicator: IndicatorRange,
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
  indicators: readonly IndicatorRange[],
  values: SheetValues,
  intent: SheetIntent,
): SheetContent & { errors: SheetErrors } {
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

/** A sheet's content as form fields (what the judge would see typed). */
export function valuesOfSheet(sheet: SheetContent): SheetValues {
  const values: SheetValues = { comment: sheet.comment };
  for (const [code, value] of Object.entries(sheet.scores))
    values[`score.${code}`] = value === null ? "" : String(value);
  for (const [code, note] of Object.entries(sheet.notes)) values[`note.${code}`] = note;
  return values;
}

/** Field values compared as the server stores them: trimmed, and absent = empty. */
export function sameValues(a: SheetValues, b: SheetValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? "").trim() !== (b[k] ?? "").trim()) return false;
  return true;
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
  components: readonly ComponentWeight[],
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
