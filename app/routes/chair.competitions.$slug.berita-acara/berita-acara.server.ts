import type { Competition } from "../../../db/schema";
import type { MinutesRow } from "~/components/Minutes";
import type { SessionUser } from "~/lib/session.server";
import { listPanel } from "~/models/assignments.server";
import { documentDetailsOf } from "~/models/competitions.server";
import { listSetAsideSheets } from "~/models/conflicts.server";
import { getPublicSnapshot, type PublicSnapshot } from "~/models/public.server";
import { publishedSetAside } from "~/models/publishing.server";
import { computeRanking, type Ranking } from "~/models/ranking.server";
import { stageMinutesDetails, type StageMinutesDetails } from "~/models/stage-minutes.server";

/**
 * The official minutes: the published snapshot once results are published (what was announced),
 * before that the live ranking, marked as a draft.
 */
export async function loadMinutes(c: Competition, user: SessionUser) {
  const published = c.status === "published";
  const [panel, snapshot, ranking, setAside, stageDetails] = await Promise.all([
    listPanel(c.id),
    published ? getPublicSnapshot(c.slug) : Promise.resolve(null),
    computeRanking(c),
    // what the publication left out, frozen with it; before that, what is left out now
    published ? publishedSetAside(c.id) : listSetAsideSheets(c.id),
    stageMinutesDetails(c.id),
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
      combine: c.combine,
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
    stages: minutesStages(snapshot, ranking, stageDetails),
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

/**
 * A section per stage when the competition has more than one (none otherwise, so a one-stage
 * competition's minutes read as before): each stage as published (or, before publication, as
 * the live ranking has it) with its shortlist, and what the stage itself recorded.
 */
function minutesStages(
  snapshot: PublicSnapshot | null,
  ranking: Ranking | null,
  details: StageMinutesDetails[],
) {
  const names = new Map<string, string>();
  for (const e of ranking?.entries ?? []) names.set(e.code, e.name);
  for (const r of snapshot?.results ?? []) names.set(r.library.code, r.library.name);
  const stages = snapshot
    ? snapshot.stages
    : (ranking?.stages ?? []).map((st) => ({
        ...st,
        results: (ranking?.entries ?? []).flatMap((e) =>
          e.stages
            .filter((x) => x.code === st.code)
            .map((x) => ({
              libraryCode: e.code,
              scoreX100: x.scoreX100,
              stageScoreX100: x.stageScoreX100,
              rank: x.rank,
              advanced: x.advanced,
            })),
        ),
      }));
  if (stages.length < 2) return [];
  return stages.map((st, index) => {
    const own = details.find((d) => d.code === st.code);
    return {
      position: index + 1,
      code: st.code,
      name: st.name,
      kind: st.kind,
      weight: st.weight,
      advance: st.advance,
      last: index === stages.length - 1,
      closedAt: own?.closedAt ?? null,
      judges: own?.judges ?? 0,
      assignments: own?.assignments ?? 0,
      failures: (own?.failures ?? []).map((f) => ({ ...f, name: names.get(f.code) ?? f.name })),
      results: [...st.results]
        .map((x) => ({
          code: x.libraryCode,
          name: names.get(x.libraryCode) ?? x.libraryCode,
          scoreX100: x.scoreX100,
          stageScoreX100: x.stageScoreX100,
          rank: x.rank,
          advanced: x.advanced,
        }))
        .sort(
          (a, b) =>
            (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
            Number(b.advanced) - Number(a.advanced) ||
            a.name.localeCompare(b.name),
        ),
    };
  });
}
