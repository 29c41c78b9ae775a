import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId, useState, type FormEvent } from "react";
import { isMessageKey, type MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { FORM, type FormReply } from "~/lib/forms";
import { describe } from "~/lib/messages";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import type { CompetitionPageHandle } from "../chair.competitions.$slug/competition-page";
import {
  MAX_SCORES_FILE_BYTES,
  type ScoresImportProblem,
  type ScoresImportReply,
} from "./scores-import";
import { handleScoresImportPost, loadScoresImport } from "./scores-import.server";

export const meta: MetaFunction = () => [{ title: "Impor nilai · Juara" }];

export const handle: CompetitionPageHandle = {
  i18n: ["chair-results"],
  competitionPage: { heading: "scoresImport.page.title" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json({ slug: c.slug, ...(await loadScoresImport(c)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleScoresImportPost(user, c, request);
}

const MAX_MB = MAX_SCORES_FILE_BYTES / (1024 * 1024);

export default function ScoresImportPage() {
  const t = useT();
  const lang = useLang();
  const { slug, status, stage } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as (ScoresImportReply & FormReply) | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const fileId = useId();
  const base = `/chair/competitions/${slug}`;
  const closed =
    status !== "scoring"
      ? t("scoresImport.error.notScoring", { status: t(`status.${status}` as MessageKey) })
      : stage?.kind === "admin"
        ? t("scoresImport.error.adminStage", { stage: stage.code })
        : null;
  const message = (key: string) =>
    isMessageKey(key) ? t(key, { max: MAX_MB }) : t("error.invalid");
  const where = (p: ScoresImportProblem) =>
    p.line === null
      ? ""
      : p.column === null
        ? `${t("scoresImport.line", { line: p.line })}: `
        : `${t("scoresImport.lineColumn", { line: p.line, column: p.column })}: `;
  // with JavaScript a file over the limit is refused before it is sent
  const [tooLarge, setTooLarge] = useState(false);
  const checkSize = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const over = (input?.files?.[0]?.size ?? 0) > MAX_SCORES_FILE_BYTES;
    setTooLarge(over);
    if (over) event.preventDefault();
  };
  const fileErrors = tooLarge
    ? ["scoresImport.page.error.tooLarge"]
    : [...(data?.errors.file ?? []), ...(data?.errors.replace ?? [])];
  const formErrors = data?.errors[FORM] ?? [];
  const problems = tooLarge ? [] : (data?.problems ?? []);
  const invalid = fileErrors.length > 0 || problems.length > 0;
  const done = data?.imported;
  return (
    <>
      <p className="page-links">
        <Link to={`${base}/results`}>{t("results.title")}</Link>
        <a href={`${base}/scores.csv`} download>
          {t("results.exportScores")}
        </a>
      </p>
      <p>{t("scoresImport.page.intro")}</p>
      {done ? (
        <div className="notice" role="status">
          <p>
            {t("scoresImport.page.done", {
              stage: done.stage,
              sheets: done.sheets,
              scores: done.scores,
              submitted: done.submitted,
              drafts: done.drafts,
            })}
          </p>
          {done.replaced > 0 ? (
            <p>{t("scoresImport.page.replaced", { replaced: done.replaced })}</p>
          ) : null}
          {done.skipped.setAside + done.skipped.inactive > 0 ? (
            <p>
              {t("scoresImport.page.skipped", {
                setAside: done.skipped.setAside,
                inactive: done.skipped.inactive,
              })}
            </p>
          ) : null}
          <p>
            {t("scoresImport.page.audit")} <Link to={`${base}/results`}>{t("results.title")}</Link>
          </p>
        </div>
      ) : null}
      {formErrors.length > 0 ? (
        <ul className="field-errors" role="alert">
          {formErrors.map((e) => (
            <li key={e}>{message(e)}</li>
          ))}
        </ul>
      ) : null}
      {closed ? (
        <p className="notice" role="status">
          {closed}
        </p>
      ) : (
        <>
          {stage ? (
            <p className="muted">
              {t("scoresImport.page.stage", { stage: stage.code, name: stage.name })}
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="stack" onSubmit={checkSize}>
            <div className="field">
              <label htmlFor={fileId}>{t("scoresImport.page.file")}</label>
              <p className="hint" id={`${fileId}-hint`}>
                {t("scoresImport.page.fileHint", { max: MAX_MB })}
              </p>
              <input
                id={fileId}
                type="file"
                name="file"
                accept=".csv,text/csv,text/plain"
                required
                onChange={() => setTooLarge(false)}
                aria-invalid={invalid ? true : undefined}
                aria-describedby={`${fileId}-hint${invalid ? ` ${fileId}-error` : ""}`}
              />
              {invalid ? (
                <div id={`${fileId}-error`} role="alert">
                  {fileErrors.length > 0 ? (
                    <ul className="field-errors">
                      {fileErrors.map((e) => (
                        <li key={e}>{message(e)}</li>
                      ))}
                    </ul>
                  ) : null}
                  {problems.length > 0 ? (
                    <>
                      <p className="field-errors">{t("scoresImport.page.problems")}</p>
                      <ul className="field-errors">
                        {problems.map((p, i) => (
                          <li key={i}>
                            {where(p)}
                            {describe(lang, p)}
                          </li>
                        ))}
                        {data && data.more > 0 ? (
                          <li>{t("scoresImport.page.more", { count: data.more })}</li>
                        ) : null}
                      </ul>
                    </>
                  ) : null}
                </div>
              ) : null}
            </div>
            <div className="field">
              <label>
                <input
                  type="checkbox"
                  name="replace"
                  aria-describedby={`${fileId}-replace-hint`}
                  defaultChecked={data?.values.replace === "on"}
                />{" "}
                {t("scoresImport.page.replace")}
              </label>
              <p className="hint" id={`${fileId}-replace-hint`}>
                {t("scoresImport.page.replaceHint")}
              </p>
            </div>
            <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
              {busy ? t("scoresImport.page.submitting") : t("scoresImport.page.submit")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
