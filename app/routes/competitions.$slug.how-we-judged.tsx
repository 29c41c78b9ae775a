import type { MessagesHandle } from "~/i18n";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { CombineMode } from "../../db/schema";
import { useT } from "~/i18n/useT";
import { loadPublishedPage } from "~/routes/competitions.$slug/published-page.server";
import { getJudgingMethod } from "~/models/public.server";

export const handle: MessagesHandle = { i18n: ["public"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { snapshot, headers } = await loadPublishedPage(request, params.slug);
  const method = await getJudgingMethod(snapshot.competition.slug);
  if (!method) throw new Response("Not found", { status: 404 });
  // the stages as published with the results (as the winners page shows them), each with its
  // criteria, which this page has always read from the competition itself
  const stages = snapshot.stages.map((st) => ({
    code: st.code,
    name: st.name,
    kind: st.kind,
    weight: st.weight,
    advance: st.advance,
    wentOn: st.results.filter((x) => x.advanced).length,
    components: method.stages.find((m) => m.code === st.code)?.components ?? [],
  }));
  return json(
    {
      competition: snapshot.competition,
      method: { components: method.components, panelSize: method.panelSize },
      stages,
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Cara penilaian · ${data.competition.name}` : "Juara" },
  {
    name: "description",
    content: data ? `Kriteria, bobot dan aturan penilaian ${data.competition.name}` : "",
  },
];

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function CriteriaList({
  components,
  nested = false,
}: {
  components: Data["method"]["components"];
  /** under a stage's heading: one heading level lower */
  nested?: boolean;
}) {
  const t = useT();
  const Heading = nested ? "h5" : "h3";
  return (
    <ol className="criteria-list">
      {components.map((c) => (
        <li key={c.code}>
          <Heading>
            {c.code}. {c.name}{" "}
            <span className="badge">{t("public.method.weight", { weight: c.weight })}</span>
          </Heading>
          <ul>
            {c.indicators.map((i) => (
              <li key={i.code}>
                {i.code} {i.name}{" "}
                <span className="muted">
                  ({t("public.method.scale", { min: i.min, max: i.max })})
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** Each stage in order: its kind, what it judged (its criteria) and how many went on. */
function Stages({ stages, combine }: { stages: Data["stages"]; combine: CombineMode }) {
  const t = useT();
  return (
    <section aria-labelledby="stages">
      <h2 id="stages">{t("publicStages.method.title")}</h2>
      <p>{t("publicStages.method.intro", { count: stages.length })}</p>
      <ol className="stage-list">
        {stages.map((st, index) => {
          const last = index === stages.length - 1;
          return (
            <li key={st.code} className="stage-item">
              <h3>{t("publicStages.method.stage", { position: index + 1, name: st.name })}</h3>
              <ul className="rules">
                <li>
                  {t("publicStages.method.kind", { kind: t(`publicStages.kind.${st.kind}`) })}
                </li>
                {st.kind === "admin" ? (
                  <li>{t("publicStages.method.admin")}</li>
                ) : (
                  <>
                    <li>{t("publicStages.method.stageDecides")}</li>
                    {combine === "weighted" ? (
                      <li>{t("publicStages.method.stageWeight", { weight: st.weight })}</li>
                    ) : null}
                  </>
                )}
                {last ? null : (
                  <>
                    {st.kind === "admin" ? null : (
                      <li>
                        {st.advance === null
                          ? t("publicStages.method.advanceAll")
                          : t("publicStages.method.advance", { count: st.advance })}
                      </li>
                    )}
                    <li>{t("publicStages.method.wentOn", { count: st.wentOn })}</li>
                  </>
                )}
              </ul>
              {st.components.length > 0 ? (
                <>
                  <h4>{t("public.method.criteria")}</h4>
                  <CriteriaList components={st.components} nested />
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export default function HowWeJudged() {
  const { competition, method, stages } = useLoaderData<typeof loader>();
  const t = useT();
  // one stage: the page reads as it always has, without a word about stages
  const staged = stages.length > 1;
  return (
    <article>
      <p>
        <Link to={`/competitions/${competition.slug}`}>← {competition.name}</Link>
      </p>
      <h1>{t("public.method.title", { name: competition.name })}</h1>
      {staged ? (
        <Stages stages={stages} combine={competition.combine} />
      ) : (
        <>
          <h2>{t("public.method.criteria")}</h2>
          <CriteriaList components={method.components} />
        </>
      )}
      <h2>{t("public.howWeJudged")}</h2>
      <ul className="rules">
        <li>{t("public.method.formula")}</li>
        <li>
          {t("public.method.aggregation", {
            method: t(`public.method.aggregation.${competition.aggregation}`),
          })}
        </li>
        {staged ? (
          <>
            <li>{t(`publicStages.method.combine.${competition.combine}`)}</li>
            <li>{t("publicStages.method.order")}</li>
          </>
        ) : null}
        <li>{t("public.method.rounding")}</li>
        <li>{t("public.method.tiebreak")}</li>
        <li>{t(`public.method.scope.${competition.rankingScope}`)}</li>
        <li>{t("public.method.panel", { count: method.panelSize })}</li>
      </ul>
    </article>
  );
}
