import { sql, type Kysely, type SqlBool } from "kysely";
import { commitGroup, type CommitGroup } from "../../db/commit-group";
import { prepare } from "../../db/prepared";
import { isPostgres } from "../../db/dialect";
import type { CompetitionStatus, Database, Executor, SheetStatus } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { Overtaken, runAgainIfOvertaken } from "~/lib/db-errors.server";
import { getDb } from "~/lib/db.server";
import type { ServerTiming } from "~/lib/server-timing.server";
import type {
  SavedOutcome,
  SaveOutcome,
  SheetComponent,
  SheetContent,
  SheetErrors,
  SheetState,
  SheetValues,
  ValidSave,
} from "~/lib/sheet-contract";
import { sameContent, withStoredFields } from "~/lib/sheet";
import { parseSheet } from "~/lib/sheet-parse";
import { addSeconds, nowIso } from "~/lib/time";
import { getCriteria } from "./criteria.server";
import {
  activeEntry,
  confirmedConflict,
  currentStage,
  currentStageOfEntry,
  isConfirmedConflict,
  sameCode,
} from "./query.server";
import { refuse, type Result } from "~/lib/forms";

/** How long a save's one-time key is remembered: far longer than any retry of a resent POST. */
const SAVE_KEY_DAYS = 14;

/**
 * "This judge has no confirmed conflict with the library `l`": every judge-facing query of an
 * entry carries it, so a conflicted entry never shows and never opens.
 */
function notConflicted(judgeId: number) {
  return sql<SqlBool>`not ${confirmedConflict(judgeId, "l.id")}`;
}

/**
 * A judge reaches an entry only when it is assigned to them, active, not in conflict with them,
 * and its competition is past draft. Everything else is "not found" (404): a judge must not learn
 * which other entries exist. One query, used by the page and by every save.
 */
export async function findAccess(judgeId: number, slug: string, code: string, db: Executor) {
  return accessQuery.first(db, { judgeId, slug, code });
}

const accessQuery = prepare((db, p: { judgeId: number; slug: string; code: string }) =>
  db
    .selectFrom("competitions as c")
    .innerJoin("entries as e", "e.competition_id", "c.id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("judge_assignments as a", (j) =>
      j
        .onRef("a.entry_id", "=", "e.id")
        .on("a.judge_id", "=", p.judgeId)
        .on("a.stage_id", "=", currentStage("c.id")),
    )
    .select([
      "c.id as competitionId",
      "c.slug",
      "c.name as competitionName",
      "c.status as competitionStatus",
      "e.id as entryId",
      "e.category",
      "l.id as libraryId",
      "l.code",
      "l.name",
      "l.type",
      "l.village",
      "l.district",
      "l.address",
      "l.head_name as headName",
      "l.npp",
    ])
    .where("c.slug", "=", p.slug)
    .where(sameCode("l.code", p.code))
    .where("c.status", "!=", "draft")
    .where(activeEntry("e"))
    .where(notConflicted(p.judgeId)),
);

export type SheetAccess = NonNullable<Awaited<ReturnType<typeof findAccess>>>;

/** A sheet as stored: what the judge sees (SheetState) and what only the server uses. */
type StoredSheet = SheetState & {
  id: number | null;
  reopenedAt: string | null;
  issuedPasswordSavedAt: string | null;
};

/** What the judge is shown of a stored sheet (also the `current` of a conflict, docs/http.md). */
function stateOf(sheet: StoredSheet): SheetState {
  const { id: _id, reopenedAt: _r, issuedPasswordSavedAt: _i, ...state } = sheet;
  return state;
}

const storedSheet = prepare((db, p: { entryId: number; judgeId: number }) =>
  db
    .selectFrom("score_sheets")
    .select([
      "id",
      "version",
      "status",
      "comment",
      "updated_at",
      "submitted_at",
      "reopened_at",
      "reopen_reason",
      "issued_password_saved_at",
    ])
    .where("entry_id", "=", p.entryId)
    .where("judge_id", "=", p.judgeId)
    .where("stage_id", "=", currentStageOfEntry(p.entryId)),
);

const storedScores = prepare((db, p: { sheetId: number }) =>
  db
    .selectFrom("scores as s")
    .innerJoin("indicators as i", "i.id", "s.indicator_id")
    .select(["i.code", "s.value", "s.note"])
    .where("s.sheet_id", "=", p.sheetId),
);

async function readSheet(entryId: number, judgeId: number, db: Executor): Promise<StoredSheet> {
  const sheet = await storedSheet.first(db, { entryId, judgeId });
  if (!sheet) {
    return {
      id: null,
      version: 0,
      status: "new",
      scores: {},
      notes: {},
      comment: "",
      updatedAt: null,
      submittedAt: null,
      reopenReason: null,
      reopenedAt: null,
      issuedPasswordSavedAt: null,
    };
  }
  const rows = await storedScores.rows(db, { sheetId: sheet.id });
  return {
    id: sheet.id,
    version: sheet.version,
    status: sheet.status,
    scores: Object.fromEntries(rows.map((r) => [r.code, r.value])),
    notes: Object.fromEntries(rows.map((r) => [r.code, r.note])),
    comment: sheet.comment,
    updatedAt: sheet.updated_at,
    submittedAt: sheet.submitted_at,
    reopenReason: sheet.reopen_reason,
    reopenedAt: sheet.reopened_at,
    issuedPasswordSavedAt: sheet.issued_password_saved_at,
  };
}

/** The competition's criteria (the same reader as the editor's), with rubric levels in order. */
async function readCriteria(competitionId: number, db: Executor): Promise<SheetComponent[]> {
  const components = await getCriteria(competitionId, db);
  return components.map((c) => ({
    code: c.code,
    name: c.name,
    weight: c.weight,
    indicators: c.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      description: i.description,
      min: i.min,
      max: i.max,
      rubric: Object.entries(i.rubric)
        .map(([level, text]) => ({ level: Number(level), text }))
        .sort((a, b) => a.level - b.level),
    })),
  }));
}

export interface JudgeEntry {
  code: string;
  name: string;
  village: string;
  district: string;
  category: string;
  state: "notStarted" | "draft" | "submitted";
  scored: number;
}

/**
 * The stage a judge is scoring, named when the competition has more than one (desk and visit
 * share the judge's URL, so the page says which one it is); null for a one-stage competition.
 */
export interface OpenStage {
  name: string;
  position: number;
  count: number;
}

async function openStage(competitionId: number, db: Executor): Promise<OpenStage | null> {
  const row = await db
    .selectFrom("stages as st")
    .innerJoin("competitions as c", "c.id", "st.competition_id")
    .select((eb) => [
      "st.name",
      "st.position",
      eb
        .selectFrom("stages as all_st")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("all_st.competition_id", "=", "c.id")
        .as("count"),
    ])
    .where("c.id", "=", competitionId)
    .whereRef("st.position", "=", "c.current_stage")
    .executeTakeFirst();
  if (!row || Number(row.count) < 2) return null;
  return { name: row.name, position: row.position, count: Number(row.count) };
}

export interface JudgeCompetitionView {
  slug: string;
  name: string;
  status: CompetitionStatus;
  stage: OpenStage | null;
  indicators: number;
  entries: JudgeEntry[];
}

/** A judge's own entries in a competition, with the state of each of their sheets. */
export async function getJudgeCompetition(
  judgeId: number,
  slug: string,
): Promise<JudgeCompetitionView | null> {
  const db = getDb();
  const competition = await db
    .selectFrom("competitions")
    .select(["id", "slug", "name", "status"])
    .where("slug", "=", slug)
    .where("status", "!=", "draft")
    .executeTakeFirst();
  if (!competition) return null;
  const [stage, indicatorCount, rows] = await Promise.all([
    openStage(competition.id, db),
    db
      .selectFrom("indicators")
      .select(sql<number>`count(*)`.as("n"))
      .where("competition_id", "=", competition.id)
      .where("component_id", "in", (eb) =>
        eb
          .selectFrom("components")
          .select("id")
          .where("stage_id", "=", currentStage(competition.id)),
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("judge_assignments as a")
      .innerJoin("entries as e", "e.id", "a.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .leftJoin("score_sheets as s", (j) =>
        j
          .onRef("s.entry_id", "=", "e.id")
          .onRef("s.judge_id", "=", "a.judge_id")
          .onRef("s.stage_id", "=", "a.stage_id"),
      )
      .select((eb) => [
        "l.code",
        "l.name",
        "l.village",
        "l.district",
        "e.category",
        "s.status",
        eb
          .selectFrom("scores as sc")
          .select(sql<number>`count(*)`.as("n"))
          .whereRef("sc.sheet_id", "=", "s.id")
          .where("sc.value", "is not", null)
          .as("scored"),
      ])
      .where("a.judge_id", "=", judgeId)
      .where("e.competition_id", "=", competition.id)
      .where("a.stage_id", "=", currentStage(competition.id))
      .where(activeEntry("e"))
      .where(notConflicted(judgeId))
      // unfinished work first: sheets started, then not started, then the ones already sent
      .orderBy(sql`case s.status when 'draft' then 0 when 'submitted' then 2 else 1 end`)
      .orderBy("l.district")
      .orderBy("l.name")
      .execute(),
  ]);
  if (rows.length === 0) return null;
  return {
    slug: competition.slug,
    name: competition.name,
    status: competition.status,
    stage,
    indicators: Number(indicatorCount.n),
    entries: rows.map((r) => ({
      code: r.code,
      name: r.name,
      village: r.village,
      district: r.district,
      category: r.category,
      state: r.status === "submitted" ? "submitted" : r.status === "draft" ? "draft" : "notStarted",
      scored: Number(r.scored ?? 0),
    })),
  };
}

export interface SheetView {
  access: SheetAccess;
  stage: OpenStage | null;
  criteria: SheetComponent[];
  sheet: SheetState;
  editable: boolean;
  /** the last save made in a session begun with a password a chair or an admin issued */
  issuedPasswordSavedAt: string | null;
}

/** Everything the scoring page shows, or null when this judge may not see this entry. */
export async function getSheetView(
  judgeId: number,
  slug: string,
  code: string,
): Promise<SheetView | null> {
  const db = getDb();
  const access = await findAccess(judgeId, slug, code, db);
  if (!access) return null;
  const [criteria, sheet, stage] = await Promise.all([
    readCriteria(access.competitionId, db),
    readSheet(access.entryId, judgeId, db),
    openStage(access.competitionId, db),
  ]);
  return {
    access,
    stage,
    criteria,
    sheet: stateOf(sheet),
    editable: access.competitionStatus === "scoring" && sheet.status !== "submitted",
    issuedPasswordSavedAt: sheet.issuedPasswordSavedAt,
  };
}

/** What the audit compares of a sheet before and after a save. */
type AuditedSheet = Pick<SheetState, "status"> & SheetContent;

/**
 * The fields a save changes, as two halves of the sheet's own shape: `before` holds their old
 * values, `after` their new ones (`{ scores: { A2: 5 } }` → `{ scores: { A2: 6 } }`). Fields the
 * save leaves as they were appear in neither.
 */
function sheetChanges(
  was: AuditedSheet,
  now: AuditedSheet,
): { before: Partial<AuditedSheet>; after: Partial<AuditedSheet> } {
  const before: Partial<AuditedSheet> = {};
  const after: Partial<AuditedSheet> = {};
  if (was.status !== now.status) {
    before.status = was.status;
    after.status = now.status;
  }
  for (const [code, value] of Object.entries(now.scores)) {
    const old = was.scores[code] ?? null;
    if (old === value) continue;
    (before.scores ??= {})[code] = old;
    (after.scores ??= {})[code] = value;
  }
  for (const [code, note] of Object.entries(now.notes)) {
    const old = was.notes[code] ?? "";
    if (old === note) continue;
    (before.notes ??= {})[code] = old;
    (after.notes ??= {})[code] = note;
  }
  if (was.comment !== now.comment) {
    before.comment = was.comment;
    after.comment = now.comment;
  }
  return { before, after };
}

/**
 * A full disk (or a failing one, or a database that only reads) answers with these codes; the
 * save is then not made. SQLite's, and PostgreSQL's SQLSTATEs for the same: disk_full 53100,
 * io_error 58030, read_only_sql_transaction 25006 (a standby).
 */
const PG_STORAGE_FAILURES = new Set(["53100", "58030", "25006"]);
function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    (code === "SQLITE_FULL" ||
      code.startsWith("SQLITE_IOERR") ||
      code === "SQLITE_READONLY" ||
      PG_STORAGE_FAILURES.has(code))
  );
}

/**
 * Saves (or submits) a judge's sheet in one transaction (on SQLite, a savepoint of a transaction
 * shared with the saves that arrived with it: `saveTransaction`): check, write, record.
 * - A key already answered returns the stored answer: a resent POST saves nothing twice.
 * - The sheet moves from the form's version to the next version only if nobody saved in between
 *   (a conditional update); otherwise the current server state comes back for the judge to choose.
 * - Submission, and every change to a sheet the chair reopened, go to the audit log: what the save
 *   changed, before and after (a submission also the whole submitted sheet).
 * - A save in a session begun with a password a chair or an admin issued is marked: always
 *   audited, with `issuedPasswordSession: true`, and the sheet keeps the time of the last such
 *   save for the chair and the judge to see (docs/security.md).
 * - A full disk fails the whole save and reports `storage`; nothing is half-written.
 */
export async function saveSheet(
  actor: Actor & { id: number },
  slug: string,
  code: string,
  form: { values: SheetValues; repeated: string[] },
  session: SaveSession,
): Promise<SaveOutcome> {
  const { timing } = session;
  try {
    return await runAgainIfOvertaken(async () => {
      timing?.start();
      const outcome = await saveTransaction((trx) => {
        // waiting for the connection (SQLite has one), BEGIN, the saves before it in its group
        timing?.lap("wait");
        return saveIn(actor, slug, code, form, session, trx);
      });
      timing?.lap("commit");
      return outcome;
    });
  } catch (error) {
    if (isStorageFailure(error)) return { status: "storage" };
    throw error;
  }
}

const commitGroups = new WeakMap<Kysely<Database>, CommitGroup<Database>>();

/**
 * A save's transaction: on SQLite, saves that arrive together share one COMMIT, each in a
 * savepoint of its own (db/commit-group.ts): one fsync for the group rather than one per save,
 * and still nothing answered before it is on disk. On PostgreSQL, a transaction of its own.
 */
function saveTransaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
  const db = getDb();
  if (isPostgres(db)) return db.transaction().execute(work);
  let group = commitGroups.get(db);
  if (!group) commitGroups.set(db, (group = commitGroup(db)));
  return group.run(work);
}

/**
 * What `saveSheet` would answer, without writing: the same checks in a transaction of their own.
 * The plain form's confirmation page uses it before the judge confirms a submission; `ready`
 * means the save would go through as it stands.
 */
export async function checkSheetSave(
  judgeId: number,
  slug: string,
  code: string,
  form: { values: SheetValues; repeated: string[] },
): Promise<SaveOutcome | { status: "ready" }> {
  const checked = await getDb()
    .transaction()
    .execute((trx) => checkSave(judgeId, slug, code, form, trx));
  return checked.answer ?? { status: "ready" };
}

/** What the save needs to know about the session it comes from. */
export interface SaveSession {
  /** the session began with a password a chair or an admin issued */
  issuedPassword: boolean;
  /** where the save's time goes, when the request is being timed (docs/performance.md) */
  timing?: ServerTiming;
}

async function saveIn(
  actor: Actor & { id: number },
  slug: string,
  code: string,
  form: { values: SheetValues; repeated: string[] },
  session: SaveSession,
  trx: Executor,
): Promise<SaveOutcome> {
  const { timing } = session;
  const checked = await checkSave(actor.id, slug, code, form, trx, timing);
  if (checked.answer) return checked.answer;
  const { plan } = checked;
  const saved: SavedOutcome = {
    status: "saved",
    version: plan.before.version + 1,
    sheetStatus: plan.request.intent === "submit" ? "submitted" : "draft",
    savedAt: nowIso(),
    replayed: false,
  };
  const sheetId = await writeSheet(plan, saved, session, trx);
  // never inside SQLite's single writer; on PostgreSQL the conditional update is the guard
  if (sheetId === null) throw new Overtaken();
  timing?.lap("scores");
  await recordSave(actor, plan, saved, sheetId, session, trx);
  timing?.lap("audit");
  await rememberAnswer(plan, saved, sheetId, trx);
  timing?.lap("key");
  return partly(saved, plan.refused);
}

/** A draft saved without its refused fields answers `invalid`, with the version it saved. */
function partly(saved: SavedOutcome, refused: SheetErrors): SaveOutcome {
  if (Object.keys(refused).length === 0) return saved;
  const { version, savedAt, replayed } = saved;
  return { status: "invalid", errors: refused, saved: { version, savedAt, replayed } };
}

/** A save that passed every check: what it is written against. */
interface SavePlan {
  judgeId: number;
  access: SheetAccess;
  indicators: IndicatorRow[];
  /** what is written: a draft's refused fields already hold the stored values */
  request: ValidSave;
  /** a draft's fields that failed their check, kept as stored (their messages, by field) */
  refused: SheetErrors;
  /** the sheet as it stood when checked */
  before: StoredSheet;
}

/**
 * The save's checks, in the order of decision 005: access, the form against the competition's
 * indicators (both read here, in the save's own transaction, so nothing can change between the
 * check and the write), the one-time key (decision 006), the competition's status, the version.
 * Either the answer (the save stops here: refused or replayed) or the plan to write. A draft with
 * some fields refused saves the others; when they change nothing, nothing is written.
 */
async function checkSave(
  judgeId: number,
  slug: string,
  code: string,
  form: { values: SheetValues; repeated: string[] },
  trx: Executor,
  timing?: ServerTiming,
): Promise<{ answer: SaveOutcome; plan?: undefined } | { answer?: undefined; plan: SavePlan }> {
  const access = await findAccess(judgeId, slug, code, trx);
  if (!access) return { answer: { status: "notFound" } };
  const indicators = await readIndicators(access.competitionId, trx);
  timing?.lap("access");
  const parsed = parseSheet(
    indicators.map((i) => ({ code: i.code, min: i.min_score, max: i.max_score })),
    form.values,
  );
  if (!parsed.ok || form.repeated.length > 0) {
    const errors = parsed.ok ? {} : { ...parsed.errors };
    // a field sent twice is ambiguous: which score did the judge mean?
    for (const key of form.repeated) (errors[key] ??= []).push("error.repeated");
    return { answer: { status: "invalid", errors } };
  }
  const { data, refused } = parsed;
  timing?.lap("validate");
  // The sheet is read before the key: on PostgreSQL each statement sees what was committed when
  // it began, so a sheet already changed by the same request sent twice (its version moved on)
  // is always followed by a key lookup that sees that request's answer, and answers a replay
  // instead of a conflict. (Read the other way round, the key could be missed just before the
  // first copy committed, and the sheet seen just after.)
  const before = await readSheet(access.entryId, judgeId, trx);
  const replay = await answerOf(data.key, judgeId, trx);
  timing?.lap("sheet");
  // the same request checks the same way: its refused fields are those of the first answer
  if (replay) return { answer: replay.status === "saved" ? partly(replay, refused) : replay };
  if (access.competitionStatus !== "scoring") return { answer: { status: "closed" } };
  if (before.version !== data.version) {
    return { answer: { status: "conflict", current: stateOf(before) } };
  }
  if (before.status === "submitted") return { answer: { status: "locked" } };
  const content = withStoredFields(data, refused, before);
  if (Object.keys(refused).length > 0 && sameContent(content, before))
    return { answer: { status: "invalid", errors: refused } };
  return {
    plan: { judgeId, access, indicators, request: { ...data, ...content }, refused, before },
  };
}

/**
 * The indicators a save is checked against and writes, in the sheet's order: those of the stage
 * open for scoring, the ones the judge's sheet shows (an earlier or later stage's are not asked).
 */
async function readIndicators(competitionId: number, trx: Executor) {
  return sheetIndicators.rows(trx, { competitionId });
}

const sheetIndicators = prepare((db, p: { competitionId: number }) =>
  db
    .selectFrom("indicators as i")
    .innerJoin("components as c", "c.id", "i.component_id")
    .select(["i.id", "i.code", "i.min_score", "i.max_score"])
    .where("i.competition_id", "=", p.competitionId)
    .where("c.stage_id", "=", currentStage(p.competitionId))
    .orderBy("c.position")
    .orderBy("i.position")
    .orderBy("i.id"),
);

type IndicatorRow = Awaited<ReturnType<typeof readIndicators>>[number];

/**
 * A saved answer as `save_requests.response_json` holds it: the facts of a `saved` outcome under
 * the names used when the table was made (migration 0003), so that every stored answer replays.
 */
interface StoredAnswer {
  kind: "saved";
  version: number;
  status: SavedOutcome["sheetStatus"];
  savedAt: string;
  replayed: false;
}

const answerQuery = prepare((db, p: { key: string }) =>
  db.selectFrom("save_requests").select(["judge_id", "response_json"]).where("key", "=", p.key),
);

/** The answer already given to this key: replayed for its judge, refused for anybody else. */
async function answerOf(key: string, judgeId: number, trx: Executor): Promise<SaveOutcome | null> {
  const answered = await answerQuery.first(trx, { key });
  if (!answered) return null;
  if (answered.judge_id !== judgeId) return { status: "keyReused" };
  const stored = JSON.parse(answered.response_json) as StoredAnswer;
  return {
    status: "saved",
    version: stored.version,
    sheetStatus: stored.status,
    savedAt: stored.savedAt,
    replayed: true,
  };
}

/**
 * Writes a checked save: the sheet row moves to `saved.version` (a conditional update from the
 * checked version), then its scores. The sheet's id, or null when the row had moved meanwhile.
 */
async function writeSheet(
  plan: SavePlan,
  saved: SavedOutcome,
  session: SaveSession,
  trx: Executor,
): Promise<number | null> {
  const { before, request } = plan;
  const now = saved.savedAt;
  const row = {
    status: saved.sheetStatus,
    version: saved.version,
    comment: request.comment,
    submitted_at: saved.sheetStatus === "submitted" ? now : null,
    updated_at: now,
    issued_password_saved_at: session.issuedPassword ? now : before.issuedPasswordSavedAt,
  };
  let sheetId = before.id;
  if (sheetId === null) {
    ({ id: sheetId } = await trx
      .insertInto("score_sheets")
      .values({ entry_id: plan.access.entryId, judge_id: plan.judgeId, created_at: now, ...row })
      .returning("id")
      .executeTakeFirstOrThrow());
  } else {
    // a draft saved again leaves its status alone: naming the column would run the trigger that
    // carries a status into sheet_points (0006) on every autosave, for nothing
    const { status, submitted_at, ...always } = row;
    const where = { id: sheetId, checkedVersion: request.version };
    const updated =
      status === before.status
        ? await updateDraft.changed(trx, { ...always, ...where })
        : await updateSheetStatus.changed(trx, { ...always, status, submitted_at, ...where });
    if (updated !== 1) return null;
  }
  await writeScores(sheetId, plan, trx);
  return sheetId;
}

/** What a save writes to its sheet's row, and the row it moves: the checked version's. */
type SheetUpdate = {
  id: number;
  checkedVersion: number;
  version: number;
  comment: string;
  updated_at: string;
  issued_password_saved_at: string | null;
  status?: SheetStatus;
  submitted_at?: string | null;
};

/**
 * A draft's row moves from the checked version to the next: its status as it was (an autosave),
 * or a new one with its time (a submission).
 */
function prepareSheetUpdate(newStatus: boolean) {
  return prepare((db, p: SheetUpdate) =>
    db
      .updateTable("score_sheets")
      .set({
        version: p.version,
        comment: p.comment,
        updated_at: p.updated_at,
        issued_password_saved_at: p.issued_password_saved_at,
        ...(newStatus ? { status: p.status, submitted_at: p.submitted_at } : {}),
      })
      .where("id", "=", p.id)
      .where("version", "=", p.checkedVersion)
      .where("status", "=", "draft"),
  );
}
const updateDraft = prepareSheetUpdate(false);
const updateSheetStatus = prepareSheetUpdate(true);

/** Every indicator the form carries, scored or not ("" = not scored yet), with its note. */
async function writeScores(sheetId: number, plan: SavePlan, trx: Executor): Promise<void> {
  const { scores, notes } = plan.request;
  const params: ScoreRows = { sheetId };
  let count = 0;
  for (const i of plan.indicators) {
    if (!Object.hasOwn(scores, i.code)) continue;
    params[`indicator${count}`] = i.id;
    params[`min${count}`] = i.min_score;
    params[`max${count}`] = i.max_score;
    params[`value${count}`] = scores[i.code] ?? null;
    params[`note${count}`] = notes[i.code] ?? "";
    count++;
  }
  if (count === 0) return;
  await scoreUpsert(count).changed(trx, params);
}

/** The rows of a score upsert, numbered from 0, as a prepared query's values. */
type ScoreRows = { sheetId: number } & {
  [k: `indicator${number}` | `min${number}` | `max${number}`]: number;
} & { [k: `value${number}`]: number | null } & { [k: `note${number}`]: string };

/** One prepared upsert for each number of rows a save writes (the stage's indicator count). */
const scoreUpserts = new Map<number, ReturnType<typeof prepareScoreUpsert>>();
function scoreUpsert(count: number) {
  let upsert = scoreUpserts.get(count);
  if (!upsert) scoreUpserts.set(count, (upsert = prepareScoreUpsert(count)));
  return upsert;
}

function prepareScoreUpsert(count: number) {
  return prepare((db, p: ScoreRows) =>
    db
      .insertInto("scores")
      .values(
        Array.from({ length: count }, (_, k) => ({
          sheet_id: p.sheetId,
          indicator_id: p[`indicator${k}`]!,
          min_score: p[`min${k}`]!,
          max_score: p[`max${k}`]!,
          value: p[`value${k}`] as number | null,
          note: p[`note${k}`]!,
        })),
      )
      // the autosave sends every field, and a judge changes one or two between saves: a score
      // left as it was is not written again, so its sheet_points triggers (three statements
      // each) stay idle
      .onConflict((oc) =>
        oc
          .columns(["sheet_id", "indicator_id"])
          .doUpdateSet((eb) => ({
            value: eb.ref("excluded.value"),
            note: eb.ref("excluded.note"),
          }))
          .where((eb) =>
            eb.or([
              eb("scores.value", "is distinct from", eb.ref("excluded.value")),
              eb("scores.note", "is distinct from", eb.ref("excluded.note")),
            ]),
          ),
      ),
  );
}

/**
 * The audit entry of a save, when it needs one: a submission, any save to a sheet the chair
 * reopened, any save in a session begun with an issued password. The log is append-only and
 * never shrinks: a save records only what it changed. A submission also records the whole
 * submitted sheet, the one the ranking reads (once per submission).
 */
async function recordSave(
  actor: Actor,
  plan: SavePlan,
  saved: SavedOutcome,
  sheetId: number,
  session: SaveSession,
  trx: Executor,
): Promise<void> {
  const { access, before, request } = plan;
  const submit = saved.sheetStatus === "submitted";
  if (!submit && before.reopenedAt === null && !session.issuedPassword) return;
  const after: AuditedSheet = {
    status: saved.sheetStatus,
    scores: request.scores,
    notes: request.notes,
    comment: request.comment,
  };
  const changes = sheetChanges(before, after);
  await recordAudit(
    {
      actor,
      competitionId: access.competitionId,
      entityType: "score_sheet",
      entityId: sheetId,
      action: submit ? "submit" : "update",
      before: before.id === null ? undefined : changes.before,
      after: {
        ...(submit ? after : changes.after),
        library: access.code,
        version: saved.version,
        ...(session.issuedPassword ? { issuedPasswordSession: true } : {}),
      },
    },
    trx,
  );
}

/** Stores the answer under its key (decision 006), and forgets keys older than 14 days. */
async function rememberAnswer(
  plan: SavePlan,
  saved: SavedOutcome,
  sheetId: number,
  trx: Executor,
): Promise<void> {
  const stored: StoredAnswer = {
    kind: "saved",
    version: saved.version,
    status: saved.sheetStatus,
    savedAt: saved.savedAt,
    replayed: false,
  };
  await forgetKeys.changed(trx, { before: addSeconds(saved.savedAt, -SAVE_KEY_DAYS * 86400) });
  await storeAnswer.changed(trx, {
    key: plan.request.key,
    judge_id: plan.judgeId,
    sheet_id: sheetId,
    response_json: JSON.stringify(stored),
    created_at: saved.savedAt,
  });
}

const forgetKeys = prepare((db, p: { before: string }) =>
  db.deleteFrom("save_requests").where("created_at", "<", p.before),
);

const storeAnswer = prepare(
  (
    db,
    p: {
      key: string;
      judge_id: number;
      sheet_id: number;
      response_json: string;
      created_at: string;
    },
  ) =>
    db.insertInto("save_requests").values({
      key: p.key,
      judge_id: p.judge_id,
      sheet_id: p.sheet_id,
      response_json: p.response_json,
      created_at: p.created_at,
    }),
);

export interface ChairSheetRow {
  sheetId: number | null;
  entryId: number;
  code: string;
  library: string;
  judgeId: number;
  judge: string;
  status: SheetStatus | "new";
  scored: number;
  submittedAt: string | null;
  updatedAt: string | null;
  reopenReason: string | null;
  /** set aside: the judge's conflict with the library was confirmed (when), so it never counts */
  setAsideAt: string | null;
  /** the last save made in a session begun with a password a chair or an admin issued */
  issuedPasswordSavedAt: string | null;
}

/** Every assigned sheet of a competition, for the chair (no scores: the chair reopens, not edits). */
export async function listSheets(competitionId: number): Promise<ChairSheetRow[]> {
  const rows = await getDb()
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("users as u", "u.id", "a.judge_id")
    .leftJoin("score_sheets as s", (j) =>
      j
        .onRef("s.entry_id", "=", "a.entry_id")
        .onRef("s.judge_id", "=", "a.judge_id")
        .onRef("s.stage_id", "=", "a.stage_id"),
    )
    .leftJoin("conflicts as k", (j) =>
      j
        .onRef("k.judge_id", "=", "a.judge_id")
        .onRef("k.library_id", "=", "e.library_id")
        .on(isConfirmedConflict("k")),
    )
    .select((eb) => [
      "s.id as sheetId",
      "e.id as entryId",
      "l.code",
      "l.name as library",
      "u.id as judgeId",
      "u.name as judge",
      "s.status",
      "s.submitted_at as submittedAt",
      "s.updated_at as updatedAt",
      "s.reopen_reason as reopenReason",
      "k.created_at as setAsideAt",
      "s.issued_password_saved_at as issuedPasswordSavedAt",
      eb
        .selectFrom("scores as sc")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("sc.sheet_id", "=", "s.id")
        .where("sc.value", "is not", null)
        .as("scored"),
    ])
    .where("e.competition_id", "=", competitionId)
    .where("a.stage_id", "=", currentStage(competitionId))
    .where(activeEntry("e"))
    .orderBy("l.name")
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({
    ...r,
    status: r.status ?? "new",
    scored: Number(r.scored ?? 0),
  }));
}

/** How many indicators a competition's sheets have (the "of m" in "n of m scored"). */
export async function countIndicators(competitionId: number): Promise<number> {
  const row = await getDb()
    .selectFrom("indicators")
    .select(sql<number>`count(*)`.as("n"))
    .where("competition_id", "=", competitionId)
    .where("component_id", "in", (eb) =>
      eb.selectFrom("components").select("id").where("stage_id", "=", currentStage(competitionId)),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ReopenResult = Result;

/** The chair sends a submitted sheet back to its judge, with a reason; audited. */
export async function reopenSheet(
  actor: Actor,
  competitionId: number,
  sheetId: number,
  reason: string,
): Promise<ReopenResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const sheet = await trx
        .selectFrom("score_sheets as s")
        .innerJoin("entries as e", "e.id", "s.entry_id")
        .innerJoin("competitions as c", "c.id", "e.competition_id")
        .innerJoin("libraries as l", "l.id", "e.library_id")
        .select([
          "s.id",
          "s.status",
          "s.version",
          "s.judge_id",
          "c.status as competitionStatus",
          "l.code",
        ])
        .where("s.id", "=", sheetId)
        .where("e.competition_id", "=", competitionId)
        .where("s.stage_id", "=", currentStage(competitionId))
        .executeTakeFirst();
      if (!sheet) return refuse("error.404");
      if (sheet.competitionStatus !== "scoring") return refuse("scoring.reopen.notScoring");
      if (sheet.status !== "submitted") return refuse("scoring.reopen.notSubmitted");
      const now = nowIso();
      await trx
        .updateTable("score_sheets")
        .set({
          status: "draft",
          submitted_at: null,
          version: sheet.version + 1,
          reopened_at: now,
          reopen_reason: reason,
          updated_at: now,
        })
        .where("id", "=", sheetId)
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "score_sheet",
          entityId: sheetId,
          action: "reopen",
          reason,
          before: { status: "submitted", version: sheet.version },
          after: {
            status: "draft",
            version: sheet.version + 1,
            judgeId: sheet.judge_id,
            library: sheet.code,
          },
        },
        trx,
      );
      return { ok: true } as const;
    });
}
