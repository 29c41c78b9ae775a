import { sql, type Kysely } from "kysely";

/**
 * Each sheet's points per component (Σ score over the component's indicators, and how many score
 * rows make it), kept exact by triggers on every write to `scores`, whatever writes it (the save,
 * the seed, an import, a cascade). The ranking reads these 5-to-10 rows per sheet instead of
 * regrouping every score on each request (issue 5's speed goal; docs/scoring.md, "Where the
 * sums come from"). `tests/integration/sheet-points.test.ts` checks them against a fresh GROUP BY
 * after random writes.
 *
 * SQLite-specific (WITHOUT ROWID, trigger bodies): a PostgreSQL dialect writes the same triggers
 * in PL/pgSQL, or recomputes the table in the save's transaction.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sheet_points")
    .addColumn("sheet_id", "integer", (c) =>
      c.notNull().references("score_sheets.id").onDelete("cascade"),
    )
    .addColumn("component_id", "integer", (c) =>
      c.notNull().references("components.id").onDelete("cascade"),
    )
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("scores", "integer", (c) => c.notNull().check(sql`scores > 0`))
    .addPrimaryKeyConstraint("sheet_points_pk", ["sheet_id", "component_id"])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema
    .createIndex("sheet_points_component")
    .on("sheet_points")
    .column("component_id")
    .execute();

  // adds one score row to its sheet × component (the WHERE keeps the upsert unambiguous)
  const add = (row: "new" | "old") =>
    sql.raw(`
    insert into sheet_points (sheet_id, component_id, points, scores)
      select ${row}.sheet_id, i.component_id, coalesce(${row}.value, 0), 1
      from indicators i where i.id = ${row}.indicator_id
      on conflict (sheet_id, component_id)
      do update set points = points + excluded.points, scores = scores + 1;`);
  // (the one-row case first: decrementing first would let the DELETE see the decremented row)
  const remove = (row: "new" | "old") =>
    sql.raw(`
    delete from sheet_points
      where sheet_id = ${row}.sheet_id
        and component_id = (select component_id from indicators where id = ${row}.indicator_id)
        and scores = 1;
    update sheet_points set points = points - coalesce(${row}.value, 0), scores = scores - 1
      where sheet_id = ${row}.sheet_id
        and component_id = (select component_id from indicators where id = ${row}.indicator_id);`);

  await sql`create trigger scores_points_insert after insert on scores begin ${add("new")} end`.execute(
    db,
  );
  await sql`create trigger scores_points_delete after delete on scores begin ${remove("old")} end`.execute(
    db,
  );
  await sql`create trigger scores_points_update after update of sheet_id, indicator_id, value on scores
    begin ${remove("old")} ${add("new")} end`.execute(db);
  // an indicator deleted: its scores go first, while the trigger above can still find its component
  await sql`create trigger indicators_points_delete before delete on indicators
    begin delete from scores where indicator_id = old.id; end`.execute(db);
  // an indicator moved to another component (criteria are frozen while scores exist, but the
  // table must stay exact whatever happens): recount the sheets that scored it
  await sql`create trigger indicators_points_move after update of component_id on indicators
    when old.component_id is not new.component_id
    begin
      delete from sheet_points where sheet_id in (select sheet_id from scores where indicator_id = new.id);
      insert into sheet_points (sheet_id, component_id, points, scores)
        select s.sheet_id, i.component_id, sum(coalesce(s.value, 0)), count(*)
        from scores s join indicators i on i.id = s.indicator_id
        where s.sheet_id in (select sheet_id from scores where indicator_id = new.id)
        group by s.sheet_id, i.component_id;
    end`.execute(db);

  await sql`insert into sheet_points (sheet_id, component_id, points, scores)
    select s.sheet_id, i.component_id, sum(coalesce(s.value, 0)), count(*)
    from scores s join indicators i on i.id = s.indicator_id
    group by s.sheet_id, i.component_id`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger indicators_points_move`.execute(db);
  await sql`drop trigger indicators_points_delete`.execute(db);
  await sql`drop trigger scores_points_update`.execute(db);
  await sql`drop trigger scores_points_delete`.execute(db);
  await sql`drop trigger scores_points_insert`.execute(db);
  await db.schema.dropTable("sheet_points").execute();
}
