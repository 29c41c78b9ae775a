import { json, redirect } from "@remix-run/node";
import { getLang } from "~/i18n/lang.server";
import {
  MAX_FILE_BYTES,
  detectType,
  evidenceFilesDir,
  readHead,
} from "~/lib/evidence-files.server";
import { describe, type Message } from "~/lib/messages";
import type { SessionUser } from "~/lib/session.server";
import { UploadBodyError, readUploadForm } from "~/lib/upload-form.server";
import { storeEvidence } from "~/models/evidence.server";
import { visitPhotoAccess } from "~/models/visit-photos.server";

/** The refusals the sheet shows after a plain form's upload (`?photoRefused=<key>:<name>`). */
export const PHOTO_REFUSALS = [
  "judge.photos.error.type",
  "judge.photos.error.tooLarge",
  "judge.photos.error.nothing",
  "judge.photos.error.indicator",
  "judge.photos.error.form",
  "evidence.error.entryFull",
  "evidence.error.pixels",
  "evidence.error.corrupt",
  "evidence.error.empty",
  "evidence.error.name",
  "evidence.error.type",
  "evidence.error.tooLarge",
] as const;

const ACCESS_REFUSAL = {
  notFound: { status: 404, key: "judge.photos.error.notFound" },
  notVisit: { status: 403, key: "judge.photos.error.notVisit" },
  locked: { status: 409, key: "judge.photos.error.locked" },
} as const;

/** Reads what is left of a refused request's body, so the browser's upload ends cleanly. */
async function drain(request: Request) {
  if (!request.body) return;
  try {
    for await (const _ of request.body as unknown as AsyncIterable<Uint8Array>) void _;
  } catch {
    // the connection went away: nothing to answer
  }
}

/**
 * `POST /judge/<slug>/<code>/photos` (docs/http.md): a visit judge's photos. The judge's access
 * is checked before the body is read (404 not their entry, 403 not a visit stage, 409 their sheet
 * submitted or scoring closed); then the multipart form, streamed to disk: `intent=photo`, an
 * optional `indicator` of the open stage, one or more `photo` files (JPEG, PNG, WebP by their
 * bytes, at most 10 MB each). With `Accept: application/json` (the page's script) the answer is
 * JSON: 201 `{ ok, id }` (200 with `replayed` for the same photo sent again), 4xx `{ ok: false,
 * message }`. A plain form is sent back to the sheet (303) with what was stored or refused.
 */
export async function handlePhotoPost(
  user: SessionUser,
  slug: string,
  code: string,
  request: Request,
): Promise<Response> {
  const lang = await getLang(request);
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  const sheet = `/judge/${slug}/${encodeURIComponent(code)}`;
  const refuse = (status: number, message: Message) => {
    const text = describe(lang, message);
    return wantsJson
      ? json({ ok: false, message: text }, { status, headers: { "Cache-Control": "no-store" } })
      : new Response(text, {
          status,
          headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
        });
  };
  // a plain form comes back to the sheet, the refusal beside the photo field
  const backToSheet = (stored: number, refusals: Message[]) => {
    const query = new URLSearchParams();
    if (stored > 0) query.set("photosStored", String(stored));
    for (const r of refusals)
      query.append("photoRefused", `${r.message}:${String(r.params?.name ?? "").slice(0, 200)}`);
    return redirect(`${sheet}?${query.toString()}#visit-photos`, 303);
  };

  const access = await visitPhotoAccess(user.id, slug, code);
  if (access.status !== "open") {
    await drain(request);
    const { status, key } = ACCESS_REFUSAL[access.status];
    return refuse(status, { message: key });
  }

  let form;
  try {
    form = await readUploadForm(request, {
      filesDir: evidenceFilesDir(),
      isFileField: (name) => name === "photo",
      maxFileBytes: MAX_FILE_BYTES,
    });
  } catch (error) {
    if (error instanceof UploadBodyError) return refuse(error.status, { message: error.key });
    throw error;
  }
  try {
    const intents = form.fields.getAll("intent");
    const indicators = form.fields.getAll("indicator");
    const formRefusal = (message: Message) =>
      wantsJson ? refuse(400, message) : backToSheet(0, [message]);
    if (intents.length !== 1 || intents[0] !== "photo" || indicators.length > 1)
      return formRefusal({ message: "judge.photos.error.form" });
    const indicatorCode = typeof indicators[0] === "string" ? indicators[0].trim() : "";
    let indicatorId: number | null = null;
    if (indicatorCode !== "") {
      const id = access.indicators.get(indicatorCode);
      if (id === undefined)
        return formRefusal({
          message: "judge.photos.error.indicator",
          params: { name: indicatorCode.slice(0, 40) },
        });
      indicatorId = id;
    }
    if (form.files.length === 0) return formRefusal({ message: "judge.photos.error.nothing" });

    const ids: number[] = [];
    let replayed = false;
    const refusals: { status: number; message: Message }[] = [];
    for (const file of form.files) {
      const name = file.name.split(/[/\\]/).pop() ?? "";
      if (file.tooLarge || file.path === null) {
        refusals.push({
          status: 413,
          message: { message: "judge.photos.error.tooLarge", params: { name } },
        });
        continue;
      }
      if (file.bytes === 0) {
        refusals.push({
          status: 400,
          message: { message: "evidence.error.empty", params: { name } },
        });
        continue;
      }
      const type = detectType(await readHead(file.path));
      if (type === null || type === "pdf") {
        refusals.push({
          status: 415,
          message: { message: "judge.photos.error.type", params: { name } },
        });
        continue;
      }
      const outcome = await storeEvidence({
        entryId: access.entryId,
        indicatorId,
        userId: user.id,
        source: "judge",
        stageId: access.stageId,
        file: { name: file.name, path: file.path },
        once: true,
      });
      file.path = null; // storeEvidence consumed it
      if (outcome.ok) {
        ids.push(outcome.id);
        replayed ||= outcome.replayed === true;
      } else
        refusals.push({
          status: outcome.error.message === "error.404" ? 404 : 400,
          message: outcome.error,
        });
    }
    if (!wantsJson)
      return backToSheet(
        ids.length,
        refusals.map((r) => r.message),
      );
    if (refusals.length > 0) {
      const first = refusals[0]!;
      return json(
        { ok: false, message: describe(lang, first.message), ids },
        { status: first.status, headers: { "Cache-Control": "no-store" } },
      );
    }
    return json(
      { ok: true, id: ids[0], ids, ...(replayed ? { replayed: true } : {}) },
      {
        status: replayed && ids.length === 1 ? 200 : 201,
        headers: { "Cache-Control": "no-store" },
      },
    );
  } finally {
    await form.discard();
  }
}
