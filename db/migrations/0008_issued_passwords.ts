import { sql, type Kysely } from "kysely";

/**
 * Who knows a password. A chair or an admin sets a judge's password when creating the account or
 * resetting it, and could then log in as the judge; the reset stays (judges forget passwords in
 * the field), but a session begun with such a password is marked and so is every sheet saved in
 * it (docs/security.md, "Passwords issued by the chair").
 * - users.password_issued: the current password was set by someone else (1) or chosen by the
 *   user on "change password" (0). Existing accounts: as their must_change_password says.
 * - sessions.issued_password: the session began with an issued password; it stays set for the
 *   session's life, even after the password is changed in it.
 * - score_sheets.issued_password_saved_at: the last save made in such a session.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("password_issued", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`password_issued in (0, 1)`),
    )
    .execute();
  await sql`update users set password_issued = must_change_password`.execute(db);
  await db.schema
    .alterTable("sessions")
    .addColumn("issued_password", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`issued_password in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable("score_sheets")
    .addColumn("issued_password_saved_at", "text")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("score_sheets").dropColumn("issued_password_saved_at").execute();
  await db.schema.alterTable("sessions").dropColumn("issued_password").execute();
  await db.schema.alterTable("users").dropColumn("password_issued").execute();
}
