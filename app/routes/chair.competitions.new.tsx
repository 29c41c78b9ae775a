import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { ErrorList, Field } from "~/components/Field";
import { SettingsFields } from "~/components/SetupUi";
import type { MessageKey, MessagesHandle } from "~/i18n";
import { useT } from "~/i18n/useT";
import { NewCompetitionSchema } from "~/lib/competition-settings.server";
import { formValues, parseForm } from "~/lib/forms";
import { DEFAULT_TEMPLATE, findCriteriaTemplate, NEW_COMPETITION_TEMPLATES } from "~/lib/templates";
import { reply } from "~/lib/reply.server";
import { requireRole } from "~/lib/session.server";
import { createCompetition } from "~/models/competitions.server";
import { actorOf } from "~/models/users.server";

export const handle: MessagesHandle = { i18n: ["chair-competition", "chair-setup", "judge"] };

export const meta: MetaFunction = () => [{ title: "Lomba baru · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const formData = await request.formData();
  const form = parseForm(NewCompetitionSchema, formData);
  if (!form.ok) return reply({ errors: form.errors, values: form.values }, 400);
  const result = await createCompetition(actorOf(user), form.data);
  if (!result.ok) return reply({ errors: result.errors, values: formValues(formData) }, 400);
  // a template without weights is not stored yet: the editor opens with it, weights empty
  if (result.weightsPending)
    return redirect(
      `/chair/competitions/${result.slug}/criteria?template=${result.weightsPending}`,
    );
  return redirect(`/chair/competitions/${result.slug}`);
}

/** Where the criteria start: radio buttons, so the choice works without JavaScript. */
function TemplateChoice({ value, errors }: { value: string; errors?: string[] }) {
  const t = useT();
  const options: { value: string; label: MessageKey; hint: MessageKey }[] = [
    ...NEW_COMPETITION_TEMPLATES.map((code) => {
      const template = findCriteriaTemplate(code)!;
      return { value: code, label: template.nameKey, hint: template.descriptionKey };
    }),
    { value: "none", label: "setup.field.templateNone", hint: "setup.field.templateNoneHint" },
  ];
  return (
    <fieldset className="field template-choice">
      <legend>{t("setup.field.template")}</legend>
      {options.map((o) => (
        <div className="check" key={o.value}>
          <label>
            <input
              type="radio"
              name="template"
              value={o.value}
              defaultChecked={value === o.value}
              aria-describedby={`template-${o.value}-hint`}
            />{" "}
            {t(o.label)}
          </label>
          <p className="hint" id={`template-${o.value}-hint`}>
            {t(o.hint)}
          </p>
        </div>
      ))}
      <ErrorList errors={errors} />
    </fieldset>
  );
}

export default function NewCompetition() {
  const t = useT();
  const data = useActionData<typeof action>();
  const errors: Partial<Record<string, string[]>> = data?.errors ?? {};
  const values: Partial<Record<string, string>> = data?.values ?? {
    year: String(new Date().getFullYear()),
    template: DEFAULT_TEMPLATE,
  };
  return (
    <div className="narrow-wide">
      <h1>{t("setup.new.title")}</h1>
      <Form method="post" className="stack" noValidate>
        {data ? <ErrorList errors={["form.errorSummary"]} /> : null}
        <ErrorList errors={errors._form} />
        <Field
          label={t("setup.field.slug")}
          name="slug"
          required
          hint={t("setup.field.slugHint")}
          defaultValue={values.slug}
          errors={errors.slug}
          autoCapitalize="none"
        />
        <SettingsFields values={values} errors={errors} />
        <TemplateChoice
          value={
            values.template === "on" ? DEFAULT_TEMPLATE : (values.template ?? DEFAULT_TEMPLATE)
          }
          errors={errors.template}
        />
        <button type="submit" className="button primary">
          {t("action.create")}
        </button>
      </Form>
    </div>
  );
}
