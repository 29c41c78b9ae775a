import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsvImport, CsvPreviewPanel, LibraryForm, LibraryTable } from "~/components/LibrariesSetup";
import { useT } from "~/i18n/useT";
import { requireRole } from "~/lib/session.server";
import { handleLibrariesPost, loadLibraries } from "./libraries.server";

export const handle: MessagesHandle = { i18n: ["chair-competition", "chair-setup"] };

export const meta: MetaFunction = () => [{ title: "Daftar perpustakaan · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  return json(await loadLibraries(new URL(request.url)));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  return handleLibrariesPost(user, await request.formData());
}

export default function Libraries() {
  const t = useT();
  const { libraries, editing, notice } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const mine = (form: "create" | "update") => (reply?.form === form ? reply : undefined);
  return (
    <>
      <h1>{t("setup.libraries.title")}</h1>
      <p>{t("setup.libraries.intro")}</p>
      {notice === "created" || notice === "updated" ? (
        <p className="notice" role="status">
          {t(notice === "created" ? "setup.libraries.created" : "setup.libraries.updated")}
        </p>
      ) : null}
      {reply?.imported ? (
        <p className="notice" role="status">
          {t("setup.libraries.imported", reply.imported)}
        </p>
      ) : null}
      {reply?.preview ? <CsvPreviewPanel preview={reply.preview} csv={reply.csv ?? ""} /> : null}

      {editing ? (
        <section aria-labelledby="edit-library" className="panel">
          <h2 id="edit-library">{t("setup.libraries.edit", { name: editing.name })}</h2>
          <LibraryForm
            intent="update"
            id={editing.id}
            values={
              mine("update")?.values ?? {
                ...editing,
                id: String(editing.id),
                members: editing.members === null ? "" : String(editing.members),
              }
            }
            errors={mine("update")?.errors ?? {}}
          />
          <p>
            <Link to="/chair/libraries">{t("action.cancel")}</Link>
          </p>
        </section>
      ) : null}

      <LibraryTable libraries={libraries} />
      <CsvImport reply={reply} />

      {!editing ? (
        <section aria-labelledby="add-library" className="panel">
          <h2 id="add-library">{t("setup.libraries.add")}</h2>
          <LibraryForm
            intent="create"
            values={mine("create")?.values ?? {}}
            errors={mine("create")?.errors ?? {}}
          />
        </section>
      ) : null}
    </>
  );
}
