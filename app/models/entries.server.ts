import { sql } from "kysely";
import type { EntryStatus, LibraryType } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { refuse, type Result } from "~/lib/forms";

export interface EntryRow {
  id: number;
  libraryId: number;
  code: string;
  name: string;
  village: string;
  district: string;
  category: LibraryType;
  status: EntryStatus;
  statusReason: string | null;
  judges: number;
}

export async function listEntries(competitionId: number): Promise<EntryRow[]> {
  const rows = await getDb()
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select((eb) => [
      "e.id",
      "e.library_id as libraryId",
      "l.code",
      "l.name",
      "l.village",
      "l.district",
      "e.category",
      "e.status",
      "e.status_reason as statusReason",
      eb
        .selectFrom("judge_assignments as a")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("a.entry_id", "=", "e.id")
        .as("judges"),
    ])
    .where("e.competition_id", "=", competitionId)
    .orderBy("l.name")
    .execute();
  return rows.map((r) => ({ ...r, judges: Number(r.judges ?? 0) }));
}

export type EntryResult = Result;

async function competitionStatus(competitionId: number) {
  const c = await getDb()
    .selectFrom("competitions")
    .select("status")
    .where("id", "=", competitionId)
    .executeTakeFirstOrThrow();
  return c.status;
}

/** Libraries join while draft; afterwards an entry can only be withdrawn or disqualified. */
export async function addEntries(
  actor: Actor,
  competitionId: number,
  picks: { libraryId: number; category?: LibraryType }[],
): Promise<Result<{ added: number }>> {
  if ((await competitionStatus(competitionId)) !== "draft")
    return refuse("setup.error.entriesLocked");
  return getDb()
    .transaction()
    .execute(async (trx) => {
      let added = 0;
      for (const pick of picks) {
        const library = await trx
          .selectFrom("libraries")
          .select(["id", "type"])
          .where("id", "=", pick.libraryId)
          .executeTakeFirst();
        if (!library) continue;
        const exists = await trx
          .selectFrom("entries")
          .select("id")
          .where("competition_id", "=", competitionId)
          .where("library_id", "=", pick.libraryId)
          .executeTakeFirst();
        if (exists) continue;
        const category = pick.category ?? library.type;
        const { id } = await trx
          .insertInto("entries")
          .values({
            competition_id: competitionId,
            library_id: library.id,
            category,
            created_at: nowIso(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(
          {
            actor,
            competitionId,
            entityType: "entry",
            entityId: id,
            action: "create",
            after: { libraryId: library.id, category },
          },
          trx,
        );
        added++;
      }
      return { ok: true, added } as const;
    });
}

async function entryOf(competitionId: number, entryId: number) {
  return getDb()
    .selectFrom("entries")
    .selectAll()
    .where("id", "=", entryId)
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
}

export async function setEntryCategory(
  actor: Actor,
  competitionId: number,
  entryId: number,
  category: LibraryType,
): Promise<EntryResult> {
  if ((await competitionStatus(competitionId)) !== "draft")
    return refuse("setup.error.entriesLocked");
  const entry = await entryOf(competitionId, entryId);
  if (!entry) return refuse("error.404");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable("entries").set({ category }).where("id", "=", entryId).execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "entry",
          entityId: entryId,
          action: "category",
          before: { category: entry.category },
          after: { category },
        },
        trx,
      );
    });
  return { ok: true };
}

/** Withdraw, disqualify (both need a reason) or reinstate. The entry and its sheets stay on record. */
export async function setEntryStatus(
  actor: Actor,
  competitionId: number,
  entryId: number,
  status: EntryStatus,
  reason: string,
): Promise<EntryResult> {
  const competition = await competitionStatus(competitionId);
  if (competition !== "draft" && competition !== "scoring")
    return refuse("setup.error.entriesClosed");
  const entry = await entryOf(competitionId, entryId);
  if (!entry) return refuse("error.404");
  if (status !== "active" && reason.trim() === "") return refuse("setup.error.reasonRequired");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable("entries")
        .set({
          status,
          status_reason: status === "active" ? null : reason.trim(),
        })
        .where("id", "=", entryId)
        .execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "entry",
          entityId: entryId,
          action:
            status === "active" ? "reinstate" : status === "withdrawn" ? "withdraw" : "disqualify",
          reason: reason.trim() || null,
          before: { status: entry.status, reason: entry.status_reason },
          after: { status },
        },
        trx,
      );
    });
  return { ok: true };
}

/** Removing an entry altogether is for draft mistakes only, before any sheet exists. */
export async function removeEntry(
  actor: Actor,
  competitionId: number,
  entryId: number,
): Promise<EntryResult> {
  if ((await competitionStatus(competitionId)) !== "draft")
    return refuse("setup.error.entriesLocked");
  const entry = await entryOf(competitionId, entryId);
  if (!entry) return refuse("error.404");
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const sheet = await trx
        .selectFrom("score_sheets")
        .select("id")
        .where("entry_id", "=", entryId)
        .executeTakeFirst();
      if (sheet) return refuse("setup.error.entryHasSheets");
      await trx.deleteFrom("entries").where("id", "=", entryId).execute();
      await recordAudit(
        {
          actor,
          competitionId,
          entityType: "entry",
          entityId: entryId,
          action: "delete",
          before: { libraryId: entry.library_id, category: entry.category },
        },
        trx,
      );
      return { ok: true } as const;
    });
}
