import type account from "./catalog/account.id";
import type admin from "./catalog/admin.id";
import type audit from "./catalog/audit.id";
import type chairCompetition from "./catalog/chair-competition.id";
import type chairResults from "./catalog/chair-results.id";
import type chairSetup from "./catalog/chair-setup.id";
import type common from "./catalog/common.id";
import type dashboard from "./catalog/dashboard.id";
import type evidence from "./catalog/evidence.id";
import type judge from "./catalog/judge.id";
import type library from "./catalog/library.id";
import type publicPages from "./catalog/public.id";
// Empty in the browser build (a `*.server.ts` module): there the sections arrive by loadSections.
import * as server from "./catalogs.server";

export const LANGS = ["id", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "id";

/**
 * One catalog section per page area, mirroring app/routes: `catalog/<section>.id.ts` and
 * `.en.ts`. The server has them all; a page in the browser loads the visitor's language of the
 * sections its routes name in `handle.i18n` (docs/decisions/014-message-loading.md).
 */
export const SECTIONS = [
  "common",
  "account",
  "admin",
  "dashboard",
  "audit",
  "chair-competition",
  "chair-setup",
  "chair-results",
  "judge",
  "library",
  "evidence",
  "public",
] as const;
export type SectionName = (typeof SECTIONS)[number];

interface Catalog {
  common: typeof common;
  account: typeof account;
  admin: typeof admin;
  dashboard: typeof dashboard;
  audit: typeof audit;
  "chair-competition": typeof chairCompetition;
  "chair-setup": typeof chairSetup;
  "chair-results": typeof chairResults;
  judge: typeof judge;
  library: typeof library;
  evidence: typeof evidence;
  public: typeof publicPages;
}
export type MessageKey = { [S in SectionName]: keyof Catalog[S] & string }[SectionName];
export type Params = Record<string, string | number>;

/** A route's `handle.i18n`: the sections its page uses besides `common` (always loaded). */
export interface MessagesHandle {
  i18n?: readonly SectionName[];
}

/**
 * Which section holds a key, by its longest listed prefix, so the browser can fetch a section
 * for a key it meets in data (an action's error, a reason from the server) without shipping the
 * list of every key. tests/unit/i18n.test.ts checks this table against the catalogs.
 */
const SECTION_BY_PREFIX: Record<string, SectionName> = {
  app: "common",
  nav: "common",
  lang: "common",
  role: "common",
  level: "common",
  libraryType: "common",
  aggregation: "common",
  scope: "common",
  action: "common",
  form: "common",
  error: "common",
  "library.nav": "common",
  "setup.nav.libraries": "common",
  "setup.nav.import": "common",
  "setup.nav.new": "common",
  "setup.entries.status.active": "common",
  "setup.entries.status.withdrawn": "common",
  "setup.entries.status.disqualified": "common",
  "public.archive": "common",
  "status.draft": "common",
  "status.scoring": "common",
  "status.closed": "common",
  "status.published": "common",
  login: "account",
  password: "account",
  users: "admin",
  judges: "admin",
  dashboard: "dashboard",
  audit: "audit",
  "setup.nav": "chair-competition",
  "setup.overview": "chair-competition",
  "setup.saved": "chair-competition",
  "setup.field": "chair-competition",
  "setup.new": "chair-competition",
  "setup.settings": "chair-competition",
  "setup.points": "chair-competition",
  "setup.export": "chair-competition",
  "setup.error.integer": "chair-competition",
  "setup.error.yearRange": "chair-competition",
  "setup.error.prizeWinnersRange": "chair-competition",
  "setup.error.prizeHonourableRange": "chair-competition",
  "setup.error.slugTaken": "chair-competition",
  "setup.error.settingsLocked": "chair-competition",
  "setup.error.deleteOnlyDraft": "chair-competition",
  "setup.error.deleteHasSheets": "chair-competition",
  "setup.error.badRequest": "chair-competition",
  status: "chair-competition",
  stage: "chair-competition",
  stages: "chair-competition",
  stageSetup: "chair-competition",
  "results.nav": "chair-competition",
  "scoring.nav": "chair-competition",
  setup: "chair-setup",
  libraryInvite: "chair-setup",
  file: "chair-setup",
  stageJudges: "chair-setup",
  results: "chair-results",
  "scoring.chair": "chair-results",
  "scoring.reopen": "chair-results",
  ranking: "chair-results",
  export: "chair-results",
  feedback: "chair-results",
  minutes: "chair-results",
  setAside: "chair-results",
  baStages: "chair-results",
  "stageScore.minutes": "chair-results",
  scoresImport: "chair-results",
  scoring: "judge",
  judge: "judge",
  library: "library",
  selfAssessment: "library",
  evidence: "evidence",
  public: "public",
  stageScore: "public",
  certificate: "public",
  home: "public",
  about: "public",
  ceremony: "public",
  documents: "public",
  publicStages: "public",
};

export function sectionOf(key: string): SectionName | undefined {
  for (let prefix = key; ;) {
    const section = SECTION_BY_PREFIX[prefix];
    if (section) return section;
    const dot = prefix.lastIndexOf(".");
    if (dot < 0) return undefined;
    prefix = prefix.slice(0, dot);
  }
}

type Loaded = Record<Lang, Partial<Record<SectionName, Record<string, string>>>>;
const loaded: Loaded = server.serverCatalogs
  ? { id: { ...server.serverCatalogs.id }, en: { ...server.serverCatalogs.en } }
  : { id: {}, en: {} };

type Loader = () => Promise<{ default: Record<string, string> }>;
// Literal import() calls: esbuild makes each its own chunk, fetched once and cached.
const LOADERS: Record<Lang, Record<SectionName, Loader>> = {
  id: {
    common: () => import("./catalog/common.id"),
    account: () => import("./catalog/account.id"),
    admin: () => import("./catalog/admin.id"),
    dashboard: () => import("./catalog/dashboard.id"),
    audit: () => import("./catalog/audit.id"),
    "chair-competition": () => import("./catalog/chair-competition.id"),
    "chair-setup": () => import("./catalog/chair-setup.id"),
    "chair-results": () => import("./catalog/chair-results.id"),
    judge: () => import("./catalog/judge.id"),
    library: () => import("./catalog/library.id"),
    evidence: () => import("./catalog/evidence.id"),
    public: () => import("./catalog/public.id"),
  },
  en: {
    common: () => import("./catalog/common.en"),
    account: () => import("./catalog/account.en"),
    admin: () => import("./catalog/admin.en"),
    dashboard: () => import("./catalog/dashboard.en"),
    audit: () => import("./catalog/audit.en"),
    "chair-competition": () => import("./catalog/chair-competition.en"),
    "chair-setup": () => import("./catalog/chair-setup.en"),
    "chair-results": () => import("./catalog/chair-results.en"),
    judge: () => import("./catalog/judge.en"),
    library: () => import("./catalog/library.en"),
    evidence: () => import("./catalog/evidence.en"),
    public: () => import("./catalog/public.en"),
  },
};

const loading = new Map<string, Promise<void>>();
const failed = new Map<string, unknown>();

/**
 * After hydration (`preloadSectionsOnNavigation` turns it on, from the root's hydration effect), a page whose section could not be fetched
 * (the connection dropped, a new release replaced the file) is loaded from the server instead
 * of showing an error: the browser reloads its address, which by then is the new page's. Not
 * before hydration, where a reload could repeat itself, nor while the browser knows it is offline.
 */
export const recovery = { reload: false };
const never = new Promise<never>(() => {});

function reloadInstead(error: unknown): never {
  // offline, a reload would only trade the page for the browser's own error page
  if (!recovery.reload || !navigator.onLine) throw error;
  recovery.reload = false;
  window.location.reload();
  throw never;
}

/**
 * Starts loading the sections not yet here in `lang`; the promise settles when all are here, or
 * `undefined` when nothing is missing. A section that failed to load (the network dropped)
 * throws its error (for the route's error boundary; see `waitFor`).
 */
export function loadSections(lang: Lang, names: readonly SectionName[]): Promise<void> | undefined {
  const missing = [...new Set(names)].filter((name) => !loaded[lang][name]);
  if (missing.length === 0) return undefined;
  return Promise.all(
    missing.map((name) => {
      const id = `${lang}/${name}`;
      if (failed.has(id)) throw failed.get(id);
      let promise = loading.get(id);
      if (!promise) {
        promise = LOADERS[lang][name]().then(
          (module) => {
            loaded[lang][name] = module.default;
          },
          (error: unknown) => {
            failed.set(id, error);
          },
        );
        loading.set(id, promise);
      }
      return promise;
    }),
  ).then(() => undefined);
}

/**
 * The messages of a section, or, while it is still on its way, a thrown promise: React shows
 * the page on screen until it is here (navigations run in a transition), then renders again.
 */
function messages(lang: Lang, section: SectionName): Record<string, string> {
  const here = loaded[lang][section];
  if (here) return here;
  throw waitFor(lang, [section]);
}

/**
 * What a render waits for before it can show the sections (`loadSections`), or, for a section
 * that failed after hydration, the page from the server (`recovery`).
 */
export function waitFor(lang: Lang, names: readonly SectionName[]): Promise<void> | undefined {
  try {
    return loadSections(lang, names);
  } catch (error) {
    return reloadInstead(error);
  }
}

function pageLang(): Lang {
  return typeof document === "undefined" ? DEFAULT_LANG : parseLang(document.documentElement.lang);
}

export function isMessageKey(key: string): key is MessageKey {
  const section = sectionOf(key);
  if (!section) return false;
  const some = loaded.id[section] ?? loaded.en[section] ?? messages(pageLang(), section);
  return Object.hasOwn(some, key);
}

/** Looks a message up and fills its {placeholders}. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const section = sectionOf(key);
  const template = (section && messages(lang, section)[key]) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, stop: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = String(params[name]);
    // a value that ends with its own full stop ("Nurhayati, S.IP.") ends the sentence too
    return stop && value.endsWith(".") ? value : value + stop;
  });
}

export function parseLang(value: unknown): Lang {
  return value === "en" ? "en" : DEFAULT_LANG;
}

export function locale(lang: Lang): string {
  return lang === "en" ? "en-GB" : "id-ID";
}
