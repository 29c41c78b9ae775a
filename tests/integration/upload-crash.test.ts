import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { isPostgres } from "../../db/dialect";
import { tempDir } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { startServer, type RunningServer } from "../support/server";
import {
  createUploadFixture,
  logInLibrary,
  photoFiles,
  postUpload,
  sha256File,
  type UploadFixture,
  type UploadRequest,
} from "../support/uploads";

const LIBRARIES = 6;
const PHOTOS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** As in crash.test.ts: the ceiling only stops a hung run on a busy 2-core machine. */
const CEILING_MS = 300_000;

/**
 * Crash safety of evidence uploads: the real server, several libraries posting multi-MB photos
 * at once, killed with SIGKILL at different moments of an upload (a photo half received, its photos
 * being re-encoded, between acknowledgements). After each kill, on disk and in the database: every
 * stored file is whole (its sha256 is its name) and every row names files that are there. After
 * the restart the tmp folder is empty and every upload acknowledged before the kill is there.
 */
describe("crash safety of evidence uploads", () => {
  let data: { dir: string; remove: () => void };
  let prepared: PreparedDatabase;
  let fx: UploadFixture;
  let photos: Buffer[];

  beforeEach(async () => {
    data = tempDir();
    prepared = await preparedDatabase(data.dir);
    fx = await createUploadFixture(prepared.db, { slug: "unggah-2026", libraries: LIBRARIES });
    photos = (await photoFiles(PHOTOS, 3)).map((f) => fs.readFileSync(f));
  }, 120_000);
  afterEach(async () => {
    await prepared?.close();
    data?.remove();
  });

  it(
    "leaves no half file and no row without its file, and keeps every acknowledged upload, through SIGKILLs mid-upload",
    async () => {
      const filesDir = path.join(data.dir, "files");
      const env = { ...prepared.env, JUARA_NO_DEMO: "1" };
      let server: RunningServer = await startServer({ dataDir: data.dir, env });
      const port = server.port;
      const cookies = await Promise.all(fx.accounts.map((a) => logInLibrary(server.url, a.email)));

      // each library posts a form with two photos, again and again, while `running`
      const acked: { entryId: number; names: string[] }[] = [];
      const unexpected: string[] = [];
      const inFlight = new Set<UploadRequest>();
      let running = false;
      let loops: Promise<void>[] = [];
      let n = 0;
      const loop = async (i: number) => {
        const account = fx.accounts[i]!;
        while (running) {
          n++;
          const names = [`${account.code}-${n}-a.jpg`, `${account.code}-${n}-b.jpg`];
          const request = postUpload(server.url, fx.page, cookies[i]!, [
            { field: "evidence.A1", name: names[0]!, bytes: photos[n % PHOTOS]! },
            { field: "evidence.B1", name: names[1]!, bytes: photos[(n + 3) % PHOTOS]! },
          ]);
          inFlight.add(request);
          const answer = await request.done;
          inFlight.delete(request);
          if (answer.status === 302 && answer.location === `${fx.page}?done=stored`)
            acked.push({ entryId: account.entryId, names });
          else if (answer.status !== null) unexpected.push(`${names[0]}: ${answer.status}`);
          else await sleep(100); // the server is gone: the test restarts it
        }
      };
      const startLoad = () => {
        running = true;
        loops = fx.accounts.map((_, i) => loop(i));
      };
      const stopLoad = async () => {
        running = false;
        await Promise.all(loops);
      };
      const waitFor = async (condition: () => boolean) => {
        while (!condition()) await sleep(5);
      };
      const tmpFolder = path.join(filesDir, "tmp");
      const inTmp = () => (fs.existsSync(tmpFolder) ? fs.readdirSync(tmpFolder) : []);
      const smallest = Math.min(...photos.map((p) => p.length));

      const moments: { name: string; trigger: () => Promise<void> }[] = [
        {
          name: "between acknowledgements",
          trigger: async () => {
            const before = acked.length;
            await waitFor(() => acked.length >= before + 3);
            await sleep(Math.floor(Math.random() * 200));
          },
        },
        {
          name: "with a photo half received",
          // the server is streaming a photo to tmp: what the client has sent may still sit in
          // the socket's buffers, so the server's side is what is watched
          trigger: () =>
            waitFor(() =>
              inTmp().some((name) => {
                if (!name.startsWith("u-")) return false;
                const size = fileSize(path.join(tmpFolder, name));
                return size > 0.2 * smallest && size < 0.8 * smallest;
              }),
            ),
        },
        {
          name: "while photos are re-encoded",
          trigger: async () => {
            await waitFor(() => [...inFlight].filter((r) => r.bodyDone).length >= 3);
            await sleep(Math.floor(Math.random() * 300));
          },
        },
      ];

      const leftInTmp: number[] = [];
      try {
        for (const moment of moments) {
          startLoad();
          await moment.trigger();
          const tmpBefore = inTmp().length;
          await server.kill();
          await stopLoad();
          leftInTmp.push(tmpBefore);

          const afterKill = await checkStore(prepared.url, filesDir);
          expect(afterKill.integrity, moment.name).toBe("ok");
          expect(afterKill.halfFiles, moment.name).toEqual([]);
          expect(afterKill.missing, moment.name).toEqual([]);

          server = await startServer({ dataDir: data.dir, port, env });
          // the clean-up ran before the server listened: nothing of an interrupted upload is left
          expect(inTmp(), moment.name).toEqual([]);
          const restarted = await checkStore(prepared.url, filesDir);
          expect(restarted.halfFiles, moment.name).toEqual([]);
          expect(restarted.missing, moment.name).toEqual([]);
          expect(restarted.unreferenced, moment.name).toEqual([]);
          expect(await lostUploads(prepared.url, acked), moment.name).toEqual([]);
        }
        // the libraries (same sessions) upload again after the last restart
        const before = acked.length;
        startLoad();
        await waitFor(() => acked.length >= before + 2);
        await stopLoad();
      } finally {
        running = false;
        await Promise.all(loops);
        await server.stop();
      }
      expect(unexpected).toEqual([]);
      const final = await checkStore(prepared.url, filesDir);
      expect(final.integrity).toBe("ok");
      expect(final.halfFiles).toEqual([]);
      expect(final.missing).toEqual([]);
      expect(await lostUploads(prepared.url, acked)).toEqual([]);
      // the kills did land in the middle of uploads
      expect(leftInTmp.some((count) => count > 0)).toBe(true);
      console.log(
        `upload crash safety: ${moments.length} SIGKILLs (files in tmp at each kill: ${leftInTmp.join(", ")}), ${acked.length} acknowledged uploads of 2 photos from ${LIBRARIES} libraries verified, ${final.rows} rows, 0 lost`,
      );
    },
    CEILING_MS,
  );
});

/**
 * The store as a crash left it, read while the server is down (or idle). `integrity` is SQLite's
 * check of its own file, which the killed process was writing; a PostgreSQL database lives in the
 * server's process, which the kill did not touch, and only has to answer.
 */
async function checkStore(url: string, filesDir: string) {
  const { db } = createDb(url, { poolSize: 1 });
  try {
    const integrity = isPostgres(db)
      ? (await sql<{ ok: string }>`select 'ok' as ok`.execute(db)).rows[0]!.ok
      : (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]!
          .integrity_check;
    const rows = await db
      .selectFrom("evidence_files")
      .select(["id", "file_hash", "thumb_hash"])
      .where("kind", "<>", "video")
      .execute();
    const referenced = new Set(rows.flatMap((r) => [r.file_hash, r.thumb_hash]));
    const stored = (hash: string) => path.join(filesDir, hash.slice(0, 2), hash);
    const missing = rows.flatMap((r) =>
      [r.file_hash, r.thumb_hash]
        .filter((h): h is string => h !== null && !fs.existsSync(stored(h)))
        .map((h) => `row ${r.id}: ${h}`),
    );
    const halfFiles: string[] = [];
    const unreferenced: string[] = [];
    for (const prefix of fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : []) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of fs.readdirSync(path.join(filesDir, prefix))) {
        const file = path.join(filesDir, prefix, name);
        if (sha256File(file) !== name || !name.startsWith(prefix))
          halfFiles.push(`${prefix}/${name}`);
        if (!referenced.has(name)) unreferenced.push(`${prefix}/${name}`);
      }
    }
    return { integrity, rows: rows.length, missing, halfFiles, unreferenced };
  } finally {
    await db.destroy();
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // gone between the listing and now
  }
}

/** Acknowledged uploads whose photos have no row. */
async function lostUploads(
  url: string,
  acked: { entryId: number; names: string[] }[],
): Promise<string[]> {
  const { db } = createDb(url, { poolSize: 1 });
  try {
    const stored = new Set(
      (
        await db
          .selectFrom("evidence_files")
          .select(["entry_id", "original_name"])
          .where("kind", "=", "image")
          .execute()
      ).map((r) => `${r.entry_id}/${r.original_name}`),
    );
    return acked.flatMap((a) => a.names.filter((name) => !stored.has(`${a.entryId}/${name}`)));
  } finally {
    await db.destroy();
  }
}
