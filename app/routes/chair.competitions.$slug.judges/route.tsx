import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import {
  AssignmentsSection,
  ConflictsSection,
  JudgesNotices,
  PanelSection,
  SuggestionsSection,
} from "~/components/JudgesSetup";
import { requireRole } from "~/lib/session.server";
import { getAssignmentMatrix, listJudgesOffPanel } from "~/models/assignments.server";
import { requireCompetition } from "~/models/competitions.server";
import { listConflicts, suggestConflicts } from "~/models/conflicts.server";
import { listEntries } from "~/models/entries.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "../chair.competitions.$slug/competition-page";
import { handleJudgesPost } from "./judges.server";

export const meta: MetaFunction = () => [{ title: "Juri · Juara" }];

export const handle: CompetitionPageHandle = {
  competitionPage: { heading: "setup.judges.title" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const [matrix, offPanel, conflicts, suggestions, entries] = await Promise.all([
    getAssignmentMatrix(c.id),
    listJudgesOffPanel(c.id),
    listConflicts(c.id),
    suggestConflicts(c.id),
    listEntries(c.id),
  ]);
  return json({
    matrix,
    offPanel,
    conflicts,
    suggestions,
    libraries: entries.map((e) => ({
      id: e.libraryId,
      name: e.name,
      code: e.code,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleJudgesPost(user, c, await request.formData());
}

export default function Judges() {
  const { status } = useCompetition();
  const { matrix, offPanel, conflicts, suggestions, libraries } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const open = status === "draft" || status === "scoring";
  const names = {
    judge: (id: number) => matrix.judges.find((j) => j.id === id)?.name ?? String(id),
    entry: (id: number) => matrix.entries.find((e) => e.id === id)?.name ?? String(id),
  };
  return (
    <>
      <JudgesNotices reply={reply} names={names} />
      <PanelSection judges={matrix.judges} offPanel={offPanel} open={open} />
      <AssignmentsSection matrix={matrix} open={open} reply={reply} />
      <SuggestionsSection suggestions={suggestions} reply={reply} />
      <ConflictsSection
        conflicts={conflicts}
        judges={matrix.judges}
        libraries={libraries}
        reply={reply}
      />
    </>
  );
}
