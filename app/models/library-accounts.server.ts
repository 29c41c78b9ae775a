import type {
  CompetitionStatus,
  EntryStatus,
  Executor,
  LibraryType,
  StageKind,
} from "../../db/schema";
import type { Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/forms";
import { sameCode } from "./query.server";
import { listStages } from "./stages.server";
import { createUser } from "./users.server";

/**
 * Library accounts (docs/decisions/011-library-accounts.md): a library's manager (pengelola)
 * logs in as role `library` and sees the competitions their library is entered in. This file
 * holds the invitation from the chair's entries page and what the library's own pages read.
 */

/** The id of the library with this code (case-blind), for the command line. */
export async function findLibraryIdByCode(
  code: string,
  db: Executor = getDb(),
): Promise<number | undefined> {
  const row = await db
    .selectFrom("libraries as l")
    .select("l.id")
    .where(sameCode("l.code", code.trim()))
    .executeTakeFirst();
  return row?.id;
}

export interface LibraryManager {
  libraryId: number;
  email: string;
  name: string;
}

/** The manager accounts of these libraries (none, one, or more made on the command line). */
export async function listLibraryManagers(
  libraryIds: number[],
  db: Executor = getDb(),
): Promise<LibraryManager[]> {
  if (libraryIds.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select(["library_id", "email", "name"])
    .where("role", "=", "library")
    .where("library_id", "in", libraryIds)
    .orderBy("email")
    .execute();
  return rows.map((r) => ({ libraryId: r.library_id ?? 0, email: r.email, name: r.name }));
}

export type InviteResult = Result<
  | { kind: "created"; email: string; password: string }
  /** the email already manages this library: nothing to do */
  | { kind: "already"; email: string }
>;

/**
 * The chair invites the manager of an entry's library: an account of role `library` with a
 * temporary password, shown once, to be changed at first login (as a judge created on the judges
 * page). Refused when the email belongs to another account, or the library has a manager already.
 */
export async function inviteLibraryManager(
  actor: Actor,
  competitionId: number,
  entryId: number,
  input: { email: string; name: string },
): Promise<InviteResult> {
  const db = getDb();
  const entry = await db
    .selectFrom("entries")
    .select("library_id")
    .where("id", "=", entryId)
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!entry) return refuse("error.404");
  const email = input.email.trim().toLowerCase();
  const holder = await db
    .selectFrom("users")
    .select(["role", "library_id"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (holder?.role === "library" && holder.library_id === entry.library_id)
    return { ok: true, kind: "already", email };
  if (holder) return refuse("libraryInvite.error.emailTaken", "email");
  const [manager] = await listLibraryManagers([entry.library_id], db);
  if (manager) return refuse("libraryInvite.error.hasManager");
  const created = await createUser(actor, {
    email,
    name: input.name,
    role: "library",
    libraryId: entry.library_id,
  });
  // a parallel request may have taken the email between the check and the write
  if (!created.ok) return refuse("libraryInvite.error.emailTaken", "email");
  return { ok: true, kind: "created", email, password: created.password };
}

export interface ManagedLibrary {
  id: number;
  code: string;
  name: string;
}

/** The library a `library` account manages (the schema guarantees there is one). */
export async function getManagedLibrary(
  userId: number,
  db: Executor = getDb(),
): Promise<ManagedLibrary | undefined> {
  return db
    .selectFrom("users as u")
    .innerJoin("libraries as l", "l.id", "u.library_id")
    .select(["l.id", "l.code", "l.name"])
    .where("u.id", "=", userId)
    .where("u.role", "=", "library")
    .executeTakeFirst();
}

export interface LibraryCompetition {
  slug: string;
  name: string;
  year: number;
  status: CompetitionStatus;
  entryStatus: EntryStatus;
  /** how far its self-assessment is; null when the competition asks for no reported values */
  selfAssessment: "none" | "draft" | "submitted" | null;
}

/**
 * The competitions the library is entered in, newest first. Drafts are left out: the chair is
 * still preparing them, and an entry may yet be removed.
 */
export async function listLibraryCompetitions(
  libraryId: number,
  db: Executor = getDb(),
): Promise<LibraryCompetition[]> {
  const rows = await db
    .selectFrom("entries as e")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .leftJoin("self_assessments as sa", "sa.entry_id", "e.id")
    .select((eb) => [
      "c.slug",
      "c.name",
      "c.year",
      "c.status",
      "e.status as entryStatus",
      "sa.status as selfAssessmentStatus",
      eb
        .exists(
          eb
            .selectFrom("indicator_claims as ic")
            .innerJoin("indicators as i", "i.id", "ic.indicator_id")
            .select("ic.indicator_id")
            .whereRef("i.competition_id", "=", "c.id"),
        )
        .as("asksValues"),
    ])
    .where("e.library_id", "=", libraryId)
    .where("c.status", "<>", "draft")
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .execute();
  return rows.map(({ selfAssessmentStatus, asksValues, ...row }) => ({
    ...row,
    selfAssessment: asksValues ? (selfAssessmentStatus ?? "none") : null,
  }));
}

export interface LibraryEntryStage {
  position: number;
  code: string;
  name: string;
  kind: StageKind;
  /** while scoring: the stage open now */
  current: boolean;
  /** when published: the last stage the entry was in */
  reached: boolean;
}

export interface LibraryEntry {
  competition: { slug: string; name: string; year: number; status: CompetitionStatus };
  library: { code: string; name: string; village: string; district: string };
  category: LibraryType;
  status: EntryStatus;
  statusReason: string | null;
  stages: LibraryEntryStage[];
  /** the published result, when the competition is published */
  result: { rank: number; prize: string | null; stageCode: string } | null;
}

/**
 * The library's entry in a competition (not a draft), or undefined when the library is not
 * entered. Before publication the stages are the live list with the one open now; after it they
 * are the published ones, with the stage the entry reached, as the public sees them. Nothing
 * unpublished about the entry's standing (a shortlist, a score) is shown.
 */
export async function getLibraryEntry(
  libraryId: number,
  slug: string,
  db: Executor = getDb(),
): Promise<LibraryEntry | undefined> {
  const row = await db
    .selectFrom("entries as e")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select([
      "e.id as entryId",
      "e.category",
      "e.status",
      "e.status_reason as statusReason",
      "c.id as competitionId",
      "c.slug",
      "c.name as competitionName",
      "c.year",
      "c.status as competitionStatus",
      "c.current_stage as currentStage",
      "l.code",
      "l.name",
      "l.village",
      "l.district",
    ])
    .where("e.library_id", "=", libraryId)
    .where("c.slug", "=", slug)
    .where("c.status", "<>", "draft")
    .executeTakeFirst();
  if (!row) return undefined;
  const base = {
    competition: {
      slug: row.slug,
      name: row.competitionName,
      year: row.year,
      status: row.competitionStatus,
    },
    library: { code: row.code, name: row.name, village: row.village, district: row.district },
    category: row.category,
    status: row.status,
    statusReason: row.statusReason,
  };
  if (row.competitionStatus === "published") {
    const publication = await db
      .selectFrom("publications")
      .select("id")
      .where("competition_id", "=", row.competitionId)
      .where("is_current", "=", 1)
      .executeTakeFirst();
    if (publication) {
      const [stages, result] = await Promise.all([
        db
          .selectFrom("published_stages")
          .select(["position", "code", "name", "kind"])
          .where("publication_id", "=", publication.id)
          .orderBy("position")
          .execute(),
        db
          .selectFrom("published_results")
          .select(["rank", "prize_label as prize", "stage_code as stageCode"])
          .where("publication_id", "=", publication.id)
          .where("entry_id", "=", row.entryId)
          .executeTakeFirst(),
      ]);
      return {
        ...base,
        stages: stages.map((s) => ({
          ...s,
          kind: s.kind as StageKind,
          current: false,
          reached: s.code === result?.stageCode,
        })),
        result: result ?? null,
      };
    }
  }
  const stages = await listStages(row.competitionId, db);
  return {
    ...base,
    stages: stages.map((s) => ({
      position: s.position,
      code: s.code,
      name: s.name,
      kind: s.kind,
      current: row.competitionStatus === "scoring" && s.position === row.currentStage,
      reached: false,
    })),
    result: null,
  };
}
