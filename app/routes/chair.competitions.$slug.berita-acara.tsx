import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintButton } from "~/components/PrintButton";
import { SetAsideSheets } from "~/components/SetAsideSheets";
import type { MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatDate, formatScore } from "~/lib/format";
import { requireRole } from "~/lib/session.server";
import { listPanel } from "~/models/assignments.server";
import { documentDetailsOf, requireCompetition } from "~/models/competitions.server";
import { listSetAsideSheets } from "~/models/conflicts.server";
import { getPublicSnapshot } from "~/models/public.server";
import { publishedSetAside } from "~/models/publishing.server";
import { computeRanking } from "~/models/ranking.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Berita Acara · ${data?.competition.name ?? "Juara"}` },
];

interface MinutesRow {
  rank: number | null;
  prize: string | null;
  category: string;
  code: string;
  name: string;
  village: string;
  district: string;
  finalX100: number | null;
  judges: number;
  components: { code: string; scoreX100: number | null }[];
}

/**
 * The official minutes: the published snapshot once results are published (what was announced),
 * before that the live ranking, marked as a draft.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const published = c.status === "published";
  const [panel, snapshot, ranking, setAside] = await Promise.all([
    listPanel(c.id),
    published ? getPublicSnapshot(c.slug) : Promise.resolve(null),
    computeRanking(c),
    // what the publication left out, frozen with it; before that, what is left out now
    published ? publishedSetAside(c.id) : listSetAsideSheets(c.id),
  ]);
  const components =
    ranking?.entries[0]?.components.map((k) => ({
      code: k.code,
      name: k.name,
      weight: k.weight,
    })) ?? [];
  const rows: MinutesRow[] = snapshot
    ? snapshot.results.map((r) => ({
        rank: r.rank,
        prize: r.prize,
        category: r.category,
        code: r.library.code,
        name: r.library.name,
        village: r.library.village,
        district: r.library.district,
        finalX100: r.finalScoreX100,
        judges: r.judges,
        components: r.components.map((k) => ({
          code: k.code,
          scoreX100: k.scoreX100,
        })),
      }))
    : (ranking?.entries ?? []).map((e) => ({
        rank: e.rank,
        prize: e.prize,
        category: e.category,
        code: e.code,
        name: e.name,
        village: e.village,
        district: e.district,
        finalX100: e.finalX100,
        judges: e.judges,
        components: e.components.map((k) => ({
          code: k.code,
          scoreX100: k.scoreX100,
        })),
      }));
  return json({
    competition: {
      slug: c.slug,
      name: c.name,
      year: c.year,
      region: c.region,
      aggregation: c.aggregation,
      status: c.status,
      scope: c.ranking_scope,
    },
    published: snapshot
      ? {
          at: snapshot.publication.publishedAt,
          revision: snapshot.publication.revision,
          reason: snapshot.publication.reason,
        }
      : null,
    today: new Date().toISOString(),
    documents: documentDetailsOf(c),
    panel: panel
      .filter((j) => j.load > 0 || j.active)
      .map((j) => ({ name: j.name, institution: j.institution })),
    chair: user.role === "chair" ? user.name : "",
    components,
    rows,
    setAside: setAside.map(
      ({ code, library, judge, status, confirmedAt, confirmedBy, reason }) => ({
        code,
        library,
        judge,
        status,
        confirmedAt,
        confirmedBy,
        reason,
      }),
    ),
  });
}

export default function BeritaAcara() {
  const t = useT();
  const lang = useLang();
  const {
    competition: c,
    published,
    today,
    documents,
    panel,
    chair,
    components,
    rows,
    setAside,
  } = useLoaderData<typeof loader>();
  const prizes = rows.filter((r) => r.prize);
  const score = (x: number | null) => (x === null ? "—" : formatScore(x, lang));
  // the day the winners were decided as the chair recorded it; else publication; a draft: today
  const date = formatDate(documents.decisionDate ?? published?.at ?? today, lang);
  const place = documents.decisionPlace || c.region.replace(/^(Kabupaten|Kota)\s+/i, "");
  return (
    <article className="minutes">
      <div className="no-print page-links">
        <Link to={`/chair/competitions/${c.slug}/results`}>{t("minutes.back")}</Link>
        <span className="muted">{t("minutes.printHint")}</span>
        <PrintButton label={t("documents.print")} />
      </div>
      {published ? null : <p className="draft-mark">{t("minutes.draft")}</p>}
      <h1>{t("minutes.title")}</h1>
      <p className="subtitle">
        <strong>{c.name}</strong>
      </p>
      {documents.documentNumber ? (
        <p className="subtitle document-number">
          {t("documents.number", { number: documents.documentNumber })}
        </p>
      ) : null}
      <p>
        {t("minutes.opening", {
          date,
          region: c.region,
          year: c.year,
          count: rows.length,
          method: t(`aggregation.${c.aggregation}` as MessageKey),
        })}
      </p>
      {published && published.revision > 0 ? (
        <p>
          {t("minutes.correction", {
            revision: published.revision,
            reason: published.reason ?? "",
          })}
        </p>
      ) : null}

      <h2>{t("minutes.panel")}</h2>
      <ol>
        {panel.map((j) => (
          <li key={j.name}>
            {j.name}
            {j.institution ? `, ${j.institution}` : ""}
          </li>
        ))}
      </ol>

      <h2>{t("minutes.ranking")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("results.rank")}
            </th>
            <th scope="col">{t("results.library")}</th>
            <th scope="col">{t("export.district")}</th>
            {components.map((k) => (
              <th scope="col" className="num" key={k.code}>
                {k.code} ({k.weight}%)
              </th>
            ))}
            <th scope="col" className="num">
              {t("results.final")}
            </th>
            <th scope="col">{t("export.prize")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <td className="num">{r.rank ?? "—"}</td>
              <td>
                {r.name}
                {c.scope === "category" ? ` (${t(`libraryType.${r.category}` as MessageKey)})` : ""}
              </td>
              <td>{r.district}</td>
              {components.map((k) => (
                <td className="num" key={k.code}>
                  {score(r.components.find((x) => x.code === k.code)?.scoreX100 ?? null)}
                </td>
              ))}
              <td className="num">
                <strong>{score(r.finalX100)}</strong>
              </td>
              <td>{r.prize ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{components.map((k) => `${k.code}: ${k.name}`).join("; ")}</p>
      <SetAsideSheets sheets={setAside} />

      <h2>{t("minutes.prizes")}</h2>
      <ul>
        {prizes.map((r) => (
          <li key={r.code}>
            <strong>{r.prize}</strong>: {r.name}, {r.village}, {r.district} — {score(r.finalX100)}
          </li>
        ))}
      </ul>

      <p>{t("minutes.closing")}</p>
      <p className="minutes-place-date">{t("documents.placeDate", { place, date })}</p>
      <div className="signatures">
        {panel.map((j) => (
          <div className="signature" key={j.name}>
            <p>{t("minutes.judgeRole")}</p>
            <div className="line" />
            <p>{j.name}</p>
          </div>
        ))}
        <div className="signature">
          <p>{t("minutes.chairRole")}</p>
          <div className="line" />
          <p>{chair || "\u00a0"}</p>
        </div>
      </div>
    </article>
  );
}
