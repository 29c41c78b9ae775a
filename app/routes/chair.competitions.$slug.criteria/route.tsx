import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { CompetitionNav, MessageList } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import {
  draftToInput,
  emptyComponent,
  emptyIndicator,
  readDraft,
  rubricLevels,
  toDraft,
  weightTotal,
  type CriteriaIssue,
  type DraftComponent,
} from "~/lib/criteria";
import { VILLAGE_LIBRARY_TEMPLATE } from "~/lib/criteria-template";
import type { Message } from "~/lib/messages";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competition-setup.server";
import { getCriteria, saveCriteria } from "~/models/criteria.server";
import { actorOf } from "~/models/users.server";

export const meta: MetaFunction = () => [{ title: "Kriteria · Juara" }];

type Issues = Record<string, Message[]>;

function byPath(issues: CriteriaIssue[]): Issues {
  const out: Issues = {};
  for (const i of issues)
    (out[i.path.join(".")] ??= []).push({
      message: i.message,
      params: i.params,
    });
  return out;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json({
    slug: c.slug,
    name: c.name,
    status: c.status,
    draft: toDraft(await getCriteria(c.id)),
  });
}

type ActionData = {
  draft: DraftComponent[];
  issues: Issues;
  notice: "saved" | "template" | null;
  formError: string | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const reply = (data: Partial<ActionData> & { draft: DraftComponent[] }, status = 200) =>
    json<ActionData>({ issues: {}, notice: null, formError: null, ...data }, { status });
  if (c.status !== "draft") {
    return reply(
      {
        draft: toDraft(await getCriteria(c.id)),
        formError: "setup.error.criteriaFrozen",
      },
      409,
    );
  }
  if (intent === "template")
    return reply({
      draft: toDraft(VILLAGE_LIBRARY_TEMPLATE),
      notice: "template",
    });

  const draft = readDraft(formData.entries());
  const [verb, a, b] = intent.split(":");
  const ci = Number(a);
  const ii = Number(b);
  if (verb === "add-component") return reply({ draft: [...draft, emptyComponent()] });
  if (verb === "remove-component" && draft[ci])
    return reply({ draft: draft.filter((_, k) => k !== ci) });
  if (verb === "add-indicator" && draft[ci]) {
    draft[ci].indicators.push(emptyIndicator());
    return reply({ draft });
  }
  if (verb === "remove-indicator" && draft[ci]?.indicators[ii]) {
    draft[ci].indicators.splice(ii, 1);
    return reply({ draft });
  }
  if (verb === "refresh") return reply({ draft });
  if (verb !== "save") return reply({ draft, formError: "setup.error.badRequest" }, 400);
  const result = await saveCriteria(actorOf(user), c.id, draftToInput(draft));
  if (!result.ok) {
    if ("error" in result) return reply({ draft, formError: result.error }, 409);
    return reply({ draft, issues: byPath(result.issues) }, 400);
  }
  return reply({ draft: toDraft(await getCriteria(c.id)), notice: "saved" });
}

function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (h * 33) ^ text.charCodeAt(i);
  return (h >>> 0).toString(36);
}

function CField({
  label,
  name,
  value,
  issues,
  short,
  inputMode,
  disabled,
}: {
  label: string;
  name: string;
  value: string;
  issues?: Message[];
  short?: boolean;
  inputMode?: "numeric";
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className={short ? "field short" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        defaultValue={value}
        inputMode={inputMode}
        disabled={disabled}
        aria-invalid={issues?.length ? true : undefined}
        aria-describedby={issues?.length ? `${id}-error` : undefined}
      />
      {issues?.length ? (
        <div id={`${id}-error`}>
          <MessageList messages={issues} />
        </div>
      ) : null}
    </div>
  );
}

export default function CriteriaEditor() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const draft = data?.draft ?? loaded.draft;
  const issues: Issues = data?.issues ?? {};
  const frozen = loaded.status !== "draft";
  const total = weightTotal(draft);
  const hasIssues = Object.keys(issues).length > 0;
  // a new key after each answer resets the uncontrolled inputs to the draft the server sent
  const formKey = hash(JSON.stringify(draft));
  return (
    <>
      <h1>{t("setup.criteria.title")}</h1>
      <CompetitionNav slug={loaded.slug} name={loaded.name} status={loaded.status} />
      {frozen ? (
        <p className="alert">{t("setup.criteria.frozen")}</p>
      ) : (
        <p>{t("setup.criteria.intro")}</p>
      )}
      {data?.notice === "saved" ? (
        <p className="notice" role="status">
          {t("setup.criteria.saved")}
        </p>
      ) : null}
      {data?.notice === "template" ? (
        <p className="notice" role="status">
          {t("setup.criteria.templateLoaded")}
        </p>
      ) : null}
      {data?.formError ? <MessageList messages={[{ message: data.formError }]} /> : null}
      {hasIssues ? (
        <MessageList messages={[{ message: "setup.criteria.notSaved" }, ...(issues[""] ?? [])]} />
      ) : null}

      {!frozen ? (
        <Form method="post" className="panel">
          <p className="hint">{t("setup.criteria.templateHint")}</p>
          <button type="submit" name="intent" value="template" className="button">
            {t("setup.criteria.template")}
          </button>
        </Form>
      ) : null}

      <Form method="post" key={formKey} noValidate>
        {/* Enter in a field saves, rather than pressing the first add/remove button */}
        <button
          type="submit"
          name="intent"
          value="save"
          className="setup-visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
        >
          {t("setup.criteria.save")}
        </button>
        <fieldset disabled={frozen} className="setup-fieldset">
          {draft.map((c, ci) => (
            <fieldset key={ci} className="criteria-component">
              <legend>{t("setup.criteria.component", { n: ci + 1 })}</legend>
              <div className="field-row">
                <CField
                  label={t("setup.criteria.code")}
                  name={`c.${ci}.code`}
                  value={c.code}
                  issues={issues[`${ci}.code`]}
                  short
                />
                <CField
                  label={t("setup.criteria.name")}
                  name={`c.${ci}.name`}
                  value={c.name}
                  issues={issues[`${ci}.name`]}
                />
                <CField
                  label={t("setup.criteria.weight")}
                  name={`c.${ci}.weight`}
                  value={c.weight}
                  issues={issues[`${ci}.weight`]}
                  short
                  inputMode="numeric"
                />
              </div>
              <MessageList
                messages={[...(issues[`${ci}`] ?? []), ...(issues[`${ci}.indicators`] ?? [])]}
              />
              {c.indicators.map((ind, ii) => {
                const p = `c.${ci}.i.${ii}`;
                const k = `${ci}.indicators.${ii}`;
                const levels = rubricLevels(ind.min, ind.max);
                return (
                  <fieldset key={ii} className="criteria-indicator">
                    <legend>
                      {t("setup.criteria.indicator", {
                        code: ind.code || `${ii + 1}`,
                      })}
                    </legend>
                    <div className="field-row">
                      <CField
                        label={t("setup.criteria.code")}
                        name={`${p}.code`}
                        value={ind.code}
                        issues={issues[`${k}.code`]}
                        short
                      />
                      <CField
                        label={t("setup.criteria.name")}
                        name={`${p}.name`}
                        value={ind.name}
                        issues={issues[`${k}.name`]}
                      />
                      <CField
                        label={t("setup.criteria.min")}
                        name={`${p}.min`}
                        value={ind.min}
                        issues={issues[`${k}.min`]}
                        short
                        inputMode="numeric"
                      />
                      <CField
                        label={t("setup.criteria.max")}
                        name={`${p}.max`}
                        value={ind.max}
                        issues={issues[`${k}.max`]}
                        short
                        inputMode="numeric"
                      />
                    </div>
                    <CField
                      label={t("setup.criteria.description")}
                      name={`${p}.description`}
                      value={ind.description}
                      issues={issues[`${k}.description`]}
                    />
                    <details open={Object.values(ind.rubric).some((v) => v !== "") || undefined}>
                      <summary>{t("setup.criteria.rubric")}</summary>
                      {levels.length === 0 ? (
                        <p className="hint">{t("setup.criteria.rubricTooLong")}</p>
                      ) : null}
                      {levels.map((level) => (
                        <CField
                          key={level}
                          label={t("setup.criteria.rubricLevel", { level })}
                          name={`${p}.r.${level}`}
                          value={ind.rubric[String(level)] ?? ""}
                          issues={issues[`${k}.rubric.${level}`]}
                        />
                      ))}
                    </details>
                    <div className="button-row">
                      <button
                        type="submit"
                        name="intent"
                        value={`remove-indicator:${ci}:${ii}`}
                        className="button small danger"
                      >
                        {t("setup.criteria.removeIndicator")}
                      </button>
                    </div>
                  </fieldset>
                );
              })}
              <div className="button-row">
                <button
                  type="submit"
                  name="intent"
                  value={`add-indicator:${ci}`}
                  className="button small"
                >
                  {t("setup.criteria.addIndicator")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value={`remove-component:${ci}`}
                  className="button small danger"
                >
                  {t("setup.criteria.removeComponent")}
                </button>
              </div>
            </fieldset>
          ))}
          <div className="button-row sticky-actions">
            <strong aria-live="polite">{t("setup.criteria.total", { total: total ?? "?" })}</strong>
            <button type="submit" name="intent" value="add-component" className="button">
              {t("setup.criteria.addComponent")}
            </button>
            <button type="submit" name="intent" value="refresh" className="button">
              {t("setup.criteria.rubricApply")}
            </button>
            <button type="submit" name="intent" value="save" className="button primary">
              {t("setup.criteria.save")}
            </button>
          </div>
        </fieldset>
      </Form>
    </>
  );
}
