import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { ErrorList, Field } from "~/components/Field";
import { SettingsFields } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import { NewCompetitionSchema } from "~/lib/competition-settings";
import { formValues, parseForm } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import { requireRole } from "~/lib/session.server";
import { createCompetition } from "~/models/competitions.server";
import { actorOf } from "~/models/users.server";

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
  return redirect(`/chair/competitions/${result.slug}`);
}

export default function NewCompetition() {
  const t = useT();
  const data = useActionData<typeof action>();
  const errors: Partial<Record<string, string[]>> = data?.errors ?? {};
  const values: Partial<Record<string, string>> = data?.values ?? {
    year: String(new Date().getFullYear()),
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
        <div className="field check">
          <label>
            <input
              type="checkbox"
              name="template"
              defaultChecked={data ? values.template === "on" : true}
            />{" "}
            {t("setup.field.template")}
          </label>
        </div>
        <button type="submit" className="button primary">
          {t("action.create")}
        </button>
      </Form>
    </div>
  );
}
