import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_TEXT } from "./chart-frame";

/**
 * The drawings themselves, the only module that imports recharts (with d3, about 130 KiB gzip).
 * Pages never import it: `ChartFrame` loads it with `import()` once the page is hydrated, so the
 * podium, the ranking and every form work before the charts' code has arrived (chart-frame.tsx).
 * Each plot gets its rows ready-made; the legend, the key and the table without JavaScript are
 * drawn by the chart components around it.
 */

export type Row = Record<string, string | number | null>;

export interface Series {
  key: string;
  label: string;
  colour: string;
}

/** Bars per category on the x axis, one series per colour; percentages when `percent`. */
export function BarsPlot({
  data,
  category,
  series,
  height,
  percent = false,
  names,
  legend = false,
  bottom = 4,
}: {
  data: Row[];
  /** the row field the x axis shows */
  category: string;
  series: readonly Series[];
  height: number;
  /** a 0–100 % axis, values shown with "%" */
  percent?: boolean;
  /** the long name of each category, for the tooltip */
  names?: ReadonlyMap<string, string>;
  /** recharts' own legend under the bars (the charts with a key in HTML have none) */
  legend?: boolean;
  bottom?: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {percent ? (
          <XAxis dataKey={category} interval={0} tick={{ fontSize: 13, fill: CHART_TEXT }} />
        ) : (
          <XAxis dataKey={category} tick={{ fontSize: 12, fill: CHART_TEXT }} />
        )}
        {percent ? (
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            unit="%"
            width={48}
            tick={{ fontSize: 12, fill: CHART_TEXT }}
          />
        ) : (
          <YAxis allowDecimals={false} width={32} tick={{ fontSize: 12, fill: CHART_TEXT }} />
        )}
        {names ? (
          <Tooltip
            labelFormatter={(code) => `${String(code)} · ${names.get(String(code)) ?? ""}`}
            formatter={(value) => `${String(value)}${percent ? "%" : ""}`}
          />
        ) : (
          <Tooltip />
        )}
        {legend ? (
          <Legend formatter={(value) => <span style={{ color: CHART_TEXT }}>{value}</span>} />
        ) : null}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={s.colour}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
