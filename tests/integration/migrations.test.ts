import { Migrator, sql } from "kysely";
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

describe("upgrading a database that already holds scores", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("fills sheet_points from the scores already there (migration 0006)", async () => {
    const { db } = createDb(`file:${dir.dir}/old.db`);
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
    });
    const before = await migrator.migrateTo("0005_audit_chain");
    expect(before.error).toBeUndefined();
    const now = "2025-11-01T00:00:00.000Z";
    await sql`insert into competitions (id, slug, name, year, level, region, status, aggregation, prize_winners, prize_honourable, ranking_scope, created_at, updated_at)
      values (1, 'lama', 'Lama', 2025, 'kabupaten', 'Uji', 'scoring', 'mean', 3, 3, 'overall', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into components (id, competition_id, code, name, weight, position) values (1, 1, 'A', 'A', 60, 1), (2, 1, 'B', 'B', 40, 2)`.execute(
      db,
    );
    await sql`insert into indicators (id, competition_id, component_id, code, name, description, min_score, max_score, position)
      values (1, 1, 1, 'A1', 'A1', '', 0, 5, 1), (2, 1, 1, 'A2', 'A2', '', 0, 10, 2), (3, 1, 2, 'B1', 'B1', '', 0, 4, 1)`.execute(
      db,
    );
    await sql`insert into libraries (id, code, name, type, created_at, updated_at) values (1, 'L1', 'Perpustakaan', 'desa', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into entries (id, competition_id, library_id, category, created_at) values (1, 1, 1, 'desa', ${now})`.execute(
      db,
    );
    await sql`insert into users (id, email, name, password_hash, role, created_at, updated_at) values (1, 'j@juara.test', 'J', 'x', 'judge', ${now}, ${now}), (2, 'k@juara.test', 'K', 'x', 'judge', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into score_sheets (id, entry_id, judge_id, status, created_at, updated_at) values (1, 1, 1, 'draft', ${now}, ${now}), (2, 1, 2, 'draft', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into scores (sheet_id, indicator_id, min_score, max_score, value)
      values (1, 1, 0, 5, 4), (1, 2, 0, 10, 7), (1, 3, 0, 4, null), (2, 1, 0, 5, 5)`.execute(db);

    await migrateToLatest(db);
    const { rows } = await sql<{
      sheet_id: number;
      component_id: number;
      points: number;
      scores: number;
    }>`select sheet_id, component_id, points, scores from sheet_points order by sheet_id, component_id`.execute(
      db,
    );
    expect(rows).toEqual([
      { sheet_id: 1, component_id: 1, points: 11, scores: 2 },
      { sheet_id: 1, component_id: 2, points: 0, scores: 1 },
      { sheet_id: 2, component_id: 1, points: 5, scores: 1 },
    ]);
    // and the triggers keep them from then on
    await sql`update scores set value = 3 where sheet_id = 1 and indicator_id = 3`.execute(db);
    const { rows: after } = await sql<{
      points: number;
    }>`select points from sheet_points where sheet_id = 1 and component_id = 2`.execute(db);
    expect(after).toEqual([{ points: 3 }]);
    await db.destroy();
  });
});
