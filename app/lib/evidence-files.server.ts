import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import exifReader from "exif-reader";
import sharp, { type Metadata } from "sharp";
import { filesPath } from "../../db/connection";
import { getEnv } from "./env.server";

/**
 * Evidence files on disk (docs/decisions/012-self-assessment.md): what an upload is (by its
 * bytes, never its name or declared type), photos re-encoded without metadata, and the store
 * under `<files>/<first two hex>/<sha256>`. Nothing here touches the database: the model
 * (app/models/evidence.server.ts) writes the rows once a file is safely in place.
 */

/** One file's limit, and the sum of an entry's stored files. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ENTRY_BYTES = 100 * 1024 * 1024;
/** A decompression bomb declares a huge canvas in a small file: refused before decoding. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** The stored photo's long edge and its thumbnail's. */
export const FULL_EDGE = 2560;
export const THUMB_EDGE = 320;

export type UploadType = "jpeg" | "png" | "webp" | "pdf";

// the cache keeps decoded images around for reuse we never make; memory is better spent on uploads
sharp.cache(false);

/** The folder of evidence files, as the server, the CLI's backup and the tests agree on it. */
export function evidenceFilesDir(): string {
  const env = getEnv();
  return filesPath(env.DATABASE_URL, env.FILES_DIR);
}

/** Where uploads are written before they are checked and renamed into place. */
export function tmpDir(filesDir: string): string {
  return path.join(filesDir, "tmp");
}

const HASH = /^[0-9a-f]{64}$/;

export function isHash(value: string): boolean {
  return HASH.test(value);
}

/** `<files>/<first two hex>/<sha256>`; only ever built from a hash we computed. */
export function hashPath(filesDir: string, hash: string): string {
  if (!isHash(hash)) throw new Error("not a sha256 hash");
  return path.join(filesDir, hash.slice(0, 2), hash);
}

/** The type an upload's first bytes say it is; null for anything else (SVG, HTML, ZIP …). */
export function detectType(head: Uint8Array): UploadType | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from("89504e470d0a1a0a", "hex")))
    return "png";
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString("latin1") === "RIFF" &&
    b.subarray(8, 12).toString("latin1") === "WEBP"
  )
    return "webp";
  if (b.length >= 5 && b.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  return null;
}

export async function readHead(file: string, bytes = 16): Promise<Buffer> {
  const handle = await fsp.open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Why a file is refused: a catalog key (with the file's name filled in by the caller). */
export type EvidenceRefusalKey =
  | "evidence.error.type"
  | "evidence.error.tooLarge"
  | "evidence.error.entryFull"
  | "evidence.error.pixels"
  | "evidence.error.corrupt"
  | "evidence.error.empty";

export class EvidenceRefusal extends Error {
  constructor(public key: EvidenceRefusalKey) {
    super(key);
  }
}

export interface ProcessedImage {
  full: Buffer;
  thumb: Buffer;
  mime: "image/jpeg" | "image/webp";
  thumbMime: "image/jpeg";
  width: number;
  height: number;
  gpsLat: number | null;
  gpsLon: number | null;
  takenAt: string | null;
}

/**
 * At most two photos decode at once: each can take a few hundred MB of pixels, and the server
 * shares two cores with everything else. The rest wait their turn.
 */
const IMAGE_SLOTS = 2;
let busy = 0;
const waiting: (() => void)[] = [];
async function withImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= IMAGE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  try {
    return await work();
  } finally {
    busy--;
    waiting.shift()?.();
  }
}

const openImage = (file: string) =>
  // "error" refuses truncated and corrupt data rather than filling the rest with grey
  sharp(file, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });

/**
 * A photo checked and re-encoded: its declared size within the pixel limit (read from the header,
 * before anything is decoded), the format sharp finds equal to the one its bytes announced, GPS
 * position and time read from its EXIF first, then the pixels turned upright and written again
 * with no metadata at all, at most FULL_EDGE on the long side (JPEG, or WebP when it has
 * transparency), and a THUMB_EDGE JPEG thumbnail.
 */
export async function processImage(file: string, type: UploadType): Promise<ProcessedImage> {
  return withImageSlot(async () => {
    let meta: Metadata;
    try {
      meta = await openImage(file).metadata();
    } catch (error) {
      throw refusalOf(error);
    }
    if (meta.format !== type || !meta.width || !meta.height)
      throw new EvidenceRefusal("evidence.error.corrupt");
    if (meta.width * meta.height > MAX_INPUT_PIXELS)
      throw new EvidenceRefusal("evidence.error.pixels");
    const place = readExif(meta.exif);
    const alpha = meta.hasAlpha === true;
    try {
      const upright = openImage(file).rotate();
      const full = alpha
        ? await upright
            .clone()
            .resize(FULL_EDGE, FULL_EDGE, { fit: "inside", withoutEnlargement: true })
            .webp({ quality: 85 })
            .toBuffer({ resolveWithObject: true })
        : await upright
            .clone()
            .resize(FULL_EDGE, FULL_EDGE, { fit: "inside", withoutEnlargement: true })
            .jpeg({ quality: 85, mozjpeg: true })
            .toBuffer({ resolveWithObject: true });
      const thumb = await sharp(full.data)
        .resize(THUMB_EDGE, THUMB_EDGE, { fit: "inside", withoutEnlargement: true })
        .flatten({ background: "#ffffff" })
        .jpeg({ quality: 80 })
        .toBuffer();
      return {
        full: full.data,
        thumb,
        mime: alpha ? "image/webp" : "image/jpeg",
        thumbMime: "image/jpeg",
        width: full.info.width,
        height: full.info.height,
        ...place,
      };
    } catch (error) {
      throw refusalOf(error);
    }
  });
}

function refusalOf(error: unknown): EvidenceRefusal {
  if (error instanceof EvidenceRefusal) return error;
  const message = error instanceof Error ? error.message : "";
  return new EvidenceRefusal(
    /pixel limit/i.test(message) ? "evidence.error.pixels" : "evidence.error.corrupt",
  );
}

/** Degrees, minutes, seconds and a hemisphere letter → signed decimal degrees, or null. */
function degrees(value: unknown, ref: unknown, negative: string, max: number): number | null {
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [d, m, s] = value as unknown[];
  if (![d, m, s].every((n) => typeof n === "number" && Number.isFinite(n) && n >= 0)) return null;
  const abs = (d as number) + (m as number) / 60 + (s as number) / 3600;
  if (abs > max) return null;
  const signed = ref === negative ? -abs : abs;
  return Math.round(signed * 1e7) / 1e7;
}

const EXIF_OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * Where and when a photo was taken, from its EXIF: GPS latitude and longitude, and
 * DateTimeOriginal as the camera's wall-clock time (`YYYY-MM-DDTHH:MM:SS`, with the camera's UTC
 * offset when it recorded one). Unreadable or absent metadata is simply no answer.
 */
export function readExif(raw: Buffer | undefined): {
  gpsLat: number | null;
  gpsLon: number | null;
  takenAt: string | null;
} {
  const none = { gpsLat: null, gpsLon: null, takenAt: null };
  if (!raw) return none;
  let tags: ReturnType<typeof exifReader>;
  try {
    tags = exifReader(raw);
  } catch {
    return none;
  }
  const gps = tags.GPSInfo ?? {};
  const gpsLat = degrees(gps.GPSLatitude, gps.GPSLatitudeRef, "S", 90);
  const gpsLon = degrees(gps.GPSLongitude, gps.GPSLongitudeRef, "W", 180);
  const both = gpsLat !== null && gpsLon !== null;
  // exif-reader reads the zone-less camera time as if it were UTC: its UTC fields are the wall clock
  const original = tags.Photo?.DateTimeOriginal;
  let takenAt: string | null = null;
  if (original instanceof Date && !Number.isNaN(original.getTime())) {
    takenAt = original.toISOString().slice(0, 19);
    const offset = tags.Photo?.OffsetTimeOriginal;
    if (typeof offset === "string" && EXIF_OFFSET.test(offset.trim())) takenAt += offset.trim();
  }
  return { gpsLat: both ? gpsLat : null, gpsLon: both ? gpsLon : null, takenAt };
}

/** A new name in the tmp folder (created on first use). */
export async function tmpName(filesDir: string, prefix = "f"): Promise<string> {
  const dir = tmpDir(filesDir);
  await fsp.mkdir(dir, { recursive: true });
  return path.join(dir, `${prefix}-${crypto.randomBytes(12).toString("hex")}`);
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Moves a flushed temporary file to its hash path; if a file with that hash is already there
 * (the same bytes uploaded before) the temporary one is dropped. The rename is atomic: the
 * hash path holds either nothing or the whole file, never half of it.
 */
async function placeFile(filesDir: string, tmp: string, hash: string): Promise<void> {
  const target = hashPath(filesDir, hash);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) {
    await fsp.rm(tmp, { force: true });
    return;
  }
  await fsp.rename(tmp, target);
  await fsyncDir(path.dirname(target));
}

/** Writes bytes under their hash (temporary name, fsync, rename); answers the hash. */
export async function putBytes(filesDir: string, bytes: Buffer): Promise<string> {
  const hash = crypto.createHash("sha256").update(bytes).digest("hex");
  const tmp = await tmpName(filesDir, "w");
  const handle = await fsp.open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await placeFile(filesDir, tmp, hash);
  return hash;
}

/** Moves an upload that is kept as it is (a PDF) under its hash; answers the hash. */
export async function putFile(filesDir: string, file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  const handle = await fsp.open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const digest = hash.digest("hex");
  await placeFile(filesDir, file, digest);
  return digest;
}

export async function removeStoredFile(filesDir: string, hash: string): Promise<void> {
  await fsp.rm(hashPath(filesDir, hash), { force: true });
}

/**
 * One lock per hash, within this process: placing a file and inserting its row, and deleting the
 * last row and its file, never interleave for the same bytes (else a delete could take the file
 * a new row has just been promised).
 */
const hashLocks = new Map<string, Promise<unknown>>();
export async function withHashLock<T>(hashes: string[], work: () => Promise<T>): Promise<T> {
  const keys = [...new Set(hashes)].sort();
  const previous = keys.map((k) => hashLocks.get(k) ?? Promise.resolve());
  const run = Promise.allSettled(previous).then(work);
  const settled = run.catch(() => undefined);
  for (const k of keys) hashLocks.set(k, settled);
  try {
    return await run;
  } finally {
    for (const k of keys) if (hashLocks.get(k) === settled) hashLocks.delete(k);
  }
}

/**
 * At start, before any upload: removes what a crash left in the tmp folder, and every stored
 * file no row names (`referenced` answers whether a hash is in use). Answers how many went.
 */
export async function sweepFiles(
  filesDir: string,
  referenced: (hash: string) => boolean,
): Promise<{ tmp: number; unreferenced: number }> {
  let tmp = 0;
  let unreferenced = 0;
  const tmpFolder = tmpDir(filesDir);
  for (const name of await readdirOrEmpty(tmpFolder)) {
    await fsp.rm(path.join(tmpFolder, name), { force: true, recursive: true });
    tmp++;
  }
  for (const prefix of await readdirOrEmpty(filesDir)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of await readdirOrEmpty(path.join(filesDir, prefix))) {
      if (!isHash(name) || name.slice(0, 2) !== prefix) continue;
      if (referenced(name)) continue;
      await fsp.rm(path.join(filesDir, prefix, name), { force: true });
      unreferenced++;
    }
  }
  return { tmp, unreferenced };
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
