import type { TemplateComponent } from "./criteria-template";
import type { DraftClaim } from "./self-assessment";
import { MAX_RUBRIC_LEVELS } from "./sheet";

/**
 * Criteria as the editor and the rules across fields see them: the draft form, the weight total,
 * the cross-checks. Their zod schemas (the one definition of valid criteria, shared by the
 * criteria editor's action, the competition file and the status move to scoring) live in
 * criteria-schema.server.ts, so the editor's page does not carry zod to the browser. Messages are
 * catalog keys; `params` fill their placeholders.
 */
export interface CriteriaIssue {
  /** relative to the list of components, e.g. [1, "weight"] */
  path: (string | number)[];
  message: string;
  params?: Record<string, string | number>;
}

export const WEIGHT_TOTAL = 100;

function norm(code: string): string {
  return code.trim().toUpperCase();
}

/** The rules across fields: weights total 100, codes unique, max above min, rubric in range. */
export function crossCheckCriteria(components: readonly TemplateComponent[]): CriteriaIssue[] {
  const issues: CriteriaIssue[] = [];
  const total = components.reduce((sum, c) => sum + c.weight, 0);
  if (components.length > 0 && total !== WEIGHT_TOTAL) {
    issues.push({
      path: [components.length - 1, "weight"],
      message: "setup.error.weightTotal",
      params: { total },
    });
  }
  const componentCodes = new Set<string>();
  const indicatorCodes = new Set<string>();
  components.forEach((c, ci) => {
    if (componentCodes.has(norm(c.code)))
      issues.push({
        path: [ci, "code"],
        message: "setup.error.duplicateCode",
        params: { code: c.code },
      });
    componentCodes.add(norm(c.code));
    c.indicators.forEach((ind, ii) => {
      const at = [ci, "indicators", ii];
      if (indicatorCodes.has(norm(ind.code))) {
        issues.push({
          path: [...at, "code"],
          message: "setup.error.duplicateCode",
          params: { code: ind.code },
        });
      }
      indicatorCodes.add(norm(ind.code));
      if (ind.max <= ind.min)
        issues.push({
          path: [...at, "max"],
          message: "setup.error.maxNotAboveMin",
        });
      for (const level of Object.keys(ind.rubric)) {
        const n = Number(level);
        if (ind.max > ind.min && (n < ind.min || n > ind.max)) {
          issues.push({
            path: [...at, "rubric", level],
            message: "setup.error.rubricOutOfRange",
            params: { level },
          });
        }
      }
    });
  });
  return issues;
}

/** A JSON path as people read it: components[1].indicators[0].rubric["3"] */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

// ---- The editor's form: every value a string, as the browser sends it -------------------------

export interface DraftIndicator {
  code: string;
  name: string;
  description: string;
  min: string;
  max: string;
  rubric: Record<string, string>;
  /** the reported value asked of libraries (absent: none), kept beside the criteria */
  claim?: DraftClaim;
}

export interface DraftComponent {
  code: string;
  name: string;
  weight: string;
  indicators: DraftIndicator[];
}

export function emptyIndicator(): DraftIndicator {
  return {
    code: "",
    name: "",
    description: "",
    min: "1",
    max: "5",
    rubric: {},
  };
}

export function emptyComponent(): DraftComponent {
  return { code: "", name: "", weight: "", indicators: [emptyIndicator()] };
}

export function toDraft(components: readonly TemplateComponent[]): DraftComponent[] {
  return components.map((c) => ({
    code: c.code,
    name: c.name,
    weight: String(c.weight),
    indicators: c.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      description: i.description,
      min: String(i.min),
      max: String(i.max),
      rubric: { ...i.rubric },
    })),
  }));
}

const FIELD = /^c\.(\d+)\.(code|name|weight)$/;
const IND_FIELD = /^c\.(\d+)\.i\.(\d+)\.(code|name|description|min|max)$/;
const RUBRIC_FIELD = /^c\.(\d+)\.i\.(\d+)\.r\.(\d+)$/;
const CLAIM_FIELD = /^c\.(\d+)\.i\.(\d+)\.claim\.(kind|unit|standard|requiresYes)$/;
const MAX_ROWS = 200;

/**
 * Reads the editor's fields (`c.0.weight`, `c.0.i.1.code`, `c.0.i.1.r.3`) into a draft, in index
 * order. Indexes are bounded so a hand-made request cannot make the server allocate much.
 */
export function readDraft(entries: Iterable<[string, FormDataEntryValue]>): DraftComponent[] {
  const components = new Map<number, DraftComponent & { byIndex: Map<number, DraftIndicator> }>();
  const component = (i: number) => {
    let c = components.get(i);
    if (!c) {
      c = {
        code: "",
        name: "",
        weight: "",
        indicators: [],
        byIndex: new Map(),
      };
      components.set(i, c);
    }
    return c;
  };
  const indicator = (ci: number, ii: number) => {
    const c = component(ci);
    let ind = c.byIndex.get(ii);
    if (!ind) {
      ind = {
        code: "",
        name: "",
        description: "",
        min: "",
        max: "",
        rubric: {},
      };
      c.byIndex.set(ii, ind);
    }
    return ind;
  };
  for (const [key, value] of entries) {
    if (typeof value !== "string") continue;
    let m = FIELD.exec(key);
    if (m && Number(m[1]) < MAX_ROWS) {
      component(Number(m[1]))[m[2] as "code" | "name" | "weight"] = value;
      continue;
    }
    m = IND_FIELD.exec(key);
    if (m && Number(m[1]) < MAX_ROWS && Number(m[2]) < MAX_ROWS) {
      indicator(Number(m[1]), Number(m[2]))[
        m[3] as "code" | "name" | "description" | "min" | "max"
      ] = value;
      continue;
    }
    m = RUBRIC_FIELD.exec(key);
    if (m && Number(m[1]) < MAX_ROWS && Number(m[2]) < MAX_ROWS && Number(m[3]) <= 100) {
      indicator(Number(m[1]), Number(m[2])).rubric[String(Number(m[3]))] = value;
      continue;
    }
    m = CLAIM_FIELD.exec(key);
    if (m && Number(m[1]) < MAX_ROWS && Number(m[2]) < MAX_ROWS) {
      const ind = indicator(Number(m[1]), Number(m[2]));
      ind.claim ??= { kind: "", unit: "", standard: "", requiresYes: "" };
      ind.claim[m[3] as keyof DraftClaim] = value;
    }
  }
  return [...components.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, c]) => ({
      code: c.code,
      name: c.name,
      weight: c.weight,
      indicators: [...c.byIndex.entries()].sort(([a], [b]) => a - b).map(([, ind]) => ind),
    }));
}

function toNumber(value: string): unknown {
  const v = value.trim();
  if (v === "") return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** Rubric levels that fall outside the scale are dropped silently: the fields were left over. */
export function draftToInput(draft: readonly DraftComponent[]): unknown {
  return draft.map((c) => ({
    code: c.code,
    name: c.name,
    weight: toNumber(c.weight),
    indicators: c.indicators.map((i) => {
      const min = toNumber(i.min);
      const max = toNumber(i.max);
      const rubric: Record<string, string> = {};
      for (const [level, description] of Object.entries(i.rubric)) {
        const n = Number(level);
        const inRange = typeof min === "number" && typeof max === "number" && n >= min && n <= max;
        if (inRange && description.trim() !== "") rubric[level] = description;
      }
      return {
        code: i.code,
        name: i.name,
        description: i.description,
        min,
        max,
        rubric,
      };
    }),
  }));
}

/** The levels the editor offers rubric fields for, or [] when the scale is unreadable or too long. */
export function rubricLevels(min: string, max: string): number[] {
  const lo = Number(min.trim());
  const hi = Number(max.trim());
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || min.trim() === "" || max.trim() === "")
    return [];
  if (hi <= lo || hi - lo + 1 > MAX_RUBRIC_LEVELS) return [];
  return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
}

export function weightTotal(draft: readonly DraftComponent[]): number | null {
  return sumOfWeights(draft.map((c) => c.weight));
}

/** The weights as typed: their sum, or null while any is not a whole number. */
export function sumOfWeights(weights: readonly string[]): number | null {
  let total = 0;
  for (const weight of weights) {
    const n = toNumber(weight);
    if (typeof n !== "number") return null;
    total += n;
  }
  return total;
}

/** The weights typed in the editor's form right now (`c.<n>.weight`, in field order). */
export function weightsInForm(form: HTMLFormElement): string[] {
  return [...new FormData(form).entries()]
    .filter(([name]) => /^c\.\d+\.weight$/.test(name))
    .map(([, value]) => String(value));
}
