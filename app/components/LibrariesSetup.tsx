import { Form, Link } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { LIBRARY_TYPES, type Library } from "../../db/schema";
import { ErrorList, Field, SelectField } from "~/components/Field";
import { MessageList, useDescribe } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import type { FieldErrors, FormReply } from "~/lib/forms";
import type { CsvPreview } from "~/models/libraries.server";

/**
 * The library list's answer to a POST: `form` says which form it belongs to (a library being
 * added or changed, or the CSV import); a CSV comes back with its preview or what was imported.
 */
export interface LibrariesReply extends FormReply {
  form: "create" | "update" | "csv";
  preview?: CsvPreview;
  csv?: string;
  imported?: { created: number; updated: number; unchanged: number };
}

/** One library's fields; `update` carries its id. */
export function LibraryForm({
  values,
  errors,
  intent,
  id,
}: {
  values: Partial<Record<string, string>>;
  errors: FieldErrors;
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

/** A CSV column (the field it fills) by the label its form field has. */
const COLUMN_LABELS = {
  code: "setup.libraries.code",
  name: "setup.libraries.name",
  type: "setup.libraries.type",
  village: "setup.libraries.village",
  district: "setup.libraries.district",
  address: "setup.libraries.address",
  head_name: "setup.libraries.head",
  contact: "setup.libraries.phone",
  npp: "setup.libraries.npp",
} as const;

/** The fragment the preview form posts to, so a page without JavaScript lands on the preview. */
export const PREVIEW_ANCHOR = "preview";

/** What an import would do, row by row, with a button to do it when every row is valid. */
export function CsvPreviewPanel({ preview, csv }: { preview: CsvPreview; csv: string }) {
  const t = useT();
  const describeMessage = useDescribe();
  const count = (c: string) => preview.rows.filter((r) => r.change === c).length;
  const heading = useRef<HTMLHeadingElement>(null);
  // the preview appears above the form the chair used: take focus (and the view) to it
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "start" });
  }, [preview]);
  const columnLabel = (column: string) =>
    Object.hasOwn(COLUMN_LABELS, column)
      ? t(COLUMN_LABELS[column as keyof typeof COLUMN_LABELS])
      : column;
  return (
    <section aria-labelledby={PREVIEW_ANCHOR} className="panel">
      <h2 id={PREVIEW_ANCHOR} ref={heading} tabIndex={-1}>
        {t("setup.libraries.previewTitle")}
      </h2>
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
                          {p.column ? <strong>{columnLabel(p.column)}</strong> : null}
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

/** The libraries, each with a link to change it. */
export function LibraryTable({ libraries }: { libraries: Library[] }) {
  const t = useT();
  if (libraries.length === 0) return <p>{t("setup.libraries.none")}</p>;
  return (
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
                <Link to={`/chair/libraries?edit=${l.id}`}>{t("setup.libraries.editLink")}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A CSV list as a file or pasted text, previewed before anything is written. */
export function CsvImport({ reply }: { reply: LibrariesReply | undefined }) {
  const t = useT();
  const fileId = useId();
  const textId = useId();
  return (
    <section aria-labelledby="csv-import" className="panel">
      <h2 id="csv-import">{t("setup.libraries.csv")}</h2>
      <p className="hint">{t("setup.libraries.csvHint")}</p>
      <ErrorList errors={reply?.form === "csv" ? reply.errors._form : undefined} />
      <Form
        method="post"
        action={`/chair/libraries#${PREVIEW_ANCHOR}`}
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
            defaultValue={reply?.preview ? reply.csv : ""}
          />
        </div>
        <button type="submit" className="button">
          {t("setup.libraries.preview")}
        </button>
      </Form>
    </section>
  );
}
