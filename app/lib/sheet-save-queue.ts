import { valuesOfSheet, sameValues } from "./sheet";
import type {
  SaveOutcome,
  SaveRequest,
  SheetErrors,
  SheetIntent,
  SheetState,
  SheetValues,
} from "./sheet-contract";
import { resumeFrom, writeDeviceCopy, type DeviceCopy } from "./sheet-device-copy";

/**
 * The autosave's send queue, without React: one send at a time; an unanswered send resent
 * unchanged (same key, so the server answers it once) after a pause, or as soon as the
 * connection returns; the device copy kept in step; and what the judge is shown of it all.
 */

export type AutosaveStatus =
  | "idle"
  | "dirty"
  | "saving"
  | "saved"
  | "offline"
  | "unavailable"
  | "storage"
  | "signedOut"
  | "invalid"
  | "conflict"
  | "locked"
  | "closed"
  | "failed";

/** A newer sheet on the server than the one typed on: from a save's answer, or found on opening. */
export interface SheetConflict {
  current: SheetState;
  fromDevice: boolean;
}

/** What the judge is shown of the autosave. */
export interface AutosaveView {
  status: AutosaveStatus;
  savedAt: string | null;
  serverErrors: SheetErrors;
  conflict: SheetConflict | null;
  /** the HTTP status of an answer the page does not expect */
  failedCode: number | null;
}

/** A change to the view: the fields that change, or a function of the view that gives them. */
export type ViewChange = Partial<AutosaveView> | ((view: AutosaveView) => Partial<AutosaveView>);

/** What the judge is shown of the server's answer to a send (`dirty`: typed since it left). */
export function viewOfAnswer(
  outcome: SaveOutcome,
  httpStatus: number,
  dirty: boolean,
): Partial<AutosaveView> {
  switch (outcome.status) {
    case "saved":
      return {
        savedAt: outcome.savedAt,
        serverErrors: {},
        failedCode: null,
        status: dirty ? "dirty" : "saved",
      };
    case "invalid":
      // a draft whose other fields were saved: the time moves on, the refused fields stay flagged
      return outcome.saved
        ? { serverErrors: outcome.errors, status: "invalid", savedAt: outcome.saved.savedAt }
        : { serverErrors: outcome.errors, status: "invalid" };
    case "conflict":
      return { conflict: { current: outcome.current, fromDevice: false }, status: "conflict" };
    case "storage":
    case "locked":
    case "closed":
      return { status: outcome.status };
    default:
      return { failedCode: httpStatus, status: "failed" };
  }
}

/** Typing marks the sheet unsaved, but a warning about the connection or the server stays. */
function edited(view: AutosaveView): Partial<AutosaveView> {
  return view.status === "offline" ||
    view.status === "unavailable" ||
    view.status === "storage" ||
    view.status === "signedOut"
    ? {}
    : { status: "dirty" };
}

const SAVE_DELAY_MS = 1200;
const STORAGE_RETRY_MS = 15000;
const RETRY_MS = [2000, 5000, 10000, 20000, 30000];

/** A one-time key. `crypto.randomUUID` exists only on HTTPS; an office server may be plain HTTP. */
export function oneTimeKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One send: the server's answer, or `signedOut` (the login page answered instead of the
 * endpoint: the session ended), or `offline` (no answer at all), or `unavailable` (the server
 * answered that its database did not: like no answer, the request is resent as it is).
 */
export async function postSave(
  endpoint: string,
  request: SaveRequest,
): Promise<{ outcome: SaveOutcome; httpStatus: number } | "signedOut" | "offline" | "unavailable"> {
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      body: new URLSearchParams({
        ...request.values,
        intent: request.intent,
        version: String(request.version),
        key: request.key,
      }),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const type = response.headers.get("Content-Type") ?? "";
    if (response.redirected || !type.includes("application/json")) return "signedOut";
    const body = (await response.json()) as SaveOutcome | { status: "unavailable" };
    if (body.status === "unavailable") return "unavailable";
    return { outcome: body, httpStatus: response.status };
  } catch {
    return "offline";
  }
}

/** What the queue needs from the page; the hook keeps it current. */
export interface QueueHost {
  endpoint: string;
  storageKey: string;
  editable: boolean;
  show: (change: ViewChange) => void;
  setValues: (values: SheetValues) => void;
  onSubmitted: () => void;
}

export class SaveQueue {
  /** what the judge has typed, latest */
  #values: SheetValues;
  /** the sheet version the next new send starts from */
  #version: number;
  /** typed since the last acknowledged save */
  #dirty = false;
  /** sent, not answered: goes first, unchanged, with its own key */
  #unacked: SaveRequest | null = null;
  #inFlight = false;
  /** asked for while a send was in flight (a submit outranks a save) */
  #queued: SheetIntent | null = null;
  /** nothing is sent: a conflict to resolve, or the sheet is submitted, locked or closed */
  #blocked = false;
  /** sends in a row that got no answer, for the back-off */
  #attempts = 0;
  #saveTimer?: ReturnType<typeof setTimeout>;
  #retryTimer?: ReturnType<typeof setTimeout>;

  constructor(
    public host: QueueHost,
    values: SheetValues,
    version: number,
  ) {
    this.#values = values;
    this.#version = version;
  }

  /** The judge typed: the device copy at once, a send a moment later. */
  edit(name: string, value: string): void {
    this.#setValues({ ...this.#values, [name]: value });
    if (!this.host.editable) return;
    this.#dirty = true;
    this.#keep();
    if (this.#blocked) return;
    this.host.show(edited);
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.send("save"), SAVE_DELAY_MS);
  }

  async send(intent: SheetIntent = "save"): Promise<void> {
    clearTimeout(this.#saveTimer);
    if (this.#inFlight) {
      if (intent === "submit" || this.#queued === null) this.#queued = intent;
      return;
    }
    if (this.#blocked) return;
    const request = this.#next(intent);
    if (!request) return;
    this.#unacked = request;
    this.#inFlight = true;
    this.host.show({ status: "saving" });
    this.#keep();
    const reply = await postSave(this.host.endpoint, request);
    this.#inFlight = false;
    if (reply === "signedOut") this.#unacked = null;
    if (typeof reply === "string") {
      this.host.show({ status: reply });
      this.#keep();
      if (reply === "offline" || reply === "unavailable")
        this.#retry(RETRY_MS[Math.min(this.#attempts++, RETRY_MS.length - 1)]!, "save");
      return;
    }
    this.#settle(reply.outcome, request);
    this.host.show(viewOfAnswer(reply.outcome, reply.httpStatus, this.#dirty));
    this.#keep();
    this.#then(reply.outcome, request, intent);
  }

  /** When the connection returns, whatever is unsent or unanswered goes at once. */
  online(): void {
    if (this.#unacked || this.#dirty) void this.send(this.#queued ?? "save");
  }

  stop(): void {
    clearTimeout(this.#saveTimer);
    clearTimeout(this.#retryTimer);
  }

  /**
   * On opening the page: a copy kept on this device from an earlier visit is sent, or, when the
   * server moved on since, shown next to the server's version for the judge to choose.
   */
  resume(copy: DeviceCopy | null, server: SheetState): void {
    const resume = resumeFrom(copy, server, this.host.editable);
    if (resume.kind === "none") return;
    if (resume.kind === "drop") return writeDeviceCopy(this.host.storageKey, null);
    this.#setValues(resume.values);
    this.#dirty = true;
    if (resume.kind === "resend") {
      this.#unacked = resume.request;
      void this.send(resume.request.intent);
    } else if (resume.kind === "conflict") {
      this.#blocked = true;
      this.host.show({ conflict: { current: server, fromDevice: true }, status: "conflict" });
    } else if (resume.kind === "send") {
      void this.send("save");
    } else {
      this.#version = server.version;
      if (resume.rest === "send") void this.send("save");
      else if (resume.rest === "clean") {
        // the work kept on this device is on the server: say so, not "no changes yet"
        this.#dirty = false;
        this.#keep();
        this.host.show({ status: "saved", savedAt: server.updatedAt });
      }
    }
  }

  /**
   * Conflict: keep what this judge typed (or `chosen`: a mix of the judge's values and the
   * server's, field by field), saved on top of the newer server version.
   */
  keepMine(current: SheetState, chosen?: SheetValues): void {
    if (chosen) this.#setValues(chosen);
    this.#version = current.version;
    this.#blocked = false;
    this.#dirty = true;
    this.host.show({ conflict: null });
    this.#keep();
    void this.send("save");
  }

  /** Conflict: take the server's version and drop this device's copy. */
  takeServer(current: SheetState): void {
    this.#version = current.version;
    this.#setValues(valuesOfSheet(current));
    this.#dirty = false;
    this.#unacked = null;
    this.#blocked = current.status === "submitted";
    this.host.show({ conflict: null, savedAt: current.updatedAt, status: "saved" });
    this.#keep();
  }

  /** The next request: the unanswered one as it was, else a new one; null: nothing to send. */
  #next(intent: SheetIntent): SaveRequest | null {
    if (this.#unacked) return this.#unacked;
    if (intent === "save" && !this.#dirty) return null;
    return { key: oneTimeKey(), version: this.#version, intent, values: { ...this.#values } };
  }

  /** An answer, whatever it says, settles the request it answers. */
  #settle(outcome: SaveOutcome, request: SaveRequest): void {
    this.#attempts = 0;
    this.#unacked = null;
    switch (outcome.status) {
      case "saved":
        this.#version = outcome.version;
        if (sameValues(request.values, this.#values)) this.#dirty = false;
        if (outcome.sheetStatus !== "submitted") break;
        this.#dirty = false;
        this.#blocked = true;
        break;
      case "invalid":
        // the other fields were saved; the refused ones stay unsent on this device (#dirty)
        if (outcome.saved) this.#version = outcome.saved.version;
        this.#queued = null;
        break;
      case "conflict":
        this.#blocked = true;
        // like an invalid form, what was asked for meanwhile waits for the judge
        this.#queued = null;
        break;
      case "locked":
      case "closed":
        this.#blocked = true;
    }
  }

  /**
   * After an answer: the sheet is final, or the server could not write (try again later), or
   * the next send: an intent asked for meanwhile, a submit that had to let an unanswered save go
   * first, or whatever is still unsent. Any other answer stops the queue until the judge acts.
   */
  #then(outcome: SaveOutcome, sent: SaveRequest, asked: SheetIntent): void {
    if (outcome.status === "storage") return this.#retry(STORAGE_RETRY_MS, asked);
    // a refused field waits for the judge; anything else typed while the send was out goes now
    if (outcome.status === "invalid" && !sameValues(sent.values, this.#values))
      return void this.send("save");
    if (outcome.status !== "saved") return;
    if (outcome.sheetStatus === "submitted") return this.host.onSubmitted();
    const next = this.#queued ?? (sent.intent === "save" && asked === "submit" ? "submit" : null);
    this.#queued = null;
    if (next === "submit") void this.send("submit");
    else if (next === "save" || this.#dirty) void this.send("save");
  }

  #retry(delay: number, fallback: SheetIntent): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => void this.send(this.#queued ?? fallback), delay);
  }

  #setValues(values: SheetValues): void {
    this.#values = values;
    this.host.setValues(values);
  }

  #keep(): void {
    writeDeviceCopy(this.host.storageKey, {
      version: this.#version,
      values: this.#values,
      pending: this.#dirty,
      unacked: this.#unacked,
    });
  }
}
