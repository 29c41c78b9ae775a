import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { isPostgres, pgRaise, pgTrigger, runAll } from "../dialect";

/** the append-only rule of 0001 against updates, lifted while the rows are chained */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function dropNoUpdate(db: Kysely<any>): Promise<void> {
  if (isPostgres(db))
    await runAll(db, [
      "drop trigger audit_log_no_update on audit_log",
      "drop function audit_log_no_update()",
    ]);
  else await sql`drop trigger audit_log_no_update`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function createNoUpdate(db: Kysely<any>): Promise<void> {
  if (isPostgres(db))
    await runAll(
      db,
      pgTrigger(
        "audit_log_no_update",
        "audit_log",
        "before update",
        pgRaise("audit_log is append-only"),
      ),
    );
  else
    await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}

/**
 * Makes the audit log tamper-evident: each entry carries a hash over its content and the previous
 * entry's hash. Entries written before this migration are chained here, in id order. The
 * publication records the audit head at the moment results were frozen.
 */
/** The audit_log columns the hash covers, as they were when this migration was written. */
export interface ChainedEntry {
  at: string;
  user_id: number | null;
  actor: string;
  competition_id: number | null;
  entity_type: string;
  entity_id: string;
  action: string;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
}

/**
 * A frozen copy of the app's `auditHash` (app/lib/audit.server.ts) as it was when this
 * migration was written. A migration must give the same result whenever it runs, so it never
 * imports app code that may change later: if the app's hash ever changes (a new field, another
 * algorithm), databases upgraded afterwards must still get the chain this migration always wrote,
 * and the change comes with its own migration. tests/unit/audit-hash.test.ts holds the two equal
 * for a known entry today.
 */
export function chainHash(prevHash: string, e: ChainedEntry): string {
  const content = JSON.stringify([
    prevHash,
    e.at,
    e.user_id,
    e.actor,
    e.competition_id,
    e.entity_type,
    e.entity_id,
    e.action,
    e.reason,
    e.before_json,
    e.after_json,
  ]);
  return createHash("sha256").update(content).digest("hex");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("hash", "text").execute();
  await db.schema.alterTable("publications").addColumn("audit_head_hash", "text").execute();

  // Chaining the existing rows is the one sanctioned rewrite of the log.
  await dropNoUpdate(db);
  const rows = (await db
    .selectFrom("audit_log")
    .selectAll()
    .orderBy("id")
    .execute()) as (ChainedEntry & { id: number })[];
  let prev = "";
  for (const row of rows) {
    const hash = chainHash(prev, row);
    await db
      .updateTable("audit_log")
      .set({ prev_hash: prev, hash })
      .where("id", "=", row.id)
      .execute();
    prev = hash;
  }
  await createNoUpdate(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("publications").dropColumn("audit_head_hash").execute();
  await dropNoUpdate(db);
  await db.schema.alterTable("audit_log").dropColumn("hash").execute();
  await db.schema.alterTable("audit_log").dropColumn("prev_hash").execute();
  await createNoUpdate(db);
}
