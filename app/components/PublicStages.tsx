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
  /** C × 100 there and the stage's own F × 100 (null in publications made before 0014) */
  results: { libraryCode: string; scoreX100: number | null; stageScoreX100: number | null }[];
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
 * Each prize winner's score at each scored stage it took part in, as frozen with the publication
 * (docs/scoring.md "Stages"), and its final score. With `combine` = `weighted` each stage shows
 * two figures: the stage's own score F and the combined score C there (by which the stage
 * ranked); with `last` they are the same, so one. A publication made before the own score was
 * frozen has only C: it shows C, labelled as the combined score, as it always did. On a phone
 * each winner's row becomes a block, each score labelled with its stage (app.css).
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
  const frozenOwn = scored.some((st) => st.results.some((x) => x.stageScoreX100 !== null));
  // two figures per stage only when they can differ and the publication has both
  const both = combine === "weighted" && frozenOwn;
  const shown = (x: number | null) => (x === null ? "–" : formatScore(x, lang));
  return (
    <section className="stage-scores-section" aria-labelledby="stage-scores">
      <h2 id="stage-scores">{t("publicStages.scores")}</h2>
      <p className="muted">
        {both ? t("stageScore.public.note") : t(`publicStages.scoresNote.${combine}`)}
      </p>
      <div className="table-wrap">
        <table className="stage-scores">
          <thead>
            <tr>
              <th scope="col" rowSpan={both ? 2 : undefined}>
                {t("public.library")}
              </th>
              {scored.map((st) =>
                both ? (
                  <th scope="colgroup" colSpan={2} key={st.code}>
                    {st.name}
                  </th>
                ) : (
                  <th scope="col" className="num" key={st.code}>
                    {st.name}
                  </th>
                ),
              )}
              <th scope="col" className="num" rowSpan={both ? 2 : undefined}>
                {t("public.finalScore")}
              </th>
            </tr>
            {both ? (
              <tr>
                {scored.flatMap((st) => [
                  <th scope="col" className="num" key={`${st.code}-own`}>
                    {t("stageScore.public.own")}
                  </th>,
                  <th scope="col" className="num" key={`${st.code}-combined`}>
                    {t("stageScore.public.combined")}
                  </th>,
                ])}
              </tr>
            ) : null}
          </thead>
          <tbody>
            {winners.map((w) => (
              <tr key={w.library.code} data-library={w.library.code}>
                <th scope="row">
                  <span className="badge prize-badge">{w.prize}</span> {w.library.name}
                  {scope === "category" ? ` (${categoryName(t, w.category)})` : ""}
                </th>
                {scored.flatMap((st) => {
                  const here = st.results.find((x) => x.libraryCode === w.library.code);
                  if (!both)
                    return [
                      <td className="num stage-score" key={st.code} data-label={st.name}>
                        {here === undefined
                          ? t("publicStages.notIn")
                          : // with `last` the own score is C; before 0014 only C was frozen
                            shown(here.stageScoreX100 ?? here.scoreX100)}
                      </td>,
                    ];
                  if (here === undefined)
                    return [
                      <td
                        className="num stage-score"
                        key={st.code}
                        colSpan={2}
                        data-label={st.name}
                      >
                        {t("publicStages.notIn")}
                      </td>,
                    ];
                  return [
                    <td
                      className="num stage-score"
                      key={`${st.code}-own`}
                      data-label={t("stageScore.public.ownLabel", { stage: st.name })}
                    >
                      {shown(here.stageScoreX100)}
                    </td>,
                    <td
                      className="num stage-combined"
                      key={`${st.code}-combined`}
                      data-label={t("stageScore.public.combinedLabel", { stage: st.name })}
                    >
                      {shown(here.scoreX100)}
                    </td>,
                  ];
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
