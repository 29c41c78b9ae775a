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
import { useHydrated } from "~/lib/use-hydrated";

// Colours distinguishable in daylight and by most colour-blind readers (Okabe–Ito).
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];

interface ComponentScore {
  code: string;
  name: string;
  weight: number;
  scoreX100: number;
}

interface Winner {
  label: string;
  components: ComponentScore[];
}

/**
 * Charts render in the browser only: the server sends the ranking table (which holds the same
 * numbers) and stays fast on award day.
 */
export function ChartFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const hydrated = useHydrated();
  const t = useT();
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-area">
        {hydrated ? children : <p className="muted">{t("public.chartLoading")}</p>}
      </div>
    </figure>
  );
}

export function WinnersComponentChart({ winners, title }: { winners: Winner[]; title?: string }) {
  const t = useT();
  const components = winners[0]?.components ?? [];
  const data = components.map((c) => {
    const row: Record<string, string | number> = { component: c.name };
    for (const w of winners) {
      const match = w.components.find((x) => x.code === c.code);
      // a component score out of its weight, as a percentage, so components compare fairly
      row[w.label] = match && match.weight > 0 ? Math.round(match.scoreX100 / match.weight) : 0;
    }
    return row;
  });
  return (
    <ChartFrame title={title ?? t("public.chartComponents")}>
      <ResponsiveContainer width="100%" height={320}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="component" interval={0} tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 100]} unit="%" />
          <Tooltip />
          <Legend />
          {winners.map((w, i) => (
            <Bar
              key={w.label}
              dataKey={w.label}
              fill={PALETTE[i % PALETTE.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
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
    data.push({ band: `${b}–${b + 5}`, [label]: bands.get(b) ?? 0 });
  return (
    <ChartFrame title={t("public.chartDistribution")}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="band" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey={label} fill={PALETTE[0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
