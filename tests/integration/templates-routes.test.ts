import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCREDITATION_TEMPLATE, BASIS_NOTE } from "../../app/lib/templates";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

/**
 * Creating a competition from each template through the real new-competition route (JavaScript
 * off), and what the criteria editor then holds.
 */
let server: RunningServer;
let chair: HttpClient;

beforeAll(async () => {
  server = await startServer();
  chair = new HttpClient(server.url);
  expect((await chair.login("ketua@juara.demo", "juara-demo-2024")).status).toBe(302);
});

afterAll(async () => {
  await server?.stop();
  await server?.cleanup();
});

const SETTINGS = {
  name: "Lomba Templat",
  year: "2026",
  level: "kabupaten",
  region: "Kabupaten Kutai Timur",
  aggregation: "mean",
  prizeWinners: "3",
  prizeHonourable: "3",
  rankingScope: "overall",
};

interface FileComponent {
  code: string;
  weight: number;
  indicators: { code: string; rubric?: Record<string, string> }[];
}

async function storedCriteria(slug: string): Promise<FileComponent[]> {
  const r = await chair.get(`/chair/competitions/${slug}/export`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { components: FileComponent[] }).components;
}

/** The editor's fields as the browser would post them back. */
function editorFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input[^>]*name="(c\.[^"]+)"[^>]*value="([^"]*)"/g))
    fields.append(m[1]!, m[2]!.replace(/&amp;/g, "&").replace(/&quot;/g, '"'));
  for (const m of html.matchAll(/<input(?![^>]*value=)[^>]*name="(c\.[^"]+)"[^>]*>/g))
    fields.append(m[1]!, "");
  for (const m of html.matchAll(/<textarea[^>]*name="(c\.[^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields.append(m[1]!, m[2]!.replace(/&amp;/g, "&").replace(/&quot;/g, '"'));
  return fields;
}

describe("the new-competition form's template choice", () => {
  it("offers the accreditation template (chosen), the 2025 template and none", async () => {
    const html = await (await chair.get("/chair/competitions/new")).text();
    const radios = [...html.matchAll(/<input[^>]*name="template"[^>]*>/g)].map((m) => m[0]);
    expect(radios.map((r) => /value="([^"]*)"/.exec(r)![1])).toEqual([
      "accreditation",
      "practice-2025",
      "none",
    ]);
    expect(radios.map((r) => r.includes("checked"))).toEqual([true, false, false]);
    expect(html).toContain("Instrumen akreditasi perpustakaan desa/kelurahan");
    expect(html).toContain("Delapan komponen lomba 2025");
  });

  it("accreditation: the six components with their weights and 71 items, stored", async () => {
    const r = await chair.post("/chair/competitions/new", {
      ...SETTINGS,
      slug: "tpl-akreditasi",
      template: "accreditation",
    });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe("/chair/competitions/tpl-akreditasi");
    const components = await storedCriteria("tpl-akreditasi");
    expect(components.map((c) => [c.code, c.weight, c.indicators.length])).toEqual([
      ["A", 20, 18],
      ["B", 15, 23],
      ["C", 25, 11],
      ["D", 20, 6],
      ["E", 15, 9],
      ["F", 5, 4],
    ]);
    // the marker on the levels travels with the text: the editor and the sheet show it
    expect(components[1]!.indicators[0]!.rubric!["3"]).toBe(
      `56 m² sampai kurang dari 75 m² (${BASIS_NOTE.standard})`,
    );
    expect(components[1]!.indicators[0]!.rubric!["2"]).toContain(BASIS_NOTE.committee);
    const editor = await (await chair.get("/chair/competitions/tpl-akreditasi/criteria")).text();
    expect(editor).toContain("pita antara: ketetapan panitia");
  });

  it("the old checkbox's 'on' still means the default template; a form without the field, none", async () => {
    const on = await chair.post("/chair/competitions/new", {
      ...SETTINGS,
      slug: "tpl-on",
      template: "on",
    });
    expect(on.status).toBe(302);
    expect((await storedCriteria("tpl-on")).map((c) => c.weight)).toEqual(
      ACCREDITATION_TEMPLATE.components.map((c) => c.weight),
    );
    const without = await chair.post("/chair/competitions/new", { ...SETTINGS, slug: "tpl-tanpa" });
    expect(without.status).toBe(302);
    expect(await storedCriteria("tpl-tanpa")).toEqual([]);
  });

  it("none: no criteria", async () => {
    const r = await chair.post("/chair/competitions/new", {
      ...SETTINGS,
      slug: "tpl-kosong",
      template: "none",
    });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe("/chair/competitions/tpl-kosong");
    expect(await storedCriteria("tpl-kosong")).toEqual([]);
  });

  it("an unknown template is refused next to the field, nothing created", async () => {
    const r = await chair.post("/chair/competitions/new", {
      ...SETTINGS,
      slug: "tpl-aneh",
      template: "tabanan-9",
    });
    expect(r.status).toBe(400);
    expect((await chair.get("/chair/competitions/tpl-aneh")).status).toBe(404);
  });

  it("2025: the editor opens with the eight components and empty weights; saving asks for them", async () => {
    const r = await chair.post("/chair/competitions/new", {
      ...SETTINGS,
      slug: "tpl-2025",
      template: "practice-2025",
    });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(
      "/chair/competitions/tpl-2025/criteria?template=practice-2025",
    );
    // nothing stored yet: weights are required
    expect(await storedCriteria("tpl-2025")).toEqual([]);

    const page = await chair.get(r.headers.get("location")!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Templat dimuat tanpa bobot.");
    expect(html).toContain('value="Dampak"');
    for (let k = 0; k < 8; k++) {
      const weight = new RegExp(`<input[^>]*name="c\\.${k}\\.weight"[^>]*>`).exec(html)![0];
      expect(weight, `component ${k}`).not.toMatch(/value="[^"]/);
    }

    const fields = editorFields(html);
    fields.set("intent", "save");
    const refused = await chair.post("/chair/competitions/tpl-2025/criteria", fields);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("Kriteria belum disimpan");
    expect(refusedHtml).toMatch(/<input[^>]*name="c\.0\.weight"[^>]*aria-invalid="true"/);
    expect(await storedCriteria("tpl-2025")).toEqual([]);

    // weights that do not total 100: the usual rule
    for (let k = 0; k < 8; k++) fields.set(`c.${k}.weight`, "10");
    const short = await chair.post("/chair/competitions/tpl-2025/criteria", fields);
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Jumlah bobot 80, harus 100.");

    // this year's weights
    for (let k = 0; k < 4; k++) fields.set(`c.${k}.weight`, "15");
    const saved = await chair.post("/chair/competitions/tpl-2025/criteria", fields);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Kriteria disimpan.");
    const stored = await storedCriteria("tpl-2025");
    expect(stored.map((c) => c.weight)).toEqual([15, 15, 15, 15, 10, 10, 10, 10]);
    // the same address again (a reload): the saved criteria, not the template
    const again = await (await chair.get(r.headers.get("location")!)).text();
    expect(again).not.toContain("Templat dimuat tanpa bobot.");
    expect(again).toMatch(/<input[^>]*name="c\.0\.weight"[^>]*value="15"/);
  });

  it("the editor loads a chosen template by POST too, and refuses an unknown one", async () => {
    const r = await chair.post("/chair/competitions/tpl-kosong/criteria", {
      intent: "template",
      template: "presentation",
    });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('value="Penguasaan Materi"');
    expect(html).toContain("Templat dimuat tanpa bobot.");
    const bad = await chair.post("/chair/competitions/tpl-kosong/criteria", {
      intent: "template",
      template: "admin-checklist",
    });
    expect(bad.status).toBe(400);
  });

  it("a competition no longer in draft ignores ?template= and shows its own criteria", async () => {
    const html = await (
      await chair.get("/chair/competitions/kutim-2024/criteria?template=practice-2025")
    ).text();
    expect(html).not.toContain("Templat dimuat tanpa bobot.");
    expect(html).not.toContain('value="Dampak"');
  });
});
