import { z } from "zod";
import type { Competition } from "../../../db/schema";
import { optionalText, parseForm, parseIntent, requiredText } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import {
  decideProfile,
  getChairSelfAssessment,
  reopenSelfAssessment,
} from "~/models/self-assessment.server";
import { actorOf } from "~/models/users.server";

const INTENTS = ["reopen", "accept", "reject"] as const;
const ReasonRequired = z.object({ reason: requiredText(500) });
const ReasonOptional = z.object({ reason: optionalText(500) });

/** The chair's view of one entry's self-assessment; 404 for an entry not in the competition. */
export async function loadChairSelfAssessment(c: Competition, code: string) {
  const found = await getChairSelfAssessment(c.id, code);
  if (!found) throw new Response("Not found", { status: 404 });
  return { competition: { slug: c.slug, name: c.name }, ...found };
}

/**
 * The chair's answers (docs/http.md): `reopen` a submitted self-assessment (reason required),
 * `accept` the proposed profile into the registry (reason optional) or `reject` it (reason
 * required). Each audited.
 */
export async function handleChairSelfAssessmentPost(
  user: SessionUser,
  c: Competition,
  code: string,
  formData: FormData,
) {
  const intent = parseIntent(formData, INTENTS);
  if (!intent)
    return reply({ ok: false, intent: null, errors: { intent: ["error.invalid"] } }, 400);
  const parsed = parseForm(intent === "accept" ? ReasonOptional : ReasonRequired, formData);
  if (!parsed.ok)
    return reply({ ok: false, intent, errors: parsed.errors, values: parsed.values }, 400);
  const actor = actorOf(user);
  const result =
    intent === "reopen"
      ? await reopenSelfAssessment(actor, c.id, code, parsed.data.reason)
      : await decideProfile(actor, c.id, code, intent, parsed.data.reason);
  if (!result.ok) {
    const notFound = result.errors._form?.includes("error.404");
    return reply({ ok: false, intent, errors: result.errors }, notFound ? 404 : 409);
  }
  return reply({ ok: true, intent });
}
