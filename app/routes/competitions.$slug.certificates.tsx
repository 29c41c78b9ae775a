import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLang, useT } from "~/i18n/useT";
import { formatDate } from "~/lib/format";
import { loadPublishedPage } from "~/routes/competitions.$slug/published-page.server";
import { prizeOrder } from "~/lib/results";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { snapshot, headers } = await loadPublishedPage(request, params.slug);
  // Juara I first on paper, category by category
  const winners = prizeOrder(snapshot.results, snapshot.competition.rankingScope);
  return json(
    {
      competition: snapshot.competition,
      publishedAt: snapshot.publication.publishedAt,
      winners,
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Piagam · ${data.competition.name}` : "Juara" },
];

/** One A4 landscape page per winner (print CSS), with places for signatures. */
export default function Certificates() {
  const { competition, publishedAt, winners } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const place = competition.region.replace(/^Kabupaten\s+/i, "");
  return (
    <div className="certificates">
      <div className="no-print certificate-help">
        <h1>{t("public.certificates")}</h1>
        <p>{t("certificate.printHint")}</p>
      </div>
      {winners.map((w) => (
        <section
          className="certificate"
          key={`${w.category}-${w.library.code}`}
          aria-label={`${w.prize} ${w.library.name}`}
        >
          <p className="certificate-kicker">{competition.region}</p>
          <h2 className="certificate-title">{t("certificate.title")}</h2>
          <p>{t("certificate.givenTo")}</p>
          <p className="certificate-name">{w.library.name}</p>
          <p className="certificate-where">
            {w.library.village}, {w.library.district}
          </p>
          <p>{t("certificate.as")}</p>
          <p className="certificate-prize">{w.prize}</p>
          <p>
            {t("certificate.in")} {competition.name}
          </p>
          <p className="certificate-date">
            {t("certificate.date", {
              region: place,
              date: formatDate(publishedAt, lang),
            })}
          </p>
          <div className="signatures">
            <div className="signature">
              <span className="signature-line" />
              {t("certificate.chair")}
            </div>
            <div className="signature">
              <span className="signature-line" />
              {t("certificate.head")}
            </div>
          </div>
        </section>
      ))}
    </div>
  );
}
