/**
 * What the scores import page and its action share (no libraries: the page's browser code
 * imports it; the model's types only as types, which the browser build drops).
 */
import type { ImportProblem, ImportSummary } from "~/models/scores-import.server";

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
export type ScoresImportProblem = Omit<ImportProblem, "message"> & { message: string };

/** What was written, as the model counts it (without its internal ids and timings). */
export type ScoresImportSummary = Omit<ImportSummary, "competitionId" | "phases">;

/** The action's answer (with `errors` and `values`, as every reply). */
export interface ScoresImportReply {
  imported: ScoresImportSummary | null;
  problems: ScoresImportProblem[];
  /** problems not listed */
  more: number;
}
