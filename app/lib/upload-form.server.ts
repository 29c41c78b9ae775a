import fs from "node:fs";
import fsp from "node:fs/promises";
import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import type { MessageKey } from "~/i18n";
import { tmpName } from "./evidence-files.server";

/**
 * Upload forms read as a stream: each file goes straight to a temporary file on disk (never a
 * whole body in memory), the text fields stay small. bin/server.ts gives the routes below a larger
 * body limit and leaves their large bodies to this reader instead of parsing them twice.
 */

const MiB = 1024 * 1024;

/**
 * The routes that take files, with their body limit: the library's self-assessment form and its
 * evidence page (many files of up to 10 MB in one form), a judge's visit photo (one at a time) and
 * the chair's scores import (one CSV of up to 10 MB; its body may be as large as the export of a
 * whole national competition, 1.5 M scores in 124 MB, so that a file too large for the page is
 * read to the end, streamed to disk and dropped, and answered with the page's message rather than
 * a bare 413; docs/scores-import.md). A route listed here must
 * read its body with `readUploadForm` (a malformed large body reaches it unchecked).
 */
export const UPLOAD_ROUTES: readonly { path: RegExp; maxBytes: number }[] = [
  { path: /^\/library\/[^/]+\/?$/, maxBytes: 110 * MiB },
  { path: /^\/library\/[^/]+\/evidence\/?$/, maxBytes: 110 * MiB },
  { path: /^\/judge\/[^/]+\/[^/]+\/photos\/?$/, maxBytes: 11 * MiB },
  { path: /^\/chair\/competitions\/[^/]+\/scores-import\/?$/, maxBytes: 130 * MiB },
];

/** The body limit of an upload route, or null for any other path. */
export function uploadBodyLimit(pathname: string): number | null {
  return UPLOAD_ROUTES.find((r) => r.path.test(pathname))?.maxBytes ?? null;
}

/** A text field's limit, and all text fields' together: forms, not documents. */
const MAX_TEXT_FIELD = 64 * 1024;
const MAX_TEXT_TOTAL = 1 * MiB;
const MAX_FILES = 40;

export interface UploadedFile {
  /** the form field (e.g. `evidence.A1`) */
  field: string;
  /** the name the browser gave, without any folder (RFC 7578) */
  name: string;
  /** the temporary file; null when it was not kept (too large) */
  path: string | null;
  bytes: number;
  /** more than maxFileBytes: drained, nothing kept */
  tooLarge: boolean;
}

export interface UploadForm {
  /** the text fields */
  fields: FormData;
  /** the files of the accepted fields, in the order they came */
  files: UploadedFile[];
  /** removes the temporary files still there (call when done, whatever happened) */
  discard: () => Promise<void>;
}

/** A body this reader cannot use: malformed (400) or holding too much text (413). */
export class UploadBodyError extends Error {
  constructor(
    public status: 400 | 413,
    public key: MessageKey,
  ) {
    super(key);
  }
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of data) bytes += chunk.byteLength;
  return bytes;
}

/**
 * Reads a multipart form: files of the fields `isFileField` accepts are streamed to temporary
 * files under `<files>/tmp` (at most `maxFileBytes` each: a larger one is drained and marked
 * `tooLarge`), other files are drained and dropped, text fields are kept. An empty file input
 * (no file chosen) is no file. Throws UploadBodyError for a body that is not a well-formed form.
 */
export async function readUploadForm(
  request: Request,
  options: {
    filesDir: string;
    isFileField: (name: string) => boolean;
    maxFileBytes: number;
  },
): Promise<UploadForm> {
  const files: UploadedFile[] = [];
  let textBytes = 0;
  let textTooLong = false;
  const handler = async (part: UploadHandlerPart): Promise<string | undefined> => {
    if (typeof part.filename !== "string") {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of part.data) {
        size += chunk.byteLength;
        textBytes += chunk.byteLength;
        if (size > MAX_TEXT_FIELD || textBytes > MAX_TEXT_TOTAL) textTooLong = true;
        // read to the end even so: a body left half-read would cost the browser its connection
        if (!textTooLong) chunks.push(chunk);
      }
      return textTooLong ? undefined : Buffer.concat(chunks).toString("utf8");
    }
    if (!options.isFileField(part.name) || files.length >= MAX_FILES) {
      await drain(part.data);
      return undefined;
    }
    const file: UploadedFile = {
      field: part.name,
      name: part.filename,
      path: await tmpName(options.filesDir, "u"),
      bytes: 0,
      tooLarge: false,
    };
    files.push(file);
    const out = fs.createWriteStream(file.path!, { flags: "wx", mode: 0o600 });
    const closed = new Promise<void>((resolve, reject) => {
      out.on("close", resolve);
      out.on("error", reject);
    });
    try {
      for await (const chunk of part.data) {
        file.bytes += chunk.byteLength;
        if (file.tooLarge) continue;
        if (file.bytes > options.maxFileBytes) {
          file.tooLarge = true;
          continue;
        }
        if (!out.write(chunk))
          await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
    } finally {
      out.end();
      await closed;
    }
    if (file.tooLarge) {
      await fsp.rm(file.path!, { force: true });
      file.path = null;
    } else if (file.bytes === 0 && file.name === "") {
      // the browser's part for a file input left empty
      await fsp.rm(file.path!, { force: true });
      files.pop();
    }
    return undefined;
  };
  const discard = async () => {
    await Promise.all(files.map((f) => (f.path ? fsp.rm(f.path, { force: true }) : undefined)));
  };
  try {
    const fields = await unstable_parseMultipartFormData(request, handler);
    if (textTooLong) throw new UploadBodyError(413, "evidence.error.bodyTooLarge");
    return { fields, files, discard };
  } catch (error) {
    await discard();
    if (error instanceof UploadBodyError) throw error;
    throw new UploadBodyError(400, "error.malformedBody");
  }
}
