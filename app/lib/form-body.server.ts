import type { MessageKey } from "~/i18n";
import { uploadBodyLimit } from "./upload-form.server";

/**
 * Every action reads its input with `request.formData()`, which throws — a 500 — on a body that
 * is not a form. The server checks each mutation's body once, before Remix (bin/server.ts): a
 * body of another type is 415, a multipart body that does not parse (no boundary, cut short) is
 * 400, each with a message; actions then only ever see forms they can read.
 */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** An upload route's body above this size is left to the route's streaming reader. */
const STREAMED_ABOVE = 1024 * 1024;

export interface BodyProblem {
  status: 400 | 415;
  message: MessageKey;
}

/** A Content-Type's media type, lower case, without its parameters: `multipart/form-data`. */
export function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type ? type : null;
}

export async function formBodyProblem(request: Request): Promise<BodyProblem | null> {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const type = mediaType(request.headers.get("Content-Type"));
  if (type === null || !FORM_TYPES.has(type))
    return { status: 415, message: "error.unsupportedBody" };
  // a URL-encoded body always parses; a multipart one is read once here (a copy: the body is
  // at most 5 MiB) so that the action's own read cannot fail. A large body to an upload route is
  // not copied: that route reads it as a stream (readUploadForm), which answers 400 itself.
  if (type === "multipart/form-data") {
    const length = Number(request.headers.get("Content-Length") ?? 0);
    if (uploadBodyLimit(new URL(request.url).pathname) !== null && length > STREAMED_ABOVE)
      return null;
    try {
      await request.clone().formData();
    } catch {
      return { status: 400, message: "error.malformedBody" };
    }
  }
  return null;
}
