import type { Kysely } from "kysely";

/**
 * Each stage's own score frozen with a publication (docs/scoring.md, "Stages"): F_s × 100 beside
 * the cumulative C_s (`score_x100`) of every entry in every stage it was in. Null in an admin
 * stage, without a final there, and in every publication made before: those show the cumulative
 * score, labelled as such.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("published_stage_results")
    .addColumn("stage_score_x100", "integer")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("published_stage_results").dropColumn("stage_score_x100").execute();
}
