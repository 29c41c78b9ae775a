import { sql } from "kysely";
import type { CompetitionStatus } from "../../db/schema";
import { getDb } from "~/lib/db.server";

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
        .where("e.status", "=", "active")
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
        .where("e.status", "=", "active")
        .as("sheetsExpected"),
      eb
        .selectFrom("score_sheets as s")
        .innerJoin("entries as e", "e.id", "s.entry_id")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("e.competition_id", "=", "c.id")
        .where("e.status", "=", "active")
        .where("s.status", "=", "submitted")
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
    .where("e.status", "=", "active")
    .groupBy(["c.id", "c.slug", "c.name", "c.year"])
    .orderBy("c.year", "desc")
    .execute();
  return rows.map((r) => ({
    ...r,
    assigned: Number(r.assigned),
    submitted: Number(r.submitted ?? 0),
  }));
}
