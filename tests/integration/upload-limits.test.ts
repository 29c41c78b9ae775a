import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_CSV_ROWS, previewLibraryCsv } from "../../app/models/libraries.server";
import { createTestDb, type TestDb } from "../support/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.cleanup();
});

describe("library CSV upload limits", () => {
  it("refuses a list longer than the limit as a whole, with the limit in the message, and writes nothing", async () => {
    const rows = Array.from(
      { length: MAX_CSV_ROWS + 1 },
      (_, i) => `L${i},Perpustakaan ${i},desa,Desa ${i},Bengalon`,
    );
    const preview = await previewLibraryCsv(
      ["code,name,type,village,district", ...rows].join("\n"),
    );
    expect(preview.fileError).toEqual({
      message: "setup.csv.tooMany",
      params: { max: MAX_CSV_ROWS },
    });
    expect(preview.rows).toEqual([]);
    expect(await t.db.selectFrom("libraries").select("id").execute()).toEqual([]);
  });

  it("accepts a list at the limit", async () => {
    const rows = Array.from(
      { length: MAX_CSV_ROWS },
      (_, i) => `L${i},Perpustakaan ${i},desa,Desa ${i},Bengalon`,
    );
    const preview = await previewLibraryCsv(
      ["code,name,type,village,district", ...rows].join("\n"),
    );
    expect(preview.fileError).toBeNull();
    expect(preview.rows).toHaveLength(MAX_CSV_ROWS);
  });
});
