import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList, Field } from "~/components/Field";
import { UserAdminNotice, UserTable } from "~/components/UserAdmin";
import { useT } from "~/i18n/useT";
import { reply } from "~/lib/reply.server";
import { requireRole } from "~/lib/session.server";
import { handleUserAdminAction } from "~/routes/admin.users/user-admin.server";
import { listUsers } from "~/models/users.server";

export const handle: MessagesHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "Juri · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  return json({ judges: await listUsers({ role: "judge" }) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const result = await handleUserAdminAction(user, await request.formData(), {
    manageable: ["judge"],
    createRole: "judge",
  });
  return reply(result, result.ok ? 200 : 400);
}

export default function Judges() {
  const { judges } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const invalid = result && !result.ok ? result : undefined;
  const errors: Partial<Record<string, string[]>> = invalid?.errors ?? {};
  return (
    <>
      <h1>{t("judges.title")}</h1>
      <p>{t("judges.intro")}</p>
      <UserAdminNotice result={result} />
      <ErrorList errors={errors._form} />
      {judges.length === 0 ? (
        <p>{t("judges.none")}</p>
      ) : (
        <UserTable users={judges} showRole={false} showHome />
      )}
      <section aria-labelledby="create-judge" className="panel">
        <h2 id="create-judge">{t("judges.create")}</h2>
        <Form
          method="post"
          className="stack"
          noValidate
          key={result?.ok && result.kind === "created" ? result.email : "form"}
        >
          <input type="hidden" name="intent" value="create" />
          <Field
            label={t("users.name")}
            name="name"
            required
            defaultValue={invalid?.values.name}
            errors={errors.name}
          />
          <Field
            label={t("users.email")}
            name="email"
            type="email"
            required
            defaultValue={invalid?.values.email}
            errors={errors.email}
          />
          <Field
            label={t("judges.district")}
            name="district"
            defaultValue={invalid?.values.district}
            errors={errors.district}
          />
          <Field
            label={t("judges.village")}
            name="village"
            defaultValue={invalid?.values.village}
            errors={errors.village}
          />
          <Field
            label={t("judges.institution")}
            name="institution"
            defaultValue={invalid?.values.institution}
            errors={errors.institution}
          />
          <button type="submit" className="button primary">
            {t("action.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
