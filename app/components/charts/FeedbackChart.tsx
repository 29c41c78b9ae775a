import { useT } from "~/i18n/useT";
import { BarsPlot, ChartFrame } from "./chart-frame";
import { ALL_ENTRIES_COLOUR } from "./ResultCharts";

interface FeedbackComponent {
  code: string;
  name: string;
  weight: number;
  ownX100: number | null;
  averageX100: number;
  winnersX100: number | null;
}

/** The library itself is black and the winners amber (Okabe–Ito); every entry is grey, as elsewhere. */
const SERIES = [
  { key: "own", label: "library.feedback.col.own", colour: "#000000" },
  { key: "average", label: "library.feedback.col.average", colour: ALL_ENTRIES_COLOUR },
  { key: "winners", label: "library.feedback.col.winners", colour: "#E69F00" },
] as const;

const percentOfWeight = (x100: number | null, weight: number) =>
  x100 === null || weight <= 0 ? null : Math.round(x100 / weight);

/**
 * A library's component scores beside the entries' and the winners' averages, each as a percentage
 * of the component's weight so components compare fairly. The numbers are the table named by
 * `tableId` (always on the page): the chart is an image described by it.
 */
export function FeedbackComponentChart({
  components,
  title,
  textAlternative,
  tableId,
}: {
  components: FeedbackComponent[];
  title: string;
  textAlternative: string;
  tableId: string;
}) {
  const t = useT();
  const data = components.map((k) => ({
    component: k.code,
    own: percentOfWeight(k.ownX100, k.weight),
    average: percentOfWeight(k.averageX100, k.weight),
    winners: percentOfWeight(k.winnersX100, k.weight),
  }));
  const names = new Map(components.map((k) => [k.code, k.name]));
  return (
    <ChartFrame
      title={title}
      fallback={<p>{textAlternative}</p>}
      legend={
        <>
          <ul className="chart-legend" aria-label={t("public.chartLegend")}>
            {SERIES.map((s) => (
              <li key={s.key}>
                <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
                {t(s.label)}
              </li>
            ))}
          </ul>
          <dl className="chart-key" aria-label={t("public.components")}>
            {components.map((k) => (
              <div key={k.code}>
                <dt>{k.code}</dt>
                <dd>{k.name}</dd>
              </div>
            ))}
          </dl>
        </>
      }
    >
      <div
        role="img"
        aria-label={`${title}. ${textAlternative}`}
        aria-describedby={tableId}
        className="feedback-chart"
      >
        <BarsPlot
          data={data}
          category="component"
          series={SERIES.map((s) => ({ key: s.key, label: t(s.label), colour: s.colour }))}
          height={280}
          percent
          names={names}
        />
      </div>
    </ChartFrame>
  );
}
