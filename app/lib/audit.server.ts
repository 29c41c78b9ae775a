import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
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

/**
 * Appends one entry to the audit log. Call it inside the transaction that makes the change, so
 * the change and its record commit together or not at all.
 */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  event: AuditEvent,
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
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
    })
    .execute();
}
