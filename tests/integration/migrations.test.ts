import { Migrator, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, createSqliteDb, migrateToLatest } from "../../db/connection";
import { migrations } from "../../db/migrations/index";
import { useDatabase } from "../../app/lib/db.server";
import { computeRanking } from "../../app/models/ranking.server";
import { tempDir } from "../support/db";

/**
 * SQLite files through the migrations: its connection settings, and existing installations
 * upgraded with their data (a PostgreSQL database is always made new, by all the migrations at
 * once: migrations-fresh.test.ts runs on both).
 */
describe("migrations on an empty file", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("opens every connection with WAL, synchronous=FULL, a busy timeout and foreign keys on", async () => {
    const { db, sqlite } = createSqliteDb(`file:${dir.dir}/pragmas.db`);
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

describe("upgrading to stages (migration 0010)", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("gives every existing competition one scored stage holding all it had, and ranks it exactly as before", async () => {
    const { db } = createDb(`file:${dir.dir}/before-stages.db`);
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
    });
    expect((await migrator.migrateTo("0009_document_details")).error).toBeUndefined();
    const now = "2025-11-01T00:00:00.000Z";
    await sql`insert into competitions (id, slug, name, year, level, region, status, aggregation, prize_winners, prize_honourable, ranking_scope, created_at, updated_at)
      values (1, 'lama', 'Lama', 2025, 'kabupaten', 'Uji', 'scoring', 'median', 1, 1, 'overall', ${now}, ${now}),
             (2, 'kosong', 'Kosong', 2025, 'kabupaten', 'Uji', 'draft', 'mean', 3, 3, 'overall', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into components (id, competition_id, code, name, weight, position) values (1, 1, 'A', 'A', 60, 1), (2, 1, 'B', 'B', 40, 2)`.execute(
      db,
    );
    await sql`insert into indicators (id, competition_id, component_id, code, name, description, min_score, max_score, position)
      values (1, 1, 1, 'A1', 'A1', '', 0, 5, 1), (2, 1, 1, 'A2', 'A2', '', 0, 10, 2), (3, 1, 2, 'B1', 'B1', '', 0, 4, 1)`.execute(
      db,
    );
    await sql`insert into libraries (id, code, name, type, created_at, updated_at)
      values (1, 'L1', 'Satu', 'desa', ${now}, ${now}), (2, 'L2', 'Dua', 'desa', ${now}, ${now}), (3, 'L3', 'Tiga', 'kelurahan', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into entries (id, competition_id, library_id, category, created_at)
      values (1, 1, 1, 'desa', ${now}), (2, 1, 2, 'desa', ${now}), (3, 1, 3, 'kelurahan', ${now})`.execute(
      db,
    );
    await sql`insert into users (id, email, name, password_hash, role, created_at, updated_at)
      values (1, 'j@juara.test', 'J', 'x', 'judge', ${now}, ${now}), (2, 'k@juara.test', 'K', 'x', 'judge', ${now}, ${now}), (3, 'c@juara.test', 'C', 'x', 'chair', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into competition_judges (competition_id, judge_id, created_at) values (1, 1, ${now}), (1, 2, ${now})`.execute(
      db,
    );
    await sql`insert into judge_assignments (entry_id, judge_id, created_at)
      values (1, 1, ${now}), (1, 2, ${now}), (2, 1, ${now}), (2, 2, ${now}), (3, 1, ${now})`.execute(
      db,
    );
    // entries 1 and 2 tie exactly (same sheets); entry 3 has a draft only
    await sql`insert into score_sheets (id, entry_id, judge_id, status, submitted_at, created_at, updated_at)
      values (1, 1, 1, 'submitted', ${now}, ${now}, ${now}), (2, 1, 2, 'submitted', ${now}, ${now}, ${now}),
             (3, 2, 1, 'submitted', ${now}, ${now}, ${now}), (4, 2, 2, 'submitted', ${now}, ${now}, ${now}),
             (5, 3, 1, 'draft', null, ${now}, ${now})`.execute(db);
    await sql`insert into scores (sheet_id, indicator_id, min_score, max_score, value)
      values (1, 1, 0, 5, 4), (1, 2, 0, 10, 7), (1, 3, 0, 4, 3), (2, 1, 0, 5, 5), (2, 2, 0, 10, 8), (2, 3, 0, 4, 2),
             (3, 1, 0, 5, 4), (3, 2, 0, 10, 7), (3, 3, 0, 4, 3), (4, 1, 0, 5, 5), (4, 2, 0, 10, 8), (4, 3, 0, 4, 2),
             (5, 1, 0, 5, 5), (5, 2, 0, 10, 10), (5, 3, 0, 4, 4)`.execute(db);
    // the chair's decision for the tie at the first prize, keyed as the ranking names the tie
    await sql`insert into tie_decisions (competition_id, entry_id, tie_key, position, reason, decided_by, decided_at)
      values (1, 2, ':7300:0480002500', 1, 'kunjungan', 3, ${now}), (1, 1, ':7300:0480002500', 2, 'kunjungan', 3, ${now})`.execute(
      db,
    );

    await migrateToLatest(db);
    const { rows: stages } = await sql<{
      competition_id: number;
      position: number;
      kind: string;
      weight: number;
      advance: number | null;
    }>`select competition_id, position, kind, weight, advance from stages order by competition_id`.execute(
      db,
    );
    expect(stages).toEqual([
      { competition_id: 1, position: 1, kind: "other", weight: 100, advance: null },
      { competition_id: 2, position: 1, kind: "other", weight: 100, advance: null },
    ]);
    const { rows: unstaged } = await sql<{ n: number }>`select
      (select count(*) from components where stage_id is null)
      + (select count(*) from judge_assignments where stage_id is null)
      + (select count(*) from score_sheets where stage_id is null) as n`.execute(db);
    expect(unstaged).toEqual([{ n: 0 }]);
    const { rows: kept } = await sql<{ sheets: number; assignments: number; points: number }>`select
      (select count(*) from score_sheets) as sheets, (select count(*) from judge_assignments) as assignments,
      (select count(*) from sheet_points) as points`.execute(db);
    expect(kept).toEqual([{ sheets: 5, assignments: 5, points: 10 }]);

    // the ranking, through the app's own function, is what the rule of one stage gives
    useDatabase(db);
    const ranking = (await computeRanking(1))!;
    expect(
      ranking.entries.map((e) => [e.code, e.finalX100, e.rank, e.prize, e.decided, e.judges]),
    ).toEqual([
      // A: 60 × (11, 13) / 15 = 44, 52 → median 48; B: 40 × (3, 2) / 4 = 30, 20 → 25; 73
      ["L2", 7300, 1, "Juara I", true, 2],
      ["L1", 7300, 2, "Harapan I", true, 2],
      ["L3", null, null, null, false, 0],
    ]);
    // and the triggers still keep sheet_points; a new sheet takes the competition's stage
    await sql`update score_sheets set status = 'submitted', submitted_at = ${now} where id = 5`.execute(
      db,
    );
    expect((await computeRanking(1))!.entries.map((e) => [e.code, e.finalX100])).toEqual([
      ["L3", 10000],
      ["L2", 7300],
      ["L1", 7300],
    ]);
    await sql`insert into score_sheets (entry_id, judge_id, created_at, updated_at) values (3, 2, ${now}, ${now})`.execute(
      db,
    );
    const { rows: fresh } = await sql<{
      position: number;
      competition_id: number;
    }>`select st.position, st.competition_id from score_sheets sh join stages st on st.id = sh.stage_id
      where sh.entry_id = 3 and sh.judge_id = 2`.execute(db);
    expect(fresh).toEqual([{ position: 1, competition_id: 1 }]);
    await expect(
      sql`insert into judge_assignments (entry_id, judge_id, created_at) values (1, 1, ${now})`.execute(
        db,
      ),
    ).rejects.toThrow(/UNIQUE/);
    await db.destroy();
  });
});

describe("announcing finalists (migration 0012)", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("adds an empty announcement date to the stages already there, and takes it off again", async () => {
    const { db } = createDb(`file:${dir.dir}/old.db`);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0011_coaching_notes_and_points")).error).toBeUndefined();
    const now = "2025-11-01T00:00:00.000Z";
    // the trigger of 0010 gives the competition its first stage
    await sql`insert into competitions (id, slug, name, year, level, region, status, aggregation, prize_winners, prize_honourable, ranking_scope, created_at, updated_at)
      values (1, 'lama', 'Lama', 2025, 'kabupaten', 'Uji', 'scoring', 'mean', 3, 3, 'overall', ${now}, ${now})`.execute(
      db,
    );
    const columns = async () =>
      (await db.introspection.getTables())
        .find((t) => t.name === "stages")!
        .columns.map((c) => c.name);
    expect(await columns()).not.toContain("finalists_published_at");

    // up to 0012 only: 0013 (library accounts) rebuilds users and has no way down
    expect((await migrator.migrateTo("0012_finalists_published")).error).toBeUndefined();
    const { rows } = await sql<{
      code: string;
      finalists_published_at: string | null;
    }>`select code, finalists_published_at from stages`.execute(db);
    expect(rows).toEqual([{ code: "S1", finalists_published_at: null }]);
    await sql`update stages set finalists_published_at = ${now}`.execute(db);

    expect((await migrator.migrateTo("0011_coaching_notes_and_points")).error).toBeUndefined();
    expect(await columns()).not.toContain("finalists_published_at");
    const { rows: kept } = await sql<{ code: string }>`select code from stages`.execute(db);
    expect(kept).toEqual([{ code: "S1" }]);
    await db.destroy();
  });
});

describe("upgrading a database with accounts to library accounts (migration 0013)", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("keeps every account, session and reference, and adds the role tied to one library", async () => {
    const { db, sqlite } = createSqliteDb(`file:${dir.dir}/old.db`);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0011_coaching_notes_and_points")).error).toBeUndefined();
    const now = "2025-11-01T00:00:00.000Z";
    for (const [id, email, role] of [
      [1, "admin@x.id", "admin"],
      [2, "ketua@x.id", "chair"],
      [3, "juri@x.id", "judge"],
    ] as const)
      await sql`insert into users (id, email, name, password_hash, role, must_change_password, password_issued, district, created_at, updated_at)
        values (${id}, ${email}, ${`N${id}`}, ${`hash${id}`}, ${role}, ${id === 3 ? 1 : 0}, ${id === 3 ? 1 : 0}, 'Bengalon', ${now}, ${now})`.execute(
        db,
      );
    await sql`insert into sessions (id, user_id, created_at, last_seen_at, expires_at, issued_password)
      values ('s3', 3, ${now}, ${now}, ${now}, 1)`.execute(db);
    await sql`insert into libraries (id, code, name, type, created_at, updated_at)
      values (1, 'L1', 'Pustaka', 'desa', ${now}, ${now})`.execute(db);
    await sql`insert into conflicts (judge_id, library_id, reason, created_by, created_at)
      values (3, 1, 'kerabat', 2, ${now})`.execute(db);
    await sql`insert into audit_log (at, user_id, actor, entity_type, entity_id, action)
      values (${now}, 2, 'Ketua', 'user', '3', 'create')`.execute(db);
    const usersBefore = sqlite.prepare("select * from users order by id").all();

    const result = await migrateToLatest(db);
    expect(result.error).toBeUndefined();
    expect(result.results?.map((r) => r.migrationName)).toContain("0013_library_accounts");

    expect(
      sqlite.prepare("select * from users order by id").all() as Record<string, unknown>[],
    ).toEqual((usersBefore as Record<string, unknown>[]).map((u) => ({ ...u, library_id: null })));
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    // what points at users still does, and still cascades
    expect(sqlite.prepare("select count(*) as n from conflicts").get()).toEqual({ n: 1 });
    expect(sqlite.prepare("select count(*) as n from audit_log").get()).toEqual({ n: 1 });
    const indexes = sqlite
      .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'users'")
      .all();
    expect(indexes).toContainEqual({ name: "users_library" });
    // the unique, lower-case email and the new role rules hold on the rebuilt table
    const insert = sqlite.prepare(
      `insert into users (email, name, password_hash, role, library_id, created_at, updated_at)
       values (?, 'N', 'h', ?, ?, 'x', 'x')`,
    );
    expect(() => insert.run("juri@x.id", "judge", null)).toThrow(/UNIQUE/);
    expect(() => insert.run("Besar@x.id", "judge", null)).toThrow(/CHECK/);
    expect(() => insert.run("pustaka@x.id", "library", null)).toThrow(/CHECK/);
    expect(() => insert.run("juri2@x.id", "judge", 1)).toThrow(/CHECK/);
    expect(() => insert.run("pustaka@x.id", "library", 1)).not.toThrow();
    sqlite.prepare("delete from conflicts").run();
    sqlite.prepare("delete from users where id = 3").run();
    expect(sqlite.prepare("select count(*) as n from sessions").get()).toEqual({ n: 0 });
    await db.destroy();
  });
});

describe("each stage's own score in a publication (migration 0014)", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("adds an empty own score to the stage results already published, and takes it off again", async () => {
    const { db } = createDb(`file:${dir.dir}/old.db`);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0013_library_accounts")).error).toBeUndefined();
    const now = "2025-11-01T00:00:00.000Z";
    await sql`insert into users (id, email, name, password_hash, role, created_at, updated_at)
      values (1, 'ketua@x.id', 'Ketua', 'h', 'chair', ${now}, ${now})`.execute(db);
    await sql`insert into competitions (id, slug, name, year, level, region, status, aggregation, prize_winners, prize_honourable, ranking_scope, created_at, updated_at)
      values (1, 'lama', 'Lama', 2025, 'kabupaten', 'Uji', 'published', 'mean', 3, 3, 'overall', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into publications (id, competition_id, published_at, published_by, is_current, revision)
      values (1, 1, ${now}, 1, 1, 0)`.execute(db);
    await sql`insert into published_stage_results (publication_id, stage_code, library_code, score_x100, rank, advanced)
      values (1, 'S1', 'L1', 8250, 1, 1), (1, 'S1', 'L2', 7000, 2, 1)`.execute(db);
    const columns = async () =>
      (await db.introspection.getTables())
        .find((t) => t.name === "published_stage_results")!
        .columns.map((c) => c.name);
    expect(await columns()).not.toContain("stage_score_x100");

    expect((await migrator.migrateTo("0014_stage_own_scores")).error).toBeUndefined();
    // a publication made before has the combined score only: its pages show that, labelled so
    const { rows } = await sql<{
      library_code: string;
      score_x100: number;
      stage_score_x100: number | null;
    }>`select library_code, score_x100, stage_score_x100 from published_stage_results order by library_code`.execute(
      db,
    );
    expect(rows).toEqual([
      { library_code: "L1", score_x100: 8250, stage_score_x100: null },
      { library_code: "L2", score_x100: 7000, stage_score_x100: null },
    ]);
    await sql`update published_stage_results set stage_score_x100 = 8010 where library_code = 'L1'`.execute(
      db,
    );

    // down to 0013 only: 0013 (library accounts) has no way down
    expect((await migrator.migrateTo("0013_library_accounts")).error).toBeUndefined();
    expect(await columns()).not.toContain("stage_score_x100");
    const { rows: kept } = await sql<{
      library_code: string;
      score_x100: number;
    }>`select library_code, score_x100 from published_stage_results order by library_code`.execute(
      db,
    );
    expect(kept).toEqual([
      { library_code: "L1", score_x100: 8250 },
      { library_code: "L2", score_x100: 7000 },
    ]);
    await db.destroy();
  });
});

describe("the library's own side (migration 0015)", () => {
  let dir: { dir: string; remove: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("adds the self-assessment tables with their rules on a database in use, and takes them off again", async () => {
    const { db, sqlite } = createSqliteDb(`file:${dir.dir}/old.db`);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0014_stage_own_scores")).error).toBeUndefined();
    const now = "2025-11-01T00:00:00.000Z";
    await sql`insert into libraries (id, code, name, type, created_at, updated_at)
      values (1, 'L1', 'Pustaka Satu', 'desa', ${now}, ${now})`.execute(db);
    await sql`insert into users (id, email, name, password_hash, role, library_id, created_at, updated_at)
      values (1, 'pustaka@x.id', 'Pengelola', 'h', 'library', 1, ${now}, ${now}),
             (2, 'juri@x.id', 'Juri', 'h', 'judge', null, ${now}, ${now})`.execute(db);
    await sql`insert into competitions (id, slug, name, year, level, region, status, aggregation, prize_winners, prize_honourable, ranking_scope, created_at, updated_at)
      values (1, 'lomba', 'Lomba', 2026, 'kabupaten', 'Uji', 'draft', 'mean', 3, 3, 'overall', ${now}, ${now})`.execute(
      db,
    );
    await sql`insert into entries (id, competition_id, library_id, category, created_at)
      values (1, 1, 1, 'desa', ${now})`.execute(db);
    await sql`insert into components (id, competition_id, code, name, weight, position)
      values (1, 1, 'K1', 'Koleksi', 100, 1)`.execute(db);
    await sql`insert into indicators (id, competition_id, component_id, code, name, description, min_score, max_score, position)
      values (1, 1, 1, 'K1.1', 'Jumlah judul', '', 1, 5, 1)`.execute(db);

    expect((await migrator.migrateTo("0015_self_assessment")).error).toBeUndefined();
    // what was there keeps its defaults
    expect(
      sqlite
        .prepare(
          "select self_assessment_opens, self_assessment_closes, feedback_names_judges from competitions",
        )
        .get(),
    ).toEqual({
      self_assessment_opens: null,
      self_assessment_closes: null,
      feedback_names_judges: 0,
    });
    expect(sqlite.prepare("select opening_hours, members from libraries").get()).toEqual({
      opening_hours: "",
      members: null,
    });
    expect(sqlite.prepare("select requires_self_assessment as r from stages").get()).toEqual({
      r: 0,
    });

    const run = (statement: string) => () => sqlite.prepare(statement).run();
    run(
      "insert into indicator_claims (indicator_id, kind, unit, standard_min) values (1, 'number', 'judul', 1000)",
    )();
    expect(run("insert into indicator_claims (indicator_id, kind) values (1, 'photo')")).toThrow();
    run(`insert into self_assessments (entry_id, updated_at) values (1, '${now}')`)();
    expect(
      sqlite.prepare("select status, version, profile_status from self_assessments").get(),
    ).toEqual({
      status: "draft",
      version: 0,
      profile_status: "none",
    });
    run(
      `insert into claim_values (entry_id, indicator_id, value, updated_at) values (1, 1, '1200', '${now}')`,
    )();
    // a correction carries what the judge saw, a verification does not
    expect(
      run(`insert into claim_checks (stage_id, entry_id, indicator_id, judge_id, result, checked_at)
        values (1, 1, 1, 2, 'corrected', '${now}')`),
    ).toThrow(/CHECK/);
    run(`insert into claim_checks (stage_id, entry_id, indicator_id, judge_id, result, observed, checked_at)
      values (1, 1, 1, 2, 'corrected', '900', '${now}')`)();
    // a file has a hash and no link, a video a link and no hash; a judge's photo names its stage
    expect(
      run(`insert into evidence_files (entry_id, uploaded_by, source, kind, url, created_at)
        values (1, 1, 'library', 'image', 'https://x', '${now}')`),
    ).toThrow(/CHECK/);
    expect(
      run(`insert into evidence_files (entry_id, uploaded_by, source, kind, file_hash, created_at)
        values (1, 2, 'judge', 'image', 'ab', '${now}')`),
    ).toThrow(/CHECK/);
    run(`insert into evidence_files (entry_id, indicator_id, uploaded_by, source, kind, file_hash, created_at)
      values (1, 1, 1, 'library', 'image', 'ab', '${now}')`)();
    run(`insert into evidence_files (entry_id, uploaded_by, source, kind, url, created_at)
      values (1, 1, 'library', 'video', 'https://youtu.be/x', '${now}')`)();
    // an indicator removed takes its claim, values, checks and evidence with it
    run("delete from indicators where id = 1")();
    for (const table of ["indicator_claims", "claim_values", "claim_checks"])
      expect(sqlite.prepare(`select count(*) as n from ${table}`).get()).toEqual({ n: 0 });
    expect(sqlite.prepare("select kind from evidence_files").all()).toEqual([{ kind: "video" }]);

    expect((await migrator.migrateTo("0014_stage_own_scores")).error).toBeUndefined();
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    for (const table of [
      "indicator_claims",
      "self_assessments",
      "claim_values",
      "claim_checks",
      "evidence_files",
    ])
      expect(tables).not.toContain(table);
    expect(sqlite.prepare("select code from libraries").all()).toEqual([{ code: "L1" }]);
    await db.destroy();
  });
});
