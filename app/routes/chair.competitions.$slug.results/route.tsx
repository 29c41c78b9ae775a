import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Disagreements,
  JudgeProgress,
  MethodComparison,
  RankingTable,
  ResultsCharts,
  TieDecisions,
} from "~/components/ResultsDashboard";
import { SetAsideSheets } from "~/components/SetAsideSheets";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/useT";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { pointsOfRanking, pointsSettingOf } from "~/models/points.server";
import { getResultsDashboard } from "~/models/results-dashboard.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "../chair.competitions.$slug/competition-page";
import { handleTiePost } from "./results.server";

export const meta: MetaFunction = () => [{ title: "Hasil · Juara" }];

export const handle: CompetitionPageHandle = {
  i18n: ["chair-results", "public"],
  competitionPage: { heading: "results.title" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const dashboard = await getResultsDashboard(c);
  if (!dashboard) throw new Response("Not found", { status: 404 });
  const setting = pointsSettingOf(c);
  const points =
    setting.display === "none"
      ? null
      : Object.fromEntries(await pointsOfRanking(c.id, setting, dashboard.ranking));
  return json({
    competition: { slug: c.slug, aggregation: c.aggregation },
    pointsSetting: setting,
    ...dashboard,
    points,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleTiePost(user, c, await request.formData());
}

export default function ResultsDashboardPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { status } = useCompetition();
  const { competition: c, entries, progress, judges, ties, ranking } = data;
  const base = `/chair/competitions/${c.slug}`;
  return (
    <>
      <p className="page-links">
        <Link to={`${base}/berita-acara`}>{t("results.beritaAcara")}</Link>
        <a href={`${base}/results.csv`} download>
          {t("results.exportResults")}
        </a>
        <a href={`${base}/scores.csv`} download>
          {t("results.exportScores")}
        </a>
        {status === "scoring" ? (
          <Link to={`${base}/scores-import`}>{t("scoresImport.page.link")}</Link>
        ) : null}
      </p>
      {search.get("decided") && !reply ? (
        <p className="notice" role="status">
          {t("results.decided")}
        </p>
      ) : null}
      <p className="muted">
        {t("results.liveNotice", {
          method: t(`aggregation.${c.aggregation}` as MessageKey),
        })}
      </p>
      {data.pointsSetting.display !== "none" ? (
        <p className="muted">
          {t(`results.pointsNote.${data.pointsSetting.display}`, {
            factor: data.pointsSetting.factor,
          })}
        </p>
      ) : null}
      <SetAsideSheets sheets={data.setAside} />
      <JudgeProgress judges={judges} progress={progress} />
      <TieDecisions ties={ties} entries={entries} reply={reply} />
      <RankingTable
        entries={entries}
        judges={judges}
        progress={progress}
        byCategory={ranking.scope === "category"}
        points={data.points ?? undefined}
        feedbackHref={(code) => `${base}/entries/${encodeURIComponent(code)}/feedback`}
      />
      <MethodComparison
        methods={data.methods}
        podiumDependsOnMethod={data.podiumDependsOnMethod}
        chosen={c.aggregation}
      />
      <Disagreements disagreements={data.disagreements} />
      <ResultsCharts judges={judges} entries={entries} ranked={ranking.entries} />
    </>
  );
}
