import { sql, type Transaction } from "kysely";
import type {
  Aggregation,
  Competition,
  CompetitionLevel,
  Database,
  RankingScope,
} from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { VILLAGE_LIBRARY_TEMPLATE } from "~/lib/criteria-template";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { getCriteriaIn, insertCriteria } from "./criteria.server";

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

export type SetupResult<T = object> =
  ({ ok: true } & T) | { ok: false; error: string; field?: string };

export async function findCompetition(slug: string): Promise<Competition | undefined> {
  return getDb().selectFrom("competitions").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function findCompetitionById(id: number): Promise<Competition | undefined> {
  return getDb().selectFrom("competitions").selectAll().where("id", "=", id).executeTakeFirst();
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

export async function slugTaken(trx: Transaction<Database>, slug: string): Promise<boolean> {
  return (
    (await trx
      .selectFrom("competitions")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirst()) !== undefined
  );
}

/** A new competition in draft; with `template` its criteria start from the built-in template. */
export async function createCompetition(
  actor: Actor,
  input: CompetitionSettings & { slug: string; template: boolean },
): Promise<SetupResult<{ id: number; slug: string }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (await slugTaken(trx, input.slug))
        return { ok: false, error: "setup.error.slugTaken", field: "slug" };
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
      if (input.template) await insertCriteria(trx, id, VILLAGE_LIBRARY_TEMPLATE);
      await recordAudit(trx, {
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
      });
      return { ok: true, id, slug: input.slug };
    });
}

/** Settings change while draft or scoring; a closed competition's ranking rules stay as they were. */
export async function updateCompetition(
  actor: Actor,
  competitionId: number,
  input: CompetitionSettings,
): Promise<SetupResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom("competitions")
        .selectAll()
        .where("id", "=", competitionId)
        .executeTakeFirstOrThrow();
      if (before.status !== "draft" && before.status !== "scoring")
        return { ok: false, error: "setup.error.settingsLocked" };
      await trx
        .updateTable("competitions")
        .set({ ...columns(input), updated_at: nowIso() })
        .where("id", "=", competitionId)
        .execute();
      await recordAudit(trx, {
        actor,
        competitionId,
        entityType: "competition",
        entityId: competitionId,
        action: "update",
        before: columns(settingsOf(before)),
        after: columns(input),
      });
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
): Promise<SetupResult<{ id: number; slug: string }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (await slugTaken(trx, input.slug))
        return { ok: false, error: "setup.error.slugTaken", field: "slug" };
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
      await insertCriteria(trx, id, await getCriteriaIn(trx, sourceId));
      const entries = await trx
        .selectFrom("entries")
        .select(["id", "library_id", "category"])
        .where("competition_id", "=", sourceId)
        .where("status", "=", "active")
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
      const panel = await panelIdsIn(trx, sourceId);
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
        .where("e.status", "=", "active")
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("conflicts as c")
                .select("c.id")
                .whereRef("c.judge_id", "=", "a.judge_id")
                .whereRef("c.library_id", "=", "e.library_id")
                .where("c.status", "=", "confirmed"),
            ),
          ),
        )
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
      await recordAudit(trx, {
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
      });
      return { ok: true, id, slug: input.slug };
    });
}

/** Only a draft can be deleted: once scoring has begun the record must stay. */
export async function deleteCompetition(actor: Actor, competitionId: number): Promise<SetupResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await trx
        .selectFrom("competitions")
        .selectAll()
        .where("id", "=", competitionId)
        .executeTakeFirst();
      if (!c) return { ok: false, error: "error.404" };
      if (c.status !== "draft") return { ok: false, error: "setup.error.deleteOnlyDraft" };
      const sheets = await trx
        .selectFrom("score_sheets as s")
        .innerJoin("entries as e", "e.id", "s.entry_id")
        .select("s.id")
        .where("e.competition_id", "=", competitionId)
        .limit(1)
        .executeTakeFirst();
      if (sheets) return { ok: false, error: "setup.error.deleteHasSheets" };
      await trx.deleteFrom("competitions").where("id", "=", competitionId).execute();
      await recordAudit(trx, {
        actor,
        competitionId,
        entityType: "competition",
        entityId: competitionId,
        action: "delete",
        before: { slug: c.slug, ...columns(settingsOf(c)) },
      });
      return { ok: true };
    });
}

/** The panel: judges added to it, and anyone already assigned an entry (older data, seeds). */
export async function panelIdsIn(
  trx: Transaction<Database> | ReturnType<typeof getDb>,
  competitionId: number,
): Promise<number[]> {
  const rows = await sql<{ judge_id: number }>`
    select judge_id from competition_judges where competition_id = ${competitionId}
    union
    select a.judge_id from judge_assignments a join entries e on e.id = a.entry_id
    where e.competition_id = ${competitionId}
    order by judge_id`.execute(trx);
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
    .where("e.status", "=", "active")
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
    .executeTakeFirstOrThrow();
  return {
    entries: {
      active: count("active"),
      withdrawn: count("withdrawn"),
      disqualified: count("disqualified"),
    },
    judges: (await panelIdsIn(db, competitionId)).length,
    components: Number(criteria.n),
    indicators: Number(indicators.n),
    weightTotal: Number(criteria.total),
    entriesWithoutJudge: Number(withoutJudge.n),
    scores,
    sheetsSubmitted: Number(submitted.n),
  };
}

/** Scores given in a competition: a value entered, or a sheet submitted. */
export async function countScores(
  competitionId: number,
  db: Transaction<Database> | ReturnType<typeof getDb> = getDb(),
): Promise<number> {
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
