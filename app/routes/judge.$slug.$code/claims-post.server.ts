import { CLAIM_RESULTS, type ClaimResult } from "../../../db/schema";
import { CLAIM_VALUE_MAX, type ClaimsOutcome } from "~/lib/claim-values";
import type { SessionUser } from "~/lib/session.server";
import { noControlCharacters } from "~/lib/text";
import { canOpenSheet, saveClaimChecks, type PostedCheck } from "~/models/claims.server";
import { actorOf } from "~/models/users.server";

/** An indicator code as it can appear in a field name (the criteria editor's codes are shorter). */
const CODE = /^[A-Za-z0-9._-]{1,40}$/;

type Parsed =
  | { ok: true; checks: Record<string, PostedCheck> }
  | { ok: false; errors: Record<string, string[]> };

/**
 * The visit checks' fields: `intent=claims`, `check.<code>` (verified | corrected) and
 * `observed.<code>` (the value seen, for a correction; checked against the claim's kind by the
 * model). A field sent twice, a result other than the two, text too long or with control
 * characters, or an observed value with no result chosen: refused, nothing saved.
 */
export function parseClaimsForm(formData: FormData): Parsed {
  const errors: Record<string, string[]> = {};
  const add = (field: string, key: string) => (errors[field] ??= []).push(key);
  const seen = new Set<string>();
  const results: Record<string, ClaimResult> = {};
  const observed: Record<string, string> = {};
  for (const [name, raw] of formData) {
    if (seen.has(name)) {
      if (name === "intent" || name.startsWith("check.") || name.startsWith("observed."))
        add(name, "error.repeated");
      continue;
    }
    seen.add(name);
    const value = typeof raw === "string" ? raw : null;
    if (name === "intent") {
      if (value !== "claims") add("_form", "error.invalid");
      continue;
    }
    const [prefix, ...rest] = name.split(".");
    const code = rest.join(".");
    if (prefix !== "check" && prefix !== "observed") continue;
    if (!CODE.test(code) || value === null) {
      add(name, "error.invalid");
      continue;
    }
    if (prefix === "check") {
      if ((CLAIM_RESULTS as readonly string[]).includes(value))
        results[code] = value as ClaimResult;
      else add(name, "error.invalid");
    } else if (value.trim().length > CLAIM_VALUE_MAX) add(name, "error.tooLong");
    else if (!noControlCharacters(value)) add(name, "error.controlCharacters");
    else observed[code] = value;
  }
  if (!seen.has("intent")) add("_form", "error.invalid");
  for (const [code, value] of Object.entries(observed))
    if (value.trim() !== "" && !results[code] && !errors[`check.${code}`])
      add(`check.${code}`, "scoring.claims.error.chooseResult");
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(results).length === 0)
    return { ok: false, errors: { _form: ["scoring.claims.error.nothing"] } };
  const checks: Record<string, PostedCheck> = {};
  for (const [code, result] of Object.entries(results))
    checks[code] = { result, observed: observed[code] ?? "" };
  return { ok: true, checks };
}

/**
 * One POST of the visit checks (the sheet page's `?claims` form and its JSON endpoint): the
 * judge's own assignment first (404), then the form (400), then the save (403 not a visit stage,
 * 409 the sheet is locked, 400 an observed value that does not fit the claim). The caller has
 * checked the role. `values` are the fields as posted, for the page to show again.
 */
export async function handleClaimsPost(
  user: SessionUser,
  slug: string,
  code: string,
  request: Request,
): Promise<{ outcome: ClaimsOutcome; values: Record<string, string> }> {
  if (!(await canOpenSheet(user.id, slug, code)))
    return { outcome: { status: "notFound" }, values: {} };
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { outcome: { status: "invalid", errors: { _form: ["error.invalid"] } }, values: {} };
  }
  const values: Record<string, string> = {};
  for (const [name, value] of formData)
    if (typeof value === "string" && !(name in values) && /^(check|observed)\./.test(name))
      values[name] = value;
  const form = parseClaimsForm(formData);
  if (!form.ok) return { outcome: { status: "invalid", errors: form.errors }, values };
  return {
    outcome: await saveClaimChecks(actorOf(user), user.id, slug, code, form.checks),
    values,
  };
}
