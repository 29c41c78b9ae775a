import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { LIBRARY_TYPES } from "../../db/schema";
import { ErrorList, Field, SelectField } from "~/components/Field";
import { MessageList, useDescribe } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import { formValues, parseForm } from "~/lib/forms";
import { requireRole } from "~/lib/session.server";
import {
  createLibrary,
  getLibrary,
  importLibraryCsv,
  LibrarySchema,
  listLibraries,
  previewLibraryCsv,
  updateLibrary,
  type CsvPreview,
} from "~/models/libraries.server";
import { actorOf } from "~/models/users.server";

export const meta: MetaFunction = () => [{ title: "Daftar perpustakaan · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  const url = new URL(request.url);
  const editId = Number(url.searchParams.get("edit"));
  const editing = Number.isInteger(editId) && editId > 0 ? await getLibrary(editId) : undefined;
  if (url.searchParams.has("edit") && !editing) throw new Response("Not found", { status: 404 });
  return json({
    libraries: await listLibraries(),
    editing: editing ?? null,
    notice: url.searchParams.get("done"),
  });
}

type Reply =
  | {
      kind: "invalid";
      form: "create" | "update";
      errors: Partial<Record<string, string[]>>;
      values: Record<string, string>;
    }
  | { kind: "preview"; preview: CsvPreview; csv: string }
  | { kind: "imported"; created: number; updated: number; unchanged: number }
  | { kind: "csv-missing" };

/** The CSV comes as an uploaded file or as pasted text. */
async function csvText(formData: FormData): Promise<string> {
  const file = formData.get("file");
  if (file && typeof file === "object" && "text" in file && file.size > 0) return file.text();
  const text = formData.get("csv");
  return typeof text === "string" ? text : "";
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const actor = actorOf(user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create" || intent === "update") {
    const form = parseForm(LibrarySchema, formData);
    if (!form.ok)
      return json<Reply>(
        {
          kind: "invalid",
          form: intent,
          errors: form.errors,
          values: form.values,
        },
        { status: 400 },
      );
    const id = Number(formData.get("id"));
    if (intent === "update" && !(Number.isInteger(id) && id > 0))
      throw new Response("Not found", { status: 404 });
    const r =
      intent === "create"
        ? await createLibrary(actor, form.data)
        : await updateLibrary(actor, id, form.data);
    if (!r.ok) {
      if (r.error === "error.404") throw new Response("Not found", { status: 404 });
      return json<Reply>(
        {
          kind: "invalid",
          form: intent,
          errors: { [r.field]: [r.error] },
          values: formValues(formData),
        },
        { status: 400 },
      );
    }
    return redirect(`/chair/libraries?done=${intent === "create" ? "created" : "updated"}`);
  }
  if (intent === "preview" || intent === "import") {
    const text = await csvText(formData);
    if (text.trim() === "") return json<Reply>({ kind: "csv-missing" }, { status: 400 });
    if (intent === "preview")
      return json<Reply>({
        kind: "preview",
        preview: await previewLibraryCsv(text),
        csv: text,
      });
    const r = await importLibraryCsv(actor, text);
    if (!r.ok)
      return json<Reply>({ kind: "preview", preview: r.preview, csv: text }, { status: 400 });
    return json<Reply>({
      kind: "imported",
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
    });
  }
  throw new Response("Bad request", { status: 400 });
}

function LibraryForm({
  values,
  errors,
  intent,
  id,
}: {
  values: Partial<Record<string, string>>;
  errors: Partial<Record<string, string[]>>;
  intent: "create" | "update";
  id?: number;
}) {
  const t = useT();
  return (
    <Form method="post" action="/chair/libraries" className="stack" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <ErrorList errors={errors._form} />
      <Field
        label={t("setup.libraries.code")}
        name="code"
        required
        defaultValue={values.code}
        errors={errors.code}
      />
      <Field
        label={t("setup.libraries.name")}
        name="name"
        required
        defaultValue={values.name}
        errors={errors.name}
      />
      <SelectField
        label={t("setup.libraries.type")}
        name="type"
        defaultValue={values.type ?? "desa"}
        options={LIBRARY_TYPES.map((ty) => ({
          value: ty,
          label: t(`libraryType.${ty}`),
        }))}
        errors={errors.type}
      />
      <Field
        label={t("setup.libraries.village")}
        name="village"
        defaultValue={values.village}
        errors={errors.village}
      />
      <Field
        label={t("setup.libraries.district")}
        name="district"
        defaultValue={values.district}
        errors={errors.district}
      />
      <Field
        label={t("setup.libraries.address")}
        name="address"
        defaultValue={values.address}
        errors={errors.address}
      />
      <Field
        label={t("setup.libraries.head")}
        name="head_name"
        defaultValue={values.head_name}
        errors={errors.head_name}
      />
      <Field
        label={t("setup.libraries.phone")}
        name="contact"
        defaultValue={values.contact}
        errors={errors.contact}
      />
      <Field
        label={t("setup.libraries.npp")}
        name="npp"
        defaultValue={values.npp}
        errors={errors.npp}
      />
      <button type="submit" className="button primary">
        {t("action.save")}
      </button>
    </Form>
  );
}

function Preview({ preview, csv }: { preview: CsvPreview; csv: string }) {
  const t = useT();
  const describeMessage = useDescribe();
  const count = (c: string) => preview.rows.filter((r) => r.change === c).length;
  return (
    <section aria-labelledby="preview" className="panel">
      <h2 id="preview">{t("setup.libraries.previewTitle")}</h2>
      {preview.fileError ? (
        <MessageList messages={[preview.fileError]} />
      ) : (
        <>
          <p role="status">
            {t("setup.libraries.previewSummary", {
              created: count("created"),
              updated: count("updated"),
              unchanged: count("unchanged"),
              errors: preview.errors.length,
            })}{" "}
            {t("setup.libraries.previewNothing")}
          </p>
          {preview.errors.length > 0 ? (
            <div className="alert" role="alert">
              <p>{t("setup.libraries.badRows")}</p>
              <ul>
                {preview.errors.map((e) => (
                  <li key={e.line}>
                    <strong>{t("setup.libraries.line", { line: e.line })}</strong>
                    <ul>
                      {e.problems.map((p, i) => (
                        <li key={i}>
                          {p.column ? <code>{p.column}</code> : null}
                          {p.column ? ": " : null}
                          {describeMessage(p)}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("setup.libraries.code")}</th>
                  <th scope="col">{t("setup.libraries.name")}</th>
                  <th scope="col">{t("setup.libraries.type")}</th>
                  <th scope="col">{t("setup.libraries.district")}</th>
                  <th scope="col">{t("setup.libraries.col.change")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line}>
                    <td className="num">{r.line}</td>
                    <td>{r.library.code}</td>
                    <td>{r.library.name}</td>
                    <td>{t(`libraryType.${r.library.type}`)}</td>
                    <td>{r.library.district}</td>
                    <td>{t(`setup.libraries.change.${r.change}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.errors.length === 0 && preview.rows.length > 0 ? (
            <Form method="post" action="/chair/libraries" encType="multipart/form-data">
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="csv" value={csv} />
              <button type="submit" className="button primary">
                {t("setup.libraries.confirm", { count: preview.rows.length })}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}

export default function Libraries() {
  const t = useT();
  const { libraries, editing, notice } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const fileId = useId();
  const textId = useId();
  const invalid = data?.kind === "invalid" ? data : undefined;
  return (
    <>
      <h1>{t("setup.libraries.title")}</h1>
      <p>{t("setup.libraries.intro")}</p>
      {notice === "created" || notice === "updated" ? (
        <p className="notice" role="status">
          {t(notice === "created" ? "setup.libraries.created" : "setup.libraries.updated")}
        </p>
      ) : null}
      {data?.kind === "imported" ? (
        <p className="notice" role="status">
          {t("setup.libraries.imported", {
            created: data.created,
            updated: data.updated,
            unchanged: data.unchanged,
          })}
        </p>
      ) : null}
      {data?.kind === "preview" ? <Preview preview={data.preview} csv={data.csv} /> : null}

      {editing ? (
        <section aria-labelledby="edit-library" className="panel">
          <h2 id="edit-library">{t("setup.libraries.edit", { name: editing.name })}</h2>
          <LibraryForm
            intent="update"
            id={editing.id}
            values={
              invalid?.form === "update" ? invalid.values : { ...editing, id: String(editing.id) }
            }
            errors={invalid?.form === "update" ? invalid.errors : {}}
          />
          <p>
            <Link to="/chair/libraries">{t("action.cancel")}</Link>
          </p>
        </section>
      ) : null}

      {libraries.length === 0 ? (
        <p>{t("setup.libraries.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("setup.libraries.code")}</th>
                <th scope="col">{t("setup.libraries.name")}</th>
                <th scope="col">{t("setup.libraries.type")}</th>
                <th scope="col">{t("setup.libraries.village")}</th>
                <th scope="col">{t("setup.libraries.district")}</th>
                <th scope="col">{t("setup.libraries.npp")}</th>
                <th scope="col">{t("setup.libraries.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {libraries.map((l) => (
                <tr key={l.id}>
                  <td>{l.code}</td>
                  <th scope="row">{l.name}</th>
                  <td>{t(`libraryType.${l.type}`)}</td>
                  <td>{l.village}</td>
                  <td>{l.district}</td>
                  <td>{l.npp}</td>
                  <td>
                    <Link to={`/chair/libraries?edit=${l.id}`}>
                      {t("setup.libraries.editLink")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="csv-import" className="panel">
        <h2 id="csv-import">{t("setup.libraries.csv")}</h2>
        <p className="hint">{t("setup.libraries.csvHint")}</p>
        {data?.kind === "csv-missing" ? <ErrorList errors={["setup.csv.noFile"]} /> : null}
        <Form
          method="post"
          action="/chair/libraries"
          encType="multipart/form-data"
          className="stack"
        >
          <input type="hidden" name="intent" value="preview" />
          <div className="field">
            <label htmlFor={fileId}>{t("setup.libraries.csvFile")}</label>
            <input id={fileId} type="file" name="file" accept=".csv,text/csv" />
          </div>
          <div className="field">
            <label htmlFor={textId}>{t("setup.libraries.csvText")}</label>
            <textarea
              id={textId}
              name="csv"
              rows={5}
              defaultValue={data?.kind === "preview" ? data.csv : ""}
            />
          </div>
          <button type="submit" className="button">
            {t("setup.libraries.preview")}
          </button>
        </Form>
      </section>

      {!editing ? (
        <section aria-labelledby="add-library" className="panel">
          <h2 id="add-library">{t("setup.libraries.add")}</h2>
          <LibraryForm
            intent="create"
            values={invalid?.form === "create" ? invalid.values : {}}
            errors={invalid?.form === "create" ? invalid.errors : {}}
          />
        </section>
      ) : null}
    </>
  );
}
