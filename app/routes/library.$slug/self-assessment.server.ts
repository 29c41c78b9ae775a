import { formValues, parseForm, parseIntent } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import {
  formOf,
  localDate,
  SELF_ASSESSMENT_INTENTS,
  selfAssessmentSchema,
  windowState,
} from "~/lib/self-assessment";
import type { SessionUser } from "~/lib/session.server";
import {
  findLibraryEntry,
  getSelfAssessment,
  listClaims,
  saveSelfAssessment,
  selfAssessmentEditable,
} from "~/models/self-assessment.server";
import { actorOf } from "~/models/users.server";

type LibraryEntryRow = NonNullable<Awaited<ReturnType<typeof findLibraryEntry>>>;

/**
 * The self-assessment part of the library's page: the claims asked for, the window (as WITA
 * dates), what is saved, whether it may change now, and the profile to start from (the proposal
 * when there is one, else the registry).
 */
export async function loadSelfAssessment(entry: LibraryEntryRow) {
  const claims = await listClaims(entry.competitionId);
  if (claims.length === 0) return null;
  const sa = await getSelfAssessment(entry.entryId);
  const window = windowState(entry.opens, entry.closes);
  const profile = sa.profile ?? {
    headName: entry.headName,
    openingHours: entry.openingHours,
    members: entry.members,
  };
  return {
    claims: claims.map(({ indicatorId: _, ...c }) => c),
    window: { state: window, opens: localDate(entry.opens), closes: localDate(entry.closes, true) },
    editable: selfAssessmentEditable(entry.competitionStatus, window, sa),
    status: sa.status,
    version: sa.version,
    values: sa.values,
    updatedAt: sa.updatedAt,
    submittedAt: sa.submittedAt,
    reopenReason: sa.reopenedAt && sa.status === "draft" ? sa.reopenReason : null,
    profile: {
      headName: profile.headName,
      openingHours: profile.openingHours,
      members: profile.members === null ? "" : String(profile.members),
    },
    profileStatus: sa.profileStatus,
  };
}

/**
 * One POST of the library's form (`intent=save|submit`, docs/http.md): 400 with errors by field
 * and the typed values, 409 when it may not change (window, submitted, an older version), 200
 * with the new version.
 */
export async function handleSelfAssessmentPost(
  user: SessionUser,
  entry: LibraryEntryRow,
  formData: FormData,
) {
  const typed = formValues(formData);
  if (!parseIntent(formData, SELF_ASSESSMENT_INTENTS))
    return reply({ ok: false, errors: { intent: ["error.invalid"] }, values: typed }, 400);
  const claims = await listClaims(entry.competitionId);
  if (claims.length === 0)
    return reply(
      { ok: false, errors: { _form: ["library.selfAssessment.error.noClaims"] }, values: typed },
      409,
    );
  const parsed = parseForm(selfAssessmentSchema(claims), formData);
  if (!parsed.ok) return reply({ ok: false, errors: parsed.errors, values: parsed.values }, 400);
  const form = formOf(parsed.data as Record<string, unknown>, claims);
  const result = await saveSelfAssessment(actorOf(user), entry.entryId, form);
  if (!result.ok)
    return reply(
      { ok: false, errors: result.errors, values: typed, version: result.version ?? null },
      result.httpStatus,
    );
  return reply({
    ok: true,
    version: result.version,
    status: result.status,
    savedAt: result.savedAt,
  });
}
