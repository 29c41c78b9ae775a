import { account } from "./catalog/account";
import { admin } from "./catalog/admin";
import { audit } from "./catalog/audit";
import { chairCompetition } from "./catalog/chair-competition";
import { chairResults } from "./catalog/chair-results";
import { chairSetup } from "./catalog/chair-setup";
import { common } from "./catalog/common";
import { dashboard } from "./catalog/dashboard";
import { evidence } from "./catalog/evidence";
import { judge } from "./catalog/judge";
import { library } from "./catalog/library";
import { publicPages } from "./catalog/public";

export const LANGS = ["id", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "id";

// One catalog section per page area, mirroring app/routes; they are merged here. A key lives in
// exactly one section (tests/unit/i18n.test.ts checks it).
export const sections = [
  common,
  account,
  admin,
  dashboard,
  audit,
  chairCompetition,
  chairSetup,
  chairResults,
  judge,
  library,
  evidence,
  publicPages,
] as const;
type Section = (typeof sections)[number];
type KeysOf<S> = S extends { id: Record<infer K, string> } ? K : never;
export type MessageKey = KeysOf<Section>;

function merge(lang: Lang): Record<MessageKey, string> {
  return Object.assign({}, ...sections.map((s) => s[lang])) as Record<MessageKey, string>;
}

export const catalogs: Record<Lang, Record<MessageKey, string>> = {
  id: merge("id"),
  en: merge("en"),
};

export type Params = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogs.id, key);
}

/** Looks a message up and fills its {placeholders}. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = catalogs[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, stop: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = String(params[name]);
    // a value that ends with its own full stop ("Nurhayati, S.IP.") ends the sentence too
    return stop && value.endsWith(".") ? value : value + stop;
  });
}

export function parseLang(value: unknown): Lang {
  return value === "en" ? "en" : DEFAULT_LANG;
}

export function locale(lang: Lang): string {
  return lang === "en" ? "en-GB" : "id-ID";
}
