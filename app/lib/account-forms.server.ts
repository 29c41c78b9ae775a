import { z } from "zod";
import { emailField, newPasswordField } from "./forms";

/**
 * The login and change-password forms, as their actions parse them. Here rather than in the
 * route modules: the browser never validates them, and a schema built at a route module's top
 * level stays in that page's browser bundle, bringing zod with it.
 */

export const LoginSchema = z.object({
  email: emailField(),
  password: z
    .string({ error: "error.required" })
    .min(1, { error: "error.required" })
    .max(256, { error: "error.tooLong" }),
  redirectTo: z.string().optional(),
});

export const ChangePasswordSchema = z
  .object({
    current: z.string({ error: "error.required" }).min(1, { error: "error.required" }).max(256),
    next: newPasswordField(),
    confirm: z.string({ error: "error.required" }),
  })
  .refine((v) => v.next === v.confirm, {
    path: ["confirm"],
    error: "error.passwordMismatch",
  });
