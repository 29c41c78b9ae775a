import { sql, type RawBuilder } from "kysely";
import { bytewise, flag, isPlainDecimal } from "../../db/dialect";
import type { ClaimKind, Executor, LibraryType } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/forms";
import { nowIso } from "~/lib/time";
import { listEntryNotes } from "./coaching-notes.server";
import { notSetAside } from "./query.server";

/**
 * Feedback to the library after publication (`/library/<slug>/feedback`): its own published
 * component scores beside the competition's average and the winners' average, the reported values
 * furthest below the national standard, its lowest-scored indicators, and the coaching notes the
 * chair included. Nothing here ever returns another library's detail: the other entries only reach
 * the page through `avg()` (docs/decisions/012-self-assessment.md).
 */

export interface FeedbackComponent {
  code: string;
  name: string;
  weight: number;
  /** the library's own published score; null when it has none in this component */
  ownX100: number | null;
  /** the average over every published result with this component, rounded to 0.01 */
  averageX100: number;
  /** the average over the winners (Juara I, II …); null when no winner has the component */
  winnersX100: number | null;
}

export interface BelowStandard {
  code: string;
  name: string;
  kind: Extract<ClaimKind, "number" | "yesno">;
  unit: string;
  minimum: number;
  /** the value that counts: the judges' observed value when corrected, else the reported one */
  value: string;
  reported: string;
  corrected: boolean;
  /** how far below, as a share of the minimum (0–1; a missing "yes" is 1) */
  gap: number;
}

export interface LowIndicator {
  code: string;
  name: string;
  /** the mean of the library's own judges' scores, × 100 */
  averageX100: number;
  max: number;
  /** the mean as a share of the indicator's maximum, in percent (rounded) */
  percent: number;
}

export interface LibraryFeedbackNote {
  stageName: string;
  text: string;
  /** only when the chair lets the feedback name the judges */
  judgeName: string | null;
}

export interface LibraryFeedback {
  competition: {
    slug: string;
    name: string;
    year: number;
    region: string;
    publishedAt: string;
    revision: number;
  };
  library: {
    code: string;
    name: string;
    category: LibraryType;
    village: string;
    district: string;
    headName: string;
  };
  /** the published result; null when the entry was not ranked (withdrawn, unscored) */
  result: { rank: number; prize: string | null; finalX100: number } | null;
  components: FeedbackComponent[];
  /** how many published results and winners the averages are over */
  counts: { entries: number; winners: number };
  belowStandard: BelowStandard[];
  lowestScored: LowIndicator[];
  notes: LibraryFeedbackNote[];
  namesJudges: boolean;
}

/** How many indicators each list shows (furthest below the standard, lowest-scored): one A4 page. */
export const FEEDBACK_LIST_LENGTH = 5;

/**
 * The library's feedback in a published competition it is entered in; undefined otherwise (not
 * entered, not published, no current publication), which the page answers as 404.
 */
export async function getLibraryFeedback(
  libraryId: number,
  slug: string,
  db: Executor = getDb(),
): Promise<LibraryFeedback | undefined> {
  const found = await db
    .selectFrom("entries as e")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("publications as p", (j) =>
      j.onRef("p.competition_id", "=", "c.id").on("p.is_current", "=", 1),
    )
    .select([
      "e.id as entryId",
      "l.code",
      "c.id as competitionId",
      "c.slug",
      "c.name",
      "c.year",
      "c.region",
      "c.feedback_names_judges as namesJudges",
      "p.id as publicationId",
      "p.published_at as publishedAt",
      "p.revision",
    ])
    .where("e.library_id", "=", libraryId)
    .where("c.slug", "=", slug)
    .where("c.status", "=", "published")
    .executeTakeFirst();
  if (!found) return undefined;
  const namesJudges = found.namesJudges === 1;
  const [entryNotes, result, components, counts, belowStandard, lowestScored] = await Promise.all([
    listEntryNotes(found.competitionId, found.code, db),
    db
      .selectFrom("published_results")
      .select(["rank", "prize_label as prize", "final_score_x100 as finalX100"])
      .where("publication_id", "=", found.publicationId)
      .where("entry_id", "=", found.entryId)
      .executeTakeFirst(),
    componentComparison(found.publicationId, found.entryId, db),
    db
      .selectFrom("published_results")
      .select([
        sql<number>`count(*)`.as("entries"),
        sql<number>`coalesce(sum(${flag(isWinner("prize_label"))}), 0)`.as("winners"),
      ])
      .where("publication_id", "=", found.publicationId)
      .executeTakeFirstOrThrow(),
    listBelowStandard(found.competitionId, found.entryId, FEEDBACK_LIST_LENGTH, db),
    listLowestScored(found.competitionId, found.entryId, FEEDBACK_LIST_LENGTH, db),
  ]);
  if (!entryNotes) return undefined;
  const { entry, notes } = entryNotes;
  return {
    competition: {
      slug: found.slug,
      name: found.name,
      year: found.year,
      region: found.region,
      publishedAt: found.publishedAt,
      revision: found.revision,
    },
    library: {
      code: entry.code,
      name: entry.name,
      category: entry.category,
      village: entry.village,
      district: entry.district,
      headName: entry.headName,
    },
    result: result ?? null,
    components,
    counts: { entries: Number(counts.entries), winners: Number(counts.winners) },
    belowStandard,
    lowestScored,
    // the judge's name never leaves the server unless the chair allows it
    notes: notes
      .filter((n) => n.included)
      .map((n) => ({
        stageName: n.stageName,
        text: n.text,
        judgeName: namesJudges ? n.judgeName : null,
      })),
    namesJudges,
  };
}

/**
 * A published result is a winner's: its frozen prize is a "Juara" one (not "Harapan"). Compared
 * in lower case: SQLite's `like` ignores the case of ASCII letters, PostgreSQL's does not.
 */
const isWinner = (column: string) => sql<boolean>`(lower(${sql.ref(column)}) like 'juara %')`;

/**
 * The average of a group's non-negative integers (nulls left out), rounded half away from zero
 * to an integer with integer division only, so that both databases give the same (SQLite's
 * `avg` is a double, PostgreSQL's an exact `numeric`); null for a group of nulls.
 */
const roundedAverage = (value: RawBuilder<unknown>) =>
  sql<number | null>`(case when count(${value}) > 0
    then (2 * sum(${value}) + count(${value})) / (2 * count(${value})) end)`;

/**
 * The library's component scores as published, beside the average of every published result and
 * of the winners, per component, in one statement: the other results are only ever averaged.
 * Averages are rounded to 0.01 half away from zero, as every score is.
 */
async function componentComparison(
  publicationId: number,
  entryId: number,
  db: Executor,
): Promise<FeedbackComponent[]> {
  const rows = await db
    .selectFrom("published_component_scores as s")
    .innerJoin("published_results as r", "r.id", "s.result_id")
    .select([
      "s.component_code as code",
      sql<string>`min(${bytewise(db, sql`s.component_name`)})`.as("name"),
      sql<number>`max(s.weight)`.as("weight"),
      sql<number | null>`max(case when r.entry_id = ${entryId} then s.score_x100 end)`.as(
        "ownX100",
      ),
      sql<number>`${roundedAverage(sql`s.score_x100`)}`.as("averageX100"),
      roundedAverage(sql`case when ${isWinner("r.prize_label")} then s.score_x100 end`).as(
        "winnersX100",
      ),
    ])
    .where("r.publication_id", "=", publicationId)
    .groupBy("s.component_code")
    .orderBy(sql`min(s.position)`)
    .orderBy("s.component_code")
    .execute();
  return rows;
}

/**
 * The library's reported values below the standard's minimum, the `limit` furthest below first
 * (only once its self-assessment is submitted: a draft claims nothing):
 * indicators with a number or yes/no claim and a minimum, the value being the judges' observed one
 * when a judge corrected it (the latest correction), else the one reported. A number's distance is
 * its shortfall as a share of the minimum, so judul and jam/hari compare; a "no" where the
 * standard asks "yes" is the whole distance.
 */
export async function listBelowStandard(
  competitionId: number,
  entryId: number,
  limit: number,
  db: Executor = getDb(),
): Promise<BelowStandard[]> {
  const rows = await db
    .with("claimed", (q) =>
      q
        .selectFrom("indicator_claims as ic")
        .innerJoin("indicators as i", "i.id", "ic.indicator_id")
        .innerJoin("claim_values as cv", "cv.indicator_id", "ic.indicator_id")
        // a draft is not a claim: only a submitted self-assessment's values count
        .innerJoin("self_assessments as sa", "sa.entry_id", "cv.entry_id")
        .select([
          "i.code",
          "i.name",
          "i.position",
          "ic.kind",
          "ic.unit",
          "ic.standard_min as minimum",
          "cv.value as reported",
          sql<string | null>`(select k.observed from claim_checks k
            where k.entry_id = cv.entry_id and k.indicator_id = cv.indicator_id
              and k.result = 'corrected'
            order by k.checked_at desc, k.stage_id desc, k.judge_id limit 1)`.as("observed"),
        ])
        .where("i.competition_id", "=", competitionId)
        .where("cv.entry_id", "=", entryId)
        .where("sa.status", "=", "submitted")
        .where("ic.kind", "in", ["number", "yesno"])
        .where("ic.standard_min", "is not", null),
    )
    .with("valued", (q) =>
      q
        .selectFrom("claimed")
        .selectAll()
        .select(sql<string>`coalesce(observed, reported)`.as("value")),
    )
    .with("measured", (q) =>
      q
        .selectFrom("valued")
        .selectAll()
        .select(
          sql<number | null>`case
            when kind = 'yesno' then
              case when minimum >= 1 and value <> 'yes' then 1.0 else 0.0 end
            when ${isPlainDecimal(db, sql`value`)} and minimum > 0
              and cast(value as double precision) < minimum
              then (minimum - cast(value as double precision)) / minimum
            else 0.0
          end`.as("gap"),
        ),
    )
    .selectFrom("measured")
    .select(["code", "name", "kind", "unit", "minimum", "value", "reported", "observed", "gap"])
    .where("gap", ">", 0)
    .orderBy("gap", "desc")
    .orderBy("position")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind as BelowStandard["kind"],
    unit: r.unit,
    minimum: Number(r.minimum),
    value: r.value,
    reported: r.reported,
    corrected: r.observed !== null,
    gap: Number(r.gap),
  }));
}

/**
 * The library's own lowest-scored indicators relative to their maximum: the mean of its judges'
 * scores on its submitted sheets that count (not set aside), in every stage, lowest share first.
 * Aggregated per indicator: no judge is named or singled out.
 */
export async function listLowestScored(
  competitionId: number,
  entryId: number,
  limit: number,
  db: Executor = getDb(),
): Promise<LowIndicator[]> {
  const rows = await db
    .selectFrom("scores as x")
    .innerJoin("score_sheets as s", "s.id", "x.sheet_id")
    .innerJoin("indicators as i", "i.id", "x.indicator_id")
    .select([
      "i.code",
      "i.name",
      "i.max_score as max",
      // rounded half away from zero in integers (scores are non-negative), as on both databases
      sql<number>`(200 * sum(x.value) + count(x.value)) / (2 * count(x.value))`.as("averageX100"),
      sql<number>`(200 * sum(x.value) + count(x.value) * i.max_score) / (2 * count(x.value) * i.max_score)`.as(
        "percent",
      ),
    ])
    .where("s.entry_id", "=", entryId)
    .where("s.status", "=", "submitted")
    .where(notSetAside("s.id"))
    .where("i.competition_id", "=", competitionId)
    .where("i.max_score", ">", 0)
    .where("x.value", "is not", null)
    .groupBy(["i.id", "i.code", "i.name", "i.max_score", "i.position"])
    // one IEEE division of exact integers: equal shares compare equal on both databases
    .orderBy(sql`cast(sum(x.value) as double precision) / (count(x.value) * i.max_score)`)
    .orderBy("i.position")
    .limit(limit)
    .execute();
  return rows;
}

/**
 * The chair's switch: whether the library's feedback names the judges beside their coaching notes
 * (off by default). Audited as a `competition` update.
 */
export async function setFeedbackNamesJudges(
  actor: Actor,
  competitionId: number,
  namesJudges: boolean,
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom("competitions")
        .select("feedback_names_judges")
        .where("id", "=", competitionId)
        .executeTakeFirst();
      if (!before) return refuse("error.404");
      const wanted = namesJudges ? 1 : 0;
      if (before.feedback_names_judges === wanted) return { ok: true };
      await trx
        .updateTable("competitions")
        .set({ feedback_names_judges: wanted, updated_at: nowIso() })
        .where("id", "=", competitionId)
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "competition",
          entityId: competitionId,
          action: "update",
          before: { feedbackNamesJudges: before.feedback_names_judges === 1 },
          after: { feedbackNamesJudges: namesJudges },
        },
        trx,
      );
      return { ok: true };
    });
}
