import crypto from "node:crypto";
import { sql } from "kysely";
import { bytewise } from "../../db/dialect";
import type { Executor, LibraryType } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/forms";
import { nowIso } from "~/lib/time";
import { sameCode } from "./query.server";

/**
 * The finalists' list, announced before the winners (docs/decisions/010-stages.md): a closed
 * stage's shortlist (the entries that went on, `stage_results.advanced`) made public by the
 * chair, or withdrawn with a reason; both audited. The public page names the finalists only:
 * a score or rank before the winners are announced would give the order away.
 */

/** A closed stage of the competition by code, with how many entries went on. */
async function findStage(competitionId: number, code: string, trx: Executor) {
  return trx
    .selectFrom("stages as s")
    .select([
      "s.id",
      "s.code",
      "s.name",
      "s.closed_at",
      "s.finalists_published_at",
      (eb) =>
        eb
          .selectFrom("stage_results as r")
          .select(sql<number>`count(*)`.as("n"))
          .whereRef("r.stage_id", "=", "s.id")
          .where("r.advanced", "=", 1)
          .as("advanced"),
    ])
    .where("s.competition_id", "=", competitionId)
    .where(sameCode("s.code", code))
    .executeTakeFirst();
}

/** The library codes of the entries that went on from a stage, for the audit entry. */
async function advancedCodes(stageId: number, trx: Executor): Promise<string[]> {
  const rows = await trx
    .selectFrom("stage_results as r")
    .innerJoin("entries as e", "e.id", "r.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select("l.code")
    .where("r.stage_id", "=", stageId)
    .where("r.advanced", "=", 1)
    .orderBy("l.code")
    .execute();
  return rows.map((r) => r.code);
}

/**
 * Announces a closed stage's finalists on the public page. Refused for a stage still open, a
 * shortlist with nobody on it, or one already announced.
 */
export async function publishFinalists(
  actor: Actor,
  competitionId: number,
  stageCode: string,
): Promise<Result<{ stage: string }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const stage = await findStage(competitionId, stageCode, trx);
      if (!stage) return refuse("error.404");
      if (stage.closed_at === null) return refuse("stage.finalists.notClosed");
      if (Number(stage.advanced) === 0) return refuse("stage.finalists.empty");
      if (stage.finalists_published_at !== null) return refuse("stage.finalists.already");
      const now = nowIso();
      // conditional, so two announcements at once write one audit entry
      const done = await trx
        .updateTable("stages")
        .set({ finalists_published_at: now })
        .where("id", "=", stage.id)
        .where("finalists_published_at", "is", null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return refuse("stage.finalists.already");
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "finalists",
          entityId: stage.code,
          action: "publish",
          before: null,
          after: {
            stage: stage.code,
            publishedAt: now,
            finalists: await advancedCodes(stage.id, trx),
          },
        },
        trx,
      );
      return { ok: true, stage: stage.code } as const;
    });
}

/** Takes a stage's finalists off the public page; the reason goes in the audit log. */
export async function withdrawFinalists(
  actor: Actor,
  competitionId: number,
  stageCode: string,
  reason: string,
): Promise<Result<{ stage: string }>> {
  const why = reason.trim();
  if (why === "") return refuse("error.required", "reason");
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const stage = await findStage(competitionId, stageCode, trx);
      if (!stage) return refuse("error.404");
      if (stage.finalists_published_at === null) return refuse("stage.finalists.notPublished");
      const done = await trx
        .updateTable("stages")
        .set({ finalists_published_at: null })
        .where("id", "=", stage.id)
        .where("finalists_published_at", "=", stage.finalists_published_at)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return refuse("stage.finalists.notPublished");
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "finalists",
          entityId: stage.code,
          action: "unpublish",
          reason: why,
          before: { stage: stage.code, publishedAt: stage.finalists_published_at },
          after: { stage: stage.code, publishedAt: null },
        },
        trx,
      );
      return { ok: true, stage: stage.code } as const;
    });
}

export interface PublishedFinalist {
  name: string;
  village: string;
  district: string;
  category: LibraryType;
}

export interface PublishedFinalists {
  competition: { slug: string; name: string; year: number; region: string; isDemo: boolean };
  stages: { code: string; name: string; publishedAt: string; finalists: PublishedFinalist[] }[];
  /** changes whenever an announcement is made or withdrawn: the page's validator */
  version: string;
}

/**
 * What the public finalists' page shows: every stage of the competition whose finalists are
 * announced, in stage order, each with its finalists by name; null when there is none (or the
 * competition is unknown or a draft). Never a score or a rank.
 */
export async function getPublishedFinalists(
  slug: string,
  db: Executor = getDb(),
): Promise<PublishedFinalists | null> {
  const competition = await db
    .selectFrom("competitions")
    .select(["id", "slug", "name", "year", "region", "is_demo"])
    .where("slug", "=", slug)
    .where("status", "!=", "draft")
    .executeTakeFirst();
  if (!competition) return null;
  const stages = await db
    .selectFrom("stages")
    .select(["id", "code", "name", "finalists_published_at"])
    .where("competition_id", "=", competition.id)
    .where("finalists_published_at", "is not", null)
    .orderBy("position")
    .execute();
  if (stages.length === 0) return null;
  const rows = await db
    .selectFrom("stage_results as r")
    .innerJoin("entries as e", "e.id", "r.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["r.stage_id", "l.name", "l.village", "l.district", "e.category"])
    .where(
      "r.stage_id",
      "in",
      stages.map((s) => s.id),
    )
    .where("r.advanced", "=", 1)
    // case-blind by name, the same on both databases: lower() and byte order, not a collation
    .orderBy(bytewise(db, sql`lower(l.name)`))
    .orderBy("l.code")
    .execute();
  const announced = stages.map((s) => ({
    code: s.code,
    name: s.name,
    publishedAt: s.finalists_published_at!,
    finalists: rows
      .filter((r) => r.stage_id === s.id)
      .map((r) => ({
        name: r.name,
        village: r.village,
        district: r.district,
        category: r.category,
      })),
  }));
  const out = {
    competition: {
      slug: competition.slug,
      name: competition.name,
      year: competition.year,
      region: competition.region,
      isDemo: competition.is_demo === 1,
    },
    stages: announced,
  };
  return {
    ...out,
    version: crypto
      .createHash("sha256")
      .update(JSON.stringify(out))
      .digest("base64url")
      .slice(0, 16),
  };
}

/** Whether a competition has any finalists' list announced (the public page links to it). */
export async function hasPublishedFinalists(slug: string, db: Executor = getDb()) {
  const row = await db
    .selectFrom("stages as s")
    .innerJoin("competitions as c", "c.id", "s.competition_id")
    .select("s.id")
    .where("c.slug", "=", slug)
    .where("c.status", "!=", "draft")
    .where("s.finalists_published_at", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}
