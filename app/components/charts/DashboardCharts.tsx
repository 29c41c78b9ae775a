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
import { useT } from "~/i18n/useT";
import { ChartFrame, PALETTE } from "./ResultCharts";

/** Each judge's totals in 10-point bands, side by side: a harsh or lenient judge shows at a glance. */
export function JudgeDistributionChart({
  judges,
}: {
  judges: { name: string; totalsX100: number[] }[];
}) {
  const t = useT();
  const data = Array.from({ length: 10 }, (_, b) => {
    const row: Record<string, string | number> = {
      band: `${b * 10}–${b * 10 + 10}`,
    };
    for (const j of judges)
      row[j.name] = j.totalsX100.filter((x) => Math.min(9, Math.floor(x / 1000)) === b).length;
    return row;
  }).filter((row) => judges.some((j) => Number(row[j.name]) > 0));
  return (
    <ChartFrame title={t("results.chartJudges")}>
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="band" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {judges.map((j, i) => (
            <Bar
              key={j.name}
              dataKey={j.name}
              fill={PALETTE[i % PALETTE.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
