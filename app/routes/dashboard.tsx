import type { MessagesHandle } from "~/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { listCompetitionSummaries, listJudgeCompetitions } from "~/models/competitions.server";
import { requireUser } from "~/lib/session.server";

export const handle: MessagesHandle = { i18n: ["dashboard"] };

export const meta: MetaFunction = () => [{ title: "Dasbor · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // a library's manager has their own start page (login and the header lead here)
  if (user.role === "library") throw redirect("/library");
  if (user.role === "judge") {
    return json({
      role: user.role,
      name: user.name,
      judging: await listJudgeCompetitions(user.id),
      competitions: [],
    });
  }
  return json({
    role: user.role,
    name: user.name,
    judging: [],
    competitions: await listCompetitionSummaries(),
  });
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      <p>{t("dashboard.welcome", { name: data.name })}</p>
      {data.role === "judge" ? (
        <section aria-labelledby="judging-heading">
          <h2 id="judging-heading">{t("dashboard.judgeCompetitions")}</h2>
          {data.judging.length === 0 ? (
            <p>{t("dashboard.judgeNone")}</p>
          ) : (
            <ul className="card-list">
              {data.judging.map((c) => (
                <li key={c.slug} className="card">
                  <strong>
                    <Link to={`/judge/${c.slug}`}>{c.name}</Link>
                  </strong>
                  <p>
                    {t("dashboard.judgeProgress", {
                      submitted: c.submitted,
                      total: c.assigned,
                    })}
                  </p>
                  <progress value={c.submitted} max={Math.max(c.assigned, 1)} aria-label={c.name} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <section aria-labelledby="competitions-heading">
          <h2 id="competitions-heading">{t("dashboard.competitions")}</h2>
          <p className="page-links">
            <Link to="/chair/competitions/new">{t("setup.nav.new")}</Link>
            <Link to="/chair/import">{t("setup.nav.import")}</Link>
            <Link to="/chair/libraries">{t("setup.nav.libraries")}</Link>
          </p>
          {data.competitions.length === 0 ? (
            <p>{t("dashboard.noCompetitions")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.col.name")}</th>
                    <th scope="col">{t("dashboard.col.year")}</th>
                    <th scope="col">{t("dashboard.col.status")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.col.entries")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.col.judges")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.col.sheets")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.competitions.map((c) => (
                    <tr key={c.slug}>
                      <th scope="row">
                        <Link to={`/chair/competitions/${c.slug}`}>{c.name}</Link>
                      </th>
                      <td>{c.year}</td>
                      <td>
                        <span className={`badge status-${c.status}`}>
                          {t(`status.${c.status}`)}
                        </span>
                      </td>
                      <td className="num">{c.entries}</td>
                      <td className="num">{c.judges}</td>
                      <td className="num">
                        {c.sheetsSubmitted} / {c.sheetsExpected}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
