import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { JudgeDistributionChart } from "~/components/charts/DashboardCharts";
import { WinnersComponentChart } from "~/components/charts/ResultCharts";
import { ErrorList } from "~/components/Field";
import { SetAsideSheets } from "~/components/SetAsideSheets";
import { CompetitionNav } from "~/components/SetupUi";
import type { MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatScore } from "~/lib/format";
import { formValues, requiredText } from "~/lib/forms";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import { recordTieDecision } from "~/models/ranking.server";
import { getResultsDashboard } from "~/models/results-dashboard.server";
import { actorOf } from "~/models/users.server";

export const meta: MetaFunction = () => [{ title: "Hasil · Juara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const dashboard = await getResultsDashboard(c);
  if (!dashboard) throw new Response("Not found", { status: 404 });
  return json({
    competition: {
      slug: c.slug,
      name: c.name,
      status: c.status,
      aggregation: c.aggregation,
    },
    ...dashboard,
  });
}

const TieSchema = z.object({
  intent: z.literal("tie", { error: "setup.error.badRequest" }),
  reason: requiredText(1000),
});

type Reply = {
  tieKey: string | null;
  errors: Partial<Record<string, string[]>>;
  values: Record<string, string>;
};

/** The chair orders a prize-deciding tie: `position.<entry id>` = 1, 2, … for every tied entry. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const formData = await request.formData();
  const tieKey = typeof formData.get("tieKey") === "string" ? String(formData.get("tieKey")) : null;
  const fail = (errors: Reply["errors"], status = 400) =>
    json<Reply>({ tieKey, errors, values: formValues(formData) }, { status });
  const form = TieSchema.safeParse({
    intent: formData.get("intent"),
    reason: formData.get("reason") ?? undefined,
  });
  const positions: { entryId: number; position: number }[] = [];
  for (const [key, value] of formData) {
    const m = /^position\.(\d{1,9})$/.exec(key);
    if (!m || typeof value !== "string") continue;
    const position = Number(value.trim());
    if (!/^\d{1,3}$/.test(value.trim()))
      return fail({ [`position.${m[1]}`]: ["results.tie.position"] });
    positions.push({ entryId: Number(m[1]), position });
  }
  const errors: Reply["errors"] = {};
  if (!form.success)
    for (const issue of form.error.issues)
      (errors[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
  const sorted = [...positions].sort((a, b) => a.position - b.position);
  if (positions.length < 2 || sorted.some((p, i) => p.position !== i + 1))
    (errors._form ??= []).push("results.tie.order");
  if (Object.keys(errors).length > 0 || !form.success) return fail(errors);
  const result = await recordTieDecision(actorOf(user), c.id, {
    entryIds: sorted.map((p) => p.entryId),
    reason: form.data.reason,
  });
  if (!result.ok) return fail({ _form: [result.error] }, result.error === "error.404" ? 404 : 409);
  return redirect(`/chair/competitions/${c.slug}/results?decided=1`, 303);
}

export default function ResultsDashboardPage() {
  const t = useT();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const {
    competition: c,
    entries,
    progress,
    judges,
    disagreements,
    methods,
    podiumDependsOnMethod,
    ties,
    ranking,
  } = data;
  const judgeName = new Map(judges.map((j) => [j.id, j.name]));
  const sheetsOf = (entryId: number) =>
    progress.entries.find((p) => p.id === entryId) ?? {
      submitted: 0,
      assigned: 0,
    };
  const behind = progress.judges.filter((j) => j.submitted < j.assigned);
  const componentCodes = entries[0]?.components.map((k) => k.code) ?? [];
  const top = entries.filter((e) => e.rank !== null && e.finalX100 !== null).slice(0, 5);
  const score = (x: number | null) => (x === null ? "—" : formatScore(x, lang));
  return (
    <>
      <h1>{t("results.title")}</h1>
      <CompetitionNav slug={c.slug} name={c.name} status={c.status} />
      <p className="page-links">
        <Link to={`/chair/competitions/${c.slug}/berita-acara`}>{t("results.beritaAcara")}</Link>
        <a href={`/chair/competitions/${c.slug}/results.csv`} download>
          {t("results.exportResults")}
        </a>
        <a href={`/chair/competitions/${c.slug}/scores.csv`} download>
          {t("results.exportScores")}
        </a>
      </p>
      {search.get("decided") && !reply ? (
        <p className="notice" role="status">
          {t("results.decided")}
        </p>
      ) : null}
      <p className="muted">
        {t("results.liveNotice", {
          method: t(`aggregation.${c.aggregation}` as MessageKey),
        })}
      </p>
      <SetAsideSheets sheets={data.setAside} />

      <section aria-labelledby="progress" className="panel">
        <h2 id="progress">{t("results.progress")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("results.judge")}</th>
                <th scope="col" className="num">
                  {t("results.submitted")}
                </th>
                <th scope="col">{t("results.leaning")}</th>
              </tr>
            </thead>
            <tbody>
              {judges.map((j) => {
                const p = progress.judges.find((x) => x.id === j.id);
                return (
                  <tr key={j.id} className={p && p.submitted < p.assigned ? "row-warn" : undefined}>
                    <th scope="row">{j.name}</th>
                    <td className="num">
                      {p?.submitted ?? 0} / {p?.assigned ?? 0}
                    </td>
                    <td>
                      {j.leaning ? (
                        <span className="flag">
                          {t(`results.leaning.${j.leaning}`, {
                            points: score(Math.abs(j.biasX100 ?? 0)),
                          })}
                        </span>
                      ) : (
                        t("results.leaning.none")
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {behind.length > 0 ? (
          <p className="notice warn">
            {t("results.behind", {
              names: behind.map((j) => `${j.name} (${j.assigned - j.submitted})`).join(", "),
            })}
          </p>
        ) : (
          <p>{t("results.allSubmitted")}</p>
        )}
      </section>

      {reply &&
      !ties.some(
        (tie) =>
          entries.find((e) => e.entryId === tie.entries[0]?.entryId)?.tieKey === reply.tieKey,
      ) ? (
        <ErrorList errors={Object.values(reply.errors).flatMap((list) => list ?? [])} />
      ) : null}
      {ties.length > 0 ? (
        <section aria-labelledby="ties" className="panel">
          <h2 id="ties">{t("results.ties")}</h2>
          <p>{t("results.tiesHint")}</p>
          {ties.map((tie) => {
            const key = entries.find((e) => e.entryId === tie.entries[0]?.entryId)?.tieKey ?? "";
            const mine = reply && reply.tieKey === key ? reply : undefined;
            return (
              <Form method="post" key={key} className="stack tie-form" noValidate>
                <h3>{t("results.tieAt", { rank: tie.rank })}</h3>
                <input type="hidden" name="intent" value="tie" />
                <input type="hidden" name="tieKey" value={key} />
                <ErrorList errors={mine?.errors._form} />
                {tie.entries.map((e, i) => (
                  <p key={e.entryId} className="field inline">
                    <label htmlFor={`pos-${e.entryId}`}>
                      {t("results.tiePosition", { library: e.name })}
                    </label>{" "}
                    <input
                      id={`pos-${e.entryId}`}
                      name={`position.${e.entryId}`}
                      inputMode="numeric"
                      size={3}
                      defaultValue={mine?.values[`position.${e.entryId}`] ?? String(i + 1)}
                    />
                    <ErrorList errors={mine?.errors[`position.${e.entryId}`]} />
                  </p>
                ))}
                <div className="field">
                  <label htmlFor={`reason-${key}`}>{t("results.tieReason")}</label>
                  <input
                    id={`reason-${key}`}
                    name="reason"
                    defaultValue={mine?.values.reason}
                    aria-invalid={mine?.errors.reason ? true : undefined}
                  />
                  <ErrorList errors={mine?.errors.reason} />
                </div>
                <button type="submit" className="button primary">
                  {t("results.tieSubmit")}
                </button>
              </Form>
            );
          })}
        </section>
      ) : null}

      <section aria-labelledby="ranking" className="panel">
        <h2 id="ranking">{t("results.ranking")}</h2>
        <div className="table-wrap">
          <table className="results-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("results.rank")}
                </th>
                <th scope="col">{t("results.library")}</th>
                <th scope="col" className="num">
                  {t("results.final")}
                </th>
                {componentCodes.map((code) => (
                  <th scope="col" className="num" key={code}>
                    {code}
                  </th>
                ))}
                {judges.map((j) => (
                  <th scope="col" className="num" key={j.id}>
                    {j.name}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("results.spread")}
                </th>
                <th scope="col" className="num">
                  {t("results.sheets")}
                </th>
                <th scope="col">{t("results.flags")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.entryId} className={e.unresolvedPrizeTie ? "row-warn" : undefined}>
                  <td className="num">{e.rank ?? "—"}</td>
                  <th scope="row">
                    {e.name}
                    {e.prize ? <span className="badge prize"> {e.prize}</span> : null}
                    {ranking.scope === "category" ? (
                      <span className="muted">
                        {" "}
                        · {t(`libraryType.${e.category}` as MessageKey)}
                      </span>
                    ) : null}
                  </th>
                  <td className="num">
                    <strong>{score(e.finalX100)}</strong>
                  </td>
                  {e.components.map((k) => (
                    <td className="num" key={k.code}>
                      {score(k.scoreX100)}
                    </td>
                  ))}
                  {judges.map((j) => (
                    <td
                      className={`num${e.outlierJudges.includes(j.id) ? " outlier" : ""}`}
                      key={j.id}
                    >
                      {e.judgeTotals[j.id] === undefined ? "—" : score(e.judgeTotals[j.id]!)}
                      {e.outlierJudges.includes(j.id) ? (
                        <span className="flag"> {t("results.outlierMark")}</span>
                      ) : null}
                    </td>
                  ))}
                  <td className="num">{score(e.spreadX100)}</td>
                  <td
                    className={`num${sheetsOf(e.entryId).submitted < sheetsOf(e.entryId).assigned ? " flag" : ""}`}
                  >
                    {`${sheetsOf(e.entryId).submitted} / ${sheetsOf(e.entryId).assigned}`}
                  </td>
                  <td>
                    {e.tieSize > 1 ? (
                      <span className="flag">
                        {e.decided
                          ? t("results.flag.tieDecided")
                          : e.unresolvedPrizeTie
                            ? t("results.flag.prizeTie")
                            : t("results.flag.tie")}
                      </span>
                    ) : null}
                    {e.outlierJudges.length > 0 ? (
                      <span className="flag">
                        {" "}
                        {t("results.flag.outlier", {
                          judges: e.outlierJudges.map((id) => judgeName.get(id) ?? "").join(", "),
                        })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="methods" className="panel">
        <h2 id="methods">{t("results.methods")}</h2>
        {podiumDependsOnMethod ? (
          <p className="notice warn">{t("results.methodsDiffer")}</p>
        ) : (
          <p>{t("results.methodsAgree")}</p>
        )}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("results.method")}</th>
                <th scope="col">{t("results.podium")}</th>
              </tr>
            </thead>
            <tbody>
              {methods.map((m) => (
                <tr
                  key={m.method}
                  className={m.method === c.aggregation ? "row-current" : undefined}
                >
                  <th scope="row">
                    {t(`aggregation.${m.method}` as MessageKey)}
                    {m.method === c.aggregation ? (
                      <span className="muted"> ({t("results.chosen")})</span>
                    ) : null}
                  </th>
                  <td>
                    {m.podium.map((p) => `${p.prize}: ${p.names.join(" = ")}`).join(" · ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="disagreements" className="panel">
        <h2 id="disagreements">{t("results.disagreements")}</h2>
        {disagreements.length === 0 ? (
          <p>{t("results.disagreementsNone")}</p>
        ) : (
          <>
            <p>{t("results.disagreementsHint")}</p>
            <ul>
              {disagreements.map((d) => (
                <li key={`${d.entryId}-${d.indicator}`}>
                  {t("results.disagreement", {
                    library: d.library,
                    indicator: `${d.indicator} ${d.indicatorName}`,
                    low: d.low,
                    high: d.high,
                    min: d.min,
                    max: d.max,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="charts" className="panel">
        <h2 id="charts">{t("results.charts")}</h2>
        <JudgeDistributionChart
          judges={judges.map((j) => ({
            name: j.name,
            totalsX100: entries.flatMap((e) =>
              e.judgeTotals[j.id] === undefined ? [] : [e.judgeTotals[j.id]!],
            ),
          }))}
        />
        <WinnersComponentChart
          title={t("results.chartTop")}
          winners={top.map((e) => ({
            label: e.name,
            components: ranking.entries
              .find((r) => r.entryId === e.entryId)!
              .components.map((k) => ({
                code: k.code,
                name: k.name,
                weight: k.weight,
                scoreX100: k.scoreX100 ?? 0,
              })),
          }))}
        />
      </section>
    </>
  );
}
