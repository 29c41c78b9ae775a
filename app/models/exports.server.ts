import { getDb } from "~/lib/db.server";
import { confirmedConflict } from "./query.server";

export interface ScoreMatrixRow {
  code: string;
  library: string;
  category: string;
  entryStatus: string;
  judge: string;
  sheetStatus: string | null;
  /** the judge's conflict with the library is confirmed: the sheet is set aside, never counted */
  setAside: boolean;
  component: string;
  indicator: string;
  indicatorName: string;
  min: number;
  max: number;
  value: number | null;
  note: string;
}

/** Every score of a competition: entry × judge × indicator, with each sheet's status. */
export async function scoreMatrix(competitionId: number): Promise<ScoreMatrixRow[]> {
  const rows = await getDb()
    .selectFrom("score_sheets as s")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("users as u", "u.id", "s.judge_id")
    .innerJoin("scores as sc", "sc.sheet_id", "s.id")
    .innerJoin("indicators as i", "i.id", "sc.indicator_id")
    .innerJoin("components as c", "c.id", "i.component_id")
    .select([
      "l.code",
      "l.name as library",
      "e.category",
      "e.status as entryStatus",
      "u.name as judge",
      "s.status as sheetStatus",
      confirmedConflict("s.judge_id", "e.library_id").as("setAside"),
      "c.code as component",
      "i.code as indicator",
      "i.name as indicatorName",
      "i.min_score as min",
      "i.max_score as max",
      "sc.value",
      "sc.note",
    ])
    .where("e.competition_id", "=", competitionId)
    .orderBy("l.name")
    .orderBy("u.name")
    .orderBy("c.position")
    .orderBy("i.position")
    .execute();
  return rows.map((r) => ({ ...r, setAside: Boolean(r.setAside) }));
}
