import type { Competition, Executor, Stage } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { panelIds } from "./competitions.server";
import { isConflictedWithEntry } from "./conflicts.server";
import { activeEntry, currentStage, isConfirmedConflict } from "./query.server";
import { refuse, type Refusal, type Result } from "~/lib/forms";

export interface PanelJudge {
  id: number;
  name: string;
  email: string;
  village: string;
  district: string;
  institution: string;
  active: boolean;
  /** entries of this competition assigned to the judge */
  load: number;
}

async function statusOf(competitionId: number, db: Executor) {
  const c = await db
    .selectFrom("competitions")
    .select("status")
    .where("id", "=", competitionId)
    .executeTakeFirstOrThrow();
  return c.status;
}

/** Judges are assigned while the competition is being prepared or scored, not after. */
function assignable(status: string): boolean {
  return status === "draft" || status === "scoring";
}

/** The panel; `load` counts assignments in `stageId` when given, else in every stage. */
export async function listPanel(
  competitionId: number,
  stageId?: number,
  db: Executor = getDb(),
): Promise<PanelJudge[]> {
  const ids = await panelIds(competitionId, db);
  if (ids.length === 0) return [];
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "village", "district", "institution", "active"])
    .where("id", "in", ids)
    .orderBy("name")
    .execute();
  let loadQuery = db
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .select(["a.judge_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"));
  if (stageId !== undefined) loadQuery = loadQuery.where("a.stage_id", "=", stageId);
  const loads = await loadQuery.groupBy("a.judge_id").execute();
  return users.map((u) => ({
    ...u,
    active: u.active === 1,
    load: Number(loads.find((l) => l.judge_id === u.id)?.n ?? 0),
  }));
}

/** Active judge accounts not yet on this competition's panel. */
export async function listJudgesOffPanel(competitionId: number) {
  const db = getDb();
  const ids = await panelIds(competitionId, db);
  let q = db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("role", "=", "judge")
    .where("active", "=", 1)
    .orderBy("name");
  if (ids.length > 0) q = q.where("id", "not in", ids);
  return q.execute();
}

export async function addToPanelIn(
  actor: Actor,
  competitionId: number,
  judgeId: number,
  trx: Executor,
): Promise<boolean> {
  const judge = await trx
    .selectFrom("users")
    .select(["id", "role"])
    .where("id", "=", judgeId)
    .executeTakeFirst();
  if (!judge || judge.role !== "judge") return false;
  const result = await trx
    .insertInto("competition_judges")
    .values({
      competition_id: competitionId,
      judge_id: judgeId,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(["competition_id", "judge_id"]).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) {
    await recordAudit(
      {
        actor,
        competitionId,
        entityType: "panel",
        entityId: judgeId,
        action: "add",
      },
      trx,
    );
  }
  return true;
}

export async function addToPanel(
  actor: Actor,
  competitionId: number,
  judgeIds: number[],
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!assignable(await statusOf(competitionId, trx)))
        return refuse("setup.error.assignmentsLocked");
      // every id must be a judge account, or nothing is added
      const judges = await trx
        .selectFrom("users")
        .select("id")
        .where("id", "in", judgeIds)
        .where("role", "=", "judge")
        .execute();
      if (judges.length !== new Set(judgeIds).size) return refuse("setup.error.notAJudge");
      for (const id of judgeIds) await addToPanelIn(actor, competitionId, id, trx);
      return { ok: true } as const;
    });
}

/** The judge has opened a sheet for the entry: in `stageId` when given, else in any stage. */
async function hasSheet(
  entryId: number,
  judgeId: number,
  trx: Executor,
  stageId?: number,
): Promise<boolean> {
  let q = trx
    .selectFrom("score_sheets")
    .select("id")
    .where("entry_id", "=", entryId)
    .where("judge_id", "=", judgeId);
  if (stageId !== undefined) q = q.where("stage_id", "=", stageId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * The stage an assignment belongs to, as the audit log names it: its code is written down only
 * when the competition has more than one stage (a one-stage competition shows no stage wording).
 */
export interface StageRef {
  id: number;
  code: string;
  /** the competition has more than one stage */
  named: boolean;
}

/** The stage `stageId` of the competition, or the stage open for scoring; undefined: not its. */
export async function stageRef(
  competitionId: number,
  stageId: number | undefined,
  db: Executor,
): Promise<StageRef | undefined> {
  const stages = await db
    .selectFrom("stages")
    .select(["id", "code"])
    .where("competition_id", "=", competitionId)
    .execute();
  const id =
    stageId ??
    (
      await db
        .selectFrom("competitions")
        .select(currentStage(competitionId).as("stage"))
        .where("id", "=", competitionId)
        .executeTakeFirst()
    )?.stage;
  const stage = stages.find((st) => st.id === id);
  return stage && { id: stage.id, code: stage.code, named: stages.length > 1 };
}

const stageNote = (stage: StageRef) => (stage.named ? { after: { stage: stage.code } } : {});

/** Takes a judge off the panel with their assignments, unless they have already opened a sheet. */
export async function removeFromPanel(
  actor: Actor,
  competitionId: number,
  judgeId: number,
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!assignable(await statusOf(competitionId, trx)))
        return refuse("setup.error.assignmentsLocked");
      const assigned = await trx
        .selectFrom("judge_assignments as a")
        .innerJoin("entries as e", "e.id", "a.entry_id")
        .select(["a.id", "a.entry_id"])
        .where("e.competition_id", "=", competitionId)
        .where("a.judge_id", "=", judgeId)
        .execute();
      for (const a of assigned) {
        if (await hasSheet(a.entry_id, judgeId, trx)) return refuse("setup.error.judgeHasSheets");
      }
      for (const a of assigned)
        await trx.deleteFrom("judge_assignments").where("id", "=", a.id).execute();
      await trx
        .deleteFrom("competition_judges")
        .where("competition_id", "=", competitionId)
        .where("judge_id", "=", judgeId)
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "panel",
          entityId: judgeId,
          action: "remove",
          after: { unassigned: assigned.length },
        },
        trx,
      );
      return { ok: true } as const;
    });
}

export type AssignOutcome = "assigned" | "exists" | "conflict" | "notJudge" | "inactiveEntry";

/**
 * The one path every assignment takes (form, "assign all", balanced, teams, competition file): it
 * refuses a conflicted judge (a conflict holds in every stage), puts the judge on the panel, and
 * records the change. The assignment is in `stage`, by default the stage open for scoring.
 */
export async function assignIn(
  actor: Actor,
  competitionId: number,
  entryId: number,
  judgeId: number,
  trx: Executor,
  stage?: StageRef,
): Promise<AssignOutcome> {
  const entry = await trx
    .selectFrom("entries")
    .select(["id", "status"])
    .where("id", "=", entryId)
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!entry || entry.status !== "active") return "inactiveEntry";
  if (await isConflictedWithEntry(judgeId, entryId, trx)) return "conflict";
  const at = stage ?? (await stageRef(competitionId, undefined, trx));
  if (!at) throw new Error(`competition ${competitionId} has no stage open for scoring`);
  const existing = await trx
    .selectFrom("judge_assignments")
    .select("id")
    .where("entry_id", "=", entryId)
    .where("judge_id", "=", judgeId)
    .where("stage_id", "=", at.id)
    .executeTakeFirst();
  if (existing) return "exists";
  if (!(await addToPanelIn(actor, competitionId, judgeId, trx))) return "notJudge";
  await trx
    .insertInto("judge_assignments")
    .values({ entry_id: entryId, judge_id: judgeId, stage_id: at.id, created_at: nowIso() })
    .execute();
  await recordAudit(
    {
      actor,
      competitionId,
      entityType: "assignment",
      entityId: `${entryId}:${judgeId}`,
      action: "assign",
      ...stageNote(at),
    },
    trx,
  );
  return "assigned";
}

/**
 * Takes the assignment in `stage` away, unless the judge has opened that stage's sheet for the
 * entry (then it stays: the sheet is on record). Other stages' assignments are not touched.
 */
async function unassignIn(
  actor: Actor,
  competitionId: number,
  entryId: number,
  judgeId: number,
  stage: StageRef,
  trx: Executor,
): Promise<boolean> {
  if (await hasSheet(entryId, judgeId, trx, stage.id)) return false;
  await trx
    .deleteFrom("judge_assignments")
    .where("entry_id", "=", entryId)
    .where("judge_id", "=", judgeId)
    .where("stage_id", "=", stage.id)
    .execute();
  await recordAudit(
    {
      actor,
      competitionId,
      entityType: "assignment",
      entityId: `${entryId}:${judgeId}`,
      action: "unassign",
      ...stageNote(stage),
    },
    trx,
  );
  return true;
}

/**
 * A scored stage as the judges page shows it. Each stage has its own assignments (its teams);
 * an admin stage has no judges and is not offered.
 */
export interface JudgesStage {
  id: number;
  code: string;
  name: string;
  position: number;
  /** the stage open for scoring */
  current: boolean;
  /** closed (its shortlist is written): its assignments are only shown */
  closed: boolean;
  /** a later stage, not open yet: its shortlist is not known, every entry still in the running shows */
  ahead: boolean;
}

export interface JudgesStages {
  /** the competition has more than one stage (one stage: no stage wording) */
  several: boolean;
  /** the scored stages, in order */
  stages: JudgesStage[];
  /** the one shown and edited */
  stage: JudgesStage;
}

/**
 * The scored stages of a competition and the one the judges page works on: `code` when given
 * (undefined: no such scored stage), else the stage open for scoring (when that is an admin
 * stage, the next scored one).
 */
export async function judgesStages(
  c: Pick<Competition, "id" | "current_stage">,
  code: string | null,
  db: Executor = getDb(),
): Promise<JudgesStages | undefined> {
  const all: Stage[] = await db
    .selectFrom("stages")
    .selectAll()
    .where("competition_id", "=", c.id)
    .orderBy("position")
    .execute();
  const stages = all
    .filter((st) => st.kind !== "admin")
    .map((st) => ({
      id: st.id,
      code: st.code,
      name: st.name,
      position: st.position,
      current: st.position === c.current_stage,
      closed: st.closed_at !== null || st.position < c.current_stage,
      ahead: st.position > c.current_stage,
    }));
  const stage =
    code === null
      ? (stages.find((st) => st.position >= c.current_stage) ?? stages[stages.length - 1])
      : stages.find((st) => st.code === code);
  return stage && { several: all.length > 1, stages, stage };
}

/**
 * The entries in a stage: the active entries that went on from the last stage closed before it
 * (its shortlist, `stage_results.advanced`); before any cut, every active entry. For a stage not
 * open yet this is everyone still in the running.
 */
async function entryIdsInStage(
  competitionId: number,
  stageId: number,
  db: Executor,
): Promise<Set<number> | null> {
  const stage = await db
    .selectFrom("stages")
    .select("position")
    .where("id", "=", stageId)
    .executeTakeFirstOrThrow();
  const before = await db
    .selectFrom("stages as s")
    .select("s.id")
    .where("s.competition_id", "=", competitionId)
    .where("s.position", "<", stage.position)
    .where("s.closed_at", "is not", null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("stage_results as r").select("r.entry_id").whereRef("r.stage_id", "=", "s.id"),
      ),
    )
    .orderBy("s.position", "desc")
    .executeTakeFirst();
  if (!before) return null;
  const went = await db
    .selectFrom("stage_results")
    .select("entry_id")
    .where("stage_id", "=", before.id)
    .where("advanced", "=", 1)
    .execute();
  return new Set(went.map((r) => r.entry_id));
}

export interface AssignmentMatrix {
  entries: { id: number; code: string; name: string; judges: number }[];
  judges: PanelJudge[];
  /** "entryId:judgeId" */
  assigned: string[];
  conflicted: string[];
  withSheet: string[];
}

/**
 * Who judges which entry in one stage (by default the stage open for scoring): the entries in
 * that stage, the panel with each judge's load there, that stage's assignments and opened
 * sheets, and the conflicts of interest (which hold in every stage).
 */
export async function getAssignmentMatrix(
  competitionId: number,
  stageId?: number,
  db: Executor = getDb(),
): Promise<AssignmentMatrix> {
  const stage = await stageRef(competitionId, stageId, db);
  if (!stage) throw new Error(`stage ${stageId} is not a stage of competition ${competitionId}`);
  const judges = await listPanel(competitionId, stage.id, db);
  const inStage = await entryIdsInStage(competitionId, stage.id, db);
  const entries = (
    await db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["e.id", "e.library_id", "l.code", "l.name"])
      .where("e.competition_id", "=", competitionId)
      .where(activeEntry("e"))
      .orderBy("l.name")
      .execute()
  ).filter((e) => inStage === null || inStage.has(e.id));
  const shown = new Set(entries.map((e) => e.id));
  const assigned = (
    await db
      .selectFrom("judge_assignments as a")
      .innerJoin("entries as e", "e.id", "a.entry_id")
      .select(["a.entry_id", "a.judge_id"])
      .where("e.competition_id", "=", competitionId)
      .where("a.stage_id", "=", stage.id)
      .execute()
  ).filter((a) => shown.has(a.entry_id));
  const conflicts = await db
    .selectFrom("conflicts as c")
    .innerJoin("entries as e", "e.library_id", "c.library_id")
    .select(["e.id as entry_id", "c.judge_id"])
    .where("e.competition_id", "=", competitionId)
    .where(isConfirmedConflict("c"))
    .execute();
  const sheets = await db
    .selectFrom("score_sheets as s")
    .innerJoin("entries as e", "e.id", "s.entry_id")
    .select(["s.entry_id", "s.judge_id"])
    .where("e.competition_id", "=", competitionId)
    .where("s.stage_id", "=", stage.id)
    .execute();
  const key = (r: { entry_id: number; judge_id: number }) => `${r.entry_id}:${r.judge_id}`;
  return {
    entries: entries.map((e) => ({
      id: e.id,
      code: e.code,
      name: e.name,
      judges: assigned.filter((a) => a.entry_id === e.id).length,
    })),
    judges,
    assigned: assigned.map(key),
    conflicted: conflicts.map(key),
    withSheet: sheets.map(key),
  };
}

export interface AssignmentReport {
  ok: true;
  added: number;
  removed: number;
  /** pairs refused: conflict of interest, or a sheet already opened */
  refused: {
    entryId: number;
    judgeId: number;
    reason: "conflict" | "hasSheet";
  }[];
  /** entries that could not reach the requested number of judges */
  short: { entryId: number; judges: number }[];
}

type AssignmentResult = AssignmentReport | Refusal;

function report(): AssignmentReport {
  return { ok: true, added: 0, removed: 0, refused: [], short: [] };
}

/** Assigns one pair and counts it in the report: added, or refused for a conflict of interest. */
async function assignCounted(
  out: AssignmentReport,
  actor: Actor,
  competitionId: number,
  entryId: number,
  judgeId: number,
  trx: Executor,
  stage: StageRef,
): Promise<void> {
  const outcome = await assignIn(actor, competitionId, entryId, judgeId, trx, stage);
  if (outcome === "assigned") out.added++;
  else if (outcome === "conflict") out.refused.push({ entryId, judgeId, reason: "conflict" });
}

/**
 * The checks every change of a stage's assignments starts with, in its transaction: the
 * competition takes assignments (draft or scoring) and the stage is not closed.
 */
async function editableStage(
  competitionId: number,
  stageId: number | undefined,
  trx: Executor,
): Promise<StageRef | Refusal> {
  if (!assignable(await statusOf(competitionId, trx)))
    return refuse("setup.error.assignmentsLocked");
  const stage = await stageRef(competitionId, stageId, trx);
  if (!stage) return refuse("error.invalid");
  const c = await trx
    .selectFrom("stages as s")
    .innerJoin("competitions as c", "c.id", "s.competition_id")
    .select(["s.kind", "s.closed_at", "s.position", "c.current_stage"])
    .where("s.id", "=", stage.id)
    .executeTakeFirstOrThrow();
  if (c.kind === "admin") return refuse("error.invalid");
  if (c.closed_at !== null || c.position < c.current_stage)
    return refuse("stageJudges.error.closed");
  return stage;
}

const isRefusal = (x: StageRef | Refusal): x is Refusal => "ok" in x;

/**
 * Makes the assignments of one stage (by default the stage open for scoring) between its entries
 * and the panel exactly `wanted` ("entryId:judgeId" pairs), the per-entry form of the judges page.
 * Other stages' assignments are not touched.
 */
export async function saveAssignments(
  actor: Actor,
  competitionId: number,
  wanted: Set<string>,
  stageId?: number,
): Promise<AssignmentResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const stage = await editableStage(competitionId, stageId, trx);
      if (isRefusal(stage)) return stage;
      const matrix = await getAssignmentMatrix(competitionId, stage.id, trx);
      // a pair naming an entry or judge that is not in this matrix is refused: the list is the
      // whole wanted state, and a stray pair must not read as "unassign everything else"
      const cells = new Set(
        matrix.entries.flatMap((e) => matrix.judges.map((j) => `${e.id}:${j.id}`)),
      );
      if ([...wanted].some((k) => !cells.has(k))) return refuse("error.invalid");
      const out = report();
      const current = new Set(matrix.assigned);
      for (const e of matrix.entries) {
        for (const j of matrix.judges) {
          const k = `${e.id}:${j.id}`;
          if (wanted.has(k) && !current.has(k)) {
            await assignCounted(out, actor, competitionId, e.id, j.id, trx, stage);
          } else if (!wanted.has(k) && current.has(k)) {
            if (await unassignIn(actor, competitionId, e.id, j.id, stage, trx)) out.removed++;
            else
              out.refused.push({
                entryId: e.id,
                judgeId: j.id,
                reason: "hasSheet",
              });
          }
        }
      }
      return out;
    });
}

/** Every active panel judge to every entry of the stage, skipping conflicts of interest. */
export async function assignAll(
  actor: Actor,
  competitionId: number,
  stageId?: number,
): Promise<AssignmentResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const stage = await editableStage(competitionId, stageId, trx);
      if (isRefusal(stage)) return stage;
      const matrix = await getAssignmentMatrix(competitionId, stage.id, trx);
      const out = report();
      for (const e of matrix.entries) {
        for (const j of matrix.judges) {
          if (!j.active) continue;
          await assignCounted(out, actor, competitionId, e.id, j.id, trx, stage);
        }
      }
      return out;
    });
}

/**
 * Splits the active panel into two teams (by name, the first half and the rest) and the stage's
 * entries into two halves (by name): the first team is assigned the first half, the second team
 * the rest, as when two visit teams each see half of the finalists. Conflicts are skipped;
 * existing assignments are kept.
 */
export async function assignTwoTeams(
  actor: Actor,
  competitionId: number,
  stageId?: number,
): Promise<AssignmentResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const stage = await editableStage(competitionId, stageId, trx);
      if (isRefusal(stage)) return stage;
      const matrix = await getAssignmentMatrix(competitionId, stage.id, trx);
      const judges = matrix.judges.filter((j) => j.active);
      if (judges.length < 2) return refuse("stageJudges.error.teamsTooFew");
      const teamSize = Math.ceil(judges.length / 2);
      const half = Math.ceil(matrix.entries.length / 2);
      const out = report();
      for (const [i, e] of matrix.entries.entries()) {
        const team = i < half ? judges.slice(0, teamSize) : judges.slice(teamSize);
        for (const j of team)
          await assignCounted(out, actor, competitionId, e.id, j.id, trx, stage);
      }
      return out;
    });
}

/**
 * Tops every entry of the stage up to `perEntry` judges from the panel, spreading the load: each
 * slot goes to the eligible judge with the fewest entries in the stage so far (ties by name).
 * Entries with the fewest eligible judges are served first, so conflicts do not starve them.
 * Existing assignments are kept.
 */
export async function assignBalanced(
  actor: Actor,
  competitionId: number,
  perEntry: number,
  stageId?: number,
): Promise<AssignmentResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const stage = await editableStage(competitionId, stageId, trx);
      if (isRefusal(stage)) return stage;
      const matrix = await getAssignmentMatrix(competitionId, stage.id, trx);
      const out = report();
      const judges = matrix.judges.filter((j) => j.active);
      const assigned = new Set(matrix.assigned);
      const conflicted = new Set(matrix.conflicted);
      const load = new Map(judges.map((j) => [j.id, j.load]));
      const eligible = (entryId: number) =>
        judges.filter(
          (j) => !assigned.has(`${entryId}:${j.id}`) && !conflicted.has(`${entryId}:${j.id}`),
        );
      const order = [...matrix.entries].sort(
        (a, b) => eligible(a.id).length - eligible(b.id).length || a.id - b.id,
      );
      for (const e of order) {
        let count = matrix.assigned.filter((k) => k.startsWith(`${e.id}:`)).length;
        while (count < perEntry) {
          const candidates = eligible(e.id).sort(
            (a, b) =>
              load.get(a.id)! - load.get(b.id)! || a.name.localeCompare(b.name) || a.id - b.id,
          );
          const pick = candidates[0];
          if (!pick) break;
          const outcome = await assignIn(actor, competitionId, e.id, pick.id, trx, stage);
          assigned.add(`${e.id}:${pick.id}`);
          if (outcome === "assigned" || outcome === "exists") {
            load.set(pick.id, load.get(pick.id)! + 1);
            count++;
            if (outcome === "assigned") out.added++;
          }
        }
        if (count < perEntry) out.short.push({ entryId: e.id, judges: count });
      }
      return out;
    });
}
