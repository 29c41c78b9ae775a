import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { useLang, useT } from "~/i18n/useT";
import { locale } from "~/i18n";
import { requireRole } from "~/lib/session.server";
import { auditFilterOptions, listAuditEntries, verifyAuditChain } from "~/models/audit.server";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Bad filter values are dropped rather than refused: this is a read-only search page. */
const FilterSchema = z.object({
  competition: z.coerce.number().int().positive().optional().catch(undefined),
  user: z.coerce.number().int().positive().optional().catch(undefined),
  entity: z.string().max(50).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const meta: MetaFunction = () => [{ title: "Log audit · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = FilterSchema.parse(
    Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "")),
  );
  const [list, options, chain] = await Promise.all([
    listAuditEntries({
      competitionId: filter.competition,
      userId: filter.user,
      entityType: filter.entity,
      from: filter.from,
      to: filter.to,
      page: filter.page,
    }),
    auditFilterOptions(),
    verifyAuditChain(),
  ]);
  return json({ ...list, options, chain });
}

function pretty(jsonText: string | null): string {
  if (!jsonText) return "";
  try {
    return JSON.stringify(JSON.parse(jsonText), null, 2);
  } catch {
    return jsonText;
  }
}

export default function AuditLog() {
  const { entries, hasMore, page, options, chain } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const pageLink = (to: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(to));
    return `?${next.toString()}`;
  };
  const when = new Intl.DateTimeFormat(locale(lang), {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "Asia/Makassar",
  });
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <p className={chain.ok ? "notice" : "alert"} role="status">
        {chain.ok
          ? t("audit.chainOk", { entries: chain.entries })
          : t("audit.chainBroken", { id: chain.brokenAt })}
      </p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="f-competition">{t("audit.competition")}</label>
          <select
            id="f-competition"
            name="competition"
            defaultValue={params.get("competition") ?? ""}
          >
            <option value="">{t("audit.all")}</option>
            {options.competitions.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-user">{t("audit.user")}</label>
          <select id="f-user" name="user" defaultValue={params.get("user") ?? ""}>
            <option value="">{t("audit.all")}</option>
            {options.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-entity">{t("audit.entity")}</label>
          <select id="f-entity" name="entity" defaultValue={params.get("entity") ?? ""}>
            <option value="">{t("audit.all")}</option>
            {options.entityTypes.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">{t("audit.from")}</label>
          <input id="f-from" type="date" name="from" defaultValue={params.get("from") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t("audit.to")}</label>
          <input id="f-to" type="date" name="to" defaultValue={params.get("to") ?? ""} />
        </div>
        <button type="submit" className="button">
          {t("audit.filter")}
        </button>
      </Form>
      {entries.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="audit">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="num">{e.id}</td>
                  <td>{when.format(new Date(e.at))}</td>
                  <td>{e.actor}</td>
                  <td>
                    {e.entity_type} {e.entity_id}
                    {e.competition ? <div className="muted">{e.competition}</div> : null}
                  </td>
                  <td>
                    <strong>{e.action}</strong>
                    {e.reason ? (
                      <div>
                        {t("audit.reason")}: {e.reason}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {e.before_json || e.after_json ? (
                      <details>
                        <summary>{t("audit.details")}</summary>
                        {e.before_json ? (
                          <>
                            <p>{t("audit.before")}</p>
                            <pre>{pretty(e.before_json)}</pre>
                          </>
                        ) : null}
                        {e.after_json ? (
                          <>
                            <p>{t("audit.after")}</p>
                            <pre>{pretty(e.after_json)}</pre>
                          </>
                        ) : null}
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager">
        {page > 1 ? <Link to={pageLink(page - 1)}>{t("audit.newer")}</Link> : <span />}
        {hasMore ? <Link to={pageLink(page + 1)}>{t("audit.older")}</Link> : null}
      </nav>
    </>
  );
}
