import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, refusal, testDialect, type TestDb } from "../support/db";

const now = "2026-01-01T00:00:00.000Z";

describe("the schema rejects bad rows by itself", () => {
  let t: TestDb;
  let competitionId: number;
  let componentId: number;
  let indicatorId: number;
  let sheetId: number;
  let entryId: number;

  beforeAll(async () => {
    t = await createTestDb();
    const db = t.db;
    ({ id: competitionId } = await db
      .insertInto("competitions")
      .values({
        slug: "c-2024",
        name: "C",
        year: 2024,
        level: "kabupaten",
        region: "R",
        aggregation: "mean",
        prize_winners: 3,
        prize_honourable: 3,
        ranking_scope: "overall",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow());
    ({ id: componentId } = await db
      .insertInto("components")
      .values({
        competition_id: competitionId,
        code: "A",
        name: "Koleksi",
        weight: 25,
        position: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow());
    ({ id: indicatorId } = await db
      .insertInto("indicators")
      .values({
        competition_id: competitionId,
        component_id: componentId,
        code: "A1",
        name: "Jumlah",
        description: "",
        min_score: 1,
        max_score: 5,
        position: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow());
    const { id: libraryId } = await db
      .insertInto("libraries")
      .values({
        code: "L1",
        name: "Perpustakaan L1",
        type: "desa",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ({ id: entryId } = await db
      .insertInto("entries")
      .values({
        competition_id: competitionId,
        library_id: libraryId,
        category: "desa",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow());
    const { id: judgeId } = await db
      .insertInto("users")
      .values({
        email: "j@x.id",
        name: "J",
        password_hash: "x",
        role: "judge",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ({ id: sheetId } = await db
      .insertInto("score_sheets")
      .values({ entry_id: entryId, judge_id: judgeId, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow());
  });
  afterAll(() => t.cleanup());

  const score = (value: number | null, range: [number, number] = [1, 5]) =>
    t.db
      .insertInto("scores")
      .values({
        sheet_id: sheetId,
        indicator_id: indicatorId,
        min_score: range[0],
        max_score: range[1],
        value,
      })
      .execute();

  it("accepts a score within the indicator's range and refuses one outside it", async () => {
    expect(await refusal(score(6))).toBe("check");
    expect(await refusal(score(0))).toBe("check");
    // a fraction: SQLite's CHECK refuses it, on PostgreSQL the integer column itself
    expect(await refusal(score(2.5))).toBe(testDialect() === "postgres" ? "type" : "check");
    // a row claiming another range does not match the indicator's composite key
    expect(await refusal(score(7, [1, 10]))).toBe("foreign_key");
    await score(5);
    const row = await t.db.selectFrom("scores").select("value").executeTakeFirstOrThrow();
    expect(row.value).toBe(5);
  });

  it("refuses a weight outside 0–100 and an indicator whose max is not above its min", async () => {
    expect(
      await refusal(
        t.db
          .insertInto("components")
          .values({ competition_id: competitionId, code: "B", name: "B", weight: 101, position: 2 })
          .execute(),
      ),
    ).toBe("check");
    expect(
      await refusal(
        t.db
          .insertInto("indicators")
          .values({
            competition_id: competitionId,
            component_id: componentId,
            code: "A2",
            name: "x",
            description: "",
            min_score: 3,
            max_score: 3,
            position: 2,
          })
          .execute(),
      ),
    ).toBe("check");
  });

  it("keeps indicator codes unique within a competition", async () => {
    expect(
      await refusal(
        t.db
          .insertInto("indicators")
          .values({
            competition_id: competitionId,
            component_id: componentId,
            code: "A1",
            name: "dup",
            description: "",
            min_score: 1,
            max_score: 5,
            position: 3,
          })
          .execute(),
      ),
    ).toBe("unique");
  });

  it("stores emails lower-cased only, so uniqueness is case-insensitive", async () => {
    expect(
      await refusal(
        t.db
          .insertInto("users")
          .values({
            email: "J@X.ID",
            name: "Dup",
            password_hash: "x",
            role: "judge",
            created_at: now,
            updated_at: now,
          })
          .execute(),
      ),
    ).toBe("check");
    expect(
      await refusal(
        t.db
          .insertInto("users")
          .values({
            email: "j@x.id",
            name: "Dup",
            password_hash: "x",
            role: "judge",
            created_at: now,
            updated_at: now,
          })
          .execute(),
      ),
    ).toBe("unique");
    expect(
      await refusal(
        t.db
          .insertInto("users")
          .values({
            email: "k@x.id",
            name: "K",
            password_hash: "x",
            role: "superuser" as never,
            created_at: now,
            updated_at: now,
          })
          .execute(),
      ),
    ).toBe("check");
  });

  it("requires a reason to disqualify an entry", async () => {
    expect(
      await refusal(
        t.db
          .updateTable("entries")
          .set({ status: "disqualified", status_reason: " " })
          .where("id", "=", entryId)
          .execute(),
      ),
    ).toBe("check");
    await t.db
      .updateTable("entries")
      .set({ status: "disqualified", status_reason: "Dokumen palsu" })
      .where("id", "=", entryId)
      .execute();
    await t.db
      .updateTable("entries")
      .set({ status: "active", status_reason: null })
      .where("id", "=", entryId)
      .execute();
  });

  it("keeps a sheet's submitted_at consistent with its status", async () => {
    expect(
      await refusal(
        t.db
          .updateTable("score_sheets")
          .set({ status: "submitted" })
          .where("id", "=", sheetId)
          .execute(),
      ),
    ).toBe("check");
  });

  it("keeps the audit log append-only", async () => {
    await t.db
      .insertInto("audit_log")
      .values({
        at: now,
        user_id: null,
        actor: "test",
        entity_type: "x",
        entity_id: "1",
        action: "create",
      })
      .execute();
    await expect(t.db.updateTable("audit_log").set({ action: "edited" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    const rows = await t.db.selectFrom("audit_log").select("action").execute();
    expect(rows).toEqual([{ action: "create" }]);
  });

  it("refuses rows that point nowhere", async () => {
    expect(
      await refusal(
        t.db
          .insertInto("entries")
          .values({ competition_id: 9999, library_id: 9999, category: "desa", created_at: now })
          .execute(),
      ),
    ).toBe("foreign_key");
  });
});
