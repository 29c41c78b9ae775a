import { sql, type Kysely } from "kysely";
import { isPostgres, runAll } from "../dialect";

/**
 * Library accounts (docs/decisions/011-library-accounts.md): the role `library`, a library's
 * manager (pengelola), linked to exactly one library of the registry.
 *
 * `users` gains `library_id`, and a CHECK ties it to the role both ways: a library account has
 * a library, any other account has none. SQLite cannot change a CHECK in place, so `users` is
 * rebuilt (the documented twelve steps, as 0010 does: foreign keys off so dropping the old table
 * cascades nothing to sessions, sheets or the audit log; legacy_alter_table so the rename leaves
 * the other tables' references to "users" as they are; one transaction; foreign_key_check
 * before commit). `users` has no index or trigger of its own beyond its unique email, which the
 * new table declares again. PostgreSQL changes the CHECK in place.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await runAll(db, [
      // 0001's column CHECK on role, under the name PostgreSQL gave it
      "alter table users drop constraint users_role_check",
      "alter table users add constraint users_role_check check (role in ('admin', 'chair', 'judge', 'library'))",
      "alter table users add column library_id integer references libraries (id)",
      "alter table users add constraint users_library_role check ((role = 'library') = (library_id is not null))",
      "create index users_library on users (library_id)",
    ]);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`pragma legacy_alter_table = on`.execute(db);
  try {
    await sql`begin`.execute(db);
    await sql`create table users_new (
      id integer primary key autoincrement,
      email text not null unique,
      name text not null check (name <> ''),
      password_hash text not null,
      role text not null check (role in ('admin', 'chair', 'judge', 'library')),
      active integer default 1 not null check (active in (0, 1)),
      must_change_password integer default 0 not null check (must_change_password in (0, 1)),
      district text default '' not null,
      village text default '' not null,
      institution text default '' not null,
      created_at text not null,
      updated_at text not null,
      password_issued integer default 0 not null check (password_issued in (0, 1)),
      library_id integer references libraries (id),
      constraint users_email_lower check (email = lower(email) and email like '%_@_%'),
      constraint users_library_role check ((role = 'library') = (library_id is not null))
    )`.execute(db);
    await sql`insert into users_new (id, email, name, password_hash, role, active,
        must_change_password, district, village, institution, created_at, updated_at,
        password_issued, library_id)
      select id, email, name, password_hash, role, active, must_change_password, district,
        village, institution, created_at, updated_at, password_issued, null
      from users`.execute(db);
    await sql`drop table users`.execute(db);
    await sql`alter table users_new rename to users`.execute(db);
    await sql`create index users_library on users (library_id)`.execute(db);
    const { rows: broken } = await sql`pragma foreign_key_check`.execute(db);
    if (broken.length > 0)
      throw new Error("0013_library_accounts: foreign keys broken by the rebuild");
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma legacy_alter_table = off`.execute(db);
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  // forward only: library accounts have no place in the older role list
  void db;
  throw new Error("0013_library_accounts cannot be undone");
}
