import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { migrations } from "../../db/migrations/index";
import { tempDir } from "../support/db";

describe("migrations on an empty file", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("creates every table of the data model and records each migration once", async () => {
    const { db } = createDb(`file:${dir.dir}/fresh.db`);
    const first = await migrateToLatest(db);
    expect(first.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => "Success"));
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
    ]) {
      expect(tables).toContain(table);
    }
    const again = await migrateToLatest(db);
    expect(again.results).toEqual([]);
    await db.destroy();
  });

  it("opens every connection with WAL, synchronous=FULL, a busy timeout and foreign keys on", async () => {
    const { db, sqlite } = createDb(`file:${dir.dir}/pragmas.db`);
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    expect(rows[0]?.ok).toBe(1);
    await db.destroy();
  });
});
