import type { DB } from "../../db/connection";
import type { CompetitionStatus, RankingScope } from "../../db/schema";

export interface FixtureResult {
  code: string;
  name: string;
  category?: "desa" | "kelurahan";
  rank: number;
  prize: string | null;
  scoreX100: number;
  district?: string;
}

const now = "2025-08-17T02:00:00.000Z";

/**
 * A competition with a publication snapshot written in the published-results format, for tests of
 * the read side (public pages, caching). Component scores split the final score by weight.
 */
export async function insertPublishedCompetition(
  db: DB,
  options: {
    slug: string;
    status?: CompetitionStatus;
    scope?: RankingScope;
    revision?: number;
    reason?: string | null;
    results: FixtureResult[];
    year?: number;
  },
): Promise<number> {
  const { id: competitionId } = await db
    .insertInto("competitions")
    .values({
      slug: options.slug,
      name: `Lomba ${options.slug}`,
      year: options.year ?? 2025,
      level: "kabupaten",
      region: "Kabupaten Kutai Timur",
      status: options.status ?? "published",
      aggregation: "mean",
      prize_winners: 3,
      prize_honourable: 3,
      ranking_scope: options.scope ?? "overall",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id: componentA } = await db
    .insertInto("components")
    .values({ competition_id: competitionId, code: "A", name: "Koleksi", weight: 60, position: 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("indicators")
    .values({
      competition_id: competitionId,
      component_id: componentA,
      code: "A1",
      name: "Jumlah koleksi",
      description: "",
      min_score: 1,
      max_score: 5,
      position: 1,
    })
    .execute();
  const { id: userId } =
    (await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "fixture@juara.test")
      .executeTakeFirst()) ??
    (await db
      .insertInto("users")
      .values({
        email: "fixture@juara.test",
        name: "Fixture",
        password_hash: "x",
        role: "chair",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow());
  const revision = options.revision ?? 0;
  for (let r = 0; r <= revision; r++) {
    const { id: publicationId } = await db
      .insertInto("publications")
      .values({
        competition_id: competitionId,
        published_at: now,
        published_by: userId,
        reason: r === revision ? (options.reason ?? null) : null,
        is_current: r === revision ? 1 : 0,
        revision: r,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, res] of options.results.entries()) {
      const { id: resultId } = await db
        .insertInto("published_results")
        .values({
          publication_id: publicationId,
          entry_id: i + 1,
          rank: res.rank,
          prize_label: res.prize,
          category: res.category ?? "desa",
          library_code: res.code,
          library_name: res.name,
          library_village: `Desa ${res.code}`,
          library_district: res.district ?? "Bengalon",
          final_score_x100: res.scoreX100,
          judge_count: 3,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const a = Math.round((res.scoreX100 * 60) / 100);
      await db
        .insertInto("published_component_scores")
        .values([
          {
            result_id: resultId,
            component_code: "A",
            component_name: "Koleksi",
            weight: 60,
            position: 1,
            score_x100: a,
          },
          {
            result_id: resultId,
            component_code: "B",
            component_name: "Pelayanan",
            weight: 40,
            position: 2,
            score_x100: res.scoreX100 - a,
          },
        ])
        .execute();
    }
  }
  return competitionId;
}
