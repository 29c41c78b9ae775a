import { z } from "zod";
import { requiredText } from "./forms";

/**
 * The chair's reopening of a submitted sheet (the sheets page): which sheet, and why. Kept out of
 * the route module so the page's browser bundle does not carry zod.
 */
export const ReopenSchema = z.object({
  intent: z.literal("reopen", { error: "setup.error.badRequest" }),
  sheetId: z.coerce
    .number({ error: "error.invalid" })
    .int({ error: "error.invalid" })
    .positive({ error: "error.invalid" }),
  reason: requiredText(1000),
});
