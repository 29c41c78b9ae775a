import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { tempDir } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

/**
 * The judges page works on one stage (docs/http.md, "Judges and assignments"): each stage's
 * assignments are its own, a closed stage's are only shown, and the judges' lists follow the stage
 * open for scoring. Driven through the real server, as a browser without JavaScript.
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let prepared: PreparedDatabase;
let chair: HttpClient;
const slug = "tahap-juri-2026";
const base = `/chair/competitions/${slug}/judges`;
const ids = { entry: {} as Record<string, number>, judge: {} as Record<string, number> };

const indicator = (code: string) => ({ code, name: code, min: 0, max: 5 });
const file = {
  slug,
  name: "Lomba dua tahap",
  year: 2026,
  level: "kabupaten",
  combine: "weighted",
  judges: [],
  libraries: ["SJA", "SJB", "SJC", "SJD"].map((code, i) => ({
    code,
    name: `${"ABCD"[i]} Pustaka Tahap`,
    type: "desa",
  })),
  stages: [
    {
      code: "DESK",
      name: "Penilaian berkas",
      kind: "desk",
      weight: 50,
      advance: 2,
      judges: ["juri1@juara.demo", "juri2@juara.demo"],
      components: [{ code: "A", name: "Berkas", weight: 100, indicators: [indicator("A1")] }],
      assignments: "all",
    },
    {
      code: "VISIT",
      name: "Kunjungan lapangan",
      kind: "visit",
      weight: 50,
      judges: ["juri3@juara.demo"],
      components: [{ code: "V", name: "Layanan", weight: 100, indicators: [indicator("V1")] }],
    },
  ],
};

/** The assignments of the competition, as "stage:library:judge email", sorted. */
async function assignments(): Promise<string[]> {
  const { rows } = await sql<{ stage: string; library: string; email: string }>`
    select s.code as stage, l.code as library, u.email from judge_assignments a
    join stages s on s.id = a.stage_id join entries e on e.id = a.entry_id
    join libraries l on l.id = e.library_id join users u on u.id = a.judge_id
    join competitions c on c.id = e.competition_id where c.slug = ${slug}`.execute(prepared.db);
  return rows.map((r) => `${r.stage}:${r.library}:${r.email.split("@")[0]}`).sort();
}

const pair = (library: string, judge: string) => `${ids.entry[library]}:${ids.judge[judge]}`;
const inStage = async (stage: string) =>
  (await assignments()).filter((a) => a.startsWith(`${stage}:`));
/** The matrix's boxes on a page ("entryId:judgeId"): all, or only the ticked ones. */
const boxes = (html: string, only?: "ticked") =>
  [...html.matchAll(/<input type="checkbox" name="a"[^>]*>/g)]
    .filter((m) => only !== "ticked" || m[0].includes('checked=""'))
    .map((m) => /value="(\d+:\d+)"/.exec(m[0])![1]!);
const ticked = (html: string) => boxes(html, "ticked");
/** The assignment matrix of a page. */
const matrixOf = (html: string) => /<table class="matrix">[\s\S]*?<\/table>/.exec(html)![0];

async function postForm(fields: Record<string, string | string[]>, path = base) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields))
    for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
  return chair.post(path, body);
}

beforeAll(async () => {
  data = tempDir();
  prepared = await preparedDatabase(data.dir);
  const db = prepared.db;
  await seedDemo(db);
  server = await startServer({ dataDir: data.dir, env: prepared.env });
  chair = new HttpClient(server.url);
  expect((await chair.login("ketua@juara.demo", DEMO_PASSWORD)).status).toBe(302);
  const form = new FormData();
  form.append("file", new Blob([JSON.stringify(file)], { type: "application/json" }), "f.json");
  const imported = await chair.post("/chair/import", form);
  expect(imported.status).toBe(302);
  const entries = await sql<{ code: string; id: number }>`
    select l.code, e.id from entries e join libraries l on l.id = e.library_id
    join competitions c on c.id = e.competition_id where c.slug = ${slug}`.execute(prepared.db);
  for (const r of entries.rows) ids.entry[r.code] = r.id;
  for (const r of await prepared.db
    .selectFrom("users")
    .select(["email", "id"])
    .where("email", "like", "juri_@juara.demo")
    .execute())
    ids.judge[r.email.split("@")[0]!] = r.id;
});
afterAll(async () => {
  await server?.stop();
  await prepared?.close();
  data?.remove();
});

describe("the judges page of a competition with stages", () => {
  it("shows the stage open for scoring by default, and another scored stage on ?stage=", async () => {
    const desk = await (await chair.get(base)).text();
    expect(desk).toContain("Penugasan tahap DESK: Penilaian berkas");
    expect(desk).toContain(`href="/chair/competitions/${slug}/judges?stage=VISIT"`);
    expect(desk).toContain('name="stage" value="DESK"');
    expect(desk).toContain('value="teams"');
    // every desk judge on every library, and nothing of the visit
    expect(ticked(desk).sort()).toEqual(
      ["SJA", "SJB", "SJC", "SJD"].flatMap((l) => [pair(l, "juri1"), pair(l, "juri2")]).sort(),
    );

    const visit = await (await chair.get(`${base}?stage=VISIT`)).text();
    expect(visit).toContain("Penugasan tahap VISIT: Kunjungan lapangan");
    expect(visit).toContain("semua peserta yang masih bertahan ditampilkan");
    expect(visit).toContain('name="stage" value="VISIT"');
    // the forms post to the stage's page, so the answer shows that stage without JavaScript too
    expect(visit).toContain(`action="/chair/competitions/${slug}/judges?stage=VISIT"`);
    expect(ticked(visit)).toEqual([]);
    for (const name of ["A Pustaka Tahap", "D Pustaka Tahap"])
      expect(matrixOf(visit)).toContain(name);

    expect((await chair.get(`${base}?stage=NOPE`)).status).toBe(404);
  });

  it("assigns and unassigns in one stage without touching the other's assignments", async () => {
    const deskBefore = await inStage("DESK");
    expect(deskBefore).toHaveLength(8);
    const saved = await postForm(
      {
        intent: "assignments",
        stage: "VISIT",
        a: [pair("SJA", "juri3"), pair("SJB", "juri3"), pair("SJA", "juri1")],
      },
      `${base}?stage=VISIT`,
    );
    expect(saved.status).toBe(200);
    const answer = await saved.text();
    expect(answer).toContain("3 penugasan ditambahkan, 0 dihapus.");
    expect(answer).toContain("Penugasan tahap VISIT: Kunjungan lapangan");
    expect(await inStage("VISIT")).toEqual([
      "VISIT:SJA:juri1",
      "VISIT:SJA:juri3",
      "VISIT:SJB:juri3",
    ]);
    expect(await inStage("DESK")).toEqual(deskBefore);

    // the same pair (SJA, juri1) is in both stages: taking it off the desk keeps the visit's
    const desk = deskBefore
      .filter((a) => a !== "DESK:SJA:juri1")
      .map((a) => {
        const [, library, judge] = a.split(":");
        return pair(library!, judge!);
      });
    expect((await postForm({ intent: "assignments", stage: "DESK", a: desk })).status).toBe(200);
    expect(await inStage("DESK")).toEqual(deskBefore.filter((a) => a !== "DESK:SJA:juri1"));
    expect(await inStage("VISIT")).toContain("VISIT:SJA:juri1");
    // and back, from the page's own URL (no stage field: the ?stage= of the page)
    expect(
      (
        await postForm(
          { intent: "assignments", a: [...desk, pair("SJA", "juri1")] },
          `${base}?stage=DESK`,
        )
      ).status,
    ).toBe(200);
    expect(await inStage("DESK")).toEqual(deskBefore);

    // unassigning in the visit keeps the desk
    const visit = await postForm({ intent: "assignments", stage: "VISIT", a: [] });
    expect(visit.status).toBe(200);
    expect(await visit.text()).toContain("0 penugasan ditambahkan, 3 dihapus.");
    expect(await inStage("VISIT")).toEqual([]);
    expect(await inStage("DESK")).toEqual(deskBefore);

    // each stage's matrix shows its own ticks
    const page = await (await chair.get(`${base}?stage=VISIT`)).text();
    expect(ticked(page)).toEqual([]);
  });

  it("names the stage in the audit log of a competition with several stages", async () => {
    const { rows } = await sql<{ action: string; after_json: string | null }>`
      select a.action, a.after_json from audit_log a join competitions c on c.id = a.competition_id
      where c.slug = ${slug} and a.entity_type = 'assignment' and a.entity_id = ${pair("SJA", "juri3")}
      order by a.id`.execute(prepared.db);
    expect(rows.map((r) => [r.action, JSON.parse(r.after_json ?? "null")])).toEqual([
      ["assign", { stage: "VISIT" }],
      ["unassign", { stage: "VISIT" }],
    ]);
  });

  it("splits the panel into two teams, each seeing half of the stage's entries", async () => {
    const res = await postForm({ intent: "teams", stage: "VISIT" });
    expect(res.status).toBe(200);
    // by name: Dr. Bambang Prasetyo (juri1) and Nurhayati (juri2), then Rahmawati (juri3);
    // by name: A and B Pustaka, then C and D
    expect(await inStage("VISIT")).toEqual([
      "VISIT:SJA:juri1",
      "VISIT:SJA:juri2",
      "VISIT:SJB:juri1",
      "VISIT:SJB:juri2",
      "VISIT:SJC:juri3",
      "VISIT:SJD:juri3",
    ]);
    expect(await inStage("DESK")).toHaveLength(8);
  });

  it("keeps a conflict of interest in every stage", async () => {
    const { id: libraryId } = await prepared.db
      .selectFrom("libraries")
      .select("id")
      .where("code", "=", "SJC")
      .executeTakeFirstOrThrow();
    const recorded = await postForm({
      intent: "conflict",
      judgeId: String(ids.judge.juri3),
      libraryId: String(libraryId),
      status: "confirmed",
      reason: "Kerabat pengelola",
    });
    expect(recorded.status).toBe(200);
    // the team's visit to C goes (no sheet yet), and it cannot be given back in any stage
    expect(await inStage("VISIT")).not.toContain("VISIT:SJC:juri3");
    for (const stage of ["VISIT", "DESK"]) {
      const page = await (await chair.get(`${base}?stage=${stage}`)).text();
      const wanted = [...ticked(page), pair("SJC", "juri3")];
      const refused = await postForm({ intent: "assignments", stage, a: wanted });
      expect(refused.status).toBe(200);
      expect(await refused.text()).toContain("0 penugasan ditambahkan, 0 dihapus.");
      expect(await assignments()).not.toContain(`${stage}:SJC:juri3`);
    }
  });

  it("shows a judge the stage open for scoring only, then the next stage's entries after the move", async () => {
    // the visit: juri3 sees A and B (the two that will go on)
    const visit = [pair("SJA", "juri3"), pair("SJB", "juri3")];
    expect((await postForm({ intent: "assignments", stage: "VISIT", a: visit })).status).toBe(200);
    const open = await postForm(
      { intent: "status", to: "scoring", confirm: "yes", reason: "" },
      `/chair/competitions/${slug}`,
    );
    expect(open.status).toBe(302);

    const visitor = new HttpClient(server.url);
    expect((await visitor.login("juri3@juara.demo", DEMO_PASSWORD)).status).toBe(302);
    const before = await (await visitor.get(`/judge/${slug}`)).text();
    for (const code of ["SJA", "SJB", "SJC", "SJD"]) expect(before).not.toContain(`/${code}"`);

    // the desk: both judges score; A and B are ahead
    const scores: Record<string, string> = { SJA: "5", SJB: "4", SJC: "2", SJD: "1" };
    for (const judge of ["juri1", "juri2"]) {
      const client = new HttpClient(server.url);
      expect((await client.login(`${judge}@juara.demo`, DEMO_PASSWORD)).status).toBe(302);
      for (const [code, score] of Object.entries(scores)) {
        const form = await (await client.get(`/judge/${slug}/${code}`)).text();
        const hidden = (name: string) =>
          new RegExp(`name="${name}" value="([^"]*)"`).exec(form)![1]!;
        const sent = await client.post(`/judge/${slug}/${code}`, {
          "score.A1": score,
          intent: "submit",
          confirm: "yes",
          version: hidden("version"),
          key: hidden("key"),
        });
        expect(sent.status).toBe(303);
      }
    }
    const moved = await postForm(
      { intent: "stage-next", confirm: "yes", reason: "" },
      `/chair/competitions/${slug}/stages`,
    );
    expect(moved.status).toBe(302);

    const after = await (await visitor.get(`/judge/${slug}`)).text();
    expect(after).toContain(`/judge/${slug}/SJA"`);
    expect(after).toContain(`/judge/${slug}/SJB"`);

    // the open stage after the cut: only the entries that went on
    const page = await (await chair.get(base)).text();
    expect(page).toContain("Penugasan tahap VISIT: Kunjungan lapangan");
    expect(matrixOf(page)).toContain("A Pustaka Tahap");
    expect(matrixOf(page)).not.toContain("C Pustaka Tahap");
    expect(ticked(page).sort()).toEqual(visit.sort());
  });

  it("shows a closed stage's assignments read-only and refuses to change them", async () => {
    const desk = await inStage("DESK");
    const page = await (await chair.get(`${base}?stage=DESK`)).text();
    expect(page).toContain("Tahap ini sudah ditutup");
    expect(ticked(page)).toHaveLength(8);
    expect(page).not.toContain('value="assign-all"');
    expect(page).not.toContain('value="teams"');
    // every library of the desk × the three judges of the panel (but the conflict, C × juri3),
    // none of them to be changed
    expect(boxes(page)).toHaveLength(11);
    expect(page.match(/<input type="checkbox" name="a"[^>]*disabled=""/g)).toHaveLength(11);
    expect(page).not.toContain("Simpan penugasan");
    for (const intent of ["assignments", "assign-all", "teams"]) {
      const refused = await postForm({ intent, stage: "DESK" });
      expect(refused.status, intent).toBe(409);
      expect(await refused.text()).toContain(
        "Tahap ini sudah ditutup; penugasannya tidak dapat diubah.",
      );
    }
    const balanced = await postForm({ intent: "balanced", perEntry: "1", stage: "DESK" });
    expect(balanced.status).toBe(409);
    expect(await inStage("DESK")).toEqual(desk);
    // a stage field naming no scored stage
    expect((await postForm({ intent: "assign-all", stage: "NOPE" })).status).toBe(400);
    expect((await postForm({ intent: "assign-all", stage: "" })).status).toBe(400);
  });
});

describe("the judges page of a one-stage competition", () => {
  it("shows no stage wording and carries no stage field, as before stages", async () => {
    const page = await (await chair.get("/chair/competitions/kutim-2024/judges")).text();
    expect(page).toContain('value="assign-all"');
    expect(page).toContain('value="balanced"');
    expect(page).not.toContain('name="stage"');
    expect(page).not.toContain("Penugasan tahap");
    expect(page).not.toContain('value="teams"');
    expect(page).not.toContain("?stage=");
  });
});
