import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { ErrorList, Field, SelectField } from "~/components/Field";
import { ConfirmStep } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import type { FormReply } from "~/lib/forms";
import type { AssignmentMatrix, AssignmentReport, JudgesStage } from "~/models/assignments.server";
import type { ConflictRow, ConflictSuggestion } from "~/models/conflicts.server";

/** The judges page's answer to a POST; `form` says which form it belongs to. */
export interface JudgesReply extends FormReply {
  form: string;
  report: AssignmentReport | null;
  notice: string | null;
  count: number;
}

type Names = { judge: (id: number) => string; entry: (id: number) => string };

/** What a POST did: the assignment report, a notice, or errors that belong to no form below. */
export function JudgesNotices({ reply, names }: { reply: JudgesReply | undefined; names: Names }) {
  const t = useT();
  if (!reply) return null;
  return (
    <>
      {reply.report ? <Report report={reply.report} names={names} /> : null}
      {reply.notice ? (
        <p className="notice" role="status">
          {t(
            reply.notice === "setup.judges.conflictRemoved"
              ? "setup.judges.conflictRemoved"
              : reply.notice === "setup.judges.conflictSaved"
                ? "setup.judges.conflictSaved"
                : "setup.saved",
            { count: reply.count },
          )}
        </p>
      ) : null}
      {/* the balanced form's own errors sit at its field; a refusal of the whole form shows here */}
      {!reply.form.startsWith("suggestion") && reply.form !== "conflict" ? (
        <ErrorList errors={reply.errors._form} />
      ) : null}
    </>
  );
}

function Report({ report, names }: { report: AssignmentReport; names: Names }) {
  const t = useT();
  return (
    <div className="notice" role="status">
      <p>
        {t("setup.judges.report", {
          added: report.added,
          removed: report.removed,
        })}
      </p>
      {report.refused.length > 0 || report.short.length > 0 ? (
        <ul>
          {report.refused.map((r) => (
            <li key={`${r.entryId}:${r.judgeId}`}>
              {t(
                r.reason === "conflict"
                  ? "setup.judges.refusedConflict"
                  : "setup.judges.refusedSheet",
                {
                  judge: names.judge(r.judgeId),
                  library: names.entry(r.entryId),
                },
              )}
            </li>
          ))}
          {report.short.map((s) => (
            <li key={s.entryId}>
              {t("setup.judges.short", {
                library: names.entry(s.entryId),
                count: s.judges,
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The scored stages, as links to each one's assignments (only with more than one stage), and
 * what the chosen one is: open now, closed (only shown), or not open yet.
 */
export function StageTabs({ stages, stage }: { stages: JudgesStage[]; stage: JudgesStage }) {
  const t = useT();
  return (
    <section aria-labelledby="stage-choice">
      <h2 id="stage-choice">{t("stageJudges.title", { code: stage.code, name: stage.name })}</h2>
      {stages.length > 1 ? (
        <nav aria-label={t("stageJudges.choose")}>
          <ul className="plain-list button-row">
            {stages.map((st) => (
              <li key={st.code}>
                <Link
                  to={`?stage=${encodeURIComponent(st.code)}`}
                  className={st.code === stage.code ? "button small primary" : "button small"}
                  aria-current={st.code === stage.code ? "page" : undefined}
                >
                  {st.code} · {st.name}
                  {st.current ? ` (${t("stageJudges.current")})` : null}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {stage.closed ? (
        <p className="hint">{t("stageJudges.closedHint")}</p>
      ) : stage.ahead ? (
        <p className="hint">{t("stageJudges.aheadHint")}</p>
      ) : null}
    </section>
  );
}

/** The stage a form's assignments belong to (none in a one-stage competition: as before). */
function StageField({ stage }: { stage: JudgesStage | null }) {
  return stage ? <input type="hidden" name="stage" value={stage.code} /> : null;
}

/** Where a stage's form posts: the page of that stage, so the answer (without JavaScript too) shows it. */
const stageAction = (stage: JudgesStage | null) =>
  stage ? `?stage=${encodeURIComponent(stage.code)}` : undefined;

/** The competition's panel, and the judges' accounts that could join it. */
export function PanelSection({
  judges,
  offPanel,
  open,
}: {
  judges: AssignmentMatrix["judges"];
  offPanel: { id: number; name: string; email: string }[];
  open: boolean;
}) {
  const t = useT();
  return (
    <section aria-labelledby="panel">
      <h2 id="panel">{t("setup.judges.panel")}</h2>
      {judges.length === 0 ? (
        <p>{t("setup.judges.panelNone")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("setup.judges.judge")}</th>
                <th scope="col">{t("setup.judges.home")}</th>
                <th scope="col">{t("judges.institution")}</th>
                <th scope="col" className="num">
                  {t("setup.judges.load")}
                </th>
                <th scope="col">{t("setup.libraries.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {judges.map((j) => (
                <tr key={j.id}>
                  <th scope="row">
                    {j.name} <span className="muted">{j.email}</span>
                    {!j.active ? <span className="muted"> ({t("users.inactive")})</span> : null}
                  </th>
                  <td>{[j.village, j.district].filter(Boolean).join(", ")}</td>
                  <td>{j.institution}</td>
                  <td className="num">{j.load}</td>
                  <td>
                    {open ? (
                      <ConfirmStep
                        label={t("setup.judges.removeFromPanel")}
                        question={t("setup.judges.removeQuestion", { judge: j.name })}
                      >
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="panel-remove" />
                          <input type="hidden" name="judgeId" value={j.id} />
                          <button type="submit" className="button small danger">
                            {t("setup.judges.removeConfirm")}
                          </button>
                        </Form>
                      </ConfirmStep>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open ? (
        offPanel.length === 0 ? (
          <p>
            {t("setup.judges.noMoreJudges")}{" "}
            <Link to="/judges">{t("setup.judges.createAccount")}</Link>
          </p>
        ) : (
          <Form method="post" className="panel">
            <input type="hidden" name="intent" value="panel-add" />
            <fieldset>
              <legend>{t("setup.judges.addToPanel")}</legend>
              <ul className="plain-list">
                {offPanel.map((j) => (
                  <li key={j.id}>
                    <label>
                      <input type="checkbox" name="judge" value={j.id} /> {j.name}{" "}
                      <span className="muted">{j.email}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <button type="submit" className="button">
              {t("setup.judges.addToPanel")}
            </button>{" "}
            <Link to="/judges">{t("setup.judges.createAccount")}</Link>
          </Form>
        )
      ) : null}
    </section>
  );
}

/**
 * Who judges which entry in one stage: "assign all", "N per entry", two teams (with more than
 * one stage), and the matrix of ticks. `open`: the stage's assignments may change.
 */
export function AssignmentsSection({
  matrix,
  open,
  reply,
  stage,
}: {
  matrix: AssignmentMatrix;
  open: boolean;
  reply: JudgesReply | undefined;
  /** the stage shown, when the competition has more than one */
  stage: JudgesStage | null;
}) {
  const t = useT();
  return (
    <section aria-labelledby="assignments">
      <h2 id="assignments">{t("setup.judges.assignments")}</h2>
      {matrix.entries.length === 0 ? (
        <p>{t("setup.judges.noEntries")}</p>
      ) : (
        <>
          <p className="hint">{t("setup.judges.assignmentsHint")}</p>
          {open && matrix.judges.length > 0 ? (
            <div className="button-row">
              <Form method="post" action={stageAction(stage)}>
                <input type="hidden" name="intent" value="assign-all" />
                <StageField stage={stage} />
                <button type="submit" className="button">
                  {t("setup.judges.assignAll")}
                </button>
              </Form>
              {stage ? (
                <Form method="post" action={stageAction(stage)}>
                  <input type="hidden" name="intent" value="teams" />
                  <StageField stage={stage} />
                  <button type="submit" className="button" aria-describedby="teams-hint">
                    {t("stageJudges.teams")}
                  </button>
                  <span id="teams-hint" className="hint">
                    {" "}
                    {t("stageJudges.teamsHint")}
                  </span>
                </Form>
              ) : null}
              <Form method="post" action={stageAction(stage)} className="field-row" noValidate>
                <input type="hidden" name="intent" value="balanced" />
                <StageField stage={stage} />
                <Field
                  label={t("setup.judges.perEntry")}
                  name="perEntry"
                  inputMode="numeric"
                  defaultValue={reply?.form === "balanced" ? reply.values.perEntry : "3"}
                  errors={reply?.form === "balanced" ? reply.errors.perEntry : undefined}
                />
                <button type="submit" className="button">
                  {t("setup.judges.balancedSubmit")}
                </button>
              </Form>
            </div>
          ) : null}
          {/* remounted whenever the saved assignments change, so a refused tick does not linger */}
          <Form
            method="post"
            action={stageAction(stage)}
            key={`${matrix.assigned.join(",")}|${reply?.report ? JSON.stringify(reply.report) : ""}`}
          >
            <input type="hidden" name="intent" value="assignments" />
            <StageField stage={stage} />
            <AssignmentTable matrix={matrix} open={open} />
            {open && matrix.judges.length > 0 ? (
              <button type="submit" className="button primary">
                {t("setup.judges.saveAssignments")}
              </button>
            ) : null}
          </Form>
        </>
      )}
    </section>
  );
}

function AssignmentTable({ matrix, open }: { matrix: AssignmentMatrix; open: boolean }) {
  const t = useT();
  const assigned = new Set(matrix.assigned);
  const conflicted = new Set(matrix.conflicted);
  const withSheet = new Set(matrix.withSheet);
  return (
    <div className="table-wrap">
      <table className="matrix">
        <thead>
          <tr>
            <th scope="col">{t("setup.judges.library")}</th>
            <th scope="col" className="num">
              {t("setup.judges.count")}
            </th>
            {matrix.judges.map((j) => (
              <th key={j.id} scope="col">
                {j.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.entries.map((e) => (
            <tr key={e.id}>
              <th scope="row">{e.name}</th>
              <td className="num">{e.judges}</td>
              {matrix.judges.map((j) => {
                const k = `${e.id}:${j.id}`;
                return (
                  <td key={j.id}>
                    {conflicted.has(k) ? (
                      <span className="badge">{t("setup.judges.conflictCell")}</span>
                    ) : (
                      <input
                        type="checkbox"
                        name="a"
                        value={k}
                        defaultChecked={assigned.has(k)}
                        disabled={!open || (withSheet.has(k) && assigned.has(k))}
                        aria-label={`${j.name} — ${e.name}`}
                      />
                    )}
                    {withSheet.has(k) && assigned.has(k) ? (
                      <input type="hidden" name="a" value={k} />
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Possible conflicts of interest the data suggests (same village, works at the library). */
export function SuggestionsSection({
  suggestions,
  reply,
}: {
  suggestions: ConflictSuggestion[];
  reply: JudgesReply | undefined;
}) {
  const t = useT();
  return (
    <section aria-labelledby="suggestions" className="panel">
      <h2 id="suggestions">{t("setup.judges.suggestions")}</h2>
      <p className="hint">{t("setup.judges.suggestionsHint")}</p>
      {suggestions.length === 0 ? (
        <p>{t("setup.judges.suggestionsNone")}</p>
      ) : (
        <ul className="plain-list">
          {suggestions.map((s) => (
            <li key={`${s.judgeId}-${s.libraryId}`} className="card">
              <p>
                <strong>{s.judgeName}</strong> — <strong>{s.libraryName}</strong>:{" "}
                {t(`setup.judges.kind.${s.kind}`, { detail: s.detail })}
              </p>
              {reply?.form === `suggestion-${s.judgeId}-${s.libraryId}` ? (
                <ErrorList errors={reply.errors.reason ?? reply.errors._form} />
              ) : null}
              <SuggestionForm s={s} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SuggestionForm({ s }: { s: ConflictSuggestion }) {
  const t = useT();
  const id = useId();
  const reason = t(`setup.judges.kind.${s.kind}`, { detail: s.detail });
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="conflict" />
      <input type="hidden" name="form" value={`suggestion-${s.judgeId}-${s.libraryId}`} />
      <input type="hidden" name="judgeId" value={s.judgeId} />
      <input type="hidden" name="libraryId" value={s.libraryId} />
      <label htmlFor={id} className="row-label">
        {t("setup.judges.reason")}
      </label>
      <input id={id} name="reason" defaultValue={reason} size={40} />{" "}
      <button type="submit" name="status" value="confirmed" className="button small danger">
        {t("setup.judges.confirmConflict")}
      </button>{" "}
      <button type="submit" name="status" value="dismissed" className="button small">
        {t("setup.judges.dismiss")}
      </button>
    </Form>
  );
}

/** The conflict decisions so far, and the form to record one. */
export function ConflictsSection({
  conflicts,
  judges,
  libraries,
  reply,
}: {
  conflicts: ConflictRow[];
  judges: { id: number; name: string }[];
  libraries: { id: number; name: string; code: string }[];
  reply: JudgesReply | undefined;
}) {
  const t = useT();
  return (
    <section aria-labelledby="conflicts">
      <h2 id="conflicts">{t("setup.judges.conflicts")}</h2>
      {conflicts.length === 0 ? (
        <p>{t("setup.judges.conflictsNone")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("setup.judges.judge")}</th>
              <th scope="col">{t("setup.judges.library")}</th>
              <th scope="col">{t("setup.judges.decision")}</th>
              <th scope="col">{t("setup.judges.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.judgeName}</th>
                <td>{c.libraryName}</td>
                <td>
                  {c.status === "confirmed"
                    ? t("setup.judges.confirmed")
                    : t("setup.judges.dismissed")}
                </td>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {judges.length > 0 && libraries.length > 0 ? (
        <ConflictForm
          judges={judges}
          libraries={libraries}
          reply={reply?.form === "conflict" ? reply : undefined}
        />
      ) : null}
    </section>
  );
}

function ConflictForm({
  judges,
  libraries,
  reply,
}: {
  judges: { id: number; name: string }[];
  libraries: { id: number; name: string; code: string }[];
  reply: JudgesReply | undefined;
}) {
  const t = useT();
  const errors = reply?.errors ?? {};
  return (
    <Form method="post" className="stack panel" noValidate>
      <h3>{t("setup.judges.recordConflict")}</h3>
      <input type="hidden" name="intent" value="conflict" />
      <ErrorList errors={errors._form} />
      <SelectField
        label={t("setup.judges.judge")}
        name="judgeId"
        defaultValue={reply ? reply.values.judgeId : ""}
        options={[
          { value: "", label: t("setup.judges.choose") },
          ...judges.map((j) => ({
            value: String(j.id),
            label: j.name,
          })),
        ]}
        errors={errors.judgeId}
      />
      <SelectField
        label={t("setup.judges.library")}
        name="libraryId"
        defaultValue={reply ? reply.values.libraryId : ""}
        options={[
          { value: "", label: t("setup.judges.choose") },
          ...libraries.map((l) => ({
            value: String(l.id),
            label: `${l.name} (${l.code})`,
          })),
        ]}
        errors={errors.libraryId}
      />
      <SelectField
        label={t("setup.judges.decision")}
        name="status"
        defaultValue={reply ? reply.values.status : "confirmed"}
        options={[
          { value: "confirmed", label: t("setup.judges.confirmed") },
          { value: "dismissed", label: t("setup.judges.dismissed") },
        ]}
        errors={errors.status}
      />
      <Field
        label={t("setup.judges.reason")}
        name="reason"
        required
        defaultValue={reply ? reply.values.reason : ""}
        errors={errors.reason}
      />
      <button type="submit" className="button">
        {t("action.save")}
      </button>
    </Form>
  );
}
