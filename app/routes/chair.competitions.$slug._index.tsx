import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { COMPETITION_STATUSES } from "../../db/schema";
import { ErrorList, Field } from "~/components/Field";
import { SetAsideSheets } from "~/components/SetAsideSheets";
import { CompetitionNav, MessageList } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import { DuplicateSchema } from "~/lib/competition-settings";
import { formValues, optionalText, parseForm } from "~/lib/forms";
import { requireRole } from "~/lib/session.server";
import {
  deleteCompetition,
  duplicateCompetition,
  getOverview,
  requireCompetition,
} from "~/models/competitions.server";
import { listSetAsideSheets } from "~/models/conflicts.server";
import {
  changeStatus,
  checkStatusChange,
  movesFrom,
  REASON_MESSAGES,
  type StatusReason,
} from "~/models/status.server";
import { actorOf } from "~/models/users.server";

const StatusSchema = z.object({
  to: z.enum(COMPETITION_STATUSES, { error: "error.invalid" }),
  confirm: z.literal("yes", { error: "error.invalid" }),
  reason: optionalText(500),
  override: z.literal("yes", { error: "error.invalid" }).optional(),
});

const NO_REASONS: StatusReason[] = [];

export const meta: MetaFunction = () => [{ title: "Lomba · Juara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const url = new URL(request.url);
  const moves = await Promise.all(
    movesFrom(c.status).map(async (to) => {
      const reasons = await checkStatusChange(c.id, to);
      return {
        to,
        // what stops the move outright, what the chair may override with a reason, and whether a reason is asked
        blockers: reasons.filter((r) => !r.overridable && !REASON_MESSAGES.includes(r.message)),
        warnings: reasons.filter((r) => r.overridable),
        needsReason: reasons.some((r) => r.overridable || REASON_MESSAGES.includes(r.message)),
      };
    }),
  );
  const asked = url.searchParams.get("move");
  return json({
    competition: {
      slug: c.slug,
      name: c.name,
      year: c.year,
      status: c.status,
      isDemo: c.is_demo === 1,
    },
    overview: await getOverview(c.id),
    moves,
    // publishing states what it leaves out (it does not wait for it)
    setAside: moves.some((m) => m.to === "published") ? await listSetAsideSheets(c.id) : [],
    confirmMove: moves.find((m) => m.to === asked && m.blockers.length === 0) ?? null,
    confirmDelete: url.searchParams.get("delete") === "1" && c.status === "draft",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "status") {
    const form = parseForm(StatusSchema, formData);
    if (!form.ok)
      return json(
        {
          intent,
          errors: form.errors,
          values: form.values,
          reasons: NO_REASONS,
        },
        { status: 400 },
      );
    const result = await changeStatus(actorOf(user), c.id, form.data.to, {
      reason: form.data.reason,
      override: form.data.override === "yes",
    });
    if (!result.ok)
      return json(
        {
          intent,
          errors: {},
          values: formValues(formData),
          reasons: result.reasons,
        },
        { status: 409 },
      );
    return redirect(`/chair/competitions/${c.slug}?moved=${result.to}`);
  }
  if (intent === "duplicate") {
    const form = parseForm(DuplicateSchema, formData);
    if (!form.ok)
      return json(
        {
          intent,
          errors: form.errors,
          values: form.values,
          reasons: NO_REASONS,
        },
        { status: 400 },
      );
    const result = await duplicateCompetition(actorOf(user), c.id, form.data);
    if (!result.ok) {
      return json(
        {
          intent,
          errors: { [result.field ?? "_form"]: [result.error] },
          values: form.data as unknown as Record<string, string>,
          reasons: NO_REASONS,
        },
        { status: 400 },
      );
    }
    return redirect(`/chair/competitions/${result.slug}`);
  }
  if (intent === "delete") {
    if (formData.get("confirm") !== "yes")
      return json(
        {
          intent,
          errors: { _form: ["error.invalid"] },
          values: {},
          reasons: NO_REASONS,
        },
        { status: 400 },
      );
    const result = await deleteCompetition(actorOf(user), c.id);
    if (!result.ok)
      return json(
        {
          intent,
          errors: { _form: [result.error] },
          values: {},
          reasons: NO_REASONS,
        },
        { status: 409 },
      );
    return redirect("/dashboard");
  }
  return json(
    {
      intent,
      errors: { _form: ["setup.error.badRequest"] },
      values: {},
      reasons: NO_REASONS,
    },
    { status: 400 },
  );
}

export default function CompetitionOverview() {
  const t = useT();
  const {
    competition: c,
    overview: o,
    moves,
    setAside,
    confirmMove,
    confirmDelete,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Partial<Record<string, string[]>> = data?.errors ?? {};
  const values: Partial<Record<string, string>> = data?.values ?? {};
  const base = `/chair/competitions/${c.slug}`;
  const rows: [string, string | number][] = [
    [t("setup.overview.entries"), o.entries.active],
    [t("setup.overview.withdrawn"), o.entries.withdrawn],
    [t("setup.overview.disqualified"), o.entries.disqualified],
    [t("setup.overview.judges"), o.judges],
    [t("setup.overview.withoutJudge"), o.entriesWithoutJudge],
    [t("setup.overview.components"), o.components],
    [t("setup.overview.indicators"), o.indicators],
    [t("setup.overview.weightTotal"), o.weightTotal],
    [t("setup.overview.sheets"), o.sheetsSubmitted],
  ];
  return (
    <>
      <h1>{c.name}</h1>
      <CompetitionNav slug={c.slug} name={`${c.year}`} status={c.status} />
      <p className="muted">{t("setup.overview.scoresOnly")}</p>
      <section aria-labelledby="counts">
        <h2 id="counts">{t("setup.overview.counts")}</h2>
        <table>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <a href={`/chair/competitions/${c.slug}/export`} download>
            {t("setup.export")}
          </a>
        </p>
      </section>

      <section aria-labelledby="moves" className="panel">
        <h2 id="moves">{t("setup.overview.moves")}</h2>
        {data?.intent === "status" ? (
          <>
            <ErrorList errors={errors._form ?? errors.to ?? errors.confirm} />
            <MessageList messages={data.reasons} />
          </>
        ) : null}
        {confirmMove ? (
          <Form method="post" action={base} className="stack">
            <h3>
              {t("setup.overview.confirmTitle", {
                status: t(`status.${confirmMove.to}`),
              })}
            </h3>
            <p>
              {confirmMove.to === "scoring" && c.status === "draft"
                ? t("setup.overview.confirmScoring")
                : confirmMove.to === "draft"
                  ? t("setup.overview.confirmDraft")
                  : confirmMove.to === "closed" && c.status === "scoring"
                    ? t("status.confirm.close")
                    : confirmMove.to === "published"
                      ? t("status.confirm.publish")
                      : t("setup.overview.confirmGeneric")}
            </p>
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="to" value={confirmMove.to} />
            <input type="hidden" name="confirm" value="yes" />
            {confirmMove.warnings.length > 0 ? (
              <>
                <p>{t("status.confirm.warnings")}</p>
                <MessageList messages={confirmMove.warnings} role="status" />
                <p className="checkbox">
                  <input type="checkbox" id="override" name="override" value="yes" />{" "}
                  <label htmlFor="override">{t("status.confirm.override")}</label>
                </p>
              </>
            ) : null}
            <Field
              label={
                confirmMove.needsReason
                  ? t("status.confirm.reasonRequired")
                  : t("setup.overview.reason")
              }
              name="reason"
              required={confirmMove.needsReason}
              defaultValue={values.reason}
              errors={errors.reason}
            />
            <button type="submit" className="button primary">
              {t("setup.overview.confirm")}
            </button>{" "}
            <Link to={base}>{t("action.cancel")}</Link>
          </Form>
        ) : (
          <ul>
            {moves.map((m) => (
              <li key={m.to}>
                {m.blockers.length === 0 ? (
                  <Link to={`${base}?move=${m.to}`} className="button">
                    {t("setup.overview.moveTo", {
                      status: t(`status.${m.to}`),
                    })}
                  </Link>
                ) : (
                  <>
                    <p>
                      {t("setup.overview.blocked", {
                        status: t(`status.${m.to}`),
                      })}
                    </p>
                    <MessageList messages={m.blockers} role="status" />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <SetAsideSheets sheets={setAside} note={t("setAside.publishHint")} />

      <section aria-labelledby="duplicate" className="panel">
        <h2 id="duplicate">{t("setup.overview.duplicate")}</h2>
        <p className="muted">{t("setup.overview.duplicateHint")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="duplicate" />
          {data?.intent === "duplicate" ? <ErrorList errors={errors._form} /> : null}
          <Field
            label={t("setup.field.slug")}
            name="slug"
            required
            hint={t("setup.field.slugHint")}
            defaultValue={
              data?.intent === "duplicate"
                ? values.slug
                : `${c.slug.replace(/-?\d{4}$/, "")}-${c.year + 1}`
            }
            errors={data?.intent === "duplicate" ? errors.slug : undefined}
          />
          <Field
            label={t("setup.field.name")}
            name="name"
            required
            defaultValue={
              data?.intent === "duplicate"
                ? values.name
                : c.name.replace(String(c.year), String(c.year + 1))
            }
            errors={data?.intent === "duplicate" ? errors.name : undefined}
          />
          <Field
            label={t("setup.field.year")}
            name="year"
            inputMode="numeric"
            required
            defaultValue={data?.intent === "duplicate" ? values.year : String(c.year + 1)}
            errors={data?.intent === "duplicate" ? errors.year : undefined}
          />
          <button type="submit" className="button">
            {t("setup.overview.duplicateSubmit")}
          </button>
        </Form>
      </section>

      {c.status === "draft" ? (
        <section aria-labelledby="delete" className="panel">
          <h2 id="delete">{t("setup.overview.delete")}</h2>
          <p className="muted">{t("setup.overview.deleteHint")}</p>
          {data?.intent === "delete" ? <ErrorList errors={errors._form} /> : null}
          {confirmDelete ? (
            <Form method="post" action={base}>
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" className="button danger">
                {t("setup.overview.deleteConfirm")}
              </button>{" "}
              <Link to={base}>{t("action.cancel")}</Link>
            </Form>
          ) : (
            <Link to={`${base}?delete=1`} className="button danger">
              {t("setup.overview.deleteAsk")}
            </Link>
          )}
        </section>
      ) : null}
    </>
  );
}
