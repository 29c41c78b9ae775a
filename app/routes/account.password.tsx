import type { MessagesHandle } from "~/i18n";
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList, Field } from "~/components/Field";
import { useT } from "~/i18n/useT";
import { useClearPasswords } from "~/lib/use-clear-passwords";
import { isPaused, passOnRetryAfter, withPasswordLimit } from "~/lib/auth.server";
import { ChangePasswordSchema } from "~/lib/account-forms.server";
import { parseForm } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import { requireUser } from "~/lib/session.server";
import { actorOf, changePassword } from "~/models/users.server";

export const handle: MessagesHandle = { i18n: ["account"] };

const NO_ECHO = ["current", "next", "confirm"] as const;

export const meta: MetaFunction = () => [{ title: "Ganti kata sandi · Juara" }];

export const headers: HeadersFunction = passOnRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { allowPasswordChange: true });
  return json({ mustChange: user.mustChangePassword });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { allowPasswordChange: true });
  const form = parseForm(ChangePasswordSchema, await request.formData(), {
    omitFromEcho: NO_ECHO,
  });
  if (!form.ok) return reply({ ok: false as const, errors: form.errors }, 400);
  // asking for the current password is a guess like a login: the same limit applies
  const result = await withPasswordLimit(
    user.email,
    context.clientIp ?? "unknown",
    () => changePassword(actorOf(user), user.sessionId, form.data.current, form.data.next),
    (r) => !r.ok,
  );
  if (isPaused(result))
    return reply(
      { ok: false as const, retryMinutes: Math.ceil(result.retryAfterSeconds / 60) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  if (!result.ok) return reply({ ok: false as const, errors: result.errors }, 400);
  // the session stays marked (docs/security.md): only a new login with this password is unmarked
  return reply({ ok: true as const, logInAgain: user.issuedPasswordSession });
}

export default function ChangePassword() {
  const t = useT();
  const { mustChange } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const formRef = useClearPasswords(data);
  const errors: Partial<Record<string, string[]>> = data?.errors ?? {};
  const retryMinutes = data && "retryMinutes" in data ? Number(data.retryMinutes) : 0;
  return (
    <div className="narrow">
      <h1>{t("password.title")}</h1>
      {data?.ok ? (
        <p className="notice" role="status">
          {t("password.changed")}
          {data.logInAgain ? <> {t("password.logInAgain")}</> : null}
        </p>
      ) : retryMinutes > 0 ? (
        <p className="alert" role="alert">
          {t("login.locked", { minutes: retryMinutes })}
        </p>
      ) : mustChange ? (
        <p className="alert">{t("password.mustChange")}</p>
      ) : null}
      <Form method="post" className="stack" noValidate ref={formRef}>
        <ErrorList errors={errors._form} />
        <Field
          label={t("password.current")}
          name="current"
          type="password"
          autoComplete="current-password"
          required
          errors={errors.current}
        />
        <Field
          label={t("password.new")}
          name="next"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint={t("password.hint")}
          errors={errors.next}
        />
        <Field
          label={t("password.confirm")}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          errors={errors.confirm}
        />
        <button type="submit" className="button primary">
          {t("action.save")}
        </button>
      </Form>
    </div>
  );
}
