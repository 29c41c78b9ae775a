import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import * as tar from "tar";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeBackup } from "../../bin/backup";
import { runCli } from "../../bin/cli";
import { createSqliteDb } from "../../db/connection";
import { tempDir } from "../support/db";

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/**
 * backup and restore: a consistent copy of the SQLite file (and the evidence files) and putting
 * it back. SQLite's own (PostgreSQL is backed up with pg_dump; docs/deploy.md), so this file runs
 * in the sqlite project only (vitest.config.ts SQLITE_ONLY).
 */
describe("npm run juara -- backup / restore", () => {
  let dir: { dir: string; remove: () => void };
  let dbFile: string;
  beforeEach(() => {
    dir = tempDir();
    dbFile = path.join(dir.dir, "juara.db");
    process.env.DATABASE_URL = `file:${dbFile}`;
  });
  afterEach(() => dir.remove());

  const count = (table: string) => {
    const db = new SqliteDatabase(dbFile, { readonly: true });
    const n = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    db.close();
    return n;
  };

  it("backup writes a consistent copy that passes the integrity check", async () => {
    await cli(["seed", "--demo"]);
    const target = path.join(dir.dir, "copy.tar");
    const res = await cli(["backup", target]);
    expect(res.code).toBe(0);
    const unpacked = path.join(dir.dir, "unpacked");
    fs.mkdirSync(unpacked);
    await tar.extract({ file: target, cwd: unpacked });
    const copy = new SqliteDatabase(path.join(unpacked, "juara.db"), { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(
      (copy.prepare("select count(*) as n from scores").get() as { n: number }).n,
    ).toBeGreaterThan(0);
    copy.close();
  });

  it("restore puts a backup back, keeping the replaced database aside, and refuses a broken file", async () => {
    await cli(["seed", "--demo"]);
    const backupFile = path.join(dir.dir, "backup.tar");
    expect((await cli(["backup", backupFile])).code).toBe(0);
    // after the backup, someone adds an account; restoring goes back to before it
    await cli([
      "user:create",
      "--email",
      "later@x.id",
      "--name",
      "Later",
      "--role",
      "judge",
      "--password",
      "12345678",
    ]);
    expect(count("users")).toBe(6);
    const restored = await cli(["restore", backupFile]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain("was kept as");
    expect(count("users")).toBe(5);
    const kept = fs.readdirSync(dir.dir).find((f) => f.includes(".before-restore-"));
    expect(kept).toBeTruthy();

    const junk = path.join(dir.dir, "junk.db");
    fs.writeFileSync(junk, "this is not a database at all, just text".repeat(100));
    const refused = await cli(["restore", junk]);
    expect(refused.code).toBe(1);
    expect(count("users")).toBe(5);
    expect((await cli(["restore", path.join(dir.dir, "missing.db")])).code).toBe(1);
  });
});

describe("npm run juara -- backup / restore with evidence files", () => {
  let dir: { dir: string; remove: () => void };
  let dbFile: string;
  let filesDir: string;
  beforeEach(async () => {
    dir = tempDir();
    useDataFolder(path.join(dir.dir, "live"));
    expect((await cli(["seed", "--demo"])).code).toBe(0);
  });
  afterEach(() => dir.remove());

  /** Points the CLI at a data folder: its database, and its files beside it (the default). */
  function useDataFolder(folder: string) {
    dbFile = path.join(folder, "juara.db");
    filesDir = path.join(folder, "files");
    process.env.DATABASE_URL = `file:${dbFile}`;
    delete process.env.FILES_DIR;
  }

  const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");
  const hashPath = (folder: string, hash: string) => path.join(folder, hash.slice(0, 2), hash);

  /** Writes a file where the upload code puts it: `<files>/<ab>/<sha256>`. */
  function putFile(content: string | Buffer, folder = filesDir): string {
    const bytes = Buffer.from(content);
    const hash = sha256(bytes);
    fs.mkdirSync(path.join(folder, hash.slice(0, 2)), { recursive: true });
    fs.writeFileSync(hashPath(folder, hash), bytes);
    return hash;
  }

  /** An image row of the library's own evidence, as the upload code writes it. */
  function addEvidence(file: string, fileHash: string, thumbHash: string) {
    const db = new SqliteDatabase(file);
    const entry = db.prepare("select id from entries order by id limit 1").get() as { id: number };
    const user = db.prepare("select id from users order by id limit 1").get() as { id: number };
    db.prepare(
      `insert into evidence_files (entry_id, uploaded_by, source, kind, file_hash, thumb_hash,
         original_name, mime, bytes, created_at)
       values (?, ?, 'library', 'image', ?, ?, 'foto.jpg', 'image/jpeg', 100, ?)`,
    ).run(entry.id, user.id, fileHash, thumbHash, new Date().toISOString());
    db.close();
  }

  function evidenceRows(file: string) {
    const db = new SqliteDatabase(file, { readonly: true });
    const rows = db
      .prepare("select id, kind, file_hash, thumb_hash, url from evidence_files order by id")
      .all();
    db.close();
    return rows;
  }

  async function archiveEntries(archive: string): Promise<string[]> {
    const names: string[] = [];
    await tar.list({ file: archive, onReadEntry: (e) => names.push(e.path) });
    return names.sort();
  }

  /** Every file under a folder with its bytes: what "nothing changed" compares. */
  function folderState(folder: string): Record<string, string> {
    const state: Record<string, string> = {};
    if (!fs.existsSync(folder)) return state;
    for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) {
      const full = path.join(folder, name);
      if (fs.statSync(full).isFile()) state[name] = sha256(fs.readFileSync(full));
    }
    return state;
  }

  /** Three evidence rows sharing two photos (each with its thumbnail), and a video link. */
  function addThreeRows() {
    const photoA = putFile(crypto.randomBytes(50_000));
    const thumbA = putFile("thumbnail of A");
    const photoB = putFile(crypto.randomBytes(30_000));
    const thumbB = putFile("thumbnail of B");
    addEvidence(dbFile, photoA, thumbA);
    addEvidence(dbFile, photoA, thumbA); // the same photo uploaded for a second indicator
    addEvidence(dbFile, photoB, thumbB);
    const db = new SqliteDatabase(dbFile);
    const entry = db.prepare("select id from entries order by id limit 1").get() as { id: number };
    const user = db.prepare("select id from users order by id limit 1").get() as { id: number };
    db.prepare(
      `insert into evidence_files (entry_id, uploaded_by, source, kind, url, created_at)
       values (?, ?, 'library', 'video', 'https://youtu.be/profil', ?)`,
    ).run(entry.id, user.id, new Date().toISOString());
    db.close();
    return { photoA, thumbA, photoB, thumbB };
  }

  it("backs up the database and the files its rows name (not in-progress writes, not orphans), and restores both into a fresh folder byte-identical", async () => {
    const { photoA, thumbA, photoB, thumbB } = addThreeRows();
    const orphan = putFile("an upload whose row was never committed");
    fs.mkdirSync(path.join(filesDir, "tmp"), { recursive: true });
    fs.writeFileSync(path.join(filesDir, "tmp", "upload-123"), "half a photo");

    const archive = path.join(dir.dir, "backup.tar");
    const res = await cli(["backup", archive]);
    expect(res).toMatchObject({ code: 0, err: "" });
    expect(res.out).toContain("4 evidence files");
    const expected = [photoA, thumbA, photoB, thumbB].map((h) => `files/${h.slice(0, 2)}/${h}`);
    expect(await archiveEntries(archive)).toEqual(
      ["juara-backup.json", "juara.db", ...expected].sort(),
    );
    expect(await archiveEntries(archive)).not.toContain(`files/${orphan.slice(0, 2)}/${orphan}`);
    // nothing temporary is left beside the archive
    expect(fs.readdirSync(dir.dir).sort()).toEqual(["backup.tar", "live"]);

    const liveRows = evidenceRows(dbFile);
    expect(liveRows).toHaveLength(4);
    const liveFiles = folderState(filesDir);

    useDataFolder(path.join(dir.dir, "fresh"));
    const restored = await cli(["restore", archive]);
    expect(restored).toMatchObject({ code: 0, err: "" });
    expect(restored.out).toContain("4 evidence files");
    expect(restored.out).toContain("4 put in place and 0 already there");
    expect(evidenceRows(dbFile)).toEqual(liveRows);
    for (const hash of [photoA, thumbA, photoB, thumbB]) {
      const name = path.join(hash.slice(0, 2), hash);
      expect(sha256(fs.readFileSync(hashPath(filesDir, hash)))).toBe(liveFiles[name]);
    }
    const fresh = folderState(filesDir);
    expect(Object.keys(fresh).sort()).toEqual(
      [photoA, thumbA, photoB, thumbB].map((h) => path.join(h.slice(0, 2), h)).sort(),
    );
    expect(count(dbFile, "users")).toBe(5);
  });

  it("refuses an archive with a file removed, a file altered, a foreign entry or a link, and changes nothing", async () => {
    const { photoA, thumbB } = addThreeRows();
    const archive = path.join(dir.dir, "backup.tar");
    expect((await cli(["backup", archive])).code).toBe(0);

    // the live folder moves on after the backup: a new account
    expect(
      (
        await cli([
          "user:create",
          "--email",
          "later@x.id",
          "--name",
          "Later",
          "--role",
          "judge",
          "--password",
          "12345678",
        ])
      ).code,
    ).toBe(0);

    const unpacked = path.join(dir.dir, "unpacked");
    fs.mkdirSync(unpacked);
    await tar.extract({ file: archive, cwd: unpacked });
    const repack = async (name: string, change: (folder: string) => void) => {
      const copy = path.join(dir.dir, `copy-${name}`);
      fs.cpSync(unpacked, copy, { recursive: true });
      change(copy);
      const file = path.join(dir.dir, `${name}.tar`);
      await tar.create({ file, cwd: copy }, fs.readdirSync(copy));
      return file;
    };
    const removed = await repack("removed", (f) =>
      fs.rmSync(hashPath(path.join(f, "files"), photoA)),
    );
    const altered = await repack("altered", (f) =>
      fs.appendFileSync(hashPath(path.join(f, "files"), thumbB), "x"),
    );
    const foreign = await repack("foreign", (f) =>
      fs.writeFileSync(path.join(f, "notes.txt"), "hi"),
    );
    // a link in place of a file would make the restore write outside the files folder
    const linkHash = sha256(Buffer.from("not really here"));
    const linked = await repack("linked", (f) => {
      fs.mkdirSync(path.join(f, "files", linkHash.slice(0, 2)), { recursive: true });
      fs.symlinkSync("/etc/passwd", hashPath(path.join(f, "files"), linkHash));
    });

    const before = { db: sha256(fs.readFileSync(dbFile)), files: folderState(filesDir) };
    const data = path.dirname(dbFile);
    // SQLite's own -wal/-shm come and go with any reader; what matters is no database kept aside
    const listing = () => fs.readdirSync(data).filter((f) => !/-(wal|shm)$/.test(f));
    const namesBefore = listing();
    for (const [file, message] of [
      [removed, /1 evidence files its database refers to are missing from it: [0-9a-f]{64}/],
      [altered, /1 files in it do not match their hash/],
      [foreign, /entries a Juara backup never has: notes\.txt/],
      [linked, new RegExp(`entries a Juara backup never has: files/../${linkHash}`)],
    ] as const) {
      const refused = await cli(["restore", file]);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(message);
      expect(refused.err).toContain("Nothing was changed.");
      expect(refused.out).toBe("");
      expect(sha256(fs.readFileSync(dbFile))).toBe(before.db);
      expect(folderState(filesDir)).toEqual(before.files);
      expect(listing()).toEqual(namesBefore);
      expect(count(dbFile, "users")).toBe(6);
    }
    // the removed file is named
    expect((await cli(["restore", removed])).err).toContain(photoA);

    // into a fresh folder too: nothing is created
    useDataFolder(path.join(dir.dir, "fresh"));
    expect((await cli(["restore", removed])).code).toBe(1);
    expect(fs.existsSync(dbFile)).toBe(false);
    expect(Object.keys(folderState(filesDir))).toEqual([]);
  });

  it("refuses to back up a database whose rows name a file that is not in the folder, writing nothing", async () => {
    const { photoB } = addThreeRows();
    fs.rmSync(hashPath(filesDir, photoB));
    const archive = path.join(dir.dir, "backup.tar");
    const res = await cli(["backup", archive]);
    expect(res.code).toBe(1);
    expect(res.err).toContain(`1 evidence files the database refers to are missing`);
    expect(res.err).toContain(photoB);
    expect(fs.readdirSync(dir.dir)).toEqual(["live"]);
  });

  it("still restores a database-only backup from before archives, leaving the files as they are", async () => {
    const { photoA } = addThreeRows();
    // what `backup` wrote before it held the files: SQLite's online backup to a plain file
    const old = path.join(dir.dir, "old-backup.db");
    const live = new SqliteDatabase(dbFile);
    await live.backup(old);
    live.close();
    const extra = putFile("uploaded after the old backup");
    const filesBefore = folderState(filesDir);
    expect(
      (
        await cli([
          "user:create",
          "--email",
          "later@x.id",
          "--name",
          "Later",
          "--role",
          "judge",
          "--password",
          "12345678",
        ])
      ).code,
    ).toBe(0);

    const restored = await cli(["restore", old]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain("database-only backup");
    expect(restored.out).toContain("was kept as");
    expect(count(dbFile, "users")).toBe(5);
    expect(evidenceRows(dbFile)).toHaveLength(4);
    expect(folderState(filesDir)).toEqual(filesBefore);
    expect(fs.existsSync(hashPath(filesDir, extra))).toBe(true);
    expect(fs.existsSync(hashPath(filesDir, photoA))).toBe(true);
  });

  it("keeps a write made during the backup out of it, and the archive stays consistent", async () => {
    const { photoA, thumbA, photoB, thumbB } = addThreeRows();
    const archive = path.join(dir.dir, "backup.tar");
    const { sqlite } = createSqliteDb(`file:${dbFile}`);
    let lateFile = "";
    let lateThumb = "";
    const result = await writeBackup({
      live: sqlite,
      filesDir,
      target: archive,
      // an upload lands between the snapshot and the copying of the files: its file first,
      // then its row, as the upload code does
      afterSnapshot: () => {
        lateFile = putFile(crypto.randomBytes(20_000));
        lateThumb = putFile("thumbnail of the late photo");
        addEvidence(dbFile, lateFile, lateThumb);
      },
    });
    sqlite.close();
    expect(result).toMatchObject({ ok: true, files: 4 });
    expect(evidenceRows(dbFile)).toHaveLength(5);

    const names = await archiveEntries(archive);
    expect(names).toEqual(
      [
        "juara-backup.json",
        "juara.db",
        ...[photoA, thumbA, photoB, thumbB].map((h) => `files/${h.slice(0, 2)}/${h}`),
      ].sort(),
    );
    expect(names.some((n) => n.endsWith(lateFile) || n.endsWith(lateThumb))).toBe(false);

    // the archive restores (every row it holds has its file) and holds no trace of the upload
    useDataFolder(path.join(dir.dir, "fresh"));
    const restored = await cli(["restore", archive]);
    expect(restored).toMatchObject({ code: 0, err: "" });
    const rows = evidenceRows(dbFile) as { file_hash: string | null }[];
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.file_hash)).not.toContain(lateFile);
    expect(fs.existsSync(hashPath(filesDir, lateFile))).toBe(false);
  });
});

function count(file: string, table: string): number {
  const db = new SqliteDatabase(file, { readonly: true });
  const n = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  db.close();
  return n;
}
