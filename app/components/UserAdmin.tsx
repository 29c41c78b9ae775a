import { Form } from "@remix-run/react";
import { STAFF_ROLES, type Role } from "../../db/schema";
import { ErrorList, Field, SelectField } from "~/components/Field";
import { useT } from "~/i18n/useT";

export interface UserAdminNoticeData {
  ok: boolean;
  kind?: "created" | "reset" | "activated" | "deactivated" | "edited";
  email?: string;
  name?: string;
  tempPassword?: string | null;
}

/** The one-time display of a temporary password, or a plain confirmation. */
export function UserAdminNotice({ result }: { result: UserAdminNoticeData | undefined }) {
  const t = useT();
  if (!result?.ok || !result.email) return null;
  return (
    <div className="notice" role="status">
      {result.kind === "created" ? <p>{t("users.created", { email: result.email })}</p> : null}
      {result.kind === "activated" ? (
        <p>{t("users.activated", { name: result.name ?? "", email: result.email })}</p>
      ) : null}
      {result.kind === "deactivated" ? (
        <p>{t("users.deactivated", { name: result.name ?? "", email: result.email })}</p>
      ) : null}
      {result.kind === "edited" ? (
        <p>{t("users.edited", { name: result.name ?? "", email: result.email })}</p>
      ) : null}
      {result.kind === "reset" ? <p>{t("users.resetDone", { email: result.email })}</p> : null}
      {result.tempPassword ? (
        <p>
          {t("users.tempPassword", { email: result.email })}{" "}
          <code className="temp-password">{result.tempPassword}</code> {t("users.tempPasswordOnce")}
        </p>
      ) : null}
    </div>
  );
}

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  district: string;
  village: string;
  institution: string;
}

/** A refused edit, shown at the row it was about. */
export interface UserEditErrors {
  userId: string;
  values: Record<string, string>;
  errors: Partial<Record<string, string[]>>;
}

/** A table of accounts with activate/deactivate and password reset, each a plain POST form. */
export function UserTable({
  users,
  showRole,
  showHome,
  editable = false,
  editErrors,
}: {
  users: UserRow[];
  showRole: boolean;
  showHome: boolean;
  /** each row gets a form to change the name and role (the admin's page) */
  editable?: boolean;
  editErrors?: UserEditErrors;
}) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("users.name")}</th>
            <th scope="col">{t("users.email")}</th>
            {showRole ? <th scope="col">{t("users.role")}</th> : null}
            {showHome ? <th scope="col">{t("judges.district")}</th> : null}
            {showHome ? <th scope="col">{t("judges.institution")}</th> : null}
            <th scope="col">{t("users.status")}</th>
            <th scope="col">{t("users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.name}</th>
              <td>{u.email}</td>
              {showRole ? <td>{t(`role.${u.role}`)}</td> : null}
              {showHome ? <td>{[u.village, u.district].filter(Boolean).join(", ")}</td> : null}
              {showHome ? <td>{u.institution}</td> : null}
              <td>{u.active ? t("users.active") : t("users.inactive")}</td>
              <td className="actions">
                <Form method="post">
                  <input type="hidden" name="userId" value={u.id} />
                  <button
                    type="submit"
                    name="intent"
                    value={u.active ? "deactivate" : "activate"}
                    className="button small"
                  >
                    {u.active ? t("users.deactivate") : t("users.activate")}
                  </button>{" "}
                  <button type="submit" name="intent" value="reset" className="button small">
                    {t("users.resetPassword")}
                  </button>
                </Form>
                {editable ? (
                  <UserEditForm
                    user={u}
                    refused={editErrors?.userId === String(u.id) ? editErrors : undefined}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Name and role of one account, behind a disclosure that opens when the edit was refused. */
function UserEditForm({ user, refused }: { user: UserRow; refused?: UserEditErrors }) {
  const t = useT();
  return (
    <details className="user-edit" open={refused ? true : undefined}>
      <summary>{t("users.edit")}</summary>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="userId" value={user.id} />
        <ErrorList errors={refused?.errors._form} />
        <Field
          label={t("users.name")}
          name="name"
          required
          defaultValue={refused?.values.name ?? user.name}
          errors={refused?.errors.name}
        />
        <SelectField
          label={t("users.role")}
          name="role"
          defaultValue={refused?.values.role ?? user.role}
          // a library's manager stays one (users.libraryRoleFixed)
          options={(user.role === "library" ? (["library"] as const) : STAFF_ROLES).map((r) => ({
            value: r,
            label: t(`role.${r}`),
          }))}
          errors={refused?.errors.role}
        />
        <button type="submit" className="button small primary">
          {t("users.saveEdit")}
        </button>
      </Form>
    </details>
  );
}
