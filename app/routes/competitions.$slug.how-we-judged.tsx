import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { loadPublishedPage } from "~/routes/competitions.$slug/published-page.server";
import { getJudgingMethod } from "~/models/public.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { snapshot, headers } = await loadPublishedPage(request, params.slug);
  const method = await getJudgingMethod(snapshot.competition.slug);
  if (!method) throw new Response("Not found", { status: 404 });
  return json({ competition: snapshot.competition, method }, { headers });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Cara penilaian · ${data.competition.name}` : "Juara" },
  {
    name: "description",
    content: data ? `Kriteria, bobot dan aturan penilaian ${data.competition.name}` : "",
  },
];

export default function HowWeJudged() {
  const { competition, method } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article>
      <p>
        <Link to={`/competitions/${competition.slug}`}>← {competition.name}</Link>
      </p>
      <h1>{t("public.method.title", { name: competition.name })}</h1>
      <h2>{t("public.method.criteria")}</h2>
      <ol className="criteria-list">
        {method.components.map((c) => (
          <li key={c.code}>
            <h3>
              {c.code}. {c.name}{" "}
              <span className="badge">{t("public.method.weight", { weight: c.weight })}</span>
            </h3>
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
      <h2>{t("public.howWeJudged")}</h2>
      <ul className="rules">
        <li>{t("public.method.formula")}</li>
        <li>
          {t("public.method.aggregation", {
            method: t(`public.method.aggregation.${competition.aggregation}`),
          })}
        </li>
        <li>{t("public.method.rounding")}</li>
        <li>{t("public.method.tiebreak")}</li>
        <li>{t(`public.method.scope.${competition.rankingScope}`)}</li>
        <li>{t("public.method.panel", { count: method.panelSize })}</li>
      </ul>
    </article>
  );
}
