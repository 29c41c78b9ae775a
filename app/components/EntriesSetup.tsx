import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { LIBRARY_TYPES, type CompetitionStatus, type LibraryType } from "../../db/schema";
import { ErrorList, Field } from "~/components/Field";
import { ConfirmStep } from "~/components/SetupUi";
import { UserAdminNotice } from "~/components/UserAdmin";
import { useT } from "~/i18n/useT";
import { allErrors, type FormReply } from "~/lib/forms";
import type { SelfAssessmentState } from "~/lib/self-assessment";
import type { EntryRow } from "~/models/entries.server";
import type { LibraryManager } from "~/models/library-accounts.server";

/** The entries page's answer to a POST; `entryId` says which row it belongs to. */
export interface EntriesReply extends FormReply {
  entryId: number | null;
  notice: string | null;
  count?: number;
  /** a manager invited: the temporary password is shown this once */
  invited?: { kind: "created" | "already"; email: string; tempPassword: string | null } | null;
}

/** A library that could still join. */
export interface AvailableLibrary {
  id: number;
  code: string;
  name: string;
  type: LibraryType;
  district: string;
}

/** What a POST did: a notice, or errors that belong to no row shown (a crafted or stale request). */
export function EntriesNotices({
  reply,
  entries,
}: {
  reply: EntriesReply | undefined;
  entries: EntryRow[];
}) {
  const t = useT();
  if (!reply) return null;
  const invitedTo = entries.find((e) => e.id === reply.entryId)?.name ?? "";
  return (
    <>
      {reply.invited?.kind === "created" ? (
        <>
          <p className="notice" role="status">
            {t("libraryInvite.created", { library: invitedTo, email: reply.invited.email })}
          </p>
          <UserAdminNotice
            // the one-time password display of the judges page, below this page's own notice
            result={{
              ok: true,
              email: reply.invited.email,
              tempPassword: reply.invited.tempPassword,
            }}
          />
        </>
      ) : null}
      {reply.invited?.kind === "already" ? (
        <p className="notice" role="status">
          {t("libraryInvite.already", { library: invitedTo, email: reply.invited.email })}
        </p>
      ) : null}
      {reply.notice ? (
        <p className="notice" role="status">
          {t(
            reply.notice === "setup.entries.added"
              ? "setup.entries.added"
              : "setup.entries.updated",
            { count: reply.count ?? 0 },
          )}
        </p>
      ) : null}
      {reply.entryId === null || !entries.some((e) => e.id === reply.entryId) ? (
        <ErrorList errors={allErrors(reply.errors)} />
      ) : null}
    </>
  );
}

export function EntriesTable({
  entries,
  managers,
  status,
  reply,
  selfAssessments = null,
  slug = "",
}: {
  entries: EntryRow[];
  managers: LibraryManager[];
  status: CompetitionStatus;
  reply: EntriesReply | undefined;
  /** each entry's self-assessment status by entry id (absent: none); null: none asked */
  selfAssessments?: Record<number, SelfAssessmentState> | null;
  slug?: string;
}) {
  const t = useT();
  if (entries.length === 0) return <p>{t("setup.entries.none")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("setup.entries.library")}</th>
            <th scope="col">{t("setup.entries.category")}</th>
            <th scope="col">{t("setup.entries.status")}</th>
            <th scope="col" className="num">
              {t("setup.entries.judges")}
            </th>
            <th scope="col">{t("libraryInvite.column")}</th>
            {selfAssessments ? <th scope="col">{t("selfAssessment.column")}</th> : null}
            <th scope="col">{t("setup.libraries.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <EntryTableRow
              key={e.id}
              entry={e}
              managers={managers.filter((m) => m.libraryId === e.libraryId)}
              status={status}
              reply={reply?.entryId === e.id && !reply.invited ? reply : undefined}
              selfAssessment={
                selfAssessments
                  ? {
                      state: selfAssessments[e.id] ?? "none",
                      href: selfAssessmentHref(slug, e.code),
                    }
                  : null
              }
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const selfAssessmentHref = (slug: string, code: string) =>
  `/chair/competitions/${slug}/entries/${encodeURIComponent(code)}/self-assessment`;

function EntryTableRow({
  entry: e,
  managers,
  status,
  reply,
  selfAssessment,
}: {
  entry: EntryRow;
  managers: LibraryManager[];
  status: CompetitionStatus;
  reply: EntriesReply | undefined;
  selfAssessment: { state: SelfAssessmentState; href: string } | null;
}) {
  const t = useT();
  const draft = status === "draft";
  // which of the row's forms the answer belongs to
  const inviteReply = reply?.values.intent === "invite" ? reply : undefined;
  const statusReply = inviteReply ? undefined : reply;
  return (
    <tr className={reply ? "row-error" : undefined}>
      <th scope="row">
        {e.name} <span className="muted">({e.code})</span>
        <br />
        <span className="muted">{[e.village, e.district].filter(Boolean).join(", ")}</span>
      </th>
      <td>{draft ? <CategoryForm entry={e} /> : t(`libraryType.${e.category}`)}</td>
      <td>
        {t(`setup.entries.status.${e.status}`)}
        {e.statusReason ? <span className="muted"> — {e.statusReason}</span> : null}
      </td>
      <td className="num">{e.judges}</td>
      <td>
        {managers.length > 0 ? (
          <>
            {managers.map((m) => (
              <span key={m.email} className="manager">
                {m.name} <span className="muted">{`<${m.email}>`}</span>
                <br />
              </span>
            ))}
            {/* an invitation refused here (the library has a manager by now) */}
            <ErrorList errors={inviteReply ? allErrors(inviteReply.errors) : undefined} />
          </>
        ) : (
          <InviteForm entry={e} reply={inviteReply} />
        )}
      </td>
      {selfAssessment ? (
        <td>
          <span className={`badge self-assessment-${selfAssessment.state}`}>
            {t(`library.selfAssessment.status.${selfAssessment.state}`)}
          </span>{" "}
          <Link to={selfAssessment.href}>{t("selfAssessment.open")}</Link>
        </td>
      ) : null}
      <td className="actions">
        {status === "draft" || status === "scoring" ? (
          <StatusForm entryId={e.id} status={e.status} reply={statusReply} />
        ) : null}
        {draft ? (
          <ConfirmStep
            label={t("setup.entries.remove")}
            question={t("setup.entries.removeQuestion", { library: e.name })}
          >
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="entryId" value={e.id} />
              <button type="submit" className="button small danger">
                {t("setup.entries.removeConfirm")}
              </button>
            </Form>
          </ConfirmStep>
        ) : null}
      </td>
    </tr>
  );
}

/** "Undang pengelola": the library's manager account, as a judge's is made on the judges page. */
function InviteForm({ entry: e, reply }: { entry: EntryRow; reply: EntriesReply | undefined }) {
  const t = useT();
  return (
    <>
      <span className="muted">{t("libraryInvite.none")}</span>
      <details className="invite" open={reply ? true : undefined}>
        <summary>{t("libraryInvite.open")}</summary>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <input type="hidden" name="entryId" value={e.id} />
          <p className="hint">{t("libraryInvite.hint")}</p>
          <ErrorList errors={reply?.errors._form} />
          <Field
            label={t("libraryInvite.name")}
            name="name"
            required
            defaultValue={reply?.values.name}
            errors={reply?.errors.name}
          />
          <Field
            label={t("libraryInvite.email")}
            name="email"
            type="email"
            required
            defaultValue={reply?.values.email}
            errors={reply?.errors.email}
          />
          <button type="submit" className="button small primary">
            {t("libraryInvite.submit")}
          </button>
        </Form>
      </details>
    </>
  );
}

function CategoryForm({ entry: e }: { entry: EntryRow }) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="category" />
      <input type="hidden" name="entryId" value={e.id} />
      <select
        name="category"
        defaultValue={e.category}
        aria-label={`${t("setup.entries.category")}: ${e.name}`}
      >
        {LIBRARY_TYPES.map((c) => (
          <option key={c} value={c}>
            {t(`libraryType.${c}`)}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="button small">
        {t("setup.entries.setCategory")}
      </button>
    </Form>
  );
}

/** Withdraw or disqualify an active entry (a reason is required), or reinstate it. */
function StatusForm({
  entryId,
  status,
  reply,
}: {
  entryId: number;
  status: string;
  reply: EntriesReply | undefined;
}) {
  const t = useT();
  const id = useId();
  const errors = allErrors(reply?.errors ?? {});
  if (status !== "active") {
    return (
      <Form method="post">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="entryId" value={entryId} />
        <input type="hidden" name="status" value="active" />
        <button type="submit" className="button small">
          {t("setup.entries.reinstate")}
        </button>
        <ErrorList errors={errors} />
      </Form>
    );
  }
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="entryId" value={entryId} />
      <label htmlFor={id} className="row-label">
        {t("setup.entries.reason")}
      </label>
      <input
        id={id}
        name="reason"
        defaultValue={reply?.values.reason}
        aria-invalid={reply?.errors.reason ? true : undefined}
      />{" "}
      <button type="submit" name="status" value="withdrawn" className="button small">
        {t("setup.entries.withdraw")}
      </button>{" "}
      <button type="submit" name="status" value="disqualified" className="button small danger">
        {t("setup.entries.disqualify")}
      </button>
      <ErrorList errors={errors} />
    </Form>
  );
}

/** The libraries not yet in the competition, to add while it is a draft. */
export function AddEntries({ available }: { available: AvailableLibrary[] }) {
  const t = useT();
  return (
    <section aria-labelledby="add-entries" className="panel">
      <h2 id="add-entries">{t("setup.entries.add")}</h2>
      <p className="hint">{t("setup.entries.addHint")}</p>
      {available.length === 0 ? (
        <p>
          {t("setup.entries.allIn")} <Link to="/chair/libraries">{t("setup.nav.libraries")}</Link>
        </p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="add" />
          <ul className="plain-list">
            {available.map((l) => (
              <li key={l.id}>
                <label>
                  <input type="checkbox" name="library" value={l.id} /> {l.name}{" "}
                  <span className="muted">
                    ({l.code}, {t(`libraryType.${l.type}`)}
                    {l.district ? `, ${l.district}` : ""})
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <button type="submit" className="button primary">
            {t("setup.entries.addSubmit")}
          </button>
        </Form>
      )}
    </section>
  );
}
