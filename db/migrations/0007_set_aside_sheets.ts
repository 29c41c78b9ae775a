import type { Kysely } from "kysely";
import { idColumn } from "../dialect";

/**
 * The sheets a publication set aside for a confirmed conflict of interest (docs/scoring.md),
 * frozen with the publication like its results: the Berita Acara of a published competition
 * states them as they stood when the results were published, whatever is decided later.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("published_set_aside")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("publication_id", "integer", (c) =>
      c.notNull().references("publications.id").onDelete("cascade"),
    )
    .addColumn("library_code", "text", (c) => c.notNull())
    .addColumn("library_name", "text", (c) => c.notNull())
    .addColumn("judge_name", "text", (c) => c.notNull())
    /** the sheet's status when it was set aside: draft, submitted, or new (assigned, not started) */
    .addColumn("sheet_status", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text", (c) => c.notNull())
    .addColumn("confirmed_by", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("published_set_aside_publication")
    .on("published_set_aside")
    .column("publication_id")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("published_set_aside").execute();
}
