import type { MessagesHandle } from "~/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { requireRole } from "~/lib/session.server";
import { getJudgeCompetition } from "~/models/sheets.server";

export const handle: MessagesHandle = { i18n: ["judge", "dashboard"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.name ?? ""} · Juara` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const view = await getJudgeCompetition(user.id, params.slug ?? "");
  if (!view) throw new Response("Not found", { status: 404 });
  return json(view, { headers: { "Cache-Control": "private, no-store" } });
}

export default function JudgeCompetition() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const submitted = view.entries.filter((e) => e.state === "submitted").length;
  const justSubmitted = view.entries.find((e) => e.code === search.get("submitted"));
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/dashboard">{t("dashboard.title")}</Link>
      </p>
      <h1>{view.name}</h1>
      {view.stage ? <p className="stage-now">{t("scoring.stageNow", view.stage)}</p> : null}
      {justSubmitted ? (
        <p className="notice" role="status">
          {t("scoring.list.justSubmitted", { library: justSubmitted.name })}
        </p>
      ) : null}
      {view.status !== "scoring" ? <p className="notice">{t("scoring.list.notOpen")}</p> : null}
      <p id="progress-label">
        {t("scoring.list.progress", { submitted, total: view.entries.length })}
      </p>
      <progress
        aria-labelledby="progress-label"
        value={submitted}
        max={Math.max(view.entries.length, 1)}
      />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("scoring.list.library")}</th>
              <th scope="col">{t("scoring.list.village")}</th>
              <th scope="col">{t("scoring.list.district")}</th>
              <th scope="col">{t("scoring.list.state")}</th>
            </tr>
          </thead>
          <tbody>
            {view.entries.map((e) => (
              <tr key={e.code}>
                <th scope="row">
                  <Link to={`/judge/${view.slug}/${encodeURIComponent(e.code)}`}>{e.name}</Link>
                </th>
                <td>{e.village}</td>
                <td>{e.district}</td>
                <td>
                  <span className={`badge sheet-${e.state}`}>
                    {e.state === "draft"
                      ? t("scoring.state.draft", {
                          scored: e.scored,
                          total: view.indicators,
                        })
                      : t(
                          e.state === "submitted"
                            ? "scoring.state.submitted"
                            : "scoring.state.notStarted",
                        )}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
