import { auditHash } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import type { Executor } from "../../db/schema";

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

export async function listAuditEntries(
  filter: AuditFilter,
  db: Executor = getDb(),
): Promise<{ entries: AuditListEntry[]; hasMore: boolean; page: number }> {
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("competitions as c", "c.id", "a.competition_id")
    .select([
      "a.id",
      "a.at",
      "a.user_id",
      "a.actor",
      "a.entity_type",
      "a.entity_id",
      "a.action",
      "a.reason",
      "a.before_json",
      "a.after_json",
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
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);
  const names = await lookUpNames(shown, db);
  return {
    entries: shown.map((r) => {
      const after = parseJson(r.after_json);
      const before = parseJson(r.before_json);
      const from = str(before.status);
      const to = str(after.status);
      return {
        id: r.id,
        at: r.at,
        actor:
          r.user_id !== null
            ? { kind: "person" as const, name: names.user.get(r.user_id) ?? nameOfLabel(r.actor) }
            : { kind: r.actor === "cli" ? ("cli" as const) : ("system" as const) },
        competition: r.competition,
        entityType: r.entity_type,
        action: r.action,
        subject: describeSubject(r, names),
        statusMove:
          r.entity_type === "competition" && r.action === "status" && from && to
            ? { from, to }
            : null,
        reason: r.reason,
        before_json: r.before_json,
        after_json: r.after_json,
      };
    }),
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

/** What an entry is about, as a catalog key and its values (the page words it in the reader's language). */
export type AuditSubjectKey =
  | "audit.subject.competition"
  | "audit.subject.competitionStatus"
  | "audit.subject.library"
  | "audit.subject.libraryImport"
  | "audit.subject.entry"
  | "audit.subject.user"
  | "audit.subject.libraryManager"
  | "audit.subject.sheet"
  | "audit.subject.criteria"
  | "audit.subject.criteriaItems"
  | "audit.subject.tie"
  | "audit.subject.panel"
  | "audit.subject.assignment"
  | "audit.subject.conflict"
  | "audit.subject.finalists"
  | "audit.subject.stage"
  | "audit.subject.other";

export interface AuditSubject {
  key: AuditSubjectKey;
  values: Record<string, string>;
}

export interface AuditListEntry {
  id: number;
  at: string;
  /** the person by current name (or the name the entry recorded), or the app itself */
  actor: { kind: "person"; name: string } | { kind: "system" | "cli" };
  competition: string | null;
  entityType: string;
  action: string;
  subject: AuditSubject;
  /** a competition's status move, from → to */
  statusMove: { from: string; to: string } | null;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
}

type Json = Record<string, unknown>;

function parseAny(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function parseJson(text: string | null): Json {
  const value = parseAny(text);
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Json)
    : {};
}

const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v)
    ? v
    : typeof v === "string" && /^\d+$/.test(v)
      ? Number(v)
      : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** "Name <email>" as the writer labels a person: the name part. */
function nameOfLabel(label: string): string {
  const m = /^(.*?)\s*<[^>]*>$/.exec(label);
  return (m ? m[1]! : label).trim() || label;
}

interface CriteriaIndicatorJson {
  code: string;
  name: string;
}

/** The indicators a criteria change added, removed or altered: "B1 Luas gedung". */
function changedIndicators(before: unknown, after: unknown): string[] {
  const byCode = (list: unknown) => {
    const map = new Map<string, { name: string; text: string }>();
    if (!Array.isArray(list)) return map;
    for (const component of list as { indicators?: unknown }[])
      if (Array.isArray(component?.indicators))
        for (const i of component.indicators as CriteriaIndicatorJson[])
          if (typeof i?.code === "string")
            map.set(i.code, { name: String(i.name ?? ""), text: JSON.stringify(i) });
    return map;
  };
  const b = byCode(before);
  const a = byCode(after);
  const codes = [...new Set([...a.keys(), ...b.keys()])];
  return codes
    .filter((code) => a.get(code)?.text !== b.get(code)?.text)
    .map((code) => `${code} ${(a.get(code) ?? b.get(code))!.name}`.trim());
}

const MAX_LISTED = 3;
function listed(items: string[]): string {
  return items.length > MAX_LISTED
    ? `${items.slice(0, MAX_LISTED).join(", ")} +${items.length - MAX_LISTED}`
    : items.join(", ");
}

/**
 * Names for the people and objects a page of entries mentions, looked up in a few queries.
 * An object deleted since is missing here; the entry's own record then names it.
 */
async function lookUpNames(
  rows: {
    user_id: number | null;
    entity_type: string;
    entity_id: string;
    after_json: string | null;
    before_json: string | null;
  }[],
  db: Executor,
) {
  const userIds = new Set<number>();
  const libraryIds = new Set<number>();
  const libraryCodes = new Set<string>();
  const entryIds = new Set<number>();
  const sheetIds = new Set<number>();
  const conflictIds = new Set<number>();
  const add = (set: Set<number>, v: unknown) => {
    const n = num(v);
    if (n !== undefined) set.add(n);
  };
  for (const r of rows) {
    if (r.user_id !== null) userIds.add(r.user_id);
    const after = parseJson(r.after_json);
    const before = parseJson(r.before_json);
    switch (r.entity_type) {
      case "user":
        add(userIds, r.entity_id);
        add(libraryIds, after.libraryId);
        break;
      case "panel":
        add(userIds, r.entity_id);
        break;
      case "library":
        add(libraryIds, r.entity_id);
        break;
      case "entry":
        add(entryIds, r.entity_id);
        add(libraryIds, after.libraryId ?? before.libraryId);
        break;
      case "score_sheet":
        add(sheetIds, r.entity_id);
        add(userIds, after.judgeId);
        if (str(after.library)) libraryCodes.add(str(after.library)!);
        break;
      case "assignment": {
        const [entryId, judgeId] = r.entity_id.split(":");
        add(entryIds, entryId);
        add(userIds, judgeId);
        break;
      }
      case "conflict":
        add(conflictIds, r.entity_id);
        add(userIds, after.judgeId);
        add(libraryIds, after.libraryId);
        break;
      case "tie":
        if (Array.isArray(after.order))
          for (const o of after.order as { library?: unknown }[])
            if (str(o?.library)) libraryCodes.add(str(o.library)!);
        break;
    }
  }
  const ids = <T>(set: Set<T>) => [...set];
  const [users, libraries, entries, sheets, conflicts] = await Promise.all([
    userIds.size
      ? db.selectFrom("users").select(["id", "name"]).where("id", "in", ids(userIds)).execute()
      : [],
    libraryIds.size || libraryCodes.size
      ? db
          .selectFrom("libraries")
          .select(["id", "code", "name"])
          .where((eb) =>
            eb.or([
              ...(libraryIds.size ? [eb("id", "in", ids(libraryIds))] : []),
              ...(libraryCodes.size ? [eb("code", "in", ids(libraryCodes))] : []),
            ]),
          )
          .execute()
      : [],
    entryIds.size
      ? db
          .selectFrom("entries as e")
          .innerJoin("libraries as l", "l.id", "e.library_id")
          .select(["e.id", "l.name"])
          .where("e.id", "in", ids(entryIds))
          .execute()
      : [],
    sheetIds.size
      ? db
          .selectFrom("score_sheets as s")
          .innerJoin("users as u", "u.id", "s.judge_id")
          .innerJoin("entries as e", "e.id", "s.entry_id")
          .innerJoin("libraries as l", "l.id", "e.library_id")
          .select(["s.id", "u.name as judge", "l.name as library"])
          .where("s.id", "in", ids(sheetIds))
          .execute()
      : [],
    conflictIds.size
      ? db
          .selectFrom("conflicts as c")
          .innerJoin("users as u", "u.id", "c.judge_id")
          .innerJoin("libraries as l", "l.id", "c.library_id")
          .select(["c.id", "u.name as judge", "l.name as library"])
          .where("c.id", "in", ids(conflictIds))
          .execute()
      : [],
  ]);
  return {
    user: new Map(users.map((u) => [u.id, u.name])),
    library: new Map(libraries.map((l) => [l.id, l.name])),
    libraryByCode: new Map(libraries.map((l) => [l.code.toUpperCase(), l.name])),
    entry: new Map(entries.map((e) => [e.id, e.name])),
    sheet: new Map(sheets.map((s) => [s.id, s])),
    conflict: new Map(conflicts.map((c) => [c.id, c])),
  };
}

type Names = Awaited<ReturnType<typeof lookUpNames>>;

function describeSubject(
  r: {
    entity_type: string;
    entity_id: string;
    action: string;
    competition: string | null;
    before_json: string | null;
    after_json: string | null;
  },
  names: Names,
): AuditSubject {
  const after = parseJson(r.after_json);
  const before = parseJson(r.before_json);
  const id = num(r.entity_id);
  const at = (map: Map<number, string>, key: unknown) => {
    const n = num(key);
    return n === undefined ? undefined : map.get(n);
  };
  const libraryByCode = (code: unknown) =>
    str(code) ? (names.libraryByCode.get(str(code)!.toUpperCase()) ?? str(code)) : undefined;
  const unknown = `#${r.entity_id}`;
  switch (r.entity_type) {
    case "competition":
      if (r.action === "status") return { key: "audit.subject.competitionStatus", values: {} };
      return {
        key: "audit.subject.competition",
        values: {
          name:
            r.competition ??
            str(before.name) ??
            str(after.name) ??
            str(before.slug) ??
            str(after.slug) ??
            unknown,
        },
      };
    case "library":
      if (r.entity_id === "csv") return { key: "audit.subject.libraryImport", values: {} };
      return {
        key: "audit.subject.library",
        values: { name: at(names.library, id) ?? str(after.name) ?? str(before.name) ?? unknown },
      };
    case "entry":
      return {
        key: "audit.subject.entry",
        values: {
          library:
            at(names.entry, id) ??
            at(names.library, after.libraryId ?? before.libraryId) ??
            unknown,
        },
      };
    case "user": {
      // a library's manager account names its library (0013)
      const name = at(names.user, id) ?? str(after.name) ?? str(before.name) ?? unknown;
      if (after.libraryId !== undefined)
        return {
          key: "audit.subject.libraryManager",
          values: {
            name,
            library: at(names.library, after.libraryId) ?? str(after.library) ?? unknown,
          },
        };
      return { key: "audit.subject.user", values: { name } };
    }
    case "score_sheet": {
      const sheet = id === undefined ? undefined : names.sheet.get(id);
      return {
        key: "audit.subject.sheet",
        values: {
          judge: sheet?.judge ?? at(names.user, after.judgeId) ?? "?",
          library: sheet?.library ?? libraryByCode(after.library) ?? unknown,
        },
      };
    }
    case "criteria": {
      const changed = changedIndicators(parseAny(r.before_json), parseAny(r.after_json));
      return changed.length > 0
        ? { key: "audit.subject.criteriaItems", values: { items: listed(changed) } }
        : { key: "audit.subject.criteria", values: {} };
    }
    case "tie": {
      const order = Array.isArray(after.order) ? (after.order as { library?: unknown }[]) : [];
      const libraries = order.map((o) => libraryByCode(o?.library)).filter((n) => n !== undefined);
      return { key: "audit.subject.tie", values: { libraries: listed(libraries) || unknown } };
    }
    case "panel":
      return { key: "audit.subject.panel", values: { judge: at(names.user, id) ?? unknown } };
    case "assignment": {
      const [entryId, judgeId] = r.entity_id.split(":");
      return {
        key: "audit.subject.assignment",
        values: {
          judge: at(names.user, judgeId) ?? `#${judgeId ?? "?"}`,
          library: at(names.entry, entryId) ?? `#${entryId ?? "?"}`,
        },
      };
    }
    case "conflict": {
      const conflict = id === undefined ? undefined : names.conflict.get(id);
      return {
        key: "audit.subject.conflict",
        values: {
          judge: conflict?.judge ?? at(names.user, after.judgeId) ?? "?",
          library: conflict?.library ?? at(names.library, after.libraryId) ?? unknown,
        },
      };
    }
    case "finalists":
      return { key: "audit.subject.finalists", values: { stage: r.entity_id } };
    case "stage":
      return { key: "audit.subject.stage", values: { stage: r.entity_id } };
    default:
      return { key: "audit.subject.other", values: { type: r.entity_type, id: r.entity_id } };
  }
}
