import fs from "node:fs";
import fsp from "node:fs/promises";
import crypto from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import { isPostgres } from "../../db/dialect";
import type { Competition, EvidenceKind, EvidenceSource, Executor, Role } from "../../db/schema";
import { recordAudit } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import {
  EvidenceRefusal,
  MAX_ENTRY_BYTES,
  MAX_FILE_BYTES,
  detectType,
  evidenceFilesDir,
  hashPath,
  processImage,
  putBytes,
  putFile,
  readHead,
  removeStoredFile,
  sweepFiles,
  tmpName,
  withHashLock,
} from "~/lib/evidence-files.server";
import type { Message } from "~/lib/messages";
import { windowState, type SelfAssessmentState } from "~/lib/self-assessment";
import { nowIso } from "~/lib/time";
import { selfAssessmentEditable } from "./self-assessment.server";
import { actorOf } from "./users.server";

/**
 * Evidence for an entry (docs/decisions/012-self-assessment.md): the library's photos and PDFs
 * per indicator, its profile video link, and a judge's photos from the visit. Files are checked
 * and stored by app/lib/evidence-files.server.ts before their row is written here; a row always
 * names a file that is wholly on disk.
 */

/** An upload: a File (from a form or a test), or a file already streamed to `<files>/tmp`. */
export type EvidenceUpload = File | { name: string; path: string };

export interface StoreEvidenceInput {
  entryId: number;
  /** the indicator it proves; null: the entry as a whole */
  indicatorId: number | null;
  /** who uploads (a library account for source library, an assigned judge for source judge) */
  userId: number;
  source: EvidenceSource;
  /** a judge's visit photo names its stage; null for the library's own evidence */
  stageId: number | null;
  file: EvidenceUpload;
  /**
   * The same bytes sent again by the same person for the same entry, stage and indicator are the
   * row already stored (`replayed`), not a second one: a judge's device resends a photo whose
   * answer it never got.
   */
  once?: boolean;
}

/** A refusal names the file (or link) it is about: `{ message, params: { name } }`. */
export type EvidenceOutcome =
  { ok: true; id: number; replayed?: boolean } | { ok: false; error: Message };

const refused = (key: string, name: string): EvidenceOutcome => ({
  ok: false,
  error: { message: key, params: { name } },
});

/** A file name as shown back: no folder, at most 200 characters; null when it holds control characters. */
export function cleanFileName(raw: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(raw)) return null;
  const base = raw.split(/[/\\]/).pop()!.trim();
  return Array.from(base).slice(0, 200).join("");
}

interface EntryContext {
  entryId: number;
  competitionId: number;
  libraryId: number;
  competitionStatus: Competition["status"];
  opens: string | null;
  closes: string | null;
  selfAssessment: SelfAssessmentState | null;
  reopenedAt: string | null;
}

async function entryContext(entryId: number, db: Executor): Promise<EntryContext | undefined> {
  return db
    .selectFrom("entries as e")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .leftJoin("self_assessments as sa", "sa.entry_id", "e.id")
    .select([
      "e.id as entryId",
      "e.competition_id as competitionId",
      "e.library_id as libraryId",
      "c.status as competitionStatus",
      "c.self_assessment_opens as opens",
      "c.self_assessment_closes as closes",
      "sa.status as selfAssessment",
      "sa.reopened_at as reopenedAt",
    ])
    .where("e.id", "=", entryId)
    .executeTakeFirst();
}

/**
 * Whether the library may still change its evidence: exactly when it may change its
 * self-assessment (`selfAssessmentEditable`, one rule for both): a draft (no row yet counts as
 * one) while the competition is scoring and the window is open, or reopened by the chair.
 */
export function libraryMayChange(ctx: EntryContext, now = nowIso()): boolean {
  return selfAssessmentEditable(ctx.competitionStatus, windowState(ctx.opens, ctx.closes, now), {
    status: ctx.selfAssessment ?? "none",
    reopenedAt: ctx.reopenedAt,
  });
}

/** Why `who` may not add evidence to this entry (a catalog key), or null when they may. */
async function uploadRefusal(
  ctx: EntryContext,
  input: { userId: number; source: EvidenceSource; stageId: number | null },
  db: Executor,
): Promise<string | null> {
  const user = await db
    .selectFrom("users")
    .select(["role", "library_id", "active"])
    .where("id", "=", input.userId)
    .executeTakeFirst();
  if (!user || user.active !== 1) return "error.404";
  if (input.source === "library") {
    if (input.stageId !== null) return "error.404";
    if (user.role !== "library" || user.library_id !== ctx.libraryId) return "error.404";
    return libraryMayChange(ctx) ? null : "evidence.error.closed";
  }
  if (input.stageId === null || user.role !== "judge") return "error.404";
  const assigned = await db
    .selectFrom("judge_assignments as a")
    .innerJoin("stages as s", "s.id", "a.stage_id")
    .select("a.id")
    .where("a.entry_id", "=", ctx.entryId)
    .where("a.judge_id", "=", input.userId)
    .where("a.stage_id", "=", input.stageId)
    .where("s.competition_id", "=", ctx.competitionId)
    .executeTakeFirst();
  return assigned ? null : "error.404";
}

async function indicatorOf(
  competitionId: number,
  indicatorId: number | null,
  db: Executor,
): Promise<{ ok: boolean; code: string | null }> {
  if (indicatorId === null) return { ok: true, code: null };
  const row = await db
    .selectFrom("indicators")
    .select("code")
    .where("id", "=", indicatorId)
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  return { ok: row !== undefined, code: row?.code ?? null };
}

async function storedBytes(entryId: number, db: Executor): Promise<number> {
  const row = await db
    .selectFrom("evidence_files")
    .select(sql<number>`coalesce(sum(bytes), 0)`.as("total"))
    .where("entry_id", "=", entryId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/**
 * Locks the entry's row for the rest of the transaction, so that two uploads to one entry count
 * its room and its files one after the other: PostgreSQL runs them side by side (a pool, several
 * app processes); SQLite's single writer already runs them in turn (and has no `for update`).
 */
async function lockEntry(entryId: number, trx: Executor): Promise<void> {
  if (isPostgres(trx))
    await trx.selectFrom("entries").select("id").where("id", "=", entryId).forUpdate().execute();
}

/** A File's bytes streamed to the tmp folder, at most one byte past the limit. */
async function spool(file: File, filesDir: string): Promise<{ path: string; bytes: number }> {
  const target = await tmpName(filesDir, "u");
  let bytes = 0;
  const limited = Readable.fromWeb(file.stream() as unknown as NodeWebStream<Uint8Array>);
  const out = fs.createWriteStream(target, { flags: "wx", mode: 0o600 });
  try {
    await pipeline(
      limited,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.byteLength;
          if (bytes > MAX_FILE_BYTES) return;
          yield chunk;
        }
      },
      out,
    );
  } catch (error) {
    await fsp.rm(target, { force: true });
    throw error;
  }
  return { path: target, bytes };
}

async function isReferenced(hash: string, db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom("evidence_files")
    .select("id")
    .where((eb) => eb.or([eb("file_hash", "=", hash), eb("thumb_hash", "=", hash)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Checks and stores one evidence file, then records it. The file's bytes decide its type (JPEG,
 * PNG, WebP, PDF; everything else, SVG included, is refused); at most 10 MB a file and 100 MB of
 * stored files an entry. A photo's GPS position and time are read first, then it is re-encoded
 * without metadata, with a thumbnail; a PDF is kept as it is. The file is in place (flushed and
 * renamed under its hash) before its row commits. A refusal names the file and writes nothing.
 * A `{ path }` upload is consumed (moved or removed).
 */
export async function storeEvidence(input: StoreEvidenceInput): Promise<EvidenceOutcome> {
  const db = getDb();
  const filesDir = evidenceFilesDir();
  const rawName = input.file.name;
  const name = cleanFileName(rawName);
  const shown = name ?? rawName.replace(/[^\p{L}\p{N} ._-]/gu, "?").slice(0, 200);
  let tmp: string | null = "path" in input.file ? input.file.path : null;
  try {
    if (name === null) return refused("evidence.error.name", shown);
    const ctx = await entryContext(input.entryId, db);
    if (!ctx) return refused("error.404", shown);
    const who = await uploadRefusal(ctx, input, db);
    if (who) return refused(who, shown);
    const indicator = await indicatorOf(ctx.competitionId, input.indicatorId, db);
    if (!indicator.ok) return refused("error.404", shown);

    let bytes: number;
    if (tmp === null) {
      const spooled = await spool(input.file as File, filesDir);
      tmp = spooled.path;
      bytes = spooled.bytes;
    } else bytes = (await fsp.stat(tmp)).size;
    if (bytes > MAX_FILE_BYTES) return refused("evidence.error.tooLarge", shown);
    if (bytes === 0) return refused("evidence.error.empty", shown);
    const type = detectType(await readHead(tmp));
    if (type === null) return refused("evidence.error.type", shown);

    // the stored bytes: a re-encoded photo and its thumbnail, or the PDF as it came
    let stored: {
      kind: EvidenceKind;
      mime: string;
      bytes: number;
      width: number | null;
      height: number | null;
      gpsLat: number | null;
      gpsLon: number | null;
      takenAt: string | null;
      place: () => Promise<{ file: string; thumb: string | null }>;
      hashes: string[];
    };
    if (type === "pdf") {
      const hash = crypto.createHash("sha256");
      for await (const chunk of fs.createReadStream(tmp)) hash.update(chunk as Buffer);
      const digest = hash.digest("hex");
      const source = tmp;
      stored = {
        kind: "pdf",
        mime: "application/pdf",
        bytes,
        width: null,
        height: null,
        gpsLat: null,
        gpsLon: null,
        takenAt: null,
        hashes: [digest],
        place: async () => ({ file: await putFile(filesDir, source), thumb: null }),
      };
    } else {
      let image;
      try {
        image = await processImage(tmp, type);
      } catch (error) {
        if (error instanceof EvidenceRefusal) return refused(error.key, shown);
        throw error;
      }
      const digest = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
      stored = {
        kind: "image",
        mime: image.mime,
        bytes: image.full.byteLength,
        width: image.width,
        height: image.height,
        gpsLat: image.gpsLat,
        gpsLon: image.gpsLon,
        takenAt: image.takenAt,
        hashes: [digest(image.full), digest(image.thumb)],
        place: async () => ({
          file: await putBytes(filesDir, image.full),
          thumb: await putBytes(filesDir, image.thumb),
        }),
      };
    }
    if ((await storedBytes(ctx.entryId, db)) + stored.bytes > MAX_ENTRY_BYTES)
      return refused("evidence.error.entryFull", shown);

    const outcome = await withHashLock(stored.hashes, async () => {
      const placed = await stored.place();
      if (stored.kind === "pdf") tmp = null; // moved (or dropped as a duplicate) by putFile
      const result = await db.transaction().execute(async (trx) => {
        // checked again where it counts: two uploads at once cannot both take the last room
        await lockEntry(ctx.entryId, trx);
        if ((await storedBytes(ctx.entryId, trx)) + stored.bytes > MAX_ENTRY_BYTES) return null;
        const user = await trx
          .selectFrom("users")
          .select(["id", "name", "email"])
          .where("id", "=", input.userId)
          .executeTakeFirstOrThrow();
        if (input.once) {
          const same = await trx
            .selectFrom("evidence_files")
            .select("id")
            .where("entry_id", "=", ctx.entryId)
            .where("uploaded_by", "=", input.userId)
            .where("source", "=", input.source)
            .where("stage_id", input.stageId === null ? "is" : "=", input.stageId)
            .where("indicator_id", input.indicatorId === null ? "is" : "=", input.indicatorId)
            .where("file_hash", "=", placed.file)
            .executeTakeFirst();
          if (same) return { id: same.id, replayed: true };
        }
        const row = await trx
          .insertInto("evidence_files")
          .values({
            entry_id: ctx.entryId,
            indicator_id: input.indicatorId,
            stage_id: input.stageId,
            uploaded_by: input.userId,
            source: input.source,
            kind: stored.kind,
            file_hash: placed.file,
            thumb_hash: placed.thumb,
            url: null,
            original_name: name,
            mime: stored.mime,
            bytes: stored.bytes,
            width: stored.width,
            height: stored.height,
            gps_lat: stored.gpsLat,
            gps_lon: stored.gpsLon,
            taken_at: stored.takenAt,
            created_at: nowIso(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(
          {
            actor: actorOf(user),
            competitionId: ctx.competitionId,
            entityType: "evidence_file",
            entityId: row.id,
            action: "upload",
            after: {
              entryId: ctx.entryId,
              indicator: indicator.code,
              source: input.source,
              stageId: input.stageId,
              kind: stored.kind,
              name,
              bytes: stored.bytes,
              hash: placed.file,
            },
          },
          trx,
        );
        return { id: row.id, replayed: false };
      });
      if (result === null) {
        for (const hash of [placed.file, placed.thumb])
          if (hash && !(await isReferenced(hash, db))) await removeStoredFile(filesDir, hash);
      }
      return result;
    });
    if (outcome === null) return refused("evidence.error.entryFull", shown);
    return outcome.replayed ? { ok: true, ...outcome } : { ok: true, id: outcome.id };
  } finally {
    if (tmp !== null) await fsp.rm(tmp, { force: true });
  }
}

const VIDEO_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"]);
const DRIVE_HOSTS = new Set(["drive.google.com"]);
export const MAX_VIDEO_URL = 500;

/** A profile video link as stored, or null: only https links to YouTube or Google Drive. */
export function videoLink(raw: string): string | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_VIDEO_URL) return null;
  // eslint-disable-next-line no-control-regex -- control characters are refused
  if (/[\u0000-\u0020\u007f-\u009f]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase();
  if (!VIDEO_HOSTS.has(host) && !DRIVE_HOSTS.has(host)) return null;
  return url.href.length <= MAX_VIDEO_URL ? url.href : null;
}

/**
 * The library's profile video (a link, never a file): replaces the link it gave before. Refused
 * unless it is an https link to YouTube (youtube.com, youtu.be) or Google Drive, at most 500
 * characters, and while the library may change its evidence. The link already on file is left
 * as it is.
 */
export async function addVideoLink(input: {
  entryId: number;
  userId: number;
  url: string;
}): Promise<EvidenceOutcome> {
  const db = getDb();
  const shown = input.url.trim().slice(0, 80);
  const url = videoLink(input.url);
  if (url === null) return refused("evidence.error.video", shown);
  const ctx = await entryContext(input.entryId, db);
  if (!ctx) return refused("error.404", shown);
  const who = await uploadRefusal(
    ctx,
    { userId: input.userId, source: "library", stageId: null },
    db,
  );
  if (who) return refused(who, shown);
  const id = await db.transaction().execute(async (trx) => {
    // two saves of the form at once must not both replace the link
    await lockEntry(ctx.entryId, trx);
    const user = await trx
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("id", "=", input.userId)
      .executeTakeFirstOrThrow();
    const before = await trx
      .selectFrom("evidence_files")
      .select(["id", "url"])
      .where("entry_id", "=", ctx.entryId)
      .where("kind", "=", "video")
      .where("source", "=", "library")
      .execute();
    // the same link again (a form saved twice) changes nothing
    if (before.length === 1 && before[0]!.url === url) return before[0]!.id;
    if (before.length > 0)
      await trx
        .deleteFrom("evidence_files")
        .where(
          "id",
          "in",
          before.map((b) => b.id),
        )
        .execute();
    const row = await trx
      .insertInto("evidence_files")
      .values({
        entry_id: ctx.entryId,
        indicator_id: null,
        stage_id: null,
        uploaded_by: input.userId,
        source: "library",
        kind: "video",
        url,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(
      {
        actor: actorOf(user),
        competitionId: ctx.competitionId,
        entityType: "evidence_file",
        entityId: row.id,
        action: "add",
        before: before.length > 0 ? { url: before.map((b) => b.url) } : undefined,
        after: { entryId: ctx.entryId, kind: "video", url },
      },
      trx,
    );
    return row.id;
  });
  return { ok: true, id };
}

/**
 * Removes one of the library's own evidence rows while it may still change them; the file goes
 * too unless another row (another entry, or a second upload of the same bytes) still names it.
 * `by` is the library account; anyone else, or another library's row, is "not found".
 */
export async function removeEvidence(
  id: number,
  by: { id: number },
): Promise<{ ok: true } | { ok: false; error: Message }> {
  const db = getDb();
  const row = await db
    .selectFrom("evidence_files")
    .select(["id", "entry_id", "source", "kind", "file_hash", "thumb_hash", "url", "original_name"])
    .where("id", "=", id)
    .executeTakeFirst();
  const notFound = { ok: false as const, error: { message: "error.404" } };
  if (!row || row.source !== "library") return notFound;
  const ctx = await entryContext(row.entry_id, db);
  if (!ctx) return notFound;
  const who = await uploadRefusal(ctx, { userId: by.id, source: "library", stageId: null }, db);
  if (who === "error.404") return notFound;
  if (who) return { ok: false, error: { message: who, params: { name: row.original_name } } };
  const hashes = [row.file_hash, row.thumb_hash].filter((h): h is string => h !== null);
  const filesDir = evidenceFilesDir();
  return withHashLock(hashes, async () => {
    const removed = await db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom("users")
        .select(["id", "name", "email"])
        .where("id", "=", by.id)
        .executeTakeFirstOrThrow();
      const gone = await trx.deleteFrom("evidence_files").where("id", "=", id).executeTakeFirst();
      if (Number(gone.numDeletedRows) !== 1) return false;
      await recordAudit(
        {
          actor: actorOf(user),
          competitionId: ctx.competitionId,
          entityType: "evidence_file",
          entityId: id,
          action: "delete",
          before: {
            entryId: row.entry_id,
            kind: row.kind,
            name: row.original_name,
            url: row.url,
            hash: row.file_hash,
          },
        },
        trx,
      );
      return true;
    });
    if (!removed) return notFound;
    for (const hash of hashes)
      if (!(await isReferenced(hash, db))) await removeStoredFile(filesDir, hash);
    return { ok: true as const };
  });
}

export interface EvidenceItem {
  id: number;
  indicatorId: number | null;
  indicatorCode: string | null;
  stageId: number | null;
  source: EvidenceSource;
  kind: EvidenceKind;
  /** the video link; null for a file */
  url: string | null;
  name: string;
  mime: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  /** `/files/<id>` and its thumbnail (photos only); null for a video link */
  fileUrl: string | null;
  thumbUrl: string | null;
  createdAt: string;
  /** where and when the photo was taken: for judges, the chair and the admin; null when public */
  gps: { lat: number; lon: number } | null;
  takenAt: string | null;
}

/**
 * The entry's evidence, by indicator and then upload order. `forPublic` leaves out where and
 * when photos were taken (judges' proof of the visit, not for anyone else) and judges' own photos.
 */
export async function listEvidence(
  entryId: number,
  options: { forPublic?: boolean } = {},
  db: Executor = getDb(),
): Promise<EvidenceItem[]> {
  let query = db
    .selectFrom("evidence_files as f")
    .leftJoin("indicators as i", "i.id", "f.indicator_id")
    .select([
      "f.id",
      "f.indicator_id as indicatorId",
      "i.code as indicatorCode",
      "f.stage_id as stageId",
      "f.source",
      "f.kind",
      "f.url",
      "f.original_name as name",
      "f.mime",
      "f.bytes",
      "f.width",
      "f.height",
      "f.thumb_hash as thumbHash",
      "f.created_at as createdAt",
      "f.gps_lat as gpsLat",
      "f.gps_lon as gpsLon",
      "f.taken_at as takenAt",
    ])
    .where("f.entry_id", "=", entryId);
  if (options.forPublic) query = query.where("f.source", "=", "library");
  const rows = await query.orderBy("i.position").orderBy("f.id").execute();
  return rows.map(({ thumbHash, gpsLat, gpsLon, takenAt, ...r }) => ({
    ...r,
    fileUrl: r.kind === "video" ? null : `/files/${r.id}`,
    thumbUrl: thumbHash ? `/files/${r.id}/thumb` : null,
    gps:
      !options.forPublic && gpsLat !== null && gpsLon !== null
        ? { lat: gpsLat, lon: gpsLon }
        : null,
    takenAt: options.forPublic ? null : takenAt,
  }));
}

export interface EvidenceFileRow {
  id: number;
  entry_id: number;
  source: EvidenceSource;
  kind: EvidenceKind;
  file_hash: string | null;
  thumb_hash: string | null;
  mime: string | null;
  original_name: string;
}

/**
 * Who may see an evidence file: the library of its entry (its own evidence, not the judges'
 * visit photos), a judge assigned to that entry in any stage, the chair and the admin.
 */
export async function canSeeEvidence(
  user: { id: number; role: Role },
  file: Pick<EvidenceFileRow, "entry_id" | "source">,
  db: Executor = getDb(),
): Promise<boolean> {
  if (user.role === "chair" || user.role === "admin") return true;
  if (user.role === "library") {
    if (file.source !== "library") return false;
    const own = await db
      .selectFrom("entries as e")
      .innerJoin("users as u", "u.library_id", "e.library_id")
      .select("e.id")
      .where("e.id", "=", file.entry_id)
      .where("u.id", "=", user.id)
      .where("u.role", "=", "library")
      .executeTakeFirst();
    return own !== undefined;
  }
  if (user.role === "judge") {
    const assigned = await db
      .selectFrom("judge_assignments")
      .select("id")
      .where("entry_id", "=", file.entry_id)
      .where("judge_id", "=", user.id)
      .limit(1)
      .executeTakeFirst();
    return assigned !== undefined;
  }
  return false;
}

export interface ServedFile {
  path: string;
  hash: string;
  mime: string;
  bytes: number;
  name: string;
  kind: EvidenceKind;
}

/**
 * The stored file (or its thumbnail) of an evidence row, when `user` may see it and it is on
 * disk; undefined otherwise, whatever the reason (the caller answers 404 either way).
 */
export async function evidenceFileFor(
  user: { id: number; role: Role },
  id: number,
  variant: "full" | "thumb",
  db: Executor = getDb(),
): Promise<ServedFile | undefined> {
  const row = await db
    .selectFrom("evidence_files")
    .select([
      "id",
      "entry_id",
      "source",
      "kind",
      "file_hash",
      "thumb_hash",
      "mime",
      "original_name",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || row.kind === "video") return undefined;
  if (!(await canSeeEvidence(user, row, db))) return undefined;
  const hash = variant === "full" ? row.file_hash : row.thumb_hash;
  if (!hash) return undefined;
  const file = hashPath(evidenceFilesDir(), hash);
  let bytes: number;
  try {
    bytes = (await fsp.stat(file)).size;
  } catch {
    return undefined;
  }
  return {
    path: file,
    hash,
    // thumbnails are always JPEG
    mime: variant === "thumb" ? "image/jpeg" : (row.mime ?? "application/octet-stream"),
    bytes,
    name: row.original_name,
    kind: row.kind,
  };
}

/**
 * At server start, before requests: removes what a crash left (temporary files, and stored files
 * that no row names: a file is written before its row, so a crash between the two leaves one).
 */
export async function cleanUpEvidenceFiles(
  filesDir = evidenceFilesDir(),
  db: Executor = getDb(),
): Promise<{ tmp: number; unreferenced: number }> {
  const rows = await db.selectFrom("evidence_files").select(["file_hash", "thumb_hash"]).execute();
  const used = new Set(rows.flatMap((r) => [r.file_hash, r.thumb_hash]));
  const result = await sweepFiles(filesDir, (hash) => used.has(hash));
  if (result.tmp + result.unreferenced > 0)
    console.log(
      `Evidence files: removed ${result.tmp} temporary and ${result.unreferenced} unreferenced file(s) left by an interrupted upload.`,
    );
  return result;
}

export interface EvidenceIndicator {
  id: number;
  code: string;
  name: string;
  /** the chair asks for a reported value on it (indicator_claims) */
  claimed: boolean;
}

export interface LibraryEvidencePage {
  competition: { id: number; slug: string; name: string };
  entryId: number;
  /** the library may still add and remove evidence */
  editable: boolean;
  /** the indicators that ask for a reported value; every indicator when none does */
  indicators: EvidenceIndicator[];
  items: EvidenceItem[];
}

/** The indicators of a competition, every stage's, in stage, component and indicator order. */
export async function listEvidenceIndicators(
  competitionId: number,
  db: Executor = getDb(),
): Promise<EvidenceIndicator[]> {
  const rows = await db
    .selectFrom("indicators as i")
    .innerJoin("components as k", "k.id", "i.component_id")
    .innerJoin("stages as s", "s.id", "k.stage_id")
    .leftJoin("indicator_claims as ic", "ic.indicator_id", "i.id")
    .select(["i.id", "i.code", "i.name", "ic.indicator_id as claim"])
    .where("i.competition_id", "=", competitionId)
    .orderBy("s.position")
    .orderBy("k.position")
    .orderBy("i.position")
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, claimed: r.claim !== null }));
}

/**
 * The library's evidence page for its entry in a competition (not a draft), or undefined when
 * the library is not entered in it.
 */
export async function getLibraryEvidencePage(
  libraryId: number,
  slug: string,
  db: Executor = getDb(),
): Promise<LibraryEvidencePage | undefined> {
  const row = await db
    .selectFrom("entries as e")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .select(["e.id as entryId", "c.id", "c.slug", "c.name"])
    .where("e.library_id", "=", libraryId)
    .where("c.slug", "=", slug)
    .where("c.status", "<>", "draft")
    .executeTakeFirst();
  if (!row) return undefined;
  const [ctx, indicators, items] = await Promise.all([
    entryContext(row.entryId, db),
    listEvidenceIndicators(row.id, db),
    listEvidence(row.entryId, { forPublic: true }, db),
  ]);
  const claimed = indicators.filter((i) => i.claimed);
  return {
    competition: { id: row.id, slug: row.slug, name: row.name },
    entryId: row.entryId,
    editable: ctx ? libraryMayChange(ctx) : false,
    indicators: claimed.length > 0 ? claimed : indicators,
    items,
  };
}
