import type { Competition } from "../../../db/schema";
import type { MinutesRow } from "~/components/Minutes";
import type { SessionUser } from "~/lib/session.server";
import { listPanel } from "~/models/assignments.server";
import { documentDetailsOf } from "~/models/competitions.server";
import { listSetAsideSheets } from "~/models/conflicts.server";
import { getPublicSnapshot } from "~/models/public.server";
import { publishedSetAside } from "~/models/publishing.server";
import { computeRanking } from "~/models/ranking.server";

/**
 * The official minutes: the published snapshot once results are published (what was announced),
 * before that the live ranking, marked as a draft.
 */
export async function loadMinutes(c: Competition, user: SessionUser) {
  const published = c.status === "published";
  const [panel, snapshot, ranking, setAside] = await Promise.all([
    listPanel(c.id),
    published ? getPublicSnapshot(c.slug) : Promise.resolve(null),
    computeRanking(c),
    // what the publication left out, frozen with it; before that, what is left out now
    published ? publishedSetAside(c.id) : listSetAsideSheets(c.id),
  ]);
  const components =
    ranking?.entries[0]?.components.map((k) => ({
      code: k.code,
      name: k.name,
      weight: k.weight,
    })) ?? [];
  const rows: MinutesRow[] = snapshot
    ? snapshot.results.map((r) => ({
        rank: r.rank,
        prize: r.prize,
        category: r.category,
        code: r.library.code,
        name: r.library.name,
        village: r.library.village,
        district: r.library.district,
        finalX100: r.finalScoreX100,
        judges: r.judges,
        components: r.components.map((k) => ({
          code: k.code,
          scoreX100: k.scoreX100,
        })),
      }))
    : (ranking?.entries ?? []).map((e) => ({
        rank: e.rank,
        prize: e.prize,
        category: e.category,
        code: e.code,
        name: e.name,
        village: e.village,
        district: e.district,
        finalX100: e.finalX100,
        judges: e.judges,
        components: e.components.map((k) => ({
          code: k.code,
          scoreX100: k.scoreX100,
        })),
      }));
  return {
    competition: {
      slug: c.slug,
      name: c.name,
      year: c.year,
      region: c.region,
      aggregation: c.aggregation,
      status: c.status,
      scope: c.ranking_scope,
    },
    published: snapshot
      ? {
          at: snapshot.publication.publishedAt,
          revision: snapshot.publication.revision,
          reason: snapshot.publication.reason,
        }
      : null,
    today: new Date().toISOString(),
    documents: documentDetailsOf(c),
    panel: panel
      .filter((j) => j.load > 0 || j.active)
      .map((j) => ({ name: j.name, institution: j.institution })),
    chair: user.role === "chair" ? user.name : "",
    components,
    rows,
    setAside: setAside.map(
      ({ code, library, judge, status, confirmedAt, confirmedBy, reason }) => ({
        code,
        library,
        judge,
        status,
        confirmedAt,
        confirmedBy,
        reason,
      }),
    ),
  };
}
