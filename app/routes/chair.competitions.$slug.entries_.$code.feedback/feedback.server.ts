import { parseIntent } from "~/lib/forms";
import { reply } from "~/lib/reply.server";
import type { SessionUser } from "~/lib/session.server";
import type { Competition } from "../../../db/schema";
import { chooseIncludedNotes, listEntryNotes } from "~/models/coaching-notes.server";
import { pointsOfRanking, pointsSettingOf } from "~/models/points.server";
import { computeRanking } from "~/models/ranking.server";
import { actorOf } from "~/models/users.server";

const INTENTS = ["include", "includeAll"] as const;
const NOTE_KEY = /^\d{1,9}:\d{1,9}$/;

/** What the feedback sheet shows: the library, its stage scores and components, the notes. */
export async function loadFeedback(c: Competition, code: string) {
  const found = await listEntryNotes(c.id, code);
  if (!found) throw new Response("Not found", { status: 404 });
  const ranking = await computeRanking(c);
  const ranked = ranking?.entries.find((e) => e.entryId === found.entry.entryId) ?? null;
  const setting = pointsSettingOf(c);
  const points =
    setting.display === "none" || !ranked
      ? null
      : ((await pointsOfRanking(c.id, setting, ranking)).get(ranked.entryId) ?? null);
  const stageName = new Map((ranking?.stages ?? []).map((s) => [s.code, s.name]));
  return {
    competition: { slug: c.slug, name: c.name, year: c.year, region: c.region },
    entry: found.entry,
    result: ranked
      ? {
          finalX100: ranked.finalX100,
          prize: ranked.prize,
          pointsX100: points,
          components: ranked.components,
          stages: ranked.stages
            .filter((s) => s.scoreX100 !== null)
            .map((s) => ({ ...s, name: stageName.get(s.code) ?? s.code })),
        }
      : null,
    notes: found.notes,
  };
}

/**
 * The chair's choice of notes for the sheet: `include` with the ticked `note` boxes
 * ("stageId:judgeId"), or `includeAll`.
 */
export async function handleFeedbackPost(
  user: SessionUser,
  c: Competition,
  code: string,
  formData: FormData,
) {
  const intent = parseIntent(formData, INTENTS);
  if (!intent) return reply({ ok: false, errors: { _form: ["error.invalid"] } }, 400);
  let keys: string[];
  if (intent === "includeAll") {
    const found = await listEntryNotes(c.id, code);
    if (!found) return reply({ ok: false, errors: { _form: ["error.404"] } }, 404);
    keys = found.notes.map((n) => `${n.stageId}:${n.judgeId}`);
  } else {
    const raw = formData.getAll("note");
    if (raw.some((v) => typeof v !== "string" || !NOTE_KEY.test(v)))
      return reply({ ok: false, errors: { _form: ["error.invalid"] } }, 400);
    keys = [...new Set(raw as string[])];
  }
  const result = await chooseIncludedNotes(actorOf(user), c.id, code, keys);
  if (!result.ok)
    return reply(
      { ok: false, errors: result.errors },
      result.errors._form?.includes("error.404") ? 404 : 400,
    );
  return reply({ ok: true });
}
