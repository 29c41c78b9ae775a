import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, type Actor } from "../../app/lib/audit.server";
import { auditFilterOptions, listAuditEntries } from "../../app/models/audit.server";
import { createCompetition } from "../../app/models/competitions.server";
import { getCriteria, saveCriteria } from "../../app/models/criteria.server";
import { seedDemo } from "../../app/models/demo.server";
import { addEntries, removeEntry } from "../../app/models/entries.server";
import { reopenSheet } from "../../app/models/sheets.server";
import { actorOf } from "../../app/models/users.server";
import { createTestDb, type TestDb } from "../support/db";

let t: TestDb;
let chair: Actor;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  const row = await t.db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", "ketua@juara.demo")
    .executeTakeFirstOrThrow();
  chair = actorOf(row);
});
afterAll(async () => t.cleanup());

async function latest() {
  return (await listAuditEntries({})).entries[0]!;
}

describe("the audit log in words", () => {
  it("names the people and the sheet rather than tables and ids", async () => {
    const sheet = await t.db
      .selectFrom("score_sheets as s")
      .innerJoin("users as u", "u.id", "s.judge_id")
      .innerJoin("entries as e", "e.id", "s.entry_id")
      .innerJoin("competitions as c", "c.id", "e.competition_id")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["s.id", "c.id as competitionId", "u.name as judge", "l.name as library"])
      .where("s.status", "=", "submitted")
      .where("c.status", "=", "scoring")
      .executeTakeFirstOrThrow();
    const reopened = await reopenSheet(chair, sheet.competitionId, sheet.id, "salah ketik");
    expect(reopened.ok).toBe(true);
    const entry = await latest();
    expect(entry.actor).toEqual({ kind: "person", name: "Hj. Siti Aminah" });
    expect(entry.action).toBe("reopen");
    expect(entry.subject).toEqual({
      key: "audit.subject.sheet",
      values: { judge: sheet.judge, library: sheet.library },
    });
    expect(entry.reason).toBe("salah ketik");
  });

  it("shows a status move as the competition's status, from and to", async () => {
    const { entries } = await listAuditEntries({ entityType: "competition" });
    // last year's publication (the three-stage demo competition's opening move is newer)
    const move = entries.find((e) => e.action === "status" && e.statusMove?.to === "published")!;
    expect(move.subject.key).toBe("audit.subject.competitionStatus");
    expect(move.statusMove).toEqual({ from: "closed", to: "published" });
    const seeded = entries.find((e) => e.action === "seed-demo")!;
    expect(seeded.actor).toEqual({ kind: "system" });
    expect(seeded.subject.key).toBe("audit.subject.competition");
    expect(seeded.subject.values.name).toMatch(/^Lomba Perpustakaan Desa/);
  });

  it("names the criteria a change touched, by code and name", async () => {
    const created = await createCompetition(chair, {
      slug: "kata-2025",
      name: "Lomba Kata 2025",
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
    const criteria = await getCriteria(created.id);
    const indicator = criteria[1]!.indicators[0]!;
    indicator.name = "Luas gedung";
    const saved = await saveCriteria(chair, created.id, criteria);
    expect(saved.ok).toBe(true);
    const entry = await latest();
    expect(entry.subject).toEqual({
      key: "audit.subject.criteriaItems",
      values: { items: `${indicator.code} Luas gedung` },
    });
    expect(entry.competition).toBe("Lomba Kata 2025");
  });

  it("still reads sensibly when the object is gone: a removed entry, a sheet never kept", async () => {
    const competition = await t.db
      .selectFrom("competitions")
      .select("id")
      .where("slug", "=", "kata-2025")
      .executeTakeFirstOrThrow();
    const library = await t.db
      .selectFrom("libraries")
      .select(["id", "name", "code"])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    expect((await addEntries(chair, competition.id, [{ libraryId: library.id }])).ok).toBe(true);
    const entryId = (
      await t.db
        .selectFrom("entries")
        .select("id")
        .where("competition_id", "=", competition.id)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await removeEntry(chair, competition.id, entryId)).ok).toBe(true);
    const removed = await latest();
    expect(removed.action).toBe("delete");
    expect(removed.subject).toEqual({
      key: "audit.subject.entry",
      values: { library: library.name },
    });

    // a sheet id that no longer exists: the entry's own record (the library's code) names it
    const judge = await t.db
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", "juri2@juara.demo")
      .executeTakeFirstOrThrow();
    await recordAudit(
      {
        actor: { id: null, label: "cli" },
        competitionId: competition.id,
        entityType: "score_sheet",
        entityId: 987654,
        action: "reopen",
        after: { status: "draft", judgeId: judge.id, library: library.code },
      },
      t.db,
    );
    const gone = await latest();
    expect(gone.actor).toEqual({ kind: "cli" });
    expect(gone.subject).toEqual({
      key: "audit.subject.sheet",
      values: { judge: judge.name, library: library.name },
    });
  });

  it("offers the kinds of data as the log holds them, for the page to word", async () => {
    const options = await auditFilterOptions();
    expect(options.entityTypes).toContain("score_sheet");
    expect(options.users.map((u) => u.name)).toContain("Hj. Siti Aminah");
  });
});
