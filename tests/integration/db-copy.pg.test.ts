/**
 * `juara db:copy` into PostgreSQL by an account that is not a superuser but owns the database (the
 * usual hosted set-up): session_replication_role is not its to set, so the copy holds the
 * triggers off as the tables' owner, and PostgreSQL checks every reference as the rows arrive.
 * Needs a TEST_DATABASE_URL account that may create roles and databases.
 */
import crypto from "node:crypto";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { databaseFingerprint } from "../../bin/db-copy";
import { createDb, migrateToLatest } from "../../db/connection";
import { withDatabase } from "../../app/lib/db.server";
import { verifyAuditChain } from "../../app/models/audit.server";
import { seedDemo } from "../../app/models/demo.server";
import { onServer, serverUrl, tempDir } from "../support/db";

const name = `juara_t_copy_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
const password = crypto.randomBytes(12).toString("hex");
let dir: { dir: string; remove: () => void };
let source: string;
let target: string;

beforeAll(async () => {
  dir = tempDir("juara-copy-pg-");
  source = `file:${path.join(dir.dir, "source.db")}`;
  const { db } = createDb(source);
  try {
    await migrateToLatest(db);
    await seedDemo(db);
  } finally {
    await db.destroy();
  }
  await onServer(`create role ${name} login nosuperuser password '${password}'`);
  await onServer(`create database ${name} owner ${name}`);
  const u = new URL(serverUrl());
  u.username = name;
  u.password = password;
  u.pathname = `/${name}`;
  target = u.toString();
});

afterAll(async () => {
  await onServer(`drop database if exists ${name} with (force)`);
  await onServer(`drop role if exists ${name}`);
  dir.remove();
});

describe("db:copy into PostgreSQL as the database's owner, not a superuser", () => {
  it("holds the triggers off as the tables' owner and copies the demo exactly", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["db:copy", "--from", source, "--to", target], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("disable trigger user, as the tables' owner");
    expect(out.join("\n")).not.toContain(password);
    expect(await databaseFingerprint(target)).toEqual(await databaseFingerprint(source));

    const { db } = createDb(target, { poolSize: 1 });
    try {
      expect(await withDatabase(db, verifyAuditChain)).toMatchObject({ ok: true });
      const { rows } = await sql<{ tgname: string }>`select tgname from pg_trigger
        where not tgisinternal and tgenabled <> 'O'`.execute(db);
      expect(rows).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
