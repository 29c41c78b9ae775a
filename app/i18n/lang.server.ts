import { createCookie } from "@remix-run/node";
import { parseLang, type Lang } from "./index";

/** The chosen language; Indonesian unless the visitor switched. Not a secret, so not signed. */
export const langCookie = createCookie("juara_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

export async function getLang(request: Request): Promise<Lang> {
  return parseLang(await langCookie.parse(request.headers.get("Cookie")));
}
