/**
 * `juara backup` and `juara restore`: one archive holding a consistent snapshot of the database
 * and every evidence file that snapshot refers to, and the way back
 * (docs/decisions/012-self-assessment.md, README "Backups").
 *
 * The archive is a plain tar, written and read with the `tar` package (any `tar -tf` can list
 * it, and an operator can take it apart by hand when everything else is lost):
 *
 *   juara-backup.json           what this is (format, version, counts)
 *   juara.db                    the database snapshot
 *   files/<ab>/<sha256 hex>     each evidence file (and thumbnail) the snapshot's rows name
 *
 * Consistency: SQLite's online backup takes the snapshot first, then the file list is read from
 * the snapshot (not the live database). Evidence files are immutable and content-addressed, so a
 * file is either complete under its hash or absent, and an upload after the snapshot is simply
 * not in the archive (nor its row). Nothing under `<files>/tmp/` (writes in progress) is ever read.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import * as tar from "tar";

export const MANIFEST_ENTRY = "juara-backup.json";
export const DATABASE_ENTRY = "juara.db";
const FORMAT = "juara-backup";
const VERSION = 1;
const HASH = /^[0-9a-f]{64}$/;
const FILE_ENTRY = /^files\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
/** how many names a message lists before "and N more" */
const LISTED = 5;

interface Manifest {
  format: typeof FORMAT;
  version: number;
  created: string;
  database: typeof DATABASE_ENTRY;
  files: number;
  fileBytes: number;
}

/** Where a content-addressed file lives under the files folder: `<ab>/<hash>`. */
export function evidenceFilePath(filesDir: string, hash: string): string {
  return path.join(filesDir, hash.slice(0, 2), hash);
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function listNames(names: string[]): string {
  const shown = names.slice(0, LISTED).join(", ");
  return names.length > LISTED ? `${shown} and ${names.length - LISTED} more` : shown;
}

/**
 * The distinct hashes (file and thumbnail) the evidence rows of a database file name. A database
 * from before evidence files has no such table: none. A malformed hash is reported, never used
 * as a path.
 */
function referencedHashes(db: SqliteDatabase.Database): { hashes: string[]; malformed: number } {
  const table = db
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'evidence_files'")
    .get();
  if (!table) return { hashes: [], malformed: 0 };
  const rows = db
    .prepare(
      `select file_hash as hash from evidence_files where file_hash is not null
       union select thumb_hash from evidence_files where thumb_hash is not null`,
    )
    .all() as { hash: string }[];
  const hashes = rows.map((r) => r.hash);
  const good = hashes.filter((h) => HASH.test(h)).sort();
  return { hashes: good, malformed: hashes.length - good.length };
}

/** Opens a database file, runs SQLite's integrity check and reads the hashes its rows name. */
function inspectDatabase(
  file: string,
): { ok: true; hashes: string[] } | { ok: false; problem: string } {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, problem: `not a SQLite database (${(error as Error).message})` };
  }
  try {
    const check = String(db.pragma("integrity_check", { simple: true }));
    if (check !== "ok") return { ok: false, problem: `it failed its integrity check (${check})` };
    const { hashes, malformed } = referencedHashes(db);
    if (malformed > 0)
      return { ok: false, problem: `${malformed} evidence rows name a malformed file hash` };
    return { ok: true, hashes };
  } catch (error) {
    return { ok: false, problem: `not a readable database (${(error as Error).message})` };
  } finally {
    db.close();
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    fsyncFile(dir);
  } catch {
    // some file systems refuse to sync a directory; the rename is still atomic
  }
}

// ------------------------------------------------------------------------------------- backup

export interface BackupSummary {
  archive: string;
  databaseBytes: number;
  files: number;
  fileBytes: number;
  archiveBytes: number;
}

export type BackupResult = ({ ok: true } & BackupSummary) | { ok: false; problem: string };

/**
 * Writes the archive to a temporary name beside `target` and renames it into place only once it
 * has been read back and checked: a crash or a refusal never leaves half a backup under the
 * target's name. `afterSnapshot` runs between the snapshot and the file list (tests use it to
 * write concurrently).
 */
export async function writeBackup(options: {
  /** the live database, open (the server may be writing beside it) */
  live: SqliteDatabase.Database;
  filesDir: string;
  target: string;
  afterSnapshot?: () => void | Promise<void>;
}): Promise<BackupResult> {
  const archive = path.resolve(options.target);
  fs.mkdirSync(path.dirname(archive), { recursive: true });
  const work = fs.mkdtempSync(
    path.join(path.dirname(archive), `.${path.basename(archive)}.partial-`),
  );
  try {
    const snapshot = path.join(work, DATABASE_ENTRY);
    // SQLite's online backup copies a consistent snapshot while the server keeps writing.
    await options.live.backup(snapshot);
    await options.afterSnapshot?.();
    // the archived database is one self-contained file: no -wal beside it to lose
    const own = new SqliteDatabase(snapshot);
    own.pragma("journal_mode = DELETE");
    own.close();
    const inspected = inspectDatabase(snapshot);
    if (!inspected.ok)
      return { ok: false, problem: `The database snapshot: ${inspected.problem}.` };
    const { hashes } = inspected;

    let fileBytes = 0;
    const missing: string[] = [];
    for (const hash of hashes) {
      try {
        const stat = fs.statSync(evidenceFilePath(options.filesDir, hash));
        if (!stat.isFile()) missing.push(hash);
        else fileBytes += stat.size;
      } catch {
        missing.push(hash);
      }
    }
    if (missing.length > 0)
      return {
        ok: false,
        problem:
          `${missing.length} evidence files the database refers to are missing from ` +
          `${options.filesDir}: ${listNames(missing)}. A backup without them could not be ` +
          `restored; nothing was written.`,
      };

    const manifest: Manifest = {
      format: FORMAT,
      version: VERSION,
      created: new Date().toISOString(),
      database: DATABASE_ENTRY,
      files: hashes.length,
      fileBytes,
    };
    fs.writeFileSync(path.join(work, MANIFEST_ENTRY), JSON.stringify(manifest, null, 2) + "\n");
    const partial = path.join(work, "archive.tar");
    // portable: no owner names or ids of this machine in the archive
    await tar.create({ file: partial, cwd: work, portable: true }, [
      MANIFEST_ENTRY,
      DATABASE_ENTRY,
    ]);
    if (hashes.length > 0)
      await tar.replace(
        { file: partial, cwd: options.filesDir, prefix: "files", portable: true },
        hashes.map((h) => `${h.slice(0, 2)}/${h}`),
      );

    // read what was written back: every file's bytes must hash to its name, and the database
    // must be the snapshot, before the archive takes the target's name
    const read = await readArchive(partial);
    const databaseHash = await sha256File(snapshot);
    const problems = archiveProblems(read, hashes);
    if (read.entries.get(DATABASE_ENTRY)?.sha256 !== databaseHash)
      problems.push("the database in the archive is not the snapshot");
    if (problems.length > 0)
      return { ok: false, problem: `The archive did not check out: ${problems.join("; ")}.` };

    fsyncFile(partial);
    fs.renameSync(partial, archive);
    fsyncDir(path.dirname(archive));
    return {
      ok: true,
      archive,
      databaseBytes: fs.statSync(snapshot).size,
      files: hashes.length,
      fileBytes,
      archiveBytes: fs.statSync(archive).size,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

interface ArchiveEntry {
  type: string;
  size: number;
  sha256: string;
}

/** Every entry of an archive with its type, size and the sha256 of its bytes, in one pass. */
async function readArchive(file: string): Promise<{ entries: Map<string, ArchiveEntry> }> {
  const entries = new Map<string, ArchiveEntry>();
  await tar.list({
    file,
    strict: true,
    onReadEntry(entry) {
      const hash = crypto.createHash("sha256");
      let size = 0;
      entry.on("data", (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
      });
      entry.on("end", () => {
        entries.set(entry.path, { type: entry.type, size, sha256: hash.digest("hex") });
      });
    },
  });
  return { entries };
}

function archiveProblems(read: { entries: Map<string, ArchiveEntry> }, hashes: string[]) {
  const problems: string[] = [];
  for (const name of [MANIFEST_ENTRY, DATABASE_ENTRY])
    if (read.entries.get(name)?.type !== "File") problems.push(`${name} is missing`);
  const altered: string[] = [];
  const absent: string[] = [];
  for (const hash of hashes) {
    const entry = read.entries.get(`files/${hash.slice(0, 2)}/${hash}`);
    if (!entry || entry.type !== "File") absent.push(hash);
    else if (entry.sha256 !== hash) altered.push(hash);
  }
  if (absent.length) problems.push(`${absent.length} files are missing: ${listNames(absent)}`);
  if (altered.length)
    problems.push(`${altered.length} files do not match their hash: ${listNames(altered)}`);
  return problems;
}

// ------------------------------------------------------------------------------------ restore

/** What a file given to `restore` is, from its first bytes. */
export function backupKind(file: string): "archive" | "database" | "unknown" {
  const head = Buffer.alloc(512);
  const fd = fs.openSync(file, "r");
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read >= 16 && head.subarray(0, 16).toString("latin1") === "SQLite format 3\0")
    return "database";
  if (read === 512 && head.subarray(257, 262).toString("latin1") === "ustar") return "archive";
  if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "archive"; // gzipped by hand
  return "unknown";
}

/** An archive taken apart in a staging folder and checked, ready to be put in place. */
export interface StagedBackup {
  dir: string;
  database: string;
  databaseBytes: number;
  /** hash → its staged file, every one verified against its hash */
  files: Map<string, string>;
  fileBytes: number;
  created: string;
  remove: () => void;
}

export type StageResult = { ok: true; staged: StagedBackup } | { ok: false; problem: string };

/**
 * Extracts an archive into `<files>/tmp/restore-…` (the same file system as the files, so
 * placing them is a rename) and checks all of it: only the expected entries, the manifest, the
 * database's integrity, and every file the database names present with bytes matching its hash.
 * Nothing outside the staging folder is touched; on a refusal it is removed.
 */
export async function stageArchive(archive: string, filesDir: string): Promise<StageResult> {
  const tmp = path.join(filesDir, "tmp");
  fs.mkdirSync(tmp, { recursive: true });
  const dir = fs.mkdtempSync(path.join(tmp, "restore-"));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const refuse = (problem: string): StageResult => {
    remove();
    return { ok: false, problem };
  };

  const unexpected: string[] = [];
  try {
    await tar.extract({
      file: archive,
      cwd: dir,
      strict: true,
      preserveOwner: false,
      filter(name, entry) {
        // `./x` as `tar -C folder .` writes it, for an archive repacked by hand
        const p = name.replace(/^\.\//, "").replace(/\/$/, "") || ".";
        const type = "type" in entry ? entry.type : undefined;
        const file = FILE_ENTRY.exec(p);
        const wanted =
          type === "File"
            ? p === MANIFEST_ENTRY ||
              p === DATABASE_ENTRY ||
              (file !== null && file[2]!.startsWith(file[1]!))
            : type === "Directory" &&
              (p === "." || p === "files" || /^files\/[0-9a-f]{2}$/.test(p));
        if (!wanted) unexpected.push(name);
        return wanted;
      },
    });
  } catch (error) {
    return refuse(`it is not a readable backup archive (${(error as Error).message})`);
  }
  if (unexpected.length > 0)
    return refuse(`it holds entries a Juara backup never has: ${listNames(unexpected)}`);

  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(
      fs.readFileSync(path.join(dir, MANIFEST_ENTRY), "utf8"),
    ) as Partial<Manifest>;
  } catch {
    return refuse(`it has no readable ${MANIFEST_ENTRY}, so it is not a Juara backup`);
  }
  if (manifest.format !== FORMAT) return refuse("it is not a Juara backup");
  if (manifest.version !== VERSION)
    return refuse(
      `it is a version ${String(manifest.version)} backup; this Juara reads version ${VERSION}`,
    );

  const database = path.join(dir, DATABASE_ENTRY);
  if (!fs.existsSync(database)) return refuse(`it has no ${DATABASE_ENTRY}`);
  const inspected = inspectDatabase(database);
  if (!inspected.ok) return refuse(`its database: ${inspected.problem}`);

  // every file in the archive must be what its name says, referenced or not
  const files = new Map<string, string>();
  const altered: string[] = [];
  let fileBytes = 0;
  const filesRoot = path.join(dir, "files");
  const prefixes = fs.existsSync(filesRoot) ? fs.readdirSync(filesRoot) : [];
  for (const prefix of prefixes)
    for (const name of fs.readdirSync(path.join(filesRoot, prefix))) {
      const file = path.join(filesRoot, prefix, name);
      if ((await sha256File(file)) !== name) altered.push(name);
      else {
        files.set(name, file);
        fileBytes += fs.statSync(file).size;
      }
    }
  if (altered.length > 0)
    return refuse(
      `${altered.length} files in it do not match their hash (damaged or altered): ${listNames(altered)}`,
    );
  const missing = inspected.hashes.filter((h) => !files.has(h));
  if (missing.length > 0)
    return refuse(
      `${missing.length} evidence files its database refers to are missing from it: ${listNames(missing)}`,
    );
  return {
    ok: true,
    staged: {
      dir,
      database,
      databaseBytes: fs.statSync(database).size,
      files,
      fileBytes,
      created: String(manifest.created ?? "?"),
      remove,
    },
  };
}

/**
 * Puts staged files in place under their hash. A file already there with the right bytes is
 * kept; one there with wrong bytes (damaged) is replaced. Files of the folder that the backup
 * does not hold stay: they are content-addressed, so they cannot clash, and the database kept
 * aside by the restore may still refer to them.
 */
export async function placeFiles(
  staged: StagedBackup,
  filesDir: string,
): Promise<{ placed: number; alreadyPresent: number }> {
  let placed = 0;
  let alreadyPresent = 0;
  for (const [hash, from] of staged.files) {
    const to = evidenceFilePath(filesDir, hash);
    if (fs.existsSync(to) && (await sha256File(to)) === hash) {
      alreadyPresent += 1;
      continue;
    }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fsyncFile(from);
    fs.renameSync(from, to);
    fsyncDir(path.dirname(to));
    placed += 1;
  }
  return { placed, alreadyPresent };
}

/**
 * What the files folder holds against what a database refers to: the referenced files missing
 * from it, and how many files it has that the database does not name (left in place).
 */
export function compareFolder(
  databaseFile: string,
  filesDir: string,
): { missing: string[]; unreferenced: number } {
  const inspected = inspectDatabase(databaseFile);
  const referenced = new Set(inspected.ok ? inspected.hashes : []);
  const missing = [...referenced].filter((h) => !fs.existsSync(evidenceFilePath(filesDir, h)));
  let unreferenced = 0;
  const prefixes = fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : [];
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue; // tmp/ and anything else not ours
    for (const name of fs.readdirSync(path.join(filesDir, prefix)))
      if (HASH.test(name) && !referenced.has(name)) unreferenced += 1;
  }
  return { missing, unreferenced };
}

/** "1.2 MB", "340 kB", "12 B" (decimal units, as disks and file managers count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1000;
    unit += 1;
  } while (value >= 1000 && unit < units.length - 1);
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
