import type { Executor } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { currentStage } from "./query.server";
import { findAccess } from "./sheets.server";

/**
 * A judge's photos from the field visit (docs/decisions/012-self-assessment.md): evidence rows of
 * source `judge` naming their stage. Stored by storeEvidence (evidence.server.ts), which checks
 * the bytes, re-encodes without metadata and keeps where and when in the row.
 */

export type VisitPhotoAccess =
  | { status: "notFound" }
  | { status: "notVisit" }
  | { status: "locked" }
  | {
      status: "open";
      entryId: number;
      competitionId: number;
      stageId: number;
      /** the open stage's indicators, by code */
      indicators: Map<string, number>;
    };

/**
 * Whether the judge may add visit photos to the entry now: the same access as the sheet (their
 * assignment in the open stage, else not found), a stage of kind `visit` (else notVisit), scoring
 * open and their sheet not submitted (else locked), as for the visit checks.
 */
export async function visitPhotoAccess(
  judgeId: number,
  slug: string,
  code: string,
  db: Executor = getDb(),
): Promise<VisitPhotoAccess> {
  const access = await findAccess(judgeId, slug, code, db);
  if (!access) return { status: "notFound" };
  const stage = await db
    .selectFrom("stages")
    .select(["id", "kind"])
    .where("id", "=", currentStage(access.competitionId))
    .executeTakeFirst();
  if (!stage || stage.kind !== "visit") return { status: "notVisit" };
  const sheet = await db
    .selectFrom("score_sheets")
    .select("status")
    .where("entry_id", "=", access.entryId)
    .where("judge_id", "=", judgeId)
    .where("stage_id", "=", stage.id)
    .executeTakeFirst();
  if (access.competitionStatus !== "scoring" || sheet?.status === "submitted")
    return { status: "locked" };
  const indicators = await db
    .selectFrom("indicators as i")
    .innerJoin("components as k", "k.id", "i.component_id")
    .select(["i.id", "i.code"])
    .where("k.stage_id", "=", stage.id)
    .execute();
  return {
    status: "open",
    entryId: access.entryId,
    competitionId: access.competitionId,
    stageId: stage.id,
    indicators: new Map(indicators.map((i) => [i.code, i.id])),
  };
}

/** A stored visit photo as the judge and the chair see it. */
export interface VisitPhoto {
  id: number;
  indicatorCode: string | null;
  name: string;
  fileUrl: string;
  thumbUrl: string | null;
  createdAt: string;
  takenAt: string | null;
  gps: { lat: number; lon: number } | null;
}

function photoQuery(db: Executor) {
  return db
    .selectFrom("evidence_files as f")
    .leftJoin("indicators as i", "i.id", "f.indicator_id")
    .select([
      "f.id",
      "i.code as indicatorCode",
      "f.original_name as name",
      "f.thumb_hash as thumbHash",
      "f.created_at as createdAt",
      "f.taken_at as takenAt",
      "f.gps_lat as gpsLat",
      "f.gps_lon as gpsLon",
    ])
    .where("f.source", "=", "judge")
    .where("f.kind", "=", "image");
}

function photoOf(r: {
  id: number;
  indicatorCode: string | null;
  name: string;
  thumbHash: string | null;
  createdAt: string;
  takenAt: string | null;
  gpsLat: number | null;
  gpsLon: number | null;
}): VisitPhoto {
  return {
    id: r.id,
    indicatorCode: r.indicatorCode,
    name: r.name,
    fileUrl: `/files/${r.id}`,
    thumbUrl: r.thumbHash ? `/files/${r.id}/thumb` : null,
    createdAt: r.createdAt,
    takenAt: r.takenAt,
    gps: r.gpsLat !== null && r.gpsLon !== null ? { lat: r.gpsLat, lon: r.gpsLon } : null,
  };
}

/** The judge's own visit photos of the entry in the competition's open stage, oldest first. */
export async function listJudgeVisitPhotos(
  judgeId: number,
  entryId: number,
  competitionId: number,
  db: Executor = getDb(),
): Promise<VisitPhoto[]> {
  const rows = await photoQuery(db)
    .where("f.entry_id", "=", entryId)
    .where("f.uploaded_by", "=", judgeId)
    .where("f.stage_id", "=", currentStage(competitionId))
    .orderBy("f.id")
    .execute();
  return rows.map(photoOf);
}

/** An entry's visit photos for the chair: by whom and in which stage. */
export interface EntryVisitPhotos {
  code: string;
  library: string;
  photos: (VisitPhoto & { judgeName: string; stageName: string })[];
}

/** Per entry of the competition, every judge's visit photos (entries without any left out). */
export async function listCompetitionVisitPhotos(
  competitionId: number,
  db: Executor = getDb(),
): Promise<EntryVisitPhotos[]> {
  const rows = await photoQuery(db)
    .innerJoin("entries as e", "e.id", "f.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("users as u", "u.id", "f.uploaded_by")
    .innerJoin("stages as s", "s.id", "f.stage_id")
    .select(["l.code", "l.name as library", "u.name as judgeName", "s.name as stageName"])
    .where("e.competition_id", "=", competitionId)
    .orderBy("l.name")
    .orderBy("f.id")
    .execute();
  const entries: EntryVisitPhotos[] = [];
  for (const r of rows) {
    let entry = entries.find((e) => e.code === r.code);
    if (!entry) {
      entry = { code: r.code, library: r.library, photos: [] };
      entries.push(entry);
    }
    entry.photos.push({ ...photoOf(r), judgeName: r.judgeName, stageName: r.stageName });
  }
  return entries;
}
