import { Form, Link } from "@remix-run/react";
import { isMessageKey, locale } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";

/** One entry as the page shows it (the model's AuditListEntry, as JSON). */
export interface AuditRow {
  id: number;
  at: string;
  actor: { kind: "person"; name: string } | { kind: "system" | "cli" };
  competition: string | null;
  entityType: string;
  action: string;
  subject: { key: string; values: Record<string, string> };
  statusMove: { from: string; to: string } | null;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** A catalog key built from a value the log holds, or the value itself when there is none. */
function useWords() {
  const t = useT();
  return (key: string, fallback: string, params?: Record<string, string>) =>
    isMessageKey(key) ? t(key, params) : fallback;
}

export interface AuditFilterOptions {
  competitions: { id: number; name: string }[];
  users: { id: number; name: string; email: string }[];
  entityTypes: string[];
}

/** The filters, a plain GET form: the current values come from the address. */
export function AuditFilters({
  options,
  params,
}: {
  options: AuditFilterOptions;
  params: URLSearchParams;
}) {
  const t = useT();
  const words = useWords();
  const entityTypes = options.entityTypes
    .map((e) => ({ value: e, label: words(`audit.entity.${e}`, e) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
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
          {entityTypes.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
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
  );
}

function pretty(jsonText: string | null): string {
  if (!jsonText) return "";
  try {
    return JSON.stringify(JSON.parse(jsonText), null, 2);
  } catch {
    return jsonText;
  }
}

/** One page of entries, newest first; times in the province's zone (WITA). */
export function AuditTable({ entries }: { entries: AuditRow[] }) {
  const t = useT();
  const words = useWords();
  const lang = useLang();
  const when = new Intl.DateTimeFormat(locale(lang), {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "Asia/Makassar",
  });
  if (entries.length === 0) return <p>{t("audit.none")}</p>;
  return (
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
              <td>{e.actor.kind === "person" ? e.actor.name : t(`audit.actor.${e.actor.kind}`)}</td>
              <td>
                {words(
                  e.subject.key,
                  `${e.entityType} ${e.subject.values.id ?? ""}`,
                  e.subject.values,
                )}
                {e.competition && e.subject.values.name !== e.competition ? (
                  <div className="muted">{e.competition}</div>
                ) : null}
              </td>
              <td>
                <strong>{words(`audit.action.${e.action}`, e.action)}</strong>
                {e.statusMove ? (
                  <div>
                    {`${words(`status.${e.statusMove.from}`, e.statusMove.from)} → ${words(`status.${e.statusMove.to}`, e.statusMove.to)}`}
                  </div>
                ) : null}
                {e.reason ? (
                  <div>
                    {t("audit.reason")}: {e.reason}
                  </div>
                ) : null}
              </td>
              <td>
                <AuditDetails before={e.before_json} after={e.after_json} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditDetails({ before, after }: { before: string | null; after: string | null }) {
  const t = useT();
  if (!before && !after) return null;
  return (
    <details>
      <summary>{t("audit.details")}</summary>
      {before ? (
        <>
          <p>{t("audit.before")}</p>
          <pre>{pretty(before)}</pre>
        </>
      ) : null}
      {after ? (
        <>
          <p>{t("audit.after")}</p>
          <pre>{pretty(after)}</pre>
        </>
      ) : null}
    </details>
  );
}

/** Newer and older pages, keeping the filters. */
export function AuditPager({
  page,
  hasMore,
  params,
}: {
  page: number;
  hasMore: boolean;
  params: URLSearchParams;
}) {
  const t = useT();
  const pageLink = (to: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(to));
    return `?${next.toString()}`;
  };
  return (
    <nav className="pager">
      {page > 1 ? <Link to={pageLink(page - 1)}>{t("audit.newer")}</Link> : <span />}
      {hasMore ? <Link to={pageLink(page + 1)}>{t("audit.older")}</Link> : null}
    </nav>
  );
}
