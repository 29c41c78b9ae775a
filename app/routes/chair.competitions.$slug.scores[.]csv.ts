import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n";
import { getLang } from "~/i18n/lang.server";
import { CSV_FORMATS, toSpreadsheetCsv } from "~/lib/csv";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { scoreMatrix } from "~/models/exports.server";

/** The full score matrix, entry × judge × indicator, with notes: the paper sheets' record. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const [rows, lang] = await Promise.all([scoreMatrix(c.id), getLang(request)]);
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const csv = toSpreadsheetCsv(
    [
      [
        t("export.code"),
        t("export.library"),
        t("export.category"),
        t("export.entryStatus"),
        t("export.judge"),
        t("export.sheetStatus"),
        t("export.component"),
        t("export.indicator"),
        t("export.indicatorName"),
        t("export.scale"),
        t("export.score"),
        t("export.note"),
      ],
      ...rows.map((r) => [
        r.code,
        r.library,
        translate(lang, `libraryType.${r.category as "desa"}`),
        translate(lang, `setup.entries.status.${r.entryStatus as "active"}`),
        r.judge,
        r.setAside
          ? t("export.setAside")
          : r.sheetStatus === "submitted"
            ? t("scoring.state.submitted")
            : t("export.draft"),
        r.component,
        r.indicator,
        r.indicatorName,
        `${r.min}–${r.max}`,
        r.value,
        r.note,
      ]),
    ],
    CSV_FORMATS[lang],
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${c.slug}-nilai.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
