import { sql, type Kysely } from "kysely";

/**
 * Two additions for committees (docs/scoring.md "Points"; docs/http.md, coaching notes):
 *
 * - How totals are announced: `points_display` (`none`, `weighted`: the 0–100 final ×
 *   `points_factor`, `sum`: the judges' plain sums of raw indicator scores, aggregated as the
 *   final) beside the 0–100 score. Display only; the order never changes. A publication freezes
 *   the plain-sum points with the rest (`published_results.points_sum_x100`, null for
 *   publications made before this migration).
 * - Coaching notes (catatan pembinaan): one recommendation per judge, entry and stage, and whether
 *   the chair includes it in the entry's feedback sheet.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("competitions")
    .addColumn("points_display", "text", (c) =>
      c
        .notNull()
        .defaultTo("none")
        .check(sql`points_display in ('none', 'weighted', 'sum')`),
    )
    .execute();
  await db.schema
    .alterTable("competitions")
    .addColumn("points_factor", "integer", (c) =>
      c
        .notNull()
        .defaultTo(10)
        .check(sql`points_factor between 1 and 1000`),
    )
    .execute();
  await db.schema.alterTable("published_results").addColumn("points_sum_x100", "integer").execute();
  await db.schema
    .createTable("coaching_notes")
    .addColumn("stage_id", "integer", (c) =>
      c.notNull().references("stages.id").onDelete("cascade"),
    )
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("text", "text", (c) => c.notNull().check(sql`length(text) <= 4000`))
    // 1: the chair put it on the entry's feedback sheet
    .addColumn("included", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`included in (0, 1)`),
    )
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("coaching_notes_pk", ["stage_id", "entry_id", "judge_id"])
    .execute();
  await db.schema
    .createIndex("coaching_notes_entry")
    .on("coaching_notes")
    .columns(["entry_id", "stage_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("coaching_notes").execute();
  await db.schema.alterTable("published_results").dropColumn("points_sum_x100").execute();
  await db.schema.alterTable("competitions").dropColumn("points_factor").execute();
  await db.schema.alterTable("competitions").dropColumn("points_display").execute();
}
