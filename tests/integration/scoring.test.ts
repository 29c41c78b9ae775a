import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { HttpClient } from "../support/http";
import {
  createScoringFixture,
  FIXTURE_PASSWORD,
  shownScore,
  type ScoringFixture,
} from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * The judge's scoring workspace through the real server, as a browser with JavaScript off sends
 * it (plain form POSTs) and as the autosave script does (the JSON endpoint).
 */
let server: RunningServer;
let data: { dir: string; remove: () => void };
let fx: ScoringFixture;
let closedFx: ScoringFixture;
let draftFx: ScoringFixture;
let prepared: PreparedDatabase;

const sheetUrl = (code: string, slug = fx.slug) => `/judge/${slug}/${code}`;
const apiUrl = (code: string, slug = fx.slug) => `/api/sheets/${slug}/${code}`;

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden field ${name}`);
  return match[1]!;
}

async function judge(index: number): Promise<HttpClient> {
  const client = new HttpClient(server.url);
  expect((await client.login(fx.judges[index]!.email, FIXTURE_PASSWORD)).status).toBe(302);
  return client;
}

async function openForm(client: HttpClient, code: string) {
  const res = await client.get(sheetUrl(code));
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, key: hidden(html, "key"), version: hidden(html, "version") };
}

async function sheetRow(judgeId: number, code: string) {
  const { rows } = await sql<{ id: number; status: string; version: number; comment: string }>`
    select s.id, s.status, s.version, s.comment from score_sheets s join entries e on e.id = s.entry_id
    join libraries l on l.id = e.library_id where s.judge_id = ${judgeId} and l.code = ${code}`.execute(
    prepared.db,
  );
  return rows[0];
}

async function scoresOf(sheetId: number): Promise<Record<string, number | null>> {
  const { rows } = await sql<{ code: string; value: number | null }>`
    select i.code, s.value from scores s join indicators i on i.id = s.indicator_id
    where s.sheet_id = ${sheetId}`.execute(prepared.db);
  return Object.fromEntries(rows.map((r) => [r.code, r.value]));
}

async function notesOf(sheetId: number): Promise<Record<string, string>> {
  const { rows } = await sql<{ code: string; note: string }>`
    select i.code, s.note from scores s join indicators i on i.id = s.indicator_id
    where s.sheet_id = ${sheetId}`.execute(prepared.db);
  return Object.fromEntries(rows.map((r) => [r.code, r.note]));
}

function auditActions(sheetId: number): Promise<{ action: string; reason: string | null }[]> {
  return prepared.db
    .selectFrom("audit_log")
    .select(["action", "reason"])
    .where("entity_type", "=", "score_sheet")
    .where("entity_id", "=", String(sheetId))
    .orderBy("id")
    .execute();
}

beforeAll(async () => {
  data = tempDir();
  prepared = await preparedDatabase(data.dir);
  const db = prepared.db;
  fx = await createScoringFixture(db, {
    slug: "uji-2026",
    entries: 4,
    judges: 3,
  });
  closedFx = await createScoringFixture(db, {
    slug: "tutup-2026",
    entries: 1,
    judges: 1,
    status: "closed",
  });
  draftFx = await createScoringFixture(db, {
    slug: "draf-2026",
    entries: 1,
    judges: 1,
    status: "draft",
  });
  server = await startServer({
    dataDir: data.dir,
    env: { ...prepared.env, JUARA_NO_DEMO: "1" },
  });
});

afterAll(async () => {
  await server?.stop();
  await prepared?.close();
  data?.remove();
});

describe("the judge's entry list", () => {
  it("lists the judge's own entries with each sheet's state, and never a conflicted one", async () => {
    const client = await judge(2);
    const res = await client.get(`/judge/${fx.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain(fx.codes[0]);
    for (const code of fx.codes.slice(1)) expect(html).toContain(`/judge/${fx.slug}/${code}`);
    expect(html).toContain("Belum dimulai");
    expect(html).toContain("0 dari 3 lembar sudah dikirim");
  });
});

describe("the score sheet with JavaScript off", () => {
  it("shows every indicator with its rubric, a note, the comment and both buttons", async () => {
    const client = await judge(0);
    const { html, version } = await openForm(client, fx.codes[0]!);
    for (const name of ["score.A1", "note.A1", "score.A2", "score.B1", "note.B1", "comment"])
      expect(html).toContain(`name="${name}"`);
    expect(html).toContain('name="intent" value="save"');
    expect(html).toContain('name="intent" value="submit"');
    expect(html).toContain("sangat baik");
    expect(html).toContain("bobot 60%");
    expect(version).toBe("0");
    // library codes in URLs match whatever the letters' case
    const lower = await client.get(sheetUrl(fx.codes[0]!.toLowerCase()));
    expect(lower.status).toBe(200);
    expect(await lower.text()).toContain('name="score.A1"');
  });

  it("saves a partial draft, then shows it again", async () => {
    const client = await judge(0);
    const { key, version } = await openForm(client, fx.codes[0]!);
    const res = await client.post(sheetUrl(fx.codes[0]!), {
      "score.A1": "4",
      "note.A1": "Koleksi tertata rapi",
      "score.A2": "",
      "score.B1": "",
      comment: "Kunjungan pagi",
      intent: "save",
      version,
      key,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${sheetUrl(fx.codes[0]!)}?saved=1`);
    const again = await (await client.get(res.headers.get("location")!)).text();
    expect(shownScore(again, "score.A1")).toBe("4");
    expect(again).toContain("Koleksi tertata rapi");
    expect(again).toContain("Draf tersimpan.");
    expect(hidden(again, "version")).toBe("1");
    const row = (await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!;
    expect(row).toMatchObject({
      status: "draft",
      version: 1,
      comment: "Kunjungan pagi",
    });
    expect(await scoresOf(row.id)).toEqual({ A1: 4, A2: null, B1: null });
    // drafts are not audited; submissions are
    expect(await auditActions(row.id)).toEqual([]);
  });

  it("refuses out-of-range and non-integer scores next to the field, keeping what was typed", async () => {
    const client = await judge(0);
    const { key, version } = await openForm(client, fx.codes[0]!);
    const res = await client.post(sheetUrl(fx.codes[0]!), {
      "score.A1": "6",
      "score.A2": "2.5",
      "score.B1": "tiga",
      "note.B1": "catatan yang tidak boleh hilang",
      intent: "save",
      version,
      key,
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Nilai harus antara 1 dan 5.");
    expect(html).toContain("Masukkan bilangan bulat.");
    // each refused value is still chosen, as a choice of its own, with its message beside it
    expect(shownScore(html, "score.A1")).toBe("6");
    expect(shownScore(html, "score.A2")).toBe("2.5");
    expect(shownScore(html, "score.B1")).toBe("tiga");
    expect(html).toMatch(
      /role="radiogroup"[^>]*aria-describedby="[^"]*field-score_A1-error"[^>]*aria-invalid="true"/,
    );
    expect(html).toContain("Bukan tingkat pada pedoman ini");
    expect(html).toContain("catatan yang tidak boleh hilang");
    // the valid field (the note) was saved; the refused scores kept what the server had
    expect(html).toContain("Isian lain sudah disimpan.");
    const row = (await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!;
    expect(row.version).toBe(2);
    expect(hidden(html, "version")).toBe("2");
    expect(await scoresOf(row.id)).toEqual({ A1: 4, A2: null, B1: null });
    expect((await notesOf(row.id)).B1).toBe("catatan yang tidak boleh hilang");

    // the same refused values again change nothing, so nothing is written
    const form = await openForm(client, fx.codes[0]!);
    const again = await client.post(sheetUrl(fx.codes[0]!), {
      "score.A1": "6",
      "score.A2": "2.5",
      "score.B1": "",
      "note.B1": "catatan yang tidak boleh hilang",
      intent: "save",
      version: form.version,
      key: form.key,
    });
    expect(again.status).toBe(400);
    expect(await again.text()).not.toContain("Isian lain sudah disimpan.");
    expect((await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!.version).toBe(2);
  });

  it("saves a rubric level chosen without JavaScript, posted as the number box was", async () => {
    const client = await judge(0);
    const code = fx.codes[1]!;
    const form = await openForm(client, code);
    // every score of the scale is a radio, the rubric's own levels with their text
    expect(form.html).toMatch(/type="radio" name="score\.A2" value="10"/);
    expect(form.html).toContain("sangat baik");
    expect(shownScore(form.html, "score.A2")).toBe("");
    const res = await client.post(sheetUrl(code), {
      "score.A1": "5",
      "score.A2": "10",
      "score.B1": "",
      intent: "save",
      version: form.version,
      key: form.key,
    });
    expect(res.status).toBe(303);
    const row = (await sheetRow(fx.judges[0]!.id, code))!;
    expect(await scoresOf(row.id)).toEqual({ A1: 5, A2: 10, B1: null });
    const again = await openForm(client, code);
    expect(shownScore(again.html, "score.A1")).toBe("5");
    expect(shownScore(again.html, "score.A2")).toBe("10");
    expect(shownScore(again.html, "score.B1")).toBe("");
  });

  it("requires every indicator to submit, then locks the sheet and records the submission", async () => {
    const client = await judge(0);
    let form = await openForm(client, fx.codes[0]!);
    const partial = await client.post(sheetUrl(fx.codes[0]!), {
      "score.A1": "4",
      intent: "submit",
      version: form.version,
      key: form.key,
    });
    expect(partial.status).toBe(400);
    const partialHtml = await partial.text();
    expect(partialHtml.match(/Wajib diisi sebelum dikirim\./g)?.length).toBe(2);

    form = await openForm(client, fx.codes[0]!);
    const full = { "score.A1": "4", "score.A2": "7", "score.B1": "3", "note.B1": "rak penuh" };
    // first the summary and a confirm form carrying the same fields; nothing is written yet
    const review = await client.post(sheetUrl(fx.codes[0]!), {
      ...full,
      intent: "submit",
      version: form.version,
      key: form.key,
    });
    expect(review.status).toBe(200);
    const reviewHtml = await review.text();
    expect(reviewHtml).toContain("Periksa sebelum mengirim");
    expect(reviewHtml).toContain("Semua 3 indikator sudah dinilai.");
    expect(reviewHtml).toContain("Ya, kirim nilai final");
    expect(reviewHtml).toContain('name="confirm" value="yes"');
    expect(reviewHtml).toContain('name="note.B1" value="rak penuh"');
    expect((await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!.status).toBe("draft");
    // a confirm field that does not say yes confirms nothing
    const unsure = await client.post(sheetUrl(fx.codes[0]!), {
      ...full,
      intent: "submit",
      confirm: "maybe",
      version: hidden(reviewHtml, "version"),
      key: hidden(reviewHtml, "key"),
    });
    expect(unsure.status).toBe(400);
    expect((await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!.status).toBe("draft");

    const done = await client.post(sheetUrl(fx.codes[0]!), {
      ...full,
      intent: "submit",
      confirm: "yes",
      version: hidden(reviewHtml, "version"),
      key: hidden(reviewHtml, "key"),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/judge/${fx.slug}?submitted=${fx.codes[0]}`);
    const list = await (await client.get(done.headers.get("location")!)).text();
    expect(list).toContain("sudah dikirim");

    const row = (await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!;
    expect(row.status).toBe("submitted");
    expect(await scoresOf(row.id)).toEqual({ A1: 4, A2: 7, B1: 3 });
    expect((await auditActions(row.id)).map((a) => a.action)).toEqual(["submit"]);

    // read-only for the judge: no buttons, and a POST is refused
    const view = await openForm(client, fx.codes[0]!);
    expect(view.html).not.toContain('value="submit"');
    const radios = view.html.match(/<input[^>]*name="score\.A1"[^>]*>/g) ?? [];
    expect(radios.length).toBe(6);
    for (const radio of radios) expect(radio).toContain('disabled=""');
    expect(shownScore(view.html, "score.A1")).toBe("4");
    const late = await client.post(sheetUrl(fx.codes[0]!), {
      "score.A1": "1",
      intent: "save",
      version: view.version,
      key: view.key,
    });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("Lembar ini sudah dikirim dan tidak dapat diubah.");
    expect(await scoresOf(row.id)).toEqual({ A1: 4, A2: 7, B1: 3 });
  });
});

describe("who may open a sheet", () => {
  it("answers 404 to a conflicted judge, an unknown entry and another competition's entry; 403 to a chair", async () => {
    const conflicted = await judge(2);
    expect((await conflicted.get(sheetUrl(fx.codes[0]!))).status).toBe(404);
    const post = await conflicted.post(apiUrl(fx.codes[0]!), {
      "score.A1": "5",
      intent: "save",
      version: "0",
      key: "conflicted-key-1",
    });
    expect(post.status).toBe(404);
    expect(await sheetRow(fx.judges[2]!.id, fx.codes[0]!)).toBeUndefined();
    expect((await conflicted.get(sheetUrl("TIDAKADA"))).status).toBe(404);
    expect((await conflicted.get(sheetUrl(closedFx.codes[0]!, closedFx.slug))).status).toBe(404);

    // assigned, but the competition is still being set up: nothing of it shows yet
    const early = new HttpClient(server.url);
    await early.login(draftFx.judges[0]!.email, FIXTURE_PASSWORD);
    expect((await early.get(`/judge/${draftFx.slug}`)).status).toBe(404);
    expect((await early.get(sheetUrl(draftFx.codes[0]!, draftFx.slug))).status).toBe(404);
    const draftPost = await early.post(apiUrl(draftFx.codes[0]!, draftFx.slug), {
      "score.A1": "5",
      intent: "save",
      version: "0",
      key: "draft-comp-key-1",
    });
    expect(draftPost.status).toBe(404);
    expect(await sheetRow(draftFx.judges[0]!.id, draftFx.codes[0]!)).toBeUndefined();

    const chair = new HttpClient(server.url);
    await chair.login(fx.chair.email, FIXTURE_PASSWORD);
    expect((await chair.get(sheetUrl(fx.codes[1]!))).status).toBe(403);
    expect(
      (
        await chair.post(apiUrl(fx.codes[1]!), {
          intent: "save",
          version: "0",
          key: "chair-key-123",
        })
      ).status,
    ).toBe(403);
    const anonymous = new HttpClient(server.url);
    const redirected = await anonymous.get(sheetUrl(fx.codes[1]!));
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("location")).toContain("/login");
  });
});

describe("saving through the autosave endpoint", () => {
  it("never overwrites a newer save from another tab: the older one gets the current sheet back", async () => {
    const client = await judge(1);
    const code = fx.codes[1]!;
    const first = await client.post(apiUrl(code), {
      "score.A1": "2",
      intent: "save",
      version: "0",
      key: "tab-one-0001",
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      status: "saved",
      version: 1,
      sheetStatus: "draft",
    });

    const stale = await client.post(apiUrl(code), {
      "score.A1": "5",
      intent: "save",
      version: "0",
      key: "tab-two-0001",
    });
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as {
      status: string;
      current: { version: number; scores: Record<string, number | null> };
    };
    expect(conflict.status).toBe("conflict");
    expect(conflict.current.version).toBe(1);
    expect(conflict.current.scores.A1).toBe(2);
    const row = (await sheetRow(fx.judges[1]!.id, code))!;
    expect((await scoresOf(row.id)).A1).toBe(2);

    // the judge chose "keep mine": sent again on top of the version they have now seen
    const chosen = await client.post(apiUrl(code), {
      "score.A1": "5",
      intent: "save",
      version: "1",
      key: "tab-two-0002",
    });
    expect(chosen.status).toBe(200);
    expect((await scoresOf(row.id)).A1).toBe(5);
  });

  it("answers a stale save to a sheet submitted meanwhile with the current sheet, not just 'locked'", async () => {
    // the other tab submitted; this tab still holds version 1 and must see what was submitted
    const client = await judge(2);
    const code = fx.codes[1]!;
    const draft = await client.post(apiUrl(code), {
      "score.A1": "3",
      intent: "save",
      version: "0",
      key: "stale-submit-0001",
    });
    expect(await draft.json()).toMatchObject({ status: "saved", version: 1 });
    const submitted = await client.post(apiUrl(code), {
      "score.A1": "4",
      "score.A2": "6",
      "score.B1": "2",
      intent: "submit",
      version: "1",
      key: "stale-submit-0002",
    });
    expect(await submitted.json()).toMatchObject({
      status: "saved",
      version: 2,
      sheetStatus: "submitted",
    });

    const stale = await client.post(apiUrl(code), {
      "score.A1": "1",
      intent: "save",
      version: "1",
      key: "stale-submit-0003",
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      status: "conflict",
      current: { version: 2, status: "submitted", scores: { A1: 4, A2: 6, B1: 2 } },
    });
    const row = (await sheetRow(fx.judges[2]!.id, code))!;
    expect(row).toMatchObject({ status: "submitted", version: 2 });
    expect(await scoresOf(row.id)).toEqual({ A1: 4, A2: 6, B1: 2 });
  });

  it("answers a save claiming a version of a sheet that does not exist with a conflict, and creates nothing", async () => {
    const client = await judge(2);
    const code = fx.codes[2]!;
    const res = await client.post(apiUrl(code), {
      "score.A1": "3",
      intent: "save",
      version: "3",
      key: "phantom-version-0001",
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      status: "conflict",
      current: { version: 0, status: "new", scores: {} },
    });
    expect(await sheetRow(fx.judges[2]!.id, code)).toBeUndefined();
  });

  it("answers a resent request (same key) with the first answer and saves once", async () => {
    const client = await judge(1);
    const code = fx.codes[2]!;
    const body = {
      "score.A1": "3",
      "score.B1": "2",
      intent: "save",
      version: "0",
      key: "resend-key-0001",
    };
    const first = (await (await client.post(apiUrl(code), body)).json()) as Record<string, unknown>;
    const second = (await (await client.post(apiUrl(code), body)).json()) as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({
      status: "saved",
      version: 1,
      replayed: false,
    });
    expect(second).toMatchObject({
      status: "saved",
      version: 1,
      replayed: true,
      savedAt: first.savedAt,
    });
    expect((await sheetRow(fx.judges[1]!.id, code))!.version).toBe(1);

    // the same key from somebody else is refused, not replayed
    const other = await judge(0);
    const stolen = await other.post(apiUrl(code), body);
    expect([400, 404]).toContain(stolen.status);
    const mine = await other.post(apiUrl(fx.codes[2]!), {
      ...body,
      key: "resend-key-0001",
    });
    expect(mine.status).toBe(400);
    expect(await mine.json()).toEqual({ status: "keyReused" });
  });

  it("adds no Server-Timing header: phases are timed only when the server runs with JUARA_SERVER_TIMING=1", async () => {
    const client = await judge(1);
    const res = await client.post(apiUrl(fx.codes[2]!), {
      "score.A1": "3",
      intent: "save",
      version: "999",
      key: "no-timing-key-0001",
    });
    expect(res.status).toBe(409);
    expect(res.headers.get("Server-Timing")).toBeNull();
    await res.body?.cancel();
  });

  it("refuses invalid values with the field's message key, and saves nothing when nothing else changes", async () => {
    const client = await judge(1);
    const code = fx.codes[3]!;
    const res = await client.post(apiUrl(code), {
      "score.A2": "11",
      "note.A2": "x\u0000y",
      intent: "save",
      version: "0",
      key: "invalid-key-0001",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      status: "invalid",
      errors: {
        "score.A2": ["scoring.error.range"],
        "note.A2": ["scoring.error.controlCharacters"],
      },
    });
    expect(await sheetRow(fx.judges[1]!.id, code)).toBeUndefined();
  });

  it("saves a draft's valid fields and refuses the bad one beside them; a submission is refused whole", async () => {
    const client = await judge(2);
    const code = fx.codes[3]!;
    const body = {
      "score.A1": "3",
      "score.A2": "11",
      "score.B1": "2",
      intent: "save",
      version: "0",
      key: "part-save-0001",
    };
    const res = await client.post(apiUrl(code), body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { saved: { savedAt: string } };
    expect(answer).toEqual({
      status: "invalid",
      errors: { "score.A2": ["scoring.error.range"] },
      saved: { version: 1, savedAt: answer.saved.savedAt, replayed: false },
    });
    const row = (await sheetRow(fx.judges[2]!.id, code))!;
    expect(row).toMatchObject({ status: "draft", version: 1 });
    expect(await scoresOf(row.id)).toEqual({ A1: 3, A2: null, B1: 2 });

    // resent unchanged (no answer reached the device): answered again, saved once
    const resent = await client.post(apiUrl(code), body);
    expect(resent.status).toBe(400);
    expect(await resent.json()).toEqual({
      status: "invalid",
      errors: { "score.A2": ["scoring.error.range"] },
      saved: { version: 1, savedAt: answer.saved.savedAt, replayed: true },
    });
    expect((await sheetRow(fx.judges[2]!.id, code))!.version).toBe(1);

    // a stored score stays as it was while its field is refused
    const kept = await client.post(apiUrl(code), {
      "score.A1": "x",
      "score.A2": "6",
      "score.B1": "2",
      intent: "save",
      version: "1",
      key: "part-save-0002",
    });
    expect(await kept.json()).toMatchObject({ status: "invalid", saved: { version: 2 } });
    expect(await scoresOf(row.id)).toEqual({ A1: 3, A2: 6, B1: 2 });

    const submit = await client.post(apiUrl(code), {
      "score.A1": "3",
      "score.A2": "11",
      "score.B1": "2",
      intent: "submit",
      version: "2",
      key: "part-save-0003",
    });
    expect(submit.status).toBe(400);
    expect(await submit.json()).toEqual({
      status: "invalid",
      errors: { "score.A2": ["scoring.error.range"] },
    });
    expect(await sheetRow(fx.judges[2]!.id, code)).toMatchObject({ status: "draft", version: 2 });
  });

  it("refuses changes once scoring is closed", async () => {
    const client = new HttpClient(server.url);
    await client.login(closedFx.judges[0]!.email, FIXTURE_PASSWORD);
    const page = await client.get(sheetUrl(closedFx.codes[0]!, closedFx.slug));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Penilaian lomba ini sudah ditutup");
    expect(html).not.toContain('value="submit"');
    const res = await client.post(apiUrl(closedFx.codes[0]!, closedFx.slug), {
      "score.A1": "3",
      intent: "save",
      version: "0",
      key: "closed-key-0001",
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ status: "closed" });
  });
});

describe("the chair reopens a submitted sheet", () => {
  it("needs a reason, sends the sheet back to its judge, and audits the reopening and every later change", async () => {
    const judgeClient = await judge(0);
    const sheet = (await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!;
    expect(sheet.status).toBe("submitted");

    // assigned, but the competition is still being set up: nothing of it shows yet
    const early = new HttpClient(server.url);
    await early.login(draftFx.judges[0]!.email, FIXTURE_PASSWORD);
    expect((await early.get(`/judge/${draftFx.slug}`)).status).toBe(404);
    expect((await early.get(sheetUrl(draftFx.codes[0]!, draftFx.slug))).status).toBe(404);
    const draftPost = await early.post(apiUrl(draftFx.codes[0]!, draftFx.slug), {
      "score.A1": "5",
      intent: "save",
      version: "0",
      key: "draft-comp-key-1",
    });
    expect(draftPost.status).toBe(404);
    expect(await sheetRow(draftFx.judges[0]!.id, draftFx.codes[0]!)).toBeUndefined();

    const chair = new HttpClient(server.url);
    await chair.login(fx.chair.email, FIXTURE_PASSWORD);
    const list = await chair.get(`/chair/competitions/${fx.slug}/sheets`);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain("Buka kembali");
    // the chair's list shows progress, not scores
    expect(listHtml).not.toContain("Koleksi tertata rapi");

    const noReason = await chair.post(`/chair/competitions/${fx.slug}/sheets`, {
      intent: "reopen",
      sheetId: String(sheet.id),
      reason: " ",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Wajib diisi");
    expect((await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!.status).toBe("submitted");

    const reopened = await chair.post(`/chair/competitions/${fx.slug}/sheets`, {
      intent: "reopen",
      sheetId: String(sheet.id),
      reason: "Nilai B1 salah ketik",
    });
    expect(reopened.status).toBe(200);
    const after = (await sheetRow(fx.judges[0]!.id, fx.codes[0]!))!;
    expect(after.status).toBe("draft");

    const form = await openForm(judgeClient, fx.codes[0]!);
    expect(form.html).toContain("Nilai B1 salah ketik");
    const fixed = await judgeClient.post(sheetUrl(fx.codes[0]!), {
      "score.A1": "4",
      "score.A2": "7",
      "score.B1": "4",
      intent: "save",
      version: form.version,
      key: form.key,
    });
    expect(fixed.status).toBe(303);
    const form2 = await openForm(judgeClient, fx.codes[0]!);
    const resubmitted = await judgeClient.post(sheetUrl(fx.codes[0]!), {
      "score.A1": "4",
      "score.A2": "7",
      "score.B1": "4",
      intent: "submit",
      confirm: "yes",
      version: form2.version,
      key: form2.key,
    });
    expect(resubmitted.status).toBe(303);
    expect(await auditActions(sheet.id)).toEqual([
      { action: "submit", reason: null },
      { action: "reopen", reason: "Nilai B1 salah ketik" },
      { action: "update", reason: null },
      { action: "submit", reason: null },
    ]);
  });
});
