import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useLang, useT } from "~/i18n/useT";
import { formatTime } from "~/lib/format";
import { useHydrated } from "~/lib/use-hydrated";
import { ErrorList } from "./Field";

/** The longest coaching note (the column's CHECK says the same). */
export const COACHING_NOTE_MAX = 4000;
export const COACHING_FORM_ID = "coaching-note-form";
const AUTOSAVE_MS = 1500;

export interface CoachingNoteReply {
  ok: boolean;
  errors?: Partial<Record<string, string[]>>;
  text?: string;
  updatedAt?: string | null;
}

/**
 * The note's own form, outside the score sheet's form (forms cannot nest): its fields sit in the
 * sheet, before the footer, and name this form with the `form` attribute. Without JavaScript it
 * posts and the page comes back (303 to the sheet on success, the text kept on a refusal).
 */
export function CoachingNoteForm({ action }: { action: string }) {
  const hydrated = useHydrated();
  return (
    <form id={COACHING_FORM_ID} method="post" action={action} data-hydrated={hydrated}>
      <input type="hidden" name="intent" value="note" />
    </form>
  );
}

/**
 * "Catatan pembinaan": the judge's recommendations for the library in this stage. With
 * JavaScript it saves itself a moment after typing stops (and on the button); the text stays in
 * the box until the server has it, and leaving the page with unsaved text asks first.
 */
export function CoachingNoteField({
  action,
  note,
  reply,
  savedNotice,
}: {
  action: string;
  note: { text: string; updatedAt: string | null; editable: boolean };
  /** the page's action answer (JavaScript off) */
  reply?: CoachingNoteReply;
  savedNotice: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const hydrated = useHydrated();
  const fetcher = useFetcher<{ note: CoachingNoteReply }>();
  const [text, setText] = useState(reply?.text ?? note.text);
  const [saved, setSaved] = useState(note.text);
  const [savedAt, setSavedAt] = useState(note.updatedAt);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const answer = fetcher.data?.note;
  const errors = (fetcher.state === "idle" ? answer?.errors : undefined) ?? reply?.errors ?? {};
  const dirty = text.trim() !== saved.trim();

  useEffect(() => {
    if (fetcher.state !== "idle" || !answer?.ok) return;
    setSaved(answer.text ?? "");
    if (answer.updatedAt !== undefined) setSavedAt(answer.updatedAt);
  }, [fetcher.state, answer]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function send(value: string) {
    const form = new FormData();
    form.set("intent", "note");
    form.set("js", "1");
    form.set("text", value);
    fetcher.submit(form, { method: "post", action });
  }

  function change(value: string) {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    if (value.length <= COACHING_NOTE_MAX)
      timer.current = setTimeout(() => send(value), AUTOSAVE_MS);
  }

  const status = !hydrated
    ? null
    : fetcher.state !== "idle"
      ? t("scoring.coaching.saving")
      : answer && !answer.ok
        ? t("scoring.coaching.notSaved")
        : dirty
          ? t("scoring.coaching.unsaved")
          : savedAt
            ? t("scoring.coaching.savedAt", { time: formatTime(savedAt, lang) })
            : null;

  return (
    <div className="coaching-note panel">
      <label htmlFor="coaching-note" id="coaching-note-label">
        <strong>{t("scoring.coaching.label")}</strong>
      </label>
      <p className="hint" id="coaching-note-hint">
        {t("scoring.coaching.hint", { max: COACHING_NOTE_MAX })}
      </p>
      {savedNotice && !reply ? (
        <p className="notice" role="status">
          {t("scoring.coaching.savedNotice")}
        </p>
      ) : null}
      <textarea
        id="coaching-note"
        name="text"
        form={COACHING_FORM_ID}
        rows={5}
        value={text}
        readOnly={!note.editable}
        onChange={(e) => change(e.currentTarget.value)}
        aria-describedby="coaching-note-hint coaching-note-status coaching-note-error"
        aria-invalid={errors.text?.length ? true : undefined}
      />
      <ErrorList
        id="coaching-note-error"
        errors={Object.values(errors).flatMap((list) => list ?? [])}
      />
      {!note.editable ? <p className="muted">{t("scoring.coaching.readOnly")}</p> : null}
      <p className="muted" id="coaching-note-status">
        {hydrated ? `${text.length} / ${COACHING_NOTE_MAX} · ` : null}
        <span role="status">{status}</span>
      </p>
      {note.editable ? (
        <button
          type="submit"
          form={COACHING_FORM_ID}
          className="button"
          onClick={(e) => {
            if (!hydrated) return;
            e.preventDefault();
            if (timer.current) clearTimeout(timer.current);
            send(text);
          }}
        >
          {t("scoring.coaching.save")}
        </button>
      ) : null}
    </div>
  );
}
