import { sameValues, valuesOfSheet } from "./sheet";
import type { SaveRequest, SheetState, SheetValues } from "./sheet-contract";

/**
 * The copy of a sheet kept in the browser's local storage (docs/http.md) until the server has
 * acknowledged it: what the judge typed, whether some of it is still unsent, and a send that got
 * no answer (kept as it was, with its key, to be resent unchanged).
 */
export interface DeviceCopy {
  /** the sheet version the values were typed against */
  version: number;
  values: SheetValues;
  /** typed since the last acknowledged save */
  pending: boolean;
  unacked: SaveRequest | null;
  at: string;
}

export function readDeviceCopy(storageKey: string): DeviceCopy | null {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as DeviceCopy) : null;
  } catch {
    return null;
  }
}

/** Keeps the copy while anything is unsent or unanswered, and drops it once nothing is (or null). */
export function writeDeviceCopy(storageKey: string, copy: Omit<DeviceCopy, "at"> | null): void {
  try {
    if (!copy || (!copy.pending && !copy.unacked)) localStorage.removeItem(storageKey);
    else
      localStorage.setItem(storageKey, JSON.stringify({ ...copy, at: new Date().toISOString() }));
  } catch {
    // storage full or disabled: the server copy is still the record
  }
}

/**
 * What to do on opening the page with a copy kept from an earlier visit, given the server's sheet
 * as loaded:
 * - `none`: nothing kept, or nothing of it unsent; `drop`: it is what the server has;
 * - `resend`: sent but never answered, and the server has not moved: send it again as it was;
 * - `arrived`: that send did arrive (the server is one version on, with its values): what is left
 *   is anything typed after it: nothing (`clean`), to send (`send`), or to show only (`hold`,
 *   the sheet is no longer editable);
 * - `send`: unsent changes against the server's current version;
 * - `conflict`: the server moved on meanwhile; the judge sees both and chooses.
 * Every case but `none` and `drop` shows the kept values.
 */
export type Resume =
  | { kind: "none" }
  | { kind: "drop" }
  | { kind: "resend"; values: SheetValues; request: SaveRequest }
  | { kind: "arrived"; values: SheetValues; rest: "clean" | "send" | "hold" }
  | { kind: "send"; values: SheetValues }
  | { kind: "conflict"; values: SheetValues };

export function resumeFrom(copy: DeviceCopy | null, server: SheetState, editable: boolean): Resume {
  if (!copy || (!copy.pending && !copy.unacked)) return { kind: "none" };
  const serverValues = valuesOfSheet(server);
  const { values, unacked } = copy;
  if (sameValues(values, serverValues) && !unacked) return { kind: "drop" };
  if (unacked && unacked.version === server.version)
    return { kind: "resend", values, request: unacked };
  if (
    unacked &&
    unacked.version + 1 === server.version &&
    sameValues(unacked.values, serverValues)
  ) {
    const rest = sameValues(values, serverValues) ? "clean" : editable ? "send" : "hold";
    return { kind: "arrived", values, rest };
  }
  if (copy.version === server.version && editable) return { kind: "send", values };
  return { kind: "conflict", values };
}
