import { FORM, formValues, parseForm, parseIntent, type FieldErrors } from "~/lib/forms";
import type { Message } from "~/lib/messages";
import { reply } from "~/lib/reply.server";
import {
  formOf,
  localDate,
  missingValues,
  SELF_ASSESSMENT_INTENTS,
  windowState,
} from "~/lib/self-assessment";
import { selfAssessmentSchema } from "~/lib/self-assessment-schema.server";
import type { SessionUser } from "~/lib/session.server";
import {
  findLibraryEntry,
  getSelfAssessment,
  listClaims,
  saveSelfAssessment,
  selfAssessmentEditable,
} from "~/models/self-assessment.server";
import { actorOf } from "~/models/users.server";
import { addVideoLink, listEvidence, videoLink } from "~/models/evidence.server";
import {
  handleEvidenceFields,
  type EvidenceFieldsResult,
} from "../library.$slug_.evidence/evidence-fields.server";

type LibraryEntryRow = NonNullable<Awaited<ReturnType<typeof findLibraryEntry>>>;

/**
 * The self-assessment part of the library's page: the claims asked for, the window (as WITA
 * dates), what is saved, whether it may change now, and the profile to start from (the proposal
 * when there is one, else the registry).
 */
export async function loadSelfAssessment(entry: LibraryEntryRow) {
  const claims = await listClaims(entry.competitionId);
  if (claims.length === 0) return null;
  const [sa, evidence] = await Promise.all([
    getSelfAssessment(entry.entryId),
    // the library's own evidence: no judge's photo, no place or time
    listEvidence(entry.entryId, { forPublic: true }),
  ]);
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
    evidence: evidence
      .filter((e) => e.kind !== "video")
      .map((e) => ({
        id: e.id,
        code: e.indicatorCode,
        name: e.name,
        fileUrl: e.fileUrl,
        thumbUrl: e.thumbUrl,
      })),
    video: evidence.find((e) => e.kind === "video")?.url ?? null,
  };
}

/**
 * One POST of the library's form (`intent=save|submit`, docs/http.md), with its evidence files
 * (`evidence.<code>`, streamed to disk) and the profile video link when multipart. The text is
 * checked first: a refused form stores nothing, files included. Then each file is stored on its
 * own, the video link, and the values; a refused file keeps the values (saved as a draft: a
 * submit waits until the library has seen the refusal). 400 with errors by field, per-file
 * refusals and the typed values; 409 when it may not change; 200 with the new version.
 */
export async function handleSelfAssessmentPost(
  user: SessionUser,
  entry: LibraryEntryRow,
  request: Request,
) {
  const multipart = (request.headers.get("Content-Type") ?? "")
    .toLowerCase()
    .startsWith("multipart/form-data");
  let files: Extract<EvidenceFieldsResult, { ok: true }> | null = null;
  let formData: FormData;
  if (multipart) {
    const read = await handleEvidenceFields(
      request,
      { entryId: entry.entryId, competitionId: entry.competitionId, userId: user.id },
      { deferStore: true },
    );
    if (!read.ok) return reply({ ok: false, errors: { [FORM]: [read.message] } }, read.status);
    files = read;
    formData = read.fields;
  } else formData = await request.formData();
  const typed = formValues(formData);
  const fileErrors: Record<string, Message[]> = {};
  /** a refused form: nothing stored, the files chosen named as not stored */
  const refused = async (errors: FieldErrors, status: 400 | 409, version?: number | null) => {
    if (files) {
      await files.discard();
      if (files.received > 0)
        (errors[FORM] ??= []).push("library.selfAssessment.error.filesNotStored");
    }
    return reply(
      { ok: false, errors, values: typed, fileErrors, version: version ?? null },
      status,
    );
  };
  if (!parseIntent(formData, SELF_ASSESSMENT_INTENTS))
    return refused({ intent: ["error.invalid"] }, 400);
  const claims = await listClaims(entry.competitionId);
  if (claims.length === 0)
    return refused({ [FORM]: ["library.selfAssessment.error.noClaims"] }, 409);
  const parsed = parseForm(selfAssessmentSchema(claims), formData);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const videoValues = formData.getAll("video");
  const video = typeof videoValues[0] === "string" ? videoValues[0].trim() : "";
  if (videoValues.length > 1) errors.video = ["error.repeated"];
  else if (video !== "" && videoLink(video) === null)
    fileErrors.video = [{ message: "evidence.error.video", params: { name: video.slice(0, 80) } }];
  if (!parsed.ok || Object.keys(errors).length > 0 || fileErrors.video) return refused(errors, 400);
  const form = formOf(parsed.data as Record<string, unknown>, claims);
  if (form.intent === "submit") {
    // answered as the model would, before any file is stored
    const missing = missingValues(claims, form.values);
    if (missing.length > 0) {
      const missingErrors: FieldErrors = { [FORM]: ["library.selfAssessment.error.missingSome"] };
      for (const code of missing)
        missingErrors[`value.${code}`] = ["library.selfAssessment.error.missing"];
      return refused(missingErrors, 400);
    }
  }

  if (files) {
    await files.commit();
    Object.assign(fileErrors, files.errors);
  }
  if (video !== "") {
    const linked = await addVideoLink({ entryId: entry.entryId, userId: user.id, url: video });
    if (!linked.ok) fileErrors.video = [linked.error];
  }
  const anyRefused = Object.keys(fileErrors).length > 0;
  const notes: FieldErrors = {};
  if (anyRefused && form.intent === "submit") {
    form.intent = "save";
    notes[FORM] = ["library.selfAssessment.error.filesRefused"];
  }
  const stored = files?.stored.length ?? 0;
  const result = await saveSelfAssessment(actorOf(user), entry.entryId, form);
  if (!result.ok)
    return reply(
      {
        ok: false,
        errors: result.errors,
        values: typed,
        fileErrors,
        stored,
        version: result.version ?? null,
      },
      result.httpStatus,
    );
  const saved = {
    version: result.version,
    status: result.status,
    savedAt: result.savedAt,
    stored,
  };
  if (anyRefused)
    return reply(
      { ok: false, saved: true, ...saved, errors: notes, values: typed, fileErrors },
      400,
    );
  return reply({ ok: true, ...saved, fileErrors });
}
