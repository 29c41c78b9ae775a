/**
 * What the scores import page and its action share (no libraries: the page's browser code
 * imports it).
 */

/**
 * The largest file the page takes: 10 MB, an evidence file's limit, 90,000–120,000 scores in the
 * export's layout (a hundred competitions the size of the demo's). The import holds the database for the
 * file's whole check and write (SQLite: every other request waits), and a file is held in memory
 * as text twice its size: a larger load goes through `npm run juara -- scores:import`, when the
 * judges are not saving (docs/scores-import.md).
 */
export const MAX_SCORES_FILE_BYTES = 10 * 1024 * 1024;

/** The file's problems the page lists; it counts the rest. */
export const SHOWN_PROBLEMS = 20;

/** One problem with the file, as the model names it (a catalog key, placeholders, its place). */
export interface ScoresImportProblem {
  /** line 1 is the header; null: the file or the competition as a whole */
  line: number | null;
  column: string | null;
  message: string;
  params?: Record<string, string | number>;
}

export interface ScoresImportSummary {
  stage: string;
  sheets: number;
  scores: number;
  submitted: number;
  drafts: number;
  replaced: number;
  skipped: { setAside: number; inactive: number };
}

/** The action's answer (with `errors` and `values`, as every reply). */
export interface ScoresImportReply {
  imported: ScoresImportSummary | null;
  problems: ScoresImportProblem[];
  /** problems not listed */
  more: number;
}
