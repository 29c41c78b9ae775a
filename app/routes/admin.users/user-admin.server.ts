import { z } from "zod";
import { ROLES, STAFF_ROLES, type Role } from "../../../db/schema";
import {
  emailField,
  formValues,
  optionalText,
  parseForm,
  parseIntent,
  formError,
  requiredText,
  type FieldErrors,
  repeatedFields,
} from "~/lib/forms";
import type { SessionUser } from "~/lib/session.server";
import {
  actorOf,
  createUser,
  getUser,
  resetPassword,
  setUserActive,
  updateUserDetails,
} from "~/models/users.server";

/**
 * The account actions shared by the admin's user page and the chair's judge page. What differs
 * is which roles the page may create and manage: an admin any, a chair only judges.
 */
const CreateSchema = z.object({
  intent: z.literal("create"),
  name: requiredText(120),
  email: emailField(),
  // a library's manager is made with its library (the entries page, the command line)
  role: z.enum(STAFF_ROLES, { error: "error.invalid" }).optional(),
  password: z
    .string()
    .max(256, { error: "error.tooLong" })
    .optional()
    .refine((p) => !p || p.length >= 8, { error: "error.passwordTooShort" }),
  district: optionalText(120),
  village: optionalText(120),
  institution: optionalText(200),
});

const EditSchema = z.object({
  intent: z.literal("edit"),
  userId: z.coerce.number().int().positive({ error: "error.invalid" }),
  name: requiredText(120),
  role: z.enum(ROLES, { error: "error.invalid" }),
});

const TargetSchema = z.object({
  intent: z.enum(["activate", "deactivate", "reset"]),
  userId: z.coerce.number().int().positive(),
});

export type UserAdminResult =
  | { ok: true; kind: "created"; email: string; tempPassword: string | null }
  | { ok: true; kind: "reset"; email: string; tempPassword: string }
  | { ok: true; kind: "activated" | "deactivated" | "edited"; email: string; name: string }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * One POST of a user page. A request the page could not have sent (an unknown operation, a role
 * or an account outside the page's remit) is thrown as its status, as `requireRole` does.
 */
export async function handleUserAdminAction(
  actingUser: SessionUser,
  formData: FormData,
  scope: { manageable: readonly Role[]; createRole?: Role; edit?: boolean },
): Promise<UserAdminResult> {
  const actor = actorOf(actingUser);
  const intent = parseIntent(formData, scope.edit ? ["create", "edit"] : ["create"]);
  if (intent === "edit") {
    const form = parseForm(EditSchema, formData);
    if (!form.ok) return { ok: false, errors: form.errors, values: form.values };
    const user = await getUser(form.data.userId);
    if (
      !user ||
      !scope.manageable.includes(user.role) ||
      !scope.manageable.includes(form.data.role)
    )
      throw new Response("Not found", { status: 404 });
    const result = await updateUserDetails(actor, user.id, {
      name: form.data.name,
      role: form.data.role,
    });
    if (!result.ok) return { ok: false, errors: result.errors, values: formValues(formData, []) };
    return { ok: true, kind: "edited", email: user.email, name: form.data.name };
  }
  if (intent === "create") {
    const form = parseForm(CreateSchema, formData, {
      omitFromEcho: ["password"],
    });
    if (!form.ok) return { ok: false, errors: form.errors, values: form.values };
    const role = scope.createRole ?? form.data.role ?? "judge";
    if (!scope.manageable.includes(role)) throw new Response("Forbidden", { status: 403 });
    const result = await createUser(actor, {
      ...form.data,
      role,
      password: form.data.password || undefined,
    });
    if (!result.ok)
      return { ok: false, errors: result.errors, values: formValues(formData, ["password"]) };
    return {
      ok: true,
      kind: "created",
      email: form.data.email,
      tempPassword: result.generated ? result.password : null,
    };
  }

  const target = TargetSchema.safeParse(Object.fromEntries(formData));
  if (!target.success || repeatedFields(formData).length > 0)
    throw new Response("Bad request", { status: 400 });
  const user = await getUser(target.data.userId);
  // someone outside this page's remit is answered as if absent
  if (!user || !scope.manageable.includes(user.role))
    throw new Response("Not found", { status: 404 });
  switch (target.data.intent) {
    case "reset":
      return {
        ok: true,
        kind: "reset",
        email: user.email,
        tempPassword: await resetPassword(actor, user.id),
      };
    case "activate":
    case "deactivate":
      if (user.id === actingUser.id)
        return { ok: false, errors: formError("users.cannotDeactivateSelf"), values: {} };
      await setUserActive(actor, user.id, target.data.intent === "activate");
      return {
        ok: true,
        kind: target.data.intent === "activate" ? "activated" : "deactivated",
        email: user.email,
        name: user.name,
      };
  }
}
