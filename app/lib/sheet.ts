import { componentScore, judgeTotal, roundX100, type ComponentInput } from "./scoring";
import type {
  ComponentWeight,
  IndicatorRange,
  SheetContent,
  SheetErrors,
  SheetIndicator,
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

/**
 * A draft with some fields refused (`refused`, by field name): those fields keep what the server
 * has stored, every other field is saved as checked. The judge's refused entry is not lost: the
 * page shows it again (no JavaScript) or the device keeps it (autosave) until it is corrected.
 */
export function withStoredFields(
  checked: SheetContent,
  refused: SheetErrors,
  stored: SheetContent,
): SheetContent {
  const scores = { ...checked.scores };
  const notes = { ...checked.notes };
  let comment = checked.comment;
  for (const field of Object.keys(refused)) {
    const [kind, code] = field.split(/\.(.*)/s);
    if (kind === "score" && code !== undefined && Object.hasOwn(scores, code))
      scores[code] = stored.scores[code] ?? null;
    else if (kind === "note" && code !== undefined && Object.hasOwn(notes, code))
      notes[code] = stored.notes[code] ?? "";
    else if (field === "comment") comment = stored.comment;
  }
  return { scores, notes, comment };
}

/** Two sheets' judged content is the same (an absent score is "not scored", an absent note ""). */
export function sameContent(a: SheetContent, b: SheetContent): boolean {
  const codes = new Set([...Object.keys(a.scores), ...Object.keys(b.scores)]);
  for (const code of codes) if ((a.scores[code] ?? null) !== (b.scores[code] ?? null)) return false;
  const noted = new Set([...Object.keys(a.notes), ...Object.keys(b.notes)]);
  for (const code of noted) if ((a.notes[code] ?? "") !== (b.notes[code] ?? "")) return false;
  return a.comment === b.comment;
}

/**
 * Rubric fields are offered for each level when a scale has at most this many levels (the
 * criteria editor), and the sheet offers such a scale as a choice of levels.
 */
export const MAX_RUBRIC_LEVELS = 11;

/** One score a judge can choose, with what the rubric says of it ("" when it says nothing). */
export interface ScoreLevel {
  score: number;
  text: string;
}

/**
 * How the sheet asks for an indicator's score. An indicator with a rubric on a short scale is a
 * choice of levels, one per score of the scale, each with its rubric text where the rubric has
 * one (a rubric often describes only some levels, "1" and "5", and the judge may still give 3).
 * Otherwise (no rubric, or a scale too long to list) it is a number box: null.
 */
export function scoreLevels(
  indicator: Pick<SheetIndicator, "min" | "max" | "rubric">,
): ScoreLevel[] | null {
  const { min, max, rubric } = indicator;
  if (rubric.length === 0 || max < min || max - min + 1 > MAX_RUBRIC_LEVELS) return null;
  const texts = new Map(rubric.map((r) => [r.level, r.text]));
  return Array.from({ length: max - min + 1 }, (_, k) => ({
    score: min + k,
    text: texts.get(min + k) ?? "",
  }));
}

/** The level a score field's value stands for (read as the server reads it: " 04 " is 4), or null. */
export function levelOf(levels: readonly ScoreLevel[], raw: string | undefined): number | null {
  const text = (raw ?? "").trim();
  if (!/^[+-]?\d{1,9}$/.test(text)) return null;
  const value = Number(text);
  return levels.some((l) => l.score === value) ? value : null;
}

/**
 * A value of a score field that none of its levels stands for (an older score outside today's
 * scale, a value kept on the device or sent back with an error): shown as a choice of its own so
 * that it is neither hidden nor dropped. Null when the value is empty or one of the levels.
 */
export function offLevelValue(
  levels: readonly ScoreLevel[],
  raw: string | undefined,
): string | null {
  const text = (raw ?? "").trim();
  return text === "" || levelOf(levels, text) !== null ? null : text;
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
