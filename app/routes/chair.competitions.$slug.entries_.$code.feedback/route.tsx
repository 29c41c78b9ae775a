import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorList } from "~/components/Field";
import { PrintButton } from "~/components/PrintButton";
import type { MessageKey, MessagesHandle } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatDate, formatScore } from "~/lib/format";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { handleFeedbackPost, loadFeedback } from "./feedback.server";

export const handle: MessagesHandle = { i18n: ["chair-results", "public"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.entry.name ?? ""} · Juara` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json(await loadFeedback(c, params.code ?? ""), {
    headers: { "Cache-Control": "private, no-store" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleFeedbackPost(user, c, params.code ?? "", await request.formData());
}

/**
 * An entry's feedback sheet (lembar umpan balik), printable on A4: the library, its stage scores
 * and components, and the coaching notes the chair includes, without the judges' names unless
 * asked (`?names=1`). Above it, not printed: every note, with a box to include it.
 */
export default function FeedbackSheet() {
  const t = useT();
  const lang = useLang();
  const { competition: c, entry, result, notes } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const withNames = search.get("names") === "1";
  const score = (x: number | null) => (x === null ? "—" : formatScore(x, lang));
  const included = notes.filter((n) => n.included);
  const stages = [...new Set(included.map((n) => n.stageId))];
  const self = `/chair/competitions/${c.slug}/entries/${encodeURIComponent(entry.code)}/feedback`;
  return (
    <article className="feedback-sheet">
      <div className="no-print stack">
        <p className="page-links">
          <Link to={`/chair/competitions/${c.slug}/results`}>{t("feedback.back")}</Link>
          <Link to={withNames ? self : `${self}?names=1`}>
            {withNames ? t("feedback.hideNames") : t("feedback.showNames")}
          </Link>
          <span className="muted">{t("feedback.printHint")}</span>
          <PrintButton label={t("documents.print")} />
        </p>
        <section aria-labelledby="feedback-choose" className="panel">
          <h2 id="feedback-choose">{t("feedback.choose")}</h2>
          {answer?.ok ? (
            <p className="notice" role="status">
              {t("feedback.saved")}
            </p>
          ) : null}
          <ErrorList errors={answer?.errors?._form} />
          {notes.length === 0 ? (
            <p>{t("feedback.noNotes")}</p>
          ) : (
            <Form method="post" className="stack">
              <ul className="feedback-choices">
                {notes.map((n) => {
                  const key = `${n.stageId}:${n.judgeId}`;
                  return (
                    <li key={key} className="field check">
                      <label>
                        <input
                          type="checkbox"
                          name="note"
                          value={key}
                          defaultChecked={n.included}
                        />{" "}
                        {t("feedback.noteBy", {
                          stage: n.stageName,
                          judge: n.judgeName,
                          date: formatDate(n.updatedAt, lang),
                        })}
                      </label>
                      <blockquote className="feedback-text">{n.text}</blockquote>
                    </li>
                  );
                })}
              </ul>
              <p className="page-links">
                <button type="submit" name="intent" value="include" className="button primary">
                  {t("feedback.saveChoice")}
                </button>
                <button type="submit" name="intent" value="includeAll" className="button">
                  {t("feedback.includeAll")}
                </button>
              </p>
            </Form>
          )}
        </section>
      </div>

      <section className="feedback-page" aria-labelledby="feedback-title">
        <p className="muted">
          {c.region} · {c.year}
        </p>
        <h1 id="feedback-title">{t("feedback.title")}</h1>
        <p className="subtitle">
          <strong>{c.name}</strong>
        </p>
        <dl className="feedback-library">
          <dt>{t("feedback.library")}</dt>
          <dd>
            {entry.name} ({entry.code})
          </dd>
          <dt>{t("feedback.category")}</dt>
          <dd>{t(`libraryType.${entry.category}` as MessageKey)}</dd>
          <dt>{t("feedback.place")}</dt>
          <dd>{[entry.village, entry.district].filter(Boolean).join(", ") || "—"}</dd>
          {entry.headName ? (
            <>
              <dt>{t("feedback.head")}</dt>
              <dd>{entry.headName}</dd>
            </>
          ) : null}
        </dl>

        <h2>{t("feedback.scores")}</h2>
        {result && result.finalX100 !== null ? (
          <>
            <p>
              {t("feedback.final")}: <strong>{score(result.finalX100)}</strong>
              {result.pointsX100 !== null
                ? ` · ${t("public.pointsValue", { points: score(result.pointsX100) })}`
                : null}
              {result.prize ? ` · ${result.prize}` : null}
            </p>
            {result.stages.length > 1 ? (
              <table className="feedback-table">
                <thead>
                  <tr>
                    <th scope="col">{t("feedback.stage")}</th>
                    <th scope="col" className="num">
                      {t("feedback.stageScore")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.stages.map((s) => (
                    <tr key={s.code}>
                      <th scope="row">{s.name}</th>
                      <td className="num">{score(s.scoreX100)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <table className="feedback-table">
              <thead>
                <tr>
                  <th scope="col">{t("feedback.component")}</th>
                  <th scope="col" className="num">
                    {t("feedback.weight")}
                  </th>
                  <th scope="col" className="num">
                    {t("feedback.componentScore")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.components.map((k) => (
                  <tr key={k.code}>
                    <th scope="row">
                      {k.code} {k.name}
                    </th>
                    <td className="num">{k.weight}</td>
                    <td className="num">{score(k.scoreX100)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>{t("feedback.noScores")}</p>
        )}

        <h2>{t("feedback.notes")}</h2>
        {included.length === 0 ? (
          <p>{t("feedback.noneIncluded")}</p>
        ) : (
          stages.map((stageId) => {
            const mine = included.filter((n) => n.stageId === stageId);
            return (
              <section key={stageId} className="feedback-stage">
                {notes.some((n) => n.stageId !== stageId) ? <h3>{mine[0]!.stageName}</h3> : null}
                <ol className="feedback-notes">
                  {mine.map((n) => (
                    <li key={n.judgeId}>
                      <p className="feedback-text">{n.text}</p>
                      {withNames ? <p className="muted">— {n.judgeName}</p> : null}
                    </li>
                  ))}
                </ol>
              </section>
            );
          })
        )}
      </section>
    </article>
  );
}
