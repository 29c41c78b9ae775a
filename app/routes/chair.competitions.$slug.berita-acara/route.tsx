import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MinutesTable, Signatures, useMinutesScore } from "~/components/Minutes";
import { MinutesStages } from "~/components/MinutesStages";
import { PrintButton } from "~/components/PrintButton";
import { SetAsideSheets } from "~/components/SetAsideSheets";
import type { MessageKey, MessagesHandle } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatDate } from "~/lib/format";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { loadMinutes } from "./berita-acara.server";

export const handle: MessagesHandle = { i18n: ["chair-results", "public"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Berita Acara · ${data?.competition.name ?? "Juara"}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json(await loadMinutes(c, user));
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
    stages,
    setAside,
  } = useLoaderData<typeof loader>();
  const prizes = rows.filter((r) => r.prize);
  const score = useMinutesScore();
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

      <MinutesStages stages={stages} combine={c.combine} />

      <h2>{t("minutes.ranking")}</h2>
      <MinutesTable rows={rows} components={components} byCategory={c.scope === "category"} />
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
      <Signatures panel={panel} chair={chair} />
    </article>
  );
}
