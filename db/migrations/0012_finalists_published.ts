import type { Kysely } from "kysely";

/**
 * The finalists' list announced before the winners (docs/decisions/010-stages.md): when a closed
 * stage's shortlist was made public, null while it is not (never announced, or withdrawn). Who
 * announced or withdrew it, and why, is in the audit log.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("stages").addColumn("finalists_published_at", "text").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("stages").dropColumn("finalists_published_at").execute();
}
