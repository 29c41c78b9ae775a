import { useLang, useT } from "~/i18n/useT";
import { formatDate } from "~/lib/format";

export interface SetAsideRow {
  code: string;
  library: string;
  judge: string;
  status: "new" | "draft" | "submitted";
  confirmedAt: string;
  confirmedBy: string;
  reason: string;
}

/**
 * Sheets set aside for a conflict of interest confirmed after the judge started (docs/scoring.md):
 * who, which library, when, by whom and why. Nothing when there are none.
 */
export function SetAsideSheets({
  sheets,
  note,
}: {
  sheets: SetAsideRow[];
  /** a line under the explanation (e.g. what publishing does with them) */
  note?: string;
}) {
  const t = useT();
  const lang = useLang();
  if (sheets.length === 0) return null;
  return (
    <section aria-labelledby="set-aside" className="set-aside">
      <h2 id="set-aside">{t("setAside.title")}</h2>
      <p>{t("setAside.hint")}</p>
      {note ? <p>{note}</p> : null}
      <ul>
        {sheets.map((s) => (
          <li key={`${s.code}|${s.judge}`}>
            {t("setAside.item", {
              judge: s.judge,
              library: `${s.library} (${s.code})`,
              status: t(`setAside.status.${s.status}`),
              date: formatDate(s.confirmedAt, lang),
              by: s.confirmedBy || t("setAside.unknownPerson"),
              reason: s.reason,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
