import { sheetValuesOf, type SheetErrors, type SheetValues } from "./sheet";
import { parseSheet } from "./sheet-parse";
import { repeatedFields } from "./forms";
import {
  getSheetIndicators,
  saveSheet,
  type SaveOutcome,
} from "~/models/sheets.server";
import { actorOf } from "~/models/users.server";
import type { SessionUser } from "./session.server";

export type SheetPostResult =
  | { kind: "notFound" }
  | { kind: "invalid"; errors: SheetErrors; values: SheetValues }
  | (SaveOutcome & { values: SheetValues });

/**
 * One POST of the score sheet, shared by the page's action (plain form, JavaScript off) and the
 * autosave endpoint (JSON answers): read the form, check it against the entry's indicators,
 * save. The caller has already checked the role; access to the entry is checked here.
 */
export async function handleSheetPost(
  user: SessionUser,
  slug: string,
  code: string,
  request: Request,
): Promise<SheetPostResult> {
  const indicators = await getSheetIndicators(user.id, slug, code);
  if (!indicators) return { kind: "notFound" };
  let values: SheetValues;
  let repeated: string[];
  try {
    const formData = await request.formData();
    values = sheetValuesOf(formData);
    repeated = repeatedFields(formData);
  } catch {
    return {
      kind: "invalid",
      errors: { _form: ["error.invalid"] },
      values: {},
    };
  }
  const parsed = parseSheet(indicators, values);
  if (!parsed.ok || repeated.length > 0) {
    const errors = parsed.ok ? {} : { ...parsed.errors };
    // a field sent twice is ambiguous: which score did the judge mean?
    for (const key of repeated) (errors[key] ??= []).push("error.repeated");
    return { kind: "invalid", errors, values };
  }
  const outcome = await saveSheet(actorOf(user), slug, code, parsed.data);
  return { ...outcome, values };
}

/** The HTTP status of each outcome (docs/http.md). */
export function statusOf(result: SheetPostResult): number {
  switch (result.kind) {
    case "saved":
      return 200;
    case "invalid":
    case "keyReused":
      return 400;
    case "notFound":
      return 404;
    case "conflict":
    case "locked":
    case "closed":
      return 409;
    case "storage":
      return 503;
  }
}
