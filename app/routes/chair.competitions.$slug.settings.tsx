import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FeedbackSettings } from "~/components/FeedbackSettings";
import { ErrorList, Field } from "~/components/Field";
import { PointsSettings } from "~/components/PointsSettings";
import { SettingsFields } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import {
  DocumentDetailsSchema,
  FeedbackSettingSchema,
  PointsSchema,
  SettingsSchema,
} from "~/lib/competition-settings.server";
import { parseForm } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import { requireRole } from "~/lib/session.server";
import {
  documentDetailsOf,
  requireCompetition,
  settingsOf,
  updateCompetition,
  updateDocumentDetails,
} from "~/models/competitions.server";
import { setFeedbackNamesJudges } from "~/models/library-feedback.server";
import { updatePointsSetting } from "~/models/points.server";
import { localDate } from "~/lib/self-assessment";
import { WindowSchema } from "~/lib/self-assessment-schema.server";
import { setSelfAssessmentWindow } from "~/models/self-assessment.server";
import { actorOf } from "~/models/users.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "./chair.competitions.$slug/competition-page";

export const meta: MetaFunction = () => [{ title: "Pengaturan lomba · Juara" }];

export const handle: CompetitionPageHandle = {
  i18n: ["chair-setup", "library", "public", "judge"],
  competitionPage: { heading: "setup.settings.title" },
};

function asValues(s: object): Record<string, string> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const documents = documentDetailsOf(c);
  return json({
    values: asValues(settingsOf(c)),
    documents: { ...documents, decisionDate: documents.decisionDate ?? "" },
    points: { pointsDisplay: c.points_display, pointsFactor: String(c.points_factor) },
    feedback: { namesJudges: c.feedback_names_judges === 1 },
    selfAssessment: {
      opens: localDate(c.self_assessment_opens),
      closes: localDate(c.self_assessment_closes, true),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const formData = await request.formData();
  if (formData.get("intent") === "documents") {
    const documents = parseForm(DocumentDetailsSchema, formData);
    if (!documents.ok)
      return reply(
        { ok: false, intent: "documents", errors: documents.errors, values: documents.values },
        400,
      );
    await updateDocumentDetails(actorOf(user), c.id, documents.data);
    return reply({ ok: true, intent: "documents" });
  }
  if (formData.get("intent") === "self-assessment") {
    const window = parseForm(WindowSchema, formData);
    if (!window.ok)
      return reply(
        { ok: false, intent: "self-assessment", errors: window.errors, values: window.values },
        400,
      );
    await setSelfAssessmentWindow(actorOf(user), c.id, window.data);
    return reply({ ok: true, intent: "self-assessment" });
  }
  if (formData.get("intent") === "points") {
    const points = parseForm(PointsSchema, formData);
    if (!points.ok)
      return reply(
        { ok: false, intent: "points", errors: points.errors, values: points.values },
        400,
      );
    const result = await updatePointsSetting(actorOf(user), c.id, points.data);
    if (!result.ok)
      return reply({ ok: false, intent: "points", errors: result.errors, values: {} }, 400);
    return reply({ ok: true, intent: "points" });
  }
  if (formData.get("intent") === "feedback") {
    const feedback = parseForm(FeedbackSettingSchema, formData);
    if (!feedback.ok)
      return reply(
        { ok: false, intent: "feedback", errors: feedback.errors, values: feedback.values },
        400,
      );
    const result = await setFeedbackNamesJudges(actorOf(user), c.id, feedback.data.namesJudges);
    if (!result.ok)
      return reply({ ok: false, intent: "feedback", errors: result.errors, values: {} }, 400);
    return reply({ ok: true, intent: "feedback" });
  }
  const form = parseForm(SettingsSchema, formData);
  if (!form.ok) return reply({ ok: false, errors: form.errors, values: form.values }, 400);
  const result = await updateCompetition(actorOf(user), c.id, form.data);
  if (!result.ok)
    return reply({ ok: false, errors: result.errors, values: asValues(form.data) }, 400);
  return reply({ ok: true });
}

export default function CompetitionSettings() {
  const t = useT();
  const { status } = useCompetition();
  const { values, documents, points, feedback, selfAssessment } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const forPoints = data !== undefined && "intent" in data && data.intent === "points";
  const forDocuments = data !== undefined && "intent" in data && data.intent === "documents";
  const forFeedback = data !== undefined && "intent" in data && data.intent === "feedback";
  const forWindow = data !== undefined && "intent" in data && data.intent === "self-assessment";
  const forSettings =
    data !== undefined && !forDocuments && !forPoints && !forFeedback && !forWindow;
  const errors: Partial<Record<string, string[]>> = (forSettings && data?.errors) || {};
  const shown = data && !data.ok && forSettings ? data.values : values;
  const pointsErrors: Partial<Record<string, string[]>> = (forPoints && data?.errors) || {};
  const pointsValues: Partial<Record<string, string>> =
    forPoints && data && !data.ok ? data.values : points;
  const documentErrors: Partial<Record<string, string[]>> = (forDocuments && data?.errors) || {};
  const documentValues: Partial<Record<string, string>> =
    forDocuments && data && !data.ok ? data.values : documents;
  return (
    <>
      {data?.ok && forSettings ? (
        <p className="notice" role="status">
          {t("setup.saved")}
        </p>
      ) : null}
      {status === "closed" || status === "published" ? (
        <p className="alert">{t("setup.settings.locked")}</p>
      ) : null}
      <Form method="post" className="stack narrow-wide" noValidate>
        <ErrorList errors={errors._form} />
        <SettingsFields values={shown} errors={errors} />
        <button type="submit" className="button primary">
          {t("action.save")}
        </button>
      </Form>

      <PointsSettings
        key={forPoints && data?.ok ? "saved" : "form"}
        values={pointsValues}
        errors={pointsErrors}
        saved={Boolean(forPoints && data?.ok)}
      />

      <FeedbackSettings
        key={forFeedback && data?.ok ? "saved" : "form"}
        namesJudges={feedback.namesJudges}
        errors={(forFeedback && data?.errors) || {}}
        saved={Boolean(forFeedback && data?.ok)}
      />

      <h2 id="documents">{t("documents.title")}</h2>
      <p>{t("documents.intro")}</p>
      {data?.ok && forDocuments ? (
        <p className="notice" role="status">
          {t("setup.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack narrow-wide" noValidate aria-labelledby="documents">
        <input type="hidden" name="intent" value="documents" />
        <Field
          label={t("documents.decisionDate")}
          hint={t("documents.decisionDateHint")}
          name="decisionDate"
          type="date"
          defaultValue={documentValues.decisionDate}
          errors={documentErrors.decisionDate}
        />
        <Field
          label={t("documents.decisionPlace")}
          hint={t("documents.decisionPlaceHint")}
          name="decisionPlace"
          defaultValue={documentValues.decisionPlace}
          errors={documentErrors.decisionPlace}
        />
        <Field
          label={t("documents.documentNumber")}
          name="documentNumber"
          defaultValue={documentValues.documentNumber}
          errors={documentErrors.documentNumber}
        />
        <fieldset>
          <legend>{t("documents.chairSigner")}</legend>
          <Field
            label={t("documents.signerName")}
            name="chairSignerName"
            defaultValue={documentValues.chairSignerName}
            errors={documentErrors.chairSignerName}
          />
          <Field
            label={t("documents.signerTitle")}
            hint={t("documents.defaultTitle", { title: t("certificate.chair") })}
            name="chairSignerTitle"
            defaultValue={documentValues.chairSignerTitle}
            errors={documentErrors.chairSignerTitle}
          />
        </fieldset>
        <fieldset>
          <legend>{t("documents.headSigner")}</legend>
          <Field
            label={t("documents.signerName")}
            name="headSignerName"
            defaultValue={documentValues.headSignerName}
            errors={documentErrors.headSignerName}
          />
          <Field
            label={t("documents.signerTitle")}
            hint={t("documents.defaultTitle", { title: t("certificate.head") })}
            name="headSignerTitle"
            defaultValue={documentValues.headSignerTitle}
            errors={documentErrors.headSignerTitle}
          />
        </fieldset>
        <button type="submit" className="button primary">
          {t("action.save")}
        </button>
      </Form>

      <SelfAssessmentWindow
        values={forWindow && data && !data.ok ? data.values : selfAssessment}
        errors={(forWindow && data?.errors) || {}}
        saved={Boolean(forWindow && data?.ok)}
      />
    </>
  );
}

/** The self-assessment window: its own form (intent `self-assessment`), dates in WITA. */
function SelfAssessmentWindow({
  values,
  errors,
  saved,
}: {
  values: Partial<Record<string, string>>;
  errors: Partial<Record<string, string[]>>;
  saved: boolean;
}) {
  const t = useT();
  return (
    <>
      <h2 id="self-assessment">{t("selfAssessment.window.title")}</h2>
      <p>{t("selfAssessment.window.intro")}</p>
      {saved ? (
        <p className="notice" role="status">
          {t("setup.saved")}
        </p>
      ) : null}
      <Form
        method="post"
        className="stack narrow-wide"
        noValidate
        aria-labelledby="self-assessment"
      >
        <input type="hidden" name="intent" value="self-assessment" />
        <ErrorList errors={errors._form} />
        <Field
          label={t("selfAssessment.window.opens")}
          name="opens"
          type="date"
          defaultValue={values.opens}
          errors={errors.opens}
        />
        <Field
          label={t("selfAssessment.window.closes")}
          name="closes"
          type="date"
          defaultValue={values.closes}
          errors={errors.closes}
        />
        <button type="submit" className="button primary">
          {t("action.save")}
        </button>
      </Form>
    </>
  );
}
