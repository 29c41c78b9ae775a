import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDb, migrateToLatest, type DB } from "../../db/connection";
import {
  isCheckViolation,
  isConstraintViolation,
  isForeignKeyViolation,
  isUniqueViolation,
} from "../../app/lib/db-errors.server";
import { closeDb, useDatabase } from "../../app/lib/db.server";

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = "juara-test-"): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Which database this test run uses: the `postgres` vitest project sets JUARA_TEST_DB=postgres
 * and TEST_DATABASE_URL names the server (vitest.config.ts); otherwise SQLite files.
 */
export function testDialect(): "sqlite" | "postgres" {
  return process.env.JUARA_TEST_DB === "postgres" ? "postgres" : "sqlite";
}

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("JUARA_TEST_DB=postgres needs TEST_DATABASE_URL (postgres://…)");
  return url;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** DATABASE_URL for the app, a server process or the CLI */
  url: string;
  /** the SQLite file (SQLite only; a PostgreSQL database has none) */
  file: string | null;
  /** drops the PostgreSQL database (after every connection to it is closed) */
  drop: () => Promise<void>;
}

/**
 * An empty database of the run's dialect, not yet migrated: a file in `dir` on SQLite, a new
 * database with a unique name on the PostgreSQL server (each test file, and each test that asks,
 * gets its own).
 */
export async function emptyTestDatabase(dir: string, name = "juara"): Promise<TestDatabase> {
  if (testDialect() === "sqlite") {
    const file = path.join(dir, `${name}.db`);
    return { url: `file:${file}`, file, drop: async () => {} };
  }
  return newPostgresDatabase(`juara_t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`);
}

/**
 * A database already brought up by every migration: on PostgreSQL a copy of the run's template
 * (global-setup.ts migrates one per run; copying it takes a fraction of migrating anew), else as
 * emptyTestDatabase, for the caller to migrate.
 */
export async function migratedTestDatabase(dir: string): Promise<TestDatabase> {
  if (testDialect() === "sqlite") return emptyTestDatabase(dir);
  const name = `juara_t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  return newPostgresDatabase(name, migratedTemplate());
}

/** the run's migrated template database, when global-setup.ts made one */
function migratedTemplate(): string | undefined {
  try {
    return inject("postgresTemplate") || undefined;
  } catch {
    return undefined; // not inside a vitest worker
  }
}

async function newPostgresDatabase(name: string, template?: string): Promise<TestDatabase> {
  // UTF-8 and the C.UTF-8 collation whatever the server's default, as README's setup makes it
  await onServer(
    template
      ? `create database ${name} template ${template}`
      : `create database ${name} template template0 encoding 'UTF8' locale 'C.UTF-8'`,
  );
  return testDatabaseAt(withDatabaseName(serverUrl(), name));
}

/**
 * Makes the run's template on the PostgreSQL server (global-setup.ts): a database brought up by
 * every migration, that each test file's database is then copied from. Returns it and its drop.
 */
export async function createPostgresTemplate(): Promise<{
  name: string;
  drop: () => Promise<void>;
}> {
  const name = `juara_t_template_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const database = await newPostgresDatabase(name);
  const { db } = createDb(database.url, { poolSize: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return { name, drop: database.drop };
}

/** A database emptyTestDatabase made earlier, by its URL (a server started again on it). */
export function testDatabaseAt(url: string): TestDatabase {
  if (!url.startsWith("postgres")) {
    const file = url.slice("file:".length);
    return { url, file, drop: async () => {} };
  }
  const database = new URL(url).pathname.slice(1);
  if (!/^juara_t_\w+$/.test(database)) throw new Error(`Not a test database: ${url}`);
  return {
    url,
    file: null,
    drop: () => onServer(`drop database if exists ${database} with (force)`),
  };
}

export interface TestDb {
  db: DB;
  /** the SQLite file; on PostgreSQL the empty string (use `url`) */
  file: string;
  url: string;
  cleanup: () => Promise<void>;
}

/**
 * A real database brought up through the real migrations, and made the app's database (models
 * call getDb()): a SQLite file in a temp folder, or a database of its own on the PostgreSQL
 * server. Each test file runs in its own process.
 */
export async function createTestDb(): Promise<TestDb> {
  const { dir, remove } = tempDir();
  const database = await migratedTestDatabase(dir);
  process.env.DATABASE_URL = database.url;
  process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
  // a PostgreSQL database has no folder beside it: the files go to this test's own folder
  if (!database.file) process.env.FILES_DIR = path.join(dir, "files");
  const { db } = createDb(database.url, { poolSize: 4 });
  await migrateToLatest(db);
  useDatabase(db);
  return {
    db,
    file: database.file ?? "",
    url: database.url,
    cleanup: async () => {
      await closeDb();
      await database.drop();
      remove();
    },
  };
}

/**
 * How the database answered a write: "accepted", the kind of rule it refused it under, the same
 * words on SQLite and PostgreSQL (app/lib/db-errors.server.ts), "type" when PostgreSQL's column
 * type refused the value, or the other error's message.
 */
export async function refusal(write: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof write === "function" ? write() : write);
    return "accepted";
  } catch (error) {
    if (isUniqueViolation(error)) return "unique";
    if (isForeignKeyViolation(error)) return "foreign_key";
    if (isCheckViolation(error)) return "check";
    if (isConstraintViolation(error)) return "constraint";
    // PostgreSQL's column type itself refuses a value it cannot hold (2.5 for an integer)
    if ((error as { code?: unknown }).code === "22P02") return "type";
    return `not a constraint: ${(error as Error).message}`;
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    /** the migrated PostgreSQL database each test database is copied from ("" when none) */
    postgresTemplate: string;
  }
}
