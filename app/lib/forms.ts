import { z } from "zod";
import { noControlCharacters } from "./text";

/**
 * Form parsing shared by every action. Messages inside schemas are catalog keys
 * ("error.required"); the component translates them next to the field.
 */
export type FieldErrors = Partial<Record<string, string[]>>;

/** The field that holds what belongs to no single field of a form. */
export const FORM = "_form";

/**
 * What a model answers to a change: done (with what it produced), or refused with catalog keys
 * by field (`_form` for the whole form; `error.404` there when the object is not found).
 * Outcomes that carry more than a message (a status move's reasons, criteria issues by path, a
 * CSV preview, a file's problems) keep their own shapes.
 */
export type Refusal = { ok: false; errors: FieldErrors };
export type Result<T extends object = object> = ({ ok: true } & T) | Refusal;

/** One message on the whole form (or on one field). */
export const formError = (key: string, field: string = FORM): FieldErrors => ({ [field]: [key] });

/** A refusal with one message, on the whole form or on one field. */
export function refuse(key: string, field: string = FORM): Refusal {
  return { ok: false, errors: formError(key, field) };
}

/** The object was not there (or not this caller's): answered as 404. */
export const isNotFound = (r: Refusal) => r.errors[FORM]?.includes("error.404") ?? false;

/** Every message of a reply in one list, for a form that shows them together. */
export const allErrors = (errors: FieldErrors): string[] =>
  Object.values(errors).flatMap((list) => list ?? []);

/**
 * The body of every action's answer (built by `reply()` in reply.server.ts): errors by field
 * and the typed values to show again, plus what the page needs besides.
 */
export interface FormReply {
  errors: FieldErrors;
  values: Record<string, string>;
}

export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * The operation a form asks for (its `intent` field), when it is one the action knows; null
 * otherwise. The first value counts, as with `formData.get`.
 */
export function parseIntent<const I extends string>(
  formData: FormData,
  intents: readonly I[],
): I | null {
  const intent = formData.get("intent");
  return typeof intent === "string" && (intents as readonly string[]).includes(intent)
    ? (intent as I)
    : null;
}

/** The names sent more than once in a form. */
export function repeatedFields(formData: FormData | URLSearchParams): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const [key] of formData) (seen.has(key) ? twice : seen).add(key);
  return [...twice];
}

/** Text values of a form, for echoing back what the user typed after an error. */
export function formValues(
  formData: FormData,
  omit: readonly string[] = [],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !omit.includes(key)) values[key] = value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  options: { omitFromEcho?: readonly string[] } = {},
): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  const repeated = new Set<string>();
  for (const [key, value] of formData) {
    if (key in raw) repeated.add(key);
    else raw[key] = typeof value === "string" ? value : undefined;
  }
  const parsed = schema.safeParse(raw);
  // a single-value field sent twice is ambiguous (which one did the user mean?): refused
  const known =
    repeated.size > 0 && parsed.success ? Object.keys(parsed.data as object) : Object.keys(raw);
  const ambiguous = [...repeated].filter((k) => known.includes(k));
  if (parsed.success && ambiguous.length === 0) return { ok: true, data: parsed.data };
  const errors = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
  for (const key of ambiguous) (errors[key] ??= []).push("error.repeated");
  return {
    ok: false,
    errors,
    values: formValues(formData, options.omitFromEcho),
  };
}

function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

const MAX_TEXT = 500;

/** A required single-line text field. */
export const requiredText = (max = MAX_TEXT) =>
  z
    .string({ error: "error.required" })
    .trim()
    .min(1, { error: "error.required" })
    .max(max, { error: "error.tooLong" })
    .refine(noControlCharacters, { error: "error.controlCharacters" });

/** An optional text field; empty means "". */
export const optionalText = (max = MAX_TEXT) =>
  z
    .string({ error: "error.invalid" })
    .trim()
    .max(max, { error: "error.tooLong" })
    .refine(noControlCharacters, { error: "error.controlCharacters" })
    .optional()
    .transform((v) => v ?? "");

export const emailField = () =>
  z
    .string({ error: "error.required" })
    .trim()
    .toLowerCase()
    .min(1, { error: "error.required" })
    .max(254, { error: "error.tooLong" })
    .pipe(z.email({ error: "error.email" }));

export const newPasswordField = () =>
  z
    .string({ error: "error.required" })
    .min(8, { error: "error.passwordTooShort" })
    .max(256, { error: "error.tooLong" });

/**
 * Every value of a repeated id field (checkbox lists), or null when any value is not a positive
 * whole number or none was sent: a malformed list is refused, never silently shortened.
 */
export function idList(formData: FormData, name: string): number[] | null {
  const values = formData.getAll(name);
  if (values.length === 0) return null;
  const ids: number[] = [];
  for (const v of values) {
    if (typeof v !== "string" || !/^\d{1,9}$/.test(v.trim()) || Number(v) === 0) return null;
    ids.push(Number(v));
  }
  return ids;
}
