import { Link } from "@remix-run/react";
import { isMessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";
import { publishedPointsX100, type PointsSetting } from "~/lib/points";
import { isHarapan, isJuara } from "~/lib/results";

interface Result {
  rank: number;
  prize: string | null;
  category: string;
  library: { code: string; name: string; village: string; district: string };
  finalScoreX100: number;
  pointsSumX100: number | null;
  judges: number;
  components: { code: string; name: string; weight: number; scoreX100: number }[];
}

/** Podium, honourable mentions and the full ranking of one category (or of everyone). */
export function ResultsSection({
  category,
  results,
  points = null,
}: {
  category: string | null;
  results: Result[];
  /** the competition's points display (docs/scoring.md, "Points"); null: none */
  points?: PointsSetting | null;
}) {
  const t = useT();
  const lang = useLang();
  const pointsOf = (r: Result) => {
    const x100 = points ? publishedPointsX100(points, r) : null;
    return x100 === null ? null : t("public.pointsValue", { points: formatScore(x100, lang) });
  };
  const podium = results.filter(isJuara);
  const harapan = results.filter(isHarapan);
  const components = results[0]?.components ?? [];
  const rankCounts = new Map<number, number>();
  for (const r of results) rankCounts.set(r.rank, (rankCounts.get(r.rank) ?? 0) + 1);
  const categoryKey = `libraryType.${category ?? ""}`;
  const headingId = `results-${category ?? "all"}`;
  return (
    <section aria-labelledby={headingId} className="results-section">
      {category ? (
        <h2 id={headingId}>
          {t("public.category", {
            category: isMessageKey(categoryKey) ? t(categoryKey) : category,
          })}
        </h2>
      ) : (
        <h2 id={headingId} className="visually-hidden">
          {t("public.winners")}
        </h2>
      )}
      {podium.length > 0 ? (
        <ol className="podium" aria-label={t("public.podium")}>
          {podium.map((r) => (
            <li key={r.library.code} className={`podium-place place-${r.rank}`}>
              <span className="prize">{r.prize}</span>
              {/* elementtiming: the browser reports when each name is painted (bench/mobile.ts) */}
              <Link
                to={`/libraries/${r.library.code}`}
                className="podium-name"
                {...{ elementtiming: "podium" }}
              >
                {r.library.name}
              </Link>
              <span className="podium-where">
                {r.library.village}, {r.library.district}
              </span>
              <span className="podium-score">{formatScore(r.finalScoreX100, lang)}</span>
              {pointsOf(r) ? <span className="podium-points">{pointsOf(r)}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {harapan.length > 0 ? (
        <>
          <h3>{t("public.honourable")}</h3>
          <ol className="harapan">
            {harapan.map((r) => (
              <li key={r.library.code}>
                <strong>{r.prize}</strong> —{" "}
                <Link to={`/libraries/${r.library.code}`}>{r.library.name}</Link> (
                {r.library.district}) · {formatScore(r.finalScoreX100, lang)}
                {pointsOf(r) ? ` · ${pointsOf(r)}` : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <h3>{t("public.fullRanking")}</h3>
      <div className="table-wrap">
        {/* on a phone each row stacks: rank, library and final score first (app.css) */}
        <table className="ranking">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("public.rank")}
              </th>
              <th scope="col">{t("public.library")}</th>
              <th scope="col">{t("public.district")}</th>
              <th scope="col" className="num">
                {t("public.finalScore")}
              </th>
              {points ? (
                <th scope="col" className="num">
                  {t("public.points")}
                </th>
              ) : null}
              {components.map((c) => (
                <th scope="col" className="num" key={c.code} title={`${c.name} (${c.weight}%)`}>
                  {c.code}
                  <span className="visually-hidden"> {c.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.library.code} className={r.prize ? "has-prize" : undefined}>
                <td className="num rank">
                  {r.rank}
                  {(rankCounts.get(r.rank) ?? 0) > 1 ? (
                    <abbr title={t("public.sharedRank")}>=</abbr>
                  ) : null}
                </td>
                <th scope="row">
                  <Link to={`/libraries/${r.library.code}`}>{r.library.name}</Link>
                  {r.prize ? <span className="badge prize-badge">{r.prize}</span> : null}
                </th>
                <td className="district">{r.library.district}</td>
                <td className="num final">
                  <strong>{formatScore(r.finalScoreX100, lang)}</strong>
                </td>
                {points ? (
                  <td className="num points" data-label={t("public.points")}>
                    {(() => {
                      const x100 = publishedPointsX100(points, r);
                      return x100 === null ? "–" : formatScore(x100, lang);
                    })()}
                  </td>
                ) : null}
                {components.map((c) => {
                  const score = r.components.find((x) => x.code === c.code);
                  return (
                    <td className="num component" key={c.code} data-code={c.code}>
                      {score ? formatScore(score.scoreX100, lang) : "–"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
