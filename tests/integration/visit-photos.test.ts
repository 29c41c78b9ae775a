import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/lib/password.server";
import { tempDir } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { HttpClient } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * A visit judge's photos through the real server (docs/http.md, "Visit photos"): who may add
 * them, what is refused and why, what is stored (the judge's row with its stage, GPS kept in the
 * row, no metadata in the file), the same photo sent twice stored once, and who may fetch it.
 */

const EXIF_GPS = {
  IFD0: { Make: "Uji", Model: "Ponsel Juri" },
  IFD2: { DateTimeOriginal: "2026:03:02 10:15:00" },
  IFD3: {
    GPSLatitudeRef: "S",
    GPSLatitude: "1/1 15/1 0/1",
    GPSLongitudeRef: "E",
    GPSLongitude: "116/1 50/1 24/1",
  },
};

let server: RunningServer;
let data: { dir: string; remove: () => void };
let prepared: PreparedDatabase;
let visit: ScoringFixture;
let desk: ScoringFixture;
let jpeg: Buffer;
let stageId: number;
const clients: Record<string, HttpClient> = {};

const endpoint = (fx: ScoringFixture, code: string) => `/judge/${fx.slug}/${code}/photos`;

function photoForm(parts: { name: string; bytes: Buffer; type?: string }[], indicator = "") {
  const body = new FormData();
  body.set("intent", "photo");
  body.set("indicator", indicator);
  for (const p of parts)
    body.append(
      "photo",
      new Blob([new Uint8Array(p.bytes)], { type: p.type ?? "image/jpeg" }),
      p.name,
    );
  return body;
}

const JSON_ACCEPT = { Accept: "application/json" };

function judgeRows() {
  return prepared.db
    .selectFrom("evidence_files")
    .selectAll()
    .where("source", "=", "judge")
    .orderBy("id")
    .execute();
}

const stored = (hash: unknown) =>
  path.join(data.dir, "files", String(hash).slice(0, 2), String(hash));

beforeAll(async () => {
  jpeg = await sharp({
    create: {
      width: 800,
      height: 600,
      channels: 3,
      background: "#3a6",
      noise: { type: "gaussian", mean: 120, sigma: 40 },
    },
  })
    .withExif(EXIF_GPS)
    .jpeg({ quality: 85 })
    .toBuffer();
  data = tempDir();
  prepared = await preparedDatabase(data.dir);
  const { db } = prepared;
  visit = await createScoringFixture(db, { slug: "foto-2026", entries: 2, judges: 2 });
  desk = await createScoringFixture(db, { slug: "meja-2026", entries: 1, judges: 1 });
  const kind = (competitionId: number, kind: "visit" | "desk") =>
    db.updateTable("stages").set({ kind }).where("competition_id", "=", competitionId).execute();
  await kind(visit.competitionId, "visit");
  await kind(desk.competitionId, "desk");
  stageId = (
    await db
      .selectFrom("stages")
      .select("id")
      .where("competition_id", "=", visit.competitionId)
      .executeTakeFirstOrThrow()
  ).id;
  const now = new Date().toISOString();
  const library = await db
    .selectFrom("libraries")
    .select("id")
    .where("code", "=", visit.codes[0]!)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("users")
    .values({
      email: "pengelola@juara.test",
      name: "Bu Sari",
      role: "library",
      library_id: library.id,
      password_hash: await hashPassword(FIXTURE_PASSWORD),
      created_at: now,
      updated_at: now,
    })
    .execute();

  server = await startServer({
    dataDir: data.dir,
    env: { ...prepared.env, JUARA_NO_DEMO: "1" },
  });
  const logins: Record<string, string> = {
    judge: visit.judges[0]!.email,
    // in confirmed conflict with the first library: not assigned its entry
    otherJudge: visit.judges[1]!.email,
    deskJudge: desk.judges[0]!.email,
    chair: visit.chair.email,
    library: "pengelola@juara.test",
  };
  clients.anonymous = new HttpClient(server.url);
  for (const [role, email] of Object.entries(logins)) {
    const client = new HttpClient(server.url);
    expect((await client.login(email, FIXTURE_PASSWORD)).status, role).toBe(302);
    clients[role] = client;
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await prepared?.close();
  data?.remove();
});

describe("a visit judge's photos", () => {
  it("stores a JPEG as the judge's, for the stage, GPS and time in the row and none in the file", async () => {
    const res = await clients.judge!.post(
      endpoint(visit, visit.codes[0]!),
      photoForm([{ name: "rak-anak.jpg", bytes: jpeg }], "A1"),
      JSON_ACCEPT,
    );
    const body = (await res.json()) as { ok: boolean; id: number };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.ok).toBe(true);
    const [row] = await judgeRows();
    expect(row).toMatchObject({
      id: body.id,
      source: "judge",
      kind: "image",
      stage_id: stageId,
      uploaded_by: visit.judges[0]!.id,
      original_name: "rak-anak.jpg",
      taken_at: "2026-03-02T10:15:00",
    });
    expect(row!.indicator_id).toBe(
      (
        await prepared.db
          .selectFrom("indicators")
          .select("id")
          .where("competition_id", "=", visit.competitionId)
          .where("code", "=", "A1")
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect(row!.gps_lat).toBeCloseTo(-1.25, 6);
    expect(row!.gps_lon).toBeCloseTo(116.84, 6);
    const meta = await sharp(fs.readFileSync(stored(row!.file_hash))).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    // audited
    expect(
      await prepared.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity_type", "=", "evidence_file")
        .where("entity_id", "=", String(body.id))
        .execute(),
    ).toEqual([{ action: "upload" }]);
  });

  it("answers the same photo sent again with the row already stored, not a second one", async () => {
    const before = (await judgeRows()).length;
    const res = await clients.judge!.post(
      endpoint(visit, visit.codes[0]!),
      photoForm([{ name: "rak-anak.jpg", bytes: jpeg }], "A1"),
      JSON_ACCEPT,
    );
    const body = (await res.json()) as { ok: boolean; id: number; replayed?: boolean };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ ok: true, id: (await judgeRows())[0]!.id, replayed: true });
    expect(await judgeRows()).toHaveLength(before);
  });

  it("takes a plain form and shows the photo on the sheet, with where and when", async () => {
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: "#a33" },
    })
      .png()
      .toBuffer();
    const res = await clients.judge!.post(
      endpoint(visit, visit.codes[0]!),
      photoForm([{ name: "papan-nama.png", bytes: png, type: "image/png" }]),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      `/judge/${visit.slug}/${visit.codes[0]}?photosStored=1#visit-photos`,
    );
    const html = await (
      await clients.judge!.get(`/judge/${visit.slug}/${visit.codes[0]}?photosStored=1`)
    ).text();
    expect(html).toContain('capture="environment"');
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain("1 foto tersimpan.");
    for (const row of await judgeRows()) expect(html).toContain(`/files/${row.id}/thumb`);
    expect(html).toContain("Lokasi -1.25000, 116.84000");
    expect((await judgeRows()).at(-1)).toMatchObject({ indicator_id: null, gps_lat: null });
  });

  it("refuses a desk-stage judge, an unassigned judge, a library, other staff and visitors", async () => {
    const before = (await judgeRows()).length;
    const form = () => photoForm([{ name: "x.jpg", bytes: jpeg }]);
    const answer = async (who: string, url: string) => {
      const res = await clients[who]!.post(url, form(), JSON_ACCEPT);
      return { status: res.status, text: await res.text() };
    };
    const deskAnswer = await answer("deskJudge", endpoint(desk, desk.codes[0]!));
    expect(deskAnswer.status).toBe(403);
    expect(JSON.parse(deskAnswer.text)).toEqual({
      ok: false,
      message: "Foto kunjungan hanya dapat ditambahkan pada tahap kunjungan.",
    });
    // the visit judge on the desk competition, and the conflicted judge: not their entry
    expect((await answer("judge", endpoint(desk, desk.codes[0]!))).status).toBe(404);
    expect((await answer("otherJudge", endpoint(visit, visit.codes[0]!))).status).toBe(404);
    expect((await answer("library", endpoint(visit, visit.codes[0]!))).status).toBe(403);
    expect((await answer("chair", endpoint(visit, visit.codes[0]!))).status).toBe(403);
    const anonymous = await clients.anonymous!.post(endpoint(visit, visit.codes[0]!), form());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect(await judgeRows()).toHaveLength(before);
  });

  it("refuses an SVG, a PDF, a photo over 10 MB, an empty file and an unknown indicator, saying why", async () => {
    const before = (await judgeRows()).length;
    const url = endpoint(visit, visit.codes[0]!);
    const cases: { form: FormData; status: number; message: RegExp }[] = [
      {
        form: photoForm([
          {
            name: "gambar.svg",
            bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
            type: "image/svg+xml",
          },
        ]),
        status: 415,
        message: /^gambar\.svg: bukan foto JPEG, PNG atau WebP/,
      },
      {
        form: photoForm([
          { name: "a.jpg", bytes: Buffer.from("%PDF-1.4\n%%EOF\n"), type: "image/jpeg" },
        ]),
        status: 415,
        message: /^a\.jpg: bukan foto/,
      },
      {
        form: photoForm([
          {
            name: "besar.jpg",
            bytes: Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]),
          },
        ]),
        status: 413,
        message: /^besar\.jpg: lebih dari 10 MB/,
      },
      {
        form: photoForm([{ name: "kosong.jpg", bytes: Buffer.alloc(0) }]),
        status: 400,
        message: /^kosong\.jpg: berkas kosong/,
      },
      {
        form: photoForm([{ name: "x.jpg", bytes: jpeg }], "Z9"),
        status: 400,
        message: /^Indikator Z9 tidak ada di tahap ini/,
      },
      { form: photoForm([]), status: 400, message: /^Pilih foto terlebih dahulu/ },
    ];
    for (const c of cases) {
      const res = await clients.judge!.post(url, c.form, JSON_ACCEPT);
      const body = (await res.json()) as { ok: boolean; message: string };
      expect(res.status, body.message).toBe(c.status);
      expect(body.ok).toBe(false);
      expect(body.message).toMatch(c.message);
    }
    expect(await judgeRows()).toHaveLength(before);
    // in English for a judge who chose it
    const english = new HttpClient(server.url);
    await english.login(visit.judges[0]!.email, FIXTURE_PASSWORD);
    await english.post("/language", { lang: "en" });
    const res = await english.post(
      url,
      photoForm([{ name: "g.svg", bytes: Buffer.from("<svg/>"), type: "image/svg+xml" }]),
      JSON_ACCEPT,
    );
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^g\.svg: not a JPEG, PNG or WebP photo/,
    );
    // a plain form comes back to the sheet with the message beside the photo field
    const plain = await clients.judge!.post(
      url,
      photoForm([{ name: "gambar.svg", bytes: Buffer.from("<svg/>"), type: "image/svg+xml" }]),
    );
    expect(plain.status).toBe(303);
    const html = await (await clients.judge!.get(plain.headers.get("location")!)).text();
    expect(html).toMatch(
      /id="visit-photo-errors" class="field-errors" role="alert"><li>gambar\.svg: bukan foto/,
    );
    expect(await judgeRows()).toHaveLength(before);
    // nothing left behind in the temporary folder
    expect(fs.readdirSync(path.join(data.dir, "files", "tmp"))).toEqual([]);
  });

  it("refuses photos once the judge's sheet is submitted (409)", async () => {
    const code = visit.codes[1]!;
    const entry = (
      await prepared.db
        .selectFrom("entries as e")
        .innerJoin("libraries as l", "l.id", "e.library_id")
        .select("e.id")
        .where("l.code", "=", code)
        .executeTakeFirstOrThrow()
    ).id;
    const now = new Date().toISOString();
    await prepared.db
      .insertInto("score_sheets")
      .values({
        entry_id: entry,
        judge_id: visit.judges[0]!.id,
        stage_id: stageId,
        status: "submitted",
        version: 1,
        created_at: now,
        updated_at: now,
        submitted_at: now,
      })
      .execute();
    const res = await clients.judge!.post(
      endpoint(visit, code),
      photoForm([{ name: "x.jpg", bytes: jpeg }]),
      JSON_ACCEPT,
    );
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/sudah dikirim/);
  });

  it("lets the chair and the judge fetch the photo, never the library", async () => {
    const [row] = await judgeRows();
    const status = async (who: string, url: string) => {
      const res = await clients[who]!.get(url);
      await res.arrayBuffer();
      return res.status;
    };
    for (const url of [`/files/${row!.id}`, `/files/${row!.id}/thumb`]) {
      expect(await status("library", url), url).toBe(404);
      expect(await status("anonymous", url), url).toBe(404);
      expect(await status("chair", url), url).toBe(200);
      expect(await status("judge", url), url).toBe(200);
    }
    // the chair's sheets page lists them per entry
    const html = await (
      await clients.chair!.get(`/chair/competitions/${visit.slug}/sheets`)
    ).text();
    expect(html).toContain("Foto kunjungan");
    expect(html).toContain(`/files/${row!.id}/thumb`);
  });
});
