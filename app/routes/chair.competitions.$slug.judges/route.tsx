import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { z } from "zod";
import { CONFLICT_STATUSES } from "../../../db/schema";
import { ErrorList, Field, SelectField } from "~/components/Field";
import { CompetitionNav } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import { intField } from "~/lib/competition-settings";
import { formValues, parseForm, requiredText, idList } from "~/lib/forms";
import { requireRole } from "~/lib/session.server";
import {
  addToPanel,
  assignAll,
  assignBalanced,
  getAssignmentMatrix,
  listJudgesOffPanel,
  removeFromPanel,
  saveAssignments,
  type AssignmentReport,
} from "~/models/assignments.server";
import { requireCompetition } from "~/models/competition-setup.server";
import { decideConflict, listConflicts, suggestConflicts } from "~/models/conflicts.server";
import { listEntries } from "~/models/entries.server";
import { actorOf } from "~/models/users.server";

const ConflictSchema = z.object({
  judgeId: z
    .string({ error: "error.required" })
    .regex(/^\d+$/, { error: "error.required" })
    .transform(Number),
  libraryId: z
    .string({ error: "error.required" })
    .regex(/^\d+$/, { error: "error.required" })
    .transform(Number),
  status: z.enum(CONFLICT_STATUSES, { error: "error.invalid" }),
  reason: requiredText(500),
});
const BalancedSchema = z.object({ perEntry: intField(1, 20) });

export const meta: MetaFunction = () => [{ title: "Juri · Juara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const [matrix, offPanel, conflicts, suggestions, entries] = await Promise.all([
    getAssignmentMatrix(c.id),
    listJudgesOffPanel(c.id),
    listConflicts(c.id),
    suggestConflicts(c.id),
    listEntries(c.id),
  ]);
  return json({
    slug: c.slug,
    name: c.name,
    status: c.status,
    matrix,
    offPanel,
    conflicts,
    suggestions,
    libraries: entries.map((e) => ({
      id: e.libraryId,
      name: e.name,
      code: e.code,
    })),
  });
}

type Reply = {
  form: string;
  errors: Partial<Record<string, string[]>>;
  values: Record<string, string>;
  report: AssignmentReport | null;
  notice: string | null;
  count: number;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const actor = actorOf(user);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const form = String(formData.get("form") ?? intent);
  const reply = (r: Partial<Reply>, status = 200) =>
    json<Reply>(
      {
        form,
        errors: {},
        values: {},
        report: null,
        notice: null,
        count: 0,
        ...r,
      },
      { status },
    );
  const refused = (error: string) =>
    reply({ errors: { _form: [error] }, values: formValues(formData) }, 409);
  const ids = (name: string) =>
    formData
      .getAll(name)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);

  switch (intent) {
    case "panel-add": {
      const judges = idList(formData, "judge");
      if (!judges) return reply({ errors: { _form: ["error.invalid"] } }, 400);
      const r = await addToPanel(actor, c.id, judges);
      return r.ok ? reply({ notice: "setup.saved" }) : refused(r.error);
    }
    case "panel-remove": {
      const [judgeId] = ids("judgeId");
      if (!judgeId) return reply({ errors: { _form: ["error.invalid"] } }, 400);
      const r = await removeFromPanel(actor, c.id, judgeId);
      return r.ok ? reply({ notice: "setup.saved" }) : refused(r.error);
    }
    case "assignments": {
      const values = formData.getAll("a");
      // a malformed pair is refused: it must not read as "unassign"
      if (values.some((v) => typeof v !== "string" || !/^\d{1,9}:\d{1,9}$/.test(v)))
        return reply({ errors: { _form: ["error.invalid"] } }, 400);
      const wanted = new Set(values as string[]);
      const r = await saveAssignments(actor, c.id, wanted);
      return r.ok ? reply({ report: r }) : refused(r.error);
    }
    case "assign-all": {
      const r = await assignAll(actor, c.id);
      return r.ok ? reply({ report: r }) : refused(r.error);
    }
    case "balanced": {
      const parsed = parseForm(BalancedSchema, formData);
      if (!parsed.ok) return reply({ errors: parsed.errors, values: parsed.values }, 400);
      const r = await assignBalanced(actor, c.id, parsed.data.perEntry);
      return r.ok ? reply({ report: r }) : refused(r.error);
    }
    case "conflict": {
      const parsed = parseForm(ConflictSchema, formData);
      if (!parsed.ok) return reply({ errors: parsed.errors, values: parsed.values }, 400);
      const known = await listEntries(c.id);
      const matrix = await getAssignmentMatrix(c.id);
      if (
        !known.some((e) => e.libraryId === parsed.data.libraryId) ||
        !matrix.judges.some((j) => j.id === parsed.data.judgeId)
      ) {
        return reply(
          {
            errors: { _form: ["error.invalid"] },
            values: formValues(formData),
          },
          400,
        );
      }
      const r = await decideConflict(actor, {
        ...parsed.data,
        competitionId: c.id,
      });
      return reply({
        notice:
          r.removedAssignments > 0 ? "setup.judges.conflictRemoved" : "setup.judges.conflictSaved",
        count: r.removedAssignments,
      });
    }
  }
  return reply({ errors: { _form: ["setup.error.badRequest"] } }, 400);
}

function Report({
  report,
  names,
}: {
  report: AssignmentReport;
  names: { judge: (id: number) => string; entry: (id: number) => string };
}) {
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

function SuggestionForm({
  s,
}: {
  s: {
    judgeId: number;
    libraryId: number;
    kind: "sameVillage" | "worksAtLibrary";
    detail: string;
  };
}) {
  const t = useT();
  const id = useId();
  const reason = t(`setup.judges.kind.${s.kind}`, { detail: s.detail });
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="conflict" />
      <input type="hidden" name="form" value={`suggestion-${s.judgeId}-${s.libraryId}`} />
      <input type="hidden" name="judgeId" value={s.judgeId} />
      <input type="hidden" name="libraryId" value={s.libraryId} />
      <label htmlFor={id} className="setup-visually-hidden">
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

export default function Judges() {
  const t = useT();
  const { slug, name, status, matrix, offPanel, conflicts, suggestions, libraries } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const open = status === "draft" || status === "scoring";
  const assigned = new Set(matrix.assigned);
  const conflicted = new Set(matrix.conflicted);
  const withSheet = new Set(matrix.withSheet);
  const names = {
    judge: (id: number) => matrix.judges.find((j) => j.id === id)?.name ?? String(id),
    entry: (id: number) => matrix.entries.find((e) => e.id === id)?.name ?? String(id),
  };
  const errorsFor = (form: string) => (data?.form === form ? data.errors : {});
  return (
    <>
      <h1>{t("setup.judges.title")}</h1>
      <CompetitionNav slug={slug} name={name} status={status} />
      {data?.report ? <Report report={data.report} names={names} /> : null}
      {data?.notice ? (
        <p className="notice" role="status">
          {t(
            data.notice === "setup.judges.conflictRemoved"
              ? "setup.judges.conflictRemoved"
              : data.notice === "setup.judges.conflictSaved"
                ? "setup.judges.conflictSaved"
                : "setup.saved",
            { count: data.count },
          )}
        </p>
      ) : null}
      {data &&
      !data.form.startsWith("suggestion") &&
      data.form !== "conflict" &&
      data.form !== "balanced" ? (
        <ErrorList errors={data.errors._form} />
      ) : null}

      <section aria-labelledby="panel">
        <h2 id="panel">{t("setup.judges.panel")}</h2>
        {matrix.judges.length === 0 ? (
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
                {matrix.judges.map((j) => (
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
                        <Form method="post">
                          <input type="hidden" name="intent" value="panel-remove" />
                          <input type="hidden" name="judgeId" value={j.id} />
                          <button type="submit" className="button small danger">
                            {t("setup.judges.removeFromPanel")}
                          </button>
                        </Form>
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

      <section aria-labelledby="assignments">
        <h2 id="assignments">{t("setup.judges.assignments")}</h2>
        {matrix.entries.length === 0 ? (
          <p>{t("setup.judges.noEntries")}</p>
        ) : (
          <>
            <p className="hint">{t("setup.judges.assignmentsHint")}</p>
            {open && matrix.judges.length > 0 ? (
              <div className="button-row">
                <Form method="post">
                  <input type="hidden" name="intent" value="assign-all" />
                  <button type="submit" className="button">
                    {t("setup.judges.assignAll")}
                  </button>
                </Form>
                <Form method="post" className="field-row" noValidate>
                  <input type="hidden" name="intent" value="balanced" />
                  <Field
                    label={t("setup.judges.perEntry")}
                    name="perEntry"
                    inputMode="numeric"
                    defaultValue={data?.form === "balanced" ? data.values.perEntry : "3"}
                    errors={errorsFor("balanced").perEntry}
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
              key={`${matrix.assigned.join(",")}|${data?.report ? JSON.stringify(data.report) : ""}`}
            >
              <input type="hidden" name="intent" value="assignments" />
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
              {open && matrix.judges.length > 0 ? (
                <button type="submit" className="button primary">
                  {t("setup.judges.saveAssignments")}
                </button>
              ) : null}
            </Form>
          </>
        )}
      </section>

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
                {data?.form === `suggestion-${s.judgeId}-${s.libraryId}` ? (
                  <ErrorList errors={data.errors.reason ?? data.errors._form} />
                ) : null}
                <SuggestionForm s={s} />
              </li>
            ))}
          </ul>
        )}
      </section>

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
        {matrix.judges.length > 0 && libraries.length > 0 ? (
          <Form method="post" className="stack panel" noValidate>
            <h3>{t("setup.judges.recordConflict")}</h3>
            <input type="hidden" name="intent" value="conflict" />
            <ErrorList errors={errorsFor("conflict")._form} />
            <SelectField
              label={t("setup.judges.judge")}
              name="judgeId"
              defaultValue={data?.form === "conflict" ? data.values.judgeId : ""}
              options={[
                { value: "", label: t("setup.judges.choose") },
                ...matrix.judges.map((j) => ({
                  value: String(j.id),
                  label: j.name,
                })),
              ]}
              errors={errorsFor("conflict").judgeId}
            />
            <SelectField
              label={t("setup.judges.library")}
              name="libraryId"
              defaultValue={data?.form === "conflict" ? data.values.libraryId : ""}
              options={[
                { value: "", label: t("setup.judges.choose") },
                ...libraries.map((l) => ({
                  value: String(l.id),
                  label: `${l.name} (${l.code})`,
                })),
              ]}
              errors={errorsFor("conflict").libraryId}
            />
            <SelectField
              label={t("setup.judges.decision")}
              name="status"
              defaultValue={data?.form === "conflict" ? data.values.status : "confirmed"}
              options={[
                { value: "confirmed", label: t("setup.judges.confirmed") },
                { value: "dismissed", label: t("setup.judges.dismissed") },
              ]}
              errors={errorsFor("conflict").status}
            />
            <Field
              label={t("setup.judges.reason")}
              name="reason"
              required
              defaultValue={data?.form === "conflict" ? data.values.reason : ""}
              errors={errorsFor("conflict").reason}
            />
            <button type="submit" className="button">
              {t("action.save")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
