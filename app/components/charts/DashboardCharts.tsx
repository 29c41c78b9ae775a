import { useT } from "~/i18n/useT";
import { BarsPlot, ChartFrame } from "./chart-frame";

/**
 * Judges get colours of their own (Paul Tol's muted set), none of which a place uses in the
 * winners' charts: one colour means one thing across charts.
 */
const JUDGE_COLOURS = ["#332288", "#44AA99", "#882255", "#999933", "#AA4499", "#DDCC77"];

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
    <ChartFrame
      title={t("results.chartJudges")}
      fallback={
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">{t("public.finalScore")}</th>
              {judges.map((j) => (
                <th scope="col" className="num" key={j.name}>
                  {j.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.band}>
                <th scope="row">{row.band}</th>
                {judges.map((j) => (
                  <td className="num" key={j.name}>
                    {row[j.name]}
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
        category="band"
        series={judges.map((j, i) => ({
          key: j.name,
          label: j.name,
          colour: JUDGE_COLOURS[i % JUDGE_COLOURS.length]!,
        }))}
        height={300}
        legend
        bottom={8}
      />
    </ChartFrame>
  );
}
