import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isMessageKey, type MessagesHandle } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";
import { getLibraryHistory } from "~/models/public.server";

export const handle: MessagesHandle = { i18n: ["public"] };

export async function loader({ params }: LoaderFunctionArgs) {
  const history = params.code ? await getLibraryHistory(params.code) : null;
  // only libraries with published results have a public page
  if (!history) throw new Response("Not found", { status: 404 });
  return json(history, { headers: { "Cache-Control": "public, max-age=60" } });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.library.name} · Juara` },
        {
          name: "description",
          content: `${data.library.name}, ${data.library.village}, ${data.library.district}`,
        },
        { property: "og:title", content: data.library.name },
      ]
    : [{ title: "Juara" }];

export default function LibraryPage() {
  const { library, results } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const typeKey = `libraryType.${library.type}`;
  const components = results[0]?.components ?? [];
  return (
    <article>
      <h1>{library.name}</h1>
      <p className="lead">
        {isMessageKey(typeKey) ? t(typeKey) : library.type} · {library.village},{" "}
        {t("public.district")} {library.district}
      </p>
      <h2>{t("public.libraryHistory")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("public.year")}</th>
              <th scope="col">{t("public.competition")}</th>
              <th scope="col" className="num">
                {t("public.rank")}
              </th>
              <th scope="col">{t("public.winners")}</th>
              <th scope="col" className="num">
                {t("public.finalScore")}
              </th>
              {components.map((c) => (
                <th scope="col" className="num" key={c.code} title={c.name}>
                  {c.code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.slug}>
                <td>{r.year}</td>
                <th scope="row">
                  <Link to={`/competitions/${r.slug}`}>{r.competition}</Link>
                </th>
                <td className="num">{r.rank}</td>
                <td>{r.prize ?? "–"}</td>
                <td className="num">{formatScore(r.finalScoreX100, lang)}</td>
                {components.map((c) => {
                  const score = r.components.find((x) => x.code === c.code);
                  return (
                    <td className="num" key={c.code}>
                      {score ? formatScore(score.scoreX100, lang) : "–"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
