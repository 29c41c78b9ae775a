// Kept only for db/migrations/0005_audit_chain.ts, which imports this path; the hash lives in
// app/lib/audit.server.ts. Remove once the migrations carry their own copy.
export { auditHash, type AuditHashInput } from "./audit.server";
