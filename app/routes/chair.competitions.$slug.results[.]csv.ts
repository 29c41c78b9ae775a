import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n";
import { getLang } from "~/i18n/lang.server";
import { CSV_FORMATS, decimalCell, toSpreadsheetCsv } from "~/lib/csv";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { pointsOfRanking, pointsSettingOf } from "~/models/points.server";
import { computeRanking } from "~/models/ranking.server";

/** The ranking as a spreadsheet: one row per entry with its final and component scores. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const [ranking, lang] = await Promise.all([computeRanking(c), getLang(request)]);
  const format = CSV_FORMATS[lang];
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const components = ranking?.entries[0]?.components ?? [];
  // the points column only when the competition shows points (docs/scoring.md, "Points")
  const setting = pointsSettingOf(c);
  const points = await pointsOfRanking(c.id, setting, ranking);
  const withPoints = setting.display !== "none";
  const rows = [
    [
      t("export.rank"),
      t("export.prize"),
      t("export.category"),
      t("export.code"),
      t("export.library"),
      t("export.village"),
      t("export.district"),
      t("export.final"),
      ...(withPoints ? [t("export.points")] : []),
      ...components.map((k) => `${k.code} ${k.name} (${k.weight}%)`),
      t("export.judges"),
      t("export.tie"),
    ],
    ...(ranking?.entries ?? []).map((e) => [
      e.rank,
      e.prize,
      translate(lang, `libraryType.${e.category}`),
      e.code,
      e.name,
      e.village,
      e.district,
      decimalCell(e.finalX100, format),
      ...(withPoints ? [decimalCell(points.get(e.entryId) ?? null, format)] : []),
      ...e.components.map((k) => decimalCell(k.scoreX100, format)),
      e.judges,
      e.tieSize > 1 ? (e.decided ? t("results.flag.tieDecided") : t("results.flag.tie")) : "",
    ]),
  ];
  return new Response(toSpreadsheetCsv(rows, format), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${c.slug}-hasil.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
