import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

/** What zod says by itself, in English: a user must never see it. */
const ZOD_ENGLISH =
  /Invalid input|expected (?:number|string|int|array|object)|received (?:string|number|undefined|NaN)|Too (?:small|big)|Invalid option|Unrecognized key/;

/**
 * The chair's setup pages driven like a browser with JavaScript off: plain form posts against the
 * real production server, with the demo data (kutim-2024 in scoring).
 */
let server: RunningServer;
let chair: HttpClient;
let judge: HttpClient;
let anonymous: HttpClient;

const PASSWORD = "juara-demo-2024";

beforeAll(async () => {
  server = await startServer();
  chair = new HttpClient(server.url);
  judge = new HttpClient(server.url);
  anonymous = new HttpClient(server.url);
  expect((await chair.login("ketua@juara.demo", PASSWORD)).status).toBe(302);
  expect((await judge.login("juri1@juara.demo", PASSWORD)).status).toBe(302);
});

afterAll(async () => {
  await server?.stop();
  await server?.cleanup();
});

const CHAIR_PAGES = [
  "/chair/competitions/new",
  "/chair/competitions/kutim-2024",
  "/chair/competitions/kutim-2024/settings",
  "/chair/competitions/kutim-2024/criteria",
  "/chair/competitions/kutim-2024/entries",
  "/chair/competitions/kutim-2024/judges",
  "/chair/competitions/kutim-2024/export",
  "/chair/libraries",
  "/chair/import",
];

function multipart(
  fields: Record<string, string>,
  file?: { name: string; field: string; text: string; type: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append(file.field, new Blob([file.text], { type: file.type }), file.name);
  return form;
}

describe("role checks on every chair page", () => {
  it.each(CHAIR_PAGES)("%s: anonymous → login, judge → 403, chair → 200", async (path) => {
    const anon = await anonymous.get(path);
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect((await judge.get(path)).status).toBe(403);
    const ok = await chair.get(path);
    expect(ok.status).toBe(200);
  });

  it.each(CHAIR_PAGES.filter((p) => !p.endsWith("/export")))(
    "POST %s: anonymous → login, judge → 403",
    async (path) => {
      const anon = await anonymous.post(path, { intent: "delete", confirm: "yes" });
      expect(anon.status).toBe(302);
      expect(anon.headers.get("location")).toMatch(/^\/login/);
      expect((await judge.post(path, { intent: "delete", confirm: "yes" })).status).toBe(403);
    },
  );

  it("an unknown competition is a 404", async () => {
    expect((await chair.get("/chair/competitions/no-such-thing/criteria")).status).toBe(404);
  });
});

describe("bad input never makes a server error", () => {
  const junk: Record<string, string>[] = [
    {},
    { intent: "nonsense" },
    { intent: "save", "c.0.weight": "x".repeat(2000), "c.999999.code": "A", "c.0.i.0.r.1000": "z" },
    { intent: "remove-component:abc" },
    { intent: "status", to: "closed", confirm: "yes" },
    { intent: "duplicate", slug: "new", name: "", year: "-1" },
    { intent: "add", library: "abc" },
    { intent: "category", entryId: "1", category: "kota" },
    { intent: "status", entryId: "abc", status: "gone" },
    { intent: "remove", entryId: "-5" },
    { intent: "panel-remove", judgeId: "abc" },
    { intent: "balanced", perEntry: "1e9" },
    { intent: "conflict", judgeId: "1", libraryId: "99999", status: "confirmed", reason: "x" },
    { intent: "assignments", a: "1:2" },
    { intent: "update", id: "abc", code: "X", name: "Y", type: "desa" },
    { intent: "preview", csv: '"unterminated\n' },
    { intent: "import", csv: "a,b\n1,2" },
  ];
  const posts = CHAIR_PAGES.filter((p) => !p.endsWith("/export")).map((p) =>
    p.replace("kutim-2024", "kutim-2025-junk"),
  );

  it("answers every junk post to every chair page with a 4xx or a redirect", async () => {
    await chair.post("/chair/competitions/new", {
      slug: "kutim-2025-junk",
      name: "Junk",
      year: "2025",
      level: "kabupaten",
      aggregation: "mean",
      prizeWinners: "3",
      prizeHonourable: "3",
      rankingScope: "overall",
      template: "on",
    });
    for (const path of [
      ...posts,
      ...CHAIR_PAGES.filter((p) => p.startsWith("/chair/competitions/kutim-2024")),
    ]) {
      for (const fields of junk) {
        const r = await chair.post(path, fields);
        expect(r.status, `${path} ${JSON.stringify(fields)}`).toBeLessThan(500);
      }
    }
    expect((await chair.get("/chair/libraries?edit=abc")).status).toBe(404);
  });
});

describe("a chair prepares a competition without JavaScript", () => {
  it("creating: errors next to the fields, typed values kept, then created from the template", async () => {
    const bad = await chair.post("/chair/competitions/new", {
      slug: "Kutim 2025",
      name: "Lomba Perpustakaan Desa Kutai Timur 2025",
      year: "dua ribu",
      level: "kabupaten",
      region: "",
      aggregation: "mean",
      prizeWinners: "3",
      prizeHonourable: "3",
      rankingScope: "overall",
      template: "on",
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Hanya huruf kecil, angka dan tanda hubung.");
    expect(html).toContain("Harus bilangan bulat.");
    expect(html).toContain('value="Lomba Perpustakaan Desa Kutai Timur 2025"');
    expect(html).toContain('value="dua ribu"');

    const ok = await chair.post("/chair/competitions/new", {
      slug: "kutim-2025",
      name: "Lomba Perpustakaan Desa Kutai Timur 2025",
      year: "2025",
      level: "kabupaten",
      region: "Kabupaten Kutai Timur",
      aggregation: "mean",
      prizeWinners: "3",
      prizeHonourable: "3",
      rankingScope: "overall",
      template: "on",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/chair/competitions/kutim-2025");
    const overview = await (await chair.get("/chair/competitions/kutim-2025")).text();
    expect(overview).toContain("Belum ada peserta aktif.");

    const taken = await chair.post("/chair/competitions/new", {
      slug: "kutim-2025",
      name: "X",
      year: "2025",
      level: "kabupaten",
      aggregation: "mean",
      prizeWinners: "3",
      prizeHonourable: "3",
      rankingScope: "overall",
    });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Kode lomba ini sudah dipakai.");
  });

  it("criteria editor: weights not totalling 100 are refused next to the field and the typed values stay", async () => {
    const page = await (await chair.get("/chair/competitions/kutim-2025/criteria")).text();
    expect(page).toContain('name="c.0.weight"');
    // the form as the browser would send it, with the first weight lowered from 20 to 15
    const fields = new URLSearchParams();
    for (const m of page.matchAll(/<input[^>]*name="(c\.[^"]+)"[^>]*value="([^"]*)"/g))
      fields.append(m[1]!, m[2]!.replace(/&amp;/g, "&"));
    fields.set("c.0.weight", "15");
    fields.set("c.0.i.0.name", "Jumlah koleksi (diubah)");
    fields.set("intent", "save");
    const refused = await chair.post("/chair/competitions/kutim-2025/criteria", fields);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Jumlah bobot 95, harus 100.");
    expect(html).toContain("Jumlah koleksi (diubah)");

    // a decimal weight: the user's language, never the validator's own English
    fields.set("c.0.weight", "24.5");
    const decimal = await chair.post("/chair/competitions/kutim-2025/criteria", fields);
    expect(decimal.status).toBe(400);
    const decimalHtml = await decimal.text();
    expect(decimalHtml).not.toMatch(ZOD_ENGLISH);
    expect(decimalHtml).toContain("Harus bilangan bulat.");
    fields.set("c.0.weight", "15");

    fields.set("c.5.weight", "10");
    const saved = await chair.post("/chair/competitions/kutim-2025/criteria", fields);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Kriteria disimpan.");
  });

  it("criteria are frozen in a competition that is scoring", async () => {
    const r = await chair.post("/chair/competitions/kutim-2024/criteria", { intent: "template" });
    expect(r.status).toBe(409);
    expect(await r.text()).toContain("Kriteria dibekukan sejak penilaian dibuka.");
  });

  it("library CSV: preview with bad rows writes nothing; a clean file is imported after confirming", async () => {
    const csv =
      "kode,nama,jenis,desa,kecamatan\nBARU1,Perpustakaan Desa Baru,desa,Baru,Bengalon\nBARU2,,kota,Baru,Bengalon\n";
    const preview = await chair.post(
      "/chair/libraries",
      multipart(
        { intent: "preview" },
        { field: "file", name: "daftar.csv", text: csv, type: "text/csv" },
      ),
    );
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Baris 3");
    expect(html).toContain("Jenis harus desa atau kelurahan.");
    // the row's problem names the field as the form labels it, not the column's code
    expect(html).toContain("<strong>Nama perpustakaan</strong>: <!-- -->Wajib diisi.");
    expect(html).not.toContain("<code>name</code>");
    // without JavaScript the preview form posts to the preview's own anchor, so the page lands there
    expect(html).toContain('action="/chair/libraries#preview"');
    expect(html).toContain('<h2 id="preview" tabindex="-1">');
    expect(html).not.toContain("Konfirmasi impor");
    expect(await (await chair.get("/chair/libraries")).text()).not.toContain(
      "Perpustakaan Desa Baru",
    );

    const good = csv.replace("BARU2,,kota", "BARU2,Perpustakaan Kelurahan Baru,kelurahan");
    const preview2 = await (
      await chair.post("/chair/libraries", multipart({ intent: "preview", csv: good }))
    ).text();
    expect(preview2).toContain("Konfirmasi impor 2 perpustakaan");
    expect(await (await chair.get("/chair/libraries")).text()).not.toContain(
      "Perpustakaan Desa Baru",
    );
    const confirmed = await chair.post(
      "/chair/libraries",
      multipart({ intent: "import", csv: good }),
    );
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain(
      "Impor selesai: 2 baru, 0 diperbarui, 0 tidak berubah.",
    );
    const again = await chair.post("/chair/libraries", multipart({ intent: "import", csv: good }));
    expect(await again.text()).toContain("Impor selesai: 0 baru, 0 diperbarui, 2 tidak berubah.");
  });

  it("opening scoring is refused with reasons, and the move needs the confirmation step", async () => {
    const unconfirmed = await chair.post("/chair/competitions/kutim-2025", {
      intent: "status",
      to: "scoring",
    });
    expect(unconfirmed.status).toBe(400);
    const refused = await chair.post("/chair/competitions/kutim-2025", {
      intent: "status",
      to: "scoring",
      confirm: "yes",
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Belum ada peserta aktif.");
  });

  it("entries, panel, balanced assignment, a suggested conflict, then scoring opens after confirming", async () => {
    const base = "/chair/competitions/kutim-2025";
    const entriesPage = await (await chair.get(`${base}/entries`)).text();
    const ids = [...entriesPage.matchAll(/name="library" value="(\d+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThanOrEqual(14);
    const add = new URLSearchParams({ intent: "add" });
    for (const id of ids) add.append("library", id);
    const added = await chair.post(`${base}/entries`, add);
    expect(await added.text()).toContain(`${ids.length} peserta ditambahkan.`);

    const entryId = /name="entryId" value="(\d+)"/.exec(
      await (await chair.get(`${base}/entries`)).text(),
    )![1]!;
    const noReason = await chair.post(`${base}/entries`, {
      intent: "status",
      entryId,
      status: "withdrawn",
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Alasan wajib diisi.");

    const judgesPage = await (await chair.get(`${base}/judges`)).text();
    const judgeIds = [...judgesPage.matchAll(/name="judge" value="(\d+)"/g)].map((m) => m[1]!);
    expect(judgeIds).toHaveLength(3);
    const panel = new URLSearchParams({ intent: "panel-add" });
    for (const id of judgeIds) panel.append("judge", id);
    expect((await chair.post(`${base}/judges`, panel)).status).toBe(200);

    // Rahmawati lives in Swarga Bara: suggested; the demo's earlier decision already confirms it
    const withPanel = await (await chair.get(`${base}/judges`)).text();
    expect(withPanel).toContain('<span class="badge">konflik</span>');

    const badCount = await chair.post(`${base}/judges`, { intent: "balanced", perEntry: "nol" });
    expect(badCount.status).toBe(400);
    expect(await badCount.text()).toContain('value="nol"');
    const balanced = await chair.post(`${base}/judges`, { intent: "balanced", perEntry: "2" });
    expect(balanced.status).toBe(200);
    expect(await balanced.text()).toContain(`${ids.length * 2} penugasan ditambahkan, 0 dihapus.`);

    const overview = await (await chair.get(`${base}?move=scoring`)).text();
    expect(overview).toContain("Ya, ubah status");
    const moved = await chair.post(base, {
      intent: "status",
      to: "scoring",
      confirm: "yes",
      reason: "siap",
    });
    expect(moved.status).toBe(302);
    expect(await (await chair.get(base)).text()).toContain("Penilaian");
    const frozen = await (await chair.get(`${base}/criteria`)).text();
    expect(frozen).toContain("Kriteria dibekukan karena penilaian sudah dibuka.");
  });

  it("the competition file upload reports problems with their JSON paths", async () => {
    const exported = await chair.get("/chair/competitions/kutim-2025/export");
    expect(exported.headers.get("content-disposition")).toContain("kutim-2025.json");
    const file = (await exported.json()) as { slug: string; components: { weight: number }[] };
    file.slug = "kutim-2026";
    file.components[1]!.weight -= 5;
    const r = await chair.post(
      "/chair/import",
      multipart(
        {},
        { field: "file", name: "lomba.json", text: JSON.stringify(file), type: "application/json" },
      ),
    );
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain("<code>components[5].weight</code>");
    expect(html).toContain("Jumlah bobot 95, harus 100.");
    file.components[1]!.weight += 5;
    const ok = await chair.post(
      "/chair/import",
      multipart(
        {},
        { field: "file", name: "lomba.json", text: JSON.stringify(file), type: "application/json" },
      ),
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/chair/competitions/kutim-2026");
  });
});

describe("the settings' numbers", () => {
  const settings = {
    name: "Lomba Perpustakaan Desa 2024",
    year: "2024",
    level: "kabupaten",
    region: "",
    aggregation: "mean",
    prizeWinners: "3",
    prizeHonourable: "3",
    rankingScope: "overall",
  };

  it("refuses a competition without a winner and a year out of range, saying the range next to the field", async () => {
    const created = await chair.post("/chair/competitions/new", {
      ...settings,
      slug: "tanpa-juara",
      year: "1989",
      prizeWinners: "0",
    });
    expect(created.status).toBe(400);
    const page = await created.text();
    expect(page).toContain("Isi tahun 1990–2200.");
    expect(page).toContain("Jumlah juara 1–10: paling sedikit satu juara.");
    expect(/<input[^>]*name="prizeWinners"[^>]*>/.exec(page)?.[0]).toContain('min="1"');
    expect((await chair.get("/chair/competitions/tanpa-juara")).status).toBe(404);

    // the settings of an existing competition: the same rule, and nothing changes
    const winnersInput = async () =>
      /<input[^>]*name="prizeWinners"[^>]*>/.exec(
        await (await chair.get("/chair/competitions/kutim-2024/settings")).text(),
      )?.[0];
    const before = await winnersInput();
    expect(before).toContain('value="3"');
    const refused = await chair.post("/chair/competitions/kutim-2024/settings", {
      ...settings,
      prizeWinners: "0",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Jumlah juara 1–10: paling sedikit satu juara.");
    expect(await winnersInput()).toBe(before);
  });
});
