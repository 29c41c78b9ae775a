import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../app/lib/audit.server";
import { VILLAGE_LIBRARY_TEMPLATE } from "../../app/lib/criteria-template";
import {
  assignAll,
  assignBalanced,
  getAssignmentMatrix,
  saveAssignments,
  addToPanel,
} from "../../app/models/assignments.server";
import {
  exportCompetitionFile,
  formatProblem,
  importCompetitionFile,
} from "../../app/models/competition-file.server";
import {
  createCompetition,
  deleteCompetition,
  duplicateCompetition,
} from "../../app/models/competitions.server";
import { decideConflict, isConflicted, suggestConflicts } from "../../app/models/conflicts.server";
import { getCriteria, saveCriteria } from "../../app/models/criteria.server";
import {
  addEntries,
  removeEntry,
  setEntryCategory,
  setEntryStatus,
} from "../../app/models/entries.server";
import {
  importLibraryCsv,
  listLibraries,
  previewLibraryCsv,
} from "../../app/models/libraries.server";
import { changeStatus } from "../../app/models/status.server";
import { createUser } from "../../app/models/users.server";
import { createTestDb, type TestDb } from "../support/db";

const actor: Actor = { id: null, label: "test" };
let t: TestDb;

beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

async function judge(
  email: string,
  home: { village?: string; district?: string; institution?: string } = {},
) {
  const r = await createUser(actor, {
    email,
    name: email.split("@")[0]!,
    role: "judge",
    password: "password-123",
    ...home,
  });
  if (!r.ok) throw new Error("user");
  return r.userId;
}

const CSV = [
  "kode,nama,jenis,desa,kecamatan,alamat,kepala,telepon,npp",
  "SEPASO,Pustaka Ilmu Desa Sepaso,desa,Sepaso,Bengalon,Jl. Poros,Ani,0812,6408001",
  "SWARGA,Perpustakaan Desa Swarga Bara,Desa,Swarga Bara,Sangatta Utara,,,,",
  "TELUK,Perpustakaan Kelurahan Teluk Lingga,kelurahan,Teluk Lingga,Sangatta Utara,,,,",
].join("\n");

async function competitionWithEntries(slug = "kutim-2025") {
  const created = await createCompetition(actor, {
    slug,
    name: "Lomba 2025",
    year: 2025,
    level: "kabupaten",
    region: "Kutai Timur",
    aggregation: "mean",
    prizeWinners: 3,
    prizeHonourable: 3,
    rankingScope: "overall",
    template: "accreditation",
  });
  if (!created.ok) throw new Error("create");
  const imported = await importLibraryCsv(actor, CSV);
  expect(imported.ok).toBe(true);
  const libs = await listLibraries();
  await addEntries(
    actor,
    created.id,
    libs.map((l) => ({ libraryId: l.id })),
  );
  return { id: created.id, libs };
}

describe("library CSV import", () => {
  it("reports every bad row with its line number and writes nothing", async () => {
    const text = [
      "code,name,type,village,district",
      "A1,Perpustakaan A,desa,Desa A,Kec",
      ",Tanpa kode,desa,,",
      "B1,Perpustakaan B,kota,,",
      "",
      "A1,Perpustakaan A lagi,desa,,",
      "C1,,kelurahan,,",
    ].join("\n");
    const preview = await previewLibraryCsv(text);
    expect(preview.fileError).toBeNull();
    expect(preview.rows.map((r) => r.line)).toEqual([2]);
    expect(
      preview.errors.map((e) => [e.line, e.problems.map((p) => `${p.column}:${p.message}`)]),
    ).toEqual([
      [3, ["code:error.required"]],
      [4, ["type:setup.error.libraryType"]],
      [6, ["code:setup.csv.duplicateCode"]],
      [7, ["name:error.required"]],
    ]);
    const result = await importLibraryCsv(actor, text);
    expect(result.ok).toBe(false);
    expect(await t.db.selectFrom("libraries").selectAll().execute()).toEqual([]);
  });

  it("refuses library codes that are not a safe URL segment, and treats codes case-insensitively", async () => {
    const bad = [".", "..", "a/b", "a.b", "%2e", "_", "-", "a b"];
    const text = ["code,name,type", ...bad.map((c, i) => `"${c}",Perpustakaan ${i},desa`)].join(
      "\n",
    );
    const preview = await previewLibraryCsv(text);
    expect(preview.rows).toEqual([]);
    expect(preview.errors.map((e) => e.problems.map((p) => `${p.column}:${p.message}`))).toEqual(
      bad.map(() => ["code:setup.error.libraryCodeFormat"]),
    );
    const good = "code,name,type\nKutim-01,Perpustakaan A,desa\nB_2,Perpustakaan B,desa";
    expect((await importLibraryCsv(actor, good)).ok).toBe(true);
    // the same code in other letters is the same library: updated, never a second one
    const again = await previewLibraryCsv("code,name,type\nkutim-01,Perpustakaan A baru,desa");
    expect(again.rows.map((r) => r.change)).toEqual(["updated"]);
    const dup = await previewLibraryCsv("code,name,type\nX1,A,desa\nx1,B,desa");
    expect(dup.errors.map((e) => e.problems.map((p) => p.message))).toEqual([
      ["setup.csv.duplicateCode"],
    ]);
    expect(
      (await importLibraryCsv(actor, "code,name,type\nKUTIM-01,Perpustakaan A2,desa")).ok,
    ).toBe(true);
    expect((await listLibraries()).map((l) => l.code).sort()).toEqual(["B_2", "KUTIM-01"]);
  });

  it("re-importing updates by code and never duplicates", async () => {
    expect(await importLibraryCsv(actor, CSV)).toEqual({
      ok: true,
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    const changed = CSV.replace("Jl. Poros", "Jl. Poros Bengalon");
    const preview = await previewLibraryCsv(changed);
    expect(preview.rows.map((r) => r.change)).toEqual(["updated", "unchanged", "unchanged"]);
    expect(await importLibraryCsv(actor, changed)).toEqual({
      ok: true,
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    const libs = await listLibraries();
    expect(libs).toHaveLength(3);
    expect(libs.find((l) => l.code === "SEPASO")?.address).toBe("Jl. Poros Bengalon");
    expect(libs.find((l) => l.code === "SWARGA")?.type).toBe("desa");
  });

  it("reads a spreadsheet's semicolon-separated export with a byte-order mark and quoted fields", async () => {
    const text =
      '\uFEFFKode;Nama;Jenis;Desa;Kecamatan;Alamat\r\nA1;"Perpustakaan ""Cerdas""";Kelurahan;Sangatta Utara;Sangatta Utara;"Jl. A; No. 1"\r\n';
    const preview = await previewLibraryCsv(text);
    expect(preview.errors).toEqual([]);
    expect(preview.rows).toEqual([
      {
        line: 2,
        change: "created",
        library: {
          code: "A1",
          name: 'Perpustakaan "Cerdas"',
          type: "kelurahan",
          village: "Sangatta Utara",
          district: "Sangatta Utara",
          address: "Jl. A; No. 1",
          head_name: "",
          contact: "",
          npp: "",
        },
      },
    ]);
  });

  it("names missing columns", async () => {
    const preview = await previewLibraryCsv("code,nama\nA,B\n");
    expect(preview.fileError).toEqual({
      message: "setup.csv.missingColumns",
      params: { columns: "type" },
    });
  });
});

describe("entries", () => {
  it("change category and leave while draft; once scoring only withdraw or disqualify, with a reason", async () => {
    const { id } = await competitionWithEntries();
    const entries = (await getAssignmentMatrix(id)).entries;
    expect(await setEntryCategory(actor, id, entries[0]!.id, "kelurahan")).toEqual({ ok: true });
    expect(await removeEntry(actor, id, entries[2]!.id)).toEqual({ ok: true });
    const j = await judge("j@x.id");
    await addToPanel(actor, id, [j]);
    await assignAll(actor, id);
    expect(await changeStatus(actor, id, "scoring")).toMatchObject({ ok: true });
    expect(await removeEntry(actor, id, entries[1]!.id)).toEqual({
      ok: false,
      errors: { _form: ["setup.error.entriesLocked"] },
    });
    expect(await setEntryCategory(actor, id, entries[1]!.id, "desa")).toEqual({
      ok: false,
      errors: { _form: ["setup.error.entriesLocked"] },
    });
    expect(await setEntryStatus(actor, id, entries[1]!.id, "disqualified", "data palsu")).toEqual({
      ok: true,
    });
    const rows = await t.db
      .selectFrom("entries")
      .select(["category", "status", "status_reason"])
      .where("competition_id", "=", id)
      .orderBy("id")
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.status)).toContain("disqualified");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "entry")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "create",
      "create",
      "create",
      "category",
      "delete",
      "disqualify",
    ]);
  });
});

describe("conflicts of interest", () => {
  it("a confirmed conflict blocks assignment on every path, including the database itself", async () => {
    const { id, libs } = await competitionWithEntries();
    const j1 = await judge("j1@x.id");
    const j2 = await judge("j2@x.id");
    await addToPanel(actor, id, [j1, j2]);
    const swarga = libs.find((l) => l.code === "SWARGA")!;
    await decideConflict(actor, {
      judgeId: j1,
      libraryId: swarga.id,
      status: "confirmed",
      reason: "tinggal di desa itu",
    });
    expect(await isConflicted(j1, swarga.id)).toBe(true);
    expect(await isConflicted(j2, swarga.id)).toBe(false);

    const all = await assignAll(actor, id);
    expect(all.ok && all.added).toBe(5);
    const matrix = await getAssignmentMatrix(id);
    const entry = matrix.entries.find((e) => e.code === "SWARGA")!;
    expect(matrix.assigned).not.toContain(`${entry.id}:${j1}`);
    expect(all.ok && all.refused).toEqual([{ entryId: entry.id, judgeId: j1, reason: "conflict" }]);

    const perEntry = await saveAssignments(
      actor,
      id,
      new Set([...matrix.assigned, `${entry.id}:${j1}`]),
    );
    expect(perEntry.ok && perEntry.refused).toEqual([
      { entryId: entry.id, judgeId: j1, reason: "conflict" },
    ]);

    await expect(
      t.db
        .insertInto("judge_assignments")
        .values({ entry_id: entry.id, judge_id: j1, created_at: "2025-01-01T00:00:00.000Z" })
        .execute(),
    ).rejects.toThrow(/conflict of interest/);
  });

  it("confirming a conflict withdraws an existing assignment; suggestions find village and workplace", async () => {
    const { id, libs } = await competitionWithEntries();
    const local = await judge("warga@x.id", {
      village: "swarga  bara",
      district: "Sangatta Utara",
    });
    const staff = await judge("staf@x.id", { institution: "Pustaka Ilmu Desa Sepaso" });
    await addToPanel(actor, id, [local, staff]);
    await assignAll(actor, id);
    const suggestions = await suggestConflicts(id);
    expect(suggestions.map((s) => [s.judgeId, s.libraryCode, s.kind])).toEqual([
      [staff, "SEPASO", "worksAtLibrary"],
      [local, "SWARGA", "sameVillage"],
    ]);
    const swarga = libs.find((l) => l.code === "SWARGA")!;
    const r = await decideConflict(actor, {
      judgeId: local,
      libraryId: swarga.id,
      status: "confirmed",
      reason: "satu desa",
      competitionId: id,
    });
    expect(r.removedAssignments).toBe(1);
    await decideConflict(actor, {
      judgeId: staff,
      libraryId: libs.find((l) => l.code === "SEPASO")!.id,
      status: "dismissed",
      reason: "sudah pindah kerja",
    });
    expect(await suggestConflicts(id)).toEqual([]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["entity_type", "action", "reason"])
      .where("entity_type", "=", "conflict")
      .execute();
    expect(audit).toEqual([
      { entity_type: "conflict", action: "confirm", reason: "satu desa" },
      { entity_type: "conflict", action: "dismiss", reason: "sudah pindah kerja" },
    ]);
  });

  it("confirming a conflict keeps an assignment whose sheet was already started, for the chair to review", async () => {
    const { id } = await competitionWithEntries();
    const j = await judge("j@x.id");
    await addToPanel(actor, id, [j]);
    await assignAll(actor, id);
    const matrix = await getAssignmentMatrix(id);
    const [withSheet, without] = [matrix.entries[0]!, matrix.entries[1]!];
    await t.db
      .insertInto("score_sheets")
      .values({ entry_id: withSheet.id, judge_id: j, created_at: "x", updated_at: "x" })
      .execute();
    const libraryOf = async (entryId: number) =>
      (
        await t.db
          .selectFrom("entries")
          .select("library_id")
          .where("id", "=", entryId)
          .executeTakeFirstOrThrow()
      ).library_id;
    expect(
      (
        await decideConflict(actor, {
          judgeId: j,
          libraryId: await libraryOf(withSheet.id),
          status: "confirmed",
          reason: "a",
        })
      ).removedAssignments,
    ).toBe(0);
    expect(
      (
        await decideConflict(actor, {
          judgeId: j,
          libraryId: await libraryOf(without.id),
          status: "confirmed",
          reason: "b",
        })
      ).removedAssignments,
    ).toBe(1);
  });

  it("balanced assignment gives each entry N judges and spreads the load", async () => {
    const { id, libs } = await competitionWithEntries();
    const judges = [await judge("a@x.id"), await judge("b@x.id"), await judge("c@x.id")];
    await addToPanel(actor, id, judges);
    await decideConflict(actor, {
      judgeId: judges[0]!,
      libraryId: libs[0]!.id,
      status: "confirmed",
      reason: "kerabat",
    });
    const r = await assignBalanced(actor, id, 2);
    expect(r.ok && r.short).toEqual([]);
    const matrix = await getAssignmentMatrix(id);
    expect(matrix.entries.map((e) => e.judges)).toEqual([2, 2, 2]);
    const loads = matrix.judges.map((j) => j.load).sort();
    expect(loads).toEqual([2, 2, 2]);
    expect(matrix.assigned.filter((k) => matrix.conflicted.includes(k))).toEqual([]);
  });
});

describe("status transitions", () => {
  it("opens scoring only with valid criteria and a judge for every entry; freezes criteria; reopens without scores", async () => {
    const { id } = await competitionWithEntries();
    let r = await changeStatus(actor, "kutim-2025", "scoring");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reasons).toEqual(
        // each names its library, so the chair knows which entry still needs a judge
        [
          "Perpustakaan Desa Swarga Bara",
          "Perpustakaan Kelurahan Teluk Lingga",
          "Pustaka Ilmu Desa Sepaso",
        ].map((library) => ({ message: "status.reason.entryWithoutJudge", params: { library } })),
      );

    const broken = structuredClone(VILLAGE_LIBRARY_TEMPLATE);
    broken[0]!.weight = 20;
    expect(await saveCriteria(actor, id, broken)).toMatchObject({
      ok: false,
      issues: [{ message: "setup.error.weightTotal" }],
    });

    await addToPanel(actor, id, [await judge("j@x.id")]);
    await assignAll(actor, id);
    expect(await changeStatus(actor, id, "published")).toMatchObject({
      ok: false,
      reasons: [{ message: "status.reason.notAllowed" }],
    });
    r = await changeStatus(actor, id, "scoring", { reason: "siap" });
    expect(r).toEqual({ ok: true, from: "draft", to: "scoring" });
    expect(await saveCriteria(actor, id, VILLAGE_LIBRARY_TEMPLATE)).toEqual({
      ok: false,
      errors: { _form: ["setup.error.criteriaFrozen"] },
    });
    expect(await deleteCompetition(actor, id)).toEqual({
      ok: false,
      errors: { _form: ["setup.error.deleteOnlyDraft"] },
    });

    // a score exists: no way back to draft
    const entry = await t.db
      .selectFrom("entries")
      .select("id")
      .where("competition_id", "=", id)
      .executeTakeFirstOrThrow();
    const judgeRow = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "j@x.id")
      .executeTakeFirstOrThrow();
    const ind = await t.db
      .selectFrom("indicators")
      .selectAll()
      .where("competition_id", "=", id)
      .executeTakeFirstOrThrow();
    const { id: sheetId } = await t.db
      .insertInto("score_sheets")
      .values({ entry_id: entry.id, judge_id: judgeRow.id, created_at: "x", updated_at: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("scores")
      .values({
        sheet_id: sheetId,
        indicator_id: ind.id,
        min_score: ind.min_score,
        max_score: ind.max_score,
        value: 3,
      })
      .execute();
    expect(await changeStatus(actor, id, "draft")).toEqual({
      ok: false,
      reasons: [{ message: "status.reason.scoresExist", params: { count: 1 } }],
    });

    await t.db.deleteFrom("score_sheets").execute();
    expect(await changeStatus(actor, id, "draft", { reason: "ubah bobot" })).toEqual({
      ok: true,
      from: "scoring",
      to: "draft",
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "reason", "after_json"])
      .where("action", "=", "status")
      .execute();
    expect(audit.map((a) => [a.reason, a.after_json])).toEqual([
      ["siap", JSON.stringify({ status: "scoring" })],
      ["ubah bobot", JSON.stringify({ status: "draft" })],
    ]);
  });

  it("withdrawn entries do not need a judge; duplicate carries criteria, entries and panel but no scores", async () => {
    const { id } = await competitionWithEntries();
    const j = await judge("j@x.id");
    await addToPanel(actor, id, [j]);
    const matrix = await getAssignmentMatrix(id);
    await saveAssignments(actor, id, new Set(matrix.entries.slice(1).map((e) => `${e.id}:${j}`)));
    expect(await setEntryStatus(actor, id, matrix.entries[0]!.id, "withdrawn", " ")).toEqual({
      ok: false,
      errors: { _form: ["setup.error.reasonRequired"] },
    });
    await setEntryStatus(actor, id, matrix.entries[0]!.id, "withdrawn", "mengundurkan diri");
    expect(await changeStatus(actor, id, "scoring")).toMatchObject({ ok: true });

    const copy = await duplicateCompetition(actor, id, {
      slug: "kutim-2026",
      name: "Lomba 2026",
      year: 2026,
    });
    expect(copy.ok).toBe(true);
    if (!copy.ok) return;
    expect(await getCriteria(copy.id)).toEqual(await getCriteria(id));
    const copied = await getAssignmentMatrix(copy.id);
    expect(copied.entries.map((e) => e.code)).toEqual(matrix.entries.slice(1).map((e) => e.code));
    expect(copied.entries.every((e) => e.judges === 1)).toBe(true);
    const c = await t.db
      .selectFrom("competitions")
      .select("status")
      .where("id", "=", copy.id)
      .executeTakeFirstOrThrow();
    expect(c.status).toBe("draft");
  });
});

describe("competition file", () => {
  function file(overrides: Record<string, unknown> = {}) {
    return {
      slug: "kutim-2025",
      name: "Lomba Perpustakaan Desa 2025",
      year: 2025,
      level: "kabupaten",
      region: "Kabupaten Kutai Timur",
      aggregation: "trimmed-mean",
      prizes: { winners: 3, honourable: 2 },
      rankingScope: "category",
      components: [
        {
          code: "A",
          name: "Koleksi",
          weight: 60,
          indicators: [
            {
              code: "A1",
              name: "Jumlah",
              min: 1,
              max: 5,
              rubric: { "1": "sedikit", "5": "banyak" },
            },
          ],
        },
        {
          code: "B",
          name: "Layanan",
          weight: 40,
          indicators: [{ code: "B1", name: "Jam buka", description: "per minggu", min: 0, max: 4 }],
        },
      ],
      libraries: [
        {
          code: "SEPASO",
          name: "Pustaka Ilmu Desa Sepaso",
          type: "desa",
          village: "Sepaso",
          district: "Bengalon",
        },
        {
          code: "TELUK",
          name: "Perpustakaan Teluk Lingga",
          type: "kelurahan",
          category: "kelurahan",
          village: "Teluk Lingga",
          district: "Sangatta Utara",
          status: "withdrawn",
          statusReason: "tutup",
        },
        {
          code: "SWARGA",
          name: "Perpustakaan Desa Swarga Bara",
          type: "desa",
          village: "Swarga Bara",
          district: "Sangatta Utara",
        },
      ],
      judges: ["j1@x.id", "j2@x.id"],
      assignments: [
        { judge: "j1@x.id", libraries: ["SEPASO"] },
        { judge: "j2@x.id", libraries: ["SEPASO", "SWARGA"] },
      ],
      conflicts: [{ judge: "j1@x.id", library: "SWARGA", reason: "satu desa" }],
      ...overrides,
    };
  }

  it("reports every problem with its JSON path and writes nothing", async () => {
    await judge("j1@x.id");
    const bad = file({
      slug: "Kutim 2025",
      components: [
        {
          code: "A",
          name: "Koleksi",
          weight: 60,
          indicators: [{ code: "A1", name: "Jumlah", min: 1, max: 5 }],
        },
        {
          code: "B",
          name: "Layanan",
          weight: 35,
          indicators: [{ code: "A1", name: "Jam", min: 3, max: 2 }],
        },
      ],
    });
    const r1 = await importCompetitionFile(actor, JSON.stringify(bad));
    expect(r1.ok).toBe(false);
    if (!r1.ok)
      expect(r1.problems.map((p) => formatProblem(p))).toEqual([
        "slug: Only lower-case letters, digits and hyphens.",
      ]);

    const r2 = await importCompetitionFile(actor, JSON.stringify({ ...bad, slug: "kutim-2025" }));
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.problems.map((p) => formatProblem(p))).toEqual([
        "components[1].weight: weights total 95, must be 100",
        "components[1].indicators[0].code: The code A1 is used twice.",
        "components[1].indicators[0].max: The highest score must be above the lowest.",
      ]);
    }
    const r3 = await importCompetitionFile(
      actor,
      JSON.stringify(file({ assignments: [{ judge: "j1@x.id", libraries: ["SWARGA", "NOPE"] }] })),
    );
    expect(r3.ok).toBe(false);
    if (!r3.ok) {
      expect(r3.problems.map((p) => formatProblem(p))).toEqual([
        "assignments[0].libraries[0]: j1@x.id has a conflict of interest with SWARGA and cannot be assigned.",
        "assignments[0].libraries[1]: Library NOPE is not in this file's list of libraries.",
      ]);
    }
    const r4 = await importCompetitionFile(actor, JSON.stringify(file()));
    expect(r4.ok).toBe(false);
    if (!r4.ok)
      expect(r4.problems.map((p) => formatProblem(p))).toEqual([
        "judges[1]: no account with the email j2@x.id; create the judge first",
      ]);
    if (!r4.ok)
      expect(r4.problems.map((p) => formatProblem(p, "id"))).toEqual([
        "judges[1]: tidak ada akun dengan email j2@x.id; buat akun juri lebih dahulu",
      ]);
    const r5 = await importCompetitionFile(actor, "{ not json");
    expect(r5.ok).toBe(false);
    const dots = file();
    (dots.libraries as { code: string }[])[0]!.code = "..";
    const r6 = await importCompetitionFile(actor, JSON.stringify(dots));
    expect(r6.ok).toBe(false);
    if (!r6.ok)
      expect(r6.problems.map((p) => formatProblem(p))[0]).toBe(
        "libraries[0].code: Only letters, digits, underscore and hyphen, with at least one letter or digit.",
      );

    for (const table of [
      "competitions",
      "libraries",
      "entries",
      "conflicts",
      "judge_assignments",
    ] as const) {
      expect(await t.db.selectFrom(table).selectAll().execute()).toEqual([]);
    }
  });

  it("round-trips: export of an import equals the file, and import of an export equals the export", async () => {
    await judge("j1@x.id");
    await judge("j2@x.id");
    const original = file();
    const r = await importCompetitionFile(actor, JSON.stringify(original));
    expect(r).toMatchObject({ ok: true, slug: "kutim-2025", assignments: 3 });
    const exported = await exportCompetitionFile("kutim-2025");
    expect(exported).toEqual({
      ...original,
      components: [
        {
          ...original.components[0],
          indicators: [{ ...original.components[0]!.indicators[0], description: "" }],
        },
        {
          ...original.components[1],
          indicators: [{ ...original.components[1]!.indicators[0], rubric: {} }],
        },
      ],
      libraries: [
        {
          code: "SEPASO",
          name: "Pustaka Ilmu Desa Sepaso",
          type: "desa",
          village: "Sepaso",
          district: "Bengalon",
          address: "",
          head: "",
          phone: "",
          npp: "",
          category: "desa",
        },
        {
          code: "SWARGA",
          name: "Perpustakaan Desa Swarga Bara",
          type: "desa",
          village: "Swarga Bara",
          district: "Sangatta Utara",
          address: "",
          head: "",
          phone: "",
          npp: "",
          category: "desa",
        },
        {
          code: "TELUK",
          name: "Perpustakaan Teluk Lingga",
          type: "kelurahan",
          village: "Teluk Lingga",
          district: "Sangatta Utara",
          address: "",
          head: "",
          phone: "",
          npp: "",
          category: "kelurahan",
          status: "withdrawn",
          statusReason: "tutup",
        },
      ],
    });

    // same slug: refused, then replaced with --replace; the re-export is identical
    const again = await importCompetitionFile(actor, JSON.stringify(exported));
    expect(again.ok).toBe(false);
    const replaced = await importCompetitionFile(actor, JSON.stringify(exported), {
      replace: true,
    });
    expect(replaced).toMatchObject({ ok: true, replaced: true });
    expect(await exportCompetitionFile("kutim-2025")).toEqual(exported);
    expect(await t.db.selectFrom("competitions").selectAll().execute()).toHaveLength(1);
    expect(await t.db.selectFrom("libraries").selectAll().execute()).toHaveLength(3);
  });

  it("a conflict already recorded in the registry refuses an explicit assignment and the file writes nothing", async () => {
    const j1 = await judge("j1@x.id");
    await judge("j2@x.id");
    await importLibraryCsv(actor, "code,name,type\nSEPASO,Pustaka Ilmu Desa Sepaso,desa\n");
    const sepaso = (await listLibraries())[0]!;
    await decideConflict(actor, {
      judgeId: j1,
      libraryId: sepaso.id,
      status: "confirmed",
      reason: "bekerja di sana",
    });
    const r = await importCompetitionFile(actor, JSON.stringify(file()));
    expect(r.ok === false && r.problems.map((p) => formatProblem(p))).toEqual([
      "assignments[0].libraries[0]: j1@x.id has a recorded conflict of interest with SEPASO",
    ]);
    expect(await t.db.selectFrom("competitions").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("libraries").select("code").execute()).toEqual([
      { code: "SEPASO" },
    ]);

    const withdrawn = await importCompetitionFile(
      actor,
      JSON.stringify(file({ assignments: [{ judge: "j2@x.id", libraries: ["TELUK"] }] })),
    );
    expect(withdrawn.ok === false && withdrawn.problems.map((p) => formatProblem(p))).toEqual([
      "assignments[0].libraries[0]: TELUK is not active (withdrawn or disqualified) and cannot be assigned.",
    ]);
  });

  it('assignments "all" skips conflicts; --replace is refused once a score exists', async () => {
    await judge("j1@x.id");
    await judge("j2@x.id");
    const r = await importCompetitionFile(actor, JSON.stringify(file({ assignments: "all" })));
    expect(r).toMatchObject({ ok: true, assignments: 3 });
    const c = await t.db.selectFrom("competitions").select("id").executeTakeFirstOrThrow();
    const a = await t.db
      .selectFrom("judge_assignments as a")
      .innerJoin("entries as e", "e.id", "a.entry_id")
      .select(["a.id", "a.entry_id", "a.judge_id"])
      .where("e.competition_id", "=", c.id)
      .execute();
    const { id: sheetId } = await t.db
      .insertInto("score_sheets")
      .values({
        entry_id: a[0]!.entry_id,
        judge_id: a[0]!.judge_id,
        status: "submitted",
        submitted_at: "x",
        created_at: "x",
        updated_at: "x",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(sheetId).toBeGreaterThan(0);
    const replaced = await importCompetitionFile(actor, JSON.stringify(file()), { replace: true });
    expect(replaced.ok).toBe(false);
    if (!replaced.ok) expect(formatProblem(replaced.problems[0]!)).toMatch(/cannot be replaced/);
  });
});
