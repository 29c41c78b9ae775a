import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseLang } from "~/i18n";
import { langCookie } from "~/i18n/lang.server";
import { safeRedirect } from "~/lib/session.server";

export async function loader() {
  return redirect("/");
}

/** Switches the interface language (a cookie) and goes back to the page it came from. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = parseLang(form.get("lang"));
  return redirect(safeRedirect(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": await langCookie.serialize(lang) },
  });
}
