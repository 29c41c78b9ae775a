import { sql, type Kysely } from "kysely";
import { isPostgres, runAll } from "../dialect";

/**
 * A bulk path for scores (docs/scores-import.md, docs/decisions/015-bulk-score-writes.md): the
 * three per-row triggers that keep `sheet_points` (0006) stand aside while a transaction says it
 * writes scores in bulk, and that transaction then counts the sums of the sheets it wrote once,
 * set-wise (one INSERT … SELECT … GROUP BY). Every other writer, and the bulk writer's own other
 * statements, keep the triggers as before.
 *
 * How a transaction says so, without `ALTER TABLE … DISABLE TRIGGER` (which SQLite lacks and
 * which on PostgreSQL would lock the table and hold for every session):
 * - SQLite: the writing transaction puts the row `(1, active)` into `scores_bulk` and deletes it
 *   before it commits. SQLite has one writer at a time, so no other writer runs meanwhile, and
 *   readers see only committed rows, where the table is empty; a transaction that fails rolls the
 *   row back with everything else. The triggers' WHEN reads it (a subquery, allowed there). The
 *   table stays empty at rest, so a migrated database is still an empty one (`db:copy` copies
 *   only into an empty database).
 * - PostgreSQL: a trigger's WHEN may not hold a subquery, so it reads a transaction-local setting,
 *   `set_config('juara.bulk', 'on', true)`, which no other session sees and which ends with the
 *   transaction. The table exists there too (the two schemas stay alike, see
 *   tests/integration/schema-parity.pg.test.ts) and is never set active.
 * A row with `active = 0` leaves the triggers on (the WHEN asks for an active row).
 */

const BULK_OFF_SQLITE = "not exists (select 1 from scores_bulk where active = 1)";
const BULK_OFF_PG = "coalesce(current_setting('juara.bulk', true), '') <> 'on'";

/** the 0006 triggers' bodies on SQLite, with or without the WHEN */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function sqliteTriggers(db: Kysely<any>, when: string): Promise<void> {
  const add = (row: "new" | "old") => `
    insert into sheet_points (sheet_id, component_id, entry_id, submitted, points, scores)
      select ${row}.sheet_id, i.component_id, s.entry_id, s.status = 'submitted', coalesce(${row}.value, 0), 1
      from indicators i join score_sheets s on s.id = ${row}.sheet_id
      where i.id = ${row}.indicator_id
      on conflict (sheet_id, component_id)
      do update set points = points + excluded.points, scores = scores + 1;`;
  const remove = (row: "new" | "old") => `
    delete from sheet_points
      where sheet_id = ${row}.sheet_id
        and component_id = (select component_id from indicators where id = ${row}.indicator_id)
        and scores = 1;
    update sheet_points set points = points - coalesce(${row}.value, 0), scores = scores - 1
      where sheet_id = ${row}.sheet_id
        and component_id = (select component_id from indicators where id = ${row}.indicator_id);`;
  const condition = when ? `when ${when}` : "";
  for (const name of ["scores_points_insert", "scores_points_delete", "scores_points_update"])
    await sql.raw(`drop trigger ${name}`).execute(db);
  await sql
    .raw(
      `create trigger scores_points_insert after insert on scores ${condition}
    begin ${add("new")} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger scores_points_delete after delete on scores ${condition}
    begin ${remove("old")} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger scores_points_update after update of sheet_id, indicator_id, value on scores ${condition}
    begin ${remove("old")} ${add("new")} end`,
    )
    .execute(db);
}

/** the 0006 triggers on PostgreSQL made again (their functions stay), with or without the WHEN */
function pgTriggers(when: string): string[] {
  const condition = when ? `when (${when})` : "";
  return [
    ["scores_points_insert", "after insert"],
    ["scores_points_delete", "after delete"],
    ["scores_points_update", "after update of sheet_id, indicator_id, value"],
  ].flatMap(([name, timing]) => [
    `drop trigger ${name} on scores`,
    `create trigger ${name} ${timing} on scores for each row ${condition} execute function ${name}()`,
  ]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scores_bulk")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("active", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`active in (0, 1)`),
    )
    .execute();
  if (isPostgres(db)) await runAll(db, pgTriggers(BULK_OFF_PG));
  else await sqliteTriggers(db, BULK_OFF_SQLITE);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await runAll(db, pgTriggers(""));
  else await sqliteTriggers(db, "");
  await db.schema.dropTable("scores_bulk").execute();
}
