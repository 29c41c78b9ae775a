import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useActionData, useLoaderData } from "@remix-run/react";
import { CompetitionNav } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { handleOverviewPost } from "../chair.competitions.$slug._index/overview.server";
import { useCompetitionPage, type CompetitionLine } from "./competition-page";

export const handle: MessagesHandle = { i18n: ["chair-competition"] };

/**
 * The chair's pages of one competition: the page's heading, the competition line and its nav,
 * then the page. Remix runs this loader and the page's in parallel, so every page below checks the
 * role and the competition again itself; this loader only serves what is shown here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const competition: CompetitionLine = {
    slug: c.slug,
    name: c.name,
    year: c.year,
    status: c.status,
  };
  return json({ competition });
}

/**
 * `POST /chair/competitions/<slug>` without `?index` (docs/http.md; the overview's status and
 * delete forms) reaches this layout rather than the overview page below it, so it answers as the
 * overview does; the overview shows the answer (passed down as the outlet's context) as its own.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleOverviewPost(user, c, await request.formData());
}

/** Another chair may move the status meanwhile: read it afresh on every page, as each page does. */
export const shouldRevalidate = () => true;

export default function CompetitionLayout() {
  const t = useT();
  const { competition: c } = useLoaderData<typeof loader>();
  const page = useCompetitionPage();
  const overviewReply = useActionData<typeof action>();
  const outlet = <Outlet context={{ overviewReply }} />;
  // the printable minutes render alone
  if (!page) return outlet;
  return (
    <>
      <h1>{page.heading ? t(page.heading) : c.name}</h1>
      <CompetitionNav
        slug={c.slug}
        name={page.heading ? c.name : String(c.year)}
        status={c.status}
      />
      {outlet}
    </>
  );
}
