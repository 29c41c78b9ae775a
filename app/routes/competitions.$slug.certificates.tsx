import type { MessagesHandle } from "~/i18n";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrintButton } from "~/components/PrintButton";
import { useLang, useT } from "~/i18n/useT";
import { formatDate } from "~/lib/format";
import { getPublishedDocumentDetails } from "~/models/public.server";
import { loadPublishedPage } from "~/routes/competitions.$slug/published-page.server";
import { prizeOrder } from "~/lib/results";

export const handle: MessagesHandle = { i18n: ["public"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const documents = params.slug ? await getPublishedDocumentDetails(params.slug) : null;
  const { snapshot, headers } = await loadPublishedPage(request, params.slug, documents);
  // Juara I first on paper, category by category
  const winners = prizeOrder(snapshot.results, snapshot.competition.rankingScope);
  return json(
    {
      competition: snapshot.competition,
      // the day the winners were decided, as the chair recorded it; else the day they were published
      decidedOn: documents?.decisionDate ?? snapshot.publication.publishedAt,
      place:
        documents?.decisionPlace ||
        snapshot.competition.region.replace(/^(Kabupaten|Kota)\s+/i, ""),
      signers: [
        {
          name: documents?.chairSignerName ?? "",
          title: documents?.chairSignerTitle ?? "",
          role: "chair",
        },
        {
          name: documents?.headSignerName ?? "",
          title: documents?.headSignerTitle ?? "",
          role: "head",
        },
      ] as const,
      winners,
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Piagam · ${data.competition.name}` : "Juara" },
];

/** One A4 landscape page per winner (print CSS), signed by the two signers of the settings. */
export default function Certificates() {
  const { competition, decidedOn, place, signers, winners } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="certificates">
      <div className="no-print certificate-help">
        <h1>{t("public.certificates")}</h1>
        <p>{t("certificate.printHint")}</p>
        <PrintButton label={t("certificate.print")} />
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
            {t("certificate.date", { region: place, date: formatDate(decidedOn, lang) })}
          </p>
          <div className="signatures">
            {signers.map((s) => (
              <div className="signature" key={s.role}>
                <span className="signature-title">
                  {s.title || t(s.role === "chair" ? "certificate.chair" : "certificate.head")}
                </span>
                <span className="signature-line" />
                <span className="signature-name">{s.name || "\u00a0"}</span>
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
