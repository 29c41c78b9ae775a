import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CriteriaFields, type Issues } from "~/components/CriteriaEditor";
import { MessageList } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import { sumOfWeights, weightsInForm, weightTotal } from "~/lib/criteria";
import { EDITOR_TEMPLATES, findCriteriaTemplate } from "~/lib/templates";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { getStageCriteria } from "~/models/criteria.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "../chair.competitions.$slug/competition-page";
import { claimsEditable } from "~/models/self-assessment.server";
import { editorStage, handleCriteriaPost, loadTemplate, savedDraft } from "./criteria.server";

export const meta: MetaFunction = () => [{ title: "Kriteria · Juara" }];

export const handle: CompetitionPageHandle = {
  i18n: ["chair-setup", "library", "judge"],
  competitionPage: { heading: "setup.criteria.title" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const url = new URL(request.url);
  const found = await editorStage(c, url.searchParams.get("stage"));
  if (!found) throw new Response("Not Found", { status: 404 });
  const { stage, stages } = found;
  // the stage choice only when there is a choice: a one-stage competition's page stays as it was
  const choice = {
    claimsEditable: claimsEditable(c),
    stage: { code: stage.code, kind: stage.kind },
    stages: stages.length > 1 ? stages.map(({ code, name, kind }) => ({ code, name, kind })) : null,
  };
  const criteria = await getStageCriteria(c.id, stage.id);
  // `?template=<code>`: the new-competition form sends the chair here with a template that has
  // no weights. It fills only a draft without criteria, so saved criteria never hide behind it
  // (a reload after saving shows them); nothing is stored until the chair presses Save.
  const code = url.searchParams.get("template");
  const loaded =
    code !== null && c.status === "draft" && criteria.length === 0 && stage.kind !== "admin"
      ? loadTemplate(code)
      : null;
  if (loaded) return json({ draft: loaded.draft, notice: loaded.notice, ...choice });
  return json({ draft: await savedDraft(c.id, stage.id), notice: null, ...choice });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const found = await editorStage(c, new URL(request.url).searchParams.get("stage"));
  if (!found) throw new Response("Not Found", { status: 404 });
  return handleCriteriaPost(user, c, found.stage, await request.formData());
}

function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (h * 33) ^ text.charCodeAt(i);
  return (h >>> 0).toString(36);
}

export default function CriteriaEditor() {
  const t = useT();
  const { status, slug } = useCompetition();
  const loaded = useLoaderData<typeof loader>();
  const { stage, stages, claimsEditable } = loaded;
  const data = useActionData<typeof action>();
  const draft = data?.draft ?? loaded.draft;
  const issues: Issues = data?.issues ?? {};
  const notice = data ? data.notice : loaded.notice;
  const frozen = status !== "draft";
  const hasIssues = Object.keys(issues).length > 0;
  // a new key after each answer resets the uncontrolled inputs to the draft the server sent
  const formKey = hash(JSON.stringify(draft));
  // the total follows the typing (with JavaScript); the server's draft resets it after each answer
  const [total, setTotal] = useState(() => weightTotal(draft));
  useEffect(() => setTotal(weightTotal(draft)), [draft]);
  // after a refused save, the first field in error gets the focus
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (hasIssues) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [data, hasIssues]);
  const choice = stages ? (
    <nav aria-label={t("stageSetup.criteria.choose")} className="stage-tabs">
      <ul className="button-row">
        {stages.map((s) => (
          <li key={s.code}>
            <Link
              to={`?stage=${encodeURIComponent(s.code)}`}
              aria-current={s.code === stage.code ? "page" : undefined}
              className={s.code === stage.code ? "button small primary" : "button small"}
            >
              {s.code} · {s.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  ) : null;
  if (stage.kind === "admin")
    return (
      <>
        {choice}
        <p className="readonly-note">{t("stageSetup.criteria.admin", { stage: stage.code })}</p>
        <p>
          <Link to={`/chair/competitions/${slug}/stages`}>
            {t("stageSetup.criteria.checklist")}
          </Link>
        </p>
      </>
    );
  return (
    <>
      {choice}
      {frozen ? (
        <p className="readonly-note" id="criteria-frozen">
          {t("setup.criteria.frozen")}
        </p>
      ) : (
        <p>{t("setup.criteria.intro")}</p>
      )}
      {frozen && claimsEditable ? (
        <p className="hint">{t("selfAssessment.claim.frozenNote")}</p>
      ) : null}
      {data?.notice === "claimsSaved" ? (
        <p className="notice" role="status">
          {t("selfAssessment.claim.saved")}
        </p>
      ) : null}
      {data?.notice === "saved" ? (
        <p className="notice" role="status">
          {t("setup.criteria.saved")}
        </p>
      ) : null}
      {notice === "template" ? (
        <p className="notice" role="status">
          {t("setup.criteria.templateLoaded")}
        </p>
      ) : null}
      {notice === "templateNeedsWeights" ? (
        <p className="notice" role="status" id="criteria-needs-weights">
          {t("setup.criteria.templateNeedsWeights")}
        </p>
      ) : null}
      {data?.errors._form ? (
        <MessageList messages={data.errors._form.map((message) => ({ message }))} />
      ) : null}
      {hasIssues ? (
        <MessageList messages={[{ message: "setup.criteria.notSaved" }, ...(issues[""] ?? [])]} />
      ) : null}

      {!frozen ? (
        <Form method="post" className="panel">
          <p className="hint">{t("setup.criteria.templateHint")}</p>
          <div className="field">
            <label htmlFor="criteria-template">{t("setup.criteria.templateChoice")}</label>
            <select id="criteria-template" name="template" defaultValue={EDITOR_TEMPLATES[0]}>
              {EDITOR_TEMPLATES.map((code) => (
                <option key={code} value={code}>
                  {t(findCriteriaTemplate(code)!.nameKey)}
                </option>
              ))}
            </select>
          </div>
          <p className="hint">{t("setup.criteria.basisNote")}</p>
          <button type="submit" name="intent" value="template" className="button">
            {t("setup.criteria.template")}
          </button>
        </Form>
      ) : null}

      <Form
        method="post"
        key={formKey}
        ref={form}
        noValidate
        onInput={(event) => setTotal(sumOfWeights(weightsInForm(event.currentTarget)))}
      >
        <CriteriaFields
          draft={draft}
          issues={issues}
          frozen={frozen}
          claimsEditable={claimsEditable}
          total={total}
        />
      </Form>
    </>
  );
}
