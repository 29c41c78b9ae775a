import { sql, type Kysely } from "kysely";

/**
 * Competition setup. A conflicted judge must never be assigned the library, whichever path writes
 * the assignment (the browser, "assign all", a JSON import, a script): the database refuses it.
 * Models check first to give a readable message; these triggers are the last wall.
 * SQLite-specific like the audit triggers of 0001; PostgreSQL would use a trigger function.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The panel is kept apart from assignments so a judge can sit on it before any assignment,
  // and the competition file's "judges" list round-trips.
  await db.schema
    .createTable("competition_judges")
    .addColumn("competition_id", "integer", (c) =>
      c.notNull().references("competitions.id").onDelete("cascade"),
    )
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("competition_judges_pk", ["competition_id", "judge_id"])
    .execute();
  // existing competitions: whoever is assigned sits on the panel
  await sql`insert into competition_judges (competition_id, judge_id, created_at)
    select distinct e.competition_id, a.judge_id, min(a.created_at)
    from judge_assignments a join entries e on e.id = a.entry_id
    group by e.competition_id, a.judge_id`.execute(db);
  for (const event of ["insert", "update"] as const) {
    await sql
      .raw(
        `create trigger judge_assignments_no_conflict_${event} before ${event} on judge_assignments
        when exists (
          select 1 from conflicts c join entries e on e.library_id = c.library_id
          where e.id = new.entry_id and c.judge_id = new.judge_id and c.status = 'confirmed')
        begin select raise(abort, 'conflict of interest: judge may not be assigned this library'); end`,
      )
      .execute(db);
  }
  await db.schema.createIndex("conflicts_library").on("conflicts").column("library_id").execute();
  await db.schema.createIndex("entries_library").on("entries").column("library_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("entries_library").execute();
  await db.schema.dropIndex("conflicts_library").execute();
  await sql`drop trigger judge_assignments_no_conflict_update`.execute(db);
  await sql`drop trigger judge_assignments_no_conflict_insert`.execute(db);
  await db.schema.dropTable("competition_judges").execute();
}
