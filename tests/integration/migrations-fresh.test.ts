import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { migrations } from "../../db/migrations/index";
import { emptyTestDatabase, tempDir } from "../support/db";

/** A new database of the run's dialect brought up by every migration, as a new installation is. */
describe("migrations on an empty database", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("creates every table of the data model and records each migration once", async () => {
    const database = await emptyTestDatabase(dir.dir);
    const { db } = createDb(database.url, { poolSize: 1 });
    const first = await migrateToLatest(db);
    expect(first.results?.map((r) => r.status)).toEqual(
      Object.keys(migrations).map(() => "Success"),
    );
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    for (const table of [
      "competitions",
      "components",
      "indicators",
      "rubric_levels",
      "libraries",
      "entries",
      "users",
      "sessions",
      "login_attempts",
      "judge_assignments",
      "conflicts",
      "score_sheets",
      "scores",
      "audit_log",
      "publications",
      "published_results",
      "published_component_scores",
      "sheet_points",
      "published_set_aside",
    ]) {
      expect(tables).toContain(table);
    }
    const again = await migrateToLatest(db);
    expect(again.results).toEqual([]);
    await db.destroy();
    await database.drop();
  });
});
