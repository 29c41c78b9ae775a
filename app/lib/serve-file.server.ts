import fs from "node:fs";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isNotModified } from "./http-cache.server";

/**
 * An evidence file as a response: its stored type, never sniffed (bin/server.ts sends
 * `X-Content-Type-Options: nosniff` with every response); photos shown in the page, a
 * PDF downloaded under a safe name (so a crafted PDF never runs in this site's origin); private
 * to the person allowed to see it, revalidated by its hash (the content never changes under one
 * id, but who may see it can).
 */
export function fileResponse(
  request: Request,
  file: { path: string; hash: string; mime: string; bytes: number; name: string },
): Response {
  const headers = new Headers({
    "Content-Type": file.mime,
    "Cache-Control": "private, no-cache",
    ETag: `"${file.hash}"`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  headers.set(
    "Content-Disposition",
    file.mime === "application/pdf" ? attachment(file.name) : "inline",
  );
  if (isNotModified(request, headers)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(file.bytes));
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file.path)), {
    status: 200,
    headers,
  });
}

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266), never a path. */
export function attachment(name: string): string {
  const base = name.split(/[/\\]/).pop() || "bukti.pdf";
  const pdf = /\.pdf$/i.test(base) ? base : `${base}.pdf`;
  const ascii = pdf.replace(/[^A-Za-z0-9._ -]/g, "_").slice(-120);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(pdf)}`;
}
