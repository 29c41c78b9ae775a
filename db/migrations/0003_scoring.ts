import type { Kysely } from "kysely";

/**
 * Judge scoring. A save carries a one-time key; the stored answer makes a retried POST (a flaky
 * connection resending the same form) return the first result instead of saving twice.
 * `reopened_at` marks a sheet the chair sent back to the judge: every later change is audited.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("save_requests")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("sheet_id", "integer", (c) =>
      c.notNull().references("score_sheets.id").onDelete("cascade"),
    )
    .addColumn("response_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("save_requests_created")
    .on("save_requests")
    .column("created_at")
    .execute();
  await db.schema.alterTable("score_sheets").addColumn("reopened_at", "text").execute();
  await db.schema.alterTable("score_sheets").addColumn("reopen_reason", "text").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("score_sheets").dropColumn("reopen_reason").execute();
  await db.schema.alterTable("score_sheets").dropColumn("reopened_at").execute();
  await db.schema.dropTable("save_requests").execute();
}
