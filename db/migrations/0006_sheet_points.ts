import { sql, type Kysely } from "kysely";
import { dropPgTrigger, isPostgres, pgTrigger, runAll } from "../dialect";

/**
 * Each sheet's points per component (Σ score over the component's indicators, and how many score
 * rows make it), kept exact by triggers on every write to `scores`, whatever writes it (the save,
 * the seed, a script, a cascade). The sheet's entry and whether it is submitted travel with the
 * row, kept by triggers on `score_sheets`, so the ranking reads only this table, in the order it
 * aggregates (the two partial indexes), instead of regrouping every score on each request
 * (docs/scoring.md, "Where the sums come from"; docs/decisions/004).
 * `tests/integration/sheet-points.test.ts` checks the table against a fresh GROUP BY after random
 * writes.
 *
 * On PostgreSQL the same triggers are PL/pgSQL functions (`pgPointsTriggers`), with the same
 * statements; SQLite's table is WITHOUT ROWID (docs/decisions/013-postgresql.md).
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
    .addColumn("entry_id", "integer", (c) => c.notNull())
    .addColumn("submitted", "integer", (c) => c.notNull().check(sql`submitted in (0, 1)`))
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("scores", "integer", (c) => c.notNull().check(sql`scores > 0`))
    .addPrimaryKeyConstraint("sheet_points_pk", ["sheet_id", "component_id"])
    .$call((t) => (isPostgres(db) ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  await db.schema
    .createIndex("sheet_points_component")
    .on("sheet_points")
    .column("component_id")
    .execute();
  // the ranking's two reads of submitted sheets: by entry and component (component finals), and
  // by entry and sheet (each judge's total); drafts, the autosave's writes, never touch them
  await sql`create index sheet_points_by_component on sheet_points (entry_id, component_id, points)
    where submitted = 1`.execute(db);
  await sql`create index sheet_points_by_sheet on sheet_points (entry_id, sheet_id, component_id, points)
    where submitted = 1`.execute(db);

  // adds one score row to its sheet × component (the WHERE keeps the upsert unambiguous)
  const add = (row: "new" | "old") =>
    sql.raw(`
    insert into sheet_points (sheet_id, component_id, entry_id, submitted, points, scores)
      select ${row}.sheet_id, i.component_id, s.entry_id, s.status = 'submitted', coalesce(${row}.value, 0), 1
      from indicators i join score_sheets s on s.id = ${row}.sheet_id
      where i.id = ${row}.indicator_id
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
  // the rows of sheet_points counted afresh from the scores (of some sheets, or of all)
  const counted = (where: string) => `
    insert into sheet_points (sheet_id, component_id, entry_id, submitted, points, scores)
      select s.sheet_id, i.component_id, sh.entry_id, sh.status = 'submitted', sum(coalesce(s.value, 0)), count(*)
      from scores s join indicators i on i.id = s.indicator_id join score_sheets sh on sh.id = s.sheet_id
      ${where}
      group by s.sheet_id, i.component_id, sh.entry_id, sh.status;`;
  // every sheet that scored one indicator, recounted
  const recount = (indicator: string) =>
    sql.raw(`
    delete from sheet_points where sheet_id in (select sheet_id from scores where indicator_id = ${indicator});
    ${counted(`where s.sheet_id in (select sheet_id from scores where indicator_id = ${indicator})`)}`);

  if (isPostgres(db)) {
    await runAll(db, pgPointsTriggers());
    await sql.raw(PG_COUNTED).execute(db);
    return;
  }
  await sql`create trigger scores_points_insert after insert on scores begin ${add("new")} end`.execute(
    db,
  );
  await sql`create trigger scores_points_delete after delete on scores begin ${remove("old")} end`.execute(
    db,
  );
  await sql`create trigger scores_points_update after update of sheet_id, indicator_id, value on scores
    begin ${remove("old")} ${add("new")} end`.execute(db);
  // a sheet submitted or reopened (or, never in the app, moved to another entry)
  await sql`create trigger score_sheets_points_status after update of status, entry_id on score_sheets
    begin
      update sheet_points set submitted = new.status = 'submitted', entry_id = new.entry_id
        where sheet_id = new.id;
    end`.execute(db);
  // an indicator deleted: its scores go first, while the trigger above can still find its component
  await sql`create trigger indicators_points_delete before delete on indicators
    begin delete from scores where indicator_id = old.id; end`.execute(db);
  // an indicator moved to another component (criteria are frozen while scores exist, but the
  // table must stay exact whatever happens)
  await sql`create trigger indicators_points_move after update of component_id on indicators
    when old.component_id is not new.component_id
    begin ${recount("new.id")} end`.execute(db);

  await sql.raw(counted("")).execute(db);
}

/** the SQLite triggers above as PL/pgSQL (same statements; a boolean made 0/1 explicitly) */
function pgPointsTriggers(): string[] {
  const submitted = "(case when s.status = 'submitted' then 1 else 0 end)";
  const add = (row: "new" | "old") => `
  insert into sheet_points (sheet_id, component_id, entry_id, submitted, points, scores)
    select ${row}.sheet_id, i.component_id, s.entry_id, ${submitted}, coalesce(${row}.value, 0), 1
    from indicators i join score_sheets s on s.id = ${row}.sheet_id
    where i.id = ${row}.indicator_id
    on conflict (sheet_id, component_id)
    do update set points = sheet_points.points + excluded.points, scores = sheet_points.scores + 1;`;
  const remove = (row: "new" | "old") => `
  delete from sheet_points
    where sheet_id = ${row}.sheet_id
      and component_id = (select component_id from indicators where id = ${row}.indicator_id)
      and scores = 1;
  update sheet_points set points = points - coalesce(${row}.value, 0), scores = scores - 1
    where sheet_id = ${row}.sheet_id
      and component_id = (select component_id from indicators where id = ${row}.indicator_id);`;
  return [
    ...pgTrigger("scores_points_insert", "scores", "after insert", `${add("new")}\nreturn null;`),
    ...pgTrigger(
      "scores_points_delete",
      "scores",
      "after delete",
      `${remove("old")}\nreturn null;`,
    ),
    ...pgTrigger(
      "scores_points_update",
      "scores",
      "after update of sheet_id, indicator_id, value",
      `${remove("old")}${add("new")}\nreturn null;`,
    ),
    ...pgTrigger(
      "score_sheets_points_status",
      "score_sheets",
      "after update of status, entry_id",
      `update sheet_points
    set submitted = (case when new.status = 'submitted' then 1 else 0 end), entry_id = new.entry_id
    where sheet_id = new.id;
  return null;`,
    ),
    ...pgTrigger(
      "indicators_points_delete",
      "indicators",
      "before delete",
      "delete from scores where indicator_id = old.id;\nreturn old;",
    ),
    ...pgTrigger(
      "indicators_points_move",
      "indicators",
      "after update of component_id",
      `delete from sheet_points where sheet_id in (select sheet_id from scores where indicator_id = new.id);
  ${PG_COUNTED.replace("group by", "where s.sheet_id in (select sheet_id from scores where indicator_id = new.id)\n      group by")}
  return null;`,
      { when: "old.component_id is distinct from new.component_id" },
    ),
  ];
}

/** every row of sheet_points counted afresh from the scores (PostgreSQL) */
const PG_COUNTED = `insert into sheet_points (sheet_id, component_id, entry_id, submitted, points, scores)
      select s.sheet_id, i.component_id, sh.entry_id, (case when sh.status = 'submitted' then 1 else 0 end),
        sum(coalesce(s.value, 0)), count(*)
      from scores s join indicators i on i.id = s.indicator_id join score_sheets sh on sh.id = s.sheet_id
      group by s.sheet_id, i.component_id, sh.entry_id, sh.status;`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const [name, table] of [
      ["indicators_points_move", "indicators"],
      ["indicators_points_delete", "indicators"],
      ["score_sheets_points_status", "score_sheets"],
      ["scores_points_update", "scores"],
      ["scores_points_delete", "scores"],
      ["scores_points_insert", "scores"],
    ])
      await runAll(db, dropPgTrigger(name!, table!));
    await db.schema.dropTable("sheet_points").execute();
    return;
  }
  for (const trigger of [
    "indicators_points_move",
    "indicators_points_delete",
    "score_sheets_points_status",
    "scores_points_update",
    "scores_points_delete",
    "scores_points_insert",
  ])
    await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
  await db.schema.dropTable("sheet_points").execute();
}
