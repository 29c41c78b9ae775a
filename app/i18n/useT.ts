import { useRouteLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { DEFAULT_LANG, translate, type Lang, type MessageKey, type Params } from "./index";

export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>("root");
  return data?.lang ?? DEFAULT_LANG;
}

/** `t("login.title")` in the visitor's language. */
export function useT() {
  const lang = useLang();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}
