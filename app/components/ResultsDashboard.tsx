import { Form, Link } from "@remix-run/react";
import type { Aggregation } from "../../db/schema";
import { JudgeDistributionChart } from "~/components/charts/DashboardCharts";
import { WinnersComponentChart } from "~/components/charts/ResultCharts";
import { ErrorList } from "~/components/Field";
import type { MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";
import { allErrors, type FormReply } from "~/lib/forms";
import type { RankedEntry } from "~/models/ranking.server";
import type {
  DashboardEntry,
  Disagreement,
  Progress,
  ResultsDashboard,
} from "~/models/results-dashboard.server";

type DashboardJudge = ResultsDashboard["judges"][number];

/** The answer to a tie decision that did not go through; `tieKey` says which tie's form. */
export interface TieReply extends FormReply {
  tieKey: string | null;
}

function useScore() {
  const lang = useLang();
  return (x: number | null) => (x === null ? "—" : formatScore(x, lang));
}

/** Each judge's submitted sheets and leaning, and who is still behind. */
export function JudgeProgress({
  judges,
  progress,
}: {
  judges: DashboardJudge[];
  progress: Progress;
}) {
  const t = useT();
  const score = useScore();
  const behind = progress.judges.filter((j) => j.submitted < j.assigned);
  return (
    <section aria-labelledby="progress" className="panel">
      <h2 id="progress">{t("results.progress")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("results.judge")}</th>
              <th scope="col" className="num">
                {t("results.submitted")}
              </th>
              <th scope="col">{t("results.leaning")}</th>
            </tr>
          </thead>
          <tbody>
            {judges.map((j) => {
              const p = progress.judges.find((x) => x.id === j.id);
              return (
                <tr key={j.id} className={p && p.submitted < p.assigned ? "row-warn" : undefined}>
                  <th scope="row">{j.name}</th>
                  <td className="num">
                    {p?.submitted ?? 0} / {p?.assigned ?? 0}
                  </td>
                  <td>
                    {j.leaning ? (
                      <span className="flag">
                        {t(`results.leaning.${j.leaning}`, {
                          points: score(Math.abs(j.biasX100 ?? 0)),
                        })}
                      </span>
                    ) : (
                      t("results.leaning.none")
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {behind.length > 0 ? (
        <p className="notice warn">
          {t("results.behind", {
            names: behind.map((j) => `${j.name} (${j.assigned - j.submitted})`).join(", "),
          })}
        </p>
      ) : (
        <p>{t("results.allSubmitted")}</p>
      )}
    </section>
  );
}

/** The prize-deciding ties the chair must order, one form each. */
export function TieDecisions({
  ties,
  entries,
  reply,
}: {
  ties: ResultsDashboard["ties"];
  entries: DashboardEntry[];
  reply: TieReply | undefined;
}) {
  const t = useT();
  const keyOf = (tie: ResultsDashboard["ties"][number]) =>
    entries.find((e) => e.entryId === tie.entries[0]?.entryId)?.tieKey;
  return (
    <>
      {reply && !ties.some((tie) => keyOf(tie) === reply.tieKey) ? (
        // errors that belong to no tie on the page (a stale or crafted request)
        <ErrorList errors={allErrors(reply.errors)} />
      ) : null}
      {ties.length > 0 ? (
        <section aria-labelledby="ties" className="panel">
          <h2 id="ties">{t("results.ties")}</h2>
          <p>{t("results.tiesHint")}</p>
          {ties.map((tie) => {
            const key = keyOf(tie) ?? "";
            return (
              <TieForm
                key={key}
                tieKey={key}
                tie={tie}
                reply={reply && reply.tieKey === key ? reply : undefined}
              />
            );
          })}
        </section>
      ) : null}
    </>
  );
}

function TieForm({
  tieKey,
  tie,
  reply,
}: {
  tieKey: string;
  tie: ResultsDashboard["ties"][number];
  reply: TieReply | undefined;
}) {
  const t = useT();
  return (
    <Form method="post" className="stack tie-form" noValidate>
      <h3>{t("results.tieAt", { rank: tie.rank })}</h3>
      <input type="hidden" name="intent" value="tie" />
      <input type="hidden" name="tieKey" value={tieKey} />
      <ErrorList errors={reply?.errors._form} />
      {tie.entries.map((e, i) => (
        <p key={e.entryId} className="field inline">
          <label htmlFor={`pos-${e.entryId}`}>
            {t("results.tiePosition", { library: e.name })}
          </label>{" "}
          <input
            id={`pos-${e.entryId}`}
            name={`position.${e.entryId}`}
            inputMode="numeric"
            size={3}
            defaultValue={reply?.values[`position.${e.entryId}`] ?? String(i + 1)}
          />
          <ErrorList errors={reply?.errors[`position.${e.entryId}`]} />
        </p>
      ))}
      <div className="field">
        <label htmlFor={`reason-${tieKey}`}>{t("results.tieReason")}</label>
        <input
          id={`reason-${tieKey}`}
          name="reason"
          defaultValue={reply?.values.reason}
          aria-invalid={reply?.errors.reason ? true : undefined}
        />
        <ErrorList errors={reply?.errors.reason} />
      </div>
      <button type="submit" className="button primary">
        {t("results.tieSubmit")}
      </button>
    </Form>
  );
}

/** The live ranking with each judge's total, the spread, the sheets in and the flags. */
export function RankingTable({
  entries,
  judges,
  progress,
  byCategory,
  points,
  feedbackHref,
}: {
  entries: DashboardEntry[];
  judges: DashboardJudge[];
  progress: Progress;
  byCategory: boolean;
  /** points × 100 by entry id, shown beside the final when the competition shows points */
  points?: Record<number, number>;
  /** the entry's feedback sheet (coaching notes), by library code */
  feedbackHref?: (code: string) => string;
}) {
  const t = useT();
  const componentCodes = entries[0]?.components.map((k) => k.code) ?? [];
  const judgeName = new Map(judges.map((j) => [j.id, j.name]));
  const sheetsOf = (entryId: number) =>
    progress.entries.find((p) => p.id === entryId) ?? {
      submitted: 0,
      assigned: 0,
    };
  return (
    <section aria-labelledby="ranking" className="panel">
      <h2 id="ranking">{t("results.ranking")}</h2>
      <p id="ranking-hint" className="hint">
        {t("results.scrollHint")}
      </p>
      {/* a scrollable region takes the focus, so the keyboard can scroll it (WCAG 2.1.1) */}
      <div
        className="table-wrap ranking-scroll"
        role="region"
        aria-label={t("results.rankingTable")}
        aria-describedby="ranking-hint"
        /* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */
        tabIndex={0}
      >
        <table className="results-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("results.rank")}
              </th>
              <th scope="col">{t("results.library")}</th>
              <th scope="col" className="num">
                {t("results.final")}
              </th>
              {points ? (
                <th scope="col" className="num">
                  {t("results.points")}
                </th>
              ) : null}
              {componentCodes.map((code) => (
                <th scope="col" className="num" key={code}>
                  {code}
                </th>
              ))}
              {judges.map((j) => (
                <th scope="col" className="num" key={j.id}>
                  {j.name}
                </th>
              ))}
              <th scope="col" className="num">
                {t("results.spread")}
              </th>
              <th scope="col" className="num">
                {t("results.sheets")}
              </th>
              <th scope="col">{t("results.flags")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <RankingRow
                key={e.entryId}
                entry={e}
                judges={judges}
                sheets={sheetsOf(e.entryId)}
                byCategory={byCategory}
                points={points ? (points[e.entryId] ?? null) : undefined}
                feedbackHref={feedbackHref?.(e.code)}
                judgeName={(id) => judgeName.get(id) ?? ""}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RankingRow({
  entry: e,
  judges,
  sheets,
  byCategory,
  points,
  feedbackHref,
  judgeName,
}: {
  entry: DashboardEntry;
  judges: DashboardJudge[];
  sheets: { submitted: number; assigned: number };
  byCategory: boolean;
  /** undefined: the competition shows no points */
  points?: number | null;
  feedbackHref?: string;
  judgeName: (id: number) => string;
}) {
  const t = useT();
  const score = useScore();
  return (
    <tr className={e.unresolvedPrizeTie ? "row-warn" : undefined}>
      <td className="num">{e.rank ?? "—"}</td>
      <th scope="row">
        {e.name}
        {e.prize ? <span className="badge prize"> {e.prize}</span> : null}
        {byCategory ? (
          <span className="muted"> · {t(`libraryType.${e.category}` as MessageKey)}</span>
        ) : null}
        {feedbackHref ? (
          <>
            {" "}
            <Link to={feedbackHref} className="muted">
              {t("feedback.link")}
              <span className="visually-hidden"> {e.name}</span>
            </Link>
          </>
        ) : null}
      </th>
      <td className="num">
        <strong>{score(e.finalX100)}</strong>
      </td>
      {points !== undefined ? <td className="num">{score(points)}</td> : null}
      {e.components.map((k) => (
        <td className="num" key={k.code}>
          {score(k.scoreX100)}
        </td>
      ))}
      {judges.map((j) => (
        <td className={`num${e.outlierJudges.includes(j.id) ? " outlier" : ""}`} key={j.id}>
          {e.judgeTotals[j.id] === undefined ? "—" : score(e.judgeTotals[j.id]!)}
          {e.outlierJudges.includes(j.id) ? (
            <span className="flag"> {t("results.outlierMark")}</span>
          ) : null}
        </td>
      ))}
      <td className="num">{score(e.spreadX100)}</td>
      <td className={`num${sheets.submitted < sheets.assigned ? " flag" : ""}`}>
        {`${sheets.submitted} / ${sheets.assigned}`}
      </td>
      <td>
        {e.tieSize > 1 ? (
          <span className="flag">
            {e.decided
              ? t("results.flag.tieDecided")
              : e.unresolvedPrizeTie
                ? t("results.flag.prizeTie")
                : t("results.flag.tie")}
          </span>
        ) : null}
        {e.outlierJudges.length > 0 ? (
          <span className="flag">
            {" "}
            {t("results.flag.outlier", {
              judges: e.outlierJudges.map(judgeName).join(", "),
            })}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

/** The podium under each aggregation method, the chosen one marked. */
export function MethodComparison({
  methods,
  podiumDependsOnMethod,
  chosen,
}: {
  methods: ResultsDashboard["methods"];
  podiumDependsOnMethod: boolean;
  chosen: Aggregation;
}) {
  const t = useT();
  return (
    <section aria-labelledby="methods" className="panel">
      <h2 id="methods">{t("results.methods")}</h2>
      {podiumDependsOnMethod ? (
        <p className="notice warn">{t("results.methodsDiffer")}</p>
      ) : (
        <p>{t("results.methodsAgree")}</p>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("results.method")}</th>
              <th scope="col">{t("results.podium")}</th>
            </tr>
          </thead>
          <tbody>
            {methods.map((m) => (
              <tr key={m.method} className={m.method === chosen ? "row-current" : undefined}>
                <th scope="row">
                  {t(`aggregation.${m.method}` as MessageKey)}
                  {m.method === chosen ? (
                    <span className="muted"> ({t("results.chosen")})</span>
                  ) : null}
                </th>
                <td>
                  {m.podium.map((p) => `${p.prize}: ${p.names.join(" = ")}`).join(" · ") || "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Indicators where the judges' scores of one entry spread over half the scale or more. */
export function Disagreements({ disagreements }: { disagreements: Disagreement[] }) {
  const t = useT();
  return (
    <section aria-labelledby="disagreements" className="panel">
      <h2 id="disagreements">{t("results.disagreements")}</h2>
      {disagreements.length === 0 ? (
        <p>{t("results.disagreementsNone")}</p>
      ) : (
        <>
          <p>{t("results.disagreementsHint")}</p>
          <ul>
            {disagreements.map((d) => (
              <li key={`${d.entryId}-${d.indicator}`}>
                {t("results.disagreement", {
                  library: d.library,
                  indicator: `${d.indicator} ${d.indicatorName}`,
                  low: d.low,
                  high: d.high,
                  min: d.min,
                  max: d.max,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** How each judge's totals spread, and the top five's component profile. */
export function ResultsCharts({
  judges,
  entries,
  ranked,
}: {
  judges: DashboardJudge[];
  entries: DashboardEntry[];
  ranked: RankedEntry[];
}) {
  const t = useT();
  const top = entries.filter((e) => e.rank !== null && e.finalX100 !== null).slice(0, 5);
  return (
    <section aria-labelledby="charts" className="panel">
      <h2 id="charts">{t("results.charts")}</h2>
      <JudgeDistributionChart
        judges={judges.map((j) => ({
          name: j.name,
          totalsX100: entries.flatMap((e) =>
            e.judgeTotals[j.id] === undefined ? [] : [e.judgeTotals[j.id]!],
          ),
        }))}
      />
      <WinnersComponentChart
        title={t("results.chartTop")}
        winners={top.map((e) => ({
          label: e.name,
          components: ranked
            .find((r) => r.entryId === e.entryId)!
            .components.map((k) => ({
              code: k.code,
              name: k.name,
              weight: k.weight,
              scoreX100: k.scoreX100 ?? 0,
            })),
        }))}
      />
    </section>
  );
}
