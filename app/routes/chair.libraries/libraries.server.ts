import { redirect } from "@remix-run/node";
import type { LibrariesReply } from "~/components/LibrariesSetup";
import {
  formError,
  formValues,
  isNotFound,
  parseForm,
  parseIntent,
  type FormReply,
} from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import {
  createLibrary,
  getLibrary,
  importLibraryCsv,
  LibrarySchema,
  listLibraries,
  previewLibraryCsv,
  updateLibrary,
} from "~/models/libraries.server";
import { actorOf } from "~/models/users.server";

const INTENTS = ["create", "update", "preview", "import"] as const;

/** The library list, the library `?edit=<id>` asks for (404 if there is none) and a notice. */
export async function loadLibraries(url: URL) {
  const editId = Number(url.searchParams.get("edit"));
  const editing = Number.isInteger(editId) && editId > 0 ? await getLibrary(editId) : undefined;
  if (url.searchParams.has("edit") && !editing) throw new Response("Not found", { status: 404 });
  return {
    libraries: await listLibraries(),
    editing: editing ?? null,
    notice: url.searchParams.get("done"),
  };
}

/** The CSV comes as an uploaded file or as pasted text. */
async function csvText(formData: FormData): Promise<string> {
  const file = formData.get("file");
  if (file && typeof file === "object" && "text" in file && file.size > 0) return file.text();
  const text = formData.get("csv");
  return typeof text === "string" ? text : "";
}

/**
 * One POST of the library list: add or change one library, or preview and import a CSV list.
 * The caller has already checked the role.
 */
export async function handleLibrariesPost(user: SessionUser, formData: FormData) {
  const actor = actorOf(user);
  const answer = (body: Omit<LibrariesReply, keyof FormReply> & Partial<FormReply>, status = 200) =>
    reply(body, status);
  const intent = parseIntent(formData, INTENTS);
  switch (intent) {
    case "create":
    case "update": {
      const form = parseForm(LibrarySchema, formData);
      if (!form.ok) return answer({ form: intent, errors: form.errors, values: form.values }, 400);
      const id = Number(formData.get("id"));
      if (intent === "update" && !(Number.isInteger(id) && id > 0))
        throw new Response("Not found", { status: 404 });
      const r =
        intent === "create"
          ? await createLibrary(actor, form.data)
          : await updateLibrary(actor, id, form.data);
      if (!r.ok) {
        if (isNotFound(r)) throw new Response("Not found", { status: 404 });
        return answer({ form: intent, errors: r.errors, values: formValues(formData) }, 400);
      }
      return redirect(`/chair/libraries?done=${intent === "create" ? "created" : "updated"}`);
    }
    case "preview":
    case "import": {
      const csv = await csvText(formData);
      if (csv.trim() === "")
        return answer({ form: "csv", errors: formError("setup.csv.noFile") }, 400);
      if (intent === "preview")
        return answer({ form: "csv", preview: await previewLibraryCsv(csv), csv });
      const r = await importLibraryCsv(actor, csv);
      // a refused import answers with its preview: the problems row by row
      if (!r.ok) return answer({ form: "csv", preview: r.preview, csv }, 400);
      const { created, updated, unchanged } = r;
      return answer({ form: "csv", imported: { created, updated, unchanged } });
    }
  }
  throw new Response("Bad request", { status: 400 });
}
