import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { COACHING_NOTE_MAX } from "~/components/CoachingNote";
import { isNotFound, optionalText, parseForm } from "~/lib/forms";
import type { SessionUser } from "~/lib/session.server";
import { saveCoachingNote } from "~/models/coaching-notes.server";
import { actorOf } from "~/models/users.server";

const NoteSchema = z.object({
  intent: z.literal("note", { error: "error.invalid" }),
  text: optionalText(COACHING_NOTE_MAX),
  // set by the page's script: answer JSON rather than a redirect
  js: z.literal("1").optional(),
});

const noStore = { "Cache-Control": "private, no-store" };

/**
 * The coaching note's POST (docs/http.md): its own form beside the score sheet. The caller has
 * checked the role. Without JavaScript a save answers 303 back to the sheet; a refusal answers
 * the page again with the text kept (400 to correct, 404 not this judge's, 409 locked).
 */
export async function handleNotePost(
  user: SessionUser,
  slug: string,
  code: string,
  request: Request,
) {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return json(
      { note: { ok: false, errors: { _form: ["error.invalid"] }, text: "" } },
      { status: 400, headers: noStore },
    );
  }
  const form = parseForm(NoteSchema, formData);
  const posted = typeof formData.get("text") === "string" ? String(formData.get("text")) : "";
  if (!form.ok)
    return json(
      { note: { ok: false, errors: form.errors, text: posted } },
      { status: 400, headers: noStore },
    );
  const result = await saveCoachingNote(actorOf(user), user.id, slug, code, form.data.text);
  if (!result.ok) {
    if (isNotFound(result)) throw new Response("Not found", { status: 404 });
    return json(
      { note: { ok: false, errors: result.errors, text: posted } },
      { status: 409, headers: noStore },
    );
  }
  if (!form.data.js)
    return redirect(`/judge/${slug}/${encodeURIComponent(code)}?noteSaved=1#coaching-note`, 303);
  return json(
    { note: { ok: true, text: form.data.text, updatedAt: result.updatedAt } },
    { headers: noStore },
  );
}
