import { useT } from "~/i18n/useT";
import { BarsPlot, ChartFrame } from "./chart-frame";

/**
 * One colour means one thing in every chart. Places keep their colour (first place, Juara I, is
 * always blue; second vermilion; third green), from the Okabe–Ito set that most colour-blind
 * readers tell apart. The distribution of all entries is grey, a colour no place uses.
 */
export const PLACE_COLOURS = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
];
export const ALL_ENTRIES_COLOUR = "#6B7280";

interface ComponentScore {
  code: string;
  name: string;
  weight: number;
  scoreX100: number;
}

interface Winner {
  label: string;
  /** a short name for the table without JavaScript ("Juara I"); the legend gives the label */
  shortLabel?: string;
  components: ComponentScore[];
}

/** A component score out of its weight, as a percentage, so components compare fairly. */
const percentOfWeight = (c: ComponentScore | undefined) =>
  c && c.weight > 0 ? Math.round(c.scoreX100 / c.weight) : 0;

/**
 * Winners (or the leading entries) side by side per component, in ranking order. The axis carries
 * the components' short codes, which never run into each other; the key under the chart names
 * them.
 */
export function WinnersComponentChart({ winners, title }: { winners: Winner[]; title?: string }) {
  const t = useT();
  const components = winners[0]?.components ?? [];
  const names = new Map(components.map((c) => [c.code, c.name]));
  const series = winners.map((w, i) => ({ key: `w${i}`, label: w.label, winner: w }));
  const data = components.map((c) => {
    const row: Record<string, string | number> = { component: c.code };
    for (const s of series)
      row[s.key] = percentOfWeight(s.winner.components.find((x) => x.code === c.code));
    return row;
  });
  const colour = (i: number) => PLACE_COLOURS[i % PLACE_COLOURS.length]!;
  return (
    <ChartFrame
      title={title ?? t("public.chartComponents")}
      legend={
        <>
          <ol className="chart-legend" aria-label={t("public.chartLegend")}>
            {series.map((s, i) => (
              <li key={s.key}>
                <span className="swatch" style={{ background: colour(i) }} aria-hidden="true" />
                {s.label}
              </li>
            ))}
          </ol>
          <dl className="chart-key" aria-label={t("public.components")}>
            {components.map((c) => (
              <div key={c.code}>
                <dt>{c.code}</dt>
                <dd>{c.name}</dd>
              </div>
            ))}
          </dl>
        </>
      }
      fallback={
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">{t("public.components")}</th>
              {series.map((s) => (
                <th scope="col" className="num" key={s.key}>
                  {s.winner.shortLabel ?? s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {components.map((c, row) => (
              <tr key={c.code}>
                <th scope="row">
                  {c.code}
                  <span className="visually-hidden"> {c.name}</span>
                </th>
                {series.map((s) => (
                  <td className="num" key={s.key}>
                    {data[row]![s.key]}%
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BarsPlot
        data={data}
        category="component"
        series={series.map((s, i) => ({ key: s.key, label: s.label, colour: colour(i) }))}
        height={300}
        percent
        names={names}
      />
    </ChartFrame>
  );
}

/** Final scores in 5-point bands. */
export function ScoreDistributionChart({ scoresX100 }: { scoresX100: number[] }) {
  const t = useT();
  const label = t("public.chartEntries");
  const bands = new Map<number, number>();
  for (const s of scoresX100) {
    const band = Math.min(95, Math.floor(s / 500) * 5);
    bands.set(band, (bands.get(band) ?? 0) + 1);
  }
  const lows = [...bands.keys()];
  const from = lows.length ? Math.min(...lows) : 0;
  const to = lows.length ? Math.max(...lows) : 95;
  const data = [];
  for (let b = from; b <= to; b += 5)
    data.push({ band: `${b}–${b + 5}`, count: bands.get(b) ?? 0 });
  return (
    <ChartFrame
      title={t("public.chartDistribution")}
      fallback={
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">{t("public.finalScore")}</th>
              <th scope="col" className="num">
                {label}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.band}>
                <th scope="row">{d.band}</th>
                <td className="num">{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BarsPlot
        data={data}
        category="band"
        series={[{ key: "count", label, colour: ALL_ENTRIES_COLOUR }]}
        height={260}
      />
    </ChartFrame>
  );
}
