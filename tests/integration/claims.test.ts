import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getSheetClaims,
  listClaimCorrections,
  saveClaimChecks,
} from "../../app/models/claims.server";
import { findAccess } from "../../app/models/sheets.server";
import { addClaims } from "../support/claims";
import { createTestDb, type TestDb } from "../support/db";
import { HttpClient, withoutStylesheet } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * Judges see the library's claims beside the sheet (value, unit, the standard's minimum, the
 * evidence), only once the self-assessment is submitted; on a visit stage a judge verifies or
 * corrects each value, saved per (stage, entry, indicator, judge) and audited; the chair counts
 * the corrections per entry.
 */

let t: TestDb;
let visit: ScoringFixture;
let desk: ScoringFixture;
let evidence: Record<string, { image: number; pdf: number; video: number }>;
let server: RunningServer;
const judges: HttpClient[] = [];
let deskJudge: HttpClient;
let chair: HttpClient;

/** entry 2 submitted with evidence, entry 3 a draft; entry 1 none */
const SUBMITTED = () => visit.codes[1]!;
const DRAFT = () => visit.codes[2]!;
const sheetUrl = (code: string, slug = visit.slug) => `/judge/${slug}/${code}`;

async function checks(code: string) {
  const { rows } = await sql<{
    code: string;
    result: string;
    observed: string | null;
    judge: number;
  }>`select i.code, k.result, k.observed, k.judge_id as judge from claim_checks k
     join indicators i on i.id = k.indicator_id join entries e on e.id = k.entry_id
     join libraries l on l.id = e.library_id where l.code = ${code}
     order by k.judge_id, i.code`.execute(t.db);
  return rows;
}

const audits = () =>
  t.db
    .selectFrom("audit_log")
    .select(["action", "before_json", "after_json"])
    .where("entity_type", "=", "claim_check")
    .orderBy("id")
    .execute();

beforeAll(async () => {
  t = await createTestDb();
  visit = await createScoringFixture(t.db, { slug: "klaim-2026", entries: 3, judges: 3 });
  desk = await createScoringFixture(t.db, { slug: "meja-2026", entries: 2, judges: 1 });
  ({ evidence } = await addClaims(t.db, visit, {
    stageKind: "visit",
    entries: [
      {
        code: visit.codes[1]!,
        status: "submitted",
        values: { A1: "1250", A2: "yes", B1: "Pojok baca anak" },
        evidence: true,
      },
      { code: visit.codes[2]!, status: "draft", values: { A1: "999" }, evidence: true },
    ],
  }));
  await addClaims(t.db, desk, {
    stageKind: "desk",
    entries: [{ code: desk.codes[1]!, status: "submitted", values: { A1: "800" } }],
  });
  server = await startServer({ env: { JUARA_NO_DEMO: "1", DATABASE_URL: t.url } });
  for (const j of visit.judges) {
    const client = new HttpClient(server.url);
    expect((await client.login(j.email, FIXTURE_PASSWORD)).status).toBe(302);
    judges.push(client);
  }
  deskJudge = new HttpClient(server.url);
  expect((await deskJudge.login(desk.judges[0]!.email, FIXTURE_PASSWORD)).status).toBe(302);
  chair = new HttpClient(server.url);
  expect((await chair.login(visit.chair.email, FIXTURE_PASSWORD)).status).toBe(302);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await server?.cleanup();
  await t?.cleanup();
});

describe("the claims on the judge's sheet (model)", () => {
  it("gives the submitted value, its minimum, whether it meets it, and the evidence", async () => {
    const judge = visit.judges[0]!;
    const access = (await findAccess(judge.id, visit.slug, SUBMITTED(), t.db))!;
    const claims = await getSheetClaims(access, judge.id, true);
    expect(claims.submitted).toBe(true);
    expect(claims.stageKind).toBe("visit");
    expect(claims.checkable).toBe(true);
    expect(claims.claims.A1).toMatchObject({
      kind: "number",
      unit: "judul",
      standardMin: 1000,
      value: "1250",
      meets: true,
      check: null,
    });
    expect(claims.claims.A1!.evidence).toEqual([
      {
        id: evidence[SUBMITTED()]!.image,
        kind: "image",
        name: "rak-buku.jpg",
        url: null,
        thumb: true,
      },
      {
        id: evidence[SUBMITTED()]!.pdf,
        kind: "pdf",
        name: "daftar-koleksi.pdf",
        url: null,
        thumb: false,
      },
      {
        id: evidence[SUBMITTED()]!.video,
        kind: "video",
        name: "Profil perpustakaan",
        url: "https://www.youtube.com/watch?v=profil",
        thumb: false,
      },
    ]);
    expect(claims.claims.A2).toMatchObject({ kind: "yesno", value: "yes", meets: true });
    expect(claims.claims.B1).toMatchObject({ kind: "text", value: "Pojok baca anak", meets: null });
  });

  it("shows nothing of a draft self-assessment: no value, no evidence", async () => {
    const judge = visit.judges[0]!;
    const access = (await findAccess(judge.id, visit.slug, DRAFT(), t.db))!;
    const claims = await getSheetClaims(access, judge.id, true);
    expect(claims.submitted).toBe(false);
    expect(claims.claims.A1).toMatchObject({ value: null, meets: null, evidence: [] });
  });
});

describe("the claims on the judge's sheet (server)", () => {
  it("shows the value with its unit, the standard, the verdict and the evidence links", async () => {
    const res = await judges[0]!.get(sheetUrl(SUBMITTED()));
    expect(res.status).toBe(200);
    const html = await res.text();
    const ids = evidence[SUBMITTED()]!;
    expect(html).toContain("1.250 judul");
    expect(html).toContain("standar: ≥ 1.000 judul");
    expect(html).toContain("memenuhi standar");
    expect(html).toMatch(
      new RegExp(
        `<a href="/files/${ids.image}"><img src="/files/${ids.image}/thumb" alt="rak-buku.jpg"`,
      ),
    );
    expect(html).toContain(`<a href="/files/${ids.pdf}">Dokumen PDF: daftar-koleksi.pdf</a>`);
    expect(html).toMatch(
      /<a href="https:\/\/www.youtube.com\/watch\?v=profil" target="_blank" rel="noopener noreferrer">Video: Profil perpustakaan/,
    );
    // the visit check's fields belong to their own form
    expect(html).toMatch(
      /<form id="claims-form" method="post" action="\/judge\/klaim-2026\/[A-Z0-9]+\?claims"/,
    );
    expect(html).toMatch(/type="radio" form="claims-form" name="check.A1" value="verified"/);
  });

  it("says 'belum dikirim' for a draft self-assessment and shows none of its values", async () => {
    const html = withoutStylesheet(await (await judges[0]!.get(sheetUrl(DRAFT()))).text());
    expect(html).toContain("Laporan mandiri: belum dikirim.");
    expect(html).not.toContain("999");
    expect(html).not.toContain(`/files/${evidence[DRAFT()]!.image}`);
    expect(html).not.toContain('name="check.A1"');
  });

  it("saves a verification and a correction without JavaScript (303), and audits them", async () => {
    const res = await judges[0]!.post(`${sheetUrl(SUBMITTED())}?claims`, {
      intent: "claims",
      "check.A1": "verified",
      "check.A2": "corrected",
      "observed.A2": "no",
      // an observed value beside a verification is not kept
      "observed.A1": "5",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${sheetUrl(SUBMITTED())}?claimsSaved=1`);
    expect(await checks(SUBMITTED())).toEqual([
      { code: "A1", result: "verified", observed: null, judge: visit.judges[0]!.id },
      { code: "A2", result: "corrected", observed: "no", judge: visit.judges[0]!.id },
    ]);
    const logged = await audits();
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!.after_json!)).toEqual({
      library: SUBMITTED(),
      checks: {
        A1: { result: "verified", observed: null },
        A2: { result: "corrected", observed: "no" },
      },
    });
    // the page shows them checked after the reload
    const html = await (await judges[0]!.get(res.headers.get("location")!)).text();
    expect(html).toContain("Pemeriksaan tersimpan.");
    expect(html).toMatch(/name="check.A1" checked="" value="verified"/);
    expect(html).toMatch(/name="check.A2" checked="" value="corrected"/);
  });

  it("saves a correction of a number typed the Indonesian way through the JSON endpoint", async () => {
    const res = await judges[0]!.post(`/api/claims/${visit.slug}/${SUBMITTED()}`, {
      intent: "claims",
      "check.A1": "corrected",
      "observed.A1": "1.100,5",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: Record<string, unknown> };
    expect(body.status).toBe("saved");
    expect(body.checks.A1).toEqual({ result: "corrected", observed: "1100.5" });
    // what was not sent stays as it was
    expect(body.checks.A2).toEqual({ result: "corrected", observed: "no" });
    expect((await checks(SUBMITTED())).find((c) => c.code === "A1")).toMatchObject({
      result: "corrected",
      observed: "1100.5",
    });
    const last = (await audits()).at(-1)!;
    expect(JSON.parse(last.before_json!)).toEqual({
      library: SUBMITTED(),
      checks: { A1: { result: "verified", observed: null } },
    });
    // the same again changes nothing and logs nothing
    const count = (await audits()).length;
    await judges[0]!.post(`/api/claims/${visit.slug}/${SUBMITTED()}`, {
      intent: "claims",
      "check.A1": "corrected",
      "observed.A1": "1100,5",
    });
    expect(await audits()).toHaveLength(count);
  });

  it("refuses a correction without an observed value, with the message beside the field", async () => {
    const before = await checks(SUBMITTED());
    const res = await judges[0]!.post(`${sheetUrl(SUBMITTED())}?claims`, {
      intent: "claims",
      "check.B1": "corrected",
      "observed.B1": "  ",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(
      /<ul id="claim-B1-observed-error" class="field-errors" role="alert"><li>Isi nilai yang diamati untuk koreksi.<\/li>/,
    );
    // the judge's choice comes back in its place
    expect(html).toMatch(/name="check.B1" checked="" value="corrected"/);
    expect(await checks(SUBMITTED())).toEqual(before);
  });

  it("checks an observed value as its claim's kind: number, yes/no, short text", async () => {
    const api = `/api/claims/${visit.slug}/${SUBMITTED()}`;
    const cases: [Record<string, string>, string, string][] = [
      [
        { "check.A1": "corrected", "observed.A1": "1.5" },
        "observed.A1",
        "scoring.claims.error.number",
      ],
      [
        { "check.A1": "corrected", "observed.A1": "12.5" },
        "observed.A1",
        "scoring.claims.error.number",
      ],
      [
        { "check.A1": "corrected", "observed.A1": "-3" },
        "observed.A1",
        "scoring.claims.error.number",
      ],
      [
        { "check.A2": "corrected", "observed.A2": "ya" },
        "observed.A2",
        "scoring.claims.error.yesno",
      ],
      [{ "check.B1": "corrected", "observed.B1": "x".repeat(501) }, "observed.B1", "error.tooLong"],
      [{ "observed.B1": "ada" }, "check.B1", "scoring.claims.error.chooseResult"],
      [{ "check.A1": "maybe" }, "check.A1", "error.invalid"],
    ];
    const before = await checks(SUBMITTED());
    for (const [fields, field, key] of cases) {
      const res = await judges[0]!.post(api, { intent: "claims", ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const body = (await res.json()) as { status: string; errors: Record<string, string[]> };
      expect(body.errors[field], JSON.stringify(fields)).toEqual([key]);
    }
    expect(await checks(SUBMITTED())).toEqual(before);
  });

  it("refuses a check of a value not submitted (a draft)", async () => {
    const res = await judges[0]!.post(`/api/claims/${visit.slug}/${DRAFT()}`, {
      intent: "claims",
      "check.A1": "verified",
    });
    expect(res.status).toBe(400);
    expect(await checks(DRAFT())).toEqual([]);
  });

  it("refuses a judge not assigned to the entry (404), as the sheet does", async () => {
    // the third judge is in conflict with the first library, so not assigned to it
    const conflicted = visit.codes[0]!;
    for (const url of [
      `${sheetUrl(conflicted)}?claims`,
      `/api/claims/${visit.slug}/${conflicted}`,
    ]) {
      const res = await judges[2]!.post(url, { intent: "claims", "check.A1": "verified" });
      expect(res.status, url).toBe(404);
    }
    // and a judge of another competition
    const res = await deskJudge.post(`/api/claims/${visit.slug}/${SUBMITTED()}`, {
      intent: "claims",
      "check.A1": "verified",
    });
    expect(res.status).toBe(404);
    expect(await checks(conflicted)).toEqual([]);
  });

  it("lets no judge of a desk stage mark checks (403), and shows them no check fields", async () => {
    const code = desk.codes[1]!;
    const html = await (await deskJudge.get(sheetUrl(code, desk.slug))).text();
    expect(html).toContain("800 judul");
    expect(html).toContain("di bawah standar");
    expect(html).not.toContain('name="check.A1"');
    for (const url of [`${sheetUrl(code, desk.slug)}?claims`, `/api/claims/${desk.slug}/${code}`]) {
      const res = await deskJudge.post(url, { intent: "claims", "check.A1": "verified" });
      expect(res.status, url).toBe(403);
    }
    expect(await checks(code)).toEqual([]);
  });

  it("refuses checks once the judge's sheet is submitted (409)", async () => {
    const judge = visit.judges[1]!;
    const { id: entryId } = await t.db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select("e.id")
      .where("l.code", "=", SUBMITTED())
      .executeTakeFirstOrThrow();
    // the second judge corrects A1, then their sheet is submitted
    const saved = await judges[1]!.post(`/api/claims/${visit.slug}/${SUBMITTED()}`, {
      intent: "claims",
      "check.A1": "corrected",
      "observed.A1": "900",
      "check.A2": "corrected",
      "observed.A2": "no",
    });
    expect(saved.status).toBe(200);
    const now = new Date().toISOString();
    await t.db
      .insertInto("score_sheets")
      .values({
        entry_id: entryId,
        judge_id: judge.id,
        status: "submitted",
        version: 1,
        comment: "",
        created_at: now,
        updated_at: now,
        submitted_at: now,
      })
      .execute();
    const res = await judges[1]!.post(`/api/claims/${visit.slug}/${SUBMITTED()}`, {
      intent: "claims",
      "check.A1": "verified",
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { status: string }).status).toBe("locked");
    const result = await saveClaimChecks(
      { id: null, label: "test" },
      judge.id,
      visit.slug,
      SUBMITTED(),
      { A1: { result: "verified", observed: "" } },
    );
    expect(result.status).toBe("locked");
  });
});

describe("the chair's count of corrections", () => {
  it("counts per entry the claims any judge corrected, and lists which", async () => {
    // judge 1: A1 corrected (1100.5), A2 corrected (no); judge 2: A1 (900) and A2 (no)
    const { claims, entries } = await listClaimCorrections(visit.competitionId);
    expect(claims).toBe(3);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ code: SUBMITTED(), corrected: 2 });
    expect(
      entries[0]!.corrections.map((c) => [c.indicatorCode, c.reported, c.observed, c.judgeName]),
    ).toEqual([
      ["A1", "1250", "1100.5", `Juri 1 ${visit.slug}`],
      ["A1", "1250", "900", `Juri 2 ${visit.slug}`],
      ["A2", "yes", "no", `Juri 1 ${visit.slug}`],
      ["A2", "yes", "no", `Juri 2 ${visit.slug}`],
    ]);
    const html = await (await chair.get(`/chair/competitions/${visit.slug}/sheets`)).text();
    expect(html).toContain("Nilai laporan yang dikoreksi saat kunjungan");
    expect(html).toContain("2 klaim dikoreksi");
    expect(html).toContain("1.100,5 judul");
    expect(html).toContain("Tidak");
    // a competition without corrections says so
    const none = await listClaimCorrections(desk.competitionId);
    expect(none).toEqual({ claims: 3, entries: [] });
  });
});
