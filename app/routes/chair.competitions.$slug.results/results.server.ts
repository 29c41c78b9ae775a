import { redirect } from "@remix-run/node";
import { z } from "zod";
import type { Competition } from "../../../db/schema";
import { formValues, isNotFound, requiredText, type FieldErrors } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import { recordTieDecision } from "~/models/ranking.server";
import { actorOf } from "~/models/users.server";

const TieSchema = z.object({
  intent: z.literal("tie", { error: "setup.error.badRequest" }),
  reason: requiredText(1000),
});

/**
 * The chair orders a prize-deciding tie: `position.<entry id>` = 1, 2, … for every tied entry.
 * The caller has already checked the role and the competition.
 */
export async function handleTiePost(user: SessionUser, c: Competition, formData: FormData) {
  const tieKey = typeof formData.get("tieKey") === "string" ? String(formData.get("tieKey")) : null;
  const fail = (errors: FieldErrors, status = 400) =>
    reply({ tieKey, errors, values: formValues(formData) }, status);
  const form = TieSchema.safeParse({
    intent: formData.get("intent"),
    reason: formData.get("reason") ?? undefined,
  });
  const positions: { entryId: number; position: number }[] = [];
  for (const [key, value] of formData) {
    const m = /^position\.(\d{1,9})$/.exec(key);
    if (!m || typeof value !== "string") continue;
    const position = Number(value.trim());
    if (!/^\d{1,3}$/.test(value.trim()))
      return fail({ [`position.${m[1]}`]: ["results.tie.position"] });
    positions.push({ entryId: Number(m[1]), position });
  }
  const errors: FieldErrors = {};
  if (!form.success)
    for (const issue of form.error.issues)
      (errors[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
  const sorted = [...positions].sort((a, b) => a.position - b.position);
  if (positions.length < 2 || sorted.some((p, i) => p.position !== i + 1))
    (errors._form ??= []).push("results.tie.order");
  if (Object.keys(errors).length > 0 || !form.success) return fail(errors);
  const result = await recordTieDecision(actorOf(user), c.id, {
    entryIds: sorted.map((p) => p.entryId),
    reason: form.data.reason,
  });
  if (!result.ok) return fail(result.errors, isNotFound(result) ? 404 : 409);
  return redirect(`/chair/competitions/${c.slug}/results?decided=1`, 303);
}
