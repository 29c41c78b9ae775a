import type { Executor } from "../../db/schema";
import { translate, type Lang } from "~/i18n";
import { CSV_FORMATS, toSpreadsheetCsv } from "~/lib/csv";
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
export async function scoreMatrix(
  competitionId: number,
  db: Executor = getDb(),
): Promise<ScoreMatrixRow[]> {
  const rows = await db
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

/**
 * The score matrix as the chair downloads it (`scores.csv`) in `lang`: the spreadsheet's CSV of
 * that language, which the scores import reads back (docs/scores-import.md).
 */
export async function scoreMatrixCsv(
  competitionId: number,
  lang: Lang,
  db: Executor = getDb(),
): Promise<string> {
  const rows = await scoreMatrix(competitionId, db);
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  return toSpreadsheetCsv(
    [
      [
        t("export.code"),
        t("export.library"),
        t("export.category"),
        t("export.entryStatus"),
        t("export.judge"),
        t("export.sheetStatus"),
        t("export.component"),
        t("export.indicator"),
        t("export.indicatorName"),
        t("export.scale"),
        t("export.score"),
        t("export.note"),
      ],
      ...rows.map((r) => [
        r.code,
        r.library,
        translate(lang, `libraryType.${r.category as "desa"}`),
        translate(lang, `setup.entries.status.${r.entryStatus as "active"}`),
        r.judge,
        r.setAside
          ? t("export.setAside")
          : r.sheetStatus === "submitted"
            ? t("scoring.state.submitted")
            : t("export.draft"),
        r.component,
        r.indicator,
        r.indicatorName,
        `${r.min}–${r.max}`,
        r.value,
        r.note,
      ]),
    ],
    CSV_FORMATS[lang],
  );
}
