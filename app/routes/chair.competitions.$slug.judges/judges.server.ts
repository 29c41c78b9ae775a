import { z } from "zod";
import { CONFLICT_STATUSES, type Competition } from "../../../db/schema";
import { intField } from "~/lib/competition-settings.server";
import {
  formValues,
  idList,
  parseForm,
  parseIntent,
  formError,
  requiredText,
  type FieldErrors,
  type Result,
} from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import {
  addToPanel,
  assignAll,
  assignBalanced,
  assignTwoTeams,
  getAssignmentMatrix,
  judgesStages,
  removeFromPanel,
  saveAssignments,
  type AssignmentReport,
} from "~/models/assignments.server";
import { decideConflict } from "~/models/conflicts.server";
import { listEntries } from "~/models/entries.server";
import { actorOf } from "~/models/users.server";

const ConflictSchema = z.object({
  judgeId: z
    .string({ error: "error.required" })
    .regex(/^\d+$/, { error: "error.required" })
    .transform(Number),
  libraryId: z
    .string({ error: "error.required" })
    .regex(/^\d+$/, { error: "error.required" })
    .transform(Number),
  status: z.enum(CONFLICT_STATUSES, { error: "error.invalid" }),
  reason: requiredText(500),
});
const BalancedSchema = z.object({ perEntry: intField(1, 20) });

const INTENTS = [
  "panel-add",
  "panel-remove",
  "assignments",
  "assign-all",
  "balanced",
  "teams",
  "conflict",
] as const;

/**
 * One POST of the judges page: the panel, the assignments (by hand, all, N per entry or two
 * teams) and conflicts of interest. The caller has already checked the role and the competition.
 * `form` names the form the answer belongs to (the suggestion forms send their own). The
 * assignments are those of one stage: the form's `stage` (a scored stage's code), else the
 * page's `?stage=`, else the stage open for scoring.
 */
export async function handleJudgesPost(
  user: SessionUser,
  c: Competition,
  formData: FormData,
  url: URL,
) {
  const actor = actorOf(user);
  const intent = parseIntent(formData, INTENTS);
  const form = String(formData.get("form") ?? formData.get("intent") ?? "");
  const answer = (
    body: {
      errors?: FieldErrors;
      values?: Record<string, string>;
      report?: AssignmentReport;
      notice?: string;
      count?: number;
    },
    status = 200,
  ) => reply({ form, report: null, notice: null, count: 0, ...body }, status);
  const done = (r: Result, body: { report?: AssignmentReport; notice?: string }) =>
    r.ok ? answer(body) : answer({ errors: r.errors, values: formValues(formData) }, 409);
  const invalid = () => answer({ errors: formError("error.invalid") }, 400);
  const ids = (name: string) =>
    formData
      .getAll(name)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);

  const stageCode = formData.has("stage")
    ? String(formData.get("stage"))
    : url.searchParams.get("stage");
  const stageId = async () => (await judgesStages(c, stageCode))?.stage.id;

  switch (intent) {
    case "panel-add": {
      const judges = idList(formData, "judge");
      if (!judges) return invalid();
      return done(await addToPanel(actor, c.id, judges), { notice: "setup.saved" });
    }
    case "panel-remove": {
      const [judgeId] = ids("judgeId");
      if (!judgeId) return invalid();
      return done(await removeFromPanel(actor, c.id, judgeId), { notice: "setup.saved" });
    }
    case "assignments": {
      const values = formData.getAll("a");
      // a malformed pair is refused: it must not read as "unassign"
      if (values.some((v) => typeof v !== "string" || !/^\d{1,9}:\d{1,9}$/.test(v)))
        return invalid();
      const stage = await stageId();
      if (stage === undefined) return invalid();
      const r = await saveAssignments(actor, c.id, new Set(values as string[]), stage);
      return done(r, { report: r.ok ? r : undefined });
    }
    case "assign-all": {
      const stage = await stageId();
      if (stage === undefined) return invalid();
      const r = await assignAll(actor, c.id, stage);
      return done(r, { report: r.ok ? r : undefined });
    }
    case "teams": {
      const stage = await stageId();
      if (stage === undefined) return invalid();
      const r = await assignTwoTeams(actor, c.id, stage);
      return done(r, { report: r.ok ? r : undefined });
    }
    case "balanced": {
      const parsed = parseForm(BalancedSchema, formData);
      if (!parsed.ok) return answer({ errors: parsed.errors, values: parsed.values }, 400);
      const stage = await stageId();
      if (stage === undefined) return invalid();
      const r = await assignBalanced(actor, c.id, parsed.data.perEntry, stage);
      return done(r, { report: r.ok ? r : undefined });
    }
    case "conflict": {
      const parsed = parseForm(ConflictSchema, formData);
      if (!parsed.ok) return answer({ errors: parsed.errors, values: parsed.values }, 400);
      const known = await listEntries(c.id);
      const matrix = await getAssignmentMatrix(c.id);
      if (
        !known.some((e) => e.libraryId === parsed.data.libraryId) ||
        !matrix.judges.some((j) => j.id === parsed.data.judgeId)
      )
        return answer({ errors: formError("error.invalid"), values: formValues(formData) }, 400);
      const r = await decideConflict(actor, { ...parsed.data, competitionId: c.id });
      return answer({
        notice:
          r.removedAssignments > 0 ? "setup.judges.conflictRemoved" : "setup.judges.conflictSaved",
        count: r.removedAssignments,
      });
    }
  }
  return answer({ errors: formError("setup.error.badRequest") }, 400);
}
