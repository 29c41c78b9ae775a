import type { ClaimKind, SelfAssessmentStatus } from "../../db/schema";
import { typedNumber } from "./claim-values";
import { noControlCharacters } from "./text";

/**
 * The library's self-assessment (docs/decisions/012-self-assessment.md), the parts the browser
 * and the server share: numbers as an Indonesian office types them, the reported value a chair
 * asks for on an indicator, and the library's form. The form's schemas, for the server's parsing
 * only, are in self-assessment-schema.server.ts.
 */

// ---- Numbers -----------------------------------------------------------------------------------

/** The largest whole part a reported number may have (a collection of a billion titles is a typo). */
const MAX_WHOLE_DIGITS = 12;
const MAX_FRACTION_DIGITS = 4;

/**
 * A non-negative number as typed, in canonical decimal form ("1000", "12.5"), or null when it is
 * not one. Indonesian first: "." groups thousands and "," marks the decimals ("1.000", "12,5",
 * "1.250,75"); a lone "." that cannot be a thousands group reads as a decimal point ("12.5"), as
 * a spreadsheet in English would write it. Spaces around are ignored; nothing else is accepted.
 */
export function parseDecimal(typed: string): string | null {
  const s = typed.trim().replace(/\s/g, "");
  let whole: string;
  let fraction = "";
  const grouped = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
  const plain = /^\d+(,\d+)?$/;
  const dotted = /^\d+\.\d+$/;
  if (grouped.test(s) || plain.test(s)) {
    const [w, f] = s.split(",");
    whole = w!.replace(/\./g, "");
    fraction = f ?? "";
  } else if (dotted.test(s)) {
    [whole, fraction] = s.split(".") as [string, string];
  } else return null;
  whole = whole.replace(/^0+(?=\d)/, "");
  fraction = fraction.replace(/0+$/, "");
  if (whole.length > MAX_WHOLE_DIGITS || fraction.length > MAX_FRACTION_DIGITS) return null;
  return fraction ? `${whole}.${fraction}` : whole;
}

/** A canonical decimal ("1000.5") or a number as an Indonesian reader writes it ("1.000,5"). */
export function formatDecimal(value: string | number): string {
  return typedNumber(String(value));
}

// ---- What the chair asks for -------------------------------------------------------------------

/** The units offered in the criteria editor; any other short text is allowed too. */
export const CLAIM_UNITS = ["judul", "m²", "jam/hari", "orang"] as const;
export const MAX_UNIT = 20;

/** A reported value the chair asks for on an indicator. */
export interface Claim {
  kind: ClaimKind;
  /** a number's unit ("" otherwise) */
  unit: string;
  /** numbers: the standard's minimum; yes/no: 1 when the standard requires "yes"; else null */
  standardMin: number | null;
}

/** A claim as the criteria editor's fields hold it (every value a string). */
export interface DraftClaim {
  /** "" (none), number, yesno, text */
  kind: string;
  unit: string;
  /** the standard's minimum as typed (numbers) */
  standard: string;
  /** "on" when the standard requires "yes" (yes/no) */
  requiresYes: string;
}

export const NO_CLAIM: DraftClaim = { kind: "", unit: "", standard: "", requiresYes: "" };

export function claimToDraft(claim: Claim | undefined): DraftClaim {
  if (!claim) return NO_CLAIM;
  return {
    kind: claim.kind,
    unit: claim.unit,
    standard:
      claim.kind === "number" && claim.standardMin !== null ? formatDecimal(claim.standardMin) : "",
    requiresYes: claim.kind === "yesno" && claim.standardMin === 1 ? "on" : "",
  };
}

/**
 * A claim as typed in the editor: the claim (null: none asked), or the catalog key of what is
 * wrong with which of its fields.
 */
export function readDraftClaim(
  draft: DraftClaim,
):
  | { ok: true; claim: Claim | null }
  | { ok: false; field: "kind" | "unit" | "standard"; message: string } {
  const kind = draft.kind.trim();
  if (kind === "" || kind === "none") return { ok: true, claim: null };
  if (kind !== "number" && kind !== "yesno" && kind !== "text")
    return { ok: false, field: "kind", message: "error.invalid" };
  if (kind === "yesno")
    return {
      ok: true,
      claim: { kind, unit: "", standardMin: draft.requiresYes === "on" ? 1 : null },
    };
  if (kind === "text") return { ok: true, claim: { kind, unit: "", standardMin: null } };
  const unit = draft.unit.trim();
  if (unit.length > MAX_UNIT) return { ok: false, field: "unit", message: "error.tooLong" };
  if (!noControlCharacters(unit))
    return { ok: false, field: "unit", message: "error.controlCharacters" };
  const typed = draft.standard.trim();
  if (typed === "") return { ok: true, claim: { kind, unit, standardMin: null } };
  const standard = parseDecimal(typed);
  if (standard === null)
    return { ok: false, field: "standard", message: "selfAssessment.error.number" };
  return { ok: true, claim: { kind, unit, standardMin: Number(standard) } };
}

// ---- What the library says ---------------------------------------------------------------------

/** One reported value on the library's form: the claim and its indicator. */
export interface FormClaim extends Claim {
  code: string;
  name: string;
}

export const SELF_ASSESSMENT_INTENTS = ["save", "submit"] as const;
export type SelfAssessmentIntent = (typeof SELF_ASSESSMENT_INTENTS)[number];

/** The profile fields the library may propose for the registry. */
export const PROFILE_FIELDS = ["headName", "openingHours", "members"] as const;

export const MAX_CLAIM_TEXT = 200;

/** The form field of an indicator's reported value. */
export const valueField = (code: string) => `value.${code}`;

export type SelfAssessmentForm = {
  intent: SelfAssessmentIntent;
  version: number;
  /** the profile fields; undefined: not sent (unchanged) */
  headName?: string;
  openingHours?: string;
  members?: number | null;
  /** by indicator code: the canonical value, "" when empty */
  values: Record<string, string>;
};

/** The parsed form in a plain shape (values by indicator code). */
export function formOf(
  data: Record<string, unknown>,
  claims: readonly Pick<FormClaim, "code">[],
): SelfAssessmentForm {
  const values: Record<string, string> = {};
  for (const c of claims) values[c.code] = String(data[valueField(c.code)] ?? "");
  return {
    intent: data.intent as SelfAssessmentIntent,
    version: data.version as number,
    headName: data.headName as string | undefined,
    openingHours: data.openingHours as string | undefined,
    members: data.members as number | null | undefined,
    values,
  };
}

/** The codes of the claims a submit still needs a value for. */
export function missingValues(
  claims: readonly Pick<FormClaim, "code">[],
  values: Record<string, string>,
): string[] {
  return claims.filter((c) => (values[c.code] ?? "").trim() === "").map((c) => c.code);
}

/** Whether the window is open now: not set yet, before it opens, open, or closed. */
export type WindowState = "unset" | "before" | "open" | "closed";

export function windowState(
  opens: string | null,
  closes: string | null,
  now: string = new Date().toISOString(),
): WindowState {
  if (!opens || !closes) return "unset";
  if (now < opens) return "before";
  if (now >= closes) return "closed";
  return "open";
}

/** The status a chair sees per entry: none (nothing saved yet), draft or submitted. */
export type SelfAssessmentState = SelfAssessmentStatus | "none";

// ---- The window, in the committee's local time -------------------------------------------------

/**
 * Dates are the committee's (WITA, UTC+8, as every date the app shows: lib/format.ts): the
 * window opens at the start of its first day and closes at the end of its last, stored in UTC.
 */
const LOCAL_OFFSET = "+08:00";
const LOCAL_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "2025-03-01" → the moment that day starts in WITA, as ISO UTC. */
export function localDayStart(date: string): string {
  return new Date(`${date}T00:00:00${LOCAL_OFFSET}`).toISOString();
}

/** "2025-03-31" → the moment that day ends in WITA (the next day's start), as ISO UTC. */
export function localDayEnd(date: string): string {
  return new Date(Date.parse(localDayStart(date)) + DAY_MS).toISOString();
}

/** The WITA date of a moment ("" for none); `end`: the day a window's exclusive end closes. */
export function localDate(iso: string | null, end = false): string {
  if (!iso) return "";
  return new Date(Date.parse(iso) + LOCAL_OFFSET_MS - (end ? 1 : 0)).toISOString().slice(0, 10);
}
