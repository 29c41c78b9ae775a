import type { MessagesHandle } from "~/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { requireRole } from "~/lib/session.server";
import { getManagedLibrary, listLibraryCompetitions } from "~/models/library-accounts.server";

export const handle: MessagesHandle = { i18n: ["library"] };

export const meta: MetaFunction = () => [{ title: "Lomba kami · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["library"]);
  const library = await getManagedLibrary(user.id);
  if (!library) throw new Response("Not found", { status: 404 });
  return json(
    { library, competitions: await listLibraryCompetitions(library.id) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function LibraryCompetitions() {
  const t = useT();
  const { library, competitions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("library.title", { library: library.name })}</h1>
      <p>{t("library.intro")}</p>
      {competitions.length === 0 ? (
        <p>{t("library.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("library.col.competition")}</th>
                <th scope="col">{t("library.col.year")}</th>
                <th scope="col">{t("library.col.status")}</th>
                <th scope="col">{t("library.col.entry")}</th>
                <th scope="col">{t("library.col.selfAssessment")}</th>
                <th scope="col">{t("library.col.results")}</th>
              </tr>
            </thead>
            <tbody>
              {competitions.map((c) => (
                <tr key={c.slug}>
                  <th scope="row">
                    <Link to={`/library/${c.slug}`}>{c.name}</Link>
                  </th>
                  <td>{c.year}</td>
                  <td>
                    <span className={`badge status-${c.status}`}>{t(`status.${c.status}`)}</span>
                  </td>
                  <td>{t(`setup.entries.status.${c.entryStatus}`)}</td>
                  <td>
                    {c.selfAssessment ? (
                      <Link to={`/library/${c.slug}`}>
                        {t(`library.selfAssessment.status.${c.selfAssessment}`)}
                      </Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    {c.status === "published" ? (
                      <Link to={`/competitions/${c.slug}`}>{t("library.results")}</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
