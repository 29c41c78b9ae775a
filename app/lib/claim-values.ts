import type { ClaimKind } from "../../db/schema";
import { noControlCharacters } from "./text";

/**
 * Reported values (docs/decisions/012-self-assessment.md): how a value is typed, stored and
 * compared with the standard's minimum. Shared by the browser (the sheet's live checks) and the
 * server; no libraries.
 *
 * Stored form: a number as a canonical decimal (`1000`, `12.5`), yes/no as `yes`/`no`, text as
 * typed (trimmed). Typed form of a number: Indonesian, `1.000` or `1000`, decimals after a comma
 * (`12,5`, `1.250,75`).
 */

/** The longest value (the columns' CHECK says the same). */
export const CLAIM_VALUE_MAX = 500;

const GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const PLAIN = /^\d+(?:,\d+)?$/;
/** Digits a number may have: beyond this a double loses units. */
const MAX_DIGITS = 15;

/** A number typed the Indonesian way as a canonical decimal; null when it is not one. */
export function parseIndonesianNumber(raw: string): string | null {
  const text = raw.trim();
  if (!GROUPED.test(text) && !PLAIN.test(text)) return null;
  const [whole = "", fraction = ""] = text.replace(/\./g, "").split(",");
  if (whole.length + fraction.length > MAX_DIGITS) return null;
  const units = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction.replace(/0+$/, "");
  return decimals ? `${units}.${decimals}` : units;
}

/**
 * What the judge (or the library) typed for a value of this kind, checked: the stored form, or a
 * catalog key saying what is wrong. Empty is an error: the caller decides whether it is asked.
 */
export function parseClaimInput(
  kind: ClaimKind,
  raw: string | undefined,
): { value: string; error?: undefined } | { value?: undefined; error: string } {
  const text = (raw ?? "").trim();
  if (text === "") return { error: "scoring.claims.error.observedRequired" };
  switch (kind) {
    case "number": {
      const value = parseIndonesianNumber(text);
      return value === null ? { error: "scoring.claims.error.number" } : { value };
    }
    case "yesno":
      return text === "yes" || text === "no"
        ? { value: text }
        : { error: "scoring.claims.error.yesno" };
    case "text":
      if (text.length > CLAIM_VALUE_MAX) return { error: "error.tooLong" };
      if (!noControlCharacters(text)) return { error: "error.controlCharacters" };
      return { value: text };
  }
}

/**
 * Whether a stored value meets the standard: a number at least the minimum; yes/no "yes" when
 * the standard requires it. Null when there is nothing to compare (no minimum, text).
 */
export function meetsStandard(
  kind: ClaimKind,
  value: string,
  standardMin: number | null,
): boolean | null {
  if (standardMin === null) return null;
  if (kind === "number") {
    const n = Number(value);
    return Number.isFinite(n) ? n >= standardMin : null;
  }
  if (kind === "yesno") return standardMin >= 1 ? value === "yes" : null;
  return null;
}

/** A stored number as the reader's language writes it (`1.000,5` / `1,000.5`). */
export function formatClaimNumber(value: string | number, locale: string): string {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return n.toLocaleString(locale, { maximumFractionDigits: 6 });
}

/** A stored number the way a judge types it back (Indonesian: `1.000,5`), to correct it. */
export function typedNumber(value: string): string {
  // from the digits themselves, so no digit is lost to floating point
  const [whole = "", fraction] = value.split(".");
  if (!/^\d+$/.test(whole) || (fraction !== undefined && !/^\d+$/.test(fraction))) return value;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return fraction ? `${grouped},${fraction}` : grouped;
}

/** A judge's check of a reported value: verified, or corrected with what was observed. */
export interface ClaimCheck {
  result: "verified" | "corrected";
  observed: string | null;
}

/**
 * The answer to a POST of visit checks (docs/http.md), also the JSON body of its endpoint: saved
 * (the judge's checks now), a form to correct (errors by field, catalog keys), or refused.
 */
export type ClaimsOutcome =
  | { status: "saved"; checks: Record<string, ClaimCheck>; savedAt: string }
  | { status: "invalid"; errors: Record<string, string[]> }
  | { status: "notFound" | "notVisit" | "locked" };

/** The HTTP status of each outcome. */
export function claimsStatusOf(outcome: ClaimsOutcome): number {
  switch (outcome.status) {
    case "saved":
      return 200;
    case "invalid":
      return 400;
    case "notFound":
      return 404;
    case "notVisit":
      return 403;
    case "locked":
      return 409;
  }
}
