import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isNotModified, notModified } from "~/lib/http-cache.server";
import { publishedPointsX100 } from "~/lib/points";
import { pointsSettingBySlug } from "~/models/points.server";
import { getPublicSnapshot } from "~/models/public.server";

/**
 * The published results as JSON (docs/http.md), for the press and other sites. The same frozen
 * snapshot as the winners page: cacheable by browsers and CDNs, 304 on a matching ETag, 404
 * before publication. When the competition shows points (a display option, not frozen), each
 * result carries its `points` and the ETag changes with the option.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const snapshot = params.slug ? await getPublicSnapshot(params.slug) : null;
  if (!snapshot)
    return json(
      { error: "not found" },
      { status: 404, headers: { "Cache-Control": "public, max-age=60" } },
    );
  const setting = await pointsSettingBySlug(snapshot.competition.slug);
  const points = setting && setting.display !== "none" ? setting : null;
  const headers = new Headers({
    ETag: points
      ? `"${snapshot.version}-${points.display}${points.factor}-json"`
      : `"${snapshot.version}-json"`,
    "Cache-Control": "public, max-age=60, stale-while-revalidate=600",
    "Access-Control-Allow-Origin": "*",
  });
  if (isNotModified(request, headers)) return notModified(headers);
  const { competition, publication, results, stages } = snapshot;
  return json(
    {
      competition: {
        slug: competition.slug,
        name: competition.name,
        year: competition.year,
        aggregation: competition.aggregation,
        rankingScope: competition.rankingScope,
      },
      publishedAt: publication.publishedAt,
      revision: publication.revision,
      correction: publication.revision > 0 ? publication.reason : null,
      ...(points
        ? {
            points:
              points.display === "weighted"
                ? { display: points.display, factor: points.factor }
                : { display: points.display },
          }
        : {}),
      results: results.map((r) => ({
        rank: r.rank,
        prize: r.prize,
        category: r.category,
        library: r.library,
        finalScore: r.finalScoreX100 / 100,
        components: r.components.map((c) => ({
          code: c.code,
          name: c.name,
          weight: c.weight,
          score: c.scoreX100 / 100,
        })),
        judges: r.judges,
        stageReached: r.stageReached,
        ...(points ? { points: pointsOf(publishedPointsX100(points, r)) } : {}),
      })),
      stages: stages.map((st) => ({
        code: st.code,
        name: st.name,
        kind: st.kind,
        weight: st.weight,
        advance: st.advance,
        results: st.results.map((x) => ({
          library: { code: x.libraryCode },
          score: x.scoreX100 === null ? null : x.scoreX100 / 100,
          stageScore: x.stageScoreX100 === null ? null : x.stageScoreX100 / 100,
          rank: x.rank,
          advanced: x.advanced,
        })),
      })),
    },
    { headers },
  );
}

/** Points × 100 as a number with 2 decimals; null when none were frozen (before points existed). */
function pointsOf(x100: number | null): number | null {
  return x100 === null ? null : x100 / 100;
}
