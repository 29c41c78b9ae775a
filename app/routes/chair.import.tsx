import type { MessagesHandle } from "~/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useId } from "react";
import { ErrorList } from "~/components/Field";
import { useDescribe } from "~/components/SetupUi";
import { useT } from "~/i18n/useT";
import { reply } from "~/lib/reply.server";
import { requireRole } from "~/lib/session.server";
import { importCompetitionFile, type FileProblem } from "~/models/competition-file.server";
import { actorOf } from "~/models/users.server";

export const handle: MessagesHandle = { i18n: ["chair-competition", "chair-setup"] };

export const meta: MetaFunction = () => [{ title: "Impor berkas lomba · Juara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["chair", "admin"]);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chair", "admin"]);
  const formData = await request.formData();
  const file = formData.get("file");
  const text =
    file && typeof file === "object" && "text" in file && file.size > 0 ? await file.text() : "";
  if (text.trim() === "")
    return reply({ errors: { file: ["setup.import.noFile"] }, problems: [] as FileProblem[] }, 400);
  const result = await importCompetitionFile(actorOf(user), text, {
    replace: formData.get("replace") === "on",
  });
  // a file's problems carry their place in the file (path) and placeholders: a list of their own
  if (!result.ok) return reply({ problems: result.problems }, 400);
  return redirect(`/chair/competitions/${result.slug}`);
}

export default function ImportCompetition() {
  const t = useT();
  const data = useActionData<typeof action>();
  const fileId = useId();
  const describeMessage = useDescribe();
  return (
    <div className="narrow-wide">
      <h1>{t("setup.import.title")}</h1>
      <p>{t("setup.import.intro")}</p>
      <ErrorList errors={data?.errors.file} />
      {data && data.problems.length > 0 ? (
        <div className="alert" role="alert">
          <p>{t("setup.import.problems")}</p>
          <ul>
            {data.problems.map((p, i) => (
              <li key={i}>
                <code>{p.path}</code>: {describeMessage(p)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor={fileId}>{t("setup.import.file")}</label>
          <input id={fileId} type="file" name="file" accept=".json,application/json" required />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="replace" /> {t("setup.import.replace")}
          </label>
        </div>
        <button type="submit" className="button primary">
          {t("setup.import.submit")}
        </button>
      </Form>
    </div>
  );
}
