import type { MessagesHandle } from "~/i18n";
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorList, Field } from "~/components/Field";
import { useT } from "~/i18n/useT";
import { useClearPasswords } from "~/lib/use-clear-passwords";
import { authenticate, passOnRetryAfter } from "~/lib/auth.server";
import { LoginSchema } from "~/lib/account-forms.server";
import { FORM, parseForm } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import { createSession, requireAnonymous, safeRedirect } from "~/lib/session.server";

export const handle: MessagesHandle = { i18n: ["account"] };

export const meta: MetaFunction = () => [{ title: "Masuk · Juara" }];

export const headers: HeadersFunction = passOnRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(LoginSchema, await request.formData(), {
    omitFromEcho: ["password"],
  });
  if (!form.ok) return reply({ errors: form.errors, values: form.values }, 400);
  const { email, password } = form.data;
  const target = safeRedirect(form.data.redirectTo);
  const result = await authenticate(email, password, context.clientIp ?? "unknown");
  if (!result.ok) {
    const values = { email };
    if (result.reason === "locked") {
      return reply(
        {
          errors: { [FORM]: ["login.locked"] },
          values,
          retryMinutes: Math.ceil(result.retryAfterSeconds / 60),
        },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    if (result.reason === "inactive")
      return reply({ errors: { [FORM]: ["login.inactive"] }, values }, 403);
    return reply({ errors: { [FORM]: ["login.invalid"] }, values }, 401);
  }
  const cookie = await createSession(result.userId, context);
  return redirect(target, {
    headers: { "Set-Cookie": cookie },
  });
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>();
  const formRef = useClearPasswords(data);
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors: Partial<Record<string, string[]>> = data?.errors ?? {};
  const formError = errors._form?.[0];
  const retryMinutes = data && "retryMinutes" in data ? Number(data.retryMinutes) : 0;
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      <Form method="post" className="stack" noValidate ref={formRef}>
        {formError === "login.locked" ? (
          <p className="alert" role="alert">
            {t("login.locked", { minutes: retryMinutes })}
          </p>
        ) : (
          <ErrorList errors={errors._form} />
        )}
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={data?.values?.email ?? ""}
          errors={errors.email}
        />
        <Field
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={errors.password}
        />
        <button
          type="submit"
          className="button primary"
          disabled={navigation.state === "submitting"}
        >
          {navigation.state === "submitting" ? t("login.submitting") : t("login.submit")}
        </button>
      </Form>
    </div>
  );
}
