import { Form } from "@remix-run/react";
import type { Role } from "../../db/schema";
import { useT } from "~/i18n/useT";

export interface UserAdminNoticeData {
  ok: boolean;
  kind?: "created" | "reset" | "updated";
  email?: string;
  tempPassword?: string | null;
}

/** The one-time display of a temporary password, or a plain confirmation. */
export function UserAdminNotice({ result }: { result: UserAdminNoticeData | undefined }) {
  const t = useT();
  if (!result?.ok || !result.email) return null;
  return (
    <div className="notice" role="status">
      {result.kind === "created" ? <p>{t("users.created", { email: result.email })}</p> : null}
      {result.kind === "updated" ? <p>{t("users.updated", { email: result.email })}</p> : null}
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

/** A table of accounts with activate/deactivate and password reset, each a plain POST form. */
export function UserTable({
  users,
  showRole,
  showHome,
}: {
  users: UserRow[];
  showRole: boolean;
  showHome: boolean;
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
