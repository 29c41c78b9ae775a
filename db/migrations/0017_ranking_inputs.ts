import { sql, type Kysely } from "kysely";
import { dropPgTrigger, isPostgres, pgTrigger, runAll } from "../dialect";

/**
 * Each entry's ranking inputs, kept between rankings (docs/scoring.md, "Where the sums come
 * from"; docs/decisions/016-ranking-inputs.md): per entry and stage, the count, sum, maximum,
 * minimum, twice the median and the trimmed mean's sum and count of its judges' sheet totals (in units of 1/`unit`, the least
 * common multiple of the stage's Σ max, so every value is an integer), and per entry and
 * component the same of its judges' points. The ranking then reads about six rows per entry
 * instead of every `sheet_points` row of every sheet.
 *
 * Exactness does not rest on these rows being current. Every write that could change them counts
 * one more change on the entry (`entries.inputs_changed`, by the triggers below, whatever writes:
 * the app, a script, a cascade); the rows hold for the entry while `inputs_counted` equals it.
 * The ranking rewrites the inputs of changed entries before it reads (`countRankingInputs` in
 * app/models/ranking.server.ts), reads the kept rows, and if its statement finds an entry
 * changed since counted (in the same snapshot), ranks again from `sheet_points`. What changes an
 * entry's inputs:
 * - a submitted sheet's points (`sheet_points` written, deleted, or submitted / reopened, which
 *   0006's trigger carries into `sheet_points`); drafts, the autosave's writes, change nothing;
 * - a sheet set aside or let back (a conflict confirmed, dismissed, made or removed for the
 *   library; a sheet given to another judge; an entry moved to another library);
 * - the criteria (a component's weight or stage, an indicator's maximum or component, either one
 *   added or removed): every entry of the competition.
 * While a transaction writes scores in bulk (0016's flag) the `sheet_points` triggers stand aside
 * and the import counts the change on every entry of its competition itself, set-wise.
 */

const BULK_OFF_SQLITE = "not exists (select 1 from scores_bulk where active = 1)";
const BULK_OFF_PG = "coalesce(current_setting('juara.bulk', true), '') <> 'on'";

const bump = (where: string) =>
  `update entries set inputs_changed = inputs_changed + 1 where ${where};`;
const ofCompetition = (component: string) =>
  bump(`competition_id = (select competition_id from components where id = ${component})`);

/** [name, table, timing, when, body] of every trigger, in SQLite's spelling of the body */
function triggers(bulkOff: string): [string, string, string, string | null, string][] {
  return [
    [
      "sheet_points_inputs_insert",
      "sheet_points",
      "after insert",
      `new.submitted = 1 and ${bulkOff}`,
      bump("id = new.entry_id"),
    ],
    [
      "sheet_points_inputs_delete",
      "sheet_points",
      "after delete",
      `old.submitted = 1 and ${bulkOff}`,
      bump("id = old.entry_id"),
    ],
    [
      "sheet_points_inputs_update",
      "sheet_points",
      "after update",
      `(old.submitted = 1 or new.submitted = 1) and ${bulkOff}`,
      bump("id in (old.entry_id, new.entry_id)"),
    ],
    [
      "conflicts_inputs_insert",
      "conflicts",
      "after insert",
      null,
      bump("library_id = new.library_id"),
    ],
    [
      "conflicts_inputs_delete",
      "conflicts",
      "after delete",
      null,
      bump("library_id = old.library_id"),
    ],
    [
      "conflicts_inputs_update",
      "conflicts",
      "after update",
      null,
      bump("library_id in (old.library_id, new.library_id)"),
    ],
    [
      "score_sheets_inputs_judge",
      "score_sheets",
      "after update of judge_id",
      null,
      bump("id in (old.entry_id, new.entry_id)"),
    ],
    ["entries_inputs_library", "entries", "after update of library_id", null, bump("id = new.id")],
    [
      "components_inputs_insert",
      "components",
      "after insert",
      null,
      bump("competition_id = new.competition_id"),
    ],
    [
      "components_inputs_delete",
      "components",
      "after delete",
      null,
      bump("competition_id = old.competition_id"),
    ],
    [
      "components_inputs_update",
      "components",
      "after update of weight, stage_id, competition_id",
      null,
      bump("competition_id in (old.competition_id, new.competition_id)"),
    ],
    [
      "indicators_inputs_insert",
      "indicators",
      "after insert",
      null,
      ofCompetition("new.component_id"),
    ],
    [
      "indicators_inputs_delete",
      "indicators",
      "after delete",
      null,
      ofCompetition("old.component_id"),
    ],
    [
      "indicators_inputs_update",
      "indicators",
      "after update of max_score, component_id",
      null,
      `${ofCompetition("old.component_id")}\n${ofCompetition("new.component_id")}`,
    ],
  ];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  // a new entry has changed (1) and never been counted (0): its inputs are counted when first needed
  await db.schema
    .alterTable("entries")
    .addColumn("inputs_changed", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("entries")
    .addColumn("inputs_counted", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // the entries whose inputs are to be counted again, found without reading the others
  await sql`create index entries_inputs_changed on entries (competition_id)
    where inputs_counted <> inputs_changed`.execute(db);
  const series = (name: string, key: string, unit: boolean) =>
    db.schema
      .createTable(name)
      .addColumn("entry_id", "integer", (c) =>
        c.notNull().references("entries.id").onDelete("cascade"),
      )
      .addColumn(key, "integer", (c) => c.notNull())
      .$call((t) =>
        unit ? t.addColumn("unit", "bigint", (c) => c.notNull().check(sql`unit > 0`)) : t,
      )
      .addColumn("n", "integer", (c) => c.notNull())
      .addColumn("s", "bigint", (c) => c.notNull())
      .addColumn("hi", "bigint", (c) => c.notNull())
      .addColumn("lo", "bigint", (c) => c.notNull())
      .addColumn("mid2", "bigint", (c) => c.notNull())
      .addColumn("ts", "bigint", (c) => c.notNull())
      .addColumn("tk", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${name}_pk`, ["entry_id", key])
      .$call((t) => (postgres ? t : t.modifyEnd(sql`without rowid`)))
      .execute();
  await series("entry_stage_inputs", "stage_id", true);
  await series("entry_component_inputs", "component_id", false);

  if (postgres) {
    await runAll(
      db,
      triggers(BULK_OFF_PG).flatMap(([name, table, timing, when, body]) =>
        pgTrigger(name, table, timing, `${body}\nreturn null;`, when ? { when } : {}),
      ),
    );
    return;
  }
  for (const [name, table, timing, when, body] of triggers(BULK_OFF_SQLITE))
    await sql
      .raw(
        `create trigger ${name} ${timing} on ${table} ${when ? `when ${when}` : ""} begin ${body} end`,
      )
      .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, table] of triggers(""))
    if (isPostgres(db)) await runAll(db, dropPgTrigger(name, table));
    else await sql.raw(`drop trigger ${name}`).execute(db);
  await db.schema.dropTable("entry_component_inputs").execute();
  await db.schema.dropTable("entry_stage_inputs").execute();
  await sql`drop index entries_inputs_changed`.execute(db);
  await db.schema.alterTable("entries").dropColumn("inputs_counted").execute();
  await db.schema.alterTable("entries").dropColumn("inputs_changed").execute();
}
