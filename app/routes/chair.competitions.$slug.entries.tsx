import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { z } from "zod";
import { ENTRY_STATUSES, LIBRARY_TYPES } from "../../db/schema";
import { ErrorList } from "~/components/Field";
import { useT } from "~/i18n/useT";
import { formValues, idList, optionalText, parseForm } from "~/lib/forms";
import { requireRole } from "~/lib/session.server";
import { requireCompetition } from "~/models/competitions.server";
import {
  addEntries,
  listEntries,
  removeEntry,
  setEntryCategory,
  setEntryStatus,
} from "~/models/entries.server";
import { listLibraries } from "~/models/libraries.server";
import { actorOf } from "~/models/users.server";
import {
  useCompetition,
  type CompetitionPageHandle,
} from "./chair.competitions.$slug/competition-page";

const EntrySchema = z.object({ entryId: z.coerce.number().int().positive() });
const StatusSchema = EntrySchema.extend({
  status: z.enum(ENTRY_STATUSES, { error: "error.invalid" }),
  reason: optionalText(500),
}).refine((v) => v.status === "active" || v.reason !== "", {
  path: ["reason"],
  error: "setup.error.reasonRequired",
});
const CategorySchema = EntrySchema.extend({
  category: z.enum(LIBRARY_TYPES, { error: "error.invalid" }),
});

export const meta: MetaFunction = () => [{ title: "Peserta · Juara" }];

export const handle: CompetitionPageHandle = {
  competitionPage: { heading: "setup.entries.title" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const entries = await listEntries(c.id);
  const taken = new Set(entries.map((e) => e.libraryId));
  const available = (await listLibraries())
    .filter((l) => !taken.has(l.id))
    .map((l) => ({
      id: l.id,
      code: l.code,
      name: l.name,
      type: l.type,
      village: l.village,
      district: l.district,
    }));
  return json({
    entries,
    available,
  });
}

type Reply = {
  entryId: number | null;
  errors: Partial<Record<string, string[]>>;
  values: Record<string, string>;
  notice: string | null;
  count?: number;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const c = await requireCompetition(params.slug);
  const actor = actorOf(user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const fail = (entryId: number | null, errors: Reply["errors"], status = 400) =>
    json<Reply>({ entryId, errors, values: formValues(formData), notice: null }, { status });
  const done = (notice: string, count?: number) =>
    json<Reply>({ entryId: null, errors: {}, values: {}, notice, count });

  if (intent === "add") {
    const ids = idList(formData, "library");
    if (!ids) return fail(null, { _form: ["setup.error.pickLibraries"] });
    const r = await addEntries(
      actor,
      c.id,
      ids.map((libraryId) => ({ libraryId })),
    );
    return r.ok ? done("setup.entries.added", r.added ?? 0) : fail(null, { _form: [r.error] }, 409);
  }
  if (intent === "status") {
    const form = parseForm(StatusSchema, formData);
    const entryId = Number(formData.get("entryId")) || null;
    if (!form.ok) return fail(entryId, form.errors);
    const r = await setEntryStatus(
      actor,
      c.id,
      form.data.entryId,
      form.data.status,
      form.data.reason,
    );
    return r.ok
      ? done("setup.entries.updated")
      : fail(entryId, { _form: [r.error] }, r.error === "error.404" ? 404 : 409);
  }
  if (intent === "category") {
    const form = parseForm(CategorySchema, formData);
    const entryId = Number(formData.get("entryId")) || null;
    if (!form.ok) return fail(entryId, form.errors);
    const r = await setEntryCategory(actor, c.id, form.data.entryId, form.data.category);
    return r.ok
      ? done("setup.entries.updated")
      : fail(entryId, { _form: [r.error] }, r.error === "error.404" ? 404 : 409);
  }
  if (intent === "remove") {
    const form = parseForm(EntrySchema, formData);
    if (!form.ok) return fail(null, { _form: ["error.invalid"] });
    const r = await removeEntry(actor, c.id, form.data.entryId);
    return r.ok
      ? done("setup.entries.updated")
      : fail(form.data.entryId, { _form: [r.error] }, r.error === "error.404" ? 404 : 409);
  }
  return fail(null, { _form: ["setup.error.badRequest"] });
}

function StatusForm({
  entryId,
  status,
  data,
}: {
  entryId: number;
  status: string;
  data: Reply | undefined;
}) {
  const t = useT();
  const id = useId();
  const mine = data?.entryId === entryId ? data : undefined;
  if (status !== "active") {
    return (
      <Form method="post">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="entryId" value={entryId} />
        <input type="hidden" name="status" value="active" />
        <button type="submit" className="button small">
          {t("setup.entries.reinstate")}
        </button>
        <ErrorList errors={Object.values(mine?.errors ?? {}).flatMap((list) => list ?? [])} />
      </Form>
    );
  }
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="entryId" value={entryId} />
      <label htmlFor={id} className="setup-visually-hidden">
        {t("setup.entries.reason")}
      </label>
      <input
        id={id}
        name="reason"
        placeholder={t("setup.entries.reason")}
        defaultValue={mine?.values.reason}
        aria-invalid={mine?.errors.reason ? true : undefined}
      />{" "}
      <button type="submit" name="status" value="withdrawn" className="button small">
        {t("setup.entries.withdraw")}
      </button>{" "}
      <button type="submit" name="status" value="disqualified" className="button small danger">
        {t("setup.entries.disqualify")}
      </button>
      <ErrorList errors={Object.values(mine?.errors ?? {}).flatMap((list) => list ?? [])} />
    </Form>
  );
}

export default function Entries() {
  const t = useT();
  const { status } = useCompetition();
  const { entries, available } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const draft = status === "draft";
  return (
    <>
      {data?.notice ? (
        <p className="notice" role="status">
          {t(
            data.notice === "setup.entries.added" ? "setup.entries.added" : "setup.entries.updated",
            { count: data.count ?? 0 },
          )}
        </p>
      ) : null}
      {data && (data.entryId === null || !entries.some((e) => e.id === data.entryId)) ? (
        // errors that belong to no row shown on the page (a crafted or stale request)
        <ErrorList errors={Object.values(data.errors).flatMap((list) => list ?? [])} />
      ) : null}
      {entries.length === 0 ? (
        <p>{t("setup.entries.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("setup.entries.library")}</th>
                <th scope="col">{t("setup.entries.category")}</th>
                <th scope="col">{t("setup.entries.status")}</th>
                <th scope="col" className="num">
                  {t("setup.entries.judges")}
                </th>
                <th scope="col">{t("setup.libraries.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className={data?.entryId === e.id ? "row-error" : undefined}>
                  <th scope="row">
                    {e.name} <span className="muted">({e.code})</span>
                    <br />
                    <span className="muted">
                      {[e.village, e.district].filter(Boolean).join(", ")}
                    </span>
                  </th>
                  <td>
                    {draft ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="category" />
                        <input type="hidden" name="entryId" value={e.id} />
                        <select
                          name="category"
                          defaultValue={e.category}
                          aria-label={`${t("setup.entries.category")}: ${e.name}`}
                        >
                          {LIBRARY_TYPES.map((c) => (
                            <option key={c} value={c}>
                              {t(`libraryType.${c}`)}
                            </option>
                          ))}
                        </select>{" "}
                        <button type="submit" className="button small">
                          {t("setup.entries.setCategory")}
                        </button>
                      </Form>
                    ) : (
                      t(`libraryType.${e.category}`)
                    )}
                  </td>
                  <td>
                    {t(`setup.entries.status.${e.status}`)}
                    {e.statusReason ? <span className="muted"> — {e.statusReason}</span> : null}
                  </td>
                  <td className="num">{e.judges}</td>
                  <td className="actions">
                    {status === "draft" || status === "scoring" ? (
                      <StatusForm entryId={e.id} status={e.status} data={data} />
                    ) : null}
                    {draft ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="entryId" value={e.id} />
                        <button type="submit" className="button small danger">
                          {t("setup.entries.remove")}
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
      {draft ? (
        <section aria-labelledby="add-entries" className="panel">
          <h2 id="add-entries">{t("setup.entries.add")}</h2>
          <p className="hint">{t("setup.entries.addHint")}</p>
          {available.length === 0 ? (
            <p>
              {t("setup.entries.allIn")}{" "}
              <Link to="/chair/libraries">{t("setup.nav.libraries")}</Link>
            </p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="add" />
              <ul className="plain-list">
                {available.map((l) => (
                  <li key={l.id}>
                    <label>
                      <input type="checkbox" name="library" value={l.id} /> {l.name}{" "}
                      <span className="muted">
                        ({l.code}, {t(`libraryType.${l.type}`)}
                        {l.district ? `, ${l.district}` : ""})
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              <button type="submit" className="button primary">
                {t("setup.entries.addSubmit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </>
  );
}
