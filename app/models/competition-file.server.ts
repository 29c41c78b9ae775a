import { insertCriteria } from "../../db/criteria";
import type { Executor } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import {
  CompetitionFileSchema,
  crossCheckFile,
  type CompetitionFile,
} from "~/lib/competition-file";
import { formatPath, type CriteriaIssue } from "~/lib/criteria";
import { zodIssuesToCriteriaIssues } from "~/lib/criteria-schema.server";
import { getDb } from "~/lib/db.server";
import { describe } from "~/lib/messages";
import type { Lang } from "~/i18n";
import { nowIso } from "~/lib/time";
import { addToPanelIn, assignIn } from "./assignments.server";
import { countScores, panelIds } from "./competitions.server";
import { decideConflict } from "./conflicts.server";
import { getCriteria, getStageCriteria } from "./criteria.server";
import { listStages } from "./stages.server";
import { upsertLibraryIn } from "./libraries.server";
import { activeEntry, isConfirmedConflict, sameCode } from "./query.server";

export interface FileProblem {
  /** e.g. components[1].weight */
  path: string;
  /** a catalog key (or zod's own English text), with its placeholders */
  message: string;
  params?: Record<string, string | number>;
}

export type ImportResult =
  | {
      ok: true;
      id: number;
      slug: string;
      replaced: boolean;
      libraries: number;
      judges: number;
      assignments: number;
    }
  | { ok: false; problems: FileProblem[] };

function problems(issues: CriteriaIssue[]): FileProblem[] {
  return issues.map((i) => ({
    path: formatPath(i.path) || "(file)",
    message: i.message,
    params: i.params,
  }));
}

/** "components[1].weight: weights total 95, must be 100" */
export function formatProblem(p: FileProblem, lang: Lang = "en"): string {
  return `${p.path}: ${describe(lang, p)}`;
}

/** Parses and validates a competition file's text; nothing touches the database. */
export function parseCompetitionFile(
  text: string,
): { ok: true; file: CompetitionFile } | { ok: false; problems: FileProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          path: "(file)",
          message: "setup.file.notJson",
          params: { detail: (error as Error).message },
        },
      ],
    };
  }
  const parsed = CompetitionFileSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problems: problems(zodIssuesToCriteriaIssues(parsed.error.issues)),
    };
  const cross = crossCheckFile(parsed.data);
  if (cross.length > 0) return { ok: false, problems: problems(cross) };
  return { ok: true, file: parsed.data };
}

/**
 * Imports a competition file as a new draft competition, all in one transaction: an invalid file
 * writes nothing. The same slug again is refused unless `replace` is set and no score exists.
 * Judges must be existing judge accounts; libraries are added to or updated in the registry.
 */
export async function importCompetitionFile(
  actor: Actor,
  text: string,
  options: { replace?: boolean } = {},
): Promise<ImportResult> {
  const parsed = parseCompetitionFile(text);
  if (!parsed.ok) return parsed;
  const file = parsed.file;
  const db = getDb();

  // the panel: the top-level judges and each stage's, by their paths in the file
  const listed = [
    ...file.judges.map((email, i) => ({ email, path: `judges[${i}]` })),
    ...(file.stages ?? []).flatMap((st, k) =>
      (st.judges ?? []).map((email, i) => ({ email, path: `stages[${k}].judges[${i}]` })),
    ),
  ];
  const found = new Map<string, { id: number; role: string; active: number }>();
  if (listed.length > 0) {
    const rows = await db
      .selectFrom("users")
      .select(["id", "email", "role", "active"])
      .where(
        "email",
        "in",
        listed.map((l) => l.email),
      )
      .execute();
    for (const r of rows) found.set(r.email, r);
  }
  const missing: FileProblem[] = [];
  listed.forEach(({ email, path }) => {
    const u = found.get(email);
    if (!u)
      missing.push({
        path,
        message: "setup.file.noJudge",
        params: { email },
      });
    else if (u.role !== "judge")
      missing.push({
        path,
        message: "setup.file.notJudge",
        params: { email },
      });
  });
  if (missing.length > 0) return { ok: false, problems: missing };

  try {
    return await db.transaction().execute((trx) => importIn(actor, file, found, options, trx));
  } catch (error) {
    if (error instanceof FileRejected) return { ok: false, problems: error.problems };
    throw error;
  }
}

/** Thrown inside the import's transaction to roll it back when the database itself says no. */
class FileRejected extends Error {
  constructor(readonly problems: FileProblem[]) {
    super("competition file rejected");
  }
}

async function importIn(
  actor: Actor,
  file: CompetitionFile,
  found: Map<string, { id: number }>,
  options: { replace?: boolean },
  trx: Executor,
): Promise<ImportResult> {
  const existing = await trx
    .selectFrom("competitions")
    .select(["id"])
    .where("slug", "=", file.slug)
    .executeTakeFirst();
  if (existing) {
    if (!options.replace) {
      return {
        ok: false,
        problems: [
          {
            path: "slug",
            message: "setup.file.slugExists",
            params: { slug: file.slug },
          },
        ],
      };
    }
    const scores = await countScores(existing.id, trx);
    if (scores > 0) {
      return {
        ok: false,
        problems: [
          {
            path: "slug",
            message: "setup.file.hasScores",
            params: { slug: file.slug, count: scores },
          },
        ],
      };
    }
    await trx.deleteFrom("competitions").where("id", "=", existing.id).execute();
  }
  const result = await writeCompetition(actor, file, found, trx);
  await recordAudit(
    {
      actor,
      competitionId: result.id,
      entityType: "competition",
      entityId: result.id,
      action: existing ? "import-replace" : "import",
      after: {
        slug: file.slug,
        libraries: file.libraries.length,
        judges: file.judges.length,
        assignments: result.assignments,
      },
    },
    trx,
  );
  return {
    ok: true,
    slug: file.slug,
    replaced: existing !== undefined,
    libraries: file.libraries.length,
    judges: file.judges.length,
    ...result,
  };
}

async function writeCompetition(
  actor: Actor,
  file: CompetitionFile,
  judges: Map<string, { id: number }>,
  trx: Executor,
): Promise<{ id: number; assignments: number }> {
  const now = nowIso();
  const { id } = await trx
    .insertInto("competitions")
    .values({
      slug: file.slug,
      name: file.name,
      year: file.year,
      level: file.level,
      region: file.region,
      aggregation: file.aggregation,
      prize_winners: file.prizes.winners,
      prize_honourable: file.prizes.honourable,
      ranking_scope: file.rankingScope,
      points_display: file.points.display,
      points_factor: file.points.factor,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // a file without stages is one scored stage (the one the database gave the competition)
  const stages = file.stages ?? [
    {
      code: "",
      name: "",
      kind: "other" as const,
      components: file.components,
      judges: file.judges,
      assignments: file.assignments,
      conflicts: file.conflicts,
    },
  ];
  if (file.stages) {
    const scored = file.stages.filter((st) => st.kind !== "admin").length;
    await trx.deleteFrom("stages").where("competition_id", "=", id).execute();
    for (const [k, st] of file.stages.entries())
      await trx
        .insertInto("stages")
        .values({
          competition_id: id,
          position: k + 1,
          code: st.code,
          name: st.name,
          kind: st.kind,
          weight: st.kind === "admin" ? 0 : (st.weight ?? (scored === 1 ? 100 : 0)),
          advance: st.advance ?? null,
        })
        .execute();
    await trx
      .updateTable("competitions")
      .set({ combine: file.combine ?? "weighted" })
      .where("id", "=", id)
      .execute();
  }

  const entryByCode = new Map<string, number>();
  for (const lib of file.libraries) {
    const { id: libraryId } = await upsertLibraryIn(
      actor,
      {
        code: lib.code,
        name: lib.name,
        type: lib.type,
        village: lib.village ?? "",
        district: lib.district ?? "",
        address: lib.address ?? "",
        head_name: lib.head ?? "",
        contact: lib.phone ?? "",
        npp: lib.npp ?? "",
      },
      trx,
    );
    const status = lib.status ?? "active";
    const { id: entryId } = await trx
      .insertInto("entries")
      .values({
        competition_id: id,
        library_id: libraryId,
        category: lib.category ?? lib.type,
        status,
        status_reason: status === "active" ? null : (lib.statusReason ?? "").trim(),
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    entryByCode.set(lib.code.toLowerCase(), entryId);
  }
  const libraryIdOf = async (code: string) =>
    (
      await trx
        .selectFrom("libraries")
        .select("id")
        .where(sameCode("code", code))
        .executeTakeFirstOrThrow()
    ).id;

  const panel = [...new Set([...file.judges, ...stages.flatMap((st) => st.judges ?? [])])];
  for (const email of panel) await addToPanelIn(actor, id, judges.get(email)!.id, trx);
  // conflicts first, so that no assignment below can slip past one
  const conflicts = file.stages
    ? [...file.conflicts, ...file.stages.flatMap((st) => st.conflicts ?? [])]
    : file.conflicts;
  for (const c of conflicts) {
    await decideConflict(
      actor,
      {
        judgeId: judges.get(c.judge)!.id,
        libraryId: await libraryIdOf(c.library),
        status: "confirmed",
        reason: c.reason,
        competitionId: id,
      },
      trx,
    );
  }
  let assignments = 0;
  const refused: FileProblem[] = [];
  for (const [k, st] of stages.entries()) {
    // rows written without a stage take the competition's current one (triggers, migration 0010)
    await trx
      .updateTable("competitions")
      .set({ current_stage: k + 1 })
      .where("id", "=", id)
      .execute();
    if (st.components && st.components.length > 0) await insertCriteria(id, st.components, trx);
    const at = file.stages ? `stages[${k}].assignments` : "assignments";
    const stagePanel = file.stages ? [...new Set([...file.judges, ...(st.judges ?? [])])] : panel;
    const stageAssignments = st.assignments ?? [];
    if (stageAssignments === "all") {
      // every judge to every active entry; conflicts (from the file or recorded earlier) are skipped
      for (const email of stagePanel) {
        for (const lib of file.libraries.filter((l) => (l.status ?? "active") === "active")) {
          if (
            (await assignIn(
              actor,
              id,
              entryByCode.get(lib.code.toLowerCase())!,
              judges.get(email)!.id,
              trx,
            )) === "assigned"
          )
            assignments++;
        }
      }
      continue;
    }
    for (const [i, a] of stageAssignments.entries()) {
      for (const [j, code] of a.libraries.entries()) {
        const outcome = await assignIn(
          actor,
          id,
          entryByCode.get(code.toLowerCase())!,
          judges.get(a.judge)!.id,
          trx,
        );
        if (outcome === "assigned") assignments++;
        else if (outcome === "conflict") {
          refused.push({
            path: `${at}[${i}].libraries[${j}]`,
            message: "setup.file.recordedConflict",
            params: { email: a.judge, code },
          });
        } else if (outcome === "inactiveEntry") {
          refused.push({
            path: `${at}[${i}].libraries[${j}]`,
            message: "setup.error.assignInactive",
            params: { code },
          });
        }
      }
    }
  }
  await trx.updateTable("competitions").set({ current_stage: 1 }).where("id", "=", id).execute();
  if (refused.length > 0) throw new FileRejected(refused);
  return { id, assignments };
}

/** A competition as a competition file; importing the result gives back an equal competition. */
export async function exportCompetitionFile(
  slug: string,
): Promise<(Omit<CompetitionFile, "points"> & Partial<Pick<CompetitionFile, "points">>) | null> {
  const db = getDb();
  const c = await db
    .selectFrom("competitions")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!c) return null;
  const components = await getCriteria(c.id, db);
  const entries = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select([
      "e.id as entryId",
      "l.id as libraryId",
      "l.code",
      "l.name",
      "l.type",
      "l.village",
      "l.district",
      "l.address",
      "l.head_name",
      "l.contact",
      "l.npp",
      "e.category",
      "e.status",
      "e.status_reason",
    ])
    .where("e.competition_id", "=", c.id)
    .orderBy("l.code")
    .execute();
  const panelJudgeIds = await panelIds(c.id, db);
  const panel = panelJudgeIds.length
    ? await db
        .selectFrom("users")
        .select(["id", "email"])
        .where("id", "in", panelJudgeIds)
        .orderBy("email")
        .execute()
    : [];
  const emailOf = new Map(panel.map((u) => [u.id, u.email]));
  const assigned = await db
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select(["a.judge_id", "a.stage_id", "l.code"])
    .where("e.competition_id", "=", c.id)
    // a withdrawn entry's assignments are moot, and the format assigns active entries only
    .where(activeEntry("e"))
    .orderBy("l.code")
    .execute();
  const conflicts = panelJudgeIds.length
    ? await db
        .selectFrom("conflicts as k")
        .innerJoin("entries as e", (j) =>
          j.onRef("e.library_id", "=", "k.library_id").on("e.competition_id", "=", c.id),
        )
        .innerJoin("libraries as l", "l.id", "k.library_id")
        .select(["k.judge_id", "l.code", "k.reason"])
        .where("k.judge_id", "in", panelJudgeIds)
        .where(isConfirmedConflict("k"))
        .execute()
    : [];
  const assignmentsOf = (stageId: number | null) =>
    panel
      .map((u) => ({
        judge: u.email,
        libraries: assigned
          .filter((a) => a.judge_id === u.id && (stageId === null || a.stage_id === stageId))
          .map((a) => a.code),
      }))
      .filter((a) => a.libraries.length > 0);
  // several stages: each with its criteria and assignments; one stage: the format of old files
  const stages = await listStages(c.id, db);
  const staged =
    stages.length > 1
      ? {
          combine: c.combine,
          stages: await Promise.all(
            stages.map(async (st) =>
              st.kind === "admin"
                ? { code: st.code, name: st.name, kind: st.kind }
                : {
                    code: st.code,
                    name: st.name,
                    kind: st.kind,
                    weight: st.weight,
                    ...(st.advance === null ? {} : { advance: st.advance }),
                    components: await getStageCriteria(c.id, st.id, db),
                    assignments: assignmentsOf(st.id),
                  },
            ),
          ),
        }
      : null;
  return {
    slug: c.slug,
    name: c.name,
    year: c.year,
    level: c.level,
    region: c.region,
    aggregation: c.aggregation,
    prizes: { winners: c.prize_winners, honourable: c.prize_honourable },
    rankingScope: c.ranking_scope,
    // only when shown, so files of competitions without points stay as they were
    ...(c.points_display === "none"
      ? {}
      : { points: { display: c.points_display, factor: c.points_factor } }),
    components: staged ? [] : components,
    ...(staged ?? {}),
    libraries: entries.map((e) => ({
      code: e.code,
      name: e.name,
      type: e.type,
      village: e.village,
      district: e.district,
      address: e.address,
      head: e.head_name,
      phone: e.contact,
      npp: e.npp,
      category: e.category,
      ...(e.status === "active" ? {} : { status: e.status, statusReason: e.status_reason ?? "" }),
    })),
    judges: panel.map((u) => u.email),
    assignments: staged ? [] : assignmentsOf(null),
    conflicts: conflicts
      .map((k) => ({
        judge: emailOf.get(k.judge_id)!,
        library: k.code,
        reason: k.reason,
      }))
      .sort((a, b) => a.judge.localeCompare(b.judge) || a.library.localeCompare(b.library)),
  };
}
