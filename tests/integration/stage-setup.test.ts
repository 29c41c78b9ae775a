import { sql, type RawBuilder } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { startServer, type RunningServer } from "../support/server";

/**
 * A chair sets up a three-stage competition in the browser with JavaScript off: only the pages'
 * forms (docs/http.md, the stages page's setup forms and the criteria editor's `?stage=`), the
 * real server and a real SQLite file.
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let prepared: PreparedDatabase;
let chair: HttpClient;
const slug = "tiga-tahap";
const stagesUrl = `/chair/competitions/${slug}/stages`;
const criteriaUrl = (stage?: string) =>
  `/chair/competitions/${slug}/criteria${stage ? `?stage=${stage}` : ""}`;

/** What zod says by itself, in English: a user must never see it. */
const ZOD_ENGLISH =
  /Invalid input|expected (?:number|string|int|array|object)|received (?:string|number|undefined|NaN)|Too (?:small|big)|Invalid option|Unrecognized key/;

async function query<T>(statement: RawBuilder<T>): Promise<T[]> {
  return (await statement.execute(prepared.db)).rows;
}

const stageRows = () =>
  query(sql<{
    position: number;
    code: string;
    kind: string;
    weight: number;
    advance: number | null;
  }>`select s.position, s.code, s.kind, s.weight, s.advance from stages s
       join competitions c on c.id = s.competition_id where c.slug = ${slug} order by s.position`);

const stage = (fields: Record<string, string>) => ({
  name: "Tahap",
  kind: "desk",
  weight: "0",
  advance: "",
  ...fields,
});

/** One component with one indicator, as the criteria editor's fields. */
const criteriaFields = (prefix: string) => ({
  "c.0.code": `${prefix}A`,
  "c.0.name": "Komponen",
  "c.0.weight": "100",
  "c.0.i.0.code": `${prefix}A1`,
  "c.0.i.0.name": "Indikator",
  "c.0.i.0.description": "",
  "c.0.i.0.min": "1",
  "c.0.i.0.max": "5",
  intent: "save",
});

beforeAll(async () => {
  data = tempDir();
  prepared = await preparedDatabase(data.dir);
  server = await startServer({ dataDir: data.dir, env: prepared.env });
  chair = new HttpClient(server.url);
  expect((await chair.login("ketua@juara.demo", "juara-demo-2024")).status).toBe(302);
  const created = await chair.post("/chair/competitions/new", {
    slug,
    name: "Lomba Tiga Tahap",
    year: "2026",
    level: "kabupaten",
    region: "Uji",
    aggregation: "mean",
    prizeWinners: "3",
    prizeHonourable: "0",
    rankingScope: "overall",
    template: "none",
  });
  expect(created.status).toBe(302);
});

afterAll(async () => {
  await server?.stop();
  await prepared?.close();
  data?.remove();
});

describe("setting up stages on the stages page (no JavaScript)", () => {
  it("shows the setup forms while draft, with the one stage every competition starts with", async () => {
    const page = await (await chair.get(stagesUrl)).text();
    expect(page).toContain("Susun tahap");
    expect(page).toContain('value="stage-add"');
    expect(page).toContain('value="stage-combine"');
    expect(await stageRows()).toEqual([
      { position: 1, code: "S1", kind: "other", weight: 100, advance: null },
    ]);
  });

  it("turns the first stage into the administrative check, adds two scored stages and reorders them", async () => {
    const edited = await chair.post(stagesUrl, {
      intent: "stage-edit",
      stage: "S1",
      ...stage({ code: "ADM", name: "Administrasi", kind: "admin", weight: "0" }),
    });
    expect(edited.status).toBe(302);
    expect(edited.headers.get("location")).toBe(`${stagesUrl}?saved=ADM#stage-setup`);

    const visit = await chair.post(stagesUrl, {
      intent: "stage-add",
      ...stage({ code: "V", name: "Kunjungan", kind: "visit", weight: "40" }),
    });
    expect(visit.status).toBe(302);
    // one scored stage: nothing to total yet; then the desk review with the wrong total
    const desk = await chair.post(stagesUrl, {
      intent: "stage-add",
      ...stage({ code: "D", name: "Penilaian dokumen", kind: "desk", weight: "50", advance: "5" }),
    });
    expect(desk.status).toBe(302);
    const up = await chair.post(stagesUrl, { intent: "stage-move", stage: "D", direction: "up" });
    expect(up.status).toBe(302);
    expect(up.headers.get("location")).toBe(`${stagesUrl}?reordered=D#stage-setup`);
    expect(await stageRows()).toEqual([
      { position: 1, code: "ADM", kind: "admin", weight: 0, advance: null },
      { position: 2, code: "D", kind: "desk", weight: 50, advance: 5 },
      { position: 3, code: "V", kind: "visit", weight: 40, advance: null },
    ]);
    const page = await (await chair.get(`${stagesUrl}?reordered=D`)).text();
    expect(page).toContain("Urutan tahap diubah.");
    expect(page).toContain("Jumlah bobot tahap berpenilaian: 90%");
    expect(page).toContain("Bobot tahap berpenilaian berjumlah 90%, harus 100% (halaman Tahap).");
    // the first stage cannot move up, the last cannot move down
    const top = await chair.post(stagesUrl, {
      intent: "stage-move",
      stage: "ADM",
      direction: "up",
    });
    expect(top.status).toBe(409);
    expect(await top.text()).toContain("Tahap ini sudah di ujung daftar.");
  });

  it("refuses bad input next to the field, keeps what was typed and changes nothing", async () => {
    const before = await stageRows();
    const cases: [Record<string, string>, string][] = [
      [stage({ code: "S 2", weight: "10" }), "Kode tahap hanya huruf, angka, titik"],
      [stage({ code: "adm", weight: "10" }), "Kode tahap ini sudah dipakai dalam lomba ini."],
      [stage({ code: "P", kind: "juri", weight: "10" }), "Pilih jenis tahap dari daftar."],
      [stage({ code: "P", weight: "150" }), "Bobot harus bilangan bulat 0–100."],
      [stage({ code: "P", weight: "12.5" }), "Bobot harus bilangan bulat 0–100."],
      [stage({ code: "P", kind: "admin", weight: "10" }), "Tahap administrasi berbobot 0."],
      [stage({ code: "P", weight: "10", advance: "0" }), "Isi bilangan bulat positif"],
      [stage({ code: "P", weight: "10", advance: "-3" }), "Isi bilangan bulat positif"],
      [stage({ code: "P", weight: "10", advance: "2,5" }), "Isi bilangan bulat positif"],
      [stage({ code: "P", name: "", weight: "10" }), "Wajib diisi."],
    ];
    for (const [fields, message] of cases) {
      const r = await chair.post(stagesUrl, { intent: "stage-add", ...fields });
      expect(r.status, JSON.stringify(fields)).toBe(400);
      const html = await r.text();
      expect(html, JSON.stringify(fields)).toContain(message);
      expect(html).not.toMatch(ZOD_ENGLISH);
      expect(html).toContain('aria-invalid="true"');
      // the typed name is shown again
      if (fields.name) expect(html).toContain(`value="${fields.name}"`);
    }
    // the same checks on a stage's own form, its errors beside that form
    const clash = await chair.post(stagesUrl, {
      intent: "stage-edit",
      stage: "V",
      ...stage({ code: "D", name: "Kunjungan", kind: "visit", weight: "40" }),
    });
    expect(clash.status).toBe(400);
    expect(await clash.text()).toContain("Kode tahap ini sudah dipakai dalam lomba ini.");
    const missing = await chair.post(stagesUrl, {
      intent: "stage-edit",
      stage: "NOPE",
      ...stage({ code: "NOPE", weight: "10" }),
    });
    expect(missing.status).toBe(404);
    const combine = await chair.post(stagesUrl, { intent: "stage-combine", combine: "sum" });
    expect(combine.status).toBe(400);
    expect(await stageRows()).toEqual(before);
  });

  it("blocks opening scoring while the scored stages' weights do not total 100", async () => {
    const overview = await (await chair.get(`/chair/competitions/${slug}`)).text();
    expect(overview).toContain(
      "Bobot tahap berpenilaian berjumlah 90%, harus 100% (halaman Tahap).",
    );
    expect(overview).toContain("Tahap D belum memiliki kriteria (halaman Kriteria).");
    const refused = await chair.post(`/chair/competitions/${slug}`, {
      intent: "status",
      to: "scoring",
      confirm: "yes",
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Bobot tahap berpenilaian berjumlah 90%");

    const fixed = await chair.post(stagesUrl, {
      intent: "stage-edit",
      stage: "D",
      ...stage({ code: "D", name: "Penilaian dokumen", kind: "desk", weight: "60", advance: "5" }),
    });
    expect(fixed.status).toBe(302);
    const page = await (await chair.get(stagesUrl)).text();
    expect(page).toContain("Jumlah bobot tahap berpenilaian: 100%");
    expect(page).toContain("Aturan bobot terpenuhi.");
    const after = await (await chair.get(`/chair/competitions/${slug}`)).text();
    expect(after).not.toContain("Bobot tahap berpenilaian berjumlah");

    // combining by the last stage alone, the weights do not matter
    expect((await chair.post(stagesUrl, { intent: "stage-combine", combine: "last" })).status).toBe(
      302,
    );
    expect(
      await query(sql<{ combine: string }>`select combine from competitions where slug = ${slug}`),
    ).toEqual([{ combine: "last" }]);
    expect(
      (await chair.post(stagesUrl, { intent: "stage-combine", combine: "weighted" })).status,
    ).toBe(302);
  });

  it("removes an empty stage in two steps and refuses to remove one with criteria", async () => {
    expect(
      (await chair.post(stagesUrl, { intent: "stage-add", ...stage({ code: "X", weight: "0" }) }))
        .status,
    ).toBe(302);
    const page = await (await chair.get(stagesUrl)).text();
    expect(page).toContain("Hapus tahap X?");
    const removed = await chair.post(stagesUrl, { intent: "stage-remove", stage: "X" });
    expect(removed.status).toBe(302);
    expect(removed.headers.get("location")).toBe(`${stagesUrl}?removed=X#stage-setup`);
    expect((await stageRows()).map((s) => s.code)).toEqual(["ADM", "D", "V"]);
    expect((await stageRows()).map((s) => s.position)).toEqual([1, 2, 3]);
  });
});

describe("the criteria editor per stage (no JavaScript)", () => {
  it("offers the stages as links, the admin stage without criteria", async () => {
    const page = await (await chair.get(criteriaUrl())).text();
    // the stage open for scoring by default: the administrative check
    expect(page).toContain('href="/chair/competitions/tiga-tahap/criteria?stage=D"');
    expect(page).toContain("adalah pemeriksaan administrasi");
    expect(page).toContain('href="/chair/competitions/tiga-tahap/stages"');
    expect(page).not.toContain('name="c.0.code"');
    const refused = await chair.post(criteriaUrl("ADM"), criteriaFields("ADM"));
    expect(refused.status).toBe(409);
    expect((await chair.get(criteriaUrl("NOPE"))).status).toBe(404);
  });

  it("saves each scored stage's criteria and tells a code used in another stage next to the field", async () => {
    const desk = await chair.post(criteriaUrl("D"), criteriaFields("D"));
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain("Kriteria disimpan.");

    // the same codes on the visit: refused next to the fields, nothing lost
    const clash = await chair.post(criteriaUrl("V"), criteriaFields("D"));
    expect(clash.status).toBe(400);
    const html = await clash.text();
    expect(html).toContain("Kode DA sudah dipakai di tahap D; kode berlaku untuk seluruh lomba.");
    expect(html).toContain("Kode DA1 sudah dipakai di tahap D");
    expect(html).toContain('value="DA1"');

    const visit = await chair.post(criteriaUrl("V"), criteriaFields("V"));
    expect(visit.status).toBe(200);
    const rows = await query(sql<{
      stage: string;
      code: string;
    }>`select s.code as stage, k.code from components k join stages s on s.id = k.stage_id
         join competitions c on c.id = k.competition_id where c.slug = ${slug} order by s.position`);
    expect(rows).toEqual([
      { stage: "D", code: "DA" },
      { stage: "V", code: "VA" },
    ]);
    const page = await (await chair.get(criteriaUrl("V"))).text();
    expect(page).toContain('value="VA1"');
    expect(page).toContain('aria-current="page"');

    // a stage with criteria stays
    const removal = await chair.post(stagesUrl, { intent: "stage-remove", stage: "D" });
    expect(removal.status).toBe(409);
    expect(await removal.text()).toContain("masih memiliki kriteria");
    const overview = await (await chair.get(`/chair/competitions/${slug}`)).text();
    expect(overview).not.toContain("belum memiliki kriteria");
  });

  it("audits every change in words", async () => {
    const entries = await query(sql<{
      entity_id: string;
      action: string;
    }>`select a.entity_id, a.action from audit_log a join competitions c on c.id = a.competition_id
         where c.slug = ${slug} and a.entity_type = 'stage' order by a.id`);
    expect(entries).toEqual([
      { entity_id: "ADM", action: "update" },
      { entity_id: "V", action: "create" },
      { entity_id: "D", action: "create" },
      { entity_id: "D", action: "move" },
      { entity_id: "D", action: "update" },
      { entity_id: "X", action: "create" },
      { entity_id: "X", action: "delete" },
    ]);
    const combine = await query(sql<{
      after_json: string;
    }>`select a.after_json from audit_log a join competitions c on c.id = a.competition_id
         where c.slug = ${slug} and a.entity_type = 'competition' and a.action = 'update' order by a.id`);
    expect(combine.map((r) => JSON.parse(r.after_json))).toEqual([
      { combine: "last" },
      { combine: "weighted" },
    ]);
    const id = (
      await query(sql<{ id: number }>`select id from competitions where slug = ${slug}`)
    )[0]!.id;
    const log = await (await chair.get(`/audit?competition=${id}&entity=stage`)).text();
    expect(log).toContain("tahap D");
    expect(log).toContain("urutan diubah");
  });
});

describe("after draft", () => {
  it("shows the stages read-only and refuses every setup form", async () => {
    // scoring opens at the administrative check only with entries; the status itself is what matters here
    await prepared.db
      .updateTable("competitions")
      .set({ status: "scoring" })
      .where("slug", "=", slug)
      .execute();
    const page = await (await chair.get(stagesUrl)).text();
    expect(page).toContain("Daftar tahap hanya dapat diubah selama lomba masih draf");
    expect(page).not.toContain('value="stage-add"');
    const forms: Record<string, string>[] = [
      { intent: "stage-add", ...stage({ code: "P", weight: "10" }) },
      { intent: "stage-edit", stage: "V", ...stage({ code: "V", kind: "visit", weight: "40" }) },
      { intent: "stage-remove", stage: "V" },
      { intent: "stage-move", stage: "V", direction: "up" },
      { intent: "stage-combine", combine: "last" },
    ];
    for (const form of forms) {
      const r = await chair.post(stagesUrl, form);
      expect(r.status, form.intent).toBe(409);
      expect(await r.text()).toContain("Tahap hanya dapat diubah selama lomba masih draf.");
    }
    expect((await stageRows()).map((s) => s.code)).toEqual(["ADM", "D", "V"]);
  });
});
