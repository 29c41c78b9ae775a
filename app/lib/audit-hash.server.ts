import { createHash } from "node:crypto";

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
