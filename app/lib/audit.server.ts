import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { auditHash } from "./audit-hash.server";
import { nowIso } from "./time";

export interface Actor {
  id: number | null;
  /** a readable label kept with the entry, so the log reads well even if a name changes */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

export interface AuditEvent {
  actor: Actor;
  competitionId?: number | null;
  entityType: string;
  entityId: string | number;
  action: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** The hash of the newest audit entry ("" when the log is empty): the head of the chain. */
export async function auditHead(db: Kysely<Database> | Transaction<Database>): Promise<string> {
  const last = await db
    .selectFrom("audit_log")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return last?.hash ?? "";
}

/**
 * Appends one entry to the audit log, chained to the previous one by hash. Call it inside the
 * transaction that makes the change, so the change and its record commit together or not at
 * all; SQLite's single writer keeps the chain in order.
 */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  event: AuditEvent,
): Promise<void> {
  const entry = {
    at: nowIso(),
    user_id: event.actor.id,
    actor: event.actor.label,
    competition_id: event.competitionId ?? null,
    entity_type: event.entityType,
    entity_id: String(event.entityId),
    action: event.action,
    reason: event.reason ?? null,
    before_json: event.before === undefined ? null : JSON.stringify(event.before),
    after_json: event.after === undefined ? null : JSON.stringify(event.after),
  };
  const prevHash = await auditHead(db);
  await db
    .insertInto("audit_log")
    .values({ ...entry, prev_hash: prevHash, hash: auditHash(prevHash, entry) })
    .execute();
}
