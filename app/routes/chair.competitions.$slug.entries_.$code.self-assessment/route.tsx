import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList, Field } from "~/components/Field";
import { useLang, useT } from "~/i18n/useT";
import { formatDateTime } from "~/lib/format";
import { allErrors } from "~/lib/forms";
import { formatDecimal } from "~/lib/self-assessment";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { useStandardText, useValueText } from "~/components/ClaimText";
import { handleChairSelfAssessmentPost, loadChairSelfAssessment } from "./self-assessment.server";
import { meetsStandard } from "~/lib/claim-values";

export const handle: MessagesHandle = { i18n: ["library", "judge"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.library.name ?? ""} · Juara` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json(await loadChairSelfAssessment(c, params.code ?? ""), {
    headers: { "Cache-Control": "private, no-store" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleChairSelfAssessmentPost(user, c, params.code ?? "", await request.formData());
}

/**
 * One entry's self-assessment as the chair reads it: each reported value against the standard,
 * the reopen form (a submitted one), and the profile the library proposes, to accept into the
 * registry or reject.
 */
export default function ChairSelfAssessment() {
  const t = useT();
  const lang = useLang();
  const {
    competition: c,
    library,
    registry,
    claims,
    selfAssessment: sa,
  } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const standard = useStandardText();
  const valueText = useValueText();
  const errorsFor = (intent: string) => (answer?.intent === intent ? answer.errors : {});
  const members = (n: number | null) => (n === null ? "—" : formatDecimal(n));
  // an answer whose form is not on the page (nothing to reopen, no proposal) is told at the top
  const formShown = (intent: string | null) =>
    intent === "reopen"
      ? sa.status === "submitted"
      : (intent === "accept" || intent === "reject") && sa.profileStatus === "pending";
  return (
    <article className="stack">
      <p className="breadcrumbs">
        <Link to={`/chair/competitions/${c.slug}/entries`}>{t("selfAssessment.back")}</Link>
      </p>
      <h1>{t("selfAssessment.title", { library: library.name })}</h1>
      <p>
        <span className={`badge self-assessment-${sa.status}`}>
          {t(`library.selfAssessment.status.${sa.status}`)}
        </span>
        {sa.submittedAt && sa.status === "submitted"
          ? ` ${t("library.selfAssessment.submittedAt", { at: formatDateTime(sa.submittedAt, lang) })}`
          : null}
      </p>
      {answer?.ok && answer.intent ? (
        <p className="notice" role="status">
          {t(`selfAssessment.done.${answer.intent}`)}
        </p>
      ) : null}
      {answer && !answer.ok && !formShown(answer.intent) ? (
        <ErrorList errors={allErrors(answer.errors)} />
      ) : null}
      {sa.reopenedAt ? (
        <p className="muted">
          {t("selfAssessment.reopenedAt", {
            at: formatDateTime(sa.reopenedAt, lang),
            reason: sa.reopenReason,
          })}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("selfAssessment.col.indicator")}</th>
              <th scope="col">{t("selfAssessment.col.value")}</th>
              <th scope="col">{t("selfAssessment.col.standard")}</th>
              <th scope="col">{t("selfAssessment.col.meets")}</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((k) => {
              const value = sa.values[k.code];
              const ok = value ? meetsStandard(k.kind, value, k.standardMin) : null;
              return (
                <tr key={k.code}>
                  <th scope="row">
                    {k.name} <span className="muted">({k.code})</span>
                  </th>
                  <td>{valueText(k, sa.values[k.code])}</td>
                  <td>{standard(k) ?? "—"}</td>
                  <td>
                    {ok === null
                      ? "—"
                      : ok
                        ? t("selfAssessment.meets.yes")
                        : t("selfAssessment.meets.no")}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {sa.status === "submitted" ? (
        <Form method="post" className="panel stack narrow-wide" noValidate>
          <h2>{t("selfAssessment.reopen")}</h2>
          <ErrorList errors={errorsFor("reopen")._form} />
          <Field
            label={t("selfAssessment.reason")}
            name="reason"
            required
            maxLength={500}
            errors={errorsFor("reopen").reason}
          />
          <button type="submit" name="intent" value="reopen" className="button">
            {t("selfAssessment.reopenButton")}
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="profile-heading" className="stack">
        <h2 id="profile-heading">{t("selfAssessment.profile")}</h2>
        {sa.profile === null ? (
          <p>{t("selfAssessment.noProfile")}</p>
        ) : (
          <>
            <p>{t(`selfAssessment.profileStatus.${sa.profileStatus}`)}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("selfAssessment.col.field")}</th>
                  <th scope="col">{t("selfAssessment.col.registry")}</th>
                  <th scope="col">{t("selfAssessment.col.proposed")}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t("library.selfAssessment.headName")}</th>
                  <td>{registry.headName || "—"}</td>
                  <td>{sa.profile.headName || "—"}</td>
                </tr>
                <tr>
                  <th scope="row">{t("library.selfAssessment.openingHours")}</th>
                  <td>{registry.openingHours || "—"}</td>
                  <td>{sa.profile.openingHours || "—"}</td>
                </tr>
                <tr>
                  <th scope="row">{t("library.selfAssessment.members")}</th>
                  <td>{members(registry.members)}</td>
                  <td>{members(sa.profile.members)}</td>
                </tr>
              </tbody>
            </table>
            {sa.profileStatus === "pending" ? (
              <Form method="post" className="panel stack narrow-wide" noValidate>
                <ErrorList
                  errors={[
                    ...(errorsFor("accept")._form ?? []),
                    ...(errorsFor("reject")._form ?? []),
                  ]}
                />
                <Field
                  label={t("selfAssessment.profileReason")}
                  hint={t("selfAssessment.profileReasonHint")}
                  name="reason"
                  maxLength={500}
                  errors={[
                    ...(errorsFor("reject").reason ?? []),
                    ...(errorsFor("accept").reason ?? []),
                  ]}
                />
                <p className="button-row">
                  <button type="submit" name="intent" value="accept" className="button primary">
                    {t("selfAssessment.accept")}
                  </button>
                  <button type="submit" name="intent" value="reject" className="button">
                    {t("selfAssessment.reject")}
                  </button>
                </p>
              </Form>
            ) : null}
          </>
        )}
      </section>
    </article>
  );
}
