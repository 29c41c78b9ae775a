import type { Executor } from "../../db/schema";
import { getDb } from "~/lib/db.server";

/**
 * What the Berita Acara states of each stage beyond its shortlist (docs/decisions/010-stages.md):
 * when it closed, how many judges and assignments it had, and the entries that failed an admin
 * stage with the reasons recorded for each failed item. A closed stage's rows no longer change
 * (its sheets and checklist are refused once the next stage opens).
 */
export interface StageMinutesDetails {
  code: string;
  closedAt: string | null;
  judges: number;
  assignments: number;
  /** failed checklist items of an admin stage, by library then item */
  failures: { code: string; name: string; item: string; reason: string }[];
}

export async function stageMinutesDetails(
  competitionId: number,
  db: Executor = getDb(),
): Promise<StageMinutesDetails[]> {
  const [stages, assigned, failures] = await Promise.all([
    db
      .selectFrom("stages")
      .select(["id", "code", "closed_at"])
      .where("competition_id", "=", competitionId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("judge_assignments as a")
      .innerJoin("stages as s", "s.id", "a.stage_id")
      .select(({ fn }) => [
        "a.stage_id",
        fn.count<number>("a.judge_id").distinct().as("judges"),
        fn.countAll<number>().as("assignments"),
      ])
      .where("s.competition_id", "=", competitionId)
      .groupBy("a.stage_id")
      .execute(),
    db
      .selectFrom("stage_checks as k")
      .innerJoin("stages as s", "s.id", "k.stage_id")
      .innerJoin("entries as e", "e.id", "k.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["k.stage_id", "l.code", "l.name", "k.item", "k.reason"])
      .where("s.competition_id", "=", competitionId)
      .where("s.kind", "=", "admin")
      .where("k.passed", "=", 0)
      .orderBy("l.name")
      .orderBy("l.code")
      .orderBy("k.item")
      .execute(),
  ]);
  return stages.map((st) => {
    const counts = assigned.find((a) => a.stage_id === st.id);
    return {
      code: st.code,
      closedAt: st.closed_at,
      judges: Number(counts?.judges ?? 0),
      assignments: Number(counts?.assignments ?? 0),
      failures: failures
        .filter((f) => f.stage_id === st.id)
        .map(({ code, name, item, reason }) => ({ code, name, item, reason })),
    };
  });
}
