import { useMatches, useRouteLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import {
  DEFAULT_LANG,
  waitFor,
  translate,
  type Lang,
  type MessageKey,
  type MessagesHandle,
  type Params,
  type SectionName,
} from "./index";

export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>("root");
  return data?.lang ?? DEFAULT_LANG;
}

/** `common` and the sections the matched routes name in `handle.i18n`. */
export function sectionsOf(handles: readonly unknown[]): SectionName[] {
  return [
    "common",
    ...handles.flatMap((handle) => (handle as MessagesHandle | undefined)?.i18n ?? []),
  ];
}

/**
 * `t("login.title")` in the visitor's language. In the browser the page's sections are loaded
 * before hydration (app/entry.client.tsx); after a navigation or a language switch the page
 * waits (suspends) until the new ones are here, all requested at once.
 */
export function useT() {
  const lang = useLang();
  const matches = useMatches();
  const t = useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
  const pending = waitFor(lang, sectionsOf(matches.map((m) => m.handle)));
  if (pending) throw pending;
  return t;
}
