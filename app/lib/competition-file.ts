import { z } from "zod";
import { SETTINGS_LIMITS } from "./settings-limits";
import {
  AGGREGATIONS,
  COMBINE_MODES,
  COMPETITION_LEVELS,
  STAGE_KINDS,
  ENTRY_STATUSES,
  LIBRARY_TYPES,
  POINTS_DISPLAYS,
  RANKING_SCOPES,
} from "../../db/schema";
import { crossCheckCriteria, type CriteriaIssue } from "./criteria";
import { ComponentSchema, libraryCodeField } from "./criteria-schema.server";
import { noControlCharacters } from "./text";

/**
 * The competition file: a whole competition (settings, criteria, libraries, panel, assignments,
 * conflicts) as JSON. The format is documented in docs/competition-file.md; change it only in
 * ways old files still import.
 */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** words the URL plan uses beside a slug */
const RESERVED_SLUGS = ["new", "import"];

export const slugField = () =>
  z
    .string({
      error: (iss) => (iss.input === undefined ? "error.required" : undefined),
    })
    .trim()
    .min(1, { error: "error.required" })
    .max(60, { error: "error.tooLong" })
    .refine((s) => s === "" || SLUG_PATTERN.test(s), {
      error: "setup.error.slugFormat",
    })
    .refine((s) => !RESERVED_SLUGS.includes(s), {
      error: "setup.error.slugReserved",
    });

const str = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "error.tooLong" })
    .refine(noControlCharacters, { error: "error.controlCharacters" });
const required = (max: number) =>
  z
    .string({
      error: (iss) => (iss.input === undefined ? "error.required" : undefined),
    })
    .trim()
    .min(1, { error: "error.required" })
    .max(max, { error: "error.tooLong" })
    .refine(noControlCharacters, { error: "error.controlCharacters" });
const email = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "error.email" }));

/** Upload limits: a regency has a few hundred villages; these leave room and stop abuse. */
export const MAX_FILE_ROWS = 5000;

const FileLibrarySchema = z.strictObject({
  code: libraryCodeField(),
  name: required(200),
  type: z.enum(LIBRARY_TYPES),
  village: str(120).optional(),
  district: str(120).optional(),
  address: str(300).optional(),
  head: str(120).optional(),
  phone: str(60).optional(),
  npp: str(40).optional(),
  /** the entry's category; defaults to the library's type */
  category: z.enum(LIBRARY_TYPES).optional(),
  /** absent means active */
  status: z.enum(ENTRY_STATUSES).optional(),
  statusReason: str(500).optional(),
});

const AssignmentsSchema = z.union([
  z.literal("all"),
  z
    .array(
      z.strictObject({
        judge: email(),
        libraries: z.array(z.string().trim()).max(MAX_FILE_ROWS, { error: "file.tooMany" }),
      }),
    )
    .max(500, { error: "file.tooMany" }),
]);
const ConflictsSchema = z
  .array(
    z.strictObject({
      judge: email(),
      library: z.string().trim(),
      reason: required(500),
    }),
  )
  .max(MAX_FILE_ROWS, { error: "file.tooMany" });

/** A stage (docs/decisions/010-stages.md): an admin check or a scored stage with its own criteria. */
const FileStageSchema = z.strictObject({
  code: required(20).refine((s) => /^[A-Za-z0-9._-]+$/.test(s), { error: "file.stage.code" }),
  name: required(200),
  kind: z.enum(STAGE_KINDS),
  weight: z.number().int().min(0).max(100).optional(),
  advance: z.number().int().min(1).max(MAX_FILE_ROWS).optional(),
  components: z.array(ComponentSchema).max(20, { error: "file.tooMany" }).optional(),
  judges: z.array(email()).max(500, { error: "file.tooMany" }).optional(),
  assignments: AssignmentsSchema.optional(),
  conflicts: ConflictsSchema.optional(),
});

export type CompetitionFileStage = z.output<typeof FileStageSchema>;

export const CompetitionFileSchema = z.strictObject({
  slug: slugField(),
  name: required(200),
  year: z.number().int().min(SETTINGS_LIMITS.year.min).max(SETTINGS_LIMITS.year.max),
  level: z.enum(COMPETITION_LEVELS),
  region: str(200).optional().default(""),
  aggregation: z.enum(AGGREGATIONS).optional().default("mean"),
  prizes: z
    .strictObject({
      winners: z
        .number()
        .int()
        .min(SETTINGS_LIMITS.prizeWinners.min)
        .max(SETTINGS_LIMITS.prizeWinners.max),
      honourable: z
        .number()
        .int()
        .min(SETTINGS_LIMITS.prizeHonourable.min)
        .max(SETTINGS_LIMITS.prizeHonourable.max),
    })
    .optional()
    .default({ winners: 3, honourable: 3 }),
  rankingScope: z.enum(RANKING_SCOPES).optional().default("overall"),
  // totals shown as points beside the score (docs/scoring.md, "Points"); display only
  points: z
    .strictObject({
      display: z.enum(POINTS_DISPLAYS),
      factor: z.number().int().min(1).max(1000).optional().default(10),
    })
    .optional()
    .default({ display: "none", factor: 10 }),
  /** with `stages`, each scored stage has its own components instead */
  components: z.array(ComponentSchema).max(20, { error: "file.tooMany" }).optional().default([]),
  /** how stage scores combine (docs/scoring.md, "Stages"); only with `stages` */
  combine: z.enum(COMBINE_MODES).optional(),
  stages: z.array(FileStageSchema).min(1).max(10, { error: "file.tooMany" }).optional(),
  libraries: z
    .array(FileLibrarySchema)
    .max(MAX_FILE_ROWS, { error: "file.tooMany" })
    .optional()
    .default([]),
  judges: z.array(email()).max(500, { error: "file.tooMany" }).optional().default([]),
  assignments: AssignmentsSchema.optional().default([]),
  conflicts: ConflictsSchema.optional().default([]),
});

export type CompetitionFile = z.output<typeof CompetitionFileSchema>;

/** Checks across the file that a schema alone cannot express. Paths are from the file's root. */
export function crossCheckFile(file: CompetitionFile): CriteriaIssue[] {
  const issues: CriteriaIssue[] = crossCheckCriteria(file.components).map((i) => ({
    ...i,
    path: ["components", ...i.path],
  }));
  if (!file.stages && file.components.length === 0)
    issues.push({ path: ["components"], message: "setup.error.noComponents" });
  if (!file.stages && file.combine !== undefined)
    issues.push({ path: ["combine"], message: "file.stage.onlyWithStages" });
  if (file.stages) issues.push(...crossCheckStages(file));
  // library codes are matched without regard to case, as in the registry
  const key = (code: string) => code.toLowerCase();
  const codes = new Set<string>();
  const inactive = new Set(
    file.libraries.filter((l) => (l.status ?? "active") !== "active").map((l) => key(l.code)),
  );
  file.libraries.forEach((lib, i) => {
    if (codes.has(key(lib.code)))
      issues.push({
        path: ["libraries", i, "code"],
        message: "setup.error.duplicateCode",
        params: { code: lib.code },
      });
    codes.add(key(lib.code));
    if (lib.status && lib.status !== "active" && !lib.statusReason?.trim()) {
      issues.push({
        path: ["libraries", i, "statusReason"],
        message: "setup.error.reasonRequired",
      });
    }
  });
  const judges = new Set<string>();
  file.judges.forEach((j, i) => {
    if (judges.has(j))
      issues.push({
        path: ["judges", i],
        message: "setup.error.duplicateJudge",
        params: { email: j },
      });
    judges.add(j);
  });
  const conflicted = new Set(file.conflicts.map((c) => `${c.judge}|${key(c.library)}`));
  file.conflicts.forEach((c, i) => {
    if (!judges.has(c.judge))
      issues.push({
        path: ["conflicts", i, "judge"],
        message: "setup.error.judgeNotListed",
        params: { email: c.judge },
      });
    if (!codes.has(key(c.library)))
      issues.push({
        path: ["conflicts", i, "library"],
        message: "setup.error.libraryNotListed",
        params: { code: c.library },
      });
  });
  const stageJudges = new Set([...judges, ...(file.stages ?? []).flatMap((st) => st.judges ?? [])]);
  const stageConflicts = (file.stages ?? []).flatMap((st, k) =>
    (st.conflicts ?? []).map((c, i) => ({
      c,
      path: ["stages", k, "conflicts", i] as (string | number)[],
    })),
  );
  for (const { c, path } of stageConflicts) {
    conflicted.add(`${c.judge}|${key(c.library)}`);
    if (!stageJudges.has(c.judge))
      issues.push({
        path: [...path, "judge"],
        message: "setup.error.judgeNotListed",
        params: { email: c.judge },
      });
    if (!codes.has(key(c.library)))
      issues.push({
        path: [...path, "library"],
        message: "setup.error.libraryNotListed",
        params: { code: c.library },
      });
  }
  const checkAssignments = (
    assignments: CompetitionFile["assignments"],
    panel: Set<string>,
    at: (string | number)[],
  ) => {
    if (!Array.isArray(assignments)) return;
    assignments.forEach((a, i) => {
      if (!panel.has(a.judge))
        issues.push({
          path: [...at, i, "judge"],
          message: "setup.error.judgeNotListed",
          params: { email: a.judge },
        });
      a.libraries.forEach((code, j) => {
        if (!codes.has(key(code)))
          issues.push({
            path: [...at, i, "libraries", j],
            message: "setup.error.libraryNotListed",
            params: { code },
          });
        else if (inactive.has(key(code)))
          issues.push({
            path: [...at, i, "libraries", j],
            message: "setup.error.assignInactive",
            params: { code },
          });
        else if (conflicted.has(`${a.judge}|${key(code)}`)) {
          issues.push({
            path: [...at, i, "libraries", j],
            message: "setup.error.assignConflict",
            params: { email: a.judge, code },
          });
        }
      });
    });
  };
  checkAssignments(file.assignments, judges, ["assignments"]);
  (file.stages ?? []).forEach((st, k) =>
    checkAssignments(st.assignments ?? [], stageJudges, ["stages", k, "assignments"]),
  );
  return issues;
}

/**
 * The stages of a file: codes unique; an admin stage without criteria, panel or assignments; a
 * scored stage with its criteria (weights total 100 within it); no top-level criteria or
 * assignments beside them; component and indicator codes unique across the stages; with
 * `combine` = `weighted` (the default), scored stages weigh 1–100 and total 100.
 */
function crossCheckStages(file: CompetitionFile): CriteriaIssue[] {
  const stages = file.stages ?? [];
  const issues: CriteriaIssue[] = [];
  if (file.components.length > 0)
    issues.push({ path: ["components"], message: "file.stage.criteriaInStages" });
  if (file.assignments === "all" || file.assignments.length > 0)
    issues.push({ path: ["assignments"], message: "file.stage.assignmentsInStages" });
  const seen = new Set<string>();
  const componentCodes = new Set<string>();
  const indicatorCodes = new Set<string>();
  stages.forEach((st, k) => {
    const at = ["stages", k] as (string | number)[];
    if (seen.has(st.code.toLowerCase()))
      issues.push({
        path: [...at, "code"],
        message: "setup.error.duplicateCode",
        params: { code: st.code },
      });
    seen.add(st.code.toLowerCase());
    if (st.kind === "admin") {
      for (const field of ["components", "judges", "assignments", "weight", "advance"] as const)
        if (st[field] !== undefined)
          issues.push({ path: [...at, field], message: "file.stage.notForAdmin" });
      return;
    }
    const components = st.components ?? [];
    if (components.length === 0)
      issues.push({ path: [...at, "components"], message: "setup.error.noComponents" });
    for (const i of crossCheckCriteria(components))
      issues.push({ ...i, path: [...at, "components", ...i.path] });
    components.forEach((c, ci) => {
      if (componentCodes.has(c.code.toLowerCase()))
        issues.push({
          path: [...at, "components", ci, "code"],
          message: "setup.error.duplicateCode",
          params: { code: c.code },
        });
      componentCodes.add(c.code.toLowerCase());
      c.indicators.forEach((ind, ii) => {
        if (indicatorCodes.has(ind.code.toLowerCase()))
          issues.push({
            path: [...at, "components", ci, "indicators", ii, "code"],
            message: "setup.error.duplicateCode",
            params: { code: ind.code },
          });
        indicatorCodes.add(ind.code.toLowerCase());
      });
    });
  });
  const scored = stages.map((st, k) => ({ st, k })).filter(({ st }) => st.kind !== "admin");
  if (scored.length === 0) issues.push({ path: ["stages"], message: "file.stage.noScoredStage" });
  if ((file.combine ?? "weighted") === "weighted" && scored.length > 1) {
    for (const { st, k } of scored)
      if ((st.weight ?? 0) < 1)
        issues.push({ path: ["stages", k, "weight"], message: "file.stage.weightRequired" });
    const total = scored.reduce((sum, { st }) => sum + (st.weight ?? 0), 0);
    if (total !== 100)
      issues.push({
        path: ["stages", scored[scored.length - 1]!.k, "weight"],
        message: "file.stage.weightsTotal",
        params: { total },
      });
  }
  return issues;
}
