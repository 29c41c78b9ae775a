import { locale, type Lang } from "~/i18n";
import { formatX100 } from "./scoring";

/** Kutai Timur keeps Central Indonesian Time (WITA); dates read as the committee wrote them. */
const TIME_ZONE = "Asia/Makassar";

export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "long", timeZone: TIME_ZONE }).format(
    new Date(iso),
  );
}

export function formatScore(x100: number, lang: Lang): string {
  return formatX100(x100, locale(lang));
}

export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { timeStyle: "short", timeZone: TIME_ZONE }).format(
    new Date(iso),
  );
}
