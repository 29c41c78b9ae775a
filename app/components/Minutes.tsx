import type { MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";

/** One row of the minutes' ranking (the published snapshot, or the live ranking before it). */
export interface MinutesRow {
  rank: number | null;
  prize: string | null;
  category: string;
  code: string;
  name: string;
  village: string;
  district: string;
  finalX100: number | null;
  judges: number;
  components: { code: string; scoreX100: number | null }[];
}

/** A score for the minutes ("—" when there is none). */
export function useMinutesScore() {
  const lang = useLang();
  return (x: number | null) => (x === null ? "—" : formatScore(x, lang));
}

/** The ranking with each component's score, the final score and the prize. */
export function MinutesTable({
  rows,
  components,
  byCategory,
}: {
  rows: MinutesRow[];
  components: { code: string; weight: number }[];
  byCategory: boolean;
}) {
  const t = useT();
  const score = useMinutesScore();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t("results.rank")}
          </th>
          <th scope="col">{t("results.library")}</th>
          <th scope="col">{t("export.district")}</th>
          {components.map((k) => (
            <th scope="col" className="num" key={k.code}>
              {k.code} ({k.weight}%)
            </th>
          ))}
          <th scope="col" className="num">
            {t("results.final")}
          </th>
          <th scope="col">{t("export.prize")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code}>
            <td className="num">{r.rank ?? "—"}</td>
            <td>
              {r.name}
              {byCategory ? ` (${t(`libraryType.${r.category}` as MessageKey)})` : ""}
            </td>
            <td>{r.district}</td>
            {components.map((k) => (
              <td className="num" key={k.code}>
                {score(r.components.find((x) => x.code === k.code)?.scoreX100 ?? null)}
              </td>
            ))}
            <td className="num">
              <strong>{score(r.finalX100)}</strong>
            </td>
            <td>{r.prize ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A line to sign for every judge of the panel and for the chair. */
export function Signatures({ panel, chair }: { panel: { name: string }[]; chair: string }) {
  const t = useT();
  return (
    <div className="signatures">
      {panel.map((j) => (
        <div className="signature" key={j.name}>
          <p>{t("minutes.judgeRole")}</p>
          <div className="line" />
          <p>{j.name}</p>
        </div>
      ))}
      <div className="signature">
        <p>{t("minutes.chairRole")}</p>
        <div className="line" />
        <p>{chair || "\u00a0"}</p>
      </div>
    </div>
  );
}
