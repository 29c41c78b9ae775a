import type { CombineMode, StageKind } from "../../db/schema";
import { useLang, useT } from "~/i18n/useT";
import { formatDate } from "~/lib/format";
import { useMinutesScore } from "./Minutes";

/** One stage of the minutes (docs/decisions/010-stages.md): what it was and who went on. */
export interface MinutesStage {
  position: number;
  code: string;
  name: string;
  kind: StageKind;
  weight: number;
  advance: number | null;
  last: boolean;
  closedAt: string | null;
  judges: number;
  assignments: number;
  results: {
    code: string;
    name: string;
    /** C × 100, the combined score there (the stage ranked by it) */
    scoreX100: number | null;
    /** F × 100, the stage's own score; null in publications made before 0014 */
    stageScoreX100: number | null;
    rank: number | null;
    advanced: boolean;
  }[];
  failures: { code: string; name: string; item: string; reason: string }[];
}

/**
 * A section per stage: its kind, weight, closing date, judges and assignments, the entries in
 * it with their score (with `combine` = `weighted` the stage's own score and the combined score,
 * by which the stage ranked; with `last` they are one; a publication made before the own score
 * was frozen has the combined score only, labelled so), rank and whether they went on; for an admin stage, the entries that
 * failed with the reason for each failed item. Each section starts on its own lines in print
 * and its rows never split across pages (app.css, `.minutes`).
 */
export function MinutesStages({
  stages,
  combine,
}: {
  stages: MinutesStage[];
  combine: CombineMode;
}) {
  const t = useT();
  const lang = useLang();
  const score = useMinutesScore();
  if (stages.length === 0) return null;
  return (
    <>
      <h2>{t("baStages.title")}</h2>
      {stages.map((st) => {
        const failed = new Set(st.failures.map((f) => f.code)).size;
        const both = combine === "weighted" && st.results.some((r) => r.stageScoreX100 !== null);
        return (
          <section key={st.code} className="minutes-stage" aria-labelledby={`stage-${st.position}`}>
            <h3 id={`stage-${st.position}`}>
              {t("baStages.stage", { position: st.position, name: st.name })}
            </h3>
            <ul className="minutes-stage-facts">
              <li>{t("baStages.kind", { kind: t(`publicStages.kind.${st.kind}`) })}</li>
              {combine === "weighted" && st.kind !== "admin" ? (
                <li>{t("baStages.weight", { weight: st.weight })}</li>
              ) : null}
              <li>
                {st.closedAt
                  ? t("baStages.closed", { date: formatDate(st.closedAt, lang) })
                  : st.last
                    ? t("baStages.closedWithScoring")
                    : "—"}
              </li>
              {st.kind === "admin" ? null : (
                <li>{t("baStages.assignments", { judges: st.judges, count: st.assignments })}</li>
              )}
              {st.last || st.kind === "admin" ? null : (
                <li>
                  {st.advance === null
                    ? t("baStages.advanceAll")
                    : t("baStages.advance", { count: st.advance })}
                </li>
              )}
            </ul>
            {st.kind === "admin" ? (
              <>
                <p>
                  {t("baStages.passed", {
                    count: st.results.filter((r) => r.advanced).length,
                    failed,
                  })}
                </p>
                {st.failures.length > 0 ? (
                  <table className="minutes-failures">
                    <caption>{t("baStages.failures")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("results.library")}</th>
                        <th scope="col">{t("baStages.item")}</th>
                        <th scope="col">{t("baStages.reason")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {st.failures.map((f) => (
                        <tr key={`${f.code}-${f.item}`}>
                          <td>{f.name}</td>
                          <td>{f.item}</td>
                          <td>{f.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </>
            ) : (
              <>
                <table className="minutes-shortlist">
                  <caption>{t("baStages.shortlist")}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t("results.rank")}
                      </th>
                      <th scope="col">{t("results.library")}</th>
                      {both ? (
                        <>
                          <th scope="col" className="num">
                            {t("stageScore.minutes.own")}
                          </th>
                          <th scope="col" className="num">
                            {t("stageScore.minutes.combined")}
                          </th>
                        </>
                      ) : (
                        <th scope="col" className="num">
                          {t("baStages.score")}
                        </th>
                      )}
                      {st.last ? null : <th scope="col">{t("baStages.wentOn")}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {st.results.map((r) => (
                      <tr key={r.code} data-library={r.code}>
                        <td className="num">{r.rank ?? "—"}</td>
                        <td>{r.name}</td>
                        {both ? (
                          <>
                            <td className="num">{score(r.stageScoreX100)}</td>
                            <td className="num">{score(r.scoreX100)}</td>
                          </>
                        ) : (
                          // with `last` the own score is C; before 0014 only C was frozen
                          <td className="num">{score(r.stageScoreX100 ?? r.scoreX100)}</td>
                        )}
                        {st.last ? null : (
                          <td>{r.advanced ? t("baStages.yes") : t("baStages.no")}</td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted">
                  {both ? t("stageScore.minutes.note") : t(`baStages.scoreNote.${combine}`)}
                </p>
              </>
            )}
          </section>
        );
      })}
    </>
  );
}
