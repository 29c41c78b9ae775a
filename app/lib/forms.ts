import { z } from "zod";

/**
 * Form parsing shared by every action. Messages inside schemas are catalog keys
 * ("error.required"); the component translates them next to the field.
 */
export type FieldErrors = Partial<Record<string, string[]>>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Text values of a form, for echoing back what the user typed after an error. */
export function formValues(formData: FormData, omit: readonly string[] = []): Record<string, string> {
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
  for (const [key, value] of formData) {
    // a repeated field keeps its first value; schemas that want lists read formData.getAll
    if (!(key in raw)) raw[key] = typeof value === "string" ? value : undefined;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    errors: issuesToFieldErrors(parsed.error.issues),
    values: formValues(formData, options.omitFromEcho),
  };
}

export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
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
    .max(max, { error: "error.tooLong" });

/** An optional text field; empty means "". */
export const optionalText = (max = MAX_TEXT) =>
  z
    .string({ error: "error.invalid" })
    .trim()
    .max(max, { error: "error.tooLong" })
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
