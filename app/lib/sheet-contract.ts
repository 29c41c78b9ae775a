import type { SheetStatus } from "../../db/schema";

/**
 * The judge's score sheet as it travels (docs/http.md), defined once: what the page loads, what a
 * save sends, and what it answers. The model returns these shapes, the autosave endpoint sends
 * them as JSON unchanged, and the browser's autosave reads them. Types only (and one list of
 * intents): the browser bundle carries nothing for it, and no library.
 */

export const SHEET_INTENTS = ["save", "submit"] as const;
/** `save` keeps a draft (a partial sheet is fine); `submit` is final (every indicator required). */
export type SheetIntent = (typeof SHEET_INTENTS)[number];

/** What the judge typed, as text, keyed by form field name. Echoed back untouched on an error. */
export type SheetValues = Record<string, string>;

/** Field name → catalog keys (`_form` for the whole form). */
export type SheetErrors = Record<string, string[]>;

/** A sheet as the judge sees it: the page's sheet, and the `current` of a conflict. */
export interface SheetState {
  version: number;
  status: SheetStatus | "new";
  scores: Record<string, number | null>;
  notes: Record<string, string>;
  comment: string;
  updatedAt: string | null;
  submittedAt: string | null;
  reopenReason: string | null;
}

/** What a save writes: the judged content of a sheet. */
export type SheetContent = Pick<SheetState, "scores" | "notes" | "comment">;

/** One indicator of the criteria, as the sheet shows it. */
export interface SheetIndicator {
  code: string;
  name: string;
  description: string;
  min: number;
  max: number;
  rubric: { level: number; text: string }[];
}

/** One component of the criteria, with its indicators in order. */
export interface SheetComponent {
  code: string;
  name: string;
  weight: number;
  indicators: SheetIndicator[];
}

/** What the checks need of an indicator (the sheet's own, or a row that has just these). */
export type IndicatorRange = Pick<SheetIndicator, "code" | "min" | "max">;

/** What the live total needs of a component. */
export type ComponentWeight = Pick<SheetComponent, "code" | "weight"> & {
  indicators: readonly IndicatorRange[];
};

/**
 * One save as a client sends it: the fields `score.*`, `note.*` and `comment` in `values`, with
 * `intent`, `version` and `key` beside them (docs/http.md).
 */
export interface SaveRequest {
  key: string;
  version: number;
  intent: SheetIntent;
  values: SheetValues;
}

/** A save request that passed the checks: its values read as the sheet's content. */
export type ValidSave = Omit<SaveRequest, "values"> & SheetContent;

/**
 * The answer to a save, exactly the JSON body of the autosave endpoint (its HTTP status comes
 * from `status`). Only `saved` changed anything.
 */
export type SaveOutcome =
  | {
      status: "saved";
      version: number;
      sheetStatus: SheetStatus;
      savedAt: string;
      /** the key was answered before: this is that answer, and nothing was saved again */
      replayed: boolean;
    }
  | {
      status: "invalid";
      errors: SheetErrors;
      /**
       * A draft's other fields were saved (the fields in `errors` kept what the server had):
       * the sheet's new version. Absent: nothing was saved.
       */
      saved?: PartSaved;
    }
  | { status: "conflict"; current: SheetState }
  | { status: "locked" | "closed" | "notFound" | "keyReused" | "storage" };

export type SavedOutcome = Extract<SaveOutcome, { status: "saved" }>;

/** What an `invalid` answer says of a draft saved without its refused fields. */
export type PartSaved = Pick<SavedOutcome, "version" | "savedAt" | "replayed">;
