import { repeatedFields } from "~/lib/forms";
import { sheetValuesOf } from "~/lib/sheet";
import type { SaveOutcome, SheetValues } from "~/lib/sheet-contract";
import type { SessionUser } from "~/lib/session.server";
import { saveSheet } from "~/models/sheets.server";
import { actorOf } from "~/models/users.server";

/**
 * One POST of the score sheet, shared by the page's action (plain form, JavaScript off) and the
 * autosave endpoint (JSON answers): read the form, then check and save it in one transaction
 * (app/models/sheets.server.ts). The caller has already checked the role. `values` are the
 * fields as posted, for the page to show again.
 */
export async function handleSheetPost(
  user: SessionUser,
  slug: string,
  code: string,
  request: Request,
): Promise<{ outcome: SaveOutcome; values: SheetValues }> {
  let values: SheetValues;
  let repeated: string[];
  try {
    const formData = await request.formData();
    values = sheetValuesOf(formData);
    repeated = repeatedFields(formData);
  } catch {
    return { outcome: { status: "invalid", errors: { _form: ["error.invalid"] } }, values: {} };
  }
  const outcome = await saveSheet(
    actorOf(user),
    slug,
    code,
    { values, repeated },
    { issuedPassword: user.issuedPasswordSession },
  );
  return { outcome, values };
}

/** The HTTP status of each outcome (docs/http.md). */
export function statusOf(outcome: SaveOutcome): number {
  switch (outcome.status) {
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
