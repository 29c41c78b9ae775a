import { sql, type Kysely } from "kysely";
import { dropPgTrigger, isPostgres, pgTrigger, runAll } from "../dialect";

export const CONFLICT_MESSAGE = "conflict of interest: judge may not be assigned this library";

/** PostgreSQL's twin of the SQLite trigger below (a trigger's WHEN may not hold a subquery there). */
export function pgNoConflictTrigger(name: string, event: "insert" | "update"): string[] {
  return pgTrigger(
    name,
    "judge_assignments",
    `before ${event}`,
    `if exists (
    select 1 from conflicts c join entries e on e.library_id = c.library_id
    where e.id = new.entry_id and c.judge_id = new.judge_id and c.status = 'confirmed') then
  raise exception '${CONFLICT_MESSAGE}' using errcode = 'integrity_constraint_violation';
end if;
return new;`,
  );
}

/**
 * Competition setup. A conflicted judge must never be assigned the library, whichever path writes
 * the assignment (the browser, "assign all", a JSON import, a script): the database refuses it.
 * Models check first to give a readable message; these triggers are the last wall.
 * On PostgreSQL the same rule is a PL/pgSQL trigger function.
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
    if (isPostgres(db)) {
      await runAll(db, pgNoConflictTrigger(`judge_assignments_no_conflict_${event}`, event));
      continue;
    }
    await sql
      .raw(
        `create trigger judge_assignments_no_conflict_${event} before ${event} on judge_assignments
        when exists (
          select 1 from conflicts c join entries e on e.library_id = c.library_id
          where e.id = new.entry_id and c.judge_id = new.judge_id and c.status = 'confirmed')
        begin select raise(abort, '${CONFLICT_MESSAGE}'); end`,
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
  if (isPostgres(db))
    await runAll(db, [
      ...dropPgTrigger("judge_assignments_no_conflict_update", "judge_assignments"),
      ...dropPgTrigger("judge_assignments_no_conflict_insert", "judge_assignments"),
    ]);
  else {
    await sql`drop trigger judge_assignments_no_conflict_update`.execute(db);
    await sql`drop trigger judge_assignments_no_conflict_insert`.execute(db);
  }
  await db.schema.dropTable("competition_judges").execute();
}
