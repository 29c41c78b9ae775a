import type { Executor } from "../../db/schema";
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

export async function listPanel(competitionId: number): Promise<PanelJudge[]> {
  const db = getDb();
  const ids = await panelIds(competitionId, db);
  if (ids.length === 0) return [];
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "village", "district", "institution", "active"])
    .where("id", "in", ids)
    .orderBy("name")
    .execute();
  const loads = await db
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .select(["a.judge_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"))
    .groupBy("a.judge_id")
    .execute();
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

async function hasSheet(entryId: number, judgeId: number, trx: Executor): Promise<boolean> {
  const sheet = await trx
    .selectFrom("score_sheets")
    .select("id")
    .where("entry_id", "=", entryId)
    .where("judge_id", "=", judgeId)
    .executeTakeFirst();
  return sheet !== undefined;
}

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
 * The one path every assignment takes (form, "assign all", balanced, competition file): it
 * refuses a conflicted judge, puts the judge on the panel, and records the change.
 */
export async function assignIn(
  actor: Actor,
  competitionId: number,
  entryId: number,
  judgeId: number,
  trx: Executor,
): Promise<AssignOutcome> {
  const entry = await trx
    .selectFrom("entries")
    .select(["id", "status"])
    .where("id", "=", entryId)
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!entry || entry.status !== "active") return "inactiveEntry";
  if (await isConflictedWithEntry(judgeId, entryId, trx)) return "conflict";
  const existing = await trx
    .selectFrom("judge_assignments")
    .select("id")
    .where("entry_id", "=", entryId)
    .where("judge_id", "=", judgeId)
    .where("stage_id", "=", currentStage(competitionId))
    .executeTakeFirst();
  if (existing) return "exists";
  if (!(await addToPanelIn(actor, competitionId, judgeId, trx))) return "notJudge";
  await trx
    .insertInto("judge_assignments")
    .values({ entry_id: entryId, judge_id: judgeId, created_at: nowIso() })
    .execute();
  await recordAudit(
    {
      actor,
      competitionId,
      entityType: "assignment",
      entityId: `${entryId}:${judgeId}`,
      action: "assign",
    },
    trx,
  );
  return "assigned";
}

async function unassignIn(
  actor: Actor,
  competitionId: number,
  entryId: number,
  judgeId: number,
  trx: Executor,
): Promise<boolean> {
  if (await hasSheet(entryId, judgeId, trx)) return false;
  await trx
    .deleteFrom("judge_assignments")
    .where("entry_id", "=", entryId)
    .where("judge_id", "=", judgeId)
    .execute();
  await recordAudit(
    {
      actor,
      competitionId,
      entityType: "assignment",
      entityId: `${entryId}:${judgeId}`,
      action: "unassign",
    },
    trx,
  );
  return true;
}

export interface AssignmentMatrix {
  entries: { id: number; code: string; name: string; judges: number }[];
  judges: PanelJudge[];
  /** "entryId:judgeId" */
  assigned: string[];
  conflicted: string[];
  withSheet: string[];
}

export async function getAssignmentMatrix(competitionId: number): Promise<AssignmentMatrix> {
  const db = getDb();
  const judges = await listPanel(competitionId);
  const entries = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["e.id", "e.library_id", "l.code", "l.name"])
    .where("e.competition_id", "=", competitionId)
    .where(activeEntry("e"))
    .orderBy("l.name")
    .execute();
  const assigned = await db
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .select(["a.entry_id", "a.judge_id"])
    .where("e.competition_id", "=", competitionId)
    .execute();
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

/**
 * Makes the assignments of this competition's active entries to its panel exactly `wanted`
 * ("entryId:judgeId" pairs), the per-entry form of the judges page.
 */
export async function saveAssignments(
  actor: Actor,
  competitionId: number,
  wanted: Set<string>,
): Promise<AssignmentResult> {
  const matrix = await getAssignmentMatrix(competitionId);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!assignable(await statusOf(competitionId, trx)))
        return refuse("setup.error.assignmentsLocked");
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
            const outcome = await assignIn(actor, competitionId, e.id, j.id, trx);
            if (outcome === "assigned") out.added++;
            else if (outcome === "conflict")
              out.refused.push({
                entryId: e.id,
                judgeId: j.id,
                reason: "conflict",
              });
          } else if (!wanted.has(k) && current.has(k)) {
            if (await unassignIn(actor, competitionId, e.id, j.id, trx)) out.removed++;
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

/** Every panel judge to every active entry, skipping conflicts of interest. */
export async function assignAll(actor: Actor, competitionId: number): Promise<AssignmentResult> {
  const matrix = await getAssignmentMatrix(competitionId);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!assignable(await statusOf(competitionId, trx)))
        return refuse("setup.error.assignmentsLocked");
      const out = report();
      for (const e of matrix.entries) {
        for (const j of matrix.judges) {
          if (!j.active) continue;
          const outcome = await assignIn(actor, competitionId, e.id, j.id, trx);
          if (outcome === "assigned") out.added++;
          else if (outcome === "conflict")
            out.refused.push({
              entryId: e.id,
              judgeId: j.id,
              reason: "conflict",
            });
        }
      }
      return out;
    });
}

/**
 * Tops every active entry up to `perEntry` judges from the panel, spreading the load: each slot
 * goes to the eligible judge with the fewest entries so far (ties by name). Entries with the
 * fewest eligible judges are served first, so conflicts do not starve them. Existing assignments
 * are kept.
 */
export async function assignBalanced(
  actor: Actor,
  competitionId: number,
  perEntry: number,
): Promise<AssignmentResult> {
  const matrix = await getAssignmentMatrix(competitionId);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!assignable(await statusOf(competitionId, trx)))
        return refuse("setup.error.assignmentsLocked");
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
          const outcome = await assignIn(actor, competitionId, e.id, pick.id, trx);
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
