import { sql, type Kysely } from "kysely";
import { idColumn, isPostgres } from "../dialect";

/**
 * The library's own side (docs/decisions/012-self-assessment.md): the values a library reports
 * for indicators, its evidence files, the judges' checks of those values on the visit, and the
 * profile changes it proposes for the registry.
 *
 * - `indicator_claims`: the chair asks for a reported value on an indicator: a number with a unit,
 *   yes/no or short text, and the national standard's minimum (numbers; for yes/no, 1 means the
 *   standard requires "yes").
 * - `self_assessments`: one per entry; draft until the library submits, read-only after unless the
 *   chair reopens it with a reason. It also carries the profile the library proposes (head of
 *   library, opening hours, members) until the chair accepts or rejects it.
 * - `claim_values`: the reported value per entry and indicator, stored as text (a number in
 *   canonical decimal form, `yes`/`no`, or the text).
 * - `claim_checks`: a visit judge marks a reported value verified or corrected (with the value
 *   observed), per stage, entry, indicator and judge.
 * - `evidence_files`: photos and PDFs stored under the data folder by content hash (never in the
 *   database), or a video link. Where a photo was taken and when (GPS, time) is kept here for the
 *   judges; the stored image itself carries no metadata.
 * - Competitions get the self-assessment window and whether feedback names judges; a desk stage
 *   can require a submitted self-assessment; libraries get opening hours and members.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // an 8-byte float on both (SQLite's REAL; PostgreSQL's real would be 4 bytes)
  const float = isPostgres(db) ? "double precision" : "real";
  await db.schema.alterTable("competitions").addColumn("self_assessment_opens", "text").execute();
  await db.schema.alterTable("competitions").addColumn("self_assessment_closes", "text").execute();
  await db.schema
    .alterTable("competitions")
    .addColumn("feedback_names_judges", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`feedback_names_judges in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable("stages")
    .addColumn("requires_self_assessment", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`requires_self_assessment in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable("libraries")
    .addColumn("opening_hours", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("libraries")
    .addColumn("members", "integer", (c) => c.check(sql`members >= 0`))
    .execute();

  await db.schema
    .createTable("indicator_claims")
    .addColumn("indicator_id", "integer", (c) =>
      c.primaryKey().references("indicators.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('number', 'yesno', 'text')`))
    .addColumn("unit", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`length(unit) <= 20`),
    )
    .addColumn("standard_min", float)
    .execute();

  await db.schema
    .createTable("self_assessments")
    .addColumn("entry_id", "integer", (c) =>
      c.primaryKey().references("entries.id").onDelete("cascade"),
    )
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'submitted')`),
    )
    // bumped by every save: an autosave from an older copy of the form is told, not applied
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("submitted_at", "text")
    .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
    .addColumn("reopened_at", "text")
    .addColumn("reopen_reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("profile_head_name", "text")
    .addColumn("profile_opening_hours", "text")
    .addColumn("profile_members", "integer", (c) => c.check(sql`profile_members >= 0`))
    .addColumn("profile_status", "text", (c) =>
      c
        .notNull()
        .defaultTo("none")
        .check(sql`profile_status in ('none', 'pending', 'accepted', 'rejected')`),
    )
    .addColumn("profile_decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("profile_decided_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("claim_values")
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    .addColumn("indicator_id", "integer", (c) =>
      c.notNull().references("indicators.id").onDelete("cascade"),
    )
    .addColumn("value", "text", (c) => c.notNull().check(sql`length(value) <= 500`))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("claim_values_pk", ["entry_id", "indicator_id"])
    .execute();

  await db.schema
    .createTable("claim_checks")
    .addColumn("stage_id", "integer", (c) =>
      c.notNull().references("stages.id").onDelete("cascade"),
    )
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    .addColumn("indicator_id", "integer", (c) =>
      c.notNull().references("indicators.id").onDelete("cascade"),
    )
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("result", "text", (c) => c.notNull().check(sql`result in ('verified', 'corrected')`))
    .addColumn("observed", "text", (c) => c.check(sql`length(observed) <= 500`))
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("claim_checks_pk", [
      "stage_id",
      "entry_id",
      "indicator_id",
      "judge_id",
    ])
    .addCheckConstraint(
      "claim_checks_observed",
      sql`(result = 'corrected') = (observed is not null)`,
    )
    .execute();
  await db.schema
    .createIndex("claim_checks_entry")
    .on("claim_checks")
    .columns(["entry_id", "stage_id"])
    .execute();

  await db.schema
    .createTable("evidence_files")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    // the indicator it proves; null: the entry as a whole (a profile video)
    .addColumn("indicator_id", "integer", (c) => c.references("indicators.id").onDelete("cascade"))
    // a judge's photo from the visit names its stage; the library's own evidence has none
    .addColumn("stage_id", "integer", (c) => c.references("stages.id").onDelete("cascade"))
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('library', 'judge')`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('image', 'pdf', 'video')`))
    // sha256 (hex) of the stored file and of its thumbnail; null for a video link
    .addColumn("file_hash", "text")
    .addColumn("thumb_hash", "text")
    .addColumn("url", "text", (c) => c.check(sql`length(url) <= 500`))
    .addColumn("original_name", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`length(original_name) <= 255`),
    )
    .addColumn("mime", "text")
    .addColumn("bytes", "integer")
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("gps_lat", float)
    .addColumn("gps_lon", float)
    .addColumn("taken_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("evidence_files_link", sql`(kind = 'video') = (url is not null)`)
    .addCheckConstraint("evidence_files_file", sql`(kind = 'video') = (file_hash is null)`)
    .addCheckConstraint("evidence_files_stage", sql`(source = 'judge') = (stage_id is not null)`)
    .execute();
  await db.schema
    .createIndex("evidence_files_entry")
    .on("evidence_files")
    .columns(["entry_id", "indicator_id"])
    .execute();
  await db.schema
    .createIndex("evidence_files_hash")
    .on("evidence_files")
    .column("file_hash")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evidence_files").execute();
  await db.schema.dropTable("claim_checks").execute();
  await db.schema.dropTable("claim_values").execute();
  await db.schema.dropTable("self_assessments").execute();
  await db.schema.dropTable("indicator_claims").execute();
  await db.schema.alterTable("libraries").dropColumn("members").execute();
  await db.schema.alterTable("libraries").dropColumn("opening_hours").execute();
  await db.schema.alterTable("stages").dropColumn("requires_self_assessment").execute();
  await db.schema.alterTable("competitions").dropColumn("feedback_names_judges").execute();
  await db.schema.alterTable("competitions").dropColumn("self_assessment_closes").execute();
  await db.schema.alterTable("competitions").dropColumn("self_assessment_opens").execute();
}
