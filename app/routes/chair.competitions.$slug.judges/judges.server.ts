import { json } from "@remix-run/node";
import { z } from "zod";
import { CONFLICT_STATUSES, type Competition } from "../../../db/schema";
import { intField } from "~/lib/competition-settings";
import { formValues, idList, parseForm, requiredText } from "~/lib/forms";
import type { SessionUser } from "~/lib/session.server";
import {
  addToPanel,
  assignAll,
  assignBalanced,
  getAssignmentMatrix,
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

type Reply = {
  form: string;
  errors: Partial<Record<string, string[]>>;
  values: Record<string, string>;
  report: AssignmentReport | null;
  notice: string | null;
  count: number;
};

/**
 * One POST of the judges page: the panel, the assignments (by hand, all, or N per entry) and
 * conflicts of interest. The caller has already checked the role and the competition.
 */
export async function handleJudgesPost(user: SessionUser, c: Competition, formData: FormData) {
  const actor = actorOf(user);
  const intent = String(formData.get("intent") ?? "");
  const form = String(formData.get("form") ?? intent);
  const reply = (r: Partial<Reply>, status = 200) =>
    json<Reply>(
      {
        form,
        errors: {},
        values: {},
        report: null,
        notice: null,
        count: 0,
        ...r,
      },
      { status },
    );
  const refused = (error: string) =>
    reply({ errors: { _form: [error] }, values: formValues(formData) }, 409);
  const ids = (name: string) =>
    formData
      .getAll(name)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);

  switch (intent) {
    case "panel-add": {
      const judges = idList(formData, "judge");
      if (!judges) return reply({ errors: { _form: ["error.invalid"] } }, 400);
      const r = await addToPanel(actor, c.id, judges);
      return r.ok ? reply({ notice: "setup.saved" }) : refused(r.error);
    }
    case "panel-remove": {
      const [judgeId] = ids("judgeId");
      if (!judgeId) return reply({ errors: { _form: ["error.invalid"] } }, 400);
      const r = await removeFromPanel(actor, c.id, judgeId);
      return r.ok ? reply({ notice: "setup.saved" }) : refused(r.error);
    }
    case "assignments": {
      const values = formData.getAll("a");
      // a malformed pair is refused: it must not read as "unassign"
      if (values.some((v) => typeof v !== "string" || !/^\d{1,9}:\d{1,9}$/.test(v)))
        return reply({ errors: { _form: ["error.invalid"] } }, 400);
      const wanted = new Set(values as string[]);
      const r = await saveAssignments(actor, c.id, wanted);
      return r.ok ? reply({ report: r }) : refused(r.error);
    }
    case "assign-all": {
      const r = await assignAll(actor, c.id);
      return r.ok ? reply({ report: r }) : refused(r.error);
    }
    case "balanced": {
      const parsed = parseForm(BalancedSchema, formData);
      if (!parsed.ok) return reply({ errors: parsed.errors, values: parsed.values }, 400);
      const r = await assignBalanced(actor, c.id, parsed.data.perEntry);
      return r.ok ? reply({ report: r }) : refused(r.error);
    }
    case "conflict": {
      const parsed = parseForm(ConflictSchema, formData);
      if (!parsed.ok) return reply({ errors: parsed.errors, values: parsed.values }, 400);
      const known = await listEntries(c.id);
      const matrix = await getAssignmentMatrix(c.id);
      if (
        !known.some((e) => e.libraryId === parsed.data.libraryId) ||
        !matrix.judges.some((j) => j.id === parsed.data.judgeId)
      ) {
        return reply(
          {
            errors: { _form: ["error.invalid"] },
            values: formValues(formData),
          },
          400,
        );
      }
      const r = await decideConflict(actor, {
        ...parsed.data,
        competitionId: c.id,
      });
      return reply({
        notice:
          r.removedAssignments > 0 ? "setup.judges.conflictRemoved" : "setup.judges.conflictSaved",
        count: r.removedAssignments,
      });
    }
  }
  return reply({ errors: { _form: ["setup.error.badRequest"] } }, 400);
}
