import { z } from "zod";
import { ENTRY_STATUSES, LIBRARY_TYPES, type Competition } from "../../../db/schema";
import {
  emailField,
  formError,
  formValues,
  idList,
  isNotFound,
  optionalText,
  parseForm,
  parseIntent,
  requiredText,
  type FieldErrors,
  type Result,
} from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import {
  addEntries,
  listEntries,
  removeEntry,
  setEntryCategory,
  setEntryStatus,
} from "~/models/entries.server";
import { listLibraries } from "~/models/libraries.server";
import { inviteLibraryManager, listLibraryManagers } from "~/models/library-accounts.server";
import { hasClaims, selfAssessmentStatuses } from "~/models/self-assessment.server";
import { actorOf } from "~/models/users.server";

const EntrySchema = z.object({ entryId: z.coerce.number().int().positive() });
const StatusSchema = EntrySchema.extend({
  status: z.enum(ENTRY_STATUSES, { error: "error.invalid" }),
  reason: optionalText(500),
}).refine((v) => v.status === "active" || v.reason !== "", {
  path: ["reason"],
  error: "setup.error.reasonRequired",
});
const CategorySchema = EntrySchema.extend({
  category: z.enum(LIBRARY_TYPES, { error: "error.invalid" }),
});

const InviteSchema = EntrySchema.extend({ name: requiredText(120), email: emailField() });

const INTENTS = ["add", "status", "category", "remove", "invite"] as const;

/**
 * The entries of a competition, the manager accounts of their libraries and the libraries that
 * could still join it.
 */
export async function loadEntries(c: Competition) {
  const entries = await listEntries(c.id);
  const managers = await listLibraryManagers(entries.map((e) => e.libraryId));
  const taken = new Set(entries.map((e) => e.libraryId));
  const available = (await listLibraries())
    .filter((l) => !taken.has(l.id))
    .map((l) => ({
      id: l.id,
      code: l.code,
      name: l.name,
      type: l.type,
      village: l.village,
      district: l.district,
    }));
  // the self-assessment column, when the competition asks for reported values
  const selfAssessments = (await hasClaims(c.id)) ? await selfAssessmentStatuses(c.id) : null;
  return { entries, managers, available, selfAssessments };
}

/**
 * One POST of the entries page: add libraries, change an entry's status or category, remove it,
 * invite the manager of its library (the temporary password comes back once, in `invited`).
 * `entryId` says which row an answer belongs to. The caller has already checked the role and
 * the competition.
 */
export async function handleEntriesPost(user: SessionUser, c: Competition, formData: FormData) {
  const actor = actorOf(user);
  const rowId = Number(formData.get("entryId")) || null;
  const fail = (entryId: number | null, errors: FieldErrors, status = 400) =>
    reply({ entryId, errors, values: formValues(formData), notice: null, invited: null }, status);
  const done = (r: Result, entryId: number | null) =>
    r.ok
      ? reply({ entryId: null, notice: "setup.entries.updated", count: 0, invited: null })
      : fail(entryId, r.errors, isNotFound(r) ? 404 : 409);

  switch (parseIntent(formData, INTENTS)) {
    case "add": {
      const ids = idList(formData, "library");
      if (!ids) return fail(null, formError("setup.error.pickLibraries"));
      const r = await addEntries(
        actor,
        c.id,
        ids.map((libraryId) => ({ libraryId })),
      );
      if (!r.ok) return fail(null, r.errors, 409);
      return reply({
        entryId: null,
        notice: "setup.entries.added",
        count: r.added,
        invited: null,
      });
    }
    case "status": {
      const form = parseForm(StatusSchema, formData);
      if (!form.ok) return fail(rowId, form.errors);
      const { entryId, status, reason } = form.data;
      return done(await setEntryStatus(actor, c.id, entryId, status, reason), rowId);
    }
    case "category": {
      const form = parseForm(CategorySchema, formData);
      if (!form.ok) return fail(rowId, form.errors);
      const { entryId, category } = form.data;
      return done(await setEntryCategory(actor, c.id, entryId, category), rowId);
    }
    case "remove": {
      const form = parseForm(EntrySchema, formData);
      if (!form.ok) return fail(null, formError("error.invalid"));
      return done(await removeEntry(actor, c.id, form.data.entryId), form.data.entryId);
    }
    case "invite": {
      const form = parseForm(InviteSchema, formData);
      if (!form.ok) return fail(rowId, form.errors);
      const { entryId, ...person } = form.data;
      const r = await inviteLibraryManager(actor, c.id, entryId, person);
      if (!r.ok) return fail(rowId, r.errors, isNotFound(r) ? 404 : 409);
      return reply({
        entryId,
        notice: null,
        invited: {
          kind: r.kind,
          email: r.email,
          tempPassword: r.kind === "created" ? r.password : null,
        },
      });
    }
  }
  return fail(null, formError("setup.error.badRequest"));
}
