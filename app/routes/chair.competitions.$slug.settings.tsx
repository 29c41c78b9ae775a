import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList } from "~/components/Field";
import { SettingsFields } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import { SettingsSchema } from "~/lib/competition-settings";
import { parseForm } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import { requireRole } from "~/lib/session.server";
import { requireCompetition, settingsOf, updateCompetition } from "~/models/competitions.server";
import { actorOf } from "~/models/users.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "./chair.competitions.$slug/competition-page";

export const meta: MetaFunction = () => [{ title: "Pengaturan lomba · Juara" }];

export const handle: CompetitionPageHandle = {
  competitionPage: { heading: "setup.settings.title" },
};

function asValues(s: object): Record<string, string> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json({ values: asValues(settingsOf(c)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const form = parseForm(SettingsSchema, await request.formData());
  if (!form.ok) return reply({ ok: false, errors: form.errors, values: form.values }, 400);
  const result = await updateCompetition(actorOf(user), c.id, form.data);
  if (!result.ok)
    return reply({ ok: false, errors: result.errors, values: asValues(form.data) }, 400);
  return reply({ ok: true });
}

export default function CompetitionSettings() {
  const t = useT();
  const { status } = useCompetition();
  const { values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Partial<Record<string, string[]>> = data?.errors ?? {};
  const shown = data && !data.ok ? data.values : values;
  return (
    <>
      {data?.ok ? (
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
    </>
  );
}
