import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import {
  AssignmentsSection,
  ConflictsSection,
  JudgesNotices,
  PanelSection,
  StageTabs,
  SuggestionsSection,
} from "~/components/JudgesSetup";
import { requireRole } from "~/lib/session.server";
import { getAssignmentMatrix, judgesStages, listJudgesOffPanel } from "~/models/assignments.server";
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
  i18n: ["chair-setup", "admin"],
  competitionPage: { heading: "setup.judges.title" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  // one stage's assignments: `?stage=<code>` (a scored stage), else the stage open for scoring
  const staged = await judgesStages(c, new URL(request.url).searchParams.get("stage"));
  if (!staged) throw new Response("Not found", { status: 404, statusText: "Not found" });
  const [matrix, offPanel, conflicts, suggestions, entries] = await Promise.all([
    getAssignmentMatrix(c.id, staged.stage.id),
    listJudgesOffPanel(c.id),
    listConflicts(c.id),
    suggestConflicts(c.id),
    listEntries(c.id),
  ]);
  return json({
    staged,
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
  return handleJudgesPost(user, c, await request.formData(), new URL(request.url));
}

export default function Judges() {
  const { status } = useCompetition();
  const { staged, matrix, offPanel, conflicts, suggestions, libraries } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const open = status === "draft" || status === "scoring";
  // a closed stage's assignments are only shown; a one-stage competition carries no stage field
  const stage = staged.several ? staged.stage : null;
  const names = {
    judge: (id: number) => matrix.judges.find((j) => j.id === id)?.name ?? String(id),
    entry: (id: number) => matrix.entries.find((e) => e.id === id)?.name ?? String(id),
  };
  return (
    <>
      <JudgesNotices reply={reply} names={names} />
      {stage ? <StageTabs stages={staged.stages} stage={stage} /> : null}
      <PanelSection judges={matrix.judges} offPanel={offPanel} open={open} />
      <AssignmentsSection
        matrix={matrix}
        open={open && !staged.stage.closed}
        reply={reply}
        stage={stage}
      />
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
