import { createHash } from "node:crypto";
import { CompiledQuery, sql } from "kysely";
import { copyText, COPY_NULL, onOneConnection, type CopyIn } from "../../db/connection";
import type { Executor, SheetStatus } from "../../db/schema";
import { intList, isPostgres } from "../../db/dialect";
import { translate, type MessageKey } from "~/i18n";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { readCsv, undefuse } from "~/lib/csv-read";
import { runAgainIfOvertaken } from "~/lib/db-errors.server";
import { getDb } from "~/lib/db.server";
import { describe } from "~/lib/messages";
import { checkScore, checkText, NOTE_MAX } from "~/lib/sheet";
import { nowIso } from "~/lib/time";

/**
 * The scores import (docs/scores-import.md): a competition's score sheets loaded from the CSV the
 * scores export writes (chair.competitions.$slug.scores[.]csv), as a regency that judged on paper
 * types them into a spreadsheet, or to move a competition's scores. Every row is checked, in the
 * import's own transaction, against the stage open for scoring; a file with any problem writes
 * nothing. A valid file is written in bulk: sheets and scores in large batches while the per-row
 * `sheet_points` triggers stand aside (migration 0016), then the sums of the sheets written
 * counted once, set-wise, and one audit entry for the whole import. On PostgreSQL a large file
 * is written with the foreign keys of `scores` and `sheet_points` set aside, checked once,
 * set-wise, when they are made again (KEYS_ASIDE_FROM).
 */

/** One problem with the file: where (line 1 is the header; null: the file as a whole) and what. */
export interface ImportProblem {
  line: number | null;
  /** the column's header as the file spells it */
  column: string | null;
  message: MessageKey;
  params?: Record<string, string | number>;
}

export interface ImportSummary {
  competitionId: number;
  stage: string;
  sheets: number;
  scores: number;
  submitted: number;
  drafts: number;
  /** sheets that already had scores and were replaced (only with `replace`) */
  replaced: number;
  /** rows read but not written: of set-aside sheets, of entries no longer active */
  skipped: { setAside: number; inactive: number };
  /** milliseconds per phase, for the benchmark and the curious */
  phases: Record<ImportPhase, number>;
}

export type ImportPhase =
  "read" | "parse" | "validate" | "sheets" | "insert" | "sums" | "keys" | "audit";

export type ImportOutcome =
  ({ ok: true } & ImportSummary) | { ok: false; problems: ImportProblem[]; more: number };

/** problems reported at most (a file of a million wrong rows is not a million messages) */
const MAX_PROBLEMS = 100;

/** The columns the export writes, by catalog key; the file may name them in either language. */
const COLUMNS = {
  code: "export.code",
  library: "export.library",
  category: "export.category",
  entryStatus: "export.entryStatus",
  judge: "export.judge",
  sheetStatus: "export.sheetStatus",
  component: "export.component",
  indicator: "export.indicator",
  indicatorName: "export.indicatorName",
  scale: "export.scale",
  score: "export.score",
  note: "export.note",
} as const satisfies Record<string, MessageKey>;
type Column = keyof typeof COLUMNS;
/** what the import reads; the others (names, category, scale) are the export's for the reader */
const REQUIRED: Column[] = ["code", "judge", "sheetStatus", "indicator", "score"];
const READ: Column[] = [...REQUIRED, "component", "note"];

const folded = (text: string) => text.trim().toLowerCase();

const HEADERS = new Map<string, Column>(
  (Object.keys(COLUMNS) as Column[]).flatMap((c) =>
    (["id", "en"] as const).map((lang) => [folded(translate(lang, COLUMNS[c])), c] as const),
  ),
);

type RowStatus = SheetStatus | "setAside";
const STATUSES = new Map<string, RowStatus>([
  ...(["id", "en"] as const).flatMap((lang) => [
    [folded(translate(lang, "scoring.state.submitted")), "submitted" as const] as const,
    [folded(translate(lang, "export.draft")), "draft" as const] as const,
    [folded(translate(lang, "export.setAside")), "setAside" as const] as const,
  ]),
  ["submitted", "submitted"],
  ["draft", "draft"],
]);

/** A problem in words: "line 12, column Nilai: …" (English for the command line). */
export function formatImportProblem(p: ImportProblem, lang: "id" | "en" = "en"): string {
  const where =
    p.line === null
      ? ""
      : p.column === null
        ? `${translate(lang, "scoresImport.line", { line: p.line })}: `
        : `${translate(lang, "scoresImport.lineColumn", { line: p.line, column: p.column })}: `;
  return where + describe(lang, p);
}

interface Context {
  competitionId: number;
  stageId: number;
  stageCode: string;
  /** by library code, upper-cased */
  entries: Map<string, { id: number; code: string; active: boolean; libraryId: number }>;
  /** the stage's indicators by code, upper-cased; `index` is its place in the stage */
  indicators: Map<
    string,
    {
      id: number;
      code: string;
      component: string;
      componentId: number;
      min: number;
      max: number;
      index: number;
    }
  >;
  /** other stages' indicators: code (upper-cased) → the stage's code */
  elsewhere: Map<string, string>;
  /** judge text as a cell may hold it (name as written, or e-mail lower-cased) → judge ids */
  judgesByText: Map<string, number[]>;
  judgeLabel: Map<number, string>;
  /** entry id → judges assigned to it in the stage */
  assigned: Map<number, Set<number>>;
  /** entry id → judges with a confirmed conflict of interest with its library */
  conflicted: Map<number, Set<number>>;
  /** the stage's sheets already there, by `${entry}:${judge}` */
  existing: Map<string, { id: number; version: number; status: SheetStatus; scores: number }>;
}

type Refused = { ok: false; problems: ImportProblem[]; more: number };
const refusedWith = (message: MessageKey, params?: ImportProblem["params"]): Refused => ({
  ok: false,
  problems: [{ line: null, column: null, message, params }],
  more: 0,
});

/** What the import needs to know, read in its transaction (the stage open for scoring). */
async function readContext(slug: string, trx: Executor): Promise<Context | Refused> {
  const competition = await trx
    .selectFrom("competitions as c")
    .innerJoin("stages as s", (j) =>
      j.onRef("s.competition_id", "=", "c.id").onRef("s.position", "=", "c.current_stage"),
    )
    .select(["c.id", "c.status", "s.id as stageId", "s.code as stageCode", "s.kind"])
    .where("c.slug", "=", slug)
    .executeTakeFirst();
  if (!competition) return refusedWith("scoresImport.error.noCompetition", { slug });
  if (competition.status !== "scoring")
    return refusedWith("scoresImport.error.notScoring", { status: `status.${competition.status}` });
  if (competition.kind === "admin")
    return refusedWith("scoresImport.error.adminStage", { stage: competition.stageCode });
  const competitionId = competition.id;
  const [entries, indicators, judges, assignments, conflicts, existing] = await Promise.all([
    trx
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["e.id", "e.status", "l.code", "l.id as libraryId"])
      .where("e.competition_id", "=", competitionId)
      .execute(),
    trx
      .selectFrom("indicators as i")
      .innerJoin("components as c", "c.id", "i.component_id")
      .innerJoin("stages as s", "s.id", "c.stage_id")
      .select([
        "i.id",
        "i.code",
        "i.min_score as min",
        "i.max_score as max",
        "c.code as component",
        "c.id as componentId",
        "s.id as stageId",
        "s.code as stageCode",
      ])
      .where("i.competition_id", "=", competitionId)
      .orderBy("c.position")
      .orderBy("i.position")
      .orderBy("i.id")
      .execute(),
    trx
      .selectFrom("judge_assignments as a")
      .innerJoin("users as u", "u.id", "a.judge_id")
      .select(["u.id", "u.name", "u.email"])
      .distinct()
      .where("a.stage_id", "=", competition.stageId)
      .execute(),
    trx
      .selectFrom("judge_assignments")
      .select(["entry_id", "judge_id"])
      .where("stage_id", "=", competition.stageId)
      .execute(),
    trx
      .selectFrom("conflicts as k")
      .innerJoin("entries as e", "e.library_id", "k.library_id")
      .select(["e.id as entryId", "k.judge_id"])
      .where("e.competition_id", "=", competitionId)
      .where("k.status", "=", "confirmed")
      .execute(),
    trx
      .selectFrom("score_sheets as s")
      .select((eb) => [
        "s.id",
        "s.entry_id",
        "s.judge_id",
        "s.version",
        "s.status",
        eb
          .selectFrom("scores as sc")
          .select(sql<number>`count(*)`.as("n"))
          .whereRef("sc.sheet_id", "=", "s.id")
          .as("scores"),
      ])
      .where("s.stage_id", "=", competition.stageId)
      .execute(),
  ]);
  const judgesByText = new Map<string, number[]>();
  const addJudge = (text: string, id: number) => {
    const ids = judgesByText.get(text) ?? [];
    if (!ids.includes(id)) ids.push(id);
    judgesByText.set(text, ids);
  };
  for (const j of judges) {
    addJudge(j.name.trim(), j.id);
    addJudge(j.email.toLowerCase(), j.id);
  }
  const group = (rows: { entry: number; judge: number }[]) => {
    const map = new Map<number, Set<number>>();
    for (const r of rows) {
      const set = map.get(r.entry) ?? new Set<number>();
      set.add(r.judge);
      map.set(r.entry, set);
    }
    return map;
  };
  const stageIndicators = indicators.filter((i) => i.stageId === competition.stageId);
  return {
    competitionId,
    stageId: competition.stageId,
    stageCode: competition.stageCode,
    entries: new Map(
      entries.map((e) => [
        e.code.toUpperCase(),
        { id: e.id, code: e.code, active: e.status === "active", libraryId: e.libraryId },
      ]),
    ),
    indicators: new Map(
      stageIndicators.map((i, index) => [
        i.code.toUpperCase(),
        {
          id: i.id,
          code: i.code,
          component: i.component,
          componentId: i.componentId,
          min: i.min,
          max: i.max,
          index,
        },
      ]),
    ),
    elsewhere: new Map(
      indicators
        .filter((i) => i.stageId !== competition.stageId)
        .map((i) => [i.code.toUpperCase(), i.stageCode]),
    ),
    judgesByText,
    judgeLabel: new Map(judges.map((j) => [j.id, j.name])),
    assigned: group(assignments.map((a) => ({ entry: a.entry_id, judge: a.judge_id }))),
    conflicted: group(conflicts.map((c) => ({ entry: c.entryId, judge: c.judge_id }))),
    existing: new Map(
      existing.map((s) => [
        `${s.entry_id}:${s.judge_id}`,
        { id: s.id, version: s.version, status: s.status, scores: Number(s.scores) },
      ]),
    ),
  };
}

/** A sheet the file writes: its rows are gathered by entry and judge. */
interface PlannedSheet {
  entryId: number;
  judgeId: number;
  code: string;
  status: SheetStatus;
  firstLine: number;
  /** per indicator of the stage (by index), the line that scored it (0: none) */
  seen: Int32Array;
  existing: { id: number; version: number; status: SheetStatus; scores: number } | undefined;
  id: number;
}

/** A column of 32-bit integers that grows as rows come (a million numbers in 4 MB, not 8+). */
class IntColumn {
  values = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** a blank score in `rowValue` (scores are small integers: this one never is) */
const BLANK = -2147483648;

/** The file's rows, checked: column-wise, so a million rows stay small. */
interface Plan {
  sheets: PlannedSheet[];
  rowSheet: IntColumn;
  rowIndicator: IntColumn;
  rowMin: IntColumn;
  rowMax: IntColumn;
  /** the score, or BLANK */
  rowValue: IntColumn;
  /** notes by row, only the rows that have one */
  rowNote: Map<number, string>;
  skipped: { setAside: number; inactive: number };
}

/** Parses and checks every row against the context; the plan, or the problems. */
function checkRows(
  text: string,
  ctx: Context,
): { plan: Plan; problems: ImportProblem[]; more: number } {
  const problems: ImportProblem[] = [];
  let more = 0;
  const problem = (p: ImportProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else more++;
  };
  const plan: Plan = {
    sheets: [],
    rowSheet: new IntColumn(),
    rowIndicator: new IntColumn(),
    rowMin: new IntColumn(),
    rowMax: new IntColumn(),
    rowValue: new IntColumn(),
    rowNote: new Map(),
    skipped: { setAside: 0, inactive: 0 },
  };
  const at: Partial<Record<Column, number>> = {};
  let header: string[] = [];
  const sheetIndex = new Map<string, number>();
  const width = ctx.indicators.size;
  let lastEntry = -1;
  let lastJudge = -1;
  let lastSheet = -1;
  const statusCache = new Map<string, RowStatus>();
  // the row being read, and its cells (made once: no function is created per row)
  let row: string[] = [];
  const cell = (c: Column) => (at[c] === undefined ? "" : row[at[c]!]!);
  const where = (c: Column) => header[at[c]!]!;

  const result = readCsv(
    text,
    (names) => {
      header = names;
      names.forEach((name, index) => {
        const column = HEADERS.get(folded(name));
        if (column === undefined)
          problem({ line: 1, column: name, message: "scoresImport.error.unknownColumn" });
        else if (at[column] !== undefined)
          problem({ line: 1, column: name, message: "scoresImport.error.repeatedColumn" });
        else at[column] = index;
      });
      for (const column of REQUIRED)
        if (at[column] === undefined)
          problem({
            line: 1,
            column: null,
            message: "scoresImport.error.missingColumn",
            params: { column: `export.${column}` },
          });
      return names.map((_, index) => READ.some((c) => at[c] === index));
    },
    (fields, count, line) => {
      if (problems.length > 0 && problems[0]!.line === 1) return false;
      row = fields;
      if (count !== header.length) {
        problem({
          line,
          column: null,
          message: "scoresImport.error.width",
          params: { found: count, expected: header.length },
        });
        return;
      }
      const code = undefuse(cell("code").trim());
      const entry = ctx.entries.get(code.toUpperCase());
      if (!entry) {
        problem({
          line,
          column: where("code"),
          message: "scoresImport.error.unknownLibrary",
          params: { code },
        });
        return;
      }
      const statusText = cell("sheetStatus");
      let status = statusCache.get(statusText);
      if (status === undefined) {
        status = STATUSES.get(folded(statusText));
        if (status !== undefined) statusCache.set(statusText, status);
      }
      if (status === undefined) {
        problem({
          line,
          column: where("sheetStatus"),
          message: "scoresImport.error.status",
          params: { value: cell("sheetStatus").trim() },
        });
        return;
      }
      // what the ranking never counts, and the export marks, is read and left out
      if (status === "setAside") {
        plan.skipped.setAside++;
        return;
      }
      if (!entry.active) {
        plan.skipped.inactive++;
        return;
      }
      const indicatorCode = undefuse(cell("indicator").trim());
      const indicator = ctx.indicators.get(indicatorCode.toUpperCase());
      if (!indicator) {
        const stage = ctx.elsewhere.get(indicatorCode.toUpperCase());
        problem({
          line,
          column: where("indicator"),
          message: stage ? "scoresImport.error.otherStage" : "scoresImport.error.unknownIndicator",
          params: { indicator: indicatorCode, stage: stage ?? ctx.stageCode, open: ctx.stageCode },
        });
        return;
      }
      const component = undefuse(cell("component").trim());
      if (
        at.component !== undefined &&
        component !== "" &&
        component.toUpperCase() !== indicator.component.toUpperCase()
      )
        problem({
          line,
          column: where("component"),
          message: "scoresImport.error.component",
          params: { indicator: indicator.code, component, expected: indicator.component },
        });
      const judgeText = undefuse(cell("judge").trim());
      const candidates =
        ctx.judgesByText.get(judgeText) ?? ctx.judgesByText.get(judgeText.toLowerCase()) ?? [];
      const assigned = ctx.assigned.get(entry.id);
      let judgeId = 0;
      let found = 0;
      for (const id of candidates)
        if (assigned?.has(id)) {
          judgeId = id;
          found++;
        }
      if (found !== 1) {
        problem({
          line,
          column: where("judge"),
          message: found === 0 ? "scoresImport.error.judge" : "scoresImport.error.judgeAmbiguous",
          params: { judge: judgeText, code: entry.code, stage: ctx.stageCode },
        });
        return;
      }
      if (ctx.conflicted.get(entry.id)?.has(judgeId)) {
        problem({
          line,
          column: where("judge"),
          message: "scoresImport.error.conflict",
          params: { judge: judgeText, code: entry.code },
        });
        return;
      }
      const raw = cell("score");
      const score = checkScore(raw, indicator, false);
      if (score.error) {
        problem({
          line,
          column: where("score"),
          message:
            score.error === "scoring.error.range"
              ? "scoresImport.error.range"
              : "scoresImport.error.integer",
          params: { value: raw.trim(), min: indicator.min, max: indicator.max },
        });
        return;
      }
      const noteText = cell("note");
      const note = noteText === "" ? { value: "" } : checkText(undefuse(noteText), NOTE_MAX);
      if (note.error) {
        problem({
          line,
          column: where("note"),
          message:
            note.error === "error.tooLong"
              ? "scoresImport.error.noteTooLong"
              : "scoresImport.error.noteControl",
          params: { max: NOTE_MAX },
        });
        return;
      }

      // the export writes a sheet's rows one after the other: the same sheet as the row before
      let index = entry.id === lastEntry && judgeId === lastJudge ? lastSheet : undefined;
      const key = index === undefined ? `${entry.id}:${judgeId}` : "";
      if (index === undefined) index = sheetIndex.get(key);
      if (index === undefined) {
        index = plan.sheets.length;
        plan.sheets.push({
          entryId: entry.id,
          judgeId,
          code: entry.code,
          status,
          firstLine: line,
          seen: new Int32Array(width),
          existing: ctx.existing.get(key),
          id: 0,
        });
        sheetIndex.set(key, index);
      }
      lastEntry = entry.id;
      lastJudge = judgeId;
      lastSheet = index;
      const sheet = plan.sheets[index]!;
      if (sheet.status !== status) {
        problem({
          line,
          column: where("sheetStatus"),
          message: "scoresImport.error.mixedStatus",
          params: { first: sheet.firstLine },
        });
        return;
      }
      const before = sheet.seen[indicator.index]!;
      if (before !== 0) {
        problem({
          line,
          column: where("indicator"),
          message: "scoresImport.error.duplicate",
          params: { indicator: indicator.code, first: before },
        });
        return;
      }
      sheet.seen[indicator.index] = line;
      if (problems.length > 0) return; // nothing is written: no need to keep rows
      plan.rowSheet.push(index);
      plan.rowIndicator.push(indicator.id);
      plan.rowMin.push(indicator.min);
      plan.rowMax.push(indicator.max);
      plan.rowValue.push(score.value ?? BLANK);
      if (note.value !== "") plan.rowNote.set(plan.rowValue.length - 1, note.value);
    },
  );
  if (!result.ok)
    problem({
      line: result.line,
      column: null,
      message:
        result.problem === "empty"
          ? "scoresImport.error.empty"
          : "scoresImport.error.unclosedQuote",
    });
  return { plan, problems, more };
}

/** The checks that need every row read: complete submitted sheets, sheets already scored. */
function checkSheets(
  plan: Plan,
  ctx: Context,
  replace: boolean,
  problem: (p: ImportProblem) => void,
): void {
  const codes = [...ctx.indicators.values()].map((i) => i.code);
  for (const sheet of plan.sheets) {
    const judge = ctx.judgeLabel.get(sheet.judgeId) ?? "";
    if (sheet.status === "submitted") {
      const missing = codes.filter((_, k) => sheet.seen[k] === 0);
      if (missing.length > 0)
        problem({
          line: sheet.firstLine,
          column: null,
          message: "scoresImport.error.incomplete",
          params: {
            judge,
            code: sheet.code,
            indicators:
              missing.slice(0, 5).join(", ") +
              (missing.length > 5 ? ` +${missing.length - 5}` : ""),
          },
        });
    }
    if (!replace && sheet.existing && sheet.existing.scores > 0)
      problem({
        line: sheet.firstLine,
        column: null,
        message: "scoresImport.error.sheetExists",
        params: { judge, code: sheet.code },
      });
  }
}

/** ids as a list a statement can read: `x in ${list}` (db/dialect.ts, intList) */
const ids = (trx: Executor, list: number[]) => intList(trx, list);

/**
 * The three per-row `sheet_points` triggers on `scores` (migration 0016) and the ranking inputs'
 * triggers on `sheet_points` (0017) stand aside in this transaction until `bulkOff`. Only ever inside a transaction: a failure rolls the switch back.
 */
async function bulkOn(trx: Executor): Promise<void> {
  if (isPostgres(trx)) await sql`select set_config('juara.bulk', 'on', true)`.execute(trx);
  else
    await trx
      .insertInto("scores_bulk")
      .values({ id: 1, active: 1 })
      .onConflict((oc) => oc.column("id").doUpdateSet({ active: 1 }))
      .execute();
}

async function bulkOff(trx: Executor): Promise<void> {
  if (isPostgres(trx)) await sql`select set_config('juara.bulk', '', true)`.execute(trx);
  else await trx.deleteFrom("scores_bulk").execute();
}

/**
 * A column of rows to insert: its name, and its value for a row: an integer (BLANK for null), or
 * a text (null for null).
 */
type InsertColumn =
  | { name: string; type: "int"; value: (row: number) => number }
  | { name: string; type: "text"; value: (row: number) => string | null };

/** SQLite's limit of 32,766 parameters per statement: rows per statement of six columns */
const SQLITE_ROWS_BATCH = 5_000;
/** rows per chunk of a COPY's text, written as they are made */
const COPY_CHUNK_ROWS = 10_000;

/** `columns`' values for rows [0, n) in COPY's text format, a chunk at a time */
function* copyRows(columns: InsertColumn[], n: number): Generator<string> {
  for (let from = 0; from < n; from += COPY_CHUNK_ROWS) {
    const to = Math.min(n, from + COPY_CHUNK_ROWS);
    let text = "";
    for (let r = from; r < to; r++) {
      let line = "";
      for (let k = 0; k < columns.length; k++) {
        const c = columns[k]!;
        if (k > 0) line += "\t";
        if (c.type === "int") {
          const v = c.value(r);
          line += v === BLANK ? COPY_NULL : String(v);
        } else {
          const v = c.value(r);
          line += v === null ? COPY_NULL : copyText(v);
        }
      }
      text += line + "\n";
    }
    yield text;
  }
}

/**
 * Inserts `n` rows into `table`: on PostgreSQL with COPY through the transaction's own connection
 * (`copyIn`, db/connection.ts onOneConnection), on SQLite in large multi-row VALUES.
 */
async function insertRows(
  trx: Executor,
  copyIn: CopyIn | null,
  table: string,
  columns: InsertColumn[],
  n: number,
): Promise<void> {
  if (isPostgres(trx)) {
    if (!copyIn) throw new Error("On PostgreSQL the import writes its rows with COPY (copyIn)");
    await copyIn(
      table,
      columns.map((c) => c.name),
      copyRows(columns, n),
    );
    return;
  }
  const names = columns.map((c) => c.name).join(", ");
  const sqliteValue = (c: InsertColumn, row: number) => {
    const v = c.value(row);
    return v === BLANK ? null : v;
  };
  await insertSqlite(trx, table, names, columns.length, n, (row, parameters) => {
    for (const c of columns) parameters.push(sqliteValue(c, row));
  });
}

/** multi-row VALUES on SQLite, `push` giving a row's parameters */
async function insertSqlite(
  trx: Executor,
  table: string,
  names: string,
  width: number,
  n: number,
  push: (row: number, parameters: unknown[]) => void,
): Promise<void> {
  const batch = Math.floor((SQLITE_ROWS_BATCH * 6) / Math.max(6, width));
  const tuple = `(${new Array(width).fill("?").join(",")})`;
  let statement = "";
  let rowsIn = 0;
  for (let from = 0; from < n; from += batch) {
    const to = Math.min(n, from + batch);
    if (to - from !== rowsIn) {
      rowsIn = to - from;
      statement =
        `insert into ${table} (${names}) values ` + new Array(rowsIn).fill(tuple).join(",");
    }
    const parameters: unknown[] = [];
    for (let r = from; r < to; r++) push(r, parameters);
    await trx.executeQuery(CompiledQuery.raw(statement, parameters));
  }
}

async function insertScores(plan: Plan, trx: Executor, copyIn: CopyIn | null): Promise<void> {
  const sheetIds = Int32Array.from(plan.sheets, (s) => s.id);
  const sheet = plan.rowSheet.values;
  const indicator = plan.rowIndicator.values;
  const min = plan.rowMin.values;
  const max = plan.rowMax.values;
  const score = plan.rowValue.values;
  const notes = plan.rowNote;
  const n = plan.rowValue.length;
  if (!isPostgres(trx)) {
    // the row's six parameters pushed at once (SQLite's time is mostly here)
    const value = (row: number) => (score[row] === BLANK ? null : score[row]);
    const note = notes.size === 0 ? () => "" : (row: number) => notes.get(row) ?? "";
    await insertSqlite(
      trx,
      "scores",
      "sheet_id, indicator_id, min_score, max_score, value, note",
      6,
      n,
      (r, parameters) =>
        parameters.push(sheetIds[sheet[r]!], indicator[r], min[r], max[r], value(r), note(r)),
    );
    return;
  }
  await insertRows(
    trx,
    copyIn,
    "scores",
    [
      { name: "sheet_id", type: "int", value: (r) => sheetIds[sheet[r]!]! },
      { name: "indicator_id", type: "int", value: (r) => indicator[r]! },
      { name: "min_score", type: "int", value: (r) => min[r]! },
      { name: "max_score", type: "int", value: (r) => max[r]! },
      { name: "value", type: "int", value: (r) => score[r]! },
      {
        name: "note",
        type: "text",
        value: notes.size === 0 ? () => "" : (r) => notes.get(r) ?? "",
      },
    ],
    n,
  );
}

/** The sheets: existing ones moved to the file's status (scores cleared), new ones created. */
async function writeSheets(
  plan: Plan,
  ctx: Context,
  now: string,
  trx: Executor,
  copyIn: CopyIn | null,
): Promise<void> {
  const existing = plan.sheets.filter((s) => s.existing);
  for (const s of existing) s.id = s.existing!.id;
  const cleared = existing.filter((s) => s.existing!.scores > 0).map((s) => s.id);
  for (let k = 0; k < cleared.length; k += 10_000)
    await trx
      .deleteFrom("scores")
      .where("sheet_id", "in", ids(trx, cleared.slice(k, k + 10_000)))
      .execute();
  for (const status of ["submitted", "draft"] as const) {
    const moved = existing.filter((s) => s.status === status).map((s) => s.id);
    for (let k = 0; k < moved.length; k += 10_000)
      await trx
        .updateTable("score_sheets")
        .set((eb) => ({
          status,
          version: eb("version", "+", 1),
          submitted_at: status === "submitted" ? now : null,
          updated_at: now,
        }))
        .where("id", "in", ids(trx, moved.slice(k, k + 10_000)))
        .execute();
  }
  const created = plan.sheets.filter((s) => !s.existing);
  if (created.length === 0) return;
  await insertRows(
    trx,
    copyIn,
    "score_sheets",
    [
      { name: "stage_id", type: "int", value: () => ctx.stageId },
      { name: "entry_id", type: "int", value: (k) => created[k]!.entryId },
      { name: "judge_id", type: "int", value: (k) => created[k]!.judgeId },
      { name: "status", type: "text", value: (k) => created[k]!.status },
      { name: "version", type: "int", value: () => 1 },
      {
        name: "submitted_at",
        type: "text",
        value: (k) => (created[k]!.status === "submitted" ? now : null),
      },
      { name: "created_at", type: "text", value: () => now },
      { name: "updated_at", type: "text", value: () => now },
    ],
    created.length,
  );
  const made = await trx
    .selectFrom("score_sheets")
    .select(["id", "entry_id", "judge_id"])
    .where("stage_id", "=", ctx.stageId)
    .execute();
  const byKey = new Map(made.map((m) => [`${m.entry_id}:${m.judge_id}`, m.id]));
  for (const s of created) s.id = byKey.get(`${s.entryId}:${s.judgeId}`)!;
}

/**
 * `sheet_points` of the sheets written, counted once, set-wise, from the rows written: after the
 * import those rows are each written sheet's only scores (a replaced sheet's were deleted first,
 * an existing one had none), so their sums by sheet and component are what a GROUP BY over
 * `scores` gives (tested), without reading the rows back. Rows the sheets had before (a replaced
 * sheet's) go first; a sheet made by this import has none.
 */
async function writeSums(
  plan: Plan,
  ctx: Context,
  trx: Executor,
  copyIn: CopyIn | null,
): Promise<void> {
  const before = plan.sheets.filter((s) => s.existing).map((s) => s.id);
  for (let k = 0; k < before.length; k += 50_000)
    await trx
      .deleteFrom("sheet_points")
      .where("sheet_id", "in", ids(trx, before.slice(k, k + 50_000)))
      .execute();
  const components = [...new Set([...ctx.indicators.values()].map((i) => i.componentId))].sort(
    (a, b) => a - b,
  );
  const width = components.length;
  const componentOf = new Map(
    [...ctx.indicators.values()].map((i) => [i.id, components.indexOf(i.componentId)]),
  );
  // by sheet (index in the plan) × component (index above): its place in the sums
  const place = new Map<number, number>();
  const points: number[] = [];
  const counts: number[] = [];
  const keys: number[] = [];
  const sheet = plan.rowSheet.values;
  const indicator = plan.rowIndicator.values;
  const score = plan.rowValue.values;
  let lastIndicator = -1;
  let lastComponent = 0;
  for (let r = 0; r < plan.rowValue.length; r++) {
    if (indicator[r] !== lastIndicator) {
      lastIndicator = indicator[r]!;
      lastComponent = componentOf.get(lastIndicator)!;
    }
    const key = sheet[r]! * width + lastComponent;
    let at = place.get(key);
    if (at === undefined) {
      at = keys.length;
      place.set(key, at);
      keys.push(key);
      points.push(0);
      counts.push(0);
    }
    if (score[r] !== BLANK) points[at]! += score[r]!;
    counts[at]!++;
  }
  const order = Int32Array.from(keys.keys()).sort((a, b) => keys[a]! - keys[b]!);
  const sheetOf = (k: number) => plan.sheets[Math.floor(keys[order[k]!]! / width)]!;
  await insertRows(
    trx,
    copyIn,
    "sheet_points",
    [
      { name: "sheet_id", type: "int", value: (k) => sheetOf(k).id },
      { name: "component_id", type: "int", value: (k) => components[keys[order[k]!]! % width]! },
      { name: "entry_id", type: "int", value: (k) => sheetOf(k).entryId },
      {
        name: "submitted",
        type: "int",
        value: (k) => (sheetOf(k).status === "submitted" ? 1 : 0),
      },
      { name: "points", type: "int", value: (k) => points[order[k]!]! },
      { name: "scores", type: "int", value: (k) => counts[order[k]!]! },
    ],
    keys.length,
  );
}

/**
 * PostgreSQL checks a foreign key row by row, and that is most of the time of a large import: two
 * per score (its sheet; its indicator with the range), two per `sheet_points` row (its sheet, its
 * component). From this many scores on, the import sets the foreign keys of `scores` and
 * `sheet_points` aside while it writes and makes them again before it commits, which checks
 * every row once, set-wise (docs/scores-import.md, decisions/015). Dropping a foreign key locks
 * its table and the table it names (`score_sheets`, `indicators`, `components`) until the import
 * commits: readers and writers of them wait. Hence only for a large file.
 */
export const KEYS_ASIDE_FROM = 100_000;

/** the tables whose foreign keys a large import sets aside on PostgreSQL */
const KEYS_ASIDE_OF = ["scores", "sheet_points"];

/** a foreign key set aside: its table and name (quoted for SQL) and its definition */
interface AsideKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * Drops the foreign keys of `tables` in this transaction (PostgreSQL) and gives back what makes
 * them again (`restoreKeys`); a failure before then rolls the drop back with the rest (DDL is
 * transactional there). Null, nothing dropped, when this role does not own every table involved
 * (each row is then checked as always).
 */
async function setKeysAside(trx: Executor, tables: string[]): Promise<AsideKey[] | null> {
  const { rows } = await sql<AsideKey & { owned: boolean }>`
    select cast(cast(k.conrelid as regclass) as text) as "table", quote_ident(k.conname) as name,
      pg_get_constraintdef(k.oid) as definition,
      pg_has_role(t.relowner, 'USAGE') and pg_has_role(r.relowner, 'USAGE') as owned
    from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_class r on r.oid = k.confrelid
    where k.contype = 'f' and k.conrelid = any(cast(${tables} as regclass[]))
    order by k.conrelid, k.conname`.execute(trx);
  if (rows.length === 0 || !rows.every((k) => k.owned)) return null;
  for (const [table, keys] of byTable(rows))
    await sql
      .raw(`alter table ${table} ${keys.map((k) => `drop constraint ${k.name}`).join(", ")}`)
      .execute(trx);
  return rows;
}

/**
 * The foreign keys set aside made again as they were: PostgreSQL checks every row of each table
 * once, in one query per key, before the statement ends.
 */
async function restoreKeys(trx: Executor, keys: AsideKey[]): Promise<void> {
  for (const [table, mine] of byTable(keys))
    await sql
      .raw(
        `alter table ${table} ` +
          mine.map((k) => `add constraint ${k.name} ${k.definition}`).join(", "),
      )
      .execute(trx);
}

function byTable(keys: AsideKey[]): Map<string, AsideKey[]> {
  const tables = new Map<string, AsideKey[]>();
  for (const k of keys) tables.set(k.table, [...(tables.get(k.table) ?? []), k]);
  return tables;
}

/** [[first, last], …]: the sheet ids, as runs of consecutive ids (an import's are mostly one) */
function runsOf(list: number[]): [number, number][] {
  const sorted = [...list].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs[runs.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else runs.push([id, id]);
  }
  return runs;
}

/**
 * Imports the scores CSV `text` into the stage open for scoring of competition `slug`: all rows
 * or none (docs/scores-import.md). `replace`: sheets that already have scores are replaced by the
 * file's rows (their comment stays, their version moves on); without it they refuse the file.
 * `source` names the file in the audit entry.
 */
export async function importScores(
  actor: Actor,
  slug: string,
  text: string,
  options: {
    replace?: boolean;
    source?: string;
    /** PostgreSQL: from how many scores the foreign keys are set aside (KEYS_ASIDE_FROM) */
    keysAsideFrom?: number;
  } = {},
  db: Executor = getDb(),
): Promise<ImportOutcome> {
  const replace = options.replace === true;
  return onOneConnection(db, (db, copyIn) =>
    runAgainIfOvertaken(() =>
      db.transaction().execute(async (trx): Promise<ImportOutcome> => {
        const phases: Record<ImportPhase, number> = {
          read: 0,
          parse: 0,
          validate: 0,
          sheets: 0,
          insert: 0,
          sums: 0,
          keys: 0,
          audit: 0,
        };
        let t = performance.now();
        const lap = (phase: ImportPhase) => {
          const now = performance.now();
          phases[phase] += now - t;
          t = now;
        };
        const ctx = await readContext(slug, trx);
        if ("ok" in ctx) return ctx;
        lap("read");
        const { plan, problems, more: overflow } = checkRows(text, ctx);
        lap("parse");
        let more = overflow;
        if (problems.length === 0) {
          checkSheets(plan, ctx, replace, (p) => {
            if (problems.length < MAX_PROBLEMS) problems.push(p);
            else more++;
          });
          if (plan.rowValue.length === 0)
            problems.push({ line: null, column: null, message: "scoresImport.error.noRows" });
        }
        lap("validate");
        if (problems.length > 0) return { ok: false, problems, more };

        const now = nowIso();
        await bulkOn(trx);
        const keys =
          isPostgres(trx) && plan.rowValue.length >= (options.keysAsideFrom ?? KEYS_ASIDE_FROM)
            ? await setKeysAside(trx, KEYS_ASIDE_OF)
            : null;
        await writeSheets(plan, ctx, now, trx, copyIn);
        lap("sheets");
        await insertScores(plan, trx, copyIn);
        lap("insert");
        const written = plan.sheets.map((s) => s.id);
        await writeSums(plan, ctx, trx, copyIn);
        // the ranking inputs' triggers (migration 0017) stood aside too: every entry of the
        // competition counts as changed, once
        await trx
          .updateTable("entries")
          .set((eb) => ({ inputs_changed: eb("inputs_changed", "+", 1) }))
          .where("competition_id", "=", ctx.competitionId)
          .execute();
        lap("sums");
        if (keys) await restoreKeys(trx, keys);
        lap("keys");
        await bulkOff(trx);
        const replaced = plan.sheets.filter((s) => s.existing && s.existing.scores > 0);
        const submitted = plan.sheets.filter((s) => s.status === "submitted").length;
        const summary = {
          stage: ctx.stageCode,
          sheets: plan.sheets.length,
          scores: plan.rowValue.length,
          submitted,
          drafts: plan.sheets.length - submitted,
          replaced: replaced.length,
          skipped: plan.skipped,
        };
        await recordAudit(
          {
            actor,
            competitionId: ctx.competitionId,
            entityType: "competition",
            entityId: ctx.competitionId,
            action: "scores-import",
            before:
              replaced.length > 0
                ? {
                    replaced: replaced.map((s) => ({
                      sheet: s.id,
                      version: s.existing!.version,
                      status: s.existing!.status,
                      scores: s.existing!.scores,
                    })),
                  }
                : undefined,
            after: {
              ...summary,
              source: options.source ?? null,
              sha256: createHash("sha256").update(text).digest("hex"),
              sheetIds: runsOf(written),
            },
          },
          trx,
        );
        lap("audit");
        return { ok: true, competitionId: ctx.competitionId, ...summary, phases };
      }),
    ),
  );
}
