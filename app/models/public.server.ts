import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type {
  Aggregation,
  CombineMode,
  CompetitionLevel,
  RankingScope,
  StageKind,
} from "../../db/schema";
import { getDb } from "~/lib/db.server";
import type { DocumentDetails } from "~/lib/competition-settings.server";
import { groupByCategory } from "~/lib/results";
import { documentDetailsOf } from "./competitions.server";
import { notSetAside, sameCode } from "./query.server";

/**
 * What the public sees: only frozen publication snapshots, never live scores. A snapshot never
 * changes once written, so it is read once per publication and kept in memory; each request only
 * asks which publication is current (one indexed lookup).
 */

export interface PublicComponentScore {
  code: string;
  name: string;
  weight: number;
  scoreX100: number;
}

export interface PublicResult {
  rank: number;
  prize: string | null;
  category: string;
  library: { code: string; name: string; village: string; district: string };
  finalScoreX100: number;
  /** plain-sum points × 100 frozen with the result (docs/scoring.md, "Points"); null before 0011 */
  pointsSumX100: number | null;
  judges: number;
  components: PublicComponentScore[];
  /** the code of the last stage the entry was in */
  stageReached: string;
}

export interface PublicStage {
  code: string;
  name: string;
  kind: StageKind;
  weight: number;
  advance: number | null;
  results: {
    libraryCode: string;
    /** C_s × 100, the cumulative score there (by which the stage ranked) */
    scoreX100: number | null;
    /** F_s × 100, the stage's own score; null in an admin stage, without a final there, and in
     * publications made before it was frozen (0014: they show the cumulative score) */
    stageScoreX100: number | null;
    rank: number | null;
    advanced: boolean;
  }[];
}

export interface PublicSnapshot {
  competition: {
    slug: string;
    name: string;
    year: number;
    level: CompetitionLevel;
    region: string;
    aggregation: Aggregation;
    rankingScope: RankingScope;
    /** how the stages' scores combine (docs/scoring.md, "Stages"); set once, with the stages */
    combine: CombineMode;
    isDemo: boolean;
  };
  publication: {
    id: number;
    revision: number;
    publishedAt: string;
    reason: string | null;
  };
  results: PublicResult[];
  /** every stage in order, each with its shortlist as published */
  stages: PublicStage[];
  /** a strong validator of this snapshot (changes with every publication and every build) */
  version: string;
}

/**
 * Which build runs: a deploy may change the HTML of an unchanged snapshot, so it changes with the
 * build; every process of one deploy (several behind nginx, on one machine or several) agrees on
 * it, so a browser's validator from one is good at the others (docs/deploy.md). Without a build
 * (the source imported directly), a value of this process.
 */
function buildId(): string {
  try {
    const build = fs.readFileSync(path.resolve("build/index.js"));
    return crypto.createHash("sha256").update(build).digest("hex").slice(0, 12);
  } catch {
    return crypto.randomBytes(6).toString("hex");
  }
}
const BUILD_ID = buildId();
const snapshots = new Map<number, PublicSnapshot>();

async function currentPublication(slug: string) {
  return getDb()
    .selectFrom("publications as p")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .select(["p.id", "p.competition_id"])
    .where("c.slug", "=", slug)
    .where("c.status", "=", "published")
    .where("p.is_current", "=", 1)
    .executeTakeFirst();
}

async function loadSnapshot(publicationId: number, competitionId: number): Promise<PublicSnapshot> {
  const db = getDb();
  const [competition, publication, rows, components, stages, stageResults] = await Promise.all([
    db
      .selectFrom("competitions")
      .selectAll()
      .where("id", "=", competitionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("publications")
      .selectAll()
      .where("id", "=", publicationId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("published_results")
      .selectAll()
      .where("publication_id", "=", publicationId)
      .orderBy("category")
      .orderBy("rank")
      .orderBy("library_name")
      .execute(),
    db
      .selectFrom("published_component_scores as s")
      .innerJoin("published_results as r", "r.id", "s.result_id")
      .select([
        "s.result_id",
        "s.component_code",
        "s.component_name",
        "s.weight",
        "s.score_x100",
        "s.position",
      ])
      .where("r.publication_id", "=", publicationId)
      .orderBy("s.position")
      .execute(),
    db
      .selectFrom("published_stages")
      .selectAll()
      .where("publication_id", "=", publicationId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("published_stage_results")
      .selectAll()
      .where("publication_id", "=", publicationId)
      .orderBy("stage_code")
      .orderBy(sql`rank is null`)
      .orderBy("rank")
      .orderBy("library_code")
      .execute(),
  ]);
  const byResult = new Map<number, PublicComponentScore[]>();
  for (const c of components) {
    const list = byResult.get(c.result_id) ?? [];
    list.push({
      code: c.component_code,
      name: c.component_name,
      weight: c.weight,
      scoreX100: c.score_x100,
    });
    byResult.set(c.result_id, list);
  }
  return {
    competition: {
      slug: competition.slug,
      name: competition.name,
      year: competition.year,
      level: competition.level,
      region: competition.region,
      aggregation: competition.aggregation,
      rankingScope: competition.ranking_scope,
      combine: competition.combine,
      isDemo: competition.is_demo === 1,
    },
    publication: {
      id: publication.id,
      revision: publication.revision,
      publishedAt: publication.published_at,
      reason: publication.reason,
    },
    // by category only when the competition ranks by category; otherwise one ranking, by rank
    results: [...rows]
      .sort(
        (a, b) =>
          (competition.ranking_scope === "category" ? a.category.localeCompare(b.category) : 0) ||
          a.rank - b.rank ||
          a.library_name.localeCompare(b.library_name),
      )
      .map((r) => ({
        rank: r.rank,
        prize: r.prize_label,
        category: r.category,
        library: {
          code: r.library_code,
          name: r.library_name,
          village: r.library_village,
          district: r.library_district,
        },
        finalScoreX100: r.final_score_x100,
        pointsSumX100: r.points_sum_x100,
        judges: r.judge_count,
        components: byResult.get(r.id) ?? [],
        stageReached: r.stage_code,
      })),
    stages: stages.map((st) => ({
      code: st.code,
      name: st.name,
      kind: st.kind,
      weight: st.weight,
      advance: st.advance,
      results: stageResults
        .filter((x) => x.stage_code === st.code)
        .map((x) => ({
          libraryCode: x.library_code,
          scoreX100: x.score_x100,
          stageScoreX100: x.stage_score_x100,
          rank: x.rank,
          advanced: x.advanced === 1,
        })),
    })),
    version: `${publication.id}-${BUILD_ID}`,
  };
}

/** The current published snapshot of a competition, or null when nothing is published. */
export async function getPublicSnapshot(slug: string): Promise<PublicSnapshot | null> {
  const current = await currentPublication(slug);
  if (!current) return null;
  let snapshot = snapshots.get(current.id);
  if (!snapshot) {
    snapshot = await loadSnapshot(current.id, current.competition_id);
    snapshots.set(current.id, snapshot);
  }
  return snapshot;
}

export interface PublishedSummary {
  slug: string;
  name: string;
  year: number;
  region: string;
  isDemo: boolean;
  corrected: boolean;
  rankingScope: RankingScope;
  /** Juara I, II, III… in order; by category (desa, then kelurahan) when ranked by category */
  winners: {
    prize: string;
    rank: number;
    libraryCode: string;
    libraryName: string;
    category: string;
  }[];
}

/** Every published competition, newest first, with its Juara winners at a glance. */
export async function listPublishedSummaries(
  filter: { year?: number } = {},
): Promise<PublishedSummary[]> {
  const db = getDb();
  let query = db
    .selectFrom("competitions as c")
    .innerJoin("publications as p", (j) =>
      j.onRef("p.competition_id", "=", "c.id").on("p.is_current", "=", 1),
    )
    .select([
      "c.id",
      "c.slug",
      "c.name",
      "c.year",
      "c.region",
      "c.is_demo",
      "c.ranking_scope",
      "p.id as publicationId",
      "p.revision",
    ])
    .where("c.status", "=", "published")
    .orderBy("c.year", "desc")
    .orderBy("c.name");
  if (filter.year !== undefined) query = query.where("c.year", "=", filter.year);
  const competitions = await query.execute();
  if (competitions.length === 0) return [];
  const winners = await db
    .selectFrom("published_results")
    .select(["publication_id", "prize_label", "rank", "library_code", "library_name", "category"])
    .where(
      "publication_id",
      "in",
      competitions.map((c) => c.publicationId),
    )
    // lower(): SQLite's like ignores the case of ASCII letters, PostgreSQL's does not
    .where(sql`lower(prize_label)`, "like", "juara%")
    .orderBy("rank")
    .orderBy("library_name")
    .execute();
  return competitions.map((c) => ({
    slug: c.slug,
    name: c.name,
    year: c.year,
    region: c.region,
    isDemo: c.is_demo === 1,
    corrected: c.revision > 0,
    rankingScope: c.ranking_scope,
    // one ranking: by rank whatever the category; by category: each category's winners together
    winners: groupByCategory(
      winners
        .filter((w) => w.publication_id === c.publicationId)
        .map((w) => ({ ...w, prize: w.prize_label })),
      c.ranking_scope,
    )
      .flatMap((g) => g.results)
      .map((w) => ({
        prize: w.prize_label ?? "",
        rank: w.rank,
        libraryCode: w.library_code,
        libraryName: w.library_name,
        category: w.category,
      })),
  }));
}

export interface LibraryHistory {
  library: {
    code: string;
    name: string;
    type: string;
    village: string;
    district: string;
  };
  results: {
    slug: string;
    competition: string;
    year: number;
    rank: number;
    prize: string | null;
    finalScoreX100: number;
    components: PublicComponentScore[];
  }[];
}

/** A library's published results across the years; null when it has none (404 to the public). */
export async function getLibraryHistory(code: string): Promise<LibraryHistory | null> {
  const db = getDb();
  const rows = await db
    .selectFrom("published_results as r")
    .innerJoin("publications as p", "p.id", "r.publication_id")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .select(["r.id", "r.rank", "r.prize_label", "r.final_score_x100", "c.slug", "c.name", "c.year"])
    .where(sameCode("r.library_code", code))
    .where("p.is_current", "=", 1)
    .where("c.status", "=", "published")
    .orderBy("c.year", "desc")
    .execute();
  if (rows.length === 0) return null;
  const library = await db
    .selectFrom("libraries")
    .select(["code", "name", "type", "village", "district"])
    .where(sameCode("code", code))
    .executeTakeFirst();
  const latest = await db
    .selectFrom("published_results")
    .select(["library_code", "library_name", "library_village", "library_district", "category"])
    .where("id", "=", rows[0]!.id)
    .executeTakeFirstOrThrow();
  const components = await db
    .selectFrom("published_component_scores")
    .select(["result_id", "component_code", "component_name", "weight", "score_x100"])
    .where(
      "result_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("position")
    .execute();
  return {
    library: library ?? {
      code: latest.library_code,
      name: latest.library_name,
      type: latest.category,
      village: latest.library_village,
      district: latest.library_district,
    },
    results: rows.map((r) => ({
      slug: r.slug,
      competition: r.name,
      year: r.year,
      rank: r.rank,
      prize: r.prize_label,
      finalScoreX100: r.final_score_x100,
      components: components
        .filter((c) => c.result_id === r.id)
        .map((c) => ({
          code: c.component_code,
          name: c.component_name,
          weight: c.weight,
          scoreX100: c.score_x100,
        })),
    })),
  };
}

export interface DistrictPlacing {
  district: string;
  results: {
    slug: string;
    year: number;
    competition: string;
    libraryCode: string;
    libraryName: string;
    rank: number;
    prize: string | null;
    /** the category the placing is in, when the competition ranked by category */
    category: string | null;
  }[];
}

/** Published placings grouped by the library's district, for the archive. */
export async function listPlacingsByDistrict(): Promise<DistrictPlacing[]> {
  const rows = await getDb()
    .selectFrom("published_results as r")
    .innerJoin("publications as p", "p.id", "r.publication_id")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .select([
      "r.library_district",
      "c.slug",
      "c.year",
      "c.name",
      "r.library_code",
      "r.library_name",
      "r.rank",
      "r.prize_label",
      "r.category",
      "c.ranking_scope",
    ])
    .where("p.is_current", "=", 1)
    .where("c.status", "=", "published")
    .where("r.prize_label", "is not", null)
    .orderBy("r.library_district")
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .orderBy("r.rank")
    .orderBy("r.category")
    .execute();
  const groups = new Map<string, DistrictPlacing>();
  for (const r of rows) {
    const group = groups.get(r.library_district) ?? {
      district: r.library_district,
      results: [],
    };
    group.results.push({
      slug: r.slug,
      year: r.year,
      competition: r.name,
      libraryCode: r.library_code,
      libraryName: r.library_name,
      rank: r.rank,
      prize: r.prize_label,
      category: r.ranking_scope === "category" ? r.category : null,
    });
    groups.set(r.library_district, group);
  }
  return [...groups.values()];
}

export interface JudgingComponent {
  code: string;
  name: string;
  weight: number;
  indicators: { code: string; name: string; min: number; max: number }[];
}

export interface JudgingMethod {
  components: JudgingComponent[];
  panelSize: number;
  /** each stage's own criteria by its code, in order (one stage: the components above) */
  stages: { code: string; components: JudgingComponent[] }[];
}

/**
 * The criteria and panel behind a published competition, for "How we judged": the competition's
 * own criteria (frozen once the competition leaves draft), as this page has always read them;
 * the page takes the stages themselves from the snapshot and their criteria from here by code.
 */
export async function getJudgingMethod(slug: string): Promise<JudgingMethod | null> {
  const db = getDb();
  const competition = await db
    .selectFrom("competitions")
    .select("id")
    .where("slug", "=", slug)
    .where("status", "=", "published")
    .executeTakeFirst();
  if (!competition) return null;
  const [stages, components, indicators, panel] = await Promise.all([
    db
      .selectFrom("stages")
      .select(["id", "code"])
      .where("competition_id", "=", competition.id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("components")
      .selectAll()
      .where("competition_id", "=", competition.id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("indicators")
      .selectAll()
      .where("competition_id", "=", competition.id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("score_sheets as s")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .select((eb) => eb.fn.count<number>("s.judge_id").distinct().as("n"))
      .where("e.competition_id", "=", competition.id)
      .where("s.status", "=", "submitted")
      .where(notSetAside("s.id"))
      .executeTakeFirstOrThrow(),
  ]);
  const judged = components.map((c) => ({
    stageId: c.stage_id,
    code: c.code,
    name: c.name,
    weight: c.weight,
    indicators: indicators
      .filter((i) => i.component_id === c.id)
      .map((i) => ({
        code: i.code,
        name: i.name,
        min: i.min_score,
        max: i.max_score,
      })),
  }));
  const strip = ({ stageId: _, ...c }: (typeof judged)[number]): JudgingComponent => c;
  return {
    components: judged.map(strip),
    panelSize: Number(panel.n),
    stages: stages.map((st) => ({
      code: st.code,
      components: judged.filter((c) => c.stageId === st.id).map(strip),
    })),
  };
}

/** The certificates' date, place and signers of a published competition; null otherwise. */
export async function getPublishedDocumentDetails(slug: string): Promise<DocumentDetails | null> {
  const competition = await getDb()
    .selectFrom("competitions")
    .selectAll()
    .where("slug", "=", slug)
    .where("status", "=", "published")
    .executeTakeFirst();
  return competition ? documentDetailsOf(competition) : null;
}
