import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { ErrorList } from "~/components/Field";
import { useLang, useT } from "~/i18n/useT";
import { FORM } from "~/lib/forms";
import { describe, type Message } from "~/lib/messages";
import { requireRole } from "~/lib/session.server";
import { getLibraryEvidencePage, type EvidenceItem } from "~/models/evidence.server";
import { getManagedLibrary } from "~/models/library-accounts.server";
import { handleEvidencePost } from "./page-post.server";

export const handle: MessagesHandle = { i18n: ["evidence"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.competition.name ?? ""} · Juara` },
];

const ACCEPT = "image/jpeg,image/png,image/webp,application/pdf";

async function libraryPage(request: Request, slug: string | undefined) {
  const user = await requireRole(request, ["library"]);
  const library = await getManagedLibrary(user.id);
  // a competition the library is not entered in (or a draft) is answered as absent
  const page = library ? await getLibraryEvidencePage(library.id, slug ?? "") : undefined;
  if (!page) throw new Response("Not found", { status: 404 });
  return { user, page };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { page } = await libraryPage(request, params.slug);
  return json(page, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, page } = await libraryPage(request, params.slug);
  const outcome = await handleEvidencePost(request, {
    entryId: page.entryId,
    competitionId: page.competition.id,
    userId: user.id,
    slug: page.competition.slug,
  });
  return "redirect" in outcome ? redirect(outcome.redirect) : outcome;
}

export default function EvidencePage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const fileErrors = (answer && "fileErrors" in answer ? answer.fileErrors : {}) as Record<
    string,
    Message[]
  >;
  const errors = answer && "errors" in answer ? answer.errors : {};
  const done = search.get("done");
  const video = page.items.find((i) => i.kind === "video");
  const formErrors = [...(errors[FORM] ?? []), ...(errors.intent ?? []), ...(errors.id ?? [])];
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/library/${page.competition.slug}`}>{t("evidence.back")}</Link>
      </p>
      <h1>{t("evidence.title", { competition: page.competition.name })}</h1>
      <p>{t("evidence.intro")}</p>
      {done === "stored" && !answer ? (
        <p className="notice" role="status">
          {t("evidence.stored")}
        </p>
      ) : null}
      {done === "removed" && !answer ? (
        <p className="notice" role="status">
          {t("evidence.removed")}
        </p>
      ) : null}
      {answer && "stored" in answer && answer.stored > 0 ? (
        <p className="notice" role="status">
          {t("evidence.storedSome")}
        </p>
      ) : null}
      {!page.editable ? <p className="notice">{t("evidence.closed")}</p> : null}
      <ErrorList errors={formErrors} />
      <Messages messages={fileErrors[FORM]} />

      <Form method="post" encType="multipart/form-data" reloadDocument>
        <h2>{t("evidence.indicators")}</h2>
        {page.indicators.length === 0 ? <p>{t("evidence.noIndicators")}</p> : null}
        {page.indicators.map((indicator) => (
          <IndicatorEvidence
            key={indicator.id}
            code={indicator.code}
            name={indicator.name}
            claimed={indicator.claimed}
            items={page.items.filter((i) => i.indicatorId === indicator.id && i.kind !== "video")}
            editable={page.editable}
            errors={fileErrors[`evidence.${indicator.code}`]}
          />
        ))}
        <h2>{t("evidence.video.heading")}</h2>
        {video?.url ? (
          <p>
            {t("evidence.video.current")}{" "}
            <a href={video.url} rel="noopener noreferrer nofollow" target="_blank">
              {video.url}
            </a>{" "}
            {page.editable ? (
              <button type="submit" form={`remove-${video.id}`}>
                {t("evidence.remove")}
              </button>
            ) : null}
          </p>
        ) : null}
        <VideoField
          disabled={!page.editable}
          defaultValue={answer && "values" in answer ? (answer.values.video ?? "") : ""}
          errors={fileErrors.video}
          repeated={errors.video}
        />
        {page.editable ? (
          <p>
            <button type="submit" name="intent" value="upload">
              {t("evidence.submit")}
            </button>
          </p>
        ) : null}
      </Form>
      {page.editable
        ? page.items.map((item) => (
            <Form key={item.id} id={`remove-${item.id}`} method="post" reloadDocument>
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="id" value={item.id} />
            </Form>
          ))
        : null}
    </>
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

function IndicatorEvidence(props: {
  code: string;
  name: string;
  claimed: boolean;
  items: EvidenceItem[];
  editable: boolean;
  errors?: Message[];
}) {
  const t = useT();
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  return (
    <section className="evidence-indicator" aria-labelledby={`${inputId}-title`}>
      <h3 id={`${inputId}-title`}>
        {props.code} {props.name}
        {props.claimed ? <span className="muted"> ({t("evidence.claimed")})</span> : null}
      </h3>
      {props.items.length === 0 ? (
        <p className="muted">{t("evidence.none")}</p>
      ) : (
        <ul className="evidence-list">
          {props.items.map((item) => (
            <li key={item.id}>
              <a href={item.fileUrl ?? "#"} aria-label={t("evidence.open", { name: item.name })}>
                {item.thumbUrl ? (
                  <img src={item.thumbUrl} alt={item.name} width={160} loading="lazy" />
                ) : (
                  <span>
                    {t("evidence.pdf")}: {item.name}
                  </span>
                )}
              </a>
              {props.editable ? (
                // a form of its own (forms do not nest): posted as a plain form, without files
                <button
                  type="submit"
                  form={`remove-${item.id}`}
                  aria-label={t("evidence.removeLabel", { name: item.name })}
                >
                  {t("evidence.remove")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.editable ? (
        <div className="field">
          <label htmlFor={inputId}>{t("evidence.field", { code: props.code })}</label>
          <p className="hint" id={hintId}>
            {t("evidence.fieldHint")}
          </p>
          <input
            id={inputId}
            type="file"
            name={`evidence.${props.code}`}
            multiple
            accept={ACCEPT}
            aria-invalid={props.errors?.length ? true : undefined}
            aria-describedby={[hintId, props.errors?.length ? errorId : null]
              .filter(Boolean)
              .join(" ")}
          />
          <Messages id={errorId} messages={props.errors} />
        </div>
      ) : (
        <Messages messages={props.errors} />
      )}
    </section>
  );
}

function VideoField(props: {
  disabled: boolean;
  defaultValue: string;
  errors?: Message[];
  repeated?: string[];
}) {
  const t = useT();
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const invalid = Boolean(props.errors?.length || props.repeated?.length);
  return (
    <div className="field">
      <label htmlFor={inputId}>{t("evidence.video.label")}</label>
      <p className="hint" id={hintId}>
        {t("evidence.video.hint")}
      </p>
      <input
        id={inputId}
        type="url"
        name="video"
        maxLength={500}
        inputMode="url"
        disabled={props.disabled}
        defaultValue={props.defaultValue}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[hintId, invalid ? errorId : null].filter(Boolean).join(" ")}
      />
      <Messages id={errorId} messages={props.errors} />
      <ErrorList errors={props.repeated} />
    </div>
  );
}
