import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScoreDistributionChart, WinnersComponentChart } from "~/components/charts/ResultCharts";
import { StagePath, StageScores } from "~/components/PublicStages";
import { ResultsSection } from "~/components/ResultsSection";
import { useLang, useT } from "~/i18n/useT";
import { formatDate } from "~/lib/format";
import { hasPublishedFinalists } from "~/models/finalists.server";
import { pointsSettingBySlug } from "~/models/points.server";
import { loadPublishedPage } from "~/routes/competitions.$slug/published-page.server";
import { categoryName, groupByCategory, isJuara, prizeOrder } from "~/lib/results";
import {
  parseLang,
  translate,
  type Lang,
  type MessageKey,
  type Params,
  type MessagesHandle,
} from "~/i18n";

export const handle: MessagesHandle = { i18n: ["public"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  // the points shown follow the competition's display option (not frozen): the validator too
  const setting = params.slug ? await pointsSettingBySlug(params.slug) : null;
  const points = setting && setting.display !== "none" ? setting : null;
  // the link to the finalists' page too (announced or withdrawn after the publication)
  const finalists = params.slug ? await hasPublishedFinalists(params.slug) : false;
  const alsoShows = finalists ? { points, finalists } : (points ?? undefined);
  const { snapshot, headers } = await loadPublishedPage(request, params.slug, alsoShows);
  return json({ ...snapshot, points, finalists }, { headers });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: "Juara" }];
  const lang = parseLang((matches.find((m) => m.id === "root")?.data as { lang?: Lang })?.lang);
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const byCategory = data.competition.rankingScope === "category";
  const winners = prizeOrder(data.results, data.competition.rankingScope)
    .filter(isJuara)
    .map(
      (r) =>
        `${r.prize}${byCategory ? ` (${categoryName(t, r.category)})` : ""}: ${r.library.name}`,
    );
  const title = `${data.competition.name} · Juara`;
  const description = winners.length ? winners.join("; ") : data.competition.name;
  return [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: data.competition.name },
    { property: "og:description", content: description },
    { property: "og:type", content: "article" },
    { name: "twitter:card", content: "summary" },
  ];
};

export default function WinnersPage() {
  const snapshot = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const { competition, publication, results, stages } = snapshot;
  // one stage: the page reads as it always has, without a word about stages
  const staged = stages.length > 1;
  const sections = groupByCategory(results, competition.rankingScope);
  return (
    <article className="winners-page">
      <header>
        <p className="muted">
          {competition.region} · {competition.year}
        </p>
        <h1>{competition.name}</h1>
        <p className="muted">
          {t("public.publishedOn", {
            date: formatDate(publication.publishedAt, lang),
          })}
        </p>
        {staged ? <StagePath stages={stages} combine={competition.combine} /> : null}
        {competition.isDemo ? <p className="demo-note">{t("public.demo")}</p> : null}
        {publication.revision > 0 ? (
          <div className="correction" role="note">
            <p>
              {t("public.corrected", {
                date: formatDate(publication.publishedAt, lang),
              })}
            </p>
            {publication.reason ? (
              <p>{t("public.correctionReason", { reason: publication.reason })}</p>
            ) : null}
          </div>
        ) : null}
        <nav className="page-links" aria-label={competition.name}>
          <Link to="how-we-judged">{t("public.howWeJudged")}</Link>
          {snapshot.finalists ? <Link to="finalists">{t("public.finalists")}</Link> : null}
          <Link to="ceremony">{t("public.ceremony")}</Link>
          <Link to="certificates">{t("public.certificates")}</Link>
          <a href={`/api/competitions/${competition.slug}/results`}>{t("public.resultsJson")}</a>
        </nav>
      </header>
      {sections.map((section) => (
        <ResultsSection
          key={section.category ?? "all"}
          category={section.category}
          results={section.results}
          points={snapshot.points}
        />
      ))}
      {staged ? (
        <StageScores
          stages={stages}
          results={results}
          combine={competition.combine}
          scope={competition.rankingScope}
        />
      ) : null}
      <section className="charts" aria-label={t("public.components")}>
        {sections.map((section) => {
          const juara = prizeOrder(section.results, "overall").filter(isJuara);
          return juara.length > 0 ? (
            <WinnersComponentChart
              key={section.category ?? "all"}
              title={
                section.category
                  ? `${t("public.chartComponents")} · ${t("public.category", {
                      category: categoryName(t, section.category),
                    })}`
                  : undefined
              }
              winners={juara.map((w) => ({
                label: `${w.prize} · ${w.library.name}`,
                shortLabel: w.prize ?? undefined,
                components: w.components,
              }))}
            />
          ) : null;
        })}
        <ScoreDistributionChart scoresX100={results.map((r) => r.finalScoreX100)} />
      </section>
    </article>
  );
}
