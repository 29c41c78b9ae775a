import { z } from "zod";
import { FORM, parseForm, type FieldErrors } from "~/lib/forms";
import type { Message } from "~/lib/messages";
import { reply } from "~/lib/reply.server";
import { addVideoLink, removeEvidence, videoLink } from "~/models/evidence.server";
import { handleEvidenceFields } from "./evidence-fields.server";

const RemoveSchema = z.object({
  intent: z.literal("remove", { error: "error.invalid" }),
  id: z.coerce.number({ error: "error.invalid" }).int("error.invalid").positive("error.invalid"),
});

/**
 * The evidence page's POST: a multipart upload (`intent=upload`, files `evidence.<code>`, an
 * optional `video` link) or a removal (`intent=remove`, `id`). The text fields are checked
 * before any file is stored: a bad form stores nothing.
 */
export async function handleEvidencePost(
  request: Request,
  ctx: { entryId: number; competitionId: number; userId: number; slug: string },
) {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    const parsed = parseForm(RemoveSchema, await request.formData());
    if (!parsed.ok) return reply({ fileErrors: {}, stored: 0, ...parsed }, 400);
    const removed = await removeEvidence(parsed.data.id, { id: ctx.userId });
    if (!removed.ok)
      return reply(
        { fileErrors: { [FORM]: [removed.error] }, stored: 0 },
        removed.error.message === "error.404" ? 404 : 409,
      );
    return { redirect: `/library/${ctx.slug}/evidence?done=removed` };
  }

  const read = await handleEvidenceFields(request, ctx, { deferStore: true });
  if (!read.ok)
    return reply({ fileErrors: {}, stored: 0, errors: { [FORM]: [read.message] } }, read.status);
  const errors: FieldErrors = {};
  const single = (name: string): string | null => {
    const all = read.fields.getAll(name);
    if (all.length > 1) (errors[name] ??= []).push("error.repeated");
    const value = all[0];
    return typeof value === "string" ? value : null;
  };
  const intent = single("intent");
  const video = single("video")?.trim() ?? "";
  if (intent !== "upload") (errors.intent ??= []).push("error.invalid");
  const fileErrors: Record<string, Message[]> = {};
  if (video !== "" && !errors.video) {
    // checked here first so a bad link stores nothing; addVideoLink checks it again
    if (videoLink(video) === null) fileErrors.video = [{ message: "evidence.error.video" }];
  }
  if (read.received === 0 && video === "" && Object.keys(errors).length === 0)
    errors[FORM] = ["evidence.error.nothing"];
  if (Object.keys(errors).length > 0 || Object.keys(fileErrors).length > 0) {
    await read.discard();
    return reply({ fileErrors, stored: 0, errors, values: { video } }, 400);
  }

  await read.commit();
  Object.assign(fileErrors, read.errors);
  if (video !== "") {
    const linked = await addVideoLink({ entryId: ctx.entryId, userId: ctx.userId, url: video });
    if (!linked.ok) fileErrors.video = [linked.error];
  }
  const stored = read.stored.length;
  if (Object.keys(fileErrors).length > 0)
    return reply({ fileErrors, stored, values: { video } }, 400);
  return { redirect: `/library/${ctx.slug}/evidence?done=stored` };
}
