import { sql, type Kysely } from "kysely";
import { idColumn, isPostgres, pgTrigger, runAll } from "../dialect";

/**
 * Stages (docs/decisions/010-stages.md): a competition is an ordered list of stages, an `admin`
 * stage (a pass/fail checklist per entry) or a scored one (`desk`, `visit`, `presentation`,
 * `other`) with its own components, assignments and sheets.
 *
 * Every existing competition gets one scored stage holding all its components, assignments and
 * sheets, so it ranks exactly as before. A row written without a stage (an older code path, a
 * script, a test) belongs to the competition's current stage: triggers fill `stage_id`, and a
 * trigger gives every new competition its first stage, so "a competition has at least one stage"
 * holds whoever writes.
 *
 * A judge may score the same entry in two stages (desk, then visit), so the unique keys of
 * `score_sheets` and `judge_assignments` gain the stage. SQLite cannot change a table's unique
 * constraint in place: both tables are rebuilt (the documented twelve steps, foreign keys off,
 * one transaction), with their indexes and triggers made again. PostgreSQL changes both tables in
 * place (a new column, the unique constraint replaced) and its triggers are PL/pgSQL functions
 * (`pgStages`; docs/decisions/013-postgresql.md).
 */

const FIRST_STAGE = `insert into stages (competition_id, position, code, name, kind, weight, advance)
  values (new.id, 1, 'S1', 'Penilaian', 'other', 100, null)`;

/** the stage open for scoring in the competition whose id is the SQL expression `competition` */
const currentStage = (competition: string) =>
  `(select s.id from stages s join competitions c on c.id = s.competition_id
     where c.id = ${competition} and s.position = c.current_stage)`;

/** `after insert` trigger giving a row written without a stage the competition's current stage */
const fillStage = (table: string, competition: string) =>
  sql.raw(`create trigger ${table}_default_stage after insert on ${table}
    when new.stage_id is null
    begin update ${table} set stage_id = ${currentStage(competition)} where rowid = new.rowid; end`);

/** SQLite: the two tables rebuilt with the stage in their unique keys */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function sqliteRebuild(db: Kysely<any>): Promise<void> {
  // the two rebuilt tables (foreign keys off so dropping the old table cascades nothing;
  // legacy_alter_table so the rename does not re-check triggers of other tables, which name
  // score_sheets while it is briefly absent)
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`pragma legacy_alter_table = on`.execute(db);
  try {
    await sql`begin`.execute(db);
    await sql`create table score_sheets_new (
      id integer primary key autoincrement,
      stage_id integer references stages (id) on delete cascade,
      entry_id integer not null references entries (id) on delete cascade,
      judge_id integer not null references users (id),
      status text default 'draft' not null check (status in ('draft', 'submitted')),
      version integer default 1 not null check (version >= 1),
      comment text default '' not null,
      submitted_at text,
      created_at text not null,
      updated_at text not null,
      reopened_at text,
      reopen_reason text,
      issued_password_saved_at text,
      constraint score_sheets_unique unique (stage_id, entry_id, judge_id),
      constraint score_sheets_submitted_at check ((status = 'submitted') = (submitted_at is not null))
    )`.execute(db);
    await sql`insert into score_sheets_new (id, stage_id, entry_id, judge_id, status, version, comment,
        submitted_at, created_at, updated_at, reopened_at, reopen_reason, issued_password_saved_at)
      select sh.id, ${sql.raw(currentStage("e.competition_id"))}, sh.entry_id, sh.judge_id, sh.status,
        sh.version, sh.comment, sh.submitted_at, sh.created_at, sh.updated_at, sh.reopened_at,
        sh.reopen_reason, sh.issued_password_saved_at
      from score_sheets sh join entries e on e.id = sh.entry_id`.execute(db);
    await sql`drop table score_sheets`.execute(db);
    await sql`alter table score_sheets_new rename to score_sheets`.execute(db);
    await sql`create index score_sheets_judge on score_sheets (judge_id)`.execute(db);
    await sql`create index score_sheets_entry_status on score_sheets (entry_id, status)`.execute(
      db,
    );
    // as in 0006: a sheet submitted or reopened carries its status into sheet_points
    await sql`create trigger score_sheets_points_status after update of status, entry_id on score_sheets
      begin
        update sheet_points set submitted = new.status = 'submitted', entry_id = new.entry_id
          where sheet_id = new.id;
      end`.execute(db);
    await fillStage(
      "score_sheets",
      "(select competition_id from entries where id = new.entry_id)",
    ).execute(db);

    await sql`create table judge_assignments_new (
      id integer primary key autoincrement,
      stage_id integer references stages (id) on delete cascade,
      entry_id integer not null references entries (id) on delete cascade,
      judge_id integer not null references users (id),
      created_at text not null,
      constraint judge_assignments_unique unique (stage_id, entry_id, judge_id)
    )`.execute(db);
    await sql`insert into judge_assignments_new (id, stage_id, entry_id, judge_id, created_at)
      select a.id, ${sql.raw(currentStage("e.competition_id"))}, a.entry_id, a.judge_id, a.created_at
      from judge_assignments a join entries e on e.id = a.entry_id`.execute(db);
    await sql`drop table judge_assignments`.execute(db);
    await sql`alter table judge_assignments_new rename to judge_assignments`.execute(db);
    await sql`create index judge_assignments_judge on judge_assignments (judge_id)`.execute(db);
    await sql`create index judge_assignments_entry on judge_assignments (entry_id, judge_id)`.execute(
      db,
    );
    // as in 0002: the database refuses a conflicted judge, whoever writes the assignment
    for (const event of ["insert", "update"] as const)
      await sql
        .raw(
          `create trigger judge_assignments_no_conflict_${event} before ${event} on judge_assignments
          when exists (
            select 1 from conflicts c join entries e on e.library_id = c.library_id
            where e.id = new.entry_id and c.judge_id = new.judge_id and c.status = 'confirmed')
          begin select raise(abort, 'conflict of interest: judge may not be assigned this library'); end`,
        )
        .execute(db);
    await fillStage(
      "judge_assignments",
      "(select competition_id from entries where id = new.entry_id)",
    ).execute(db);

    const { rows: broken } = await sql`pragma foreign_key_check`.execute(db);
    if (broken.length > 0) throw new Error("0010_stages: foreign keys broken by the rebuild");
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma legacy_alter_table = off`.execute(db);
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** PostgreSQL: a row written without a stage gets the current one before it is stored */
const pgFillStage = (table: string, competition: string) =>
  pgTrigger(
    `${table}_default_stage`,
    table,
    "before insert",
    `new.stage_id := ${currentStage(competition)};
return new;`,
    { when: "new.stage_id is null" },
  );

/** PostgreSQL's way through the part SQLite does by rebuilding two tables */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function pgStages(db: Kysely<any>): Promise<void> {
  const entryCompetition = "(select competition_id from entries where id = new.entry_id)";
  await runAll(db, [
    `alter table score_sheets add column stage_id integer references stages (id) on delete cascade`,
    `update score_sheets sh set stage_id = ${currentStage("e.competition_id")}
      from entries e where e.id = sh.entry_id`,
    `alter table score_sheets drop constraint score_sheets_unique`,
    `alter table score_sheets add constraint score_sheets_unique unique (stage_id, entry_id, judge_id)`,
    ...pgFillStage("score_sheets", entryCompetition),
    `alter table judge_assignments add column stage_id integer references stages (id) on delete cascade`,
    `update judge_assignments a set stage_id = ${currentStage("e.competition_id")}
      from entries e where e.id = a.entry_id`,
    `alter table judge_assignments drop constraint judge_assignments_unique`,
    `alter table judge_assignments add constraint judge_assignments_unique unique (stage_id, entry_id, judge_id)`,
    `create index judge_assignments_entry on judge_assignments (entry_id, judge_id)`,
    ...pgFillStage("judge_assignments", entryCompetition),
  ]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stages")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("competition_id", "integer", (c) =>
      c.notNull().references("competitions.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 1`))
    .addColumn("code", "text", (c) => c.notNull().check(sql`code <> ''`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('admin', 'desk', 'visit', 'presentation', 'other')`),
    )
    // percent of the combined score (combine = weighted); an admin stage weighs nothing
    .addColumn("weight", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`weight between 0 and 100`),
    )
    // how many entries go on after the stage (ties at the cut go on too); null: all of them
    .addColumn("advance", "integer", (c) => c.check(sql`advance >= 1`))
    .addColumn("closed_at", "text")
    .addUniqueConstraint("stages_position_unique", ["competition_id", "position"])
    .addUniqueConstraint("stages_code_unique", ["competition_id", "code"])
    .addCheckConstraint("stages_admin_weightless", sql`kind <> 'admin' or weight = 0`)
    .execute();

  await db.schema
    .alterTable("competitions")
    .addColumn("combine", "text", (c) =>
      c
        .notNull()
        .defaultTo("weighted")
        .check(sql`combine in ('weighted', 'last')`),
    )
    .execute();
  // the position of the stage open for scoring (or, after the last one, the last stage)
  await db.schema
    .alterTable("competitions")
    .addColumn("current_stage", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`current_stage >= 1`),
    )
    .execute();
  await sql`insert into stages (competition_id, position, code, name, kind, weight, advance)
    select id, 1, 'S1', 'Penilaian', 'other', 100, null from competitions`.execute(db);
  if (isPostgres(db))
    await runAll(
      db,
      pgTrigger(
        "competitions_first_stage",
        "competitions",
        "after insert",
        `${FIRST_STAGE};\nreturn null;`,
      ),
    );
  else
    await sql
      .raw(
        `create trigger competitions_first_stage after insert on competitions
    begin ${FIRST_STAGE}; end`,
      )
      .execute(db);

  await db.schema
    .alterTable("components")
    .addColumn("stage_id", "integer", (c) => c.references("stages.id").onDelete("cascade"))
    .execute();
  await sql`update components set stage_id = ${sql.raw(currentStage("components.competition_id"))}`.execute(
    db,
  );
  await db.schema.createIndex("components_stage").on("components").column("stage_id").execute();
  if (isPostgres(db)) {
    await runAll(db, pgFillStage("components", "new.competition_id"));
    await pgStages(db);
  } else {
    await fillStage("components", "new.competition_id").execute(db);
    await sqliteRebuild(db);
  }

  // the admin stage's checklist: one row per entry and item; a failure states why
  await db.schema
    .createTable("stage_checks")
    .addColumn("stage_id", "integer", (c) =>
      c.notNull().references("stages.id").onDelete("cascade"),
    )
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    .addColumn("item", "text", (c) => c.notNull().check(sql`trim(item) <> ''`))
    .addColumn("passed", "integer", (c) => c.notNull().check(sql`passed in (0, 1)`))
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("checked_by", "integer", (c) => c.references("users.id"))
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("stage_checks_pk", ["stage_id", "entry_id", "item"])
    .addCheckConstraint("stage_checks_failure_reason", sql`passed = 1 or trim(reason) <> ''`)
    .execute();

  // the shortlist as it stood when the stage closed: every entry in the stage, its score there
  // (C_s × 100, null when unscored or failed), its rank and whether it went on
  await db.schema
    .createTable("stage_results")
    .addColumn("stage_id", "integer", (c) =>
      c.notNull().references("stages.id").onDelete("cascade"),
    )
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    .addColumn("score_x100", "integer")
    .addColumn("rank", "integer", (c) => c.check(sql`rank >= 1`))
    .addColumn("advanced", "integer", (c) => c.notNull().check(sql`advanced in (0, 1)`))
    .addPrimaryKeyConstraint("stage_results_pk", ["stage_id", "entry_id"])
    .execute();
  // publications freeze the stages too: each result's stage reached, every stage and its
  // shortlist (docs/http.md); publications made before stages had one stage, S1
  await db.schema
    .alterTable("published_results")
    .addColumn("stage_code", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await sql`update published_results set stage_code = 'S1'`.execute(db);
  await db.schema
    .createTable("published_stages")
    .addColumn("publication_id", "integer", (c) =>
      c.notNull().references("publications.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("advance", "integer")
    .addPrimaryKeyConstraint("published_stages_pk", ["publication_id", "position"])
    .execute();
  await sql`insert into published_stages (publication_id, position, code, name, kind, weight, advance)
    select id, 1, 'S1', 'Penilaian', 'other', 100, null from publications`.execute(db);
  await db.schema
    .createTable("published_stage_results")
    .addColumn("publication_id", "integer", (c) =>
      c.notNull().references("publications.id").onDelete("cascade"),
    )
    .addColumn("stage_code", "text", (c) => c.notNull())
    .addColumn("library_code", "text", (c) => c.notNull())
    .addColumn("score_x100", "integer")
    .addColumn("rank", "integer")
    .addColumn("advanced", "integer", (c) => c.notNull().check(sql`advanced in (0, 1)`))
    .addPrimaryKeyConstraint("published_stage_results_pk", [
      "publication_id",
      "stage_code",
      "library_code",
    ])
    .execute();
  await sql`insert into published_stage_results (publication_id, stage_code, library_code, score_x100, rank, advanced)
    select publication_id, 'S1', library_code, final_score_x100, rank, 1 from published_results`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  // forward only: stages cannot be folded back into one without losing sheets of later stages
  void db;
  throw new Error("0010_stages cannot be undone");
}
