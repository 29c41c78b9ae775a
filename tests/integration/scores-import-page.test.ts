import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import { hashPassword } from "../../app/lib/password.server";
import { computeRanking } from "../../app/models/ranking.server";
import { MAX_SCORES_FILE_BYTES } from "../../app/routes/chair.competitions.$slug.scores-import/scores-import";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import {
  createScoringFixture,
  FIXTURE_PASSWORD,
  judgeOneSheetRows,
  type ScoringFixture,
} from "../support/scoring";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

/**
 * The chair's scores import page (docs/scores-import.md) through the real server: multipart
 * uploads of real files; the summary, the audit entry and the ranking after a good file; every
 * problem by line beside the field and nothing written after a bad one; replace; the file's own
 * refusals (none, empty, a workbook, not UTF-8, too large, two); the competition's state; and
 * who may post.
 */
const HEADER =
  "Kode;Perpustakaan;Kategori;Status peserta;Juri;Status lembar;Komponen;Indikator;Nama indikator;Skala;Nilai;Catatan";

/** A CSV file in the scores export's Indonesian layout, as a spreadsheet saves it. */
const csv = (rows: string[][]) =>
  "\uFEFF" + [HEADER, ...rows.map((r) => r.join(";"))].join("\r\n") + "\r\n";

/** The page's text without its markup, entities read back (React writes ' as &#x27;). */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("the scores import page", () => {
  let data: { dir: string; remove: () => void };
  let server: RunningServer;
  let reader: DB;
  let fx: ScoringFixture;
  let closed: ScoringFixture;
  const clients = {} as Record<"anonymous" | "chair" | "admin" | "judge" | "library", HttpClient>;
  let page: string;

  /** one sheet of judge 1 for an entry: A1, A2, B1 */
  const sheet = (code: string, values: [string, string, string], status?: string) =>
    judgeOneSheetRows(fx.slug, code, values, status);

  const upload = (
    client: HttpClient,
    file: string | Uint8Array<ArrayBuffer> | null,
    options: { replace?: boolean; name?: string; url?: string; extraFile?: boolean } = {},
  ) => {
    const form = new FormData();
    if (file !== null)
      form.append("file", new Blob([file], { type: "text/csv" }), options.name ?? "nilai.csv");
    if (options.extraFile) form.append("file", new Blob(["x"], { type: "text/csv" }), "dua.csv");
    if (options.replace) form.append("replace", "on");
    return client.post(options.url ?? page, form);
  };

  /** what the import may write: sheets, scores, sums and audit entries */
  const counts = async () => {
    const n = async (table: "score_sheets" | "scores" | "sheet_points" | "audit_log") =>
      Number(
        (
          await reader
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      sheets: await n("score_sheets"),
      scores: await n("scores"),
      sums: await n("sheet_points"),
      audit: await n("audit_log"),
    };
  };

  beforeAll(async () => {
    data = tempDir();
    const url = await serverDatabaseUrl(data.dir);
    const { db } = createDb(url);
    await migrateToLatest(db);
    fx = await createScoringFixture(db, { slug: "kertas-2026", entries: 3, judges: 1 });
    closed = await createScoringFixture(db, { slug: "tutup-2026", status: "closed" });
    const hash = await hashPassword(FIXTURE_PASSWORD);
    const now = new Date().toISOString();
    const library = await db
      .selectFrom("libraries")
      .select("id")
      .where("code", "=", fx.codes[0]!)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("users")
      .values([
        {
          email: "admin@juara.test",
          name: "Admin",
          role: "admin",
          password_hash: hash,
          created_at: now,
          updated_at: now,
        },
        {
          email: "pengelola@juara.test",
          name: "Pengelola",
          role: "library",
          library_id: library.id,
          password_hash: hash,
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    await db.destroy();
    server = await startServer({ dataDir: data.dir });
    ({ db: reader } = createDb(server.databaseUrl, { poolSize: 1 }));
    page = `/chair/competitions/${fx.slug}/scores-import`;
    const logins = {
      chair: fx.chair.email,
      admin: "admin@juara.test",
      judge: fx.judges[0]!.email,
      library: "pengelola@juara.test",
    };
    clients.anonymous = new HttpClient(server.url);
    for (const [role, email] of Object.entries(logins)) {
      const client = new HttpClient(server.url);
      expect((await client.login(email, FIXTURE_PASSWORD)).status, role).toBe(302);
      clients[role as keyof typeof logins] = client;
    }
  });
  afterAll(async () => {
    await reader?.destroy();
    await server?.stop();
    await server?.cleanup();
    data?.remove();
  });

  it("is linked from the results page and shows the form: a labelled file field, the replace choice explained", async () => {
    const results = await (
      await clients.chair.get(`/chair/competitions/${fx.slug}/results`)
    ).text();
    expect(results).toContain(`href="${page}"`);
    expect(textOf(results)).toContain("Impor nilai (CSV)");
    const res = await clients.chair.get(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      /<form method="post" action="[^"]*scores-import" encType="multipart\/form-data"/,
    );
    expect(html).toMatch(/<label for="([^"]+)">Berkas nilai \(CSV\)<\/label>/);
    const id = /<label for="([^"]+)">Berkas nilai/.exec(html)![1]!;
    expect(html).toMatch(new RegExp(`<input id="${id}" type="file" name="file"`));
    const text = textOf(html);
    expect(text).toContain("Nilai masuk ke tahap yang sedang dinilai: S1");
    expect(text).toContain("Ganti nilai yang sudah ada");
    expect(text).toContain("Tanpa centang ini, lembar yang sudah berisi nilai");
    expect(text).toContain("paling besar 10 MB");
  });

  it("imports a good file: the summary, one audit entry with the file's name and hash, the ranking", async () => {
    const before = await counts();
    const file = csv([
      ...sheet(fx.codes[0]!, ["4", "7", "3"]),
      ...sheet(fx.codes[1]!, ["5", "10", "4"]),
      ...sheet(fx.codes[2]!, ["2", "", "1"], "Draf"),
    ]);
    const res = await upload(clients.chair, file, { name: "nilai-kertas.csv" });
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain("Nilai diimpor ke tahap S1: 9 nilai pada 3 lembar (2 dikirim, 1 draf).");
    expect(text).toContain("Impor ini tercatat di log audit.");
    expect(await counts()).toMatchObject({
      sheets: before.sheets + 3,
      scores: before.scores + 9,
      audit: before.audit + 1,
    });
    const entry = await reader
      .selectFrom("audit_log")
      .select(["actor", "user_id", "action", "after_json"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor: `Ketua ${fx.slug} <${fx.chair.email}>`,
      user_id: fx.chair.id,
      action: "scores-import",
    });
    expect(JSON.parse(entry.after_json!)).toMatchObject({
      source: "nilai-kertas.csv",
      sha256: createHash("sha256").update(file).digest("hex"),
      sheets: 3,
      scores: 9,
      replaced: 0,
    });
    // the two submitted sheets are ranked: the second library first
    const ranking = await computeRanking(fx.competitionId, {}, reader);
    expect(ranking!.entries.filter((e) => e.rank !== null).map((e) => e.code)).toEqual([
      fx.codes[1],
      fx.codes[0],
    ]);
  });

  it("refuses the same file again unless replace is ticked, then replaces and says how many", async () => {
    const file = csv(sheet(fx.codes[0]!, ["5", "10", "4"]));
    const before = await counts();
    const again = await upload(clients.chair, file);
    expect(again.status).toBe(400);
    const text = textOf(await again.text());
    expect(text).toContain("Berkas tidak diimpor; tidak ada yang ditulis.");
    expect(text).toContain(
      `baris 2: Lembar Juri 1 ${fx.slug} untuk ${fx.codes[0]} sudah berisi nilai: impor dengan pilihan ganti untuk menggantinya.`,
    );
    expect(await counts()).toEqual(before);

    const replaced = await upload(clients.chair, file, { replace: true });
    expect(replaced.status).toBe(200);
    const done = textOf(await replaced.text());
    expect(done).toContain("Nilai diimpor ke tahap S1: 3 nilai pada 1 lembar (1 dikirim, 0 draf).");
    expect(done).toContain("1 lembar yang sudah berisi nilai diganti.");
    const ranking = await computeRanking(fx.competitionId, {}, reader);
    // both libraries now have the same scores: tied at the top
    expect(
      ranking!.entries
        .filter((e) => e.rank === 1)
        .map((e) => e.code)
        .sort(),
    ).toEqual([fx.codes[0]!, fx.codes[1]!].sort());
  });

  it("lists a bad file's problems by line and column beside the field, the first 20 and how many more, and writes nothing", async () => {
    const before = await counts();
    const bad = await upload(clients.chair, csv(sheet(fx.codes[2]!, ["9", "x", "3"], "Draf")), {
      replace: true,
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const text = textOf(html);
    expect(text).toContain("baris 2, kolom Nilai: 9 di luar skala 1–5.");
    expect(text).toContain("baris 3, kolom Nilai: “x” bukan bilangan bulat.");
    // the problems sit in the file field, which names them, and the checkbox stays ticked
    expect(html).toMatch(/aria-invalid="true" aria-describedby="[^"]*-hint [^"]*-error"/);
    expect(html).toMatch(/<input type="checkbox" name="replace"[^>]*checked=""/);
    expect(await counts()).toEqual(before);

    // 30 rows of an unknown library: 20 listed, 10 counted
    const rows = Array.from({ length: 30 }, (_, k) => sheet(`NOPE${k}`, ["1", "1", "1"])[0]!);
    const many = await upload(clients.chair, csv(rows));
    expect(many.status).toBe(400);
    const listed = textOf(await many.text());
    expect(listed.match(/Tidak ada peserta dengan kode NOPE\d+ di lomba ini\./g)).toHaveLength(20);
    expect(listed).toContain("baris 21, kolom Kode: Tidak ada peserta dengan kode NOPE19");
    expect(listed).toContain("… dan 10 masalah lainnya.");
    expect(await counts()).toEqual(before);
  });

  it("refuses a missing, empty, spreadsheet, non-UTF-8, too large or second file with its own message, never a 500", async () => {
    const before = await counts();
    const cases: { name: string; send: () => Promise<Response>; message: string }[] = [
      {
        name: "no file",
        send: () => upload(clients.chair, null),
        message: "Pilih berkas CSV nilai.",
      },
      { name: "empty", send: () => upload(clients.chair, ""), message: "Berkas kosong." },
      {
        name: "xlsx",
        send: () =>
          upload(clients.chair, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]), {
            name: "nilai.xlsx",
          }),
        message: "Ini buku kerja spreadsheet (xlsx, xls, ods), bukan CSV",
      },
      {
        name: "UTF-16",
        send: () =>
          upload(clients.chair, new Uint8Array(Buffer.from("\uFEFFKode;Juri", "utf16le"))),
        message: "Berkas ini bukan teks CSV UTF-8",
      },
      {
        name: "Latin-1",
        send: () => upload(clients.chair, new Uint8Array(Buffer.from(`${HEADER}\nSÉ;x`, "latin1"))),
        message: "Berkas ini bukan teks CSV UTF-8",
      },
      {
        name: "too large",
        send: () => upload(clients.chair, "x".repeat(MAX_SCORES_FILE_BYTES + 1)),
        message: "Berkas lebih dari 10 MB",
      },
      {
        name: "two files",
        send: () => upload(clients.chair, csv([]), { extraFile: true }),
        message: "Isian ini dikirim lebih dari sekali.",
      },
      {
        name: "no rows",
        send: () => upload(clients.chair, csv([])),
        message: "Berkas tidak berisi baris nilai untuk diimpor.",
      },
    ];
    for (const c of cases) {
      const res = await c.send();
      expect(res.status, c.name).toBe(400);
      expect(textOf(await res.text()), c.name).toContain(c.message);
    }
    // the replace choice comes back as it was sent
    const unticked = await (await upload(clients.chair, null)).text();
    expect(unticked).not.toMatch(/<input type="checkbox" name="replace"[^>]*checked=""/);
    const ticked = await (await upload(clients.chair, null, { replace: true })).text();
    expect(ticked).toMatch(/<input type="checkbox" name="replace"[^>]*checked=""/);
    expect(await counts()).toEqual(before);
  });

  it("refuses while the competition is not open for scoring, and says so on the page", async () => {
    const url = `/chair/competitions/${closed.slug}/scores-import`;
    const shown = textOf(await (await clients.chair.get(url)).text());
    expect(shown).toContain("Nilai hanya dapat diimpor selama lomba dalam tahap penilaian");
    expect(shown).not.toContain("Berkas nilai (CSV)");
    const before = await counts();
    const res = await upload(clients.chair, csv(sheet(closed.codes[0]!, ["1", "1", "1"])), {
      url,
    });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain("Nilai hanya dapat diimpor selama lomba");
    expect(await counts()).toEqual(before);
  });

  it("lets a chair or an admin import; refuses judges, library managers and visitors, and cross-site posts", async () => {
    const file = csv(sheet(fx.codes[2]!, ["3", "3", "3"]));
    const before = await counts();
    const answers: Record<string, number> = {};
    for (const role of ["anonymous", "judge", "library"] as const) {
      answers[`GET ${role}`] = (await clients[role].get(page)).status;
      answers[`POST ${role}`] = (await upload(clients[role], file, { replace: true })).status;
    }
    expect(answers).toEqual({
      "GET anonymous": 302,
      "POST anonymous": 302,
      "GET judge": 403,
      "POST judge": 403,
      "GET library": 403,
      "POST library": 403,
    });
    const form = new FormData();
    form.append("file", new Blob([file], { type: "text/csv" }), "nilai.csv");
    const forged = await clients.chair.post(page, form, {
      Origin: "https://evil.example",
      "Sec-Fetch-Site": "cross-site",
    });
    expect(forged.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect(await clients.chair.get("/chair/competitions/no-such/scores-import")).toHaveProperty(
      "status",
      404,
    );

    const admin = await upload(clients.admin, file, { replace: true });
    expect(admin.status).toBe(200);
    const entry = await reader
      .selectFrom("audit_log")
      .select(["actor", "action"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor: "Admin <admin@juara.test>", action: "scores-import" });
  });
});
