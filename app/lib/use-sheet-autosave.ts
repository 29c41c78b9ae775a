import { useCallback, useEffect, useRef, useState } from "react";
import type { SheetErrors, SheetIntent, SheetValues } from "./sheet";

/**
 * Autosave for the score sheet (JavaScript on). Nothing a judge types may be lost:
 * - every change is written at once to the browser's local storage, then sent a moment later;
 * - a send that gets no answer (offline, dropped connection) is resent with the same one-time
 *   key, so if the first one did arrive the server answers it again instead of saving twice;
 * - when the connection returns (or the page is reopened later) the kept copy is sent;
 * - a sheet saved elsewhere meanwhile is never overwritten: the judge sees both and chooses.
 */
export type SaveStatus =
  | "idle"
  | "dirty"
  | "saving"
  | "saved"
  | "offline"
  | "storage"
  | "signedOut"
  | "invalid"
  | "conflict"
  | "locked"
  | "closed"
  | "failed";

export interface ServerSheet {
  version: number;
  status: "draft" | "submitted" | "new";
  scores: Record<string, number | null>;
  notes: Record<string, string>;
  comment: string;
  updatedAt: string | null;
}

interface Payload {
  key: string;
  version: number;
  intent: SheetIntent;
  values: SheetValues;
}

interface Kept {
  version: number;
  values: SheetValues;
  pending: boolean;
  unacked: Payload | null;
  at: string;
}

type Answer =
  | {
      status: "saved";
      version: number;
      sheetStatus: "draft" | "submitted";
      savedAt: string;
    }
  | { status: "invalid"; errors: SheetErrors }
  | { status: "conflict"; current: ServerSheet }
  | { status: "locked" | "closed" | "storage" | "notFound" | "keyReused" };

/** A one-time key. `crypto.randomUUID` exists only on HTTPS; an office server may be plain HTTP. */
export function oneTimeKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function valuesOfServerSheet(sheet: ServerSheet): SheetValues {
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

const SAVE_DELAY_MS = 1200;
const RETRY_MS = [2000, 5000, 10000, 20000, 30000];

export function useSheetAutosave(options: {
  storageKey: string;
  endpoint: string;
  server: ServerSheet;
  initialValues: SheetValues;
  editable: boolean;
  onSubmitted: () => void;
}) {
  const { storageKey, endpoint, server, editable, onSubmitted } = options;
  const [values, setValuesState] = useState<SheetValues>(options.initialValues);
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [savedAt, setSavedAt] = useState<string | null>(server.updatedAt);
  const [serverErrors, setServerErrors] = useState<SheetErrors>({});
  const [conflict, setConflict] = useState<{
    current: ServerSheet;
    fromDevice: boolean;
  } | null>(null);
  const [failedCode, setFailedCode] = useState<number | null>(null);

  const valuesRef = useRef(values);
  const versionRef = useRef(server.version);
  const dirtyRef = useRef(false);
  const unackedRef = useRef<Payload | null>(null);
  const inFlightRef = useRef(false);
  const queuedRef = useRef<SheetIntent | null>(null);
  const blockedRef = useRef(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attemptsRef = useRef(0);
  const onSubmittedRef = useRef(onSubmitted);
  onSubmittedRef.current = onSubmitted;

  const keep = useCallback(() => {
    const kept: Kept = {
      version: versionRef.current,
      values: valuesRef.current,
      pending: dirtyRef.current,
      unacked: unackedRef.current,
      at: new Date().toISOString(),
    };
    try {
      if (!kept.pending && !kept.unacked) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, JSON.stringify(kept));
    } catch {
      // storage full or disabled: the server copy is still the record
    }
  }, [storageKey]);

  const send = useCallback(
    async (intent: SheetIntent = "save"): Promise<void> => {
      clearTimeout(saveTimer.current);
      if (inFlightRef.current) {
        if (intent === "submit" || queuedRef.current === null) queuedRef.current = intent;
        return;
      }
      if (blockedRef.current) return;
      // an unanswered earlier send goes first, unchanged, with its own key
      const payload: Payload = unackedRef.current ?? {
        key: oneTimeKey(),
        version: versionRef.current,
        intent,
        values: { ...valuesRef.current },
      };
      if (!unackedRef.current && intent === "save" && !dirtyRef.current) return;
      unackedRef.current = payload;
      inFlightRef.current = true;
      setStatus("saving");
      keep();
      let answer: Answer | null = null;
      let httpStatus = 0;
      try {
        const body = new URLSearchParams({
          ...payload.values,
          intent: payload.intent,
          version: String(payload.version),
          key: payload.key,
        });
        const response = await fetch(endpoint, {
          method: "POST",
          body,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        httpStatus = response.status;
        const type = response.headers.get("Content-Type") ?? "";
        if (response.redirected || !type.includes("application/json")) {
          // the session ended: the login page answered instead of the endpoint
          unackedRef.current = null;
          inFlightRef.current = false;
          setStatus("signedOut");
          keep();
          return;
        }
        answer = (await response.json()) as Answer;
      } catch {
        inFlightRef.current = false;
        setStatus("offline");
        keep();
        const delay = RETRY_MS[Math.min(attemptsRef.current, RETRY_MS.length - 1)]!;
        attemptsRef.current += 1;
        clearTimeout(retryTimer.current);
        retryTimer.current = setTimeout(() => void send(queuedRef.current ?? "save"), delay);
        return;
      }
      // the server answered: this payload is settled either way
      attemptsRef.current = 0;
      unackedRef.current = null;
      inFlightRef.current = false;
      const resend = payload !== null && payload.intent === "save" && intent === "submit";
      switch (answer.status) {
        case "saved": {
          versionRef.current = answer.version;
          setSavedAt(answer.savedAt);
          setServerErrors({});
          setFailedCode(null);
          if (sameValues(payload.values, valuesRef.current)) dirtyRef.current = false;
          keep();
          if (answer.sheetStatus === "submitted") {
            dirtyRef.current = false;
            blockedRef.current = true;
            keep();
            setStatus("saved");
            onSubmittedRef.current();
            return;
          }
          setStatus(dirtyRef.current ? "dirty" : "saved");
          break;
        }
        case "invalid":
          setServerErrors(answer.errors);
          setStatus("invalid");
          keep();
          queuedRef.current = null;
          return;
        case "conflict":
          blockedRef.current = true;
          setConflict({ current: answer.current, fromDevice: false });
          setStatus("conflict");
          keep();
          queuedRef.current = null;
          return;
        case "storage":
          setStatus("storage");
          keep();
          clearTimeout(retryTimer.current);
          retryTimer.current = setTimeout(() => void send(queuedRef.current ?? intent), 15000);
          return;
        case "locked":
        case "closed":
          blockedRef.current = true;
          setStatus(answer.status);
          keep();
          return;
        default:
          setFailedCode(httpStatus);
          setStatus("failed");
          keep();
          return;
      }
      const next = queuedRef.current ?? (resend ? "submit" : null);
      queuedRef.current = null;
      if (next === "submit") void send("submit");
      else if (next === "save" || dirtyRef.current) void send("save");
    },
    [endpoint, keep],
  );

  const setField = useCallback(
    (name: string, value: string) => {
      const next = { ...valuesRef.current, [name]: value };
      valuesRef.current = next;
      setValuesState(next);
      if (!editable) return;
      dirtyRef.current = true;
      keep();
      if (!blockedRef.current) {
        setStatus((s) => (s === "offline" || s === "storage" || s === "signedOut" ? s : "dirty"));
        clearTimeout(saveTimer.current);
        saveTimer.current = setTimeout(() => void send("save"), SAVE_DELAY_MS);
      }
    },
    [editable, keep, send],
  );

  /** Conflict: keep what this judge typed, on top of the newer server version. */
  const keepMine = useCallback(() => {
    if (!conflict) return;
    versionRef.current = conflict.current.version;
    blockedRef.current = false;
    dirtyRef.current = true;
    setConflict(null);
    keep();
    void send("save");
  }, [conflict, keep, send]);

  /** Conflict: take the server's version and drop this device's copy. */
  const takeServer = useCallback(() => {
    if (!conflict) return;
    const serverValues = valuesOfServerSheet(conflict.current);
    versionRef.current = conflict.current.version;
    valuesRef.current = serverValues;
    setValuesState(serverValues);
    dirtyRef.current = false;
    unackedRef.current = null;
    blockedRef.current = conflict.current.status === "submitted";
    setConflict(null);
    setSavedAt(conflict.current.updatedAt);
    setStatus("saved");
    keep();
  }, [conflict, keep]);

  // On opening the page: a copy kept on this device from an earlier visit is sent, or, when the
  // server moved on since, shown next to the server's version for the judge to choose.
  useEffect(() => {
    let kept: Kept | null = null;
    try {
      const raw = localStorage.getItem(storageKey);
      kept = raw ? (JSON.parse(raw) as Kept) : null;
    } catch {
      kept = null;
    }
    if (!kept || (!kept.pending && !kept.unacked)) return;
    const serverValues = valuesOfServerSheet(server);
    const keptValues = kept.values;
    if (sameValues(keptValues, serverValues) && !kept.unacked) {
      localStorage.removeItem(storageKey);
      return;
    }
    valuesRef.current = keptValues;
    setValuesState(keptValues);
    dirtyRef.current = true;
    if (kept.unacked && kept.unacked.version === server.version) {
      // sent but never answered, and the server has not moved: resend it as it was
      unackedRef.current = kept.unacked;
      void send(kept.unacked.intent);
    } else if (
      kept.unacked &&
      kept.unacked.version + 1 === server.version &&
      sameValues(kept.unacked.values, serverValues)
    ) {
      // it did arrive: what is left is anything typed after it
      versionRef.current = server.version;
      if (sameValues(keptValues, serverValues)) {
        dirtyRef.current = false;
        keep();
      } else if (editable) void send("save");
    } else if (kept.version === server.version && editable) {
      void send("save");
    } else {
      blockedRef.current = true;
      setConflict({ current: server, fromDevice: true });
      setStatus("conflict");
    }
    // run once per page (sheet); later server data arrives through this hook's own answers
  }, [storageKey]);

  useEffect(() => {
    const online = () => {
      if (unackedRef.current || dirtyRef.current) void send(queuedRef.current ?? "save");
    };
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(saveTimer.current);
      clearTimeout(retryTimer.current);
    };
  }, [send]);

  return {
    values,
    setField,
    status,
    savedAt,
    serverErrors,
    conflict,
    keepMine,
    takeServer,
    send,
    failedCode,
  };
}
