import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { DB } from "../../db/connection";
import { hashPassword } from "../../app/lib/password.server";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "./scoring";

/**
 * Many libraries uploading photos to the real server at once: the crash test and the upload
 * benchmark share the accounts, the photos and a client that counts the bytes it has sent.
 */

export interface UploadAccount {
  email: string;
  /** the library's code (`fx.codes[i]`) */
  code: string;
  entryId: number;
}

export interface UploadFixture extends ScoringFixture {
  accounts: UploadAccount[];
  /** the evidence page every account posts to */
  page: string;
}

/**
 * A competition in scoring with `libraries` entries, each with a library account (password
 * FIXTURE_PASSWORD) and the self-assessment window open, written straight to the database.
 */
export async function createUploadFixture(
  db: DB,
  options: { slug: string; libraries: number },
): Promise<UploadFixture> {
  const fx = await createScoringFixture(db, {
    slug: options.slug,
    entries: options.libraries,
    judges: 1,
  });
  const hash = await hashPassword(FIXTURE_PASSWORD);
  const now = new Date().toISOString();
  await db
    .updateTable("competitions")
    .set({
      self_assessment_opens: "2000-01-01T00:00:00.000Z",
      self_assessment_closes: "2999-12-31T23:59:59.999Z",
    })
    .where("id", "=", fx.competitionId)
    .execute();
  const entries = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["e.id as entryId", "l.id as libraryId", "l.code"])
    .where("e.competition_id", "=", fx.competitionId)
    .orderBy("e.id")
    .execute();
  const accounts: UploadAccount[] = [];
  for (const e of entries) {
    const email = `pengelola-${e.code.toLowerCase()}@juara.test`;
    await db
      .insertInto("users")
      .values({
        email,
        name: `Pengelola ${e.code}`,
        role: "library",
        library_id: e.libraryId,
        password_hash: hash,
        created_at: now,
        updated_at: now,
      })
      .execute();
    accounts.push({ email, code: e.code, entryId: e.entryId });
  }
  return { ...fx, accounts, page: `/library/${fx.slug}/evidence` };
}

/**
 * `count` distinct camera-sized JPEGs of about `megabytes` MB (noise, so every one hashes
 * differently and still compresses like a busy photo), made once and kept in the system's temp
 * folder for the next run. Answers their paths.
 */
export async function photoFiles(count: number, megabytes = 4): Promise<string[]> {
  // noise at quality 95 is about 0.9 bytes a pixel; a 4:3 frame of the wanted size
  const pixels = (megabytes * 1024 * 1024) / 0.9;
  const width = Math.round(Math.sqrt((pixels * 4) / 3) / 16) * 16;
  const height = Math.round((width * 3) / 4 / 16) * 16;
  const dir = path.join(os.tmpdir(), `juara-photos-${width}x${height}-q95`);
  fs.mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) => path.join(dir, `photo-${i}.jpg`));
  const missing = files.filter((f) => !fs.existsSync(f));
  // two at a time: the machine has two cores
  for (let i = 0; i < missing.length; i += 2) {
    await Promise.all(
      missing.slice(i, i + 2).map(async (file) => {
        const bytes = await sharp({
          create: {
            width,
            height,
            channels: 3,
            background: { r: 60 + crypto.randomInt(120), g: 120, b: 90 },
            noise: { type: "gaussian", mean: 110, sigma: 35 },
          },
        })
          .jpeg({ quality: 95 })
          .toBuffer();
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, bytes);
        fs.renameSync(tmp, file);
      }),
    );
  }
  return files;
}

/** A library account logged in: its session cookie. */
export async function logInLibrary(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ email, password: FIXTURE_PASSWORD }),
    headers: { Origin: baseUrl, "Sec-Fetch-Site": "same-origin" },
  });
  if (res.status !== 302) throw new Error(`login ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

export interface UploadPart {
  field: string;
  /** the file name the browser sends */
  name: string;
  bytes: Buffer;
}

export interface UploadRequest {
  /** bytes of the body written so far */
  sent: number;
  /** the whole body is written */
  bodyDone: boolean;
  total: number;
  /** the status, or null when the connection failed (the server went away) */
  done: Promise<{ status: number | null; location: string | null; ms: number }>;
}

const CHUNK = 64 * 1024;

/**
 * The evidence form (`intent=upload`, the files) posted as a browser does, through node:http so
 * the bytes sent so far can be watched. Never rejects: a dropped connection is status null.
 */
export function postUpload(
  baseUrl: string,
  page: string,
  cookie: string,
  parts: UploadPart[],
): UploadRequest {
  const boundary = `----juara${crypto.randomBytes(12).toString("hex")}`;
  const pieces: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n`),
  ];
  for (const p of parts) {
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"; filename="${p.name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      p.bytes,
      Buffer.from("\r\n"),
    );
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(pieces);
  const target = new URL(baseUrl + page);
  const state: UploadRequest = {
    sent: 0,
    bodyDone: false,
    total: body.length,
    done: Promise.resolve({ status: null, location: null, ms: 0 }),
  };
  const started = performance.now();
  state.done = new Promise((resolve) => {
    const settle = (status: number | null, location: string | null) =>
      resolve({ status, location, ms: performance.now() - started });
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent: false,
        headers: {
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": String(body.length),
          Cookie: cookie,
          Origin: baseUrl,
          "Sec-Fetch-Site": "same-origin",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => settle(res.statusCode ?? null, res.headers.location ?? null));
        res.on("error", () => settle(null, null));
      },
    );
    req.on("error", () => settle(null, null));
    const write = () => {
      while (state.sent < body.length) {
        const chunk = body.subarray(state.sent, state.sent + CHUNK);
        state.sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", write);
          return;
        }
      }
      state.bodyDone = true;
      req.end();
    };
    write();
  });
  return state;
}

/** sha256 of a file, hex. */
export function sha256File(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}
