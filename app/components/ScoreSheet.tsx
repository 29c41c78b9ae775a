import { Link } from "@remix-run/react";
import { isMessageKey, type MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import type { ReactNode } from "react";
import { formatScore, formatTime } from "~/lib/format";
import { scoreLevels } from "~/lib/sheet";
import type {
  SheetComponent,
  SheetErrors,
  SheetIndicator,
  SheetValues,
} from "~/lib/sheet-contract";
import type { AutosaveStatus } from "~/lib/use-sheet-autosave";
import { ScoreLevels } from "./ScoreLevels";

/** The id of a sheet field's input, also the target of the error summary's focus. */
export function fieldId(name: string): string {
  return name === "comment" ? "field-comment" : `field-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** The way back, the heading and the library being judged. */
export function SheetHeader({
  competition,
  stage,
  library,
}: {
  competition: { slug: string; name: string };
  /** the stage being scored, when the competition has more than one */
  stage: { name: string; position: number; count: number } | null;
  library: {
    name: string;
    category: string;
    village: string;
    district: string;
    address: string | null;
    headName: string | null;
    npp: string | null;
  };
}) {
  const t = useT();
  const details: [MessageKey, string | null][] = [
    ["scoring.sheet.address", library.address],
    ["scoring.sheet.head", library.headName],
    ["scoring.sheet.npp", library.npp],
  ];
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/judge/${competition.slug}`}>{t("scoring.sheet.back")}</Link>
      </p>
      <h1>{t("scoring.sheet.heading", { library: library.name })}</h1>
      <p className="muted">{competition.name}</p>
      {stage ? <p className="stage-now">{t("scoring.stageNow", stage)}</p> : null}
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
        {details.map(([label, value]) =>
          value ? (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value}</dd>
            </div>
          ) : null,
        )}
      </dl>
    </>
  );
}

/** Errors of one field: catalog keys, range messages filled with the indicator's min and max. */
export function ScoreErrors({
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

/**
 * Errors of the whole form, then (JavaScript off: the footer has no status line then) how many
 * fields need attention, with a link to their list.
 */
export function SheetErrorSummary({
  errors,
  hydrated,
}: {
  errors: SheetErrors;
  hydrated: boolean;
}) {
  const t = useT();
  const count = hydrated ? 0 : Object.keys(errors).filter((k) => k !== "_form").length;
  return (
    <>
      {errors._form?.length ? (
        <ul className="field-errors" role="alert">
          {errors._form.map((e) => (
            <li key={e}>{isMessageKey(e) ? t(e) : t("error.invalid")}</li>
          ))}
        </ul>
      ) : null}
      {count > 0 ? (
        <p className="field-errors" role="alert">
          {t("scoring.error.summary", { count })}{" "}
          <a href="#sheet-problems">{t("scoring.problems.jump")}</a>
        </p>
      ) : null}
    </>
  );
}

interface FieldProps {
  values: SheetValues;
  errors: SheetErrors;
  editable: boolean;
  onChange: (name: string, value: string) => void;
}

/** One component of the criteria: its indicators and its live subtotal. */
export function ComponentFieldset({
  component,
  subtotalX100,
  besides,
  ...fields
}: FieldProps & {
  component: SheetComponent;
  subtotalX100: number;
  /** shown after an indicator's fields, by indicator code (the library's claim and its check) */
  besides?: (code: string) => ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <fieldset className="sheet-component">
      <legend>
        {component.code}. {component.name}{" "}
        <span className="muted">({t("scoring.sheet.weight", { weight: component.weight })})</span>
      </legend>
      {component.indicators.map((indicator) => (
        <IndicatorRow
          key={indicator.code}
          indicator={indicator}
          beside={besides?.(indicator.code)}
          {...fields}
        />
      ))}
      <p className="subtotal">
        {t("scoring.sheet.subtotal", {
          code: component.code,
          score: formatScore(subtotalX100, lang),
          weight: component.weight,
        })}
      </p>
    </fieldset>
  );
}

/**
 * An indicator: its score, as a choice of rubric levels (ScoreLevels) or, for a scale without a
 * rubric, a number box with the description beside it; and the judge's note.
 */
export function IndicatorRow({
  indicator,
  values,
  errors,
  editable,
  onChange,
  beside,
}: FieldProps & { indicator: SheetIndicator; beside?: ReactNode }) {
  const t = useT();
  const scoreName = `score.${indicator.code}`;
  const noteName = `note.${indicator.code}`;
  const scoreErrors = errors[scoreName];
  const rubricId = `${fieldId(scoreName)}-rubric`;
  const errorId = `${fieldId(scoreName)}-error`;
  const levels = scoreLevels(indicator);
  const scoreErrorList = (
    <ScoreErrors id={errorId} errors={scoreErrors} min={indicator.min} max={indicator.max} />
  );
  return (
    <div className={levels ? "sheet-indicator sheet-indicator-levels" : "sheet-indicator"}>
      {levels ? (
        <ScoreLevels
          indicator={indicator}
          levels={levels}
          name={scoreName}
          value={values[scoreName] ?? ""}
          inputId={fieldId(scoreName)}
          editable={editable}
          onChange={onChange}
          errorId={scoreErrors?.length ? errorId : null}
          errors={scoreErrorList}
        />
      ) : (
        <>
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
              onChange={(e) => onChange(scoreName, e.currentTarget.value)}
              aria-invalid={scoreErrors?.length ? true : undefined}
              aria-describedby={[rubricId, scoreErrors?.length ? errorId : null]
                .filter(Boolean)
                .join(" ")}
            />
            {scoreErrorList}
          </div>
          <div className="sheet-indicator-rubric" id={rubricId}>
            {indicator.description ? <p>{indicator.description}</p> : null}
            {indicator.rubric.length > 0 ? (
              <ol
                className="rubric"
                aria-label={t("scoring.sheet.rubric", { code: indicator.code })}
              >
                {indicator.rubric.map((level) => (
                  <li key={level.level} value={level.level}>
                    <strong>{level.level}</strong> — {level.text}
                  </li>
                ))}
              </ol>
            ) : null}
          </div>
        </>
      )}
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
          onChange={(e) => onChange(noteName, e.currentTarget.value)}
          aria-invalid={errors[noteName]?.length ? true : undefined}
        />
        <ScoreErrors
          id={`${fieldId(noteName)}-error`}
          errors={errors[noteName]}
          min={indicator.min}
          max={indicator.max}
        />
      </div>
      {beside}
    </div>
  );
}

/** The overall comment, the live total, the save state and the two buttons. */
export function SheetFooter({
  values,
  errors,
  editable,
  onChange,
  totals,
  saveState,
  children,
}: FieldProps & {
  totals: { totalX100: number; scored: number; indicators: number };
  /** shown once the page runs its script (autosave) */
  saveState: SaveState | null;
  /** shown between the comment and the sticky bar (the fields to fix) */
  children?: ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <div className="field">
        <label htmlFor="field-comment">{t("scoring.sheet.comment")}</label>
        <textarea
          id="field-comment"
          name="comment"
          rows={4}
          value={values.comment ?? ""}
          readOnly={!editable}
          onChange={(e) => onChange("comment", e.currentTarget.value)}
          aria-invalid={errors.comment?.length ? true : undefined}
        />
        <ScoreErrors id="field-comment-error" errors={errors.comment} min={0} max={0} />
      </div>
      {children}

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
        {saveState && editable ? <StatusLine {...saveState} /> : null}
        {editable ? (
          <p className="sheet-buttons">
            <button type="submit" name="intent" value="save" className="button">
              {t("scoring.sheet.save")}
            </button>{" "}
            <button
              id="sheet-submit"
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
    </>
  );
}

const WARN_STATUSES: AutosaveStatus[] = [
  "offline",
  "unavailable",
  "storage",
  "signedOut",
  "invalid",
  "conflict",
  "locked",
  "closed",
  "failed",
];

/** What the footer's status line shows: the autosave's state and the sheet's own problems. */
export interface SaveState {
  status: AutosaveStatus;
  savedAt: string | null;
  failedCode: number | null;
  /** fields with an error; `required`: each only lacks the score a submission needs */
  problems: { count: number; required: boolean };
}

/** States of the connection or the server that say more than the sheet's problems would. */
const OUTRANKS_PROBLEMS: AutosaveStatus[] = [
  "offline",
  "unavailable",
  "storage",
  "signedOut",
  "conflict",
  "locked",
  "closed",
  "failed",
];

/**
 * One status for the sheet: a sheet with problems never reads "saved" in green; the footer says
 * how many fields need fixing (their list sits just above it).
 */
function StatusLine({ status, savedAt, failedCode, problems }: SaveState) {
  const t = useT();
  const lang = useLang();
  if (problems.count > 0 && !OUTRANKS_PROBLEMS.includes(status)) {
    return (
      <p
        className="save-status save-status-warn"
        role="status"
        aria-live="polite"
        data-status="problems"
      >
        {problems.required
          ? t("scoring.status.required", { count: problems.count })
          : t("scoring.status.problems", { count: problems.count })}{" "}
        <a href="#sheet-problems">{t("scoring.problems.jump")}</a>
      </p>
    );
  }
  const text =
    status === "saved"
      ? savedAt
        ? t("scoring.status.saved", { time: formatTime(savedAt, lang) })
        : t("scoring.status.idle")
      : status === "failed"
        ? t("scoring.status.failed", { code: failedCode ?? 0 })
        : t(`scoring.status.${status}` as MessageKey);
  const tone = WARN_STATUSES.includes(status) ? "warn" : "ok";
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
