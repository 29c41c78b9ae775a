import { redirect } from "@remix-run/node";
import { z } from "zod";
import { COMPETITION_STATUSES, type Competition } from "../../../db/schema";
import { DuplicateSchema } from "~/lib/competition-settings.server";
import {
  formValues,
  optionalText,
  parseForm,
  parseIntent,
  formError,
  type FieldErrors,
} from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import { deleteCompetition, duplicateCompetition, getOverview } from "~/models/competitions.server";
import { listSetAsideSheets } from "~/models/conflicts.server";
import {
  changeStatus,
  checkStatusChange,
  movesFrom,
  REASON_MESSAGES,
  statusChangeNotes,
  type StatusReason,
} from "~/models/status.server";
import { actorOf } from "~/models/users.server";

const StatusSchema = z.object({
  to: z.enum(COMPETITION_STATUSES, { error: "error.invalid" }),
  confirm: z.literal("yes", { error: "error.invalid" }),
  reason: optionalText(500),
  override: z.literal("yes", { error: "error.invalid" }).optional(),
});

const NO_REASONS: StatusReason[] = [];

/** The counts, the status moves open from here and the confirmation the URL asks for. */
export async function loadOverview(c: Competition, url: URL) {
  const moves = await Promise.all(
    movesFrom(c.status).map(async (to) => {
      const reasons = await checkStatusChange(c.id, to);
      return {
        to,
        // what stops the move outright, what the chair may override with a reason, and whether a reason is asked
        blockers: reasons.filter((r) => !r.overridable && !REASON_MESSAGES.includes(r.message)),
        warnings: reasons.filter((r) => r.overridable),
        needsReason: reasons.some((r) => r.overridable || REASON_MESSAGES.includes(r.message)),
        // what the chair should know before confirming (closing: the sheets still open)
        notes: await statusChangeNotes(c, to),
      };
    }),
  );
  const asked = url.searchParams.get("move");
  return {
    overview: await getOverview(c.id),
    moves,
    // publishing states what it leaves out (it does not wait for it)
    setAside: moves.some((m) => m.to === "published") ? await listSetAsideSheets(c.id) : [],
    confirmMove: moves.find((m) => m.to === asked && m.blockers.length === 0) ?? null,
    confirmDelete: url.searchParams.get("delete") === "1" && c.status === "draft",
  };
}

const INTENTS = ["status", "duplicate", "delete"] as const;

/**
 * One POST of the overview: a status move, a duplicate for next year or the deletion of a draft.
 * The caller has already checked the role and the competition. A refused move answers with its
 * reasons (what the chair may override is marked), apart from the form's errors.
 */
export async function handleOverviewPost(user: SessionUser, c: Competition, formData: FormData) {
  const intent = parseIntent(formData, INTENTS);
  const answer = (
    body: { errors?: FieldErrors; values?: Record<string, string>; reasons?: StatusReason[] },
    status: number,
  ) => reply({ intent, reasons: NO_REASONS, ...body }, status);
  switch (intent) {
    case "status": {
      const form = parseForm(StatusSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await changeStatus(actorOf(user), c.id, form.data.to, {
        reason: form.data.reason,
        override: form.data.override === "yes",
      });
      if (!result.ok) return answer({ values: formValues(formData), reasons: result.reasons }, 409);
      return redirect(`/chair/competitions/${c.slug}?moved=${result.to}`);
    }
    case "duplicate": {
      const form = parseForm(DuplicateSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await duplicateCompetition(actorOf(user), c.id, form.data);
      if (!result.ok) return answer({ errors: result.errors, values: formValues(formData) }, 400);
      return redirect(`/chair/competitions/${result.slug}`);
    }
    case "delete": {
      if (formData.get("confirm") !== "yes")
        return answer({ errors: formError("error.invalid") }, 400);
      const result = await deleteCompetition(actorOf(user), c.id);
      if (!result.ok) return answer({ errors: result.errors }, 409);
      return redirect("/dashboard");
    }
  }
  return answer({ errors: formError("setup.error.badRequest") }, 400);
}
