import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { FieldErrors } from "./forms";
import type { Message } from "./messages";
import type { SelfAssessmentIntent } from "./self-assessment";
import { sameValues } from "./sheet";
import { readDeviceCopy, writeDeviceCopy } from "./sheet-device-copy";

/**
 * Autosave for the library's self-assessment (JavaScript on), on the judge sheet's pattern:
 * everything typed goes to this device's storage at once (the sheet's device copy,
 * ./sheet-device-copy) and to the server a moment later; a save that gets no answer is tried
 * again (when the connection returns, or after a pause); the form's `version` goes with each
 * save, and a copy older than the server's is never sent over it: the library chooses. The page's
 * own action answers (Remix's data request), so the contract is the form's (docs/http.md).
 */

export type SelfAssessmentSaveStatus =
  "idle" | "dirty" | "saving" | "saved" | "offline" | "invalid" | "conflict" | "closed" | "failed";

interface Answer {
  ok: boolean;
  /** a 400 whose values were saved all the same (a file was refused) */
  saved?: boolean;
  stored?: number;
  fileErrors?: Record<string, Message[]>;
  version?: number | null;
  status?: string;
  savedAt?: string;
  errors?: FieldErrors;
}

const SAVE_DELAY_MS = 1200;
const RETRY_MS = 5000;
/** The page's route, for Remix's data request to its action. */
const ROUTE_ID = "routes/library.$slug";

/** The text fields of the form (files and the buttons' intent left out), empty radios as "". */
export function textValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const element of Array.from(form.elements)) {
    const input = element as HTMLInputElement;
    if (!input.name || input.name === "intent" || input.name === "version") continue;
    if (input.type === "file" || input.type === "submit") continue;
    if (input.type === "radio") {
      values[input.name] ??= "";
      if (input.checked) values[input.name] = input.value;
    } else values[input.name] = input.value;
  }
  return values;
}

/**
 * What a send carries: an autosave the text fields only; a button's save or submit the whole form
 * as the browser would send it (multipart, with any file chosen), so pressing it with JavaScript
 * sends what pressing it without does.
 */
function bodyOf(
  form: HTMLFormElement,
  values: Record<string, string>,
  intent: SelfAssessmentIntent,
  version: number,
  whole: boolean,
): URLSearchParams | FormData {
  if (!whole) return new URLSearchParams({ ...values, intent, version: String(version) });
  const body = new FormData(form);
  body.set("intent", intent);
  body.set("version", String(version));
  return body;
}

/** Puts kept values back into the form's fields. */
export function applyValues(form: HTMLFormElement, values: Record<string, string>): void {
  for (const element of Array.from(form.elements)) {
    const input = element as HTMLInputElement;
    if (!(input.name in values) || input.type === "file" || input.type === "submit") continue;
    if (input.type === "radio") input.checked = values[input.name] === input.value;
    else input.value = values[input.name] ?? "";
  }
}

export function useSelfAssessmentAutosave(options: {
  form: RefObject<HTMLFormElement>;
  storageKey: string;
  endpoint: string;
  version: number;
  editable: boolean;
  onSubmitted: () => void;
  /** files (or the video link) went with a save: the page shows what is stored now */
  onFilesStored: () => void;
}) {
  const { form, storageKey, endpoint, editable } = options;
  const [status, setStatus] = useState<SelfAssessmentSaveStatus>("idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [fileErrors, setFileErrors] = useState<Record<string, Message[]>>({});
  const [version, setVersion] = useState(options.version);
  /** a copy kept on this device against an older version than the server's */
  const [heldCopy, setHeldCopy] = useState<Record<string, string> | null>(null);
  const state = useRef({
    version: options.version,
    inFlight: false,
    queued: null as SelfAssessmentIntent | null,
    queuedWhole: false,
    dirty: false,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
    retry: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const onSubmitted = useRef(options.onSubmitted);
  onSubmitted.current = options.onSubmitted;
  const onFilesStored = useRef(options.onFilesStored);
  onFilesStored.current = options.onFilesStored;

  const keep = useCallback(
    (values: Record<string, string>, pending: boolean) =>
      writeDeviceCopy(storageKey, {
        version: state.current.version,
        values,
        pending,
        unacked: null,
      }),
    [storageKey],
  );

  const send = useCallback(
    async (intent: SelfAssessmentIntent = "save", button = false): Promise<void> => {
      const s = state.current;
      const element = form.current;
      if (!element || !editable) return;
      clearTimeout(s.timer);
      clearTimeout(s.retry);
      const whole = button || intent === "submit";
      if (s.inFlight) {
        if (intent === "submit" || s.queued === null) s.queued = intent;
        if (whole) s.queuedWhole = true;
        return;
      }
      if (intent === "save" && !s.dirty && !whole) return;
      const values = textValues(element);
      s.inFlight = true;
      setStatus("saving");
      let response: Response;
      try {
        response = await fetch(`${endpoint}?_data=${encodeURIComponent(ROUTE_ID)}`, {
          method: "POST",
          body: bodyOf(element, values, intent, s.version, whole),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
      } catch {
        s.inFlight = false;
        setStatus("offline");
        s.retry = setTimeout(() => void send(s.queued ?? intent, whole), RETRY_MS);
        return;
      }
      s.inFlight = false;
      const type = response.headers.get("Content-Type") ?? "";
      if (!type.includes("application/json")) return setStatus("failed");
      const answer = (await response.json()) as Answer;
      const now = textValues(element);
      setFileErrors(answer.fileErrors ?? {});
      if (whole && (answer.ok || answer.saved)) {
        // the files went: stored ones show as evidence now, refused ones are named by the answer
        for (const input of Array.from(
          element.querySelectorAll<HTMLInputElement>("input[type=file]"),
        ))
          input.value = "";
        onFilesStored.current();
      }
      if ((answer.ok || answer.saved) && typeof answer.version === "number") {
        s.version = answer.version;
        setVersion(answer.version);
        setSavedAt(answer.savedAt ?? null);
        setErrors(answer.errors ?? {});
        if (sameValues(values, now)) s.dirty = false;
        keep(now, s.dirty);
        if (answer.status === "submitted") {
          writeDeviceCopy(storageKey, null);
          setStatus("saved");
          return onSubmitted.current();
        }
        setStatus(answer.ok ? (s.dirty ? "dirty" : "saved") : "invalid");
      } else {
        setErrors(answer.errors ?? {});
        const stale = answer.errors?._form?.includes("library.selfAssessment.error.stale");
        setStatus(
          response.status === 400
            ? "invalid"
            : stale
              ? "conflict"
              : response.status === 409
                ? "closed"
                : "failed",
        );
        s.queued = null;
        s.queuedWhole = false;
        return;
      }
      const next = s.queued;
      const nextWhole = s.queuedWhole;
      s.queued = null;
      s.queuedWhole = false;
      if (next === "submit") void send("submit");
      else if (nextWhole) void send("save", true);
      else if (s.dirty) void send("save");
    },
    [form, endpoint, editable, keep, storageKey],
  );

  /** Something was typed: kept on the device now, sent a moment later. */
  const edited = useCallback(() => {
    const element = form.current;
    if (!element || !editable) return;
    const s = state.current;
    s.dirty = true;
    keep(textValues(element), true);
    setStatus((v) => (v === "offline" || v === "conflict" ? v : "dirty"));
    clearTimeout(s.timer);
    s.timer = setTimeout(() => void send("save"), SAVE_DELAY_MS);
  }, [form, editable, keep, send]);

  // on opening: a copy kept from an earlier visit goes back into the form (and is sent), or,
  // when the server has moved on since, waits for the library to choose
  useEffect(() => {
    const element = form.current;
    const copy = readDeviceCopy(storageKey);
    if (!element || !copy?.pending || !editable) return;
    if (sameValues(copy.values, textValues(element))) return writeDeviceCopy(storageKey, null);
    if (copy.version !== state.current.version) return setHeldCopy(copy.values);
    applyValues(element, copy.values);
    state.current.dirty = true;
    void send("save");
    // once per page
  }, [storageKey]);

  useEffect(() => {
    const online = () => {
      if (state.current.dirty) void send(state.current.queued ?? "save");
    };
    window.addEventListener("online", online);
    const s = state.current;
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(s.timer);
      clearTimeout(s.retry);
    };
  }, [send]);

  return {
    status,
    savedAt,
    errors,
    fileErrors,
    version,
    heldCopy,
    edited,
    send,
    /** the copy kept on this device replaces what the form shows, saved over the server's */
    restoreHeld: () => {
      const element = form.current;
      if (!element || !heldCopy) return;
      applyValues(element, heldCopy);
      setHeldCopy(null);
      state.current.dirty = true;
      keep(heldCopy, true);
      void send("save");
    },
    dropHeld: () => {
      writeDeviceCopy(storageKey, null);
      setHeldCopy(null);
    },
  };
}
