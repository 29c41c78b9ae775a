import type { CombineMode, StageKind } from "../../db/schema";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";
import { categoryName, prizeOrder } from "~/lib/results";

/** The stages of a published competition (docs/decisions/010-stages.md), for the public. */
interface Stage {
  code: string;
  name: string;
  kind: StageKind;
  weight: number;
  results: { libraryCode: string; scoreX100: number | null }[];
}

interface Winner {
  prize: string | null;
  category: string;
  library: { code: string; name: string };
  finalScoreX100: number;
}

/**
 * The stages in order, as a path: each with its kind and, when the stages combine by weight,
 * the weight of a scored stage. The arrows are text, so the path reads the same without CSS.
 */
export function StagePath({ stages, combine }: { stages: Stage[]; combine: CombineMode }) {
  const t = useT();
  return (
    <ol className="stage-path" aria-label={t("publicStages.path")}>
      {stages.map((st, index) => (
        <li key={st.code}>
          {index > 0 ? (
            <span className="stage-arrow" aria-hidden="true">
              {"→ "}
            </span>
          ) : null}
          <span className="stage-name">{st.name}</span>{" "}
          <span className="stage-kind">
            ({t(`publicStages.kind.${st.kind}`)}
            {combine === "weighted" && st.kind !== "admin"
              ? `, ${t("publicStages.weight", { weight: st.weight })}`
              : ""}
            )
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * Each prize winner's score at each scored stage it took part in (as frozen with the
 * publication: the cumulative score there, docs/scoring.md "Stages") and its final score. On a
 * phone each winner's row becomes a block, each score labelled with its stage (app.css).
 */
export function StageScores({
  stages,
  results,
  combine,
  scope,
}: {
  stages: Stage[];
  results: Winner[];
  combine: CombineMode;
  scope: "overall" | "category";
}) {
  const t = useT();
  const lang = useLang();
  const scored = stages.filter((st) => st.kind !== "admin");
  const winners = prizeOrder(results, scope);
  if (winners.length === 0 || scored.length === 0) return null;
  return (
    <section className="stage-scores-section" aria-labelledby="stage-scores">
      <h2 id="stage-scores">{t("publicStages.scores")}</h2>
      <p className="muted">{t(`publicStages.scoresNote.${combine}`)}</p>
      <div className="table-wrap">
        <table className="stage-scores">
          <thead>
            <tr>
              <th scope="col">{t("public.library")}</th>
              {scored.map((st) => (
                <th scope="col" className="num" key={st.code}>
                  {st.name}
                </th>
              ))}
              <th scope="col" className="num">
                {t("public.finalScore")}
              </th>
            </tr>
          </thead>
          <tbody>
            {winners.map((w) => (
              <tr key={w.library.code} data-library={w.library.code}>
                <th scope="row">
                  <span className="badge prize-badge">{w.prize}</span> {w.library.name}
                  {scope === "category" ? ` (${categoryName(t, w.category)})` : ""}
                </th>
                {scored.map((st) => {
                  const here = st.results.find((x) => x.libraryCode === w.library.code);
                  return (
                    <td className="num stage-score" key={st.code} data-label={st.name}>
                      {here === undefined
                        ? t("publicStages.notIn")
                        : here.scoreX100 === null
                          ? "–"
                          : formatScore(here.scoreX100, lang)}
                    </td>
                  );
                })}
                <td className="num final" data-label={t("public.finalScore")}>
                  <strong>{formatScore(w.finalScoreX100, lang)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
