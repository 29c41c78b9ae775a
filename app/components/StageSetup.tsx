import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { COMBINE_MODES, STAGE_KINDS, type CombineMode, type StageKind } from "../../db/schema";
import { ErrorList, Field, SelectField } from "~/components/Field";
import { ConfirmStep, type FormErrors } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import {
  scoredWeightTotal,
  stageWeightIssue,
  typedWeight,
  type StageWeight,
} from "~/lib/stage-setup";

/** A stage as the setup forms show it. */
export interface SetupStage {
  code: string;
  name: string;
  kind: StageKind;
  weight: number;
  advance: number | null;
  closed: boolean;
  /** a desk stage: entries must have submitted their self-assessment to move into it */
  requiresSelfAssessment?: boolean;
}

/** The page's answer to a setup POST (which form it belongs to: intent and `stage`). */
export interface SetupReply {
  intent: string | null;
  errors: FormErrors;
  values: Partial<Record<string, string>>;
}

export const SETUP_INTENTS = [
  "stage-add",
  "stage-edit",
  "stage-remove",
  "stage-move",
  "stage-combine",
] as const;

/** The form a setup answer belongs to: a stage's code, "add" or "combine"; null: none. */
export function setupFormOf(reply: SetupReply | undefined, stages: SetupStage[]): string | null {
  if (!reply?.intent || !(SETUP_INTENTS as readonly string[]).includes(reply.intent)) return null;
  if (reply.intent === "stage-add") return "add";
  if (reply.intent === "stage-combine") return "combine";
  const code = reply.values.stage ?? "";
  return stages.find((s) => s.code === code)?.code ?? null;
}

function StageFields({
  stage,
  values,
  errors,
}: {
  stage: SetupStage | null;
  values: Partial<Record<string, string>> | null;
  errors: FormErrors;
}) {
  const t = useT();
  const value = (name: keyof SetupStage) =>
    values ? values[name] : stage ? String(stage[name] ?? "") : undefined;
  return (
    <>
      <Field
        label={t("stageSetup.field.code")}
        hint={t("stageSetup.field.codeHint")}
        name="code"
        required
        maxLength={20}
        defaultValue={value("code")}
        errors={errors.code}
      />
      <Field
        label={t("stageSetup.field.name")}
        name="name"
        required
        defaultValue={value("name")}
        errors={errors.name}
      />
      <SelectField
        label={t("stageSetup.field.kind")}
        name="kind"
        options={STAGE_KINDS.map((k) => ({ value: k, label: t(`stages.kind.${k}`) }))}
        defaultValue={value("kind") ?? "desk"}
        errors={errors.kind}
      />
      <Field
        label={t("stageSetup.field.weight")}
        hint={t("stageSetup.field.weightHint")}
        name="weight"
        inputMode="numeric"
        required
        defaultValue={value("weight") ?? "0"}
        errors={errors.weight}
      />
      <Field
        label={t("stageSetup.field.advance")}
        hint={t("stageSetup.field.advanceHint")}
        name="advance"
        inputMode="numeric"
        defaultValue={value("advance")}
        errors={errors.advance}
      />
      <div className="field check">
        <label>
          <input
            type="checkbox"
            name="requiresSelfAssessment"
            value="on"
            defaultChecked={
              values
                ? values.requiresSelfAssessment === "on"
                : Boolean(stage?.requiresSelfAssessment)
            }
            aria-describedby={`${stage?.code ?? "new"}-requires-hint`}
          />{" "}
          {t("selfAssessment.stage.requires")}
        </label>
        <p className="hint" id={`${stage?.code ?? "new"}-requires-hint`}>
          {t("selfAssessment.stage.requiresHint")}
        </p>
      </div>
    </>
  );
}

/** The kind and weight typed in one stage's form right now. */
function typedIn(form: HTMLFormElement): StageWeight {
  const data = new FormData(form);
  return {
    kind: String(data.get("kind") ?? "other") as StageKind,
    weight: typedWeight(String(data.get("weight") ?? "")),
  };
}

/**
 * Setting up the stages while the competition is a draft: each stage's own form (save, move
 * up/down, remove in two steps), a form to add one, and how their scores combine. With
 * JavaScript the weight rule follows the typing; without, it shows the saved stages.
 */
export function StageSetup({
  slug,
  stages,
  combine,
  removable,
  started,
  reply,
}: {
  slug: string;
  stages: SetupStage[];
  combine: CombineMode;
  removable: string[];
  started: boolean;
  reply: SetupReply | undefined;
}) {
  const t = useT();
  const here = setupFormOf(reply, stages);
  const errorsFor = (form: string) => (here === form ? (reply?.errors ?? {}) : {});
  const valuesFor = (form: string) => (here === form ? (reply?.values ?? {}) : null);
  const saved = () =>
    Object.fromEntries(stages.map((s) => [s.code, { kind: s.kind, weight: s.weight }]));
  const [typed, setTyped] = useState<Record<string, StageWeight>>(saved);
  const [mode, setMode] = useState<CombineMode>(combine);
  const key = JSON.stringify(stages) + combine;
  useEffect(() => {
    setTyped(saved());
    setMode(combine);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const weights = Object.values(typed);
  const issue = stageWeightIssue(weights, mode);
  const total = scoredWeightTotal(weights);
  return (
    <section aria-labelledby="stage-setup" className="panel" id="stage-setup-panel">
      <h2 id="stage-setup">{t("stageSetup.heading")}</h2>
      <p className="muted">{t("stageSetup.intro")}</p>
      {started ? <p className="readonly-note">{t("stageSetup.started")}</p> : null}

      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="stage-combine" />
        <fieldset>
          <legend>{t("stageSetup.combine.legend")}</legend>
          {COMBINE_MODES.map((m) => (
            <p key={m} className="checkbox">
              <input
                type="radio"
                id={`combine-${m}`}
                name="combine"
                value={m}
                defaultChecked={(valuesFor("combine")?.combine ?? combine) === m}
                onChange={() => setMode(m)}
                aria-describedby={`combine-${m}-hint`}
              />{" "}
              <label htmlFor={`combine-${m}`}>{t(`stageSetup.combine.${m}`)}</label>
              <span className="hint" id={`combine-${m}-hint`}>
                {" "}
                {t(`stageSetup.combine.${m}Hint`)}
              </span>
            </p>
          ))}
          <ErrorList
            errors={[
              ...(errorsFor("combine")._form ?? []),
              ...(errorsFor("combine").combine ?? []),
            ]}
          />
        </fieldset>
        <p>
          <button type="submit" className="button">
            {t("stageSetup.combine.save")}
          </button>
        </p>
      </Form>

      <p className="criteria-total" aria-live="polite" id="stage-weight-rule">
        {mode === "weighted" ? (
          <>
            <strong>{t("stageSetup.total", { total: total ?? "?" })}</strong>{" "}
          </>
        ) : null}
        {issue ? (
          <span className="field-error">{t(issue.message, issue.params)}</span>
        ) : (
          <span>{t("stageSetup.totalOk")}</span>
        )}
      </p>

      {stages.map((s, k) => {
        const errors = errorsFor(s.code);
        return (
          <div key={s.code} className="stack stage-setup-item">
            <h3 id={`stage-setup-${s.code}`}>
              {t("stageSetup.stageHeading", { position: k + 1, stage: s.code })}
            </h3>
            {here === s.code ? (
              <ErrorList errors={[...(errors._form ?? []), ...(errors.stage ?? [])]} />
            ) : null}
            {s.closed ? null : (
              <Form
                // a new key after each change resets the fields to the saved stages, as the total
                key={key}
                method="post"
                className="stack"
                noValidate
                aria-labelledby={`stage-setup-${s.code}`}
                onInput={(event) => {
                  const now = typedIn(event.currentTarget);
                  setTyped((prev) => ({ ...prev, [s.code]: now }));
                }}
              >
                <input type="hidden" name="intent" value="stage-edit" />
                <input type="hidden" name="stage" value={s.code} />
                <StageFields stage={s} values={valuesFor(s.code)} errors={errors} />
                <p>
                  <button type="submit" className="button">
                    {t("stageSetup.save")}
                  </button>
                </p>
              </Form>
            )}
            <div className="button-row">
              {!started && k > 0 ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="stage-move" />
                  <input type="hidden" name="stage" value={s.code} />
                  <input type="hidden" name="direction" value="up" />
                  <button
                    type="submit"
                    className="button small"
                    aria-label={t("stageSetup.up", { stage: s.code })}
                  >
                    ↑ {t("stageSetup.up", { stage: s.code })}
                  </button>
                </Form>
              ) : null}
              {!started && k < stages.length - 1 ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="stage-move" />
                  <input type="hidden" name="stage" value={s.code} />
                  <input type="hidden" name="direction" value="down" />
                  <button
                    type="submit"
                    className="button small"
                    aria-label={t("stageSetup.down", { stage: s.code })}
                  >
                    ↓ {t("stageSetup.down", { stage: s.code })}
                  </button>
                </Form>
              ) : null}
              {s.kind !== "admin" ? (
                <Link
                  to={`/chair/competitions/${slug}/criteria?stage=${encodeURIComponent(s.code)}`}
                >
                  {t("stageSetup.criteriaLink", { stage: s.code })}
                </Link>
              ) : null}
              {!started && stages.length > 1 ? (
                removable.includes(s.code) ? (
                  <ConfirmStep
                    label={t("stageSetup.remove")}
                    question={t("stageSetup.removeQuestion", { stage: s.code })}
                  >
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="stage-remove" />
                      <input type="hidden" name="stage" value={s.code} />
                      <button type="submit" className="button small danger">
                        {t("stageSetup.removeConfirm", { stage: s.code })}
                      </button>
                    </Form>
                  </ConfirmStep>
                ) : (
                  <span className="muted">{t("stageSetup.inUse")}</span>
                )
              ) : null}
            </div>
          </div>
        );
      })}

      <Form method="post" className="stack" noValidate aria-labelledby="stage-setup-add">
        <h3 id="stage-setup-add">{t("stageSetup.addHeading")}</h3>
        <input type="hidden" name="intent" value="stage-add" />
        <ErrorList errors={errorsFor("add")._form} />
        <StageFields stage={null} values={valuesFor("add")} errors={errorsFor("add")} />
        <p>
          <button type="submit" className="button primary">
            {t("stageSetup.add")}
          </button>
        </p>
      </Form>
    </section>
  );
}
