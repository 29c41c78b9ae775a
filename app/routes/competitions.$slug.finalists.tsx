import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseLang, translate, type Lang, type MessagesHandle } from "~/i18n";
import { getLang } from "~/i18n/lang.server";
import { useLang, useT } from "~/i18n/useT";
import { formatDate } from "~/lib/format";
import { snapshotCacheHeaders } from "~/lib/http-cache.server";
import { getSessionUser } from "~/lib/session.server";
import { getPublishedFinalists } from "~/models/finalists.server";

export const handle: MessagesHandle = { i18n: ["public"] };

/**
 * The finalists announced before the winners (docs/http.md): each stage whose shortlist the chair
 * published, its finalists by name. No score, no rank: they would give the final order away. A
 * 404 when nothing is announced, as for a competition not published.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const finalists = params.slug ? await getPublishedFinalists(params.slug) : null;
  if (!finalists) throw new Response("Not found", { status: 404 });
  const [lang, user] = await Promise.all([getLang(request), getSessionUser(request)]);
  const { version, ...page } = finalists;
  return json(page, { headers: snapshotCacheHeaders(version, lang, user?.id ?? null) });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: "Juara" }];
  const lang = parseLang((matches.find((m) => m.id === "root")?.data as { lang?: Lang })?.lang);
  const title = translate(lang, "public.finalists.title", { name: data.competition.name });
  return [
    { title: `${title} · Juara` },
    { name: "description", content: title },
    { property: "og:title", content: title },
  ];
};

export default function FinalistsPage() {
  const { competition, stages } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <article className="finalists-page">
      <header>
        <p className="muted">
          {competition.region} · {competition.year}
        </p>
        <h1>{t("public.finalists.title", { name: competition.name })}</h1>
        {competition.isDemo ? <p className="demo-note">{t("public.demo")}</p> : null}
        <p>{t("public.finalists.intro")}</p>
      </header>
      {stages.map((s) => (
        <section key={s.code} aria-labelledby={`finalists-${s.code}`}>
          <h2 id={`finalists-${s.code}`}>{t("public.finalists.stage", { stage: s.name })}</h2>
          <p className="muted">
            {t("public.publishedOn", { date: formatDate(s.publishedAt, lang) })}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("public.library")}</th>
                <th scope="col">{t("public.finalists.village")}</th>
                <th scope="col">{t("public.district")}</th>
                <th scope="col">{t("public.finalists.category")}</th>
              </tr>
            </thead>
            <tbody>
              {s.finalists.map((f, i) => (
                <tr key={i}>
                  <td>{f.name}</td>
                  <td>{f.village}</td>
                  <td>{f.district}</td>
                  <td>{t(`libraryType.${f.category}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </article>
  );
}
