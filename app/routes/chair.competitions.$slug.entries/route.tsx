import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AddEntries, EntriesNotices, EntriesTable } from "~/components/EntriesSetup";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "../chair.competitions.$slug/competition-page";
import { handleEntriesPost, loadEntries } from "./entries.server";

export const meta: MetaFunction = () => [{ title: "Peserta · Juara" }];

export const handle: CompetitionPageHandle = {
  i18n: ["chair-setup", "library", "admin"],
  competitionPage: { heading: "setup.entries.title" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json(await loadEntries(c));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleEntriesPost(user, c, await request.formData());
}

export default function Entries() {
  const { status, slug } = useCompetition();
  const { entries, managers, available, selfAssessments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <EntriesNotices reply={reply} entries={entries} />
      <EntriesTable
        entries={entries}
        managers={managers}
        status={status}
        reply={reply}
        selfAssessments={selfAssessments}
        slug={slug}
      />
      {status === "draft" ? <AddEntries available={available} /> : null}
    </>
  );
}
