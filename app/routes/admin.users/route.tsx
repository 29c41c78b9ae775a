import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ROLES, STAFF_ROLES } from "../../../db/schema";
import { ErrorList, Field, SelectField } from "~/components/Field";
import { UserAdminNotice, UserTable } from "~/components/UserAdmin";
import { useT } from "~/i18n/useT";
import { reply } from "~/lib/reply.server";
import { requireRole } from "~/lib/session.server";
import { handleUserAdminAction } from "./user-admin.server";
import { listUsers } from "~/models/users.server";

export const handle: MessagesHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "Pengguna · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return json({ users: await listUsers() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const result = await handleUserAdminAction(user, await request.formData(), {
    manageable: ROLES,
    edit: true,
  });
  return reply(result, result.ok ? 200 : 400);
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const refused = result && !result.ok ? result : undefined;
  // a refused edit is shown at its row; the create form keeps only its own
  const editing = refused?.values.intent === "edit" ? refused : undefined;
  const invalid = editing ? undefined : refused;
  const errors: Partial<Record<string, string[]>> = refused?.errors ?? {};
  const shownElsewhere = editing
    ? ["name", "role", "_form"]
    : ["name", "email", "role", "password"];
  return (
    <>
      <h1>{t("users.title")}</h1>
      <UserAdminNotice result={result} />
      {/* errors of fields this form does not show (a crafted request) still get a message */}
      <ErrorList
        errors={Object.entries(errors)
          .filter(([field]) => !shownElsewhere.includes(field))
          .flatMap(([, list]) => list ?? [])}
      />
      <UserTable
        users={users}
        showRole
        showHome={false}
        editable
        editErrors={
          editing
            ? {
                userId: editing.values.userId ?? "",
                values: editing.values,
                errors: editing.errors,
              }
            : undefined
        }
      />
      <section aria-labelledby="create-user" className="panel">
        <h2 id="create-user">{t("users.create")}</h2>
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
            errors={invalid?.errors.name}
          />
          <Field
            label={t("users.email")}
            name="email"
            type="email"
            required
            defaultValue={invalid?.values.email}
            errors={invalid?.errors.email}
          />
          <SelectField
            label={t("users.role")}
            name="role"
            defaultValue={invalid?.values.role ?? "judge"}
            options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            errors={invalid?.errors.role}
          />
          <Field
            label={t("users.password")}
            name="password"
            type="password"
            autoComplete="new-password"
            errors={invalid?.errors.password}
          />
          <button type="submit" className="button primary">
            {t("action.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
