import { z } from "zod";
import { checkFields } from "./sheet";
import {
  SHEET_INTENTS,
  type IndicatorRange,
  type SheetErrors,
  type SheetValues,
  type ValidSave,
} from "./sheet-contract";

/**
 * A parsed sheet. `refused`: a draft's fields that failed their check (by field name, with their
 * messages); `data` holds them as not scored / empty, and the save keeps the stored value in their
 * place (`withStoredFields`). A submission, or a bad envelope, is refused whole (`ok: false`).
 */
export type SheetParse =
  { ok: true; data: ValidSave; refused: SheetErrors } | { ok: false; errors: SheetErrors };

/** The form's envelope: what to do, from which version, under which one-time key. */
const Envelope = z.object({
  intent: z.enum(SHEET_INTENTS, { error: "scoring.error.intent" }),
  // digits only: an empty field must not read as version 0
  version: z
    .string({ error: "error.invalid" })
    .regex(/^\d{1,9}$/, { error: "error.invalid" })
    .transform(Number),
  key: z
    .string({ error: "scoring.error.key" })
    .regex(/^[A-Za-z0-9-]{8,64}$/, { error: "scoring.error.key" }),
});

/**
 * Validates a posted sheet on the server: the envelope with zod, the fields with the same checks
 * the browser runs as the judge types (app/lib/sheet.ts). `values` are the form's text fields.
 * One bad field does not stop a draft: its other fields are saved (docs/http.md).
 */
export function parseSheet(indicators: readonly IndicatorRange[], values: SheetValues): SheetParse {
  const envelope = Envelope.safeParse(values);
  const intent = envelope.success ? envelope.data.intent : "save";
  const fields = checkFields(indicators, values, intent);
  const errors: SheetErrors = { ...fields.errors };
  if (!envelope.success) {
    for (const issue of envelope.error.issues)
      (errors[issue.path.map(String).join(".") || "_form"] ??= []).push(issue.message);
  }
  if (!envelope.success || (intent === "submit" && Object.keys(errors).length > 0))
    return { ok: false, errors };
  return {
    ok: true,
    refused: errors,
    data: {
      ...envelope.data,
      scores: fields.scores,
      notes: fields.notes,
      comment: fields.comment,
    },
  };
}
