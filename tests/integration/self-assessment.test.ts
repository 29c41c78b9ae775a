import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { hashPassword } from "../../app/lib/password.server";
import { formOf, parseDecimal } from "../../app/lib/self-assessment";
import { selfAssessmentSchema } from "../../app/lib/self-assessment-schema.server";
import { getCriteria, saveCriteria } from "../../app/models/criteria.server";
import { seedDemo } from "../../app/models/demo.server";
import { listLibraryCompetitions } from "../../app/models/library-accounts.server";
import {
  decideProfile,
  getSelfAssessment,
  listClaims,
  reopenSelfAssessment,
  saveSelfAssessment,
  saveStageClaims,
  setSelfAssessmentWindow,
} from "../../app/models/self-assessment.server";
import { saveSheet } from "../../app/models/sheets.server";
import { advanceStage } from "../../app/models/stages.server";
import { createTestDb, tempDir, type TestDb } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { HttpClient } from "../support/http";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";
import { startServer, type RunningServer } from "../support/server";

/**
 * The library's self-assessment (docs/decisions/012-self-assessment.md): the chair asks for
 * reported values per indicator and sets the window; the library saves drafts (versioned),
 * submits inside the window with every value; the chair reopens with a reason and accepts the
 * proposed profile into the registry. First through the models, then through the real server.
 */

const day = (offset: number) =>
  new Date(Date.now() + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe("Indonesian numbers", () => {
  it("reads grouping dots and decimal commas, refuses what is not a number", () => {
    expect(parseDecimal("1.000")).toBe("1000");
    expect(parseDecimal("12,5")).toBe("12.5");
    expect(parseDecimal("1.250,75")).toBe("1250.75");
    expect(parseDecimal(" 007 ")).toBe("7");
    expect(parseDecimal("12.5")).toBe("12.5");
    expect(parseDecimal("1.000.000")).toBe("1000000");
    for (const bad of ["", "-1", "1,2,3", "1.00,5", "abc", "1e3", "12,", "Infinity"])
      expect(parseDecimal(bad), bad).toBeNull();
  });
});

describe("self-assessment, through the models", () => {
  let t: TestDb;
  let fx: ScoringFixture;
  let entryId: number;
  let stageId: number;
  const chair = () => ({ id: fx.chair.id, label: "Ketua" });
  const library = { id: null, label: "Pengelola" };
  const claimsOf = async () => listClaims(fx.competitionId);
  const form = async (values: Record<string, string>, extra: Record<string, string> = {}) => {
    const claims = await claimsOf();
    const parsed = selfAssessmentSchema(claims).safeParse({
      version: "0",
      intent: "save",
      ...values,
      ...extra,
    });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    return formOf(parsed.data as Record<string, unknown>, claims);
  };

  beforeAll(async () => {
    t = await createTestDb();
    fx = await createScoringFixture(t.db, { slug: "mandiri-2026", entries: 3, judges: 1 });
    const entry = await t.db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select("e.id")
      .where("l.code", "=", fx.codes[0]!)
      .executeTakeFirstOrThrow();
    entryId = entry.id;
    ({ id: stageId } = await t.db
      .selectFrom("stages")
      .select("id")
      .where("competition_id", "=", fx.competitionId)
      .executeTakeFirstOrThrow());
  });
  afterAll(() => t.cleanup());

  it("lets the chair ask for reported values before the window opens, audited", async () => {
    const saved = await saveStageClaims(chair(), fx.competitionId, stageId, {
      A1: { kind: "number", unit: "judul", standardMin: 1000 },
      A2: { kind: "yesno", unit: "", standardMin: 1 },
      B1: { kind: "text", unit: "", standardMin: null },
    });
    expect(saved.ok).toBe(true);
    expect((await claimsOf()).map((c) => [c.code, c.kind, c.standardMin])).toEqual([
      ["A1", "number", 1000],
      ["A2", "yesno", 1],
      ["B1", "text", null],
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["entity_type", "action", "after_json"])
      .where("action", "=", "claims")
      .executeTakeFirstOrThrow();
    expect(audit.entity_type).toBe("criteria");
    expect(JSON.parse(audit.after_json!).A1).toEqual({
      kind: "number",
      unit: "judul",
      standardMin: 1000,
    });
  });

  it("refuses a save before the window opens", async () => {
    const result = await saveSelfAssessment(library, entryId, await form({ "value.A1": "1.200" }));
    expect(result).toMatchObject({ ok: false, httpStatus: 409 });
    expect(!result.ok && result.errors._form).toEqual(["library.selfAssessment.error.notOpen"]);
  });

  it("saves drafts with a version and refuses a stale one", async () => {
    await setSelfAssessmentWindow(chair(), fx.competitionId, { opens: day(-1), closes: day(1) });
    // once the window is open, the claims stay as they are
    expect(await saveStageClaims(chair(), fx.competitionId, stageId, { A1: null })).toMatchObject({
      ok: false,
    });
    const first = await saveSelfAssessment(
      library,
      entryId,
      await form({ "value.A1": "1.200", headName: "Bu Sari", members: "1.250" }),
    );
    expect(first).toMatchObject({ ok: true, version: 1, status: "draft" });
    const sa = await getSelfAssessment(entryId);
    expect(sa.values).toEqual({ A1: "1200" });
    expect(sa.profile).toEqual({ headName: "Bu Sari", openingHours: "", members: 1250 });
    expect(sa.profileStatus).toBe("pending");
    // a copy of the form still at version 0, with other values: told, not applied
    const stale = await saveSelfAssessment(library, entryId, await form({ "value.A1": "900" }));
    expect(stale).toMatchObject({ ok: false, httpStatus: 409, version: 1 });
    expect(!stale.ok && stale.errors._form).toEqual(["library.selfAssessment.error.stale"]);
    // the same save sent again (its answer was lost): answered as saved, nothing written twice
    const again = await saveSelfAssessment(
      library,
      entryId,
      await form({ "value.A1": "1.200", headName: "Bu Sari", members: "1.250" }),
    );
    expect(again).toMatchObject({ ok: true, version: 1 });
    expect((await getSelfAssessment(entryId)).values).toEqual({ A1: "1200" });
  });

  it("answers two saves at the same moment as if one came after the other", async () => {
    // on PostgreSQL they run side by side (two app processes, or one pool); on SQLite in turn
    const other = await createScoringFixture(t.db, {
      slug: "serentak-2026",
      entries: 2,
      judges: 1,
    });
    const { id: otherStage } = await t.db
      .selectFrom("stages")
      .select("id")
      .where("competition_id", "=", other.competitionId)
      .executeTakeFirstOrThrow();
    const otherChair = { id: other.chair.id, label: "Ketua" };
    expect(
      await saveStageClaims(otherChair, other.competitionId, otherStage, {
        A1: { kind: "number", unit: "judul", standardMin: 1000 },
      }),
    ).toMatchObject({ ok: true });
    await setSelfAssessmentWindow(otherChair, other.competitionId, {
      opens: day(-1),
      closes: day(1),
    });
    const claims = await listClaims(other.competitionId);
    const draft = (value: string) => {
      const parsed = selfAssessmentSchema(claims).safeParse({
        version: "0",
        intent: "save",
        "value.A1": value,
      });
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
      return formOf(parsed.data as Record<string, unknown>, claims);
    };
    const [twice, two] = await Promise.all(
      other.codes.map(
        async (code) =>
          (
            await t.db
              .selectFrom("entries as e")
              .innerJoin("libraries as l", "l.id", "e.library_id")
              .select("e.id")
              .where("l.code", "=", code)
              .where("e.competition_id", "=", other.competitionId)
              .executeTakeFirstOrThrow()
          ).id,
      ),
    );

    // one save sent twice (a double click, a resend): both answered as saved, written once
    const same = draft("1.500");
    const resent = await Promise.all([
      saveSelfAssessment(library, twice!, same),
      saveSelfAssessment(library, twice!, same),
    ]);
    for (const answer of resent) expect(answer).toMatchObject({ ok: true, version: 1 });
    expect(await getSelfAssessment(twice!)).toMatchObject({ version: 1, values: { A1: "1500" } });

    // two different saves of one version: one is kept, the other told it is stale
    const answers = await Promise.all([
      saveSelfAssessment(library, two!, draft("700")),
      saveSelfAssessment(library, two!, draft("800")),
    ]);
    expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
    const refused = answers.find((a) => !a.ok)!;
    expect(refused).toMatchObject({ ok: false, httpStatus: 409, version: 1 });
    expect(!refused.ok && refused.errors._form).toEqual(["library.selfAssessment.error.stale"]);
    const kept = answers[0]!.ok ? "700" : "800";
    expect(await getSelfAssessment(two!)).toMatchObject({ version: 1, values: { A1: kept } });
  });

  it("names every missing value on submit, then submits and turns read-only", async () => {
    const missing = await saveSelfAssessment(
      library,
      entryId,
      await form(
        { "value.A1": "1.200", headName: "Bu Sari", members: "1250" },
        { version: "1", intent: "submit" },
      ),
    );
    expect(missing).toMatchObject({ ok: false, httpStatus: 400 });
    expect(!missing.ok && Object.keys(missing.errors).sort()).toEqual([
      "_form",
      "value.A2",
      "value.B1",
    ]);
    const done = await saveSelfAssessment(
      library,
      entryId,
      await form(
        {
          "value.A1": "1.200",
          "value.A2": "yes",
          "value.B1": "Katalog daring",
          headName: "Bu Sari",
          members: "1250",
        },
        { version: "1", intent: "submit" },
      ),
    );
    expect(done).toMatchObject({ ok: true, version: 2, status: "submitted" });
    // the library's list of competitions says how far each self-assessment is
    const listed = async (code: string) => {
      const { id } = await t.db
        .selectFrom("libraries")
        .select("id")
        .where("code", "=", code)
        .executeTakeFirstOrThrow();
      return (await listLibraryCompetitions(id, t.db)).find((c) => c.slug === "mandiri-2026")
        ?.selfAssessment;
    };
    expect(await listed(fx.codes[0]!)).toBe("submitted");
    expect(await listed(fx.codes[2]!)).toBe("none");
    const after = await saveSelfAssessment(
      library,
      entryId,
      await form({ "value.A1": "1" }, { version: "2" }),
    );
    expect(after).toMatchObject({ ok: false, httpStatus: 409 });
    expect(!after.ok && after.errors._form).toEqual(["library.selfAssessment.error.submitted"]);
  });

  it("lets the chair reopen with a reason (audited), and a reopened one be corrected", async () => {
    const reopened = await reopenSelfAssessment(
      chair(),
      fx.competitionId,
      fx.codes[0]!.toLowerCase(),
      "Jumlah judul perlu dicek",
    );
    expect(reopened.ok).toBe(true);
    const sa = await getSelfAssessment(entryId);
    expect(sa).toMatchObject({
      status: "draft",
      version: 3,
      reopenReason: "Jumlah judul perlu dicek",
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["reason", "entity_type"])
      .where("action", "=", "self-assessment-reopen")
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ reason: "Jumlah judul perlu dicek", entity_type: "entry" });
    // not submitted any more: a second reopen is refused
    expect((await reopenSelfAssessment(chair(), fx.competitionId, fx.codes[0]!, "lagi")).ok).toBe(
      false,
    );
    // after the window closed, a reopened form may still be corrected and submitted
    await setSelfAssessmentWindow(chair(), fx.competitionId, { opens: day(-3), closes: day(-2) });
    const fixed = await saveSelfAssessment(
      library,
      entryId,
      await form(
        {
          "value.A1": "1.100",
          "value.A2": "yes",
          "value.B1": "Katalog daring",
          headName: "Bu Sari",
          members: "1250",
        },
        { version: "3", intent: "submit" },
      ),
    );
    expect(fixed).toMatchObject({ ok: true, status: "submitted" });
  });

  it("refuses another entry's save once the window has closed", async () => {
    const other = await t.db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select("e.id")
      .where("l.code", "=", fx.codes[1]!)
      .executeTakeFirstOrThrow();
    const result = await saveSelfAssessment(library, other.id, await form({ "value.A1": "5" }));
    expect(result).toMatchObject({ ok: false, httpStatus: 409 });
    expect(!result.ok && result.errors._form).toEqual(["library.selfAssessment.error.closed"]);
  });

  it("writes the accepted profile into the registry, audited", async () => {
    const accepted = await decideProfile(chair(), fx.competitionId, fx.codes[0]!, "accept", "");
    expect(accepted.ok).toBe(true);
    const lib = await t.db
      .selectFrom("libraries")
      .select(["head_name", "opening_hours", "members"])
      .where("code", "=", fx.codes[0]!)
      .executeTakeFirstOrThrow();
    expect(lib).toEqual({ head_name: "Bu Sari", opening_hours: "", members: 1250 });
    expect((await getSelfAssessment(entryId)).profileStatus).toBe("accepted");
    expect((await decideProfile(chair(), fx.competitionId, fx.codes[0]!, "reject", "x")).ok).toBe(
      false,
    );
    const audit = await t.db
      .selectFrom("audit_log")
      .select("entity_type")
      .where("action", "=", "profile-accept")
      .executeTakeFirstOrThrow();
    expect(audit.entity_type).toBe("library");
  });

  it("keeps the claims on their indicators when the criteria are saved again", async () => {
    await t.db
      .updateTable("competitions")
      .set({ status: "draft" })
      .where("id", "=", fx.competitionId)
      .execute();
    const criteria = await getCriteria(fx.competitionId);
    expect((await saveCriteria(chair(), fx.competitionId, criteria)).ok).toBe(true);
    expect((await claimsOf()).map((c) => c.code)).toEqual(["A1", "A2", "B1"]);
    // the editor sends the claims: one taken away, audited as a claims change
    const result = await saveCriteria(chair(), fx.competitionId, criteria, stageId, {
      A1: { kind: "number", unit: "judul", standardMin: 1000 },
    });
    expect(result.ok).toBe(true);
    expect((await claimsOf()).map((c) => c.code)).toEqual(["A1"]);
    await t.db
      .updateTable("competitions")
      .set({ status: "scoring" })
      .where("id", "=", fx.competitionId)
      .execute();
  });

  it("lists entries without a submitted self-assessment before a stage that requires one", async () => {
    await t.db
      .insertInto("stages")
      .values({
        competition_id: fx.competitionId,
        position: 2,
        code: "DESK",
        name: "Penilaian berkas",
        kind: "desk",
        weight: 0,
        advance: null,
        requires_self_assessment: 1,
      })
      .execute();
    // every sheet submitted: what stands in the way is the self-assessments alone
    const judge = fx.judges[0]!;
    for (const code of fx.codes) {
      const outcome = await saveSheet(
        { id: judge.id, label: judge.email },
        fx.slug,
        code,
        {
          values: {
            "score.A1": "4",
            "score.A2": "7",
            "score.B1": "3",
            intent: "submit",
            version: "0",
            key: `${code}-${"k".repeat(16)}`,
          },
          repeated: [],
        },
        { issuedPassword: false },
      );
      expect(outcome.status).toBe("saved");
    }
    const refused = await advanceStage(chair(), fx.competitionId);
    expect(!refused.ok && refused.reasons.map((r) => r.message)).toEqual([
      "selfAssessment.reason.missing",
    ]);
    expect(refused.ok).toBe(false);
    const reason =
      !refused.ok && refused.reasons.find((r) => r.message === "selfAssessment.reason.missing");
    expect(reason).toMatchObject({
      overridable: true,
      params: { count: 2, codes: [fx.codes[1], fx.codes[2]].sort().join(", ") },
    });
    // overridable with a reason, as the missing sheets are
    const moved = await advanceStage(chair(), fx.competitionId, {
      override: true,
      reason: "Tenggat diperpanjang",
    });
    expect(moved.ok).toBe(true);
  });
});

describe("self-assessment, through the real server", () => {
  let server: RunningServer;
  let data: { dir: string; remove: () => void };
  let prepared: PreparedDatabase;
  const clients = {} as Record<"library" | "other" | "chair" | "judge" | "anonymous", HttpClient>;
  const page = "/library/kutim-2024";

  beforeAll(async () => {
    data = tempDir();
    prepared = await preparedDatabase(data.dir);
    const { db } = prepared;
    await seedDemo(db);
    const now = new Date().toISOString();
    const hash = await hashPassword(DEMO_PASSWORD);
    const c = await db
      .selectFrom("competitions")
      .select("id")
      .where("slug", "=", "kutim-2024")
      .executeTakeFirstOrThrow();
    const indicators = await db
      .selectFrom("indicators")
      .select(["id", "code"])
      .where("competition_id", "=", c.id)
      .orderBy("position")
      .execute();
    await db
      .insertInto("indicator_claims")
      .values([
        { indicator_id: indicators[0]!.id, kind: "number", unit: "judul", standard_min: 1000 },
        { indicator_id: indicators[1]!.id, kind: "yesno", unit: "", standard_min: 1 },
      ])
      .execute();
    await db
      .updateTable("competitions")
      .set({
        self_assessment_opens: new Date(Date.now() - 86400_000).toISOString(),
        self_assessment_closes: new Date(Date.now() + 86400_000).toISOString(),
      })
      .where("id", "=", c.id)
      .execute();
    const lib = (code: string) =>
      db.selectFrom("libraries").select("id").where("code", "=", code).executeTakeFirstOrThrow();
    for (const [email, code] of [
      ["pengelola@sepaso.test", "SEPASO"],
      ["pengelola@kaubun.test", "KAUBUN"],
    ] as const)
      await db
        .insertInto("users")
        .values({
          email,
          name: "Pengelola",
          role: "library",
          library_id: (await lib(code)).id,
          password_hash: hash,
          created_at: now,
          updated_at: now,
        })
        .execute();
    (globalThis as { codes?: string[] }).codes = indicators.map((i) => i.code);
    server = await startServer({ dataDir: data.dir, env: prepared.env });
    const logins = {
      library: "pengelola@sepaso.test",
      other: "pengelola@kaubun.test",
      chair: "ketua@juara.demo",
      judge: "juri1@juara.demo",
    } as const;
    clients.anonymous = new HttpClient(server.url);
    for (const [role, email] of Object.entries(logins)) {
      const client = new HttpClient(server.url);
      expect((await client.login(email, DEMO_PASSWORD)).status).toBe(302);
      clients[role as keyof typeof logins] = client;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await prepared?.close();
    data?.remove();
  });

  const code = (i: number) => (globalThis as { codes?: string[] }).codes![i]!;
  const multipart = (fields: Record<string, string>) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    return body;
  };
  const stored = async () =>
    (
      await sql<{ status: string; version: number }>`
        select sa.status, sa.version from self_assessments sa join entries e on e.id = sa.entry_id
        join libraries l on l.id = e.library_id join competitions c on c.id = e.competition_id
        where l.code = 'SEPASO' and c.slug = 'kutim-2024'`.execute(prepared.db)
    ).rows[0];

  it("shows the form with the standard, and the registry's profile", async () => {
    const res = await clients.library.get(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`name="value.${code(0)}"`);
    expect(html).toContain(`name="value.${code(1)}"`);
    expect(html).toContain("standar: ≥ 1.000 judul");
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain('name="headName"');
  });

  it("saves a draft without JavaScript, refuses a stale version and keeps what was typed", async () => {
    const saved = await clients.library.post(
      page,
      multipart({
        intent: "save",
        version: "0",
        [`value.${code(0)}`]: "1.250",
        openingHours: "08.00–16.00",
      }),
    );
    expect(saved.status).toBe(200);
    expect(await stored()).toEqual({ status: "draft", version: 1 });
    const stale = await clients.library.post(
      page,
      multipart({ intent: "save", version: "0", [`value.${code(0)}`]: "9" }),
    );
    expect(stale.status).toBe(409);
    expect(await stored()).toEqual({ status: "draft", version: 1 });
    const bad = await clients.library.post(
      page,
      multipart({ intent: "save", version: "1", [`value.${code(0)}`]: "seribu" }),
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="seribu"');
    expect(html).toContain("Tulis angka");
  });

  it("stores evidence files with the values; a refused file keeps the values, a refused form stores no file", async () => {
    // KAUBUN's own form (SEPASO's is used by the tests around this one)
    const photo = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
      "latin1",
    );
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const withFiles = (
      fields: Record<string, string>,
      files: [string, Buffer | string, string, string][],
    ) => {
      const body = multipart(fields);
      for (const [field, bytes, name, type] of files)
        body.append(
          field,
          new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], { type }),
          name,
        );
      return body;
    };
    const kaubun = async () =>
      (
        await sql<{ status: string | null; version: number | null; files: number }>`
          select sa.status, sa.version,
            (select count(*) from evidence_files f where f.entry_id = e.id) as files
          from entries e join libraries l on l.id = e.library_id
          join competitions c on c.id = e.competition_id
          left join self_assessments sa on sa.entry_id = e.id
          where l.code = 'KAUBUN' and c.slug = 'kutim-2024'`.execute(prepared.db)
      ).rows[0]!;

    const form = await (await clients.other.get(page)).text();
    expect(form).toContain(`name="evidence.${code(0)}"`);
    expect(form).toContain('accept="image/jpeg,image/png,image/webp,application/pdf"');
    expect(form).toContain('href="/library/kutim-2024/evidence"');

    // a photo and a PDF stored, an SVG refused under its field; the value saved all the same
    const first = await clients.other.post(
      page,
      withFiles({ intent: "save", version: "0", [`value.${code(0)}`]: "1.100" }, [
        [`evidence.${code(0)}`, photo, "ruang-baca.jpg", "image/jpeg"],
        [`evidence.${code(1)}`, pdf, "sk.pdf", "application/pdf"],
        [`evidence.${code(1)}`, svg, "gambar.svg", "image/svg+xml"],
      ]),
    );
    expect(first.status).toBe(400);
    const refusedPage = await first.text();
    expect(refusedPage).toContain("gambar.svg: bukan foto JPEG");
    expect(refusedPage).toContain("Draf tersimpan.");
    expect(await kaubun()).toEqual({ status: "draft", version: 1, files: 2 });
    const shown = await (await clients.other.get(page)).text();
    expect(shown).toMatch(/<img src="\/files\/\d+\/thumb" alt="ruang-baca.jpg"/);
    expect(shown).toContain("sk.pdf");
    expect(shown).toContain('value="1.100"');

    // a submit carrying a refused file stays a draft, its values saved
    const notYet = await clients.other.post(
      page,
      withFiles(
        {
          intent: "submit",
          version: "1",
          [`value.${code(0)}`]: "1.100",
          [`value.${code(1)}`]: "yes",
        },
        [[`evidence.${code(0)}`, svg, "lagi.svg", "image/svg+xml"]],
      ),
    );
    expect(notYet.status).toBe(400);
    expect(await notYet.text()).toContain("belum dikirim: ada berkas yang ditolak");
    expect(await kaubun()).toEqual({ status: "draft", version: 2, files: 2 });

    // a bad value refuses the form: the files chosen are not stored, and it says so
    const bad = await clients.other.post(
      page,
      withFiles({ intent: "save", version: "2", [`value.${code(0)}`]: "seribu" }, [
        [`evidence.${code(0)}`, photo, "kedua.jpg", "image/jpeg"],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Berkas yang dipilih belum disimpan");
    expect(await kaubun()).toEqual({ status: "draft", version: 2, files: 2 });

    // the profile video link goes with the form; a bad one refuses it
    const badLink = await clients.other.post(
      page,
      multipart({ intent: "save", version: "2", video: "https://evil.example/v" }),
    );
    expect(badLink.status).toBe(400);
    const linked = await clients.other.post(
      page,
      multipart({ intent: "save", version: "2", video: "https://youtu.be/abc" }),
    );
    expect(linked.status).toBe(200);
    expect(await kaubun()).toEqual({ status: "draft", version: 3, files: 3 });
  });

  it("names the missing values on submit, then submits, then is read-only", async () => {
    const missing = await clients.library.post(
      page,
      multipart({ intent: "submit", version: "1", [`value.${code(0)}`]: "1.250" }),
    );
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Wajib diisi sebelum dikirim.");
    const done = await clients.library.post(
      page,
      multipart({
        intent: "submit",
        version: "1",
        [`value.${code(0)}`]: "1.250",
        [`value.${code(1)}`]: "yes",
      }),
    );
    expect(done.status).toBe(200);
    expect(await stored()).toEqual({ status: "submitted", version: 2 });
    const html = await (await clients.library.get(page)).text();
    expect(html).not.toContain(`name="value.${code(0)}"`);
    expect(html).toContain("1.250 judul");
    const late = await clients.library.post(
      page,
      multipart({ intent: "save", version: "2", [`value.${code(0)}`]: "1" }),
    );
    expect(late.status).toBe(409);
  });

  it("answers another library 404 and refuses judges and visitors", async () => {
    // KAUBUN is entered in kutim-2024 too: its own page, never SEPASO's data
    const own = await (await clients.other.get(page)).text();
    expect(own).not.toContain("1.250 judul");
    expect((await clients.other.get("/library/no-such-competition")).status).toBe(404);
    expect((await clients.judge.get(page)).status).toBe(403);
    expect((await clients.judge.post(page, { intent: "save", version: "0" })).status).toBe(403);
    expect((await clients.anonymous.post(page, { intent: "save", version: "0" })).status).toBe(302);
    const chairView = "/chair/competitions/kutim-2024/entries/SEPASO/self-assessment";
    expect((await clients.library.get(chairView)).status).toBe(403);
    expect((await clients.judge.get(chairView)).status).toBe(403);
    expect((await clients.anonymous.get(chairView)).status).toBe(302);
  });

  it("lets the chair see the values against the standard and reopen with a reason", async () => {
    const entries = await (
      await clients.chair.get("/chair/competitions/kutim-2024/entries")
    ).text();
    expect(entries).toContain("/chair/competitions/kutim-2024/entries/SEPASO/self-assessment");
    const view = "/chair/competitions/kutim-2024/entries/SEPASO/self-assessment";
    const html = await (await clients.chair.get(view)).text();
    expect(html).toContain("1.250 judul");
    expect(html).toContain("08.00–16.00");
    expect(
      (await clients.chair.get("/chair/competitions/kutim-2024/entries/NOPE/self-assessment"))
        .status,
    ).toBe(404);
    const noReason = await clients.chair.post(view, { intent: "reopen", reason: " " });
    expect(noReason.status).toBe(400);
    expect((await stored())?.status).toBe("submitted");
    const reopened = await clients.chair.post(view, {
      intent: "reopen",
      reason: "Cek jumlah judul",
    });
    expect(reopened.status).toBe(200);
    expect((await stored())?.status).toBe("draft");
    const page2 = await (await clients.library.get(page)).text();
    expect(page2).toContain("Cek jumlah judul");
    expect(page2).toContain(`name="value.${code(0)}"`);
  });

  it("accepts the proposed profile into the registry", async () => {
    const view = "/chair/competitions/kutim-2024/entries/SEPASO/self-assessment";
    const rejectNoReason = await clients.chair.post(view, { intent: "reject", reason: "" });
    expect(rejectNoReason.status).toBe(400);
    const accepted = await clients.chair.post(view, { intent: "accept", reason: "" });
    expect(accepted.status).toBe(200);
    const lib = await prepared.db
      .selectFrom("libraries")
      .select("opening_hours as hours")
      .where("code", "=", "SEPASO")
      .executeTakeFirstOrThrow();
    expect(lib.hours).toBe("08.00–16.00");
    expect((await clients.chair.post(view, { intent: "accept", reason: "" })).status).toBe(409);
  });
});
