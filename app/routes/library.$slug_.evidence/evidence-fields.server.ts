import type { MessageKey } from "~/i18n";
import { MAX_FILE_BYTES, evidenceFilesDir } from "~/lib/evidence-files.server";
import type { Message } from "~/lib/messages";
import { UploadBodyError, readUploadForm } from "~/lib/upload-form.server";
import { listEvidenceIndicators, storeEvidence } from "~/models/evidence.server";

/** The file fields of a form: `evidence.<indicator code>`. */
export const EVIDENCE_FIELD = /^evidence\.(.{1,40})$/;

export interface EvidenceFieldsContext {
  entryId: number;
  competitionId: number;
  /** the library account uploading */
  userId: number;
}

export type EvidenceFieldsResult =
  | {
      ok: true;
      /** the form's text fields (everything but the files), for the caller's own schema */
      fields: FormData;
      /** how many files the form carried in `evidence.<code>` fields (empty inputs not counted) */
      received: number;
      /** the ids of the evidence rows stored, in the form's order */
      stored: number[];
      /** refusals by field (`evidence.<code>`), each naming its file; empty when all were stored */
      errors: Record<string, Message[]>;
      /** stores the files (once; done already unless `deferStore`), then removes the temporary ones */
      commit: () => Promise<void>;
      /** removes the temporary files without storing them (a deferred read whose form was refused) */
      discard: () => Promise<void>;
    }
  /** the body is not a well-formed form (400) or its text is too long (413): answer with this */
  | { ok: false; status: 400 | 413; message: MessageKey };

/**
 * Reads a multipart form that carries evidence files and stores every `evidence.<indicator
 * code>` file for the library's entry, one by one (a refused file does not stop the others).
 * Files are streamed to `<files>/tmp`, never held whole in memory; a file for an indicator the
 * competition does not have is refused like a wrong type.
 *
 * For the self-assessment form (`/library/<slug>`) and this page alike:
 *
 *   const read = await handleEvidenceFields(request, { entryId, competitionId, userId },
 *     { deferStore: true });
 *   if (!read.ok) return reply({ errors: { _form: [read.message] } }, read.status);
 *   …parse read.fields (value.<code>, intent) with the form's zod schema; on failure
 *   await read.discard() and return 400 (nothing stored) …
 *   await read.commit();   // read.stored and read.errors are filled now
 *
 * `read.errors` holds `{ message, params: { name } }` per field; render them with `describe`
 * (~/lib/messages) under each file input. Without `deferStore` the files are stored before the
 * function returns. A route taking more than 5 MiB of files must be listed in UPLOAD_ROUTES
 * (app/lib/upload-form.server.ts); the server then leaves its large bodies to this reader.
 */
export async function handleEvidenceFields(
  request: Request,
  ctx: EvidenceFieldsContext,
  options: { deferStore?: boolean } = {},
): Promise<EvidenceFieldsResult> {
  let form;
  try {
    form = await readUploadForm(request, {
      filesDir: evidenceFilesDir(),
      isFileField: (name) => EVIDENCE_FIELD.test(name),
      maxFileBytes: MAX_FILE_BYTES,
    });
  } catch (error) {
    if (error instanceof UploadBodyError)
      return { ok: false, status: error.status, message: error.key };
    throw error;
  }
  const stored: number[] = [];
  const errors: Record<string, Message[]> = {};
  let committed = false;
  const commit = async () => {
    if (committed) return;
    committed = true;
    try {
      const indicators = new Map(
        (await listEvidenceIndicators(ctx.competitionId)).map((i) => [i.code.toLowerCase(), i.id]),
      );
      for (const file of form.files) {
        const code = EVIDENCE_FIELD.exec(file.field)?.[1]?.toLowerCase() ?? "";
        const indicatorId = indicators.get(code);
        const refuse = (message: string) =>
          (errors[file.field] ??= []).push({ message, params: { name: file.name } });
        if (indicatorId === undefined) refuse("evidence.error.indicator");
        else if (file.tooLarge || file.path === null) refuse("evidence.error.tooLarge");
        else {
          const outcome = await storeEvidence({
            entryId: ctx.entryId,
            indicatorId,
            userId: ctx.userId,
            source: "library",
            stageId: null,
            file: { name: file.name, path: file.path },
          });
          file.path = null; // storeEvidence consumed it
          if (outcome.ok) stored.push(outcome.id);
          else (errors[file.field] ??= []).push(outcome.error);
        }
      }
    } finally {
      await form.discard();
    }
  };
  const discard = async () => {
    committed = true;
    await form.discard();
  };
  const result = {
    ok: true as const,
    fields: form.fields,
    received: form.files.length,
    stored,
    errors,
    commit,
    discard,
  };
  if (!options.deferStore) await commit();
  return result;
}
