import { sql, type Kysely } from "kysely";
import { dropPgTrigger, isPostgres, pgTrigger, runAll } from "../dialect";

/**
 * Each entry's component scores, kept with its ranking inputs (migration 0017; docs/scoring.md,
 * "Each entry's inputs, kept between rankings"). For every aggregation method, each kept row of an
 * entry in a stage also holds what the ranking otherwise works out from the component inputs every
 * time it runs: its component finals as the tie-break chain (`tiebreak_<method>`, each final × 100
 * as five digits, by weight, then position) and as the list shown beside the entry
 * (`components_<method>`, "componentId:final × 100" pairs). Both depend on the entry's inputs and
 * the criteria only, which already count a change on the entry, with one addition: a component's
 * position orders the chain among components of equal weight, so changing it now counts a change
 * on every entry of the competition too.
 *
 * Rows kept before this migration have no such columns filled: every entry counts one more change,
 * so its inputs are counted afresh (with the new columns) when next ranked.
 */

const METHODS = ["mean", "trimmed", "median"] as const;

const BUMP_COMPETITION =
  "update entries set inputs_changed = inputs_changed + 1 where competition_id in (old.competition_id, new.competition_id);";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function componentsTrigger(db: Kysely<any>, columns: string): Promise<void> {
  const name = "components_inputs_update";
  if (isPostgres(db)) {
    await runAll(db, [
      ...dropPgTrigger(name, "components"),
      ...pgTrigger(
        name,
        "components",
        `after update of ${columns}`,
        `${BUMP_COMPETITION}\nreturn null;`,
      ),
    ]);
    return;
  }
  await sql.raw(`drop trigger ${name}`).execute(db);
  await sql
    .raw(
      `create trigger ${name} after update of ${columns} on components begin ${BUMP_COMPETITION} end`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const method of METHODS) {
    await db.schema
      .alterTable("entry_stage_inputs")
      .addColumn(`tiebreak_${method}`, "text")
      .execute();
    await db.schema
      .alterTable("entry_stage_inputs")
      .addColumn(`components_${method}`, "text")
      .execute();
  }
  await componentsTrigger(db, "weight, stage_id, competition_id, position");
  await sql`update entries set inputs_changed = inputs_changed + 1`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await componentsTrigger(db, "weight, stage_id, competition_id");
  for (const method of METHODS) {
    await db.schema.alterTable("entry_stage_inputs").dropColumn(`tiebreak_${method}`).execute();
    await db.schema.alterTable("entry_stage_inputs").dropColumn(`components_${method}`).execute();
  }
}
