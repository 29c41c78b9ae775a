import { sql, type Kysely } from "kysely";
import { idColumn, isPostgres, pgRaise, pgTrigger, runAll } from "../dialect";

/**
 * The whole foundation data model, in Kysely's schema builder, the same on SQLite and PostgreSQL
 * but for the ids (AUTOINCREMENT or an identity column, `idColumn`) and the two append-only
 * triggers at the end (SQLite's `raise(abort)`, or a PL/pgSQL function;
 * docs/decisions/013-postgresql.md).
 */
const APPEND_ONLY = "audit_log is append-only";

// Migrations must not depend on the app's current Database type: they describe history.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("competitions")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull().check(sql`year between 1990 and 2200`))
    .addColumn("level", "text", (c) =>
      c.notNull().check(sql`level in ('kabupaten', 'kota', 'provinsi', 'nasional')`),
    )
    .addColumn("region", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'scoring', 'closed', 'published')`),
    )
    .addColumn("aggregation", "text", (c) =>
      c
        .notNull()
        .defaultTo("mean")
        .check(sql`aggregation in ('mean', 'median', 'trimmed-mean')`),
    )
    .addColumn("prize_winners", "integer", (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`prize_winners between 0 and 10`),
    )
    .addColumn("prize_honourable", "integer", (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`prize_honourable between 0 and 10`),
    )
    .addColumn("ranking_scope", "text", (c) =>
      c
        .notNull()
        .defaultTo("overall")
        .check(sql`ranking_scope in ('overall', 'category')`),
    )
    // demo data is labelled as such wherever it shows
    .addColumn("is_demo", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`is_demo in (0, 1)`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("competitions_slug_format", sql`slug <> '' and slug = lower(slug)`)
    .execute();

  await db.schema
    .createTable("components")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("competition_id", "integer", (c) =>
      c.notNull().references("competitions.id").onDelete("cascade"),
    )
    .addColumn("code", "text", (c) => c.notNull().check(sql`code <> ''`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull().check(sql`weight between 0 and 100`))
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("components_code_unique", ["competition_id", "code"])
    .execute();

  await db.schema
    .createTable("indicators")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("competition_id", "integer", (c) =>
      c.notNull().references("competitions.id").onDelete("cascade"),
    )
    .addColumn("component_id", "integer", (c) =>
      c.notNull().references("components.id").onDelete("cascade"),
    )
    .addColumn("code", "text", (c) => c.notNull().check(sql`code <> ''`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("min_score", "integer", (c) => c.notNull().check(sql`min_score >= 0`))
    .addColumn("max_score", "integer", (c) => c.notNull().check(sql`max_score <= 100`))
    .addColumn("position", "integer", (c) => c.notNull())
    .addCheckConstraint("indicators_range", sql`max_score > min_score`)
    // indicator codes are unique across the whole competition, not only within a component
    .addUniqueConstraint("indicators_code_unique", ["competition_id", "code"])
    // target of the scores' composite foreign key that carries the range
    .addUniqueConstraint("indicators_range_key", ["id", "min_score", "max_score"])
    .execute();

  await db.schema
    .createTable("rubric_levels")
    .addColumn("indicator_id", "integer", (c) =>
      c.notNull().references("indicators.id").onDelete("cascade"),
    )
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rubric_levels_pk", ["indicator_id", "level"])
    .execute();

  await db.schema
    .createTable("libraries")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("code", "text", (c) =>
      c
        .notNull()
        .unique()
        .check(sql`code <> ''`),
    )
    .addColumn("name", "text", (c) => c.notNull().check(sql`name <> ''`))
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('desa', 'kelurahan')`))
    .addColumn("village", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("district", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("head_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("npp", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("entries")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("competition_id", "integer", (c) =>
      c.notNull().references("competitions.id").onDelete("cascade"),
    )
    .addColumn("library_id", "integer", (c) => c.notNull().references("libraries.id"))
    .addColumn("category", "text", (c) => c.notNull().check(sql`category in ('desa', 'kelurahan')`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active', 'withdrawn', 'disqualified')`),
    )
    .addColumn("status_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("entries_library_unique", ["competition_id", "library_id"])
    .addCheckConstraint(
      "entries_reason_required",
      sql`status = 'active' or (status_reason is not null and trim(status_reason) <> '')`,
    )
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull().check(sql`name <> ''`))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'chair', 'judge')`))
    .addColumn("active", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`active in (0, 1)`),
    )
    .addColumn("must_change_password", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`must_change_password in (0, 1)`),
    )
    .addColumn("district", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("village", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("institution", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // Lower-cased on the way in; the check makes the unique index case-insensitive on any database.
    .addCheckConstraint("users_email_lower", sql`email = lower(email) and email like '%_@_%'`)
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("first_failure_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();

  await db.schema
    .createTable("judge_assignments")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("judge_assignments_unique", ["entry_id", "judge_id"])
    .execute();
  await db.schema
    .createIndex("judge_assignments_judge")
    .on("judge_assignments")
    .column("judge_id")
    .execute();

  await db.schema
    .createTable("conflicts")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("library_id", "integer", (c) =>
      c.notNull().references("libraries.id").onDelete("cascade"),
    )
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("confirmed")
        .check(sql`status in ('confirmed', 'dismissed')`),
    )
    .addColumn("reason", "text", (c) => c.notNull().check(sql`trim(reason) <> ''`))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("conflicts_unique", ["judge_id", "library_id"])
    .execute();

  await db.schema
    .createTable("score_sheets")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("entry_id", "integer", (c) =>
      c.notNull().references("entries.id").onDelete("cascade"),
    )
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'submitted')`),
    )
    .addColumn("version", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("submitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("score_sheets_unique", ["entry_id", "judge_id"])
    .addCheckConstraint(
      "score_sheets_submitted_at",
      sql`(status = 'submitted') = (submitted_at is not null)`,
    )
    .execute();
  await db.schema.createIndex("score_sheets_judge").on("score_sheets").column("judge_id").execute();

  await db.schema
    .createTable("scores")
    .addColumn("sheet_id", "integer", (c) =>
      c.notNull().references("score_sheets.id").onDelete("cascade"),
    )
    .addColumn("indicator_id", "integer", (c) => c.notNull())
    .addColumn("min_score", "integer", (c) => c.notNull())
    .addColumn("max_score", "integer", (c) => c.notNull())
    .addColumn("value", "integer")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("scores_pk", ["sheet_id", "indicator_id"])
    // The score's range travels with the indicator: a composite key rather than a trigger, so
    // the range check is plain declarative SQL on SQLite and PostgreSQL alike.
    .addForeignKeyConstraint(
      "scores_indicator_range",
      ["indicator_id", "min_score", "max_score"],
      "indicators",
      ["id", "min_score", "max_score"],
      (fk) => fk.onDelete("cascade").onUpdate("cascade"),
    )
    .addCheckConstraint(
      "scores_value_in_range",
      sql`value is null or (value between min_score and max_score and value = cast(value as integer))`,
    )
    .execute();
  await db.schema.createIndex("scores_indicator").on("scores").column("indicator_id").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("competition_id", "integer")
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .execute();
  await db.schema
    .createIndex("audit_log_competition")
    .on("audit_log")
    .columns(["competition_id", "id"])
    .execute();

  await db.schema
    .createTable("publications")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("competition_id", "integer", (c) =>
      c.notNull().references("competitions.id").onDelete("cascade"),
    )
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text")
    .addColumn("is_current", "integer", (c) => c.notNull().check(sql`is_current in (0, 1)`))
    .addColumn("revision", "integer", (c) => c.notNull().check(sql`revision >= 0`))
    .addUniqueConstraint("publications_revision_unique", ["competition_id", "revision"])
    .execute();

  await db.schema
    .createTable("published_results")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("publication_id", "integer", (c) =>
      c.notNull().references("publications.id").onDelete("cascade"),
    )
    .addColumn("entry_id", "integer", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull().check(sql`rank >= 1`))
    .addColumn("prize_label", "text")
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("library_code", "text", (c) => c.notNull())
    .addColumn("library_name", "text", (c) => c.notNull())
    .addColumn("library_village", "text", (c) => c.notNull())
    .addColumn("library_district", "text", (c) => c.notNull())
    .addColumn("final_score_x100", "integer", (c) =>
      c.notNull().check(sql`final_score_x100 between 0 and 10000`),
    )
    .addColumn("judge_count", "integer", (c) => c.notNull())
    .addUniqueConstraint("published_results_entry", ["publication_id", "entry_id"])
    .execute();

  await db.schema
    .createTable("published_component_scores")
    .addColumn("result_id", "integer", (c) =>
      c.notNull().references("published_results.id").onDelete("cascade"),
    )
    .addColumn("component_code", "text", (c) => c.notNull())
    .addColumn("component_name", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("score_x100", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("published_component_scores_pk", ["result_id", "component_code"])
    .execute();

  // The audit log is append-only: the database itself refuses to change or remove a row.
  if (isPostgres(db)) {
    await runAll(db, [
      ...pgTrigger("audit_log_no_update", "audit_log", "before update", pgRaise(APPEND_ONLY)),
      ...pgTrigger("audit_log_no_delete", "audit_log", "before delete", pgRaise(APPEND_ONLY)),
    ]);
    return;
  }
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "published_component_scores",
    "published_results",
    "publications",
    "audit_log",
    "scores",
    "score_sheets",
    "conflicts",
    "judge_assignments",
    "login_attempts",
    "sessions",
    "users",
    "entries",
    "libraries",
    "rubric_levels",
    "indicators",
    "components",
    "competitions",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (isPostgres(db))
    await runAll(db, [
      "drop function if exists audit_log_no_update()",
      "drop function if exists audit_log_no_delete()",
    ]);
}
