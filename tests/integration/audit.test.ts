import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../db/connection";
import { isPostgres } from "../../db/dialect";
import { migrations } from "../../db/migrations/index";
import { auditHash } from "../../app/lib/audit.server";
import { recordAudit, SYSTEM_ACTOR } from "../../app/lib/audit.server";
import { useDatabase, closeDb } from "../../app/lib/db.server";
import {
  auditFilterOptions,
  listAuditEntries,
  verifyAuditChain,
} from "../../app/models/audit.server";
import { reopenSheet, saveSheet } from "../../app/models/sheets.server";
import { runCli } from "../../bin/cli";
import { createTestDb, emptyTestDatabase, tempDir, type TestDb } from "../support/db";
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

/**
 * What someone with the database file and a SQLite shell, or PostgreSQL's owner of the table,
 * could do behind the app's back: lift the append-only triggers, write, put them back.
 */
async function tamper(t: TestDb, ...statements: string[]) {
  if (isPostgres(t.db)) {
    await sql.raw("alter table audit_log disable trigger user").execute(t.db);
    for (const statement of statements) await sql.raw(statement).execute(t.db);
    await sql.raw("alter table audit_log enable trigger user").execute(t.db);
    return;
  }
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
    const database = await emptyTestDatabase(dir.dir, "old");
    const url = database.url;
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
        await database.drop();
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
        octet_length(at) + octet_length(actor) + octet_length(entity_type)
        + octet_length(entity_id) + octet_length(action)
        + coalesce(octet_length(reason), 0) + coalesce(octet_length(before_json), 0)
        + coalesce(octet_length(after_json), 0) + octet_length(prev_hash)
        + octet_length(hash)
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

describe("writing and reading the audit log", () => {
  let t: TestDb;
  afterEach(async () => {
    vi.useRealTimers();
    await t.cleanup();
  });

  it("writes each field as given, and null for what the event leaves out", async () => {
    t = await createTestDb();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-04-05T06:07:08.009Z"));
    await t.db.transaction().execute(async (trx) => {
      await recordAudit(
        { actor: SYSTEM_ACTOR, entityType: "user", entityId: 12, action: "x" },
        trx,
      );
      await recordAudit(
        {
          actor: { id: null, label: "ketua" },
          competitionId: null,
          entityType: "score",
          entityId: "3:4",
          action: "update",
          reason: null,
          before: null,
          after: { value: 0 },
        },
        trx,
      );
      await recordAudit(
        {
          actor: { id: null, label: "ketua" },
          entityType: "score_sheet",
          entityId: 7,
          action: "reopen",
          reason: "nilai B1 salah ketik",
          before: { status: "submitted" },
        },
        trx,
      );
    });
    const rows = await t.db.selectFrom("audit_log").selectAll().orderBy("id").execute();
    expect(rows.map(({ id: _id, prev_hash: _p, hash: _h, ...rest }) => rest)).toEqual([
      {
        at: "2026-04-05T06:07:08.009Z",
        user_id: null,
        actor: "system",
        competition_id: null,
        entity_type: "user",
        entity_id: "12",
        action: "x",
        reason: null,
        before_json: null,
        after_json: null,
      },
      {
        at: "2026-04-05T06:07:08.009Z",
        user_id: null,
        actor: "ketua",
        competition_id: null,
        entity_type: "score",
        entity_id: "3:4",
        action: "update",
        reason: null,
        // an explicit null is a value: "it was empty", not "not recorded"
        before_json: "null",
        after_json: '{"value":0}',
      },
      {
        at: "2026-04-05T06:07:08.009Z",
        user_id: null,
        actor: "ketua",
        competition_id: null,
        entity_type: "score_sheet",
        entity_id: "7",
        action: "reopen",
        reason: "nilai B1 salah ketik",
        before_json: '{"status":"submitted"}',
        after_json: null,
      },
    ]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, entries: 3 });
  });

  it("reports an entry without a hash (written around the app) as unhashed", async () => {
    t = await createTestDb();
    await writeEntries(t, 3);
    await tamper(t, "update audit_log set hash = null where id = 2");
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      entries: 3,
      brokenAt: 2,
      problem: "unhashed",
    });
    await tamper(t, "update audit_log set hash = 'x', prev_hash = null where id = 2");
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      entries: 3,
      brokenAt: 2,
      problem: "unhashed",
    });
  });

  it("reports the full answer for a broken chain and an altered entry", async () => {
    t = await createTestDb();
    await writeEntries(t, 4);
    await tamper(t, "update audit_log set reason = 'x' where id = 3");
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      entries: 4,
      brokenAt: 3,
      problem: "content-altered",
    });
    await tamper(t, "delete from audit_log where id = 3");
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      entries: 3,
      brokenAt: 4,
      problem: "chain-broken",
    });
  });

  it("lists entries newest first, 50 a page, filtered by competition, user, kind and whole days", async () => {
    t = await createTestDb();
    const now = new Date().toISOString();
    const competition = async (slug: string, year: number) =>
      (
        await t.db
          .insertInto("competitions")
          .values({
            slug,
            name: `Lomba ${slug}`,
            year,
            level: "kabupaten",
            region: "Uji",
            aggregation: "mean",
            prize_winners: 3,
            prize_honourable: 3,
            ranking_scope: "overall",
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const older = await competition("lama", 2024);
    const newer = await competition("baru", 2026);
    const user = async (email: string, name: string) =>
      (
        await t.db
          .insertInto("users")
          .values({
            email,
            name,
            role: "chair",
            password_hash: "x",
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const siti = await user("siti@x.id", "Siti");
    const budi = await user("budi@x.id", "Budi");
    vi.useFakeTimers({ toFake: ["Date"] });
    const write = async (at: string, event: Partial<Parameters<typeof recordAudit>[0]>) => {
      vi.setSystemTime(Date.parse(at));
      await t.db.transaction().execute((trx) =>
        recordAudit(
          {
            actor: SYSTEM_ACTOR,
            entityType: "score",
            entityId: 1,
            action: "update",
            ...event,
          },
          trx,
        ),
      );
    };
    // the day before, the first and last millisecond of 2026-05-10, and the day after
    await write("2026-05-09T23:59:59.999Z", { competitionId: older });
    await write("2026-05-10T00:00:00.000Z", {
      competitionId: newer,
      actor: { id: siti, label: "Siti" },
      entityType: "entry",
    });
    await write("2026-05-10T23:59:59.999Z", {
      competitionId: newer,
      actor: { id: budi, label: "Budi" },
    });
    await write("2026-05-11T00:00:00.000Z", {
      competitionId: newer,
      actor: { id: siti, label: "Siti" },
    });
    vi.useRealTimers();
    const ids = async (filter: Parameters<typeof listAuditEntries>[0]) =>
      (await listAuditEntries(filter)).entries.map((e) => e.at);
    expect(await ids({})).toEqual([
      "2026-05-11T00:00:00.000Z",
      "2026-05-10T23:59:59.999Z",
      "2026-05-10T00:00:00.000Z",
      "2026-05-09T23:59:59.999Z",
    ]);
    expect(await ids({ from: "2026-05-10", to: "2026-05-10" })).toEqual([
      "2026-05-10T23:59:59.999Z",
      "2026-05-10T00:00:00.000Z",
    ]);
    expect(await ids({ from: "2026-05-10" })).toHaveLength(3);
    expect(await ids({ to: "2026-05-10" })).toHaveLength(3);
    expect(await ids({ competitionId: older })).toEqual(["2026-05-09T23:59:59.999Z"]);
    expect(await ids({ userId: siti })).toEqual([
      "2026-05-11T00:00:00.000Z",
      "2026-05-10T00:00:00.000Z",
    ]);
    expect(await ids({ entityType: "entry" })).toEqual(["2026-05-10T00:00:00.000Z"]);
    expect(await ids({ entityType: "" })).toHaveLength(4);
    expect(await ids({ competitionId: newer, userId: siti, entityType: "score" })).toEqual([
      "2026-05-11T00:00:00.000Z",
    ]);
    const first = (await listAuditEntries({ competitionId: older })).entries[0]!;
    expect(first).toEqual({
      id: 1,
      at: "2026-05-09T23:59:59.999Z",
      actor: { kind: "system" },
      entityType: "score",
      action: "update",
      subject: { key: "audit.subject.other", values: { id: "1", type: "score" } },
      statusMove: null,
      reason: null,
      before_json: null,
      after_json: null,
      competition: "Lomba lama",
    });

    // paging: 50 a page, the next page from where the last stopped
    await writeEntries(t, 46);
    const full = await listAuditEntries({});
    expect(full.entries).toHaveLength(50);
    expect(full.hasMore).toBe(false);
    await writeEntries(t, 54);
    const one = await listAuditEntries({});
    expect(one.entries).toHaveLength(50);
    expect(one.hasMore).toBe(true);
    expect(one.page).toBe(1);
    expect(one.entries[0]!.id).toBe(104);
    const two = await listAuditEntries({ page: 2 });
    expect(two.entries[0]!.id).toBe(54);
    expect(two.hasMore).toBe(true);
    const three = await listAuditEntries({ page: 3 });
    expect(three.entries.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect(three.hasMore).toBe(false);
    expect(await listAuditEntries({ page: 0 })).toMatchObject({ page: 1, hasMore: true });
    expect((await listAuditEntries({ page: -3 })).entries[0]!.id).toBe(104);
    const exact = await listAuditEntries({ competitionId: newer });
    expect(exact.hasMore).toBe(false);

    // the viewer's filter choices
    expect(await auditFilterOptions()).toEqual({
      competitions: [
        { id: newer, name: "Lomba baru" },
        { id: older, name: "Lomba lama" },
      ],
      users: [
        { id: budi, name: "Budi", email: "budi@x.id" },
        { id: siti, name: "Siti", email: "siti@x.id" },
      ],
      entityTypes: ["entry", "score"],
    });
  });
});
