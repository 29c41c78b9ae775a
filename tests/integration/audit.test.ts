import path from "node:path";
import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { migrations } from "../../db/migrations/index";
import { auditHash } from "../../app/lib/audit.server";
import { recordAudit, SYSTEM_ACTOR } from "../../app/lib/audit.server";
import { useDatabase, closeDb } from "../../app/lib/db.server";
import { verifyAuditChain } from "../../app/models/audit.server";
import { reopenSheet, saveSheet } from "../../app/models/sheets.server";
import { runCli } from "../../bin/cli";
import { createTestDb, tempDir, type TestDb } from "../support/db";
import { createScoringFixture } from "../support/scoring";

async function writeEntries(t: TestDb, n: number) {
  for (let i = 1; i <= n; i++) {
    await t.db.transaction().execute((trx) =>
      recordAudit(
        {
          actor: SYSTEM_ACTOR,
          entityType: "score",
          entityId: i,
          action: "update",
          before: { value: i },
          after: { value: i + 1 },
        },
        trx,
      ),
    );
  }
}

/** What someone with the database file and a SQLite shell could do behind the app's back. */
async function tamper(t: TestDb, ...statements: string[]) {
  await sql.raw("drop trigger audit_log_no_update").execute(t.db);
  await sql.raw("drop trigger audit_log_no_delete").execute(t.db);
  for (const statement of statements) await sql.raw(statement).execute(t.db);
  await sql
    .raw(
      "create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end",
    )
    .execute(t.db);
  await sql
    .raw(
      "create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end",
    )
    .execute(t.db);
}

async function verifyViaCli() {
  const err: string[] = [];
  const out: string[] = [];
  const code = await runCli(["audit:verify"], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("tamper-evident audit log", () => {
  let t: TestDb;
  afterEach(async () => t.cleanup());

  it("chains every entry to the previous one and verifies the whole chain", async () => {
    t = await createTestDb();
    await writeEntries(t, 5);
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["id", "prev_hash", "hash"])
      .orderBy("id")
      .execute();
    expect(rows[0]!.prev_hash).toBe("");
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain()).toEqual({ ok: true, entries: 5, head: rows[4]!.hash });
  });

  it("reports the first altered entry when a row is edited outside the app", async () => {
    t = await createTestDb();
    await writeEntries(t, 6);
    await tamper(t, `update audit_log set after_json = '{"value":99}' where id = 3`);
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      brokenAt: 3,
      problem: "content-altered",
    });
    const cli = await verifyViaCli();
    expect(cli.code).toBe(1);
    expect(cli.err).toBe(
      "Audit log broken at entry 3: its content no longer matches its hash (altered outside the app).",
    );
  });

  it("reports a removed entry at the entry after the gap", async () => {
    t = await createTestDb();
    await writeEntries(t, 6);
    await tamper(t, "delete from audit_log where id = 4");
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      brokenAt: 5,
      problem: "chain-broken",
    });
  });

  it("reports a removed entry whose successor was relinked to the entry before the gap", async () => {
    t = await createTestDb();
    await writeEntries(t, 6);
    // The careful attacker: remove entry 4 and repair the link, so every prev_hash matches the
    // hash before it. Only the hash of entry 5, which covers its original prev_hash, shows it.
    await tamper(
      t,
      "delete from audit_log where id = 4",
      "update audit_log set prev_hash = (select hash from audit_log where id = 3) where id = 5",
    );
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      brokenAt: 5,
      problem: "content-altered",
    });
    await closeDb();
    const cli = await verifyViaCli();
    useDatabase(createDb(t.url).db);
    expect(cli.code).toBe(1);
    expect(cli.err).toBe(
      "Audit log broken at entry 5: its content no longer matches its hash (altered outside the app).",
    );
  });

  it("hashes a known entry to a fixed digest", () => {
    // Pins the chain format: the field order, the JSON encoding and that the previous hash is
    // part of what is hashed. Changing any of them breaks every log already written, so this
    // digest may only change together with a migration that rehashes old logs.
    const entry = {
      at: "2025-03-01T08:00:00.000Z",
      user_id: 7,
      actor: "Siti (chair)",
      competition_id: 2,
      entity_type: "score",
      entity_id: "41",
      action: "update",
      reason: "typo",
      before_json: '{"value":3}',
      after_json: '{"value":4}',
    };
    expect(auditHash("9f".repeat(32), entry)).toBe(
      "a98c3ed3eaa093eabe987d650e81228a33e8ddf085389af876d78234cde06bce",
    );
    expect(auditHash("", entry)).not.toBe(auditHash("9f".repeat(32), entry));
  });

  it("says the log is intact through the CLI", async () => {
    t = await createTestDb();
    await writeEntries(t, 3);
    await closeDb();
    const cli = await verifyViaCli();
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/^Audit log intact: 3 entries, head [0-9a-f]{64}\.$/);
    useDatabase(createDb(t.url).db);
  });

  it("chains entries written before the chain existed when the migration runs", async () => {
    const dir = tempDir();
    const url = `file:${path.join(dir.dir, "old.db")}`;
    const { db } = createDb(url);
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
    });
    await migrator.migrateTo("0001_initial");
    for (const action of ["create", "update"]) {
      await db
        .insertInto("audit_log")
        .values({
          at: "2024-01-01T00:00:00.000Z",
          user_id: null,
          actor: "old",
          entity_type: "x",
          entity_id: "1",
          action,
        } as never)
        .execute();
    }
    await migrator.migrateToLatest();
    useDatabase(db);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, entries: 2 });
    t = {
      db,
      file: "",
      url,
      cleanup: async () => {
        await closeDb();
        dir.remove();
      },
    };
  });
});

describe("a reopened sheet's autosaves in the audit log", () => {
  let t: TestDb;
  afterEach(async () => t.cleanup());

  /** Bytes the audit log holds: every column of every entry. */
  async function auditBytes(): Promise<number> {
    const row = await sql<{ bytes: number }>`
      select coalesce(sum(
        length(cast(at as blob)) + length(cast(actor as blob)) + length(cast(entity_type as blob))
        + length(cast(entity_id as blob)) + length(cast(action as blob))
        + coalesce(length(cast(reason as blob)), 0) + coalesce(length(cast(before_json as blob)), 0)
        + coalesce(length(cast(after_json as blob)), 0) + length(cast(prev_hash as blob))
        + length(cast(hash as blob))
      ), 0) as bytes from audit_log`.execute(t.db);
    return Number(row.rows[0]!.bytes);
  }

  it("records only the changed field, before and after, so each save adds a small bounded entry", async () => {
    t = await createTestDb();
    const fx = await createScoringFixture(t.db, { entries: 1, judges: 1 });
    const judge = { id: fx.judges[0]!.id, label: "Juri 1" };
    const code = fx.codes[0]!;
    // a full sheet: every note and the comment near their limits (what a careful judge writes)
    const full = {
      "score.A1": "4",
      "score.A2": "5",
      "score.B1": "3",
      "note.A1": "Koleksi tertata rapi. ".repeat(90),
      "note.A2": "Ruang baca terang. ".repeat(100),
      "note.B1": "Layanan ramah. ".repeat(130),
      comment: "Perpustakaan aktif dan dikelola dengan baik. ".repeat(100),
    };
    let version = 0;
    let n = 0;
    const save = async (values: Record<string, string>, intent: "save" | "submit") => {
      n += 1;
      const outcome = await saveSheet(
        judge,
        fx.slug,
        code,
        {
          values: { ...values, intent, version: String(version), key: `growth-key-${n}` },
          repeated: [],
        },
        { issuedPassword: false },
      );
      expect(outcome.status).toBe("saved");
      if (outcome.status === "saved") version = outcome.version;
    };
    await save(full, "submit");
    const sheet = await t.db
      .selectFrom("score_sheets")
      .select("id")
      .where("judge_id", "=", judge.id)
      .executeTakeFirstOrThrow();
    expect(
      await reopenSheet(
        { id: fx.chair.id, label: "Ketua" },
        fx.competitionId,
        sheet.id,
        "A2 salah",
      ),
    ).toEqual({ ok: true });
    version += 1;

    const sheetBytes = JSON.stringify(full).length;
    const before = await auditBytes();
    const saves = 20;
    let a2 = 5;
    for (let i = 1; i <= saves; i++) {
      const next = (a2 + 1) % 11;
      await save({ ...full, "score.A2": String(next) }, "save");
      a2 = next;
    }
    const perSave = ((await auditBytes()) - before) / saves;
    console.log(
      `audit growth: ${perSave.toFixed(0)} bytes per one-score save of a ${sheetBytes}-byte sheet`,
    );
    expect(sheetBytes).toBeGreaterThan(10_000);
    expect(perSave).toBeLessThan(2048);

    // each entry names the changed field with its value before and after, and nothing else
    const entries = await t.db
      .selectFrom("audit_log")
      .select(["action", "before_json", "after_json"])
      .where("entity_type", "=", "score_sheet")
      .where("action", "=", "update")
      .orderBy("id")
      .execute();
    expect(entries).toHaveLength(saves);
    let previous = 5;
    for (const [i, entry] of entries.entries()) {
      const next = (previous + 1) % 11;
      expect(JSON.parse(entry.before_json!), `save ${i + 1}`).toEqual({ scores: { A2: previous } });
      expect(JSON.parse(entry.after_json!), `save ${i + 1}`).toEqual({
        scores: { A2: next },
        library: code,
        version: version - saves + i + 1,
      });
      previous = next;
    }
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    const cli = await verifyViaCli();
    expect(cli.code).toBe(0);
  });
});
