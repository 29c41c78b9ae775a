import { json } from "@remix-run/node";
import type { Competition } from "../../../db/schema";
import {
  draftToInput,
  emptyComponent,
  emptyIndicator,
  readDraft,
  toDraft,
  type CriteriaIssue,
  type DraftComponent,
} from "~/lib/criteria";
import { VILLAGE_LIBRARY_TEMPLATE } from "~/lib/criteria-template";
import type { Message } from "~/lib/messages";
import type { SessionUser } from "~/lib/session.server";
import { getCriteria, saveCriteria } from "~/models/criteria.server";
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

type ActionData = {
  draft: DraftComponent[];
  issues: Issues;
  notice: "saved" | "template" | null;
  formError: string | null;
};

/**
 * One POST of the criteria editor. Without JavaScript every add/remove button is a round trip:
 * the server answers with the edited draft, and only `save` writes. The caller has already checked
 * the role and the competition.
 */
export async function handleCriteriaPost(user: SessionUser, c: Competition, formData: FormData) {
  const intent = String(formData.get("intent") ?? "");
  const reply = (data: Partial<ActionData> & { draft: DraftComponent[] }, status = 200) =>
    json<ActionData>({ issues: {}, notice: null, formError: null, ...data }, { status });
  if (c.status !== "draft") {
    return reply(
      {
        draft: toDraft(await getCriteria(c.id)),
        formError: "setup.error.criteriaFrozen",
      },
      409,
    );
  }
  if (intent === "template")
    return reply({
      draft: toDraft(VILLAGE_LIBRARY_TEMPLATE),
      notice: "template",
    });

  const draft = readDraft(formData.entries());
  const [verb, a, b] = intent.split(":");
  const ci = Number(a);
  const ii = Number(b);
  if (verb === "add-component") return reply({ draft: [...draft, emptyComponent()] });
  if (verb === "remove-component" && draft[ci])
    return reply({ draft: draft.filter((_, k) => k !== ci) });
  if (verb === "add-indicator" && draft[ci]) {
    draft[ci].indicators.push(emptyIndicator());
    return reply({ draft });
  }
  if (verb === "remove-indicator" && draft[ci]?.indicators[ii]) {
    draft[ci].indicators.splice(ii, 1);
    return reply({ draft });
  }
  if (verb === "refresh") return reply({ draft });
  if (verb !== "save") return reply({ draft, formError: "setup.error.badRequest" }, 400);
  const result = await saveCriteria(actorOf(user), c.id, draftToInput(draft));
  if (!result.ok) {
    if ("error" in result) return reply({ draft, formError: result.error }, 409);
    return reply({ draft, issues: byPath(result.issues) }, 400);
  }
  return reply({ draft: toDraft(await getCriteria(c.id)), notice: "saved" });
}
