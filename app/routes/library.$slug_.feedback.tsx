import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FeedbackComponentChart } from "~/components/charts/FeedbackChart";
import { PrintButton } from "~/components/PrintButton";
import { locale, type Lang, type MessagesHandle } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatDate, formatScore } from "~/lib/format";
import { requireRole } from "~/lib/session.server";
import { getManagedLibrary } from "~/models/library-accounts.server";
import {
  FEEDBACK_LIST_LENGTH,
  getLibraryFeedback,
  type BelowStandard,
} from "~/models/library-feedback.server";

export const handle: MessagesHandle = { i18n: ["library", "public"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.competition.name ?? ""} · Juara` },
];

/**
 * The library's feedback after publication: only its own entry, only once the competition is
 * published (404 before, and for a competition it is not entered in, as /library/<slug> does).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["library"]);
  const library = await getManagedLibrary(user.id);
  const feedback = library ? await getLibraryFeedback(library.id, params.slug ?? "") : undefined;
  if (!feedback) throw new Response("Not found", { status: 404 });
  // how long each list may be (the constant lives in a server module: sent with the data)
  return json(
    { ...feedback, listLength: FEEDBACK_LIST_LENGTH },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(value);
}

/**
 * The feedback sheet: on screen with a chart, and as one A4 page on paper (`?print=1` shows the
 * page as it prints: no chart, no links but the way back).
 */
export default function LibraryFeedbackPage() {
  const t = useT();
  const lang = useLang();
  const fb = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const printView = search.get("print") === "1";
  const c = fb.competition;
  const self = `/library/${c.slug}/feedback`;
  const score = (x: number | null) => (x === null ? "—" : formatScore(x, lang));
  const claimValue = (kind: BelowStandard["kind"], value: string) =>
    kind === "yesno"
      ? t(value === "yes" ? "library.feedback.yes" : "library.feedback.no")
      : formatNumber(Number(value), lang);
  const standard = (b: BelowStandard) =>
    b.kind === "yesno"
      ? t("library.feedback.yes")
      : `≥ ${formatNumber(b.minimum, lang)}${b.unit ? ` ${b.unit}` : ""}`;
  const place = [fb.library.village, fb.library.district].filter(Boolean).join(", ");
  return (
    <article className={`feedback-sheet library-feedback${printView ? " print-view" : ""}`}>
      <p className="page-links no-print">
        <Link to={`/library/${c.slug}`}>{t("library.feedback.back")}</Link>
        {printView ? (
          <Link to={self}>{t("library.feedback.screenView")}</Link>
        ) : (
          <Link to={`${self}?print=1`}>{t("library.feedback.printView")}</Link>
        )}
        <span className="muted">{t("library.feedback.printHint")}</span>
        <PrintButton label={t("library.feedback.print")} />
      </p>

      <section className="feedback-page" aria-labelledby="feedback-title">
        <p className="muted">
          {c.region} · {c.year} ·{" "}
          {t("library.feedback.published", { date: formatDate(c.publishedAt, lang) })}
          {c.revision > 0 ? ` (${t("library.feedback.revision", { revision: c.revision })})` : null}
        </p>
        <h1 id="feedback-title">{t("library.feedback.title")}</h1>
        <p className="subtitle">
          <strong>{c.name}</strong>
        </p>
        <dl className="feedback-library">
          <dt>{t("library.feedback.library")}</dt>
          <dd>
            {fb.library.name} ({fb.library.code})
          </dd>
          <dt>{t("library.feedback.category")}</dt>
          <dd>{t(`libraryType.${fb.library.category}`)}</dd>
          {place ? (
            <>
              <dt>{t("library.feedback.place")}</dt>
              <dd>{place}</dd>
            </>
          ) : null}
          {fb.library.headName ? (
            <>
              <dt>{t("library.feedback.head")}</dt>
              <dd>{fb.library.headName}</dd>
            </>
          ) : null}
          {fb.result ? (
            <>
              <dt>{t("library.feedback.final")}</dt>
              <dd>
                <strong>{score(fb.result.finalX100)}</strong> ·{" "}
                {t("library.feedback.rank", { rank: fb.result.rank })}
                {fb.result.prize ? ` · ${fb.result.prize}` : null}
              </dd>
            </>
          ) : null}
        </dl>

        <h2 id="feedback-components">{t("library.feedback.components")}</h2>
        {fb.result ? null : <p>{t("library.feedback.notRanked")}</p>}
        <p className="hint">
          {t("library.feedback.componentsIntro", {
            entries: fb.counts.entries,
            winners: fb.counts.winners,
          })}
        </p>
        <table className="feedback-table" id="feedback-components-table">
          <thead>
            <tr>
              <th scope="col">{t("library.feedback.col.component")}</th>
              <th scope="col" className="num">
                {t("library.feedback.col.weight")}
              </th>
              <th scope="col" className="num">
                {t("library.feedback.col.own")}
              </th>
              <th scope="col" className="num">
                {t("library.feedback.col.average")}
              </th>
              <th scope="col" className="num">
                {t("library.feedback.col.winners")}
              </th>
            </tr>
          </thead>
          <tbody>
            {fb.components.map((k) => (
              <tr key={k.code}>
                <th scope="row">
                  {k.code} {k.name}
                </th>
                <td className="num">{k.weight}</td>
                <td className="num">
                  <strong>{score(k.ownX100)}</strong>
                </td>
                <td className="num">{score(k.averageX100)}</td>
                <td className="num">{score(k.winnersX100)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {printView || fb.components.length === 0 ? null : (
          <div className="no-print">
            <FeedbackComponentChart
              components={fb.components}
              title={t("library.feedback.chart")}
              textAlternative={t("library.feedback.chartText")}
              tableId="feedback-components-table"
            />
          </div>
        )}

        <h2>{t("library.feedback.below")}</h2>
        {fb.belowStandard.length === 0 ? (
          <p>{t("library.feedback.belowNone")}</p>
        ) : (
          <>
            <p className="hint">{t("library.feedback.belowIntro", { count: fb.listLength })}</p>
            <table className="feedback-table">
              <thead>
                <tr>
                  <th scope="col">{t("library.feedback.col.indicator")}</th>
                  <th scope="col" className="num">
                    {t("library.feedback.col.value")}
                  </th>
                  <th scope="col" className="num">
                    {t("library.feedback.col.standard")}
                  </th>
                  <th scope="col" className="num">
                    {t("library.feedback.col.gap")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {fb.belowStandard.map((b) => (
                  <tr key={b.code}>
                    <th scope="row">
                      {b.code} {b.name}
                    </th>
                    <td className="num">
                      {claimValue(b.kind, b.value)}
                      {b.kind === "number" && b.unit ? ` ${b.unit}` : null}
                      {b.corrected ? (
                        <span className="muted feedback-corrected">
                          {" "}
                          (
                          {t("library.feedback.corrected", {
                            reported: claimValue(b.kind, b.reported),
                          })}
                          )
                        </span>
                      ) : null}
                    </td>
                    <td className="num">{standard(b)}</td>
                    <td className="num">{Math.round(b.gap * 100)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}

        <h2>{t("library.feedback.lowest")}</h2>
        {fb.lowestScored.length === 0 ? (
          <p>{t("library.feedback.lowestNone")}</p>
        ) : (
          <>
            <p className="hint">{t("library.feedback.lowestIntro", { count: fb.listLength })}</p>
            <table className="feedback-table">
              <thead>
                <tr>
                  <th scope="col">{t("library.feedback.col.indicator")}</th>
                  <th scope="col" className="num">
                    {t("library.feedback.col.score")}
                  </th>
                  <th scope="col" className="num">
                    {t("library.feedback.col.percent")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {fb.lowestScored.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">
                      {i.code} {i.name}
                    </th>
                    <td className="num">
                      {score(i.averageX100)} / {i.max}
                    </td>
                    <td className="num">{i.percent}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}

        <h2>{t("library.feedback.notes")}</h2>
        {fb.notes.length === 0 ? (
          <p>{t("library.feedback.notesNone")}</p>
        ) : (
          <ol className="feedback-notes">
            {fb.notes.map((n, i) => (
              <li key={i}>
                {new Set(fb.notes.map((x) => x.stageName)).size > 1 ? (
                  <p className="muted">{n.stageName}</p>
                ) : null}
                <p className="feedback-text">{n.text}</p>
                {n.judgeName ? <p className="muted">— {n.judgeName}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
