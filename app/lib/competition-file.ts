import { z } from "zod";
import { SETTINGS_LIMITS } from "./settings-limits";
import {
  AGGREGATIONS,
  COMPETITION_LEVELS,
  ENTRY_STATUSES,
  LIBRARY_TYPES,
  RANKING_SCOPES,
} from "../../db/schema";
import {
  ComponentSchema,
  libraryCodeField,
  crossCheckCriteria,
  type CriteriaIssue,
} from "./criteria";
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
  components: z
    .array(ComponentSchema)
    .min(1, { error: "setup.error.noComponents" })
    .max(20, { error: "file.tooMany" }),
  libraries: z
    .array(FileLibrarySchema)
    .max(MAX_FILE_ROWS, { error: "file.tooMany" })
    .optional()
    .default([]),
  judges: z.array(email()).max(500, { error: "file.tooMany" }).optional().default([]),
  assignments: z
    .union([
      z.literal("all"),
      z
        .array(
          z.strictObject({
            judge: email(),
            libraries: z.array(z.string().trim()).max(MAX_FILE_ROWS, { error: "file.tooMany" }),
          }),
        )
        .max(500, { error: "file.tooMany" }),
    ])
    .optional()
    .default([]),
  conflicts: z
    .array(
      z.strictObject({
        judge: email(),
        library: z.string().trim(),
        reason: required(500),
      }),
    )
    .max(MAX_FILE_ROWS, { error: "file.tooMany" })
    .optional()
    .default([]),
});

export type CompetitionFile = z.output<typeof CompetitionFileSchema>;

/** Checks across the file that a schema alone cannot express. Paths are from the file's root. */
export function crossCheckFile(file: CompetitionFile): CriteriaIssue[] {
  const issues: CriteriaIssue[] = crossCheckCriteria(file.components).map((i) => ({
    ...i,
    path: ["components", ...i.path],
  }));
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
  if (Array.isArray(file.assignments)) {
    file.assignments.forEach((a, i) => {
      if (!judges.has(a.judge))
        issues.push({
          path: ["assignments", i, "judge"],
          message: "setup.error.judgeNotListed",
          params: { email: a.judge },
        });
      a.libraries.forEach((code, j) => {
        if (!codes.has(key(code)))
          issues.push({
            path: ["assignments", i, "libraries", j],
            message: "setup.error.libraryNotListed",
            params: { code },
          });
        else if (inactive.has(key(code)))
          issues.push({
            path: ["assignments", i, "libraries", j],
            message: "setup.error.assignInactive",
            params: { code },
          });
        else if (conflicted.has(`${a.judge}|${key(code)}`)) {
          issues.push({
            path: ["assignments", i, "libraries", j],
            message: "setup.error.assignConflict",
            params: { email: a.judge, code },
          });
        }
      });
    });
  }
  return issues;
}
