import { Form, Link, useRevalidator } from "@remix-run/react";
import { useId, useRef, type FormEvent } from "react";
import { ErrorList, Field } from "~/components/Field";
import { useLang, useT } from "~/i18n/useT";
import { formatDate, formatDateTime } from "~/lib/format";
import { allErrors, type FieldErrors } from "~/lib/forms";
import { describe, type Message } from "~/lib/messages";
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
  /** the library's stored evidence files (photos with a thumbnail, PDFs) by indicator code */
  evidence: EvidenceFile[];
  /** the profile video link on file */
  video: string | null;
}

interface EvidenceFile {
  id: number;
  code: string | null;
  name: string;
  fileUrl: string | null;
  thumbUrl: string | null;
}

interface Answer {
  ok: boolean;
  saved?: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
  fileErrors?: Record<string, Message[]>;
}

const ACCEPT = "image/jpeg,image/png,image/webp,application/pdf";

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
      {answer?.ok || answer?.saved ? (
        <p className="notice" role="status">
          {t("library.selfAssessment.saved")}
        </p>
      ) : null}
      {data.editable ? (
        <EditableForm slug={slug} data={data} answer={answer} />
      ) : (
        <ReadOnly data={data} answer={answer} />
      )}
      <p>
        <Link to={`/library/${slug}/evidence`}>{t("library.selfAssessment.evidence.manage")}</Link>
      </p>
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
              <StoredEvidence files={data.evidence.filter((e) => e.code === c.code)} />
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
        {data.video ? (
          <div>
            <dt>{t("evidence.video.heading")}</dt>
            <dd>
              <VideoLink url={data.video} />
            </dd>
          </div>
        ) : null}
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
    onFilesStored: () => revalidator.revalidate(),
  });
  // without JavaScript the page's answer; with it, the autosave's
  const errors: FieldErrors =
    hydrated && autosave.status !== "idle" ? autosave.errors : (answer?.errors ?? {});
  const fileErrors: Record<string, Message[]> =
    hydrated && autosave.status !== "idle" ? autosave.fileErrors : (answer?.fileErrors ?? {});
  const typed = answer && !answer.ok ? answer.values : null;
  const shown = (name: string, saved: string) => typed?.[name] ?? saved;
  // choosing a file is no typing: files go with the buttons, not the autosave
  const edited = (event: FormEvent<HTMLFormElement>) => {
    if ((event.target as HTMLInputElement).type !== "file") autosave.edited();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!hydrated) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = (submitter?.value === "submit" ? "submit" : "save") as SelfAssessmentIntent;
    void autosave.send(intent === "save" ? "save" : "submit", true);
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
        onInput={edited}
        onChange={edited}
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
          const evidence = (
            <EvidenceInput
              code={c.code}
              files={data.evidence.filter((e) => e.code === c.code)}
              errors={fileErrors[`evidence.${c.code}`]}
            />
          );
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
                {evidence}
              </fieldset>
            );
          }
          return (
            <div key={c.code} className="claim-with-evidence">
              <Field
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
              {evidence}
            </div>
          );
        })}
        <VideoField
          current={data.video}
          defaultValue={typed?.video ?? data.video ?? ""}
          errors={fileErrors.video}
          repeated={errors.video}
        />
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
    "video",
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

/** The evidence stored for one indicator: thumbnails of photos, links to PDFs, each opening full size. */
function StoredEvidence({ files }: { files: EvidenceFile[] }) {
  const t = useT();
  if (files.length === 0) return null;
  return (
    <ul className="evidence-list" aria-label={t("library.selfAssessment.evidence.stored")}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.fileUrl ?? "#"} aria-label={t("evidence.open", { name: f.name })}>
            {f.thumbUrl ? (
              <img src={f.thumbUrl} alt={f.name} width={120} loading="lazy" />
            ) : (
              <span>
                {t("evidence.pdf")}: {f.name}
              </span>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Messages({ id, messages }: { id?: string; messages?: Message[] }) {
  const lang = useLang();
  if (!messages?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {messages.map((m, i) => (
        <li key={i}>{describe(lang, m)}</li>
      ))}
    </ul>
  );
}

/** One indicator's file input (`evidence.<code>`), what is stored and each refused file. */
function EvidenceInput(props: { code: string; files: EvidenceFile[]; errors?: Message[] }) {
  const t = useT();
  const id = useId();
  const invalid = Boolean(props.errors?.length);
  return (
    <div className="field evidence-field">
      <StoredEvidence files={props.files} />
      <label htmlFor={id}>{t("library.selfAssessment.evidence.field", { code: props.code })}</label>
      <p className="hint" id={`${id}-hint`}>
        {t("library.selfAssessment.evidence.hint")}
      </p>
      <input
        id={id}
        type="file"
        name={`evidence.${props.code}`}
        multiple
        accept={ACCEPT}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[`${id}-hint`, invalid ? `${id}-error` : null].filter(Boolean).join(" ")}
      />
      <Messages id={`${id}-error`} messages={props.errors} />
    </div>
  );
}

function VideoLink({ url }: { url: string }) {
  return (
    <a href={url} rel="noopener noreferrer nofollow" target="_blank">
      {url}
    </a>
  );
}

/** The profile video link (`video`): a link, never a file; the one on file is replaced. */
function VideoField(props: {
  current: string | null;
  defaultValue: string;
  errors?: Message[];
  repeated?: string[];
}) {
  const t = useT();
  const id = useId();
  const invalid = Boolean(props.errors?.length || props.repeated?.length);
  return (
    <div className="field">
      <label htmlFor={id}>{t("evidence.video.label")}</label>
      <p className="hint" id={`${id}-hint`}>
        {t("evidence.video.hint")}
        {props.current ? (
          <>
            {" "}
            {t("evidence.video.current")} <VideoLink url={props.current} />
          </>
        ) : null}
      </p>
      <input
        id={id}
        type="url"
        name="video"
        maxLength={500}
        inputMode="url"
        defaultValue={props.defaultValue}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[`${id}-hint`, invalid ? `${id}-error` : null].filter(Boolean).join(" ")}
      />
      <Messages id={`${id}-error`} messages={props.errors} />
      <ErrorList errors={props.repeated} />
    </div>
  );
}
