import { isMessageKey, translate, type Lang } from "~/i18n";

export interface Message {
  message: string;
  params?: Record<string, string | number>;
  /** details listed beneath the message (e.g. each missing sheet) */
  items?: Message[];
}

/**
 * Renders a message from a model (a catalog key with placeholders) in a language. Placeholder
 * values that are themselves catalog keys are translated too; anything else (zod's own English
 * text) is shown as it is.
 */
export function describe(lang: Lang, m: Message): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) {
    params[k] = typeof v === "string" && isMessageKey(v) ? translate(lang, v, m.params) : v;
  }
  return isMessageKey(m.message) ? translate(lang, m.message, params) : m.message;
}
