import fsp from "node:fs/promises";
import { z } from "zod";
import type { Competition } from "../../../db/schema";
import { evidenceFilesDir } from "~/lib/evidence-files.server";
import { FORM, parseForm, type FieldErrors, type FormReply } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import { noControlCharacters } from "~/lib/text";
import { UploadBodyError, readUploadForm } from "~/lib/upload-form.server";
import { importScores } from "~/models/scores-import.server";
import { listStages } from "~/models/stages.server";
import { actorOf } from "~/models/users.server";
import { MAX_SCORES_FILE_BYTES, SHOWN_PROBLEMS, type ScoresImportReply } from "./scores-import";

/**
 * The scores import page (docs/scores-import.md): the chair's upload of the scores CSV, read as a
 * stream to a temporary file (app/lib/upload-form.server.ts lists the route with its body limit),
 * checked for being a text file at all, then handed whole to `importScores`, the function the
 * command line calls: every row checked, all or nothing, one audit entry.
 */

/** The form's text fields: the checkbox, sent as "on" when ticked and not at all otherwise. */
const ImportForm = z.object({
  replace: z.literal("on", { error: "error.invalid" }).optional(),
});

/** What the page shows before any upload: where the scores would go, or why they cannot. */
export async function loadScoresImport(c: Competition) {
  const stage = (await listStages(c.id)).find((s) => s.position === c.current_stage);
  return {
    status: c.status,
    stage: stage ? { code: stage.code, name: stage.name, kind: stage.kind } : null,
  };
}

/** a spreadsheet workbook (xlsx, ods: zip; xls: OLE2) rather than the CSV it can save */
const WORKBOOK = [Buffer.from("PK\x03\x04", "latin1"), Buffer.from("d0cf11e0a1b11ae1", "hex")];
/** keeps a byte-order mark (the model reads past it): the text is the file, and hashes as it */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The file's text, or why it is not a CSV text file. */
function csvText(bytes: Buffer): { text: string } | { error: string } {
  if (WORKBOOK.some((magic) => bytes.subarray(0, magic.length).equals(magic)))
    return { error: "scoresImport.page.error.workbook" };
  // UTF-16 (a spreadsheet's "Unicode text") is full of NUL bytes; a CSV never holds one
  if (bytes.includes(0)) return { error: "scoresImport.page.error.notText" };
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return { error: "scoresImport.page.error.notText" };
  }
}

/** The file's name as the audit entry records it: one line, at most 200 characters. */
function sourceName(name: string): string {
  const plain = [...name.replace(/[\t\r\n]/g, " ")].filter(noControlCharacters).join("");
  return plain.trim().slice(0, 200) || "upload.csv";
}

const answer = (body: Partial<ScoresImportReply & FormReply>, status: number) =>
  reply<ScoresImportReply>({ imported: null, problems: [], more: 0, ...body }, status);

/**
 * `POST /chair/competitions/<slug>/scores-import` (docs/http.md): multipart, one `file` (the
 * scores CSV, at most MAX_SCORES_FILE_BYTES) and `replace=on` to replace sheets that already have
 * scores. 200 with the summary; 400 with the file's problems (nothing written); 409 when the
 * competition is not open for scoring; 413 for a form too large.
 */
export async function handleScoresImportPost(user: SessionUser, c: Competition, request: Request) {
  let form;
  try {
    form = await readUploadForm(request, {
      filesDir: evidenceFilesDir(),
      isFileField: (name) => name === "file",
      maxFileBytes: MAX_SCORES_FILE_BYTES,
    });
  } catch (error) {
    if (error instanceof UploadBodyError)
      return answer({ errors: { [FORM]: [error.key] } }, error.status);
    throw error;
  }
  try {
    const parsed = parseForm(ImportForm, form.fields);
    const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    // the checkbox stays as it was when the file comes back refused
    const values = parsed.ok ? (parsed.data.replace ? { replace: "on" } : {}) : parsed.values;
    const [file, ...others] = form.files;
    if (others.length > 0) (errors.file ??= []).push("error.repeated");
    else if (!file) (errors.file ??= []).push("scoresImport.page.error.noFile");
    else if (file.tooLarge) (errors.file ??= []).push("scoresImport.page.error.tooLarge");
    else if (file.bytes === 0) (errors.file ??= []).push("scoresImport.error.empty");
    if (!parsed.ok || Object.keys(errors).length > 0 || !file?.path)
      return answer({ errors, values }, 400);
    const read = csvText(await fsp.readFile(file.path));
    if ("error" in read) return answer({ errors: { file: [read.error] }, values }, 400);

    const result = await importScores(actorOf(user), c.slug, read.text, {
      replace: parsed.data.replace === "on",
      source: sourceName(file.name),
      // never the PostgreSQL path that locks the score tables of every competition for the
      // write: the page is used while the app is live (its files are small; the command line
      // loads whole competitions)
      keysAsideFrom: Number.POSITIVE_INFINITY,
    });
    if (!result.ok) {
      const problems = result.problems.slice(0, SHOWN_PROBLEMS);
      const more = result.problems.length - problems.length + result.more;
      // the competition's state, not the file: a refused change
      const state = result.problems.some(
        (p) =>
          p.message === "scoresImport.error.notScoring" ||
          p.message === "scoresImport.error.adminStage",
      );
      return answer({ problems, more, values }, state ? 409 : 400);
    }
    const { stage, sheets, scores, submitted, drafts, replaced, skipped } = result;
    return answer(
      { imported: { stage, sheets, scores, submitted, drafts, replaced, skipped } },
      200,
    );
  } finally {
    await form.discard();
  }
}
