import { useId } from "react";
import { ConfirmStep, MessageList } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import {
  rubricLevels,
  WEIGHT_TOTAL,
  type DraftComponent,
  type DraftIndicator,
} from "~/lib/criteria";
import type { Message } from "~/lib/messages";
import { CLAIM_UNITS, MAX_UNIT, NO_CLAIM, type DraftClaim } from "~/lib/self-assessment";

/** The server's findings by field path (`0.indicators.1.max`; "" for the whole draft). */
export type Issues = Record<string, Message[]>;

function CField({
  label,
  name,
  value,
  issues,
  short,
  inputMode,
  readOnly,
}: {
  label: string;
  name: string;
  value: string;
  issues?: Message[];
  short?: boolean;
  inputMode?: "numeric";
  readOnly?: boolean;
}) {
  const id = useId();
  return (
    <div className={short ? "field short" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        defaultValue={value}
        inputMode={inputMode}
        readOnly={readOnly}
        aria-invalid={issues?.length ? true : undefined}
        aria-describedby={issues?.length ? `${id}-error` : undefined}
      />
      {issues?.length ? (
        <div id={`${id}-error`}>
          <MessageList messages={issues} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The whole draft as one form. Every add/remove button posts the draft so far and the server
 * answers with the edited draft (it works without JavaScript); only "save" writes.
 */
export function CriteriaFields({
  draft,
  issues,
  frozen,
  claimsEditable = false,
  total,
}: {
  draft: DraftComponent[];
  issues: Issues;
  frozen: boolean;
  /** the reported values may change while the criteria are frozen (before the window opens) */
  claimsEditable?: boolean;
  total: number | null;
}) {
  const t = useT();
  if (frozen)
    // read-only, not refused: the values stay readable and selectable, with nothing to press
    return (
      <div className="criteria-frozen" role="group" aria-describedby="criteria-frozen">
        {draft.map((c, ci) => (
          <ComponentFields
            key={ci}
            component={c}
            ci={ci}
            issues={issues}
            frozen
            claimsEditable={claimsEditable}
          />
        ))}
        <p className="criteria-total">
          <strong>{t("setup.criteria.total", { total: total ?? "?" })}</strong>
        </p>
        {claimsEditable && draft.length > 0 ? (
          <button type="submit" name="intent" value="claims" className="button primary">
            {t("selfAssessment.claim.saveOnly")}
          </button>
        ) : null}
        <datalist id="claim-units">
          {CLAIM_UNITS.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </div>
    );
  return (
    <>
      {/* Enter in a field saves, rather than pressing the first add/remove button */}
      <button
        type="submit"
        name="intent"
        value="save"
        className="setup-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
      >
        {t("setup.criteria.save")}
      </button>
      <datalist id="claim-units">
        {CLAIM_UNITS.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <fieldset className="setup-fieldset">
        {draft.map((c, ci) => (
          <ComponentFields key={ci} component={c} ci={ci} issues={issues} frozen={false} />
        ))}
        <div className="button-row sticky-actions">
          <p className="criteria-total" aria-live="polite">
            <strong>{t("setup.criteria.total", { total: total ?? "?" })}</strong>{" "}
            {total === null ? (
              <span className="field-error">{t("setup.criteria.totalNotWhole")}</span>
            ) : total !== WEIGHT_TOTAL ? (
              <span className="field-error">{t("setup.error.weightTotal", { total })}</span>
            ) : null}
          </p>
          <button type="submit" name="intent" value="add-component" className="button">
            {t("setup.criteria.addComponent")}
          </button>
          <button type="submit" name="intent" value="refresh" className="button">
            {t("setup.criteria.rubricApply")}
          </button>
          <button type="submit" name="intent" value="save" className="button primary">
            {t("setup.criteria.save")}
          </button>
        </div>
      </fieldset>
    </>
  );
}

function ComponentFields({
  component: c,
  ci,
  issues,
  frozen,
  claimsEditable = false,
}: {
  component: DraftComponent;
  ci: number;
  issues: Issues;
  frozen: boolean;
  claimsEditable?: boolean;
}) {
  const t = useT();
  return (
    <fieldset className="criteria-component">
      <legend>{t("setup.criteria.component", { n: ci + 1 })}</legend>
      <div className="field-row">
        <CField
          readOnly={frozen}
          label={t("setup.criteria.code")}
          name={`c.${ci}.code`}
          value={c.code}
          issues={issues[`${ci}.code`]}
          short
        />
        <CField
          readOnly={frozen}
          label={t("setup.criteria.name")}
          name={`c.${ci}.name`}
          value={c.name}
          issues={issues[`${ci}.name`]}
        />
        <CField
          readOnly={frozen}
          label={t("setup.criteria.weight")}
          name={`c.${ci}.weight`}
          value={c.weight}
          issues={issues[`${ci}.weight`]}
          short
          inputMode="numeric"
        />
      </div>
      <MessageList messages={[...(issues[`${ci}`] ?? []), ...(issues[`${ci}.indicators`] ?? [])]} />
      {c.indicators.map((ind, ii) => (
        <IndicatorFields
          key={ii}
          indicator={ind}
          ci={ci}
          ii={ii}
          issues={issues}
          frozen={frozen}
          claimsEditable={claimsEditable}
        />
      ))}
      {frozen ? null : (
        <div className="button-row">
          <button
            type="submit"
            name="intent"
            value={`add-indicator:${ci}`}
            className="button small"
          >
            {t("setup.criteria.addIndicator")}
          </button>
          <ConfirmStep
            label={t("setup.criteria.removeComponent")}
            question={t("setup.criteria.removeComponentQuestion", {
              n: ci + 1,
              count: c.indicators.length,
            })}
          >
            <button
              type="submit"
              name="intent"
              value={`remove-component:${ci}`}
              className="button small danger"
            >
              {t("setup.criteria.removeComponentConfirm")}
            </button>
          </ConfirmStep>
        </div>
      )}
    </fieldset>
  );
}

function IndicatorFields({
  indicator: ind,
  ci,
  ii,
  issues,
  frozen,
  claimsEditable = false,
}: {
  indicator: DraftIndicator;
  ci: number;
  ii: number;
  issues: Issues;
  frozen: boolean;
  claimsEditable?: boolean;
}) {
  const t = useT();
  const p = `c.${ci}.i.${ii}`;
  const k = `${ci}.indicators.${ii}`;
  const levels = rubricLevels(ind.min, ind.max);
  return (
    <fieldset className="criteria-indicator">
      <legend>
        {t("setup.criteria.indicator", {
          code: ind.code || `${ii + 1}`,
        })}
      </legend>
      <div className="field-row">
        <CField
          readOnly={frozen}
          label={t("setup.criteria.code")}
          name={`${p}.code`}
          value={ind.code}
          issues={issues[`${k}.code`]}
          short
        />
        <CField
          readOnly={frozen}
          label={t("setup.criteria.name")}
          name={`${p}.name`}
          value={ind.name}
          issues={issues[`${k}.name`]}
        />
        <CField
          readOnly={frozen}
          label={t("setup.criteria.min")}
          name={`${p}.min`}
          value={ind.min}
          issues={issues[`${k}.min`]}
          short
          inputMode="numeric"
        />
        <CField
          readOnly={frozen}
          label={t("setup.criteria.max")}
          name={`${p}.max`}
          value={ind.max}
          issues={issues[`${k}.max`]}
          short
          inputMode="numeric"
        />
      </div>
      <CField
        readOnly={frozen}
        label={t("setup.criteria.description")}
        name={`${p}.description`}
        value={ind.description}
        issues={issues[`${k}.description`]}
      />
      <details open={Object.values(ind.rubric).some((v) => v !== "") || undefined}>
        <summary>{t("setup.criteria.rubric")}</summary>
        {levels.length === 0 ? <p className="hint">{t("setup.criteria.rubricTooLong")}</p> : null}
        {levels.map((level) => (
          <CField
            readOnly={frozen}
            key={level}
            label={t("setup.criteria.rubricLevel", { level })}
            name={`${p}.r.${level}`}
            value={ind.rubric[String(level)] ?? ""}
            issues={issues[`${k}.rubric.${level}`]}
          />
        ))}
      </details>
      <ClaimFields
        claim={ind.claim ?? NO_CLAIM}
        prefix={`${p}.claim`}
        issuesAt={`${k}.claim`}
        issues={issues}
        readOnly={frozen && !claimsEditable}
      />
      {frozen ? null : (
        <div className="button-row">
          <ConfirmStep
            label={t("setup.criteria.removeIndicator")}
            question={t("setup.criteria.removeIndicatorQuestion", {
              code: ind.code || `${ii + 1}`,
            })}
          >
            <button
              type="submit"
              name="intent"
              value={`remove-indicator:${ci}:${ii}`}
              className="button small danger"
            >
              {t("setup.criteria.removeIndicatorConfirm")}
            </button>
          </ConfirmStep>
        </div>
      )}
    </fieldset>
  );
}

/**
 * The value libraries report on this indicator in their self-assessment: a number with its unit
 * and the standard's minimum, yes/no (the standard may require "yes"), short text, or none.
 */
function ClaimFields({
  claim,
  prefix,
  issuesAt,
  issues,
  readOnly,
}: {
  claim: DraftClaim;
  prefix: string;
  issuesAt: string;
  issues: Issues;
  readOnly: boolean;
}) {
  const t = useT();
  const id = useId();
  const kindIssues = issues[`${issuesAt}.kind`];
  const unitIssues = issues[`${issuesAt}.unit`];
  return (
    <fieldset className="criteria-claim">
      <legend>{t("selfAssessment.claim.legend")}</legend>
      <div className="field-row">
        <div className="field short">
          <label htmlFor={`${id}-kind`}>{t("selfAssessment.claim.kind")}</label>
          {readOnly ? (
            <input
              id={`${id}-kind`}
              readOnly
              defaultValue={t(`selfAssessment.claim.kind.${claim.kind || "none"}` as never)}
            />
          ) : (
            <select
              id={`${id}-kind`}
              name={`${prefix}.kind`}
              defaultValue={claim.kind || "none"}
              aria-invalid={kindIssues?.length ? true : undefined}
            >
              {(["none", "number", "yesno", "text"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`selfAssessment.claim.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
          {kindIssues?.length ? <MessageList messages={kindIssues} /> : null}
        </div>
        <div className="field short">
          <label htmlFor={`${id}-unit`}>{t("selfAssessment.claim.unit")}</label>
          <input
            id={`${id}-unit`}
            name={readOnly ? undefined : `${prefix}.unit`}
            list="claim-units"
            maxLength={MAX_UNIT}
            readOnly={readOnly}
            defaultValue={claim.unit}
            aria-invalid={unitIssues?.length ? true : undefined}
          />
          {unitIssues?.length ? <MessageList messages={unitIssues} /> : null}
        </div>
        <CField
          readOnly={readOnly}
          label={t("selfAssessment.claim.standard")}
          name={`${prefix}.standard`}
          value={claim.standard}
          issues={issues[`${issuesAt}.standard`]}
          short
        />
        <div className="field check">
          <label>
            <input
              type="checkbox"
              name={readOnly ? undefined : `${prefix}.requiresYes`}
              value="on"
              disabled={readOnly}
              defaultChecked={claim.requiresYes === "on"}
            />{" "}
            {t("selfAssessment.claim.requiresYes")}
          </label>
        </div>
      </div>
    </fieldset>
  );
}
