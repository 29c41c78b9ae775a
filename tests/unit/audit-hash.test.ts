import { describe, expect, it } from "vitest";
import { auditHash } from "../../app/lib/audit.server";
import { chainHash } from "../../db/migrations/0005_audit_chain";

const entry = {
  at: "2025-11-01T08:30:00.000Z",
  user_id: 7,
  actor: "ketua@juara.test",
  competition_id: 3,
  entity_type: "score",
  entity_id: "42",
  action: "update",
  reason: "Salah ketik",
  before_json: '{"value":4}',
  after_json: '{"value":5}',
};
const first = { ...entry, user_id: null, reason: null };
const prev = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
// SHA-256 of the JSON array [prev, at, user_id, …, after_json], computed outside the app
// (Python's hashlib over json.dumps with compact separators).
const PINNED = "eedae43619adf08186a45b642fd9a5012cb25f4d9ed4c00621414740b788763d";
const PINNED_FIRST = "ee613e7a21e69b2f4d499e1b0bbad42c15064a28f3831dc8b5e9589b5994148d";

describe("audit hash", () => {
  it("stays the hash already stored in existing chains", () => {
    // A changed value here means every chain written so far would stop verifying.
    expect(auditHash(prev, entry)).toBe(PINNED);
    expect(auditHash("", first)).toBe(PINNED_FIRST);
  });

  it("matches the frozen copy migration 0005 chains existing entries with", () => {
    expect(chainHash(prev, entry)).toBe(auditHash(prev, entry));
    expect(chainHash("", first)).toBe(auditHash("", first));
    expect(chainHash(prev, entry)).toBe(PINNED);
  });
});
