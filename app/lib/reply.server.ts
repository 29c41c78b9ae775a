import { json } from "@remix-run/node";
import type { FieldErrors, FormReply } from "./forms";

/** A reply's body: the page's fields (each variant of a union kept apart) with errors and values. */
type Body<T> = T extends unknown ? Omit<T, keyof FormReply> & FormReply : never;

/**
 * The one way an action answers with data: `{ errors, values, …page fields }` and a status
 * (400 for a form the user can correct, 409 for a refused change, 404 for an object not there).
 * Passwords are never echoed: leave them out of `values` (`parseForm`'s `omitFromEcho`).
 */
export function reply<T extends object = object>(
  body: T & Partial<FormReply>,
  init: number | ResponseInit = 200,
) {
  const errors: FieldErrors = body.errors ?? {};
  const values: Record<string, string> = body.values ?? {};
  return json<Body<T>>(
    { ...body, errors, values } as unknown as Body<T>,
    typeof init === "number" ? { status: init } : init,
  );
}
