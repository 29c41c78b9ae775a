import { sql, type Kysely } from "kysely";
import { dropPgTrigger, isPostgres, pgTrigger, runAll } from "../dialect";

/**
 * A component deleted takes its `sheet_points` rows first, before the cascade takes its
 * indicators and, through 0006's trigger on `indicators`, their scores.
 *
 * Without it, PostgreSQL refused to delete a component (or a competition) with three or more scores
 * of one sheet under it: "violates foreign key constraint sheet_points_component_id_fkey". The
 * indicators' cascade runs before the one that takes `sheet_points` (PostgreSQL fires them in the
 * order the constraints were made), so 0006's score trigger took each score off its sheet's row
 * while the component was already gone; the second update of that row in one transaction made
 * PostgreSQL check the row's foreign keys again, and the component it names no longer existed.
 * With the rows gone first, those updates find nothing to take off. (A sheet or an entry deleted
 * does not fail so: tests/integration/sheet-points.test.ts tries them too.)
 *
 * SQLite checks a child row's keys only when they change, so it never failed; it gets the same
 * trigger so both schemas stay alike (tests/integration/schema-parity.pg.test.ts) and do the same
 * work. The app itself deletes no component while scores exist; an operator's script may.
 */

const NAME = "components_points_delete";
const BODY = "delete from sheet_points where component_id = old.id;";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db))
    await runAll(db, pgTrigger(NAME, "components", "before delete", `${BODY}\nreturn old;`));
  else
    await sql
      .raw(`create trigger ${NAME} before delete on components begin ${BODY} end`)
      .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await runAll(db, dropPgTrigger(NAME, "components"));
  else await sql.raw(`drop trigger ${NAME}`).execute(db);
}
