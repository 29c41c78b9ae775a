import type { Kysely } from "kysely";

/**
 * What the printed documents need beyond the results: the decision's date, place and document
 * number (Berita Acara), and who signs the certificates, with their titles. Text columns, empty
 * until the chair fills them in; the decision date is an ISO date (YYYY-MM-DD) or null.
 */
const TEXT_COLUMNS = [
  "decision_place",
  "document_number",
  "chair_signer_name",
  "chair_signer_title",
  "head_signer_name",
  "head_signer_title",
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("competitions").addColumn("decision_date", "text").execute();
  for (const column of TEXT_COLUMNS)
    await db.schema
      .alterTable("competitions")
      .addColumn(column, "text", (c) => c.notNull().defaultTo(""))
      .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["decision_date", ...TEXT_COLUMNS])
    await db.schema.alterTable("competitions").dropColumn(column).execute();
}
