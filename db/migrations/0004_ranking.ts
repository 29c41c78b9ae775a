import { sql, type Kysely } from "kysely";

/**
 * Ranking. When entries are still tied after every tie-break and the tie decides a prize, the
 * chair records their order with a reason. A decision holds for one tie: `tie_key` names it (the
 * ranking group, the rounded final score and the component scores), so a decision made for a tie
 * that later changes (a sheet reopened and rescored) no longer applies and the tie shows again.
 * One row per entry: a newer decision replaces the older; the audit log keeps every decision.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tie_decisions")
    .addColumn("competition_id", "integer", (c) =>
      c.notNull().references("competitions.id").onDelete("cascade"),
    )
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    .addColumn("tie_key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 1`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("tie_decisions_pk", ["competition_id", "entry_id"])
    .execute();
  // the ranking reads submitted sheets of a competition's entries and their scores by sheet
  await db.schema
    .createIndex("score_sheets_entry_status")
    .on("score_sheets")
    .columns(["entry_id", "status"])
    .execute();
  await db.schema
    .createIndex("entries_competition")
    .on("entries")
    .columns(["competition_id", "status"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("entries_competition").execute();
  await db.schema.dropIndex("score_sheets_entry_status").execute();
  await db.schema.dropTable("tie_decisions").execute();
}
