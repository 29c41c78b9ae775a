import type { Competition, Stage } from "../../../db/schema";
import {
  draftToInput,
  emptyComponent,
  emptyIndicator,
  readDraft,
  toDraft,
  type CriteriaIssue,
  type DraftComponent,
} from "~/lib/criteria";
import { formError, type FieldErrors } from "~/lib/forms";
import type { Message } from "~/lib/messages";
import { reply } from "~/lib/reply.server";
import {
  DEFAULT_TEMPLATE,
  EDITOR_TEMPLATES,
  findCriteriaTemplate,
  hasWeights,
  templateDraft,
} from "~/lib/templates";
import type { SessionUser } from "~/lib/session.server";
import { claimToDraft, readDraftClaim, type Claim } from "~/lib/self-assessment";
import { getStageCriteria, saveCriteria } from "~/models/criteria.server";
import { claimsEditable, saveStageClaims, stageClaims } from "~/models/self-assessment.server";
import { listStages } from "~/models/stages.server";
import { actorOf } from "~/models/users.server";

export type Issues = Record<string, Message[]>;

function byPath(issues: CriteriaIssue[]): Issues {
  const out: Issues = {};
  for (const i of issues)
    (out[i.path.join(".")] ??= []).push({
      message: i.message,
      params: i.params,
    });
  return out;
}

type Notice = "saved" | "claimsSaved" | "template" | "templateNeedsWeights" | null;

/**
 * A template as the editor's draft, with the notice to show: a template without weights leaves
 * the weight fields empty and says so (saving then asks for them, as for any empty weight).
 */
export function loadTemplate(code: string): { draft: DraftComponent[]; notice: Notice } | null {
  if (!(EDITOR_TEMPLATES as readonly string[]).includes(code)) return null;
  const template = findCriteriaTemplate(code);
  if (!template) return null;
  return {
    draft: templateDraft(template),
    notice: hasWeights(template) ? "template" : "templateNeedsWeights",
  };
}

/** The editor's answer: the draft to show, issues by path, a notice; refusals under `_form`. */
function answer(
  draft: DraftComponent[],
  more: { issues?: Issues; notice?: Notice; errors?: FieldErrors } = {},
  status = 200,
) {
  return reply(
    { draft, issues: more.issues ?? {}, notice: more.notice ?? null, errors: more.errors },
    status,
  );
}

/** The stage's criteria as the editor's draft, each indicator with its claim. */
export async function savedDraft(competitionId: number, stageId: number) {
  const [criteria, claims] = await Promise.all([
    getStageCriteria(competitionId, stageId),
    stageClaims(competitionId, stageId),
  ]);
  return withClaims(toDraft(criteria), claims);
}

export function withClaims(
  draft: DraftComponent[],
  claims: Record<string, Claim>,
): DraftComponent[] {
  return draft.map((c) => ({
    ...c,
    indicators: c.indicators.map((i) => ({ ...i, claim: claimToDraft(claims[i.code.trim()]) })),
  }));
}

/** The claims typed in the draft, by indicator code, or the issues by path. */
function claimsOf(
  draft: DraftComponent[],
): { ok: true; claims: Record<string, Claim | null> } | { ok: false; issues: CriteriaIssue[] } {
  const claims: Record<string, Claim | null> = {};
  const issues: CriteriaIssue[] = [];
  draft.forEach((c, ci) =>
    c.indicators.forEach((ind, ii) => {
      if (!ind.claim) return;
      const read = readDraftClaim(ind.claim);
      if (read.ok) claims[ind.code.trim()] = read.claim;
      else
        issues.push({ path: [ci, "indicators", ii, "claim", read.field], message: read.message });
    }),
  );
  return issues.length > 0 ? { ok: false, issues } : { ok: true, claims };
}

/** One stage as the criteria editor names it. */
export interface EditorStage {
  id: number;
  code: string;
  name: string;
  kind: Stage["kind"];
}

/**
 * The stage whose criteria the editor shows (`?stage=<code>`, any case; by default the one open
 * for scoring) and the competition's stages for the choice; undefined: no such stage.
 */
export async function editorStage(
  c: Competition,
  wanted: string | null,
): Promise<{ stage: EditorStage; stages: EditorStage[] } | undefined> {
  const stages = (await listStages(c.id)).map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    position: s.position,
  }));
  const stage =
    wanted === null
      ? stages.find((s) => s.position === c.current_stage)
      : stages.find((s) => s.code.toLowerCase() === wanted.trim().toLowerCase());
  if (!stage) return undefined;
  const plain = ({ id, code, name, kind }: EditorStage) => ({ id, code, name, kind });
  return { stage: plain(stage), stages: stages.map(plain) };
}

/**
 * One POST of the criteria editor, for the criteria of one stage. Without JavaScript every
 * add/remove button is a round trip: the server answers with the edited draft, and only `save`
 * writes. The caller has already checked the role, the competition and the stage.
 */
export async function handleCriteriaPost(
  user: SessionUser,
  c: Competition,
  stage: EditorStage,
  formData: FormData,
) {
  if (c.status !== "draft") {
    // frozen criteria; their claims may still change until the self-assessment window opens
    if (formData.get("intent") === "claims" && claimsEditable(c)) {
      const typed = claimsOf(readDraft(formData.entries()));
      if (!typed.ok)
        return answer(readDraft(formData.entries()), { issues: byPath(typed.issues) }, 400);
      const saved = await saveStageClaims(actorOf(user), c.id, stage.id, typed.claims);
      if (!saved.ok) return answer(await savedDraft(c.id, stage.id), { errors: saved.errors }, 409);
      return answer(await savedDraft(c.id, stage.id), { notice: "claimsSaved" });
    }
    return answer(
      await savedDraft(c.id, stage.id),
      { errors: formError("setup.error.criteriaFrozen") },
      409,
    );
  }
  // an admin stage has a checklist, no criteria
  if (stage.kind === "admin")
    return answer([], { errors: formError("stageSetup.criteria.adminRefused") }, 409);
  const intent = String(formData.get("intent") ?? "");
  if (intent === "template") {
    const loaded = loadTemplate(String(formData.get("template") ?? DEFAULT_TEMPLATE));
    if (!loaded)
      return answer(readDraft(formData.entries()), { errors: formError("error.invalid") }, 400);
    return answer(loaded.draft, { notice: loaded.notice });
  }

  // the buttons of the editor name their place: `add-indicator:<component>`, `remove-indicator:<component>:<indicator>`
  const draft = readDraft(formData.entries());
  const [verb, a, b] = intent.split(":");
  const ci = Number(a);
  const ii = Number(b);
  if (verb === "add-component") return answer([...draft, emptyComponent()]);
  if (verb === "remove-component" && draft[ci]) return answer(draft.filter((_, k) => k !== ci));
  if (verb === "add-indicator" && draft[ci]) {
    draft[ci].indicators.push(emptyIndicator());
    return answer(draft);
  }
  if (verb === "remove-indicator" && draft[ci]?.indicators[ii]) {
    draft[ci].indicators.splice(ii, 1);
    return answer(draft);
  }
  if (verb === "refresh") return answer(draft);
  if (verb !== "save") return answer(draft, { errors: formError("setup.error.badRequest") }, 400);
  const typed = claimsOf(draft);
  if (!typed.ok) return answer(draft, { issues: byPath(typed.issues) }, 400);
  const result = await saveCriteria(
    actorOf(user),
    c.id,
    draftToInput(draft),
    stage.id,
    typed.claims,
  );
  if (!result.ok) {
    // issues carry their place in the criteria and placeholders: kept apart from form errors
    if ("issues" in result) return answer(draft, { issues: byPath(result.issues) }, 400);
    return answer(draft, { errors: result.errors }, 409);
  }
  return answer(await savedDraft(c.id, stage.id), { notice: "saved" });
}
