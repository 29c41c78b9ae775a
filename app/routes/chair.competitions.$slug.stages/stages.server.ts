import { redirect } from "@remix-run/node";
import { z } from "zod";
import type { Competition } from "../../../db/schema";
import {
  formError,
  formValues,
  FORM,
  isNotFound,
  type Refusal,
  optionalText,
  parseForm,
  parseIntent,
  requiredText,
  type FieldErrors,
} from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import { countMissingSheets } from "~/models/publishing.server";
import { publishFinalists, withdrawFinalists } from "~/models/finalists.server";
import {
  advanceStage,
  countUnchecked,
  listAdminChecks,
  listStageShortlists,
  listStages,
  recordAdminCheck,
} from "~/models/stages.server";
import type { StatusReason } from "~/models/status-types.server";
import { actorOf } from "~/models/users.server";
import { CombineSchema, StageFormSchema } from "~/lib/stage-setup-schema.server";
import {
  addStage,
  moveStage,
  removeStage,
  setCombine,
  stageUsage,
  updateStage,
} from "~/models/stage-setup.server";

const NextSchema = z.object({
  confirm: z.literal("yes", { error: "error.invalid" }),
  reason: optionalText(500),
  override: z.literal("yes", { error: "error.invalid" }).optional(),
});

const CheckSchema = z.object({
  library: requiredText(40),
  item: requiredText(200),
  passed: z.enum(["yes", "no"], { error: "error.invalid" }),
  reason: optionalText(500),
});

const PublishSchema = z.object({ stage: requiredText(40) });

const WithdrawSchema = z.object({ stage: requiredText(40), reason: requiredText(500) });

const StageRefSchema = z.object({ stage: requiredText(40) });

const MoveSchema = z.object({
  stage: requiredText(40),
  direction: z.enum(["up", "down"], { error: "error.invalid" }),
});

const NO_REASONS: StatusReason[] = [];

/** The stages in order with their snapshots, what stops the next move, and the admin checklist. */
export async function loadStages(c: Competition) {
  const stages = await listStages(c.id);
  const shortlists = await listStageShortlists(c.id);
  const current = stages.find((s) => s.position === c.current_stage) ?? null;
  const hasNext = stages.some((s) => s.position === c.current_stage + 1);
  const canMove = c.status === "scoring" && current !== null && hasNext;
  // what the move would be refused for (the chair may override it with a reason)
  const warnings: StatusReason[] = [];
  if (canMove && current) {
    if (current.kind === "admin") {
      const unchecked = await countUnchecked(c.id, current.id);
      if (unchecked > 0)
        warnings.push({ message: "stage.reason.unchecked", params: { count: unchecked } });
    } else {
      const missing = await countMissingSheets(c.id);
      if (missing > 0)
        warnings.push({ message: "status.reason.sheetsMissing", params: { count: missing } });
    }
  }
  const draft = c.status === "draft";
  const usage = draft ? await Promise.all(stages.map((s) => stageUsage(s.id))) : [];
  return {
    /** the stages can be set up (draft only): how they combine, and which hold nothing */
    setup: draft
      ? {
          combine: c.combine,
          removable: stages
            .filter((_, k) => {
              const u = usage[k]!;
              return u.components + u.assignments + u.sheets + u.checks === 0;
            })
            .map((s) => s.code),
          started: stages.some((s) => s.closed_at !== null),
        }
      : null,
    combine: c.combine,
    stages: stages.map((s) => ({
      code: s.code,
      name: s.name,
      kind: s.kind,
      weight: s.weight,
      advance: s.advance,
      closed: s.closed_at !== null,
      requiresSelfAssessment: s.requires_self_assessment === 1,
      current: s.position === c.current_stage,
      shortlist: shortlists.get(s.id) ?? [],
      /** when its finalists were announced on the public page; null: not announced */
      finalistsPublishedAt: s.finalists_published_at,
    })),
    move: canMove ? { from: current!.code, warnings } : null,
    checklist:
      c.status === "scoring" && current?.kind === "admin"
        ? await listAdminChecks(c.id, current.id)
        : null,
  };
}

const INTENTS = [
  "stage-next",
  "stage-check",
  "finalists-publish",
  "finalists-withdraw",
  "stage-add",
  "stage-edit",
  "stage-remove",
  "stage-move",
  "stage-combine",
] as const;

/** A model's refusal: not there 404, a field's problem 400, the competition's state 409. */
const refusalStatus = (r: Refusal) =>
  isNotFound(r) ? 404 : Object.keys(r.errors).some((k) => k !== FORM) ? 400 : 409;

/**
 * One POST of the stages page: the move to the next stage, one item of the admin checklist,
 * announcing a closed stage's finalists on the public page (and withdrawing that, with a reason),
 * or, while the competition is a draft, setting up the stages (add, edit, remove, reorder, how
 * they combine).
 */
export async function handleStagesPost(user: SessionUser, c: Competition, formData: FormData) {
  const intent = parseIntent(formData, INTENTS);
  const answer = (
    body: { errors?: FieldErrors; values?: Record<string, string>; reasons?: StatusReason[] },
    status: number,
  ) => reply({ intent, reasons: NO_REASONS, ...body }, status);
  const base = `/chair/competitions/${c.slug}/stages`;
  switch (intent) {
    case "stage-next": {
      const form = parseForm(NextSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await advanceStage(actorOf(user), c.id, {
        reason: form.data.reason,
        override: form.data.override === "yes",
      });
      if (!result.ok) return answer({ values: formValues(formData), reasons: result.reasons }, 409);
      return redirect(`${base}?moved=${encodeURIComponent(result.to)}`);
    }
    case "stage-check": {
      const form = parseForm(CheckSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await recordAdminCheck(actorOf(user), c.id, {
        library: form.data.library,
        item: form.data.item,
        passed: form.data.passed === "yes",
        reason: form.data.reason,
      });
      if (!result.ok)
        return answer(
          { errors: result.errors, values: formValues(formData) },
          isNotFound(result) ? 404 : result.errors.reason ? 400 : 409,
        );
      return redirect(`${base}?checked=${encodeURIComponent(form.data.library)}`);
    }
    case "finalists-publish": {
      const form = parseForm(PublishSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await publishFinalists(actorOf(user), c.id, form.data.stage);
      if (!result.ok)
        return answer(
          { errors: result.errors, values: formValues(formData) },
          isNotFound(result) ? 404 : 409,
        );
      return redirect(`${base}?finalists=${encodeURIComponent(result.stage)}`);
    }
    case "finalists-withdraw": {
      const form = parseForm(WithdrawSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await withdrawFinalists(
        actorOf(user),
        c.id,
        form.data.stage,
        form.data.reason,
      );
      if (!result.ok)
        return answer(
          { errors: result.errors, values: formValues(formData) },
          isNotFound(result) ? 404 : result.errors.reason ? 400 : 409,
        );
      return redirect(`${base}?withdrawn=${encodeURIComponent(result.stage)}`);
    }
    case "stage-add": {
      const form = parseForm(StageFormSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await addStage(actorOf(user), c.id, form.data);
      if (!result.ok)
        return answer(
          { errors: result.errors, values: formValues(formData) },
          refusalStatus(result),
        );
      return redirect(`${base}?saved=${encodeURIComponent(result.code)}#stage-setup`);
    }
    case "stage-edit": {
      const ref = parseForm(StageRefSchema, formData);
      const form = parseForm(StageFormSchema, formData);
      if (!ref.ok || !form.ok)
        return answer(
          {
            errors: { ...(ref.ok ? {} : ref.errors), ...(form.ok ? {} : form.errors) },
            values: formValues(formData),
          },
          400,
        );
      const result = await updateStage(actorOf(user), c.id, ref.data.stage, form.data);
      if (!result.ok)
        return answer(
          { errors: result.errors, values: formValues(formData) },
          refusalStatus(result),
        );
      return redirect(`${base}?saved=${encodeURIComponent(result.code)}#stage-setup`);
    }
    case "stage-remove": {
      const form = parseForm(StageRefSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await removeStage(actorOf(user), c.id, form.data.stage);
      if (!result.ok)
        return answer(
          { errors: result.errors, values: formValues(formData) },
          refusalStatus(result),
        );
      return redirect(`${base}?removed=${encodeURIComponent(result.code)}#stage-setup`);
    }
    case "stage-move": {
      const form = parseForm(MoveSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await moveStage(actorOf(user), c.id, form.data.stage, form.data.direction);
      if (!result.ok)
        return answer(
          { errors: result.errors, values: formValues(formData) },
          refusalStatus(result),
        );
      return redirect(`${base}?reordered=${encodeURIComponent(result.code)}#stage-setup`);
    }
    case "stage-combine": {
      const form = parseForm(CombineSchema, formData);
      if (!form.ok) return answer({ errors: form.errors, values: form.values }, 400);
      const result = await setCombine(actorOf(user), c.id, form.data.combine);
      if (!result.ok)
        return answer(
          { errors: result.errors, values: formValues(formData) },
          refusalStatus(result),
        );
      return redirect(`${base}?combined=${form.data.combine}#stage-setup`);
    }
  }
  return answer({ errors: formError("setup.error.badRequest") }, 400);
}
