import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, type SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList } from "~/components/Field";
import { useShowValue } from "~/components/SheetClaims";
import type { MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatDate, formatDateTime } from "~/lib/format";
import { allErrors, isNotFound, parseForm } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import { ReopenSchema } from "~/lib/sheet-reopen.server";
import { requireRole } from "~/lib/session.server";
import { listClaimCorrections } from "~/models/claims.server";
import { requireCompetition } from "~/models/competitions.server";
import { countIndicators, listSheets, reopenSheet } from "~/models/sheets.server";
import { actorOf } from "~/models/users.server";
import { listCompetitionVisitPhotos } from "~/models/visit-photos.server";
import { VisitPhotoList } from "~/components/VisitPhotos";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "./chair.competitions.$slug/competition-page";

export const meta: MetaFunction = () => [{ title: "Lembar nilai · Juara" }];

export const handle: CompetitionPageHandle = {
  i18n: ["chair-results", "judge"],
  competitionPage: { heading: "scoring.chair.title" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  return json({
    sheets: await listSheets(c.id),
    indicators: await countIndicators(c.id),
    corrections: await listClaimCorrections(c.id),
    photos: await listCompetitionVisitPhotos(c.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const formData = await request.formData();
  const sheetId = Number(formData.get("sheetId")) || null;
  const form = parseForm(ReopenSchema, formData);
  if (!form.ok) return reply({ ok: false, sheetId, errors: form.errors, values: form.values }, 400);
  const result = await reopenSheet(actorOf(user), c.id, form.data.sheetId, form.data.reason);
  if (!result.ok)
    return reply(
      { ok: false, sheetId, errors: result.errors, values: { reason: form.data.reason } },
      isNotFound(result) ? 404 : 409,
    );
  return reply({ ok: true, sheetId });
}

export default function ChairSheets() {
  const t = useT();
  const lang = useLang();
  const { status } = useCompetition();
  const { sheets, indicators, corrections, photos } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitted = sheets.filter((s) => s.status === "submitted").length;
  return (
    <>
      <p>{t("scoring.chair.intro")}</p>
      {data?.ok ? (
        <p className="notice" role="status">
          {t("scoring.chair.reopened")}
        </p>
      ) : null}
      {data && !data.ok && !sheets.some((s) => s.sheetId !== null && s.sheetId === data.sheetId) ? (
        // errors that belong to no sheet on the page (a stale or crafted request)
        <ErrorList errors={allErrors(data.errors)} />
      ) : null}
      {sheets.length === 0 ? (
        <p>{t("scoring.chair.none")}</p>
      ) : (
        <>
          <p>{t("scoring.chair.summary", { submitted, total: sheets.length })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("scoring.chair.library")}</th>
                  <th scope="col">{t("scoring.chair.judge")}</th>
                  <th scope="col">{t("scoring.chair.state")}</th>
                  <th scope="col" className="num">
                    {t("scoring.chair.scored")}
                  </th>
                  <th scope="col">{t("scoring.chair.updated")}</th>
                  <th scope="col">{t("scoring.chair.reopen")}</th>
                </tr>
              </thead>
              <tbody>
                {sheets.map((s) => {
                  const mine = data && !data.ok && data.sheetId === s.sheetId ? data : undefined;
                  const reasonId = `reason-${s.sheetId ?? `${s.entryId}-${s.judgeId}`}`;
                  return (
                    <tr
                      key={`${s.entryId}-${s.judgeId}`}
                      className={mine ? "row-error" : undefined}
                    >
                      <th scope="row">
                        {s.library} <span className="muted">({s.code})</span>
                      </th>
                      <td>{s.judge}</td>
                      <td>
                        <span className={`badge sheet-${s.status}`}>
                          {t(`scoring.state.${s.status}` as MessageKey, {
                            scored: s.scored,
                            total: indicators,
                          })}
                        </span>
                        {s.reopenReason && s.status === "draft" ? (
                          <span className="muted">
                            {" "}
                            —{" "}
                            {t("scoring.sheet.reopened", {
                              reason: s.reopenReason,
                            })}
                          </span>
                        ) : null}
                        {s.setAsideAt ? (
                          <span className="badge">
                            {t("setAside.badge", { date: formatDate(s.setAsideAt, lang) })}
                          </span>
                        ) : null}
                      </td>
                      <td className="num">{s.scored}</td>
                      <td>
                        {s.updatedAt ? formatDateTime(s.updatedAt, lang) : "—"}
                        {s.issuedPasswordSavedAt ? (
                          <div className="notice warn">
                            {t("scoring.sheet.issuedPassword", {
                              at: formatDateTime(s.issuedPasswordSavedAt, lang),
                            })}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        {s.status === "submitted" &&
                        s.sheetId !== null &&
                        !s.setAsideAt &&
                        status === "scoring" ? (
                          <Form method="post" noValidate>
                            <input type="hidden" name="intent" value="reopen" />
                            <input type="hidden" name="sheetId" value={s.sheetId} />
                            <label htmlFor={reasonId} className="row-label">
                              {t("scoring.chair.reason")}
                              <span className="setup-visually-hidden">
                                : {s.library}, {s.judge}
                              </span>
                            </label>
                            <input
                              id={reasonId}
                              name="reason"
                              defaultValue={mine?.values.reason}
                              aria-invalid={mine?.errors.reason ? true : undefined}
                            />{" "}
                            <button
                              type="submit"
                              className="button small"
                              disabled={navigation.state === "submitting"}
                            >
                              {t("scoring.chair.reopen")}
                            </button>
                            <ErrorList
                              errors={[
                                ...(mine?.errors.reason ?? []),
                                ...(mine?.errors._form ?? []),
                              ]}
                            />
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {corrections.claims > 0 ? <ClaimCorrections entries={corrections.entries} /> : null}
      {photos.length > 0 ? <VisitPhotosByEntry entries={photos} /> : null}
    </>
  );
}

/**
 * Reported values the judges corrected on the visit: per entry how many claims, and which
 * (indicator, reported, observed, judge) behind a disclosure.
 */
function ClaimCorrections({
  entries,
}: {
  entries: SerializeFrom<typeof loader>["corrections"]["entries"];
}) {
  const t = useT();
  const show = useShowValue();
  return (
    <section aria-labelledby="claim-corrections">
      <h2 id="claim-corrections">{t("scoring.chair.claims.title")}</h2>
      {entries.length === 0 ? (
        <p>{t("scoring.chair.claims.none")}</p>
      ) : (
        <ul className="claim-corrections">
          {entries.map((e) => (
            <li key={e.code} data-testid={`corrections-${e.code}`}>
              <details>
                <summary>
                  {e.library} <span className="muted">({e.code})</span>:{" "}
                  {t("scoring.chair.claims.count", { count: e.corrected })}
                </summary>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("scoring.chair.claims.indicator")}</th>
                      <th scope="col">{t("scoring.chair.claims.reported")}</th>
                      <th scope="col">{t("scoring.chair.claims.observed")}</th>
                      <th scope="col">{t("scoring.chair.judge")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.corrections.map((c) => (
                      <tr key={`${c.stageName}-${c.indicatorCode}-${c.judgeName}`}>
                        <th scope="row">
                          {c.indicatorCode} · {c.indicatorName}
                        </th>
                        <td>{c.reported === null ? "—" : show(c, c.reported)}</td>
                        <td>{show(c, c.observed)}</td>
                        <td>{c.judgeName}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The judges' visit photos, per entry behind a disclosure: who took each, in which stage. */
function VisitPhotosByEntry({ entries }: { entries: SerializeFrom<typeof loader>["photos"] }) {
  const t = useT();
  const lang = useLang();
  return (
    <section aria-labelledby="visit-photos">
      <h2 id="visit-photos">{t("scoring.chair.photos.title")}</h2>
      <ul className="claim-corrections">
        {entries.map((e) => (
          <li key={e.code} data-testid={`photos-${e.code}`}>
            <details>
              <summary>
                {e.library} <span className="muted">({e.code})</span>:{" "}
                {t("scoring.chair.photos.count", { count: e.photos.length })}
              </summary>
              <VisitPhotoList
                photos={e.photos}
                lang={lang}
                caption={(p) => {
                  const photo = e.photos.find((x) => x.id === p.id)!;
                  return t("scoring.chair.photos.by", {
                    judge: photo.judgeName,
                    stage: photo.stageName,
                  });
                }}
              />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
