import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { hashPassword } from "../../app/lib/password.server";
import { seedDemo } from "../../app/models/demo.server";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

/**
 * Evidence files through the real server (docs/decisions/012-self-assessment.md): the library's
 * upload page, what is refused and why, what is stored (re-encoded, no metadata, GPS and time kept
 * in the row), who may fetch a file, and the clean-up at start.
 */

const PAGE = "/library/kutim-2024/evidence";
const EXIF_GPS = {
  IFD0: { Make: "Uji", Model: "Kamera Desa" },
  IFD2: { DateTimeOriginal: "2025:08:17 09:30:15" },
  IFD3: {
    GPSLatitudeRef: "S",
    GPSLatitude: "0/1 30/1 0/1",
    GPSLongitudeRef: "E",
    GPSLongitude: "117/1 30/1 36/1",
  },
};

function noise(width: number, height: number) {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#3a6",
      noise: { type: "gaussian", mean: 120, sigma: 40 },
    },
  });
}

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real decompression bomb: a 1-bit PNG of 30000×30000 white pixels, about 110 kB deflated. */
function pngBomb(): Buffer {
  const side = 30000;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = zlib.deflateSync(Buffer.alloc(side * (1 + side / 8)), { level: 9 });
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    pngChunk("IHDR", header),
    pngChunk("IDAT", rows),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);

interface Fixtures {
  jpeg: Buffer;
  big: Buffer;
  png: Buffer;
  webp: Buffer;
}

let server: RunningServer;
let data: { dir: string; remove: () => void };
let db: DB;
let filesDir: string;
let fx: Fixtures;
let code: string;
let code2: string;
let entryId: number;
const clients: Record<string, HttpClient> = {};

function form(parts: [string, Buffer | string, string?, string?][]): FormData {
  const body = new FormData();
  body.set("intent", "upload");
  for (const [field, value, name, type] of parts) {
    if (typeof value === "string" && name === undefined) body.append(field, value);
    else
      body.append(
        field,
        new Blob([typeof value === "string" ? value : new Uint8Array(value)], {
          type: type ?? "application/octet-stream",
        }),
        name ?? "x",
      );
  }
  return body;
}

function rows() {
  return db
    .selectFrom("evidence_files")
    .selectAll()
    .where("entry_id", "=", entryId)
    .orderBy("id")
    .execute();
}

/** Every file under the files folder (the stored ones and anything left in tmp). */
function filesOnDisk(): string[] {
  if (!fs.existsSync(filesDir)) return [];
  return (fs.readdirSync(filesDir, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(filesDir, p)).isFile())
    .sort();
}

const stored = (hash: unknown) => path.join(filesDir, String(hash).slice(0, 2), String(hash));

async function upload(parts: Parameters<typeof form>[0], who = "library") {
  const res = await clients[who]!.post(PAGE, form(parts));
  return { status: res.status, text: await res.text(), location: res.headers.get("location") };
}

beforeAll(async () => {
  const big = await noise(3000, 2000).jpeg({ quality: 90 }).toBuffer();
  fx = {
    jpeg: await noise(1200, 900).withExif(EXIF_GPS).jpeg({ quality: 90 }).toBuffer(),
    big,
    png: await noise(300, 200).png().toBuffer(),
    webp: await sharp({
      create: {
        width: 200,
        height: 120,
        channels: 4,
        background: { r: 10, g: 90, b: 200, alpha: 0.5 },
      },
    })
      .webp()
      .toBuffer(),
  };

  data = tempDir();
  filesDir = path.join(data.dir, "files");
  ({ db } = createDb(await serverDatabaseUrl(data.dir), { poolSize: 2 }));
  await migrateToLatest(db);
  await seedDemo(db);
  const now = new Date().toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  const library = async (code: string) =>
    (
      await db
        .selectFrom("libraries")
        .select("id")
        .where("code", "=", code)
        .executeTakeFirstOrThrow()
    ).id;
  await db
    .insertInto("libraries")
    .values({
      code: "LAIN",
      name: "Perpustakaan Lain",
      type: "desa",
      created_at: now,
      updated_at: now,
    })
    .execute();
  const addUser = async (
    email: string,
    name: string,
    role: "library" | "judge",
    libraryId: number | null,
  ) =>
    db
      .insertInto("users")
      .values({
        email,
        name,
        role,
        library_id: libraryId,
        password_hash: hash,
        created_at: now,
        updated_at: now,
      })
      .execute();
  await addUser("pengelola@juara.test", "Bu Sari", "library", await library("SEPASO"));
  await addUser("lain@juara.test", "Pak Lain", "library", await library("LAIN"));
  await addUser("other@juara.test", "Juri Lain", "judge", null);
  const competition = await db
    .selectFrom("competitions")
    .select("id")
    .where("slug", "=", "kutim-2024")
    .executeTakeFirstOrThrow();
  // the self-assessment window is open
  await db
    .updateTable("competitions")
    .set({
      self_assessment_opens: "2000-01-01T00:00:00.000Z",
      self_assessment_closes: "2999-12-31T23:59:59.999Z",
    })
    .where("id", "=", competition.id)
    .execute();
  const sepaso = await library("SEPASO");
  entryId = (
    await db
      .selectFrom("entries")
      .select("id")
      .where("competition_id", "=", competition.id)
      .where("library_id", "=", sepaso)
      .executeTakeFirstOrThrow()
  ).id;
  const codes = await db
    .selectFrom("indicators")
    .select("code")
    .where("competition_id", "=", competition.id)
    .orderBy("id")
    .limit(2)
    .execute();
  code = codes[0]!.code;
  code2 = codes[1]!.code;

  server = await startServer({ dataDir: data.dir });
  const logins: Record<string, string> = {
    library: "pengelola@juara.test",
    otherLibrary: "lain@juara.test",
    judge: "juri1@juara.demo",
    otherJudge: "other@juara.test",
    chair: "ketua@juara.demo",
    admin: "admin@juara.demo",
  };
  clients.anonymous = new HttpClient(server.url);
  for (const [role, email] of Object.entries(logins)) {
    const client = new HttpClient(server.url);
    expect((await client.login(email, DEMO_PASSWORD)).status, role).toBe(302);
    clients[role] = client;
  }
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await server?.stop();
  await server?.cleanup();
  data?.remove();
});

describe("the library's evidence page", () => {
  it("shows a file input per indicator and the video field, without JavaScript", async () => {
    const res = await clients.library!.get(PAGE);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`name="evidence.${code}"`);
    expect(html).toContain('accept="image/jpeg,image/png,image/webp,application/pdf"');
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain('name="video"');
  });

  it("stores a JPEG with GPS re-encoded without metadata, keeping where and when in the row", async () => {
    const before = await sharp(fx.jpeg).metadata();
    expect(before.exif).toBeDefined();
    const answer = await upload([
      [`evidence.${code}`, fx.jpeg, "foto-ruang-baca.jpg", "image/jpeg"],
    ]);
    expect(answer.status, answer.text.slice(0, 300)).toBe(302);
    expect(answer.location).toBe(`${PAGE}?done=stored`);
    const [row] = await rows();
    expect(row).toMatchObject({
      source: "library",
      kind: "image",
      mime: "image/jpeg",
      original_name: "foto-ruang-baca.jpg",
      width: 1200,
      height: 900,
      stage_id: null,
      taken_at: "2025-08-17T09:30:15",
    });
    expect(row!.gps_lat).toBeCloseTo(-0.5, 6);
    expect(row!.gps_lon).toBeCloseTo(117.51, 6);
    const file = fs.readFileSync(stored(row!.file_hash));
    expect(file.byteLength).toBe(row!.bytes);
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    const thumb = await sharp(fs.readFileSync(stored(row!.thumb_hash))).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
    expect(thumb.exif).toBeUndefined();
    // recorded in the audit log
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "evidence_file")
      .where("entity_id", "=", String(row!.id))
      .executeTakeFirst();
    expect(audit).toEqual({ action: "upload" });
    // the page lists it with its thumbnail
    const html = await (await clients.library!.get(PAGE)).text();
    expect(html).toContain(`/files/${row!.id}/thumb`);
  });

  it("stores PNG, WebP (transparency kept, as WebP) and PDF (as it is), and bounds a large photo", async () => {
    const count = (await rows()).length;
    const answer = await upload([
      [`evidence.${code}`, fx.png, "denah.png", "image/png"],
      [`evidence.${code}`, fx.webp, "logo.webp", "image/webp"],
      [`evidence.${code2}`, PDF, "sk-kepala-desa.pdf", "application/pdf"],
      [`evidence.${code2}`, fx.big, "besar.jpg", "image/jpeg"],
    ]);
    expect(answer.status, answer.text.slice(0, 300)).toBe(302);
    const added = (await rows()).slice(count);
    expect(added.map((r) => [r.original_name, r.kind, r.mime])).toEqual([
      ["denah.png", "image", "image/jpeg"],
      ["logo.webp", "image", "image/webp"],
      ["sk-kepala-desa.pdf", "pdf", "application/pdf"],
      ["besar.jpg", "image", "image/jpeg"],
    ]);
    expect(fs.readFileSync(stored(added[2]!.file_hash))).toEqual(PDF);
    expect(added[2]!.thumb_hash).toBeNull();
    expect([added[3]!.width, added[3]!.height]).toEqual([2560, 1707]);
    for (const r of [added[0]!, added[1]!, added[3]!]) {
      const meta = await sharp(fs.readFileSync(stored(r.file_hash))).metadata();
      expect(meta.exif).toBeUndefined();
      expect(r.gps_lat).toBeNull();
    }
    expect((await sharp(fs.readFileSync(stored(added[1]!.file_hash))).metadata()).hasAlpha).toBe(
      true,
    );
  });

  it("refuses what is not a photo or a PDF, broken, a bomb, too large or oddly named: with the file's name, writing nothing", async () => {
    const cut = await noise(800, 600).jpeg().toBuffer();
    const cases: { name: string; body: Buffer; type: string; says: RegExp }[] = [
      {
        name: "gambar.svg",
        body: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        type: "image/svg+xml",
        says: /gambar\.svg: bukan foto JPEG, PNG, WebP atau dokumen PDF/,
      },
      {
        name: "halaman.jpg",
        body: Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>"),
        type: "image/jpeg",
        says: /halaman\.jpg: bukan foto JPEG/,
      },
      {
        name: "terpotong.jpg",
        body: cut.subarray(0, Math.floor(cut.length / 2)),
        type: "image/jpeg",
        says: /terpotong\.jpg: berkas rusak atau terpotong/,
      },
      {
        name: "bom.png",
        body: pngBomb(),
        type: "image/png",
        says: /bom\.png: ukuran gambar terlalu besar/,
      },
      {
        name: "besar.pdf",
        body: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(10 * 1024 * 1024 + 1)]),
        type: "application/pdf",
        says: /besar\.pdf: lebih dari 10 MB/,
      },
      {
        // the folder part never reaches the disk (the name is only shown); the bytes are not a photo
        name: "../../etc/passwd.jpg",
        body: Buffer.from("root:x:0:0:root:/root:/bin/bash\n"),
        type: "image/jpeg",
        says: /passwd\.jpg: bukan foto JPEG/,
      },
      {
        name: "foto\u0000.jpg.php",
        body: fx.png,
        type: "image/jpeg",
        says: /nama berkas memuat karakter kendali/,
      },
      {
        name: "kosong.jpg",
        body: Buffer.alloc(0),
        type: "image/jpeg",
        says: /kosong\.jpg: berkas kosong/,
      },
    ];
    for (const c of cases) {
      const rowsBefore = (await rows()).length;
      const diskBefore = filesOnDisk();
      const answer = await upload([[`evidence.${code}`, c.body, c.name, c.type]]);
      expect(answer.status, c.name).toBe(400);
      expect(answer.text, c.name).toMatch(c.says);
      expect(answer.text).not.toContain("<script>alert(1)</script>");
      expect((await rows()).length, c.name).toBe(rowsBefore);
      expect(filesOnDisk(), c.name).toEqual(diskBefore);
    }
    expect(fs.existsSync(path.join(filesDir, "..", "..", "etc", "passwd.jpg"))).toBe(false);
    expect(fs.existsSync(path.join(data.dir, "etc"))).toBe(false);
  });

  it("keeps only the base of a file name with folders in it", async () => {
    const answer = await upload([
      [`evidence.${code}`, fx.png, "..\\..\\windows\\denah2.png", "image/png"],
    ]);
    expect(answer.status).toBe(302);
    expect((await rows()).at(-1)!.original_name).toBe("denah2.png");
  });

  it("stores the good files of a form and names the refused one beside its field", async () => {
    const count = (await rows()).length;
    const answer = await upload([
      [`evidence.${code}`, fx.png, "baik.png", "image/png"],
      [`evidence.${code2}`, Buffer.from("GIF89a......"), "animasi.gif", "image/gif"],
    ]);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/animasi\.gif: bukan foto/);
    expect(answer.text).toContain('class="field-errors"');
    expect((await rows()).slice(count).map((r) => r.original_name)).toEqual(["baik.png"]);
  });

  it("refuses a file once the entry's evidence would pass 100 MB", async () => {
    const now = new Date().toISOString();
    const { id: filler } = await db
      .insertInto("evidence_files")
      .values({
        entry_id: entryId,
        uploaded_by: 1,
        source: "library",
        kind: "pdf",
        file_hash: "f".repeat(64),
        mime: "application/pdf",
        bytes: 100 * 1024 * 1024 - 100,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    try {
      const diskBefore = filesOnDisk();
      const answer = await upload([[`evidence.${code}`, PDF, "tambahan.pdf", "application/pdf"]]);
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/tambahan\.pdf: ruang bukti peserta ini \(100 MB\) tidak cukup/);
      expect(filesOnDisk()).toEqual(diskBefore);
    } finally {
      await db.deleteFrom("evidence_files").where("id", "=", filler).execute();
    }
  });

  it("takes a YouTube or Google Drive https link as the profile video, and nothing else", async () => {
    for (const bad of [
      "http://youtu.be/abc",
      "https://evil.example/watch?v=abc",
      "javascript:alert(1)",
      "https://youtube.com.evil.example/x",
      `https://youtu.be/${"a".repeat(500)}`,
    ]) {
      const answer = await upload([["video", bad]]);
      expect(answer.status, bad).toBe(400);
      expect(answer.text).toMatch(/Tautan video harus berupa tautan https ke YouTube/);
    }
    expect((await rows()).filter((r) => r.kind === "video")).toEqual([]);
    const ok = await upload([["video", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"]]);
    expect(ok.status).toBe(302);
    const again = await upload([["video", "https://drive.google.com/file/d/abc/view"]]);
    expect(again.status).toBe(302);
    expect((await rows()).filter((r) => r.kind === "video").map((r) => r.url)).toEqual([
      "https://drive.google.com/file/d/abc/view",
    ]);
  });

  it("answers an empty upload and a malformed large body with a message", async () => {
    const empty = await upload([]);
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/Pilih berkas atau isi tautan video/);
    // a body over 1 MiB is read only by the streaming reader: cut short, it is still a 400
    const boundary = "B0undary";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="evidence.${code}"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
      ),
      Buffer.alloc(2 * 1024 * 1024, 32),
    ]);
    const before = filesOnDisk();
    const res = await fetch(server.url + PAGE, {
      method: "POST",
      body,
      headers: {
        Cookie: clients.library!.cookieHeader(),
        Origin: server.url,
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
      },
    });
    expect(res.status).toBe(400);
    expect((await res.text()).length).toBeGreaterThan(0);
    expect(filesOnDisk()).toEqual(before);
  });

  // (the refused 10 MB file above came in a body over the 5 MiB other forms may send)
  it("takes a form of up to 110 MB on the upload page only", async () => {
    const big = new FormData();
    big.set("filler", "x".repeat(6 * 1024 * 1024));
    const elsewhere = await clients.chair!.post("/chair/import", big);
    expect(elsewhere.status).toBe(413);
    // the limit holds on the declared length: the server answers before reading the body
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(server.url + PAGE, {
        method: "POST",
        headers: {
          Cookie: clients.library!.cookieHeader(),
          Origin: server.url,
          "Sec-Fetch-Site": "same-origin",
          "Content-Type": "multipart/form-data; boundary=B0undary",
          "Content-Length": String(111 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(status).toBe(413);
  });
});

describe("who may fetch a file", () => {
  it("serves it to the library, an assigned judge, the chair and the admin; 404 to everyone else", async () => {
    const [photo] = await rows();
    const pdf = (await rows()).find((r) => r.kind === "pdf")!;
    const answers: Record<string, number[]> = {};
    for (const [who, client] of Object.entries(clients)) {
      const status = async (url: string) => {
        const res = await client.get(url);
        await res.arrayBuffer();
        return res.status;
      };
      answers[who] = [
        await status(`/files/${photo!.id}`),
        await status(`/files/${photo!.id}/thumb`),
        await status(`/files/${pdf.id}`),
      ];
    }
    expect(answers).toEqual({
      anonymous: [404, 404, 404],
      library: [200, 200, 200],
      otherLibrary: [404, 404, 404],
      judge: [200, 200, 200],
      otherJudge: [404, 404, 404],
      chair: [200, 200, 200],
      admin: [200, 200, 200],
    });
    for (const url of ["/files/999999", "/files/0", "/files/abc", `/files/${pdf.id}/thumb`])
      expect((await clients.chair!.get(url)).status, url).toBe(404);
  });

  it("sends the stored type, never sniffed, private, with the hash as its validator", async () => {
    const [photo] = await rows();
    const pdf = (await rows()).find((r) => r.kind === "pdf")!;
    const res = await clients.judge!.get(`/files/${photo!.id}`);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe("inline");
    expect(res.headers.get("cache-control")).toMatch(/^private/);
    expect(res.headers.get("etag")).toBe(`"${photo!.file_hash}"`);
    // compared by hash: a deep equal of a large buffer would block the event loop for seconds
    const body = Buffer.from(await res.arrayBuffer());
    expect(crypto.createHash("sha256").update(body).digest("hex")).toBe(photo!.file_hash);
    const again = await clients.judge!.get(`/files/${photo!.id}`, {
      "If-None-Match": `"${photo!.file_hash}"`,
    });
    expect(again.status).toBe(304);
    const thumb = await clients.judge!.get(`/files/${photo!.id}/thumb`);
    expect(thumb.headers.get("etag")).toBe(`"${photo!.thumb_hash}"`);
    const doc = await clients.admin!.get(`/files/${pdf.id}`);
    expect(doc.headers.get("content-type")).toBe("application/pdf");
    expect(doc.headers.get("content-disposition")).toBe(
      `attachment; filename="sk-kepala-desa.pdf"; filename*=UTF-8''sk-kepala-desa.pdf`,
    );
  });
});

describe("removing evidence", () => {
  it("removes a row and its file unless another row still names the same bytes", async () => {
    const first = await upload([[`evidence.${code}`, PDF, "salinan-1.pdf", "application/pdf"]]);
    const second = await upload([[`evidence.${code2}`, PDF, "salinan-2.pdf", "application/pdf"]]);
    expect([first.status, second.status]).toEqual([302, 302]);
    const copies = (await rows()).filter((r) => String(r.original_name).startsWith("salinan-"));
    const pdfRows = (await rows()).filter((r) => r.file_hash === copies[0]!.file_hash);
    expect(new Set(copies.map((r) => r.file_hash)).size).toBe(1);
    const remove = (id: unknown, who = "library") =>
      clients[who]!.post(PAGE, { intent: "remove", id: String(id) });
    // another library cannot see the entry; its own page answers "not found"
    expect((await remove(copies[0]!.id, "otherLibrary")).status).toBe(404);
    expect((await remove(copies[0]!.id)).status).toBe(302);
    expect(fs.existsSync(stored(copies[0]!.file_hash))).toBe(true);
    for (const r of pdfRows.filter((r) => r.id !== copies[0]!.id))
      expect((await remove(r.id)).status).toBe(302);
    expect(fs.existsSync(stored(copies[0]!.file_hash))).toBe(false);
    expect((await remove(copies[0]!.id)).status).toBe(404);
    const audit = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("entity_type", "=", "evidence_file")
      .where("action", "=", "delete")
      .executeTakeFirstOrThrow();
    expect(audit.n).toBe(pdfRows.length);
  });

  it("refuses changes once the self-assessment is submitted", async () => {
    const now = new Date().toISOString();
    await db
      .insertInto("self_assessments")
      .values({ entry_id: entryId, status: "submitted", submitted_at: now, updated_at: now })
      .execute();
    try {
      const count = (await rows()).length;
      const answer = await upload([[`evidence.${code}`, fx.png, "terlambat.png", "image/png"]]);
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/terlambat\.png: bukti tidak dapat diubah lagi/);
      const removal = await clients.library!.post(PAGE, {
        intent: "remove",
        id: String((await rows())[0]!.id),
      });
      expect(removal.status).toBe(409);
      expect((await rows()).length).toBe(count);
      const page = await (await clients.library!.get(PAGE)).text();
      expect(page).not.toContain(`name="evidence.${code}"`);
    } finally {
      await db.deleteFrom("self_assessments").where("entry_id", "=", entryId).execute();
    }
  });
});

describe("at start", () => {
  it("removes temporary files and files no row names, and keeps the others", async () => {
    await server.stop();
    const keep = (await rows()).filter((r) => r.file_hash).map((r) => stored(r.file_hash));
    fs.mkdirSync(path.join(filesDir, "tmp"), { recursive: true });
    fs.writeFileSync(path.join(filesDir, "tmp", "u-half"), "half an upload");
    const orphan = stored("ab".padEnd(64, "c"));
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, "written before a crash, no row");
    server = await startServer({ dataDir: data.dir });
    expect(fs.readdirSync(path.join(filesDir, "tmp"))).toEqual([]);
    expect(fs.existsSync(orphan)).toBe(false);
    for (const file of keep) expect(fs.existsSync(file), file).toBe(true);
    expect(server.output()).toMatch(/removed 1 temporary and 1 unreferenced/);
  }, 120_000);
});
