import { auditHash } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";

export type AuditVerification =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      entries: number;
      brokenAt: number;
      problem: "content-altered" | "chain-broken" | "unhashed";
    };

/**
 * Walks the whole chain in id order and reports the first entry whose hash does not match its
 * content (altered), or whose link does not match the entry before it (removed or reordered).
 */
export async function verifyAuditChain(): Promise<AuditVerification> {
  const rows = await getDb().selectFrom("audit_log").selectAll().orderBy("id").execute();
  let prev = "";
  for (const row of rows) {
    if (row.hash === null || row.prev_hash === null)
      return {
        ok: false,
        entries: rows.length,
        brokenAt: row.id,
        problem: "unhashed",
      };
    if (row.prev_hash !== prev)
      return {
        ok: false,
        entries: rows.length,
        brokenAt: row.id,
        problem: "chain-broken",
      };
    if (auditHash(prev, row) !== row.hash)
      return {
        ok: false,
        entries: rows.length,
        brokenAt: row.id,
        problem: "content-altered",
      };
    prev = row.hash;
  }
  return { ok: true, entries: rows.length, head: prev };
}

export interface AuditFilter {
  competitionId?: number;
  userId?: number;
  entityType?: string;
  from?: string;
  to?: string;
  page?: number;
}

const AUDIT_PAGE_SIZE = 50;

export async function listAuditEntries(filter: AuditFilter) {
  let query = getDb()
    .selectFrom("audit_log as a")
    .leftJoin("competitions as c", "c.id", "a.competition_id")
    .select([
      "a.id",
      "a.at",
      "a.actor",
      "a.entity_type",
      "a.entity_id",
      "a.action",
      "a.reason",
      "a.before_json",
      "a.after_json",
      "a.hash",
      "c.name as competition",
    ]);
  if (filter.competitionId !== undefined)
    query = query.where("a.competition_id", "=", filter.competitionId);
  if (filter.userId !== undefined) query = query.where("a.user_id", "=", filter.userId);
  if (filter.entityType) query = query.where("a.entity_type", "=", filter.entityType);
  // dates are whole days; ISO text compares in time order
  if (filter.from) query = query.where("a.at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where("a.at", "<=", `${filter.to}T23:59:59.999Z`);
  const page = Math.max(1, filter.page ?? 1);
  const rows = await query
    .orderBy("a.id", "desc")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE),
    hasMore: rows.length > AUDIT_PAGE_SIZE,
    page,
  };
}

/** The choices for the viewer's filters. */
export async function auditFilterOptions() {
  const db = getDb();
  const [competitions, users, entityTypes] = await Promise.all([
    db.selectFrom("competitions").select(["id", "name"]).orderBy("year", "desc").execute(),
    db.selectFrom("users").select(["id", "name", "email"]).orderBy("name").execute(),
    db.selectFrom("audit_log").select("entity_type").distinct().orderBy("entity_type").execute(),
  ]);
  return {
    competitions,
    users,
    entityTypes: entityTypes.map((e) => e.entity_type),
  };
}
