import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback, useMemo, useState, type FormEvent } from "react";
import { ConflictPanel } from "~/components/ConflictPanel";
import { CoachingNoteField, CoachingNoteForm } from "~/components/CoachingNote";
import {
  ComponentFieldset,
  fieldId,
  SheetErrorSummary,
  SheetFooter,
  SheetHeader,
} from "~/components/ScoreSheet";
import { onlyRequired, problemFields, SheetProblems } from "~/components/SheetProblems";
import {
  SubmitConfirmForm,
  SubmitReviewDialog,
  unscoredIndicators,
} from "~/components/SubmitReview";
import { useLang, useT } from "~/i18n/useT";
import { formatDate, formatDateTime } from "~/lib/format";
import { checkFields, checkScore, liveTotals, valuesOfSheet } from "~/lib/sheet";
import type { SheetErrors } from "~/lib/sheet-contract";
import { timed } from "~/lib/server-timing.server";
import { requireRole } from "~/lib/session.server";
import { useHydrated } from "~/lib/use-hydrated";
import { oneTimeKey, useSheetAutosave, type SheetConflict } from "~/lib/use-sheet-autosave";
import { getSheetClaims } from "~/models/claims.server";
import { getJudgeNote } from "~/models/coaching-notes.server";
import { getSheetView } from "~/models/sheets.server";
import { listJudgeVisitPhotos } from "~/models/visit-photos.server";
import { VisitPhotos, type VisitPhotoNotice } from "~/components/VisitPhotos";
import { ErrorList } from "~/components/Field";
import { ClaimsForm, SheetClaimBox, useClaimChecks } from "~/components/SheetClaims";
import { claimsStatusOf } from "~/lib/claim-values";
import { handleClaimsPost } from "./claims-post.server";
import { handleNotePost } from "./note-post.server";
import { PHOTO_REFUSALS } from "./photos-post.server";
import { handleSheetPagePost, statusOf } from "./sheet-post.server";

export const handle: MessagesHandle = { i18n: ["judge"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.library.name ?? ""} · Juara` },
];

const noStore = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const [view, note] = await Promise.all([
    getSheetView(user.id, params.slug ?? "", params.code ?? ""),
    getJudgeNote(user.id, params.slug ?? "", params.code ?? ""),
  ]);
  if (!view || !note) throw new Response("Not found", { status: 404 });
  const { access } = view;
  const claims = await getSheetClaims(access, user.id, view.editable);
  const photos =
    claims.stageKind === "visit"
      ? {
          endpoint: `/judge/${access.slug}/${encodeURIComponent(access.code)}/photos`,
          items: await listJudgeVisitPhotos(user.id, access.entryId, access.competitionId),
          notice: photoNotice(new URL(request.url).searchParams),
        }
      : null;
  return json(
    {
      judgeId: user.id,
      key: oneTimeKey(),
      competition: {
        slug: access.slug,
        name: access.competitionName,
        status: access.competitionStatus,
      },
      library: {
        code: access.code,
        name: access.name,
        category: access.category,
        village: access.village,
        district: access.district,
        address: access.address,
        headName: access.headName,
        npp: access.npp,
      },
      stage: view.stage,
      criteria: view.criteria,
      sheet: view.sheet,
      editable: view.editable,
      issuedPasswordSavedAt: view.issuedPasswordSavedAt,
      note,
      claims,
      photos,
    },
    { headers: noStore },
  );
}

/** What the photo form's plain upload came back with (`?photosStored=2&photoRefused=<key>:<name>`). */
function photoNotice(query: URLSearchParams): VisitPhotoNotice | null {
  const stored = Number(query.get("photosStored") ?? 0);
  const refused = query
    .getAll("photoRefused")
    .slice(0, 40)
    .flatMap((raw) => {
      const at = raw.indexOf(":");
      const key = at < 0 ? raw : raw.slice(0, at);
      const known = PHOTO_REFUSALS.find((k) => k === key);
      return known ? [{ key: known, name: at < 0 ? "" : raw.slice(at + 1, at + 201) }] : [];
    });
  if (refused.length === 0 && !(Number.isInteger(stored) && stored > 0)) return null;
  return { stored: Number.isInteger(stored) && stored > 0 ? stored : 0, refused };
}

/** A coaching note's save (its own form) leaves the sheet's data as it is: no reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formData,
  defaultShouldRevalidate,
}) =>
  formData?.get("intent") === "note" || formData?.get("intent") === "claims"
    ? false
    : defaultShouldRevalidate;

/**
 * The plain-form path (JavaScript off): save; submit (first the summary and a confirm form, then,
 * with `confirm=yes`, the submission); or show what went wrong with the form kept.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await timed(context.timing, "session", () => requireRole(request, ["judge"]));
  const slug = params.slug ?? "";
  const code = params.code ?? "";
  // the coaching note's own form posts to ?note (docs/http.md)
  if (new URL(request.url).searchParams.has("note"))
    return handleNotePost(user, slug, code, request);
  // the visit checks' own form posts to ?claims (docs/http.md)
  if (new URL(request.url).searchParams.has("claims")) {
    const { outcome, values } = await handleClaimsPost(user, slug, code, request);
    if (outcome.status === "notFound") throw new Response("Not found", { status: 404 });
    if (outcome.status === "saved")
      return redirect(`/judge/${slug}/${encodeURIComponent(code)}?claimsSaved=1`, 303);
    const errors =
      outcome.status === "invalid"
        ? outcome.errors
        : { _form: [`scoring.claims.error.${outcome.status}`] };
    return json(
      { claims: { errors, values } },
      { status: claimsStatusOf(outcome), headers: noStore },
    );
  }
  const { outcome, values } = await handleSheetPagePost(user, slug, code, request, context.timing);
  if (outcome.status === "notFound") throw new Response("Not found", { status: 404 });
  if (outcome.status === "saved") {
    return outcome.sheetStatus === "submitted"
      ? redirect(`/judge/${slug}?submitted=${encodeURIComponent(code)}`, 303)
      : redirect(`/judge/${slug}/${encodeURIComponent(code)}?saved=1`, 303);
  }
  if (outcome.status === "review") {
    return json(
      {
        errors: {} as SheetErrors,
        values,
        key: oneTimeKey(),
        current: null,
        review: true,
        partSaved: false,
      },
      { headers: noStore },
    );
  }
  const errors: SheetErrors =
    outcome.status === "invalid"
      ? outcome.errors
      : {
          _form: [
            `scoring.error.${outcome.status === "conflict" ? "conflictNoJs" : outcome.status}`,
          ],
        };
  return json(
    {
      errors,
      values,
      key: oneTimeKey(),
      current: outcome.status === "conflict" ? outcome.current : null,
      review: false,
      // a draft's valid fields were saved; the refused ones come back in their boxes
      partSaved: outcome.status === "invalid" && outcome.saved !== undefined,
    },
    { status: statusOf(outcome), headers: noStore },
  );
}

/**
 * The errors of a refused visit-check form that no field on the page shows: the whole form's, and
 * those of a field that is not there (a claim not asked, not submitted, or a stage that is no visit).
 */
function unshownErrors(
  errors: Record<string, string[]>,
  claims: {
    submitted: boolean;
    stageKind: string;
    claims: Record<string, { value: string | null }>;
  },
): string[] {
  const shown = (field: string) => {
    const claim = claims.claims[field.slice(field.indexOf(".") + 1)];
    return claims.stageKind === "visit" && claims.submitted && claim?.value != null;
  };
  return [
    ...new Set(
      Object.entries(errors).flatMap(([field, list]) =>
        field === "_form" || !shown(field) ? list : [],
      ),
    ),
  ];
}

export default function ScoreSheet() {
  const t = useT();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const actionData = answer && !("note" in answer) && !("claims" in answer) ? answer : undefined;
  const noteReply = answer && "note" in answer ? answer.note : undefined;
  const claimsReply = answer && "claims" in answer ? answer.claims : undefined;
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const hydrated = useHydrated();
  const { competition, library, criteria, sheet, editable } = data;
  const indicators = useMemo(() => criteria.flatMap((c) => c.indicators), [criteria]);
  const serverValues = useMemo(() => valuesOfSheet(sheet), [sheet]);
  const endpoint = `/api/sheets/${competition.slug}/${encodeURIComponent(library.code)}`;
  const noteAction = `/judge/${competition.slug}/${encodeURIComponent(library.code)}?note`;
  const claimsAction = `/judge/${competition.slug}/${encodeURIComponent(library.code)}?claims`;
  const visit = data.claims.stageKind === "visit";
  const claimChecks = useClaimChecks({
    endpoint: `/api/claims/${competition.slug}/${encodeURIComponent(library.code)}`,
    claims: data.claims.claims,
    echoed: claimsReply?.values,
    serverErrors: claimsReply?.errors,
  });
  const besides = (indicatorCode: string) => {
    const claim = data.claims.claims[indicatorCode];
    return claim ? (
      <SheetClaimBox
        code={indicatorCode}
        claim={claim}
        submitted={data.claims.submitted}
        checkable={data.claims.checkable}
        checks={visit ? claimChecks : null}
      />
    ) : null;
  };

  const autosave = useSheetAutosave({
    storageKey: `juara:sheet:${data.judgeId}:${competition.slug}:${library.code}`,
    endpoint,
    server: sheet,
    initialValues: actionData?.values ?? serverValues,
    editable,
    onSubmitted: () =>
      navigate(`/judge/${competition.slug}?submitted=${encodeURIComponent(library.code)}`),
  });
  const { values, setField } = autosave;
  const [clientErrors, setClientErrors] = useState<SheetErrors>({});
  const [reviewing, setReviewing] = useState(false);

  // what is on the sheet now is checked as the server will (a value kept on the device included)
  const liveErrors = useMemo(
    () => (hydrated ? checkFields(indicators, values, "save").errors : {}),
    [hydrated, indicators, values],
  );
  const errors: SheetErrors = {
    ...(actionData?.errors ?? {}),
    ...autosave.serverErrors,
    ...liveErrors,
    ...clientErrors,
  };
  const totals = liveTotals(criteria, values);
  const conflict: SheetConflict | null =
    autosave.conflict ??
    (actionData?.current ? { current: actionData.current, fromDevice: false } : null);
  // a plain-form conflict: pressing save again keeps this judge's entries on top of the newer version
  const formVersion = actionData?.current?.version ?? sheet.version;

  function change(name: string, value: string) {
    setField(name, value);
    if (name.startsWith("score.")) {
      const indicator = indicators.find((i) => `score.${i.code}` === name);
      if (indicator) {
        const { error } = checkScore(value, indicator, false);
        setClientErrors((prev) => {
          const next = { ...prev };
          if (error) next[name] = [error];
          else delete next[name];
          return next;
        });
      }
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!hydrated) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value === "submit" ? "submit" : "save";
    // what is typed wrong comes first; what is missing for a submission the review lists
    const checked = checkFields(indicators, values, "save");
    if (Object.keys(checked.errors).length > 0) {
      setClientErrors(checked.errors);
      const first = Object.keys(checked.errors)[0];
      if (first) document.getElementById(fieldId(first))?.focus();
      // a draft still saves its other fields; the bad ones stay on this device until corrected
      if (intent === "save") void autosave.send("save");
      return;
    }
    setClientErrors({});
    if (intent === "submit") setReviewing(true);
    else void autosave.send("save");
  }

  // leaving the review of an incomplete sheet marks what is missing, with the footer's list
  const closeReview = useCallback(() => {
    setReviewing(false);
    if (unscoredIndicators(criteria, values).length > 0)
      setClientErrors(checkFields(indicators, values, "submit").errors);
  }, [criteria, indicators, values]);

  const problems = problemFields(criteria, errors);

  const fields = { values, errors, editable, onChange: change };
  const readOnlyReason =
    sheet.status === "submitted" && sheet.submittedAt
      ? t("scoring.sheet.submittedAt", {
          date: formatDate(sheet.submittedAt, lang),
        })
      : competition.status !== "scoring"
        ? t("scoring.sheet.closed")
        : null;

  return (
    <>
      <SheetHeader competition={competition} stage={data.stage} library={library} />
      {search.get("saved") && !actionData ? (
        <p className="notice" role="status">
          {t("scoring.sheet.savedNotice")}
        </p>
      ) : null}
      {actionData?.partSaved ? (
        <p className="notice warn" role="status">
          {t("scoring.sheet.partSaved")}
        </p>
      ) : null}
      {readOnlyReason ? <p className="notice">{readOnlyReason}</p> : null}
      {search.get("claimsSaved") && !claimsReply ? (
        <p className="notice" role="status">
          {t("scoring.claims.savedNotice")}
        </p>
      ) : null}
      {claimsReply ? (
        <div className="notice warn">
          <p>{t("scoring.claims.notSaved")}</p>
          <ErrorList errors={unshownErrors(claimsReply.errors, data.claims)} />
        </div>
      ) : null}
      {sheet.reopenReason && sheet.status !== "submitted" ? (
        <p className="notice warn">{t("scoring.sheet.reopened", { reason: sheet.reopenReason })}</p>
      ) : null}
      {data.issuedPasswordSavedAt ? (
        <p className="notice warn">
          {t("scoring.sheet.issuedPassword", {
            at: formatDateTime(data.issuedPasswordSavedAt, lang),
          })}
        </p>
      ) : null}
      <SheetErrorSummary errors={errors} hydrated={hydrated} />
      {actionData?.review && editable ? (
        <SubmitConfirmForm
          criteria={criteria}
          values={actionData.values}
          version={sheet.version}
          formKey={actionData.key}
        />
      ) : null}

      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          mine={values}
          criteria={criteria}
          hydrated={hydrated}
          onKeepMine={autosave.keepMine}
          onUseServer={autosave.takeServer}
          reloadTo={`/judge/${competition.slug}/${encodeURIComponent(library.code)}`}
        />
      ) : null}

      <form
        id="sheet-form"
        method="post"
        noValidate
        onSubmit={onSubmit}
        className="sheet-form"
        aria-describedby="sheet-total"
      >
        <input type="hidden" name="version" value={formVersion} />
        <input type="hidden" name="key" value={actionData?.key ?? data.key} />
        {criteria.map((component) => (
          <ComponentFieldset
            key={component.code}
            component={component}
            subtotalX100={totals.components[component.code] ?? 0}
            besides={besides}
            {...fields}
          />
        ))}
        <CoachingNoteField
          action={noteAction}
          note={data.note}
          reply={noteReply}
          savedNotice={search.get("noteSaved") !== null}
        />
        <SheetFooter
          {...fields}
          totals={totals}
          saveState={
            hydrated
              ? {
                  status: autosave.status,
                  savedAt: autosave.savedAt,
                  failedCode: autosave.failedCode,
                  problems: {
                    count: problems.length,
                    required: onlyRequired(errors, problems),
                  },
                }
              : null
          }
        >
          <SheetProblems criteria={criteria} errors={errors} />
        </SheetFooter>
      </form>
      {hydrated && editable ? (
        <SubmitReviewDialog
          open={reviewing}
          criteria={criteria}
          values={values}
          returnFocusTo="sheet-submit"
          onConfirm={() => {
            setReviewing(false);
            void autosave.send("submit");
          }}
          onClose={closeReview}
        />
      ) : null}
      {data.photos ? (
        <VisitPhotos
          endpoint={data.photos.endpoint}
          indicators={indicators.map((i) => ({ code: i.code, name: i.name }))}
          photos={data.photos.items}
          uploadable={editable}
          notice={data.photos.notice}
        />
      ) : null}
      <CoachingNoteForm action={noteAction} />
      {visit ? <ClaimsForm action={claimsAction} checks={claimChecks} /> : null}
    </>
  );
}
