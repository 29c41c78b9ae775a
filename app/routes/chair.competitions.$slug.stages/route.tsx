import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { ErrorList, Field } from "~/components/Field";
import { MessageList, type FormErrors } from "~/components/SetupUi";
import { setupFormOf, StageSetup } from "~/components/StageSetup";
import { useLang, useT } from "~/i18n/useT";
import { formatDateTime } from "~/lib/format";
import { allErrors } from "~/lib/forms";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "../chair.competitions.$slug/competition-page";
import { handleStagesPost, loadStages } from "./stages.server";

export const meta: MetaFunction = () => [{ title: "Tahap · Juara" }];

export const handle: CompetitionPageHandle = {
  i18n: ["library"],
  competitionPage: { heading: "stages.heading" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json(await loadStages(c));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return handleStagesPost(user, c, await request.formData());
}

const score = (x100: number | null) => (x100 === null ? "–" : (x100 / 100).toFixed(2));

export default function StagesPage() {
  const t = useT();
  const lang = useLang();
  const c = useCompetition();
  const { stages, move, checklist, setup, combine } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const moved = search.get("moved");
  const checked = search.get("checked");
  const announced = search.get("finalists");
  const withdrawn = search.get("withdrawn");
  const saved = search.get("saved");
  const removed = search.get("removed");
  const reordered = search.get("reordered");
  const combined = search.get("combined");
  const errors = (data?.errors ?? {}) as FormErrors;
  const values = (data?.values ?? {}) as Partial<Record<string, string>>;
  const hasFinalists = (s: (typeof stages)[number]) =>
    s.closed && s.shortlist.some((r) => r.advanced);
  const finalistsIntent =
    data?.intent === "finalists-publish" || data?.intent === "finalists-withdraw";
  // the finalists' forms of a stage show their errors there (the reason only on the withdrawal form)
  const finalistsHere = (s: (typeof stages)[number]) =>
    finalistsIntent &&
    values.stage === s.code &&
    hasFinalists(s) &&
    (data?.intent === "finalists-publish" || s.finalistsPublishedAt !== null);
  const placed =
    (data?.intent === "stage-next" && move !== null) ||
    (data?.intent === "stage-check" &&
      (checklist?.some((e) => e.library === values.library) ?? false)) ||
    stages.some(finalistsHere) ||
    (setup !== null && setupFormOf(data, stages) !== null);
  const busy = (intent: string, stage: string) =>
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    navigation.formData?.get("stage") === stage;
  return (
    <>
      {data && !placed ? (
        // errors that belong to no form on the page (a stale or crafted request)
        <>
          <ErrorList errors={[...new Set(allErrors(errors))]} />
          <MessageList messages={data.reasons} />
        </>
      ) : null}
      {announced && stages.some((s) => s.code === announced && s.finalistsPublishedAt) ? (
        <p className="notice" role="status">
          {t("stages.finalists.announced", { stage: announced })}
        </p>
      ) : null}
      {withdrawn && stages.some((s) => s.code === withdrawn && !s.finalistsPublishedAt) ? (
        <p className="notice" role="status">
          {t("stages.finalists.withdrawn", { stage: withdrawn })}
        </p>
      ) : null}
      {moved && stages.some((s) => s.current && s.code === moved) ? (
        <p className="notice" role="status">
          {t("stages.moved", { stage: moved })}
        </p>
      ) : null}
      {saved && stages.some((s) => s.code === saved) ? (
        <p className="notice" role="status">
          {t("stageSetup.saved", { stage: saved })}
        </p>
      ) : null}
      {removed && !stages.some((s) => s.code === removed) ? (
        <p className="notice" role="status">
          {t("stageSetup.removed", { stage: removed })}
        </p>
      ) : null}
      {reordered ? (
        <p className="notice" role="status">
          {t("stageSetup.reordered")}
        </p>
      ) : null}
      {combined ? (
        <p className="notice" role="status">
          {t("stageSetup.combineSaved")}
        </p>
      ) : null}
      {checked ? (
        <p className="notice" role="status">
          {t("stages.checked", { library: checked })}
        </p>
      ) : null}
      <section aria-labelledby="stages-list" className="panel">
        <h2 id="stages-list">{t("stages.list")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("stages.col.code")}</th>
              <th scope="col">{t("stages.col.name")}</th>
              <th scope="col">{t("stages.col.kind")}</th>
              <th scope="col">{t("stages.col.weight")}</th>
              <th scope="col">{t("stages.col.advance")}</th>
              <th scope="col">{t("stages.col.state")}</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.code} aria-current={s.current ? "step" : undefined}>
                <td>{s.code}</td>
                <td>{s.name}</td>
                <td>{t(`stages.kind.${s.kind}`)}</td>
                <td>{s.weight}</td>
                <td>{s.advance ?? t("stages.advanceAll")}</td>
                <td>
                  {s.closed ? t("stages.closed") : t("stages.open")}
                  {s.current ? ` · ${t("stages.current")}` : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {stages.length > 1 ? (
          <p>{t("stageSetup.combine.current", { mode: t(`stageSetup.combine.${combine}`) })}</p>
        ) : null}
        {setup ? null : <p className="readonly-note">{t("stageSetup.readonly")}</p>}
      </section>
      {setup ? (
        <StageSetup
          slug={c.slug}
          stages={stages}
          combine={setup.combine}
          removable={setup.removable}
          started={setup.started}
          reply={data}
        />
      ) : null}
      {stages
        .filter((s) => s.closed)
        .map((s) => (
          <section key={s.code} aria-labelledby={`shortlist-${s.code}`} className="panel">
            <h2 id={`shortlist-${s.code}`}>{t("stages.shortlist", { stage: s.code })}</h2>
            {s.shortlist.length === 0 ? (
              <p className="muted">{t("stages.shortlistEmpty")}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("stages.col.library")}</th>
                    <th scope="col">{t("stages.col.score")}</th>
                    <th scope="col">{t("stages.col.rank")}</th>
                    <th scope="col">{t("stages.col.advanced")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.shortlist.map((r) => (
                    <tr key={r.library}>
                      <td>
                        {r.library} · {r.name}
                      </td>
                      <td>{score(r.scoreX100)}</td>
                      <td>{r.rank ?? "–"}</td>
                      <td>{r.advanced ? t("stages.yes") : t("stages.no")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {hasFinalists(s) ? (
              <div className="stack">
                <h3>{t("stages.finalists.heading")}</h3>
                {finalistsHere(s) ? (
                  <ErrorList errors={[...(errors._form ?? []), ...(errors.stage ?? [])]} />
                ) : null}
                {s.finalistsPublishedAt ? (
                  <>
                    <p>
                      {t("stages.finalists.publishedOn", {
                        date: formatDateTime(s.finalistsPublishedAt, lang),
                      })}{" "}
                      <Link to={`/competitions/${c.slug}/finalists`}>
                        {t("stages.finalists.view")}
                      </Link>
                    </p>
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="intent" value="finalists-withdraw" />
                      <input type="hidden" name="stage" value={s.code} />
                      <Field
                        label={t("stages.finalists.withdrawReason")}
                        name="reason"
                        required
                        defaultValue={finalistsHere(s) ? values.reason : undefined}
                        errors={finalistsHere(s) ? errors.reason : undefined}
                      />
                      <button
                        type="submit"
                        className="button"
                        disabled={busy("finalists-withdraw", s.code)}
                      >
                        {busy("finalists-withdraw", s.code)
                          ? t("stages.finalists.withdrawing")
                          : t("stages.finalists.withdraw")}
                      </button>
                    </Form>
                  </>
                ) : (
                  <Form method="post" className="stack" noValidate>
                    <p className="muted">{t("stages.finalists.hint")}</p>
                    <input type="hidden" name="intent" value="finalists-publish" />
                    <input type="hidden" name="stage" value={s.code} />
                    <p>
                      <button
                        type="submit"
                        className="button primary"
                        disabled={busy("finalists-publish", s.code)}
                      >
                        {busy("finalists-publish", s.code)
                          ? t("stages.finalists.publishing")
                          : t("stages.finalists.publish")}
                      </button>
                    </p>
                  </Form>
                )}
              </div>
            ) : null}
          </section>
        ))}
      {move ? (
        <section aria-labelledby="stage-next" className="panel">
          <h2 id="stage-next">{t("stages.next")}</h2>
          <Form method="post" className="stack" noValidate>
            <p>{t("stages.confirm", { stage: move.from })}</p>
            {data?.intent === "stage-next" ? (
              <>
                <ErrorList
                  errors={[
                    ...(errors._form ?? []),
                    ...(errors.confirm ?? []),
                    ...(errors.override ?? []),
                  ]}
                />
                <MessageList messages={data.reasons} />
              </>
            ) : null}
            <input type="hidden" name="intent" value="stage-next" />
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
              label={
                move.warnings.length > 0
                  ? t("status.confirm.reasonRequired")
                  : t("setup.overview.reason")
              }
              name="reason"
              required={move.warnings.length > 0}
              defaultValue={data?.intent === "stage-next" ? values.reason : undefined}
              errors={data?.intent === "stage-next" ? errors.reason : undefined}
            />
            <button type="submit" className="button primary">
              {t("stages.nextSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
      {checklist ? (
        <section aria-labelledby="stage-checklist" className="panel">
          <h2 id="stage-checklist">{t("stages.checklist")}</h2>
          <p className="muted">{t("stages.checklistHint")}</p>
          {checklist.map((e) => {
            const mine = data?.intent === "stage-check" && values.library === e.library;
            return (
              <div key={e.library} className="stack">
                <h3>
                  {e.library} · {e.name}
                </h3>
                {e.checks.length > 0 ? (
                  <ul>
                    {e.checks.map((k) => (
                      <li key={k.item}>
                        {k.passed
                          ? `${k.item}: ${t("stages.pass")}`
                          : `${k.item}: ${t("stages.fail")} (${k.reason})`}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t("stages.unchecked")}</p>
                )}
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="intent" value="stage-check" />
                  <input type="hidden" name="library" value={e.library} />
                  {mine ? (
                    <ErrorList errors={[...(errors._form ?? []), ...(errors.library ?? [])]} />
                  ) : null}
                  <Field
                    label={t("stages.item")}
                    name="item"
                    required
                    defaultValue={mine ? values.item : undefined}
                    errors={mine ? errors.item : undefined}
                  />
                  <fieldset>
                    <legend>{t("stages.result")}</legend>
                    <label>
                      <input
                        type="radio"
                        name="passed"
                        value="yes"
                        defaultChecked={!mine || values.passed !== "no"}
                      />{" "}
                      {t("stages.pass")}
                    </label>{" "}
                    <label>
                      <input
                        type="radio"
                        name="passed"
                        value="no"
                        defaultChecked={mine && values.passed === "no"}
                      />{" "}
                      {t("stages.fail")}
                    </label>
                    {mine ? <ErrorList errors={errors.passed} /> : null}
                  </fieldset>
                  <Field
                    label={t("stages.failReason")}
                    name="reason"
                    defaultValue={mine ? values.reason : undefined}
                    errors={mine ? errors.reason : undefined}
                  />
                  <button type="submit" className="button">
                    {t("stages.checkSubmit")}
                  </button>
                </Form>
              </div>
            );
          })}
        </section>
      ) : null}
      {!move && c.status === "scoring" ? <p className="muted">{t("stages.noNext")}</p> : null}
    </>
  );
}
