import { Component, lazy, Suspense, type ReactNode } from "react";
import { useHydrated } from "~/lib/use-hydrated";

/** Text on charts: the page's text colour, never a series colour (contrast). */
export const CHART_TEXT = "#1f2937";

/**
 * The bars, drawn by recharts in plots.tsx: a chunk of its own, fetched when the first chart is
 * rendered, which is after hydration (ChartFrame draws nothing before). The podium, the ranking
 * and the page's forms never wait for it.
 */
export const BarsPlot = lazy(() => import("./plots").then((m) => ({ default: m.BarsPlot })));

/** The chart's code did not arrive (offline, a failed request): its table stands in for it. */
class PlotBoundary extends Component<{ fallback: ReactNode; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * Charts draw in the browser (they measure their box); the server sends, and a browser without
 * JavaScript keeps, the same numbers as a table. With JavaScript the chart is drawn once the page
 * is hydrated and the chart's code has arrived; until then its box stays empty, and if the code
 * cannot be fetched the table shows instead.
 */
export function ChartFrame({
  title,
  children,
  fallback,
  legend,
}: {
  title: string;
  children: ReactNode;
  /** the chart's numbers as a table, for a browser without JavaScript */
  fallback: ReactNode;
  /** legend and keys, in HTML under the chart (readable, wraps on a phone) */
  legend?: ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-area">
        {hydrated ? (
          <PlotBoundary fallback={<div className="table-wrap">{fallback}</div>}>
            <Suspense fallback={null}>{children}</Suspense>
          </PlotBoundary>
        ) : (
          <noscript>
            <div className="table-wrap">{fallback}</div>
          </noscript>
        )}
      </div>
      {legend}
    </figure>
  );
}
