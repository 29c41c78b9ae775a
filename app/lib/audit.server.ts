import { createHash } from "node:crypto";
import type { Executor } from "../../db/schema";
import { nowIso } from "./time";

/**
 * The audit log's writer: every change to scores, criteria, entries, users or results appends one
 * entry, chained to the previous one by hash. The reader and the chain check are in
 * app/models/audit.server.ts.
 */

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

export interface AuditHashInput {
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
 * SHA-256 over the previous entry's hash and this entry's content, in a fixed field order
 * (a JSON array, so no field can bleed into the next). The id is not hashed: the chain itself
 * shows a removed or reordered row, and ids may differ after a move to another database.
 */
export function auditHash(prevHash: string, e: AuditHashInput): string {
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

/**
 * The hash of the newest audit entry ("" when the log is empty): the head of the chain. Read in
 * the transaction that writes, so no entry slips in between.
 */
export async function auditHead(db: Executor): Promise<string> {
  const last = await db
    .selectFrom("audit_log")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return last?.hash ?? "";
}

/**
 * Appends one entry to the audit log, chained to the previous one by hash. Pass the transaction
 * that makes the change, so the change and its record commit together or not at all; SQLite's
 * single writer keeps the chain in order.
 */
export async function recordAudit(event: AuditEvent, db: Executor): Promise<void> {
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
