import { mediaType } from "~/lib/form-body.server";
import { repeatedFields } from "~/lib/forms";
import { sheetValuesOf } from "~/lib/sheet";
import type { SaveOutcome, SheetValues } from "~/lib/sheet-contract";
import { timed, type ServerTiming } from "~/lib/server-timing.server";
import type { SessionUser } from "~/lib/session.server";
import { checkSheetSave, saveSheet } from "~/models/sheets.server";
import { actorOf } from "~/models/users.server";

type SheetForm = { values: SheetValues; repeated: string[] };

/** The posted form's text fields, and the fields sent more than once; null: it did not parse. */
async function readSheetForm(request: Request): Promise<SheetForm | null> {
  try {
    // the autosave posts URL-encoded fields (app/lib/sheet-save-queue.ts): read as the
    // URLSearchParams they are, without the FormData that request.formData() builds from them
    const fields =
      mediaType(request.headers.get("Content-Type")) === "application/x-www-form-urlencoded"
        ? new URLSearchParams(await request.text())
        : await request.formData();
    return { values: sheetValuesOf(fields), repeated: repeatedFields(fields) };
  } catch {
    return null;
  }
}

const unreadable: SaveOutcome = { status: "invalid", errors: { _form: ["error.invalid"] } };

function save(
  user: SessionUser,
  slug: string,
  code: string,
  form: SheetForm,
  timing: ServerTiming | undefined,
) {
  return saveSheet(actorOf(user), slug, code, form, {
    issuedPassword: user.issuedPasswordSession,
    timing,
  });
}

/**
 * One POST of the score sheet as the autosave endpoint takes it (JSON answers): read the form,
 * then check and save it in one transaction (app/models/sheets.server.ts). The caller has already
 * checked the role. `values` are the fields as posted, for the page to show again.
 */
export async function handleSheetPost(
  user: SessionUser,
  slug: string,
  code: string,
  request: Request,
  timing?: ServerTiming,
): Promise<{ outcome: SaveOutcome; values: SheetValues }> {
  const form = await timed(timing, "body", () => readSheetForm(request));
  if (!form) return { outcome: unreadable, values: {} };
  return { outcome: await save(user, slug, code, form, timing), values: form.values };
}

/** The page's own answer besides a save's: a submission checked and waiting for `confirm=yes`. */
export type PageOutcome = SaveOutcome | { status: "review" };

/**
 * One POST of the page's plain form (JavaScript off). Like the endpoint, except that a submission
 * is final only with `confirm=yes`: without it the sheet is checked as the submission would be,
 * nothing is written, and `review` asks the page to show the summary and a confirm form
 * (docs/http.md).
 */
export async function handleSheetPagePost(
  user: SessionUser,
  slug: string,
  code: string,
  request: Request,
  timing?: ServerTiming,
): Promise<{ outcome: PageOutcome; values: SheetValues }> {
  const form = await timed(timing, "body", () => readSheetForm(request));
  if (!form) return { outcome: unreadable, values: {} };
  const { values } = form;
  if (values.intent !== "submit")
    return { outcome: await save(user, slug, code, form, timing), values };
  if (values.confirm !== undefined && values.confirm !== "yes")
    return { outcome: { status: "invalid", errors: { confirm: ["error.invalid"] } }, values };
  if (values.confirm === "yes")
    return { outcome: await save(user, slug, code, form, timing), values };
  const checked = await checkSheetSave(user.id, slug, code, form);
  return { outcome: checked.status === "ready" ? { status: "review" } : checked, values };
}

/** The HTTP status of each outcome (docs/http.md). */
export function statusOf(outcome: PageOutcome): number {
  switch (outcome.status) {
    case "saved":
    case "review":
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
