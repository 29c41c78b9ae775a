import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useMemo, useState, type FormEvent } from "react";
import { isMessageKey, type MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatDate, formatDateTime, formatScore, formatTime } from "~/lib/format";
import {
  checkScore,
  liveTotals,
  checkFields,
  type SheetErrors,
  type SheetValues,
} from "~/lib/sheet";
import { handleSheetPost, statusOf } from "~/lib/sheet-request.server";
import { requireRole } from "~/lib/session.server";
import { useHydrated } from "~/lib/use-hydrated";
import {
  oneTimeKey,
  sameValues,
  useSheetAutosave,
  valuesOfServerSheet,
  type SaveStatus,
  type ServerSheet,
} from "~/lib/use-sheet-autosave";
import { getSheetView, type SheetCriteria } from "~/models/sheets.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.library.name ?? ""} · Juara` },
];

const noStore = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const view = await getSheetView(user.id, params.slug ?? "", params.code ?? "");
  if (!view) throw new Response("Not found", { status: 404 });
  const { access } = view;
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
      criteria: view.criteria,
      sheet: view.sheet,
      editable: view.editable,
      issuedPasswordSavedAt: view.issuedPasswordSavedAt,
    },
    { headers: noStore },
  );
}

/** The plain-form path (JavaScript off): save, submit, or show what went wrong with the form kept. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const slug = params.slug ?? "";
  const code = params.code ?? "";
  const result = await handleSheetPost(user, slug, code, request);
  if (result.kind === "notFound") throw new Response("Not found", { status: 404 });
  if (result.kind === "saved") {
    return result.status === "submitted"
      ? redirect(`/judge/${slug}?submitted=${encodeURIComponent(code)}`, 303)
      : redirect(`/judge/${slug}/${encodeURIComponent(code)}?saved=1`, 303);
  }
  const errors: SheetErrors =
    result.kind === "invalid"
      ? result.errors
      : {
          _form: [`scoring.error.${result.kind === "conflict" ? "conflictNoJs" : result.kind}`],
        };
  return json(
    {
      kind: result.kind,
      errors,
      values: result.values,
      key: oneTimeKey(),
      current: result.kind === "conflict" ? result.current : null,
    },
    { status: statusOf(result), headers: noStore },
  );
}

function ScoreErrors({
  id,
  errors,
  min,
  max,
}: {
  id: string;
  errors: string[] | undefined;
  min: number;
  max: number;
}) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {[...new Set(errors)].map((e) => (
        <li key={e}>{isMessageKey(e) ? t(e, { min, max }) : t("error.invalid")}</li>
      ))}
    </ul>
  );
}

function StatusLine({
  status,
  savedAt,
  failedCode,
}: {
  status: SaveStatus;
  savedAt: string | null;
  failedCode: number | null;
}) {
  const t = useT();
  const lang = useLang();
  const text =
    status === "saved"
      ? savedAt
        ? t("scoring.status.saved", { time: formatTime(savedAt, lang) })
        : t("scoring.status.idle")
      : status === "failed"
        ? t("scoring.status.failed", { code: failedCode ?? 0 })
        : t(`scoring.status.${status}` as MessageKey);
  const tone = [
    "offline",
    "storage",
    "signedOut",
    "invalid",
    "conflict",
    "locked",
    "closed",
    "failed",
  ].includes(status)
    ? "warn"
    : "ok";
  return (
    <p
      className={`save-status save-status-${tone}`}
      role="status"
      aria-live="polite"
      data-status={status}
    >
      {text}
    </p>
  );
}

export default function ScoreSheet() {
  const t = useT();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const hydrated = useHydrated();
  const { competition, library, criteria, sheet, editable } = data;
  const indicators = useMemo(
    () => criteria.flatMap((c: SheetCriteria) => c.indicators),
    [criteria],
  );
  const serverValues = useMemo(() => valuesOfServerSheet(sheet), [sheet]);
  const endpoint = `/api/sheets/${competition.slug}/${encodeURIComponent(library.code)}`;

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

  const errors: SheetErrors = {
    ...(actionData?.errors ?? {}),
    ...autosave.serverErrors,
    ...clientErrors,
  };
  const totals = liveTotals(criteria, values);
  const conflict: { current: ServerSheet; fromDevice: boolean } | null =
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
    const checked = checkFields(indicators, values, intent);
    if (Object.keys(checked.errors).length > 0) {
      setClientErrors(checked.errors);
      const first = Object.keys(checked.errors)[0];
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setClientErrors({});
    void autosave.send(intent);
  }

  const errorCount = Object.keys(errors).filter((k) => k !== "_form").length;
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
      <p className="breadcrumbs">
        <Link to={`/judge/${competition.slug}`}>{t("scoring.sheet.back")}</Link>
      </p>
      <h1>{t("scoring.sheet.heading", { library: library.name })}</h1>
      <p className="muted">{competition.name}</p>
      <dl className="details">
        <div>
          <dt>{t("scoring.sheet.category")}</dt>
          <dd>{t(`libraryType.${library.category}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t("scoring.sheet.village")}</dt>
          <dd>{library.village}</dd>
        </div>
        <div>
          <dt>{t("scoring.sheet.district")}</dt>
          <dd>{library.district}</dd>
        </div>
        {library.address ? (
          <div>
            <dt>{t("scoring.sheet.address")}</dt>
            <dd>{library.address}</dd>
          </div>
        ) : null}
        {library.headName ? (
          <div>
            <dt>{t("scoring.sheet.head")}</dt>
            <dd>{library.headName}</dd>
          </div>
        ) : null}
        {library.npp ? (
          <div>
            <dt>{t("scoring.sheet.npp")}</dt>
            <dd>{library.npp}</dd>
          </div>
        ) : null}
      </dl>

      {search.get("saved") && !actionData ? (
        <p className="notice" role="status">
          {t("scoring.sheet.savedNotice")}
        </p>
      ) : null}
      {readOnlyReason ? <p className="notice">{readOnlyReason}</p> : null}
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
      {errors._form?.length ? (
        <ul className="field-errors" role="alert">
          {errors._form.map((e) => (
            <li key={e}>{isMessageKey(e) ? t(e) : t("error.invalid")}</li>
          ))}
        </ul>
      ) : null}
      {errorCount > 0 ? (
        <p className="field-errors" role="alert">
          {t("scoring.error.summary", { count: errorCount })}
        </p>
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
        method="post"
        noValidate
        onSubmit={onSubmit}
        className="sheet-form"
        aria-describedby="sheet-total"
      >
        <input type="hidden" name="version" value={formVersion} />
        <input type="hidden" name="key" value={actionData?.key ?? data.key} />
        {criteria.map((component) => (
          <fieldset key={component.code} className="sheet-component">
            <legend>
              {component.code}. {component.name}{" "}
              <span className="muted">
                ({t("scoring.sheet.weight", { weight: component.weight })})
              </span>
            </legend>
            {component.indicators.map((indicator) => {
              const scoreName = `score.${indicator.code}`;
              const noteName = `note.${indicator.code}`;
              const scoreErrors = errors[scoreName];
              const rubricId = `${fieldId(scoreName)}-rubric`;
              const errorId = `${fieldId(scoreName)}-error`;
              return (
                <div key={indicator.code} className="sheet-indicator">
                  <div className="sheet-indicator-input">
                    <label htmlFor={fieldId(scoreName)}>
                      <strong>
                        {indicator.code} · {indicator.name}
                      </strong>
                      <span className="score-label">
                        {t("scoring.sheet.score", {
                          code: indicator.code,
                          min: indicator.min,
                          max: indicator.max,
                        })}
                      </span>
                    </label>
                    <input
                      id={fieldId(scoreName)}
                      name={scoreName}
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      className="score-input"
                      value={values[scoreName] ?? ""}
                      readOnly={!editable}
                      onChange={(e) => change(scoreName, e.currentTarget.value)}
                      aria-invalid={scoreErrors?.length ? true : undefined}
                      aria-describedby={[rubricId, scoreErrors?.length ? errorId : null]
                        .filter(Boolean)
                        .join(" ")}
                    />
                    <ScoreErrors
                      id={errorId}
                      errors={scoreErrors}
                      min={indicator.min}
                      max={indicator.max}
                    />
                  </div>
                  <div className="sheet-indicator-rubric" id={rubricId}>
                    {indicator.description ? <p>{indicator.description}</p> : null}
                    {indicator.rubric.length > 0 ? (
                      <ol
                        className="rubric"
                        aria-label={t("scoring.sheet.rubric", {
                          code: indicator.code,
                        })}
                      >
                        {indicator.rubric.map((level) => (
                          <li key={level.level} value={level.level}>
                            <strong>{level.level}</strong> — {level.text}
                          </li>
                        ))}
                      </ol>
                    ) : null}
                  </div>
                  <div className="sheet-indicator-note">
                    <label htmlFor={fieldId(noteName)}>
                      {t("scoring.sheet.note", { code: indicator.code })}
                    </label>
                    <textarea
                      id={fieldId(noteName)}
                      name={noteName}
                      rows={2}
                      value={values[noteName] ?? ""}
                      readOnly={!editable}
                      onChange={(e) => change(noteName, e.currentTarget.value)}
                      aria-invalid={errors[noteName]?.length ? true : undefined}
                    />
                    <ScoreErrors
                      id={`${fieldId(noteName)}-error`}
                      errors={errors[noteName]}
                      min={indicator.min}
                      max={indicator.max}
                    />
                  </div>
                </div>
              );
            })}
            <p className="subtotal">
              {t("scoring.sheet.subtotal", {
                code: component.code,
                score: formatScore(totals.components[component.code] ?? 0, lang),
                weight: component.weight,
              })}
            </p>
          </fieldset>
        ))}

        <div className="field">
          <label htmlFor="field-comment">{t("scoring.sheet.comment")}</label>
          <textarea
            id="field-comment"
            name="comment"
            rows={4}
            value={values.comment ?? ""}
            readOnly={!editable}
            onChange={(e) => change("comment", e.currentTarget.value)}
            aria-invalid={errors.comment?.length ? true : undefined}
          />
          <ScoreErrors id="field-comment-error" errors={errors.comment} min={0} max={0} />
        </div>

        <div className="sheet-bar" role="group" aria-label={t("scoring.sheet.actions")}>
          <p id="sheet-total" className="sheet-total">
            {t("scoring.sheet.total")}:{" "}
            <output data-testid="total">{formatScore(totals.totalX100, lang)}</output> / 100
            <span className="muted">
              {" "}
              ·{" "}
              {t("scoring.sheet.scored", {
                scored: totals.scored,
                total: totals.indicators,
              })}
            </span>
          </p>
          {hydrated && editable ? (
            <StatusLine
              status={autosave.status}
              savedAt={autosave.savedAt}
              failedCode={autosave.failedCode}
            />
          ) : null}
          {editable ? (
            <p className="sheet-buttons">
              <button type="submit" name="intent" value="save" className="button">
                {t("scoring.sheet.save")}
              </button>{" "}
              <button
                type="submit"
                name="intent"
                value="submit"
                className="button primary"
                aria-describedby="submit-hint"
              >
                {t("scoring.sheet.submit")}
              </button>
            </p>
          ) : null}
          {editable ? (
            <p id="submit-hint" className="hint">
              {t("scoring.sheet.submitHint")}
            </p>
          ) : null}
        </div>
      </form>
    </>
  );
}

function fieldId(name: string): string {
  return name === "comment" ? "field-comment" : `field-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

function ConflictPanel({
  conflict,
  mine,
  criteria,
  hydrated,
  onKeepMine,
  onUseServer,
  reloadTo,
}: {
  conflict: { current: ServerSheet; fromDevice: boolean };
  mine: SheetValues;
  criteria: SheetCriteria[];
  hydrated: boolean;
  onKeepMine: () => void;
  onUseServer: () => void;
  reloadTo: string;
}) {
  const t = useT();
  const lang = useLang();
  const theirs = valuesOfServerSheet(conflict.current);
  const fields = [
    ...criteria.flatMap((c) => c.indicators.flatMap((i) => [`score.${i.code}`, `note.${i.code}`])),
    "comment",
  ].filter((name) => !sameValues({ [name]: mine[name] ?? "" }, { [name]: theirs[name] ?? "" }));
  const submitted = conflict.current.status === "submitted";
  return (
    <section className="conflict panel" aria-labelledby="conflict-title" role="alert">
      <h2 id="conflict-title">{t("scoring.conflict.title")}</h2>
      <p>
        {conflict.fromDevice
          ? t("scoring.conflict.device")
          : t("scoring.conflict.body", {
              time: conflict.current.updatedAt ? formatTime(conflict.current.updatedAt, lang) : "—",
            })}
      </p>
      {submitted ? <p>{t("scoring.conflict.submittedElsewhere")}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("scoring.conflict.field")}</th>
              <th scope="col">{t("scoring.conflict.yours")}</th>
              <th scope="col">{t("scoring.conflict.server")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((name) => (
              <tr key={name}>
                <th scope="row">
                  {name === "comment"
                    ? t("scoring.sheet.comment")
                    : name
                        .replace(/^score\./, "")
                        .replace(/^note\.(.*)$/, (_, c: string) =>
                          t("scoring.sheet.note", { code: c }),
                        )}
                </th>
                <td>{mine[name]?.trim() || t("scoring.conflict.empty")}</td>
                <td>{theirs[name]?.trim() || t("scoring.conflict.empty")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hydrated ? (
        <p className="sheet-buttons">
          {!submitted ? (
            <button type="button" className="button primary" onClick={onKeepMine}>
              {t("scoring.conflict.keepMine")}
            </button>
          ) : null}{" "}
          <button type="button" className="button" onClick={onUseServer}>
            {submitted ? t("scoring.conflict.discard") : t("scoring.conflict.useServer")}
          </button>
        </p>
      ) : (
        <p>
          {!submitted ? t("scoring.conflict.noJs") : null}{" "}
          <a href={reloadTo}>{t("scoring.conflict.reload")}</a>
        </p>
      )}
    </section>
  );
}
