import { sql } from "kysely";
import type { Competition, Executor } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { Overtaken, runAgainIfOvertaken } from "~/lib/db-errors.server";
import { getDb } from "~/lib/db.server";
import { refuse, type FieldErrors, type Result } from "~/lib/forms";
import {
  localDayEnd,
  localDayStart,
  missingValues,
  valueField,
  windowState,
  type Claim,
  type FormClaim,
  type SelfAssessmentForm,
  type SelfAssessmentState,
  type WindowState,
} from "~/lib/self-assessment";
import { nowIso } from "~/lib/time";
import { sameCode } from "./query.server";

/**
 * The library's self-assessment (docs/decisions/012-self-assessment.md): the reported values the
 * chair asks for per indicator (`indicator_claims`), the library's form (`self_assessments`,
 * `claim_values`: a draft saved with a version, submitted inside the window, read-only after
 * unless the chair reopens it), the window, and the profile the library proposes for the
 * registry, accepted or rejected by the chair. Every change is audited on the entry.
 */

// ---- Claims ------------------------------------------------------------------------------------

/** Every claim of a competition, in the order of its stages, components and indicators. */
export async function listClaims(
  competitionId: number,
  db: Executor = getDb(),
): Promise<(FormClaim & { indicatorId: number })[]> {
  const rows = await db
    .selectFrom("indicator_claims as ic")
    .innerJoin("indicators as i", "i.id", "ic.indicator_id")
    .innerJoin("components as k", "k.id", "i.component_id")
    .innerJoin("stages as s", "s.id", "k.stage_id")
    .select(["i.id", "i.code", "i.name", "ic.kind", "ic.unit", "ic.standard_min"])
    .where("i.competition_id", "=", competitionId)
    .orderBy("s.position")
    .orderBy("k.position")
    .orderBy("k.id")
    .orderBy("i.position")
    .orderBy("i.id")
    .execute();
  return rows.map((r) => ({
    indicatorId: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    unit: r.unit,
    standardMin: r.standard_min,
  }));
}

/** The claims of one stage's indicators, by indicator code. */
export async function stageClaims(
  competitionId: number,
  stageId: number,
  db: Executor = getDb(),
): Promise<Record<string, Claim>> {
  const rows = await db
    .selectFrom("indicator_claims as ic")
    .innerJoin("indicators as i", "i.id", "ic.indicator_id")
    .innerJoin("components as k", "k.id", "i.component_id")
    .select(["i.code", "ic.kind", "ic.unit", "ic.standard_min"])
    .where("i.competition_id", "=", competitionId)
    .where("k.stage_id", "=", stageId)
    .execute();
  return Object.fromEntries(
    rows.map((r) => [r.code, { kind: r.kind, unit: r.unit, standardMin: r.standard_min }]),
  );
}

/**
 * Claims may change while the competition is a draft, or while scoring before the window opens
 * (or while it is not set): once libraries can fill in the form, what it asks stays put.
 */
export function claimsEditable(c: Competition, now = nowIso()): boolean {
  if (c.status === "draft") return true;
  if (c.status !== "scoring") return false;
  const state = windowState(c.self_assessment_opens, c.self_assessment_closes, now);
  return state === "unset" || state === "before";
}

/**
 * Writes the claims of one stage's indicators (by code; null or absent: none asked), inside the
 * caller's transaction, and audits the change when there is one. `before`: the claims as they
 * were, when the caller has just re-created the indicators (the criteria editor's save).
 */
export async function writeStageClaims(
  actor: Actor | null,
  competitionId: number,
  stageId: number,
  claims: Record<string, Claim | null>,
  trx: Executor,
  before?: Record<string, Claim>,
): Promise<void> {
  const was = before ?? (await stageClaims(competitionId, stageId, trx));
  const indicators = await trx
    .selectFrom("indicators as i")
    .innerJoin("components as k", "k.id", "i.component_id")
    .select(["i.id", "i.code"])
    .where("i.competition_id", "=", competitionId)
    .where("k.stage_id", "=", stageId)
    .execute();
  const after: Record<string, Claim> = {};
  for (const ind of indicators) {
    const claim = claims[ind.code];
    if (claim) after[ind.code] = claim;
  }
  const ids = indicators.map((i) => i.id);
  if (ids.length > 0)
    await trx.deleteFrom("indicator_claims").where("indicator_id", "in", ids).execute();
  const rows = indicators.flatMap((i) => {
    const c = after[i.code];
    return c
      ? [{ indicator_id: i.id, kind: c.kind, unit: c.unit, standard_min: c.standardMin }]
      : [];
  });
  if (rows.length > 0) await trx.insertInto("indicator_claims").values(rows).execute();
  if (!actor || JSON.stringify(sorted(was)) === JSON.stringify(sorted(after))) return;
  await recordAudit(
    {
      actor,
      competitionId,
      entityType: "criteria",
      entityId: competitionId,
      action: "claims",
      before: sorted(was),
      after: sorted(after),
    },
    trx,
  );
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** The claims editor's own save, once the criteria are frozen but the window has not opened. */
export async function saveStageClaims(
  actor: Actor,
  competitionId: number,
  stageId: number,
  claims: Record<string, Claim | null>,
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const c = await trx
        .selectFrom("competitions")
        .selectAll()
        .where("id", "=", competitionId)
        .executeTakeFirst();
      if (!c) return refuse("error.404");
      if (!claimsEditable(c)) return refuse("selfAssessment.error.claimsFrozen");
      await writeStageClaims(actor, competitionId, stageId, claims, trx);
      return { ok: true };
    });
}

// ---- The window --------------------------------------------------------------------------------

/** Sets (both dates, WITA) or clears (both empty) the self-assessment window; audited. */
export async function setSelfAssessmentWindow(
  actor: Actor,
  competitionId: number,
  input: { opens: string; closes: string },
): Promise<void> {
  const opens = input.opens === "" ? null : localDayStart(input.opens);
  const closes = input.closes === "" ? null : localDayEnd(input.closes);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom("competitions")
        .select(["self_assessment_opens as opens", "self_assessment_closes as closes"])
        .where("id", "=", competitionId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("competitions")
        .set({ self_assessment_opens: opens, self_assessment_closes: closes, updated_at: nowIso() })
        .where("id", "=", competitionId)
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "competition",
          entityId: competitionId,
          action: "self-assessment-window",
          before,
          after: { opens, closes },
        },
        trx,
      );
    });
}

// ---- The library's form ------------------------------------------------------------------------

export interface ProposedProfile {
  headName: string;
  openingHours: string;
  members: number | null;
}

export interface SelfAssessment {
  status: SelfAssessmentState;
  version: number;
  /** by indicator code: a canonical decimal, yes/no, or the text */
  values: Record<string, string>;
  submittedAt: string | null;
  reopenedAt: string | null;
  reopenReason: string;
  updatedAt: string | null;
  /** what the library proposes for the registry (null: nothing proposed) and the chair's answer */
  profile: ProposedProfile | null;
  profileStatus: "none" | "pending" | "accepted" | "rejected";
}

const NO_SELF_ASSESSMENT: SelfAssessment = {
  status: "none",
  version: 0,
  values: {},
  submittedAt: null,
  reopenedAt: null,
  reopenReason: "",
  updatedAt: null,
  profile: null,
  profileStatus: "none",
};

/** An entry's self-assessment as saved ("none" with version 0 before the first save). */
export async function getSelfAssessment(
  entryId: number,
  db: Executor = getDb(),
): Promise<SelfAssessment> {
  const row = await db
    .selectFrom("self_assessments")
    .selectAll()
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  if (!row) return NO_SELF_ASSESSMENT;
  const values = await db
    .selectFrom("claim_values as v")
    .innerJoin("indicators as i", "i.id", "v.indicator_id")
    .select(["i.code", "v.value"])
    .where("v.entry_id", "=", entryId)
    .execute();
  const proposed =
    row.profile_head_name !== null ||
    row.profile_opening_hours !== null ||
    row.profile_members !== null;
  return {
    status: row.status,
    version: row.version,
    values: Object.fromEntries(values.map((v) => [v.code, v.value])),
    submittedAt: row.submitted_at,
    reopenedAt: row.reopened_at,
    reopenReason: row.reopen_reason,
    updatedAt: row.updated_at,
    profile: proposed
      ? {
          headName: row.profile_head_name ?? "",
          openingHours: row.profile_opening_hours ?? "",
          members: row.profile_members,
        }
      : null,
    profileStatus: row.profile_status,
  };
}

/** The library's entry in a competition that is not a draft, with what the form needs. */
export async function findLibraryEntry(libraryId: number, slug: string, db: Executor = getDb()) {
  return db
    .selectFrom("entries as e")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select([
      "e.id as entryId",
      "c.id as competitionId",
      "c.status as competitionStatus",
      "c.self_assessment_opens as opens",
      "c.self_assessment_closes as closes",
      "l.head_name as headName",
      "l.opening_hours as openingHours",
      "l.members",
    ])
    .where("e.library_id", "=", libraryId)
    .where("c.slug", "=", slug)
    .where("c.status", "<>", "draft")
    .executeTakeFirst();
}

/**
 * Whether the library may change its self-assessment now: a draft while the competition is
 * being judged, inside the window, or after the chair reopened it (a reopened form may be
 * corrected after the window closed, until it is submitted again).
 */
export function selfAssessmentEditable(
  competitionStatus: Competition["status"],
  window: WindowState,
  sa: Pick<SelfAssessment, "status" | "reopenedAt">,
): boolean {
  if (competitionStatus !== "scoring" || sa.status === "submitted") return false;
  return window === "open" || (sa.reopenedAt !== null && window === "closed");
}

export type SaveSelfAssessmentResult =
  | { ok: true; version: number; status: SelfAssessmentState; savedAt: string }
  | { ok: false; errors: FieldErrors; httpStatus: 400 | 404 | 409; version?: number };

/**
 * Saves the library's draft or submits it, in one transaction: the version sent must be the one
 * stored (an older copy of the form is told, not applied, unless it holds exactly what is stored:
 * a resend of a save that did arrive); a submit needs every value. The profile fields become a
 * proposal for the chair when they differ from the registry.
 */
export async function saveSelfAssessment(
  actor: Actor,
  entryId: number,
  form: SelfAssessmentForm,
): Promise<SaveSelfAssessmentResult> {
  // a save sent twice at once, or two at once, answer as if one came after the other
  return runAgainIfOvertaken(() => saveSelfAssessmentOnce(actor, entryId, form));
}

async function saveSelfAssessmentOnce(
  actor: Actor,
  entryId: number,
  form: SelfAssessmentForm,
): Promise<SaveSelfAssessmentResult> {
  return getDb()
    .transaction()
    .execute(async (trx): Promise<SaveSelfAssessmentResult> => {
      const entry = await trx
        .selectFrom("entries as e")
        .innerJoin("competitions as c", "c.id", "e.competition_id")
        .innerJoin("libraries as l", "l.id", "e.library_id")
        .select([
          "c.id as competitionId",
          "c.status",
          "c.self_assessment_opens as opens",
          "c.self_assessment_closes as closes",
          "l.head_name",
          "l.opening_hours",
          "l.members",
        ])
        .where("e.id", "=", entryId)
        .executeTakeFirst();
      if (!entry) return { ok: false, errors: { _form: ["error.404"] }, httpStatus: 404 };
      const claims = await listClaims(entry.competitionId, trx);
      if (claims.length === 0) return refusal("library.selfAssessment.error.noClaims", 409);
      const current = await getSelfAssessment(entryId, trx);
      const window = windowState(entry.opens, entry.closes);
      if (current.status === "submitted")
        return refusal("library.selfAssessment.error.submitted", 409, current.version);
      if (!selfAssessmentEditable(entry.status, window, current))
        return refusal(
          window === "before" || window === "unset"
            ? "library.selfAssessment.error.notOpen"
            : "library.selfAssessment.error.closed",
          409,
          current.version,
        );
      const values = Object.fromEntries(
        claims.map((c) => [c.code, form.values[c.code] ?? ""] as const).filter(([, v]) => v !== ""),
      );
      const registry = {
        headName: entry.head_name,
        openingHours: entry.opening_hours,
        members: entry.members,
      };
      const start = current.profile ?? registry;
      const proposed = {
        headName: form.headName ?? start.headName,
        openingHours: form.openingHours ?? start.openingHours,
        members: form.members === undefined ? start.members : form.members,
      };
      const changesRegistry = !sameProfile(proposed, registry);
      if (form.version !== current.version) {
        // a resend of a save that arrived: answered as saved, nothing written twice
        const same =
          form.intent === "save" &&
          sameRecord(values, current.values) &&
          sameProfile(proposed, current.profile ?? registry);
        if (same && current.updatedAt)
          return {
            ok: true,
            version: current.version,
            status: current.status,
            savedAt: current.updatedAt,
          };
        return refusal("library.selfAssessment.error.stale", 409, current.version);
      }
      if (form.intent === "submit") {
        const missing = missingValues(claims, values);
        if (missing.length > 0) {
          const errors: FieldErrors = { _form: ["library.selfAssessment.error.missingSome"] };
          for (const code of missing)
            errors[valueField(code)] = ["library.selfAssessment.error.missing"];
          return { ok: false, errors, httpStatus: 400, version: current.version };
        }
      }
      const now = nowIso();
      const status: "draft" | "submitted" = form.intent === "submit" ? "submitted" : "draft";
      const version = current.version + 1;
      const profile = changesRegistry
        ? {
            profile_head_name: proposed.headName,
            profile_opening_hours: proposed.openingHours,
            profile_members: proposed.members,
            profile_status: "pending" as const,
          }
        : current.profileStatus === "pending" || current.profileStatus === "none"
          ? {
              profile_head_name: null,
              profile_opening_hours: null,
              profile_members: null,
              profile_status: "none" as const,
            }
          : {};
      const row = {
        status,
        version,
        updated_at: now,
        ...(status === "submitted" ? { submitted_at: now, submitted_by: actor.id } : {}),
        ...profile,
      };
      if (current.status === "none")
        await trx
          .insertInto("self_assessments")
          .values({ entry_id: entryId, ...row })
          .execute();
      else {
        const done = await trx
          .updateTable("self_assessments")
          .set(row)
          .where("entry_id", "=", entryId)
          .where("version", "=", current.version)
          .executeTakeFirst();
        // never inside SQLite's single writer; on PostgreSQL the conditional update is the guard
        if (Number(done.numUpdatedRows) !== 1) throw new Overtaken();
      }
      await trx.deleteFrom("claim_values").where("entry_id", "=", entryId).execute();
      const byCode = new Map(claims.map((c) => [c.code, c.indicatorId]));
      const rows = Object.entries(values).map(([code, value]) => ({
        entry_id: entryId,
        indicator_id: byCode.get(code)!,
        value,
        updated_at: now,
      }));
      if (rows.length > 0) await trx.insertInto("claim_values").values(rows).execute();
      await recordAudit(
        {
          actor,
          competitionId: entry.competitionId,
          entityType: "entry",
          entityId: entryId,
          action: status === "submitted" ? "self-assessment-submit" : "self-assessment-save",
          before: { version: current.version, values: current.values, profile: current.profile },
          after: { version, values, profile: changesRegistry ? proposed : null },
        },
        trx,
      );
      return { ok: true, version, status, savedAt: now };
    });
}

function refusal(
  key: string,
  httpStatus: 400 | 409,
  version?: number,
): Extract<SaveSelfAssessmentResult, { ok: false }> {
  return { ok: false, errors: { _form: [key] }, httpStatus, version };
}

function sameProfile(a: ProposedProfile, b: ProposedProfile): boolean {
  return (
    a.headName.trim() === b.headName.trim() &&
    a.openingHours.trim() === b.openingHours.trim() &&
    a.members === b.members
  );
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? "") !== (b[k] ?? "")) return false;
  return true;
}

// ---- The chair's side --------------------------------------------------------------------------

/** Each entry's self-assessment status (entries without one are absent: "none"). */
export async function selfAssessmentStatuses(
  competitionId: number,
  db: Executor = getDb(),
): Promise<Record<number, SelfAssessmentState>> {
  const rows = await db
    .selectFrom("self_assessments as sa")
    .innerJoin("entries as e", "e.id", "sa.entry_id")
    .select(["sa.entry_id", "sa.status"])
    .where("e.competition_id", "=", competitionId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.entry_id, r.status]));
}

/** Whether the competition asks for any reported value. */
export async function hasClaims(competitionId: number, db: Executor = getDb()): Promise<boolean> {
  const row = await db
    .selectFrom("indicator_claims as ic")
    .innerJoin("indicators as i", "i.id", "ic.indicator_id")
    .select("ic.indicator_id")
    .where("i.competition_id", "=", competitionId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The codes of these entries that have no submitted self-assessment, in code order. */
export async function withoutSubmittedSelfAssessment(
  entryIds: readonly number[],
  db: Executor,
): Promise<string[]> {
  if (entryIds.length === 0) return [];
  const rows = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .leftJoin("self_assessments as sa", "sa.entry_id", "e.id")
    .select("l.code")
    .where("e.id", "in", entryIds)
    .where((eb) => eb.or([eb("sa.status", "is", null), eb("sa.status", "<>", "submitted")]))
    .orderBy("l.code")
    .execute();
  return rows.map((r) => r.code);
}

/** An entry of the competition by its library's code (any case), with the registry's profile. */
async function entryByCode(competitionId: number, code: string, db: Executor) {
  return db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select([
      "e.id as entryId",
      "l.id as libraryId",
      "l.code",
      "l.name",
      "l.head_name as headName",
      "l.opening_hours as openingHours",
      "l.members",
    ])
    .where("e.competition_id", "=", competitionId)
    .where(sameCode("l.code", code.trim()))
    .executeTakeFirst();
}

/** What the chair's view of one entry's self-assessment shows; undefined: no such entry. */
export async function getChairSelfAssessment(competitionId: number, code: string) {
  const db = getDb();
  const entry = await entryByCode(competitionId, code, db);
  if (!entry) return undefined;
  const [claims, selfAssessment] = await Promise.all([
    listClaims(competitionId, db),
    getSelfAssessment(entry.entryId, db),
  ]);
  return {
    library: { code: entry.code, name: entry.name },
    registry: {
      headName: entry.headName,
      openingHours: entry.openingHours,
      members: entry.members,
    },
    claims: claims.map(({ indicatorId: _, ...c }) => c),
    selfAssessment,
  };
}

/** The chair reopens a submitted self-assessment, with a reason; audited. */
export async function reopenSelfAssessment(
  actor: Actor,
  competitionId: number,
  code: string,
  reason: string,
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const entry = await entryByCode(competitionId, code, trx);
      if (!entry) return refuse("error.404");
      const now = nowIso();
      const done = await trx
        .updateTable("self_assessments")
        .set({
          status: "draft",
          reopened_at: now,
          reopen_reason: reason,
          version: sql<number>`version + 1`,
          updated_at: now,
        })
        .where("entry_id", "=", entry.entryId)
        .where("status", "=", "submitted")
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return refuse("selfAssessment.error.notSubmitted");
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "entry",
          entityId: entry.entryId,
          action: "self-assessment-reopen",
          reason,
          before: { status: "submitted" },
          after: { status: "draft" },
        },
        trx,
      );
      return { ok: true };
    });
}

/**
 * The chair accepts the proposed profile into the registry (head of library, opening hours,
 * members) or rejects it with a reason; audited.
 */
export async function decideProfile(
  actor: Actor,
  competitionId: number,
  code: string,
  decision: "accept" | "reject",
  reason: string,
): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const entry = await entryByCode(competitionId, code, trx);
      if (!entry) return refuse("error.404");
      const row = await trx
        .selectFrom("self_assessments")
        .selectAll()
        .where("entry_id", "=", entry.entryId)
        .executeTakeFirst();
      if (!row || row.profile_status !== "pending")
        return refuse("selfAssessment.error.noProposal");
      const now = nowIso();
      const proposed = {
        headName: row.profile_head_name ?? "",
        openingHours: row.profile_opening_hours ?? "",
        members: row.profile_members,
      };
      const before = {
        headName: entry.headName,
        openingHours: entry.openingHours,
        members: entry.members,
      };
      await trx
        .updateTable("self_assessments")
        .set({
          profile_status: decision === "accept" ? "accepted" : "rejected",
          profile_decided_by: actor.id,
          profile_decided_at: now,
        })
        .where("entry_id", "=", entry.entryId)
        .execute();
      if (decision === "accept") {
        await trx
          .updateTable("libraries")
          .set({
            head_name: proposed.headName,
            opening_hours: proposed.openingHours,
            members: proposed.members,
            updated_at: now,
          })
          .where("id", "=", entry.libraryId)
          .execute();
        await recordAudit(
          {
            actor,
            competitionId,
            entityType: "library",
            entityId: entry.libraryId,
            action: "profile-accept",
            reason: reason || null,
            before,
            after: proposed,
          },
          trx,
        );
      } else {
        await recordAudit(
          {
            actor,
            competitionId,
            entityType: "library",
            entityId: entry.libraryId,
            action: "profile-reject",
            reason,
            before,
            after: { proposed },
          },
          trx,
        );
      }
      return { ok: true };
    });
}
