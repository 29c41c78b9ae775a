import { sql } from "kysely";
import type { ClaimKind, ClaimResult, EvidenceKind, Executor, StageKind } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import {
  meetsStandard,
  parseClaimInput,
  type ClaimCheck,
  type ClaimsOutcome,
} from "~/lib/claim-values";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { currentStage } from "./query.server";
import { findAccess, type SheetAccess } from "./sheets.server";

/**
 * What the judges see of a library's claims (docs/decisions/012-self-assessment.md): beside each
 * indicator of the sheet, the value the library reported, the standard's minimum and the
 * evidence; on a visit stage, the judge's own check of each value (verified, or corrected with
 * what was observed). A draft self-assessment is the library's own business: nothing of it shows.
 */

/** One piece of evidence as a judge sees it: a file served at `/files/<id>`, or a video link. */
export interface SheetEvidence {
  id: number;
  kind: EvidenceKind;
  name: string;
  /** the link of a video; null for a file */
  url: string | null;
  /** an image's thumbnail is served at `/files/<id>/thumb` */
  thumb: boolean;
}

/** A claim beside one indicator of the sheet. */
export interface SheetClaim {
  kind: ClaimKind;
  unit: string;
  standardMin: number | null;
  /** the reported value (stored form); null: none reported, or not submitted */
  value: string | null;
  /** the value meets the standard; null when there is nothing to compare */
  meets: boolean | null;
  evidence: SheetEvidence[];
  check: ClaimCheck | null;
}

export interface SheetClaims {
  /** the library has submitted its self-assessment: its values and evidence show */
  submitted: boolean;
  /** this judge may mark checks now: a visit stage, open, and their sheet editable */
  checkable: boolean;
  stageKind: StageKind;
  /** by indicator code; only indicators of the open stage that ask for a value */
  claims: Record<string, SheetClaim>;
}

/** The open stage's claims (indicator id, code, kind …) of the entry's competition. */
async function stageClaims(competitionId: number, db: Executor) {
  return db
    .selectFrom("indicator_claims as ic")
    .innerJoin("indicators as i", "i.id", "ic.indicator_id")
    .innerJoin("components as co", "co.id", "i.component_id")
    .select([
      "i.id as indicatorId",
      "i.code",
      "ic.kind",
      "ic.unit",
      "ic.standard_min as standardMin",
    ])
    .where("i.competition_id", "=", competitionId)
    .where("co.stage_id", "=", currentStage(competitionId))
    .execute();
}

async function stageKindOf(competitionId: number, db: Executor): Promise<StageKind> {
  const row = await db
    .selectFrom("stages")
    .select("kind")
    .where("id", "=", currentStage(competitionId))
    .executeTakeFirstOrThrow();
  return row.kind;
}

async function isSubmitted(entryId: number, db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom("self_assessments")
    .select("status")
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  return row?.status === "submitted";
}

/**
 * The claims beside the sheet of a judge who may open it (`access` from findAccess). `editable`:
 * the judge's sheet is open to changes (scoring open, not submitted).
 */
export async function getSheetClaims(
  access: Pick<SheetAccess, "competitionId" | "entryId">,
  judgeId: number,
  editable: boolean,
  db: Executor = getDb(),
): Promise<SheetClaims> {
  const [claims, stageKind, submitted] = await Promise.all([
    stageClaims(access.competitionId, db),
    stageKindOf(access.competitionId, db),
    isSubmitted(access.entryId, db),
  ]);
  const ids = claims.map((c) => c.indicatorId);
  const [values, evidence, checks] =
    ids.length === 0
      ? [[], [], []]
      : await Promise.all([
          submitted
            ? db
                .selectFrom("claim_values")
                .select(["indicator_id as indicatorId", "value"])
                .where("entry_id", "=", access.entryId)
                .where("indicator_id", "in", ids)
                .execute()
            : [],
          submitted
            ? db
                .selectFrom("evidence_files")
                .select([
                  "id",
                  "indicator_id as indicatorId",
                  "kind",
                  "original_name as name",
                  "url",
                  "thumb_hash as thumbHash",
                ])
                .where("entry_id", "=", access.entryId)
                .where("indicator_id", "in", ids)
                .where("source", "=", "library")
                .orderBy("id")
                .execute()
            : [],
          db
            .selectFrom("claim_checks")
            .select(["indicator_id as indicatorId", "result", "observed"])
            .where("entry_id", "=", access.entryId)
            .where("judge_id", "=", judgeId)
            .where("stage_id", "=", currentStage(access.competitionId))
            .execute(),
        ]);
  const out: Record<string, SheetClaim> = {};
  for (const c of claims) {
    const value = values.find((v) => v.indicatorId === c.indicatorId)?.value ?? null;
    const check = checks.find((k) => k.indicatorId === c.indicatorId);
    out[c.code] = {
      kind: c.kind,
      unit: c.unit,
      standardMin: c.standardMin,
      value,
      meets: value === null ? null : meetsStandard(c.kind, value, c.standardMin),
      evidence: evidence
        .filter((e) => e.indicatorId === c.indicatorId)
        .map((e) => ({
          id: e.id,
          kind: e.kind,
          name: e.name,
          url: e.url,
          thumb: e.kind === "image" && e.thumbHash !== null,
        })),
      check: check ? { result: check.result, observed: check.observed } : null,
    };
  }
  return {
    submitted,
    checkable: editable && stageKind === "visit" && claims.length > 0,
    stageKind,
    claims: out,
  };
}

/** One check as posted: the result, and what was observed (for a correction). */
export interface PostedCheck {
  result: ClaimResult;
  observed: string;
}

/** Whether the judge may open the entry's sheet (its assignment in the open stage). */
export async function canOpenSheet(
  judgeId: number,
  slug: string,
  code: string,
  db: Executor = getDb(),
): Promise<boolean> {
  return (await findAccess(judgeId, slug, code, db)) !== undefined;
}

/**
 * Saves a visit judge's checks of an entry's reported values, in one transaction: only their own
 * assignment (else "not found"), only on a visit stage (else `notVisit`), only while scoring is
 * open and their sheet is not submitted (else `locked`); only indicators of the stage that ask a
 * value the library submitted. The observed value is checked as the claim's kind asks; any error
 * saves nothing. Every change is audited with the checks before and after.
 */
export async function saveClaimChecks(
  actor: Actor,
  judgeId: number,
  slug: string,
  code: string,
  posted: Record<string, PostedCheck>,
): Promise<ClaimsOutcome> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const access = await findAccess(judgeId, slug, code, trx);
      if (!access) return { status: "notFound" };
      if ((await stageKindOf(access.competitionId, trx)) !== "visit") return { status: "notVisit" };
      const sheet = await trx
        .selectFrom("score_sheets")
        .select("status")
        .where("entry_id", "=", access.entryId)
        .where("judge_id", "=", judgeId)
        .where("stage_id", "=", currentStage(access.competitionId))
        .executeTakeFirst();
      if (access.competitionStatus !== "scoring" || sheet?.status === "submitted")
        return { status: "locked" };
      const claims = await stageClaims(access.competitionId, trx);
      const submitted = await isSubmitted(access.entryId, trx);
      const reported = submitted
        ? await trx
            .selectFrom("claim_values")
            .select("indicator_id as indicatorId")
            .where("entry_id", "=", access.entryId)
            .execute()
        : [];
      const errors: Record<string, string[]> = {};
      const rows: {
        indicatorId: number;
        code: string;
        result: ClaimResult;
        observed: string | null;
      }[] = [];
      for (const [indicatorCode, check] of Object.entries(posted)) {
        const claim = claims.find((c) => c.code === indicatorCode);
        if (!claim || !reported.some((r) => r.indicatorId === claim.indicatorId)) {
          (errors[`check.${indicatorCode}`] ??= []).push("scoring.claims.error.noClaim");
          continue;
        }
        if (check.result === "verified") {
          rows.push({
            indicatorId: claim.indicatorId,
            code: claim.code,
            result: "verified",
            observed: null,
          });
          continue;
        }
        const parsed = parseClaimInput(claim.kind, check.observed);
        if (parsed.error !== undefined) {
          (errors[`observed.${indicatorCode}`] ??= []).push(parsed.error);
          continue;
        }
        rows.push({
          indicatorId: claim.indicatorId,
          code: claim.code,
          result: "corrected",
          observed: parsed.value,
        });
      }
      if (Object.keys(errors).length > 0) return { status: "invalid", errors };
      const stageId = currentStage(access.competitionId);
      const before = await trx
        .selectFrom("claim_checks as k")
        .innerJoin("indicators as i", "i.id", "k.indicator_id")
        .select(["i.code", "k.result", "k.observed"])
        .where("k.entry_id", "=", access.entryId)
        .where("k.judge_id", "=", judgeId)
        .where("k.stage_id", "=", stageId)
        .execute();
      const was = Object.fromEntries(
        before.map((b) => [b.code, { result: b.result, observed: b.observed }]),
      );
      const changed = rows.filter(
        (r) => was[r.code]?.result !== r.result || (was[r.code]?.observed ?? null) !== r.observed,
      );
      const now = nowIso();
      for (const r of changed) {
        await trx
          .insertInto("claim_checks")
          .values({
            stage_id: stageId,
            entry_id: access.entryId,
            indicator_id: r.indicatorId,
            judge_id: judgeId,
            result: r.result,
            observed: r.observed,
            checked_at: now,
          })
          .onConflict((oc) =>
            oc
              .columns(["stage_id", "entry_id", "indicator_id", "judge_id"])
              .doUpdateSet({ result: r.result, observed: r.observed, checked_at: now }),
          )
          .execute();
      }
      if (changed.length > 0)
        await recordAudit(
          {
            actor,
            competitionId: access.competitionId,
            entityType: "claim_check",
            entityId: access.entryId,
            action: "update",
            before: {
              library: access.code,
              checks: Object.fromEntries(
                changed.filter((r) => was[r.code]).map((r) => [r.code, was[r.code]]),
              ),
            },
            after: {
              library: access.code,
              checks: Object.fromEntries(
                changed.map((r) => [r.code, { result: r.result, observed: r.observed }]),
              ),
            },
          },
          trx,
        );
      const checks: Record<string, ClaimCheck> = { ...was };
      for (const r of rows) checks[r.code] = { result: r.result, observed: r.observed };
      return { status: "saved", checks, savedAt: now };
    });
}

/** One correction of a reported value, for the chair. */
export interface ClaimCorrection {
  stageName: string;
  indicatorCode: string;
  indicatorName: string;
  kind: ClaimKind;
  unit: string;
  reported: string | null;
  observed: string;
  judgeName: string;
}

/** An entry with the corrections judges made to its claims (entries without any are left out). */
export interface EntryCorrections {
  code: string;
  library: string;
  /** claims corrected by at least one judge */
  corrected: number;
  corrections: ClaimCorrection[];
}

/**
 * Per entry of the competition, the reported values corrected on a visit (by any judge, in any
 * stage), with which value, what was observed and by whom. Entries with no correction are not
 * listed; `claims` says whether the competition asks for reported values at all.
 */
export async function listClaimCorrections(
  competitionId: number,
  db: Executor = getDb(),
): Promise<{ claims: number; entries: EntryCorrections[] }> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom("indicator_claims as ic")
      .innerJoin("indicators as i", "i.id", "ic.indicator_id")
      .select(sql<number>`count(*)`.as("n"))
      .where("i.competition_id", "=", competitionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("claim_checks as k")
      .innerJoin("entries as e", "e.id", "k.entry_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .innerJoin("indicators as i", "i.id", "k.indicator_id")
      .innerJoin("indicator_claims as ic", "ic.indicator_id", "k.indicator_id")
      .innerJoin("stages as s", "s.id", "k.stage_id")
      .innerJoin("users as u", "u.id", "k.judge_id")
      .leftJoin("claim_values as v", (j) =>
        j.onRef("v.entry_id", "=", "k.entry_id").onRef("v.indicator_id", "=", "k.indicator_id"),
      )
      .select([
        "l.code",
        "l.name as library",
        "s.name as stageName",
        "i.code as indicatorCode",
        "i.name as indicatorName",
        "ic.kind",
        "ic.unit",
        "v.value as reported",
        "k.observed",
        "u.name as judgeName",
      ])
      .where("e.competition_id", "=", competitionId)
      .where("k.result", "=", "corrected")
      .orderBy("l.name")
      .orderBy("s.position")
      .orderBy("i.position")
      .orderBy("u.name")
      .execute(),
  ]);
  const entries: EntryCorrections[] = [];
  for (const r of rows) {
    let entry = entries.find((e) => e.code === r.code);
    if (!entry) {
      entry = { code: r.code, library: r.library, corrected: 0, corrections: [] };
      entries.push(entry);
    }
    entry.corrections.push({
      stageName: r.stageName,
      indicatorCode: r.indicatorCode,
      indicatorName: r.indicatorName,
      kind: r.kind,
      unit: r.unit,
      reported: r.reported,
      observed: r.observed ?? "",
      judgeName: r.judgeName,
    });
  }
  for (const entry of entries)
    entry.corrected = new Set(
      entry.corrections.map((c) => `${c.stageName}\u0000${c.indicatorCode}`),
    ).size;
  return { claims: Number(count.n), entries };
}
