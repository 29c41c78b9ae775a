import { Form, useRevalidator } from "@remix-run/react";
import { useRef, type FormEvent } from "react";
import { ErrorList, Field } from "~/components/Field";
import { useLang, useT } from "~/i18n/useT";
import { formatDate, formatDateTime } from "~/lib/format";
import { allErrors, type FieldErrors } from "~/lib/forms";
import {
  formatDecimal,
  valueField,
  type FormClaim,
  type SelfAssessmentIntent,
  type SelfAssessmentState,
  type WindowState,
} from "~/lib/self-assessment";
import { useHydrated } from "~/lib/use-hydrated";
import { useStandardText, useValueText } from "~/components/ClaimText";
import { useSelfAssessmentAutosave } from "~/lib/use-self-assessment-autosave";

export interface SelfAssessmentData {
  claims: FormClaim[];
  window: { state: WindowState; opens: string; closes: string };
  editable: boolean;
  status: SelfAssessmentState;
  version: number;
  values: Record<string, string>;
  updatedAt: string | null;
  submittedAt: string | null;
  reopenReason: string | null;
  profile: { headName: string; openingHours: string; members: string };
  profileStatus: "none" | "pending" | "accepted" | "rejected";
}

interface Answer {
  ok: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
}

/**
 * The library's self-assessment: the form while it may change (plain POST without JavaScript;
 * with it, autosave), else what was reported, read-only.
 */
export function SelfAssessmentSection({
  slug,
  data,
  answer,
}: {
  slug: string;
  data: SelfAssessmentData;
  answer: Answer | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const { window: w } = data;
  return (
    <section aria-labelledby="self-assessment-heading" className="self-assessment">
      <h2 id="self-assessment-heading">{t("library.selfAssessment.title")}</h2>
      <p>
        {w.state === "unset"
          ? t("library.selfAssessment.windowUnset")
          : t("library.selfAssessment.window", {
              opens: formatDate(`${w.opens}T12:00:00+08:00`, lang),
              closes: formatDate(`${w.closes}T12:00:00+08:00`, lang),
            })}
      </p>
      <p>
        <span className={`badge self-assessment-${data.status}`}>
          {t(`library.selfAssessment.status.${data.status}`)}
        </span>
        {data.submittedAt && data.status === "submitted"
          ? ` ${t("library.selfAssessment.submittedAt", { at: formatDateTime(data.submittedAt, lang) })}`
          : null}
      </p>
      {data.reopenReason ? (
        <p className="notice warn" role="status">
          {t("library.selfAssessment.reopened", { reason: data.reopenReason })}
        </p>
      ) : null}
      {answer?.ok ? (
        <p className="notice" role="status">
          {t("library.selfAssessment.saved")}
        </p>
      ) : null}
      {data.editable ? (
        <EditableForm slug={slug} data={data} answer={answer} />
      ) : (
        <ReadOnly data={data} answer={answer} />
      )}
    </section>
  );
}

function ReadOnly({ data, answer }: { data: SelfAssessmentData; answer: Answer | undefined }) {
  const t = useT();
  const standard = useStandardText();
  const valueText = useValueText();
  const why =
    data.status === "submitted"
      ? "library.selfAssessment.readOnlySubmitted"
      : data.window.state === "open"
        ? "library.selfAssessment.readOnlyStatus"
        : data.window.state === "closed"
          ? "library.selfAssessment.readOnlyClosed"
          : "library.selfAssessment.notOpen";
  return (
    <>
      <ErrorList errors={answer ? allErrors(answer.errors) : undefined} />
      <p className="readonly-note">{t(why)}</p>
      <dl className="details self-assessment-values">
        {data.claims.map((c) => (
          <div key={c.code}>
            <dt>
              {c.name} <span className="muted">({c.code})</span>
            </dt>
            <dd>
              {valueText(c, data.values[c.code])}
              {standard(c) ? <span className="muted"> · {standard(c)}</span> : null}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t("library.selfAssessment.headName")}</dt>
          <dd>{data.profile.headName || "—"}</dd>
        </div>
        <div>
          <dt>{t("library.selfAssessment.openingHours")}</dt>
          <dd>{data.profile.openingHours || "—"}</dd>
        </div>
        <div>
          <dt>{t("library.selfAssessment.members")}</dt>
          <dd>{data.profile.members ? formatDecimal(data.profile.members) : "—"}</dd>
        </div>
      </dl>
    </>
  );
}

function EditableForm({
  slug,
  data,
  answer,
}: {
  slug: string;
  data: SelfAssessmentData;
  answer: Answer | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const hydrated = useHydrated();
  const standard = useStandardText();
  const revalidator = useRevalidator();
  const form = useRef<HTMLFormElement>(null);
  const autosave = useSelfAssessmentAutosave({
    form,
    storageKey: `juara:self-assessment:${slug}`,
    endpoint: `/library/${slug}`,
    version: data.version,
    editable: data.editable,
    onSubmitted: () => revalidator.revalidate(),
  });
  // without JavaScript the page's answer; with it, the autosave's
  const errors: FieldErrors =
    hydrated && autosave.status !== "idle" ? autosave.errors : (answer?.errors ?? {});
  const typed = answer && !answer.ok ? answer.values : null;
  const shown = (name: string, saved: string) => typed?.[name] ?? saved;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!hydrated) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = (submitter?.value === "submit" ? "submit" : "save") as SelfAssessmentIntent;
    void autosave.send(intent === "save" ? "save" : "submit");
  };
  return (
    <>
      {autosave.heldCopy ? (
        <div className="notice warn" role="alert">
          <p>{t("library.selfAssessment.heldCopy")}</p>
          <p className="button-row">
            <button type="button" className="button" onClick={autosave.restoreHeld}>
              {t("library.selfAssessment.restoreHeld")}
            </button>
            <button type="button" className="button" onClick={autosave.dropHeld}>
              {t("library.selfAssessment.dropHeld")}
            </button>
          </p>
        </div>
      ) : null}
      <Form
        method="post"
        encType="multipart/form-data"
        className="stack narrow-wide"
        noValidate
        ref={form}
        onInput={autosave.edited}
        onChange={autosave.edited}
        onSubmit={onSubmit}
        aria-labelledby="self-assessment-heading"
      >
        <input type="hidden" name="version" value={hydrated ? autosave.version : data.version} />
        <ErrorList errors={unplaced(errors, data.claims)} />
        <p className="hint">{t("library.selfAssessment.intro")}</p>
        {data.claims.map((c) => {
          const name = valueField(c.code);
          const saved = data.values[c.code] ?? "";
          const hint = [
            standard(c),
            c.kind === "number" ? t("library.selfAssessment.numberHint") : null,
          ]
            .filter(Boolean)
            .join(" · ");
          if (c.kind === "yesno") {
            const current = shown(name, saved);
            return (
              <fieldset key={c.code} className="field" aria-describedby={`${name}-error`}>
                <legend>{c.name}</legend>
                {hint ? <p className="hint">{hint}</p> : null}
                <label>
                  <input type="radio" name={name} value="yes" defaultChecked={current === "yes"} />{" "}
                  {t("library.selfAssessment.yes")}
                </label>{" "}
                <label>
                  <input type="radio" name={name} value="no" defaultChecked={current === "no"} />{" "}
                  {t("library.selfAssessment.no")}
                </label>
                <ErrorList id={`${name}-error`} errors={errors[name]} />
              </fieldset>
            );
          }
          return (
            <Field
              key={c.code}
              label={c.kind === "number" && c.unit ? `${c.name} (${c.unit})` : c.name}
              hint={hint || undefined}
              name={name}
              inputMode={c.kind === "number" ? "decimal" : undefined}
              maxLength={c.kind === "text" ? 200 : 40}
              defaultValue={shown(
                name,
                c.kind === "number" && saved ? formatDecimal(saved) : saved,
              )}
              errors={errors[name]}
            />
          );
        })}
        <fieldset>
          <legend>{t("library.selfAssessment.profile")}</legend>
          <p className="hint">{t("library.selfAssessment.profileHint")}</p>
          {data.profileStatus === "pending" || data.profileStatus === "rejected" ? (
            <p className="muted">
              {t(`library.selfAssessment.profileStatus.${data.profileStatus}`)}
            </p>
          ) : null}
          <Field
            label={t("library.selfAssessment.headName")}
            name="headName"
            maxLength={120}
            defaultValue={shown("headName", data.profile.headName)}
            errors={errors.headName}
          />
          <Field
            label={t("library.selfAssessment.openingHours")}
            hint={t("library.selfAssessment.openingHoursHint")}
            name="openingHours"
            maxLength={200}
            defaultValue={shown("openingHours", data.profile.openingHours)}
            errors={errors.openingHours}
          />
          <Field
            label={t("library.selfAssessment.members")}
            name="members"
            inputMode="numeric"
            defaultValue={shown("members", data.profile.members)}
            errors={errors.members}
          />
        </fieldset>
        <p className="autosave-status" role="status" aria-live="polite">
          {hydrated
            ? saveStatusText(t, autosave.status, autosave.savedAt ?? data.updatedAt, lang)
            : null}
        </p>
        <p className="button-row">
          <button type="submit" name="intent" value="save" className="button">
            {t("library.selfAssessment.save")}
          </button>
          <button type="submit" name="intent" value="submit" className="button primary">
            {t("library.selfAssessment.submit")}
          </button>
        </p>
        <p className="hint">{t("library.selfAssessment.submitHint")}</p>
      </Form>
    </>
  );
}

/** The messages no field shows (the whole form's, a broken intent or version). */
function unplaced(errors: FieldErrors, claims: FormClaim[]): string[] {
  const placed = new Set([
    ...claims.map((c) => valueField(c.code)),
    "headName",
    "openingHours",
    "members",
  ]);
  return Object.entries(errors).flatMap(([k, list]) => (placed.has(k) ? [] : (list ?? [])));
}

function saveStatusText(
  t: ReturnType<typeof useT>,
  status: ReturnType<typeof useSelfAssessmentAutosave>["status"],
  savedAt: string | null,
  lang: ReturnType<typeof useLang>,
): string {
  switch (status) {
    case "idle":
      return savedAt
        ? t("library.selfAssessment.autosave.savedAt", { at: formatDateTime(savedAt, lang) })
        : t("library.selfAssessment.autosave.idle");
    case "saved":
      return savedAt
        ? t("library.selfAssessment.autosave.savedAt", { at: formatDateTime(savedAt, lang) })
        : t("library.selfAssessment.autosave.saved");
    default:
      return t(`library.selfAssessment.autosave.${status}`);
  }
}
