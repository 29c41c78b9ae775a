import { sql, type Kysely } from "kysely";
import { auditHash, type AuditHashInput } from "../../app/lib/audit-hash.server";

/**
 * Makes the audit log tamper-evident: each entry carries a hash over its content and the previous
 * entry's hash. Entries written before this migration are chained here, in id order. The
 * publication records the audit head at the moment results were frozen.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("hash", "text").execute();
  await db.schema.alterTable("publications").addColumn("audit_head_hash", "text").execute();

  // Chaining the existing rows is the one sanctioned rewrite of the log.
  await sql`drop trigger audit_log_no_update`.execute(db);
  const rows = (await db
    .selectFrom("audit_log")
    .selectAll()
    .orderBy("id")
    .execute()) as (AuditHashInput & { id: number })[];
  let prev = "";
  for (const row of rows) {
    const hash = auditHash(prev, row as AuditHashInput);
    await db
      .updateTable("audit_log")
      .set({ prev_hash: prev, hash })
      .where("id", "=", row.id)
      .execute();
    prev = hash;
  }
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("publications").dropColumn("audit_head_hash").execute();
  await sql`drop trigger audit_log_no_update`.execute(db);
  await db.schema.alterTable("audit_log").dropColumn("hash").execute();
  await db.schema.alterTable("audit_log").dropColumn("prev_hash").execute();
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}
