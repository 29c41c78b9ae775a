import { Form, Link } from "@remix-run/react";
import type { CompetitionStatus } from "../../db/schema";
import { ErrorList, Field } from "~/components/Field";
import { MessageList, type FormErrors } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import type { Message } from "~/lib/messages";

type FormValues = Partial<Record<string, string>>;

export interface StatusMove {
  to: CompetitionStatus;
  blockers: Message[];
  warnings: Message[];
  needsReason: boolean;
  notes: Message[];
}

export function OverviewCounts({
  slug,
  overview: o,
}: {
  slug: string;
  overview: {
    entries: { active: number; withdrawn: number; disqualified: number };
    judges: number;
    entriesWithoutJudge: number;
    components: number;
    indicators: number;
    weightTotal: number;
    sheetsSubmitted: number;
  };
}) {
  const t = useT();
  const rows: [string, string | number][] = [
    [t("setup.overview.entries"), o.entries.active],
    [t("setup.overview.withdrawn"), o.entries.withdrawn],
    [t("setup.overview.disqualified"), o.entries.disqualified],
    [t("setup.overview.judges"), o.judges],
    [t("setup.overview.withoutJudge"), o.entriesWithoutJudge],
    [t("setup.overview.components"), o.components],
    [t("setup.overview.indicators"), o.indicators],
    [t("setup.overview.weightTotal"), o.weightTotal],
    [t("setup.overview.sheets"), o.sheetsSubmitted],
  ];
  return (
    <section aria-labelledby="counts">
      <h2 id="counts">{t("setup.overview.counts")}</h2>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/chair/competitions/${slug}/export`} download>
          {t("setup.export")}
        </a>
      </p>
    </section>
  );
}

/** The moves open from the current status, or the confirmation of the one the URL asks for. */
export function StatusMoves({
  base,
  status,
  moves,
  confirmMove,
  reply,
}: {
  base: string;
  status: CompetitionStatus;
  moves: StatusMove[];
  confirmMove: StatusMove | null;
  reply: { errors: FormErrors; values: FormValues; reasons: Message[] } | null;
}) {
  const t = useT();
  const errors = reply?.errors ?? {};
  return (
    <section aria-labelledby="moves" className="panel">
      <h2 id="moves">{t("setup.overview.moves")}</h2>
      {reply ? (
        <>
          <ErrorList errors={errors._form ?? errors.to ?? errors.confirm} />
          <MessageList messages={reply.reasons} />
        </>
      ) : null}
      {confirmMove ? (
        <ConfirmMove
          base={base}
          status={status}
          move={confirmMove}
          errors={errors}
          values={reply?.values ?? {}}
        />
      ) : (
        <ul className="status-moves">
          {moves.map((m) => (
            <li key={m.to}>
              {m.blockers.length === 0 ? (
                <Link to={`${base}?move=${m.to}`} className="button">
                  {t("setup.overview.moveTo", {
                    status: t(`status.${m.to}`),
                  })}
                </Link>
              ) : (
                <>
                  <p>
                    {t("setup.overview.blocked", {
                      status: t(`status.${m.to}`),
                    })}
                  </p>
                  <MessageList messages={m.blockers} role="status" />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConfirmMove({
  base,
  status,
  move,
  errors,
  values,
}: {
  base: string;
  status: CompetitionStatus;
  move: StatusMove;
  errors: FormErrors;
  values: FormValues;
}) {
  const t = useT();
  return (
    <Form method="post" action={base} className="stack" noValidate>
      <h3>
        {t("setup.overview.confirmTitle", {
          status: t(`status.${move.to}`),
        })}
      </h3>
      <p>
        {move.to === "scoring" && status === "draft"
          ? t("setup.overview.confirmScoring")
          : move.to === "draft"
            ? t("setup.overview.confirmDraft")
            : move.to === "closed" && status === "scoring"
              ? t("status.confirm.close")
              : move.to === "published"
                ? t("status.confirm.publish")
                : t("setup.overview.confirmGeneric")}
      </p>
      {move.notes.length > 0 ? (
        <div className="notice warn">
          <MessageList messages={move.notes} role="status" />
        </div>
      ) : null}
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="to" value={move.to} />
      <input type="hidden" name="confirm" value="yes" />
      {move.warnings.length > 0 ? (
        <>
          <p>{t("status.confirm.warnings")}</p>
          <MessageList messages={move.warnings} role="status" />
          <p className="checkbox">
            <input type="checkbox" id="override" name="override" value="yes" />{" "}
            <label htmlFor="override">{t("status.confirm.override")}</label>
          </p>
        </>
      ) : null}
      <Field
        label={move.needsReason ? t("status.confirm.reasonRequired") : t("setup.overview.reason")}
        name="reason"
        required={move.needsReason}
        defaultValue={values.reason}
        errors={errors.reason}
      />
      <button type="submit" className="button primary">
        {t("setup.overview.confirm")}
      </button>{" "}
      <Link to={base}>{t("action.cancel")}</Link>
    </Form>
  );
}

/** Next year's edition: the same criteria, panel and entries under a new address. */
export function DuplicateForm({
  competition: c,
  reply,
}: {
  competition: { slug: string; name: string; year: number };
  reply: { errors: FormErrors; values: FormValues } | null;
}) {
  const t = useT();
  return (
    <section aria-labelledby="duplicate" className="panel">
      <h2 id="duplicate">{t("setup.overview.duplicate")}</h2>
      <p className="muted">{t("setup.overview.duplicateHint")}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="duplicate" />
        {reply ? <ErrorList errors={reply.errors._form} /> : null}
        <Field
          label={t("setup.field.slug")}
          name="slug"
          required
          hint={t("setup.field.slugHint")}
          defaultValue={
            reply ? reply.values.slug : `${c.slug.replace(/-?\d{4}$/, "")}-${c.year + 1}`
          }
          errors={reply?.errors.slug}
        />
        <Field
          label={t("setup.field.name")}
          name="name"
          required
          defaultValue={
            reply ? reply.values.name : c.name.replace(String(c.year), String(c.year + 1))
          }
          errors={reply?.errors.name}
        />
        <Field
          label={t("setup.field.year")}
          name="year"
          inputMode="numeric"
          required
          defaultValue={reply ? reply.values.year : String(c.year + 1)}
          errors={reply?.errors.year}
        />
        <button type="submit" className="button">
          {t("setup.overview.duplicateSubmit")}
        </button>
      </Form>
    </section>
  );
}

/** Deleting a draft, behind a confirmation step (`?delete=1`). */
export function DeleteDraft({
  base,
  confirm,
  errors,
}: {
  base: string;
  confirm: boolean;
  errors: string[] | undefined;
}) {
  const t = useT();
  return (
    <section aria-labelledby="delete" className="panel">
      <h2 id="delete">{t("setup.overview.delete")}</h2>
      <p className="muted">{t("setup.overview.deleteHint")}</p>
      <ErrorList errors={errors} />
      {confirm ? (
        <Form method="post" action={base}>
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" className="button danger">
            {t("setup.overview.deleteConfirm")}
          </button>{" "}
          <Link to={base}>{t("action.cancel")}</Link>
        </Form>
      ) : (
        <Link to={`${base}?delete=1`} className="button danger">
          {t("setup.overview.deleteAsk")}
        </Link>
      )}
    </section>
  );
}
