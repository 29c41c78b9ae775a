import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useOutletContext,
  useSearchParams,
} from "@remix-run/react";
import {
  DeleteDraft,
  DuplicateForm,
  OverviewCounts,
  StatusMoves,
} from "~/components/CompetitionOverview";
import { SetAsideSheets } from "~/components/SetAsideSheets";
import type { FormErrors } from "~/components/SetupUi";
import { isMessageKey } from "~/i18n";
import { useT } from "~/i18n/useT";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "../chair.competitions.$slug/competition-page";
import { handleOverviewPost, loadOverview } from "./overview.server";

export const meta: MetaFunction = () => [{ title: "Lomba · Juara" }];

export const handle: CompetitionPageHandle = {
  i18n: ["chair-results"],
  competitionPage: { heading: null },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json(await loadOverview(c, new URL(request.url)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleOverviewPost(user, c, await request.formData());
}

export default function CompetitionOverview() {
  const t = useT();
  const c = useCompetition();
  const { overview, moves, setAside, confirmMove, confirmDelete } = useLoaderData<typeof loader>();
  const own = useActionData<typeof action>();
  // a POST to the address without `?index` (docs/http.md) is answered by the layout
  const viaLayout = useOutletContext<{ overviewReply?: typeof own }>().overviewReply;
  const data = own ?? viaLayout;
  const reply = data
    ? {
        errors: data.errors as FormErrors,
        values: data.values as Partial<Record<string, string>>,
        reasons: data.reasons,
      }
    : null;
  const base = `/chair/competitions/${c.slug}`;
  // a status move redirects here with ?moved=<status>: say what happened
  const moved = useSearchParams()[0].get("moved");
  const movedKey = moved ? `status.${moved}` : "";
  return (
    <>
      {moved === c.status && isMessageKey(movedKey) ? (
        <p className="notice" role="status">
          {t("setup.overview.moved", { status: t(movedKey) })}
          {c.status === "published" ? (
            <>
              {" "}
              <Link to={`/competitions/${c.slug}`}>{t("setup.overview.publicPage")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <p className="muted">{t("setup.overview.scoresOnly")}</p>
      <OverviewCounts slug={c.slug} overview={overview} />
      <StatusMoves
        base={base}
        status={c.status}
        moves={moves}
        confirmMove={confirmMove}
        reply={data?.intent === "status" ? reply : null}
      />
      <SetAsideSheets sheets={setAside} note={t("setAside.publishHint")} />
      <DuplicateForm competition={c} reply={data?.intent === "duplicate" ? reply : null} />
      {c.status === "draft" ? (
        <DeleteDraft
          base={base}
          confirm={confirmDelete}
          errors={data?.intent === "delete" ? reply?.errors._form : undefined}
        />
      ) : null}
    </>
  );
}
