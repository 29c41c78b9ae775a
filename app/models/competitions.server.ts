import { sql } from "kysely";
import { insertCriteria } from "../../db/criteria";
import type {
  Aggregation,
  Competition,
  CompetitionLevel,
  CompetitionStatus,
  Executor,
  RankingScope,
} from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import type { DocumentDetails } from "~/lib/competition-settings.server";
import { getDb } from "~/lib/db.server";
import {
  findCriteriaTemplate,
  templateCriteria,
  type NewCompetitionTemplate,
} from "~/lib/templates";
import { nowIso } from "~/lib/time";
import { getCriteria } from "./criteria.server";
import { activeEntry, confirmedConflict, notSetAside } from "./query.server";
import { refuse, type Result } from "~/lib/forms";

/**
 * Competitions: finding one, creating, changing its settings, duplicating and deleting it, its
 * panel, and the counts the chair's overview and dashboards show.
 */

export interface CompetitionSettings {
  name: string;
  year: number;
  level: CompetitionLevel;
  region: string;
  aggregation: Aggregation;
  prizeWinners: number;
  prizeHonourable: number;
  rankingScope: RankingScope;
}

async function findCompetition(slug: string): Promise<Competition | undefined> {
  return getDb().selectFrom("competitions").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function settingsOf(c: Competition): CompetitionSettings & { slug: string } {
  return {
    slug: c.slug,
    name: c.name,
    year: c.year,
    level: c.level,
    region: c.region,
    aggregation: c.aggregation,
    prizeWinners: c.prize_winners,
    prizeHonourable: c.prize_honourable,
    rankingScope: c.ranking_scope,
  };
}

function columns(s: CompetitionSettings) {
  return {
    name: s.name,
    year: s.year,
    level: s.level,
    region: s.region,
    aggregation: s.aggregation,
    prize_winners: s.prizeWinners,
    prize_honourable: s.prizeHonourable,
    ranking_scope: s.rankingScope,
  };
}

export function documentDetailsOf(c: Competition): DocumentDetails {
  return {
    decisionDate: c.decision_date,
    decisionPlace: c.decision_place,
    documentNumber: c.document_number,
    chairSignerName: c.chair_signer_name,
    chairSignerTitle: c.chair_signer_title,
    headSignerName: c.head_signer_name,
    headSignerTitle: c.head_signer_title,
  };
}

function documentColumns(d: DocumentDetails) {
  return {
    decision_date: d.decisionDate,
    decision_place: d.decisionPlace,
    document_number: d.documentNumber,
    chair_signer_name: d.chairSignerName,
    chair_signer_title: d.chairSignerTitle,
    head_signer_name: d.headSignerName,
    head_signer_title: d.headSignerTitle,
  };
}

/**
 * The documents' date, place, number and signers. Not a setting of the judging, so it may change
 * in any status, published included (a signer's title corrected before printing).
 */
export async function updateDocumentDetails(
  actor: Actor,
  competitionId: number,
  input: DocumentDetails,
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom("competitions")
        .selectAll()
        .where("id", "=", competitionId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("competitions")
        .set({ ...documentColumns(input), updated_at: nowIso() })
        .where("id", "=", competitionId)
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "competition",
          entityId: competitionId,
          action: "update",
          before: documentColumns(documentDetailsOf(before)),
          after: documentColumns(input),
        },
        trx,
      );
    });
}

async function slugTaken(slug: string, db: Executor = getDb()): Promise<boolean> {
  return (
    (await db
      .selectFrom("competitions")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirst()) !== undefined
  );
}

/**
 * A new competition in draft; with a `template` its criteria start from it. A template without
 * weights (2025 practice) writes no criteria: weights are required, so the chair enters them in
 * the criteria editor, which `weightsPending` tells the caller to open with that template.
 */
export async function createCompetition(
  actor: Actor,
  input: CompetitionSettings & { slug: string; template: NewCompetitionTemplate | "none" },
): Promise<Result<{ id: number; slug: string; weightsPending: NewCompetitionTemplate | null }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (await slugTaken(input.slug, trx)) return refuse("setup.error.slugTaken", "slug");
      const now = nowIso();
      const { id } = await trx
        .insertInto("competitions")
        .values({
          slug: input.slug,
          ...columns(input),
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const template = input.template === "none" ? undefined : findCriteriaTemplate(input.template);
      const criteria = template ? templateCriteria(template) : null;
      if (criteria) await insertCriteria(id, criteria, trx);
      await recordAudit(
        {
          actor,
          competitionId: id,
          entityType: "competition",
          entityId: id,
          action: "create",
          after: {
            slug: input.slug,
            ...columns(input),
            template: input.template,
          },
        },
        trx,
      );
      const weightsPending =
        template && !criteria ? (input.template as NewCompetitionTemplate) : null;
      return { ok: true, id, slug: input.slug, weightsPending };
    });
}

/** Settings change while draft or scoring; a closed competition's ranking rules stay as they were. */
export async function updateCompetition(
  actor: Actor,
  competitionId: number,
  input: CompetitionSettings,
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom("competitions")
        .selectAll()
        .where("id", "=", competitionId)
        .executeTakeFirstOrThrow();
      if (before.status !== "draft" && before.status !== "scoring")
        return refuse("setup.error.settingsLocked");
      await trx
        .updateTable("competitions")
        .set({ ...columns(input), updated_at: nowIso() })
        .where("id", "=", competitionId)
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "competition",
          entityId: competitionId,
          action: "update",
          before: columns(settingsOf(before)),
          after: columns(input),
        },
        trx,
      );
      return { ok: true };
    });
}

/**
 * Next year's competition from this one: settings, criteria, entries and the panel with its
 * assignments carried over; scores, sheets and results are not. The copy starts in draft.
 */
export async function duplicateCompetition(
  actor: Actor,
  sourceId: number,
  input: { slug: string; name: string; year: number },
): Promise<Result<{ id: number; slug: string }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (await slugTaken(input.slug, trx)) return refuse("setup.error.slugTaken", "slug");
      const source = await trx
        .selectFrom("competitions")
        .selectAll()
        .where("id", "=", sourceId)
        .executeTakeFirstOrThrow();
      const now = nowIso();
      const { id } = await trx
        .insertInto("competitions")
        .values({
          ...columns({
            ...settingsOf(source),
            name: input.name,
            year: input.year,
          }),
          slug: input.slug,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await insertCriteria(id, await getCriteria(sourceId, trx), trx);
      const entries = await trx
        .selectFrom("entries")
        .select(["id", "library_id", "category"])
        .where("competition_id", "=", sourceId)
        .where(activeEntry("entries"))
        .orderBy("id")
        .execute();
      const newEntry = new Map<number, number>();
      for (const e of entries) {
        const row = await trx
          .insertInto("entries")
          .values({
            competition_id: id,
            library_id: e.library_id,
            category: e.category,
            created_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        newEntry.set(e.id, row.id);
      }
      const panel = await panelIds(sourceId, trx);
      if (panel.length > 0) {
        await trx
          .insertInto("competition_judges")
          .values(
            panel.map((judgeId) => ({
              competition_id: id,
              judge_id: judgeId,
              created_at: now,
            })),
          )
          .execute();
      }
      // assignments follow, except where a conflict has been confirmed since
      const assignments = await trx
        .selectFrom("judge_assignments as a")
        .innerJoin("entries as e", "e.id", "a.entry_id")
        .select(["a.entry_id", "a.judge_id"])
        .where("e.competition_id", "=", sourceId)
        .where(activeEntry("e"))
        .where((eb) => eb.not(confirmedConflict("a.judge_id", "e.library_id")))
        .orderBy("a.id")
        .execute();
      for (const a of assignments) {
        await trx
          .insertInto("judge_assignments")
          .values({
            entry_id: newEntry.get(a.entry_id)!,
            judge_id: a.judge_id,
            created_at: now,
          })
          .execute();
      }
      await recordAudit(
        {
          actor,
          competitionId: id,
          entityType: "competition",
          entityId: id,
          action: "duplicate",
          after: {
            from: source.slug,
            slug: input.slug,
            name: input.name,
            year: input.year,
            entries: entries.length,
          },
        },
        trx,
      );
      return { ok: true, id, slug: input.slug };
    });
}

/** Only a draft can be deleted: once scoring has begun the record must stay. */
export async function deleteCompetition(actor: Actor, competitionId: number): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await trx
        .selectFrom("competitions")
        .selectAll()
        .where("id", "=", competitionId)
        .executeTakeFirst();
      if (!c) return refuse("error.404");
      if (c.status !== "draft") return refuse("setup.error.deleteOnlyDraft");
      const sheets = await trx
        .selectFrom("score_sheets as s")
        .innerJoin("entries as e", "e.id", "s.entry_id")
        .select("s.id")
        .where("e.competition_id", "=", competitionId)
        .limit(1)
        .executeTakeFirst();
      if (sheets) return refuse("setup.error.deleteHasSheets");
      await trx.deleteFrom("competitions").where("id", "=", competitionId).execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "competition",
          entityId: competitionId,
          action: "delete",
          before: { slug: c.slug, ...columns(settingsOf(c)) },
        },
        trx,
      );
      return { ok: true };
    });
}

/** The panel: judges added to it, and anyone already assigned an entry (older data, seeds). */
export async function panelIds(competitionId: number, db: Executor = getDb()): Promise<number[]> {
  const rows = await sql<{ judge_id: number }>`
    select judge_id from competition_judges where competition_id = ${competitionId}
    union
    select a.judge_id from judge_assignments a join entries e on e.id = a.entry_id
    where e.competition_id = ${competitionId}
    order by judge_id`.execute(db);
  return rows.rows.map((r) => r.judge_id);
}

export interface CompetitionOverview {
  entries: { active: number; withdrawn: number; disqualified: number };
  judges: number;
  components: number;
  indicators: number;
  weightTotal: number;
  entriesWithoutJudge: number;
  scores: number;
  sheetsSubmitted: number;
}

export async function getOverview(competitionId: number): Promise<CompetitionOverview> {
  const db = getDb();
  const byStatus = await db
    .selectFrom("entries")
    .select(["status", sql<number>`count(*)`.as("n")])
    .where("competition_id", "=", competitionId)
    .groupBy("status")
    .execute();
  const count = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const criteria = await db
    .selectFrom("components")
    .select([sql<number>`count(*)`.as("n"), sql<number>`coalesce(sum(weight), 0)`.as("total")])
    .where("competition_id", "=", competitionId)
    .executeTakeFirstOrThrow();
  const indicators = await db
    .selectFrom("indicators")
    .select(sql<number>`count(*)`.as("n"))
    .where("competition_id", "=", competitionId)
    .executeTakeFirstOrThrow();
  const withoutJudge = await db
    .selectFrom("entries as e")
    .select(sql<number>`count(*)`.as("n"))
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("judge_assignments as a")
            .select("a.id")
            .whereRef("a.entry_id", "=", "e.id"),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  const scores = await countScores(competitionId);
  const submitted = await db
    .selectFrom("score_sheets as s")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .select(sql<number>`count(*)`.as("n"))
    .where("e.competition_id", "=", competitionId)
    .where("s.status", "=", "submitted")
    .where(notSetAside("s.id"))
    .executeTakeFirstOrThrow();
  return {
    entries: {
      active: count("active"),
      withdrawn: count("withdrawn"),
      disqualified: count("disqualified"),
    },
    judges: (await panelIds(competitionId, db)).length,
    components: Number(criteria.n),
    indicators: Number(indicators.n),
    weightTotal: Number(criteria.total),
    entriesWithoutJudge: Number(withoutJudge.n),
    scores,
    sheetsSubmitted: Number(submitted.n),
  };
}

/** Scores given in a competition: a value entered, or a sheet submitted. */
export async function countScores(competitionId: number, db: Executor = getDb()): Promise<number> {
  const values = await db
    .selectFrom("scores as s")
    .innerJoin("score_sheets as sh", "sh.id", "s.sheet_id")
    .innerJoin("entries as e", "e.id", "sh.entry_id")
    .select(sql<number>`count(*)`.as("n"))
    .where("e.competition_id", "=", competitionId)
    .where("s.value", "is not", null)
    .executeTakeFirstOrThrow();
  const submitted = await db
    .selectFrom("score_sheets as sh")
    .innerJoin("entries as e", "e.id", "sh.entry_id")
    .select(sql<number>`count(*)`.as("n"))
    .where("e.competition_id", "=", competitionId)
    .where("sh.status", "=", "submitted")
    .executeTakeFirstOrThrow();
  return Number(values.n) + Number(submitted.n);
}

/** The competition a chair page is about, or a 404 the route's error boundary shows. */
export async function requireCompetition(slug: string | undefined): Promise<Competition> {
  const competition = slug ? await findCompetition(slug) : undefined;
  if (!competition) throw new Response("Not found", { status: 404, statusText: "Not found" });
  return competition;
}

export async function hasDemoData(): Promise<boolean> {
  const row = await getDb()
    .selectFrom("competitions")
    .select("id")
    .where("is_demo", "=", 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface CompetitionSummary {
  id: number;
  slug: string;
  name: string;
  year: number;
  status: CompetitionStatus;
  entries: number;
  judges: number;
  sheetsSubmitted: number;
  sheetsExpected: number;
}

/** The chair's overview: every competition with its progress counts, newest first. */
export async function listCompetitionSummaries(): Promise<CompetitionSummary[]> {
  const rows = await getDb()
    .selectFrom("competitions as c")
    .select((eb) => [
      "c.id",
      "c.slug",
      "c.name",
      "c.year",
      "c.status",
      eb
        .selectFrom("entries as e")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("e.competition_id", "=", "c.id")
        .where(activeEntry("e"))
        .as("entries"),
      eb
        .selectFrom("judge_assignments as a")
        .innerJoin("entries as e", "e.id", "a.entry_id")
        .select(sql<number>`count(distinct a.judge_id)`.as("n"))
        .whereRef("e.competition_id", "=", "c.id")
        .as("judges"),
      eb
        .selectFrom("judge_assignments as a")
        .innerJoin("entries as e", "e.id", "a.entry_id")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("e.competition_id", "=", "c.id")
        .where(activeEntry("e"))
        .where((eb) => eb.not(confirmedConflict("a.judge_id", "e.library_id")))
        .as("sheetsExpected"),
      eb
        .selectFrom("score_sheets as s")
        .innerJoin("entries as e", "e.id", "s.entry_id")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("e.competition_id", "=", "c.id")
        .where(activeEntry("e"))
        .where("s.status", "=", "submitted")
        .where(notSetAside("s.id"))
        .as("sheetsSubmitted"),
    ])
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .execute();
  return rows.map((r) => ({
    ...r,
    entries: Number(r.entries ?? 0),
    judges: Number(r.judges ?? 0),
    sheetsExpected: Number(r.sheetsExpected ?? 0),
    sheetsSubmitted: Number(r.sheetsSubmitted ?? 0),
  }));
}

export interface JudgeCompetition {
  slug: string;
  name: string;
  year: number;
  assigned: number;
  submitted: number;
}

/** The competitions in scoring where this judge has assigned, active entries. */
export async function listJudgeCompetitions(judgeId: number): Promise<JudgeCompetition[]> {
  const rows = await getDb()
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .leftJoin("score_sheets as s", (join) =>
      join.onRef("s.entry_id", "=", "a.entry_id").onRef("s.judge_id", "=", "a.judge_id"),
    )
    .select([
      "c.slug",
      "c.name",
      "c.year",
      sql<number>`count(*)`.as("assigned"),
      sql<number>`sum(case when s.status = 'submitted' then 1 else 0 end)`.as("submitted"),
    ])
    .where("a.judge_id", "=", judgeId)
    .where("c.status", "=", "scoring")
    .where(activeEntry("e"))
    .where((eb) => eb.not(confirmedConflict("a.judge_id", "e.library_id")))
    .groupBy(["c.id", "c.slug", "c.name", "c.year"])
    .orderBy("c.year", "desc")
    .execute();
  return rows.map((r) => ({
    ...r,
    assigned: Number(r.assigned),
    submitted: Number(r.submitted ?? 0),
  }));
}
