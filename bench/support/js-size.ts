/**
 * The JavaScript each page sends, gzip bytes, read from the last `remix build`: the route
 * manifest (public/build/manifest-<version>.js) gives each route and its parents, the esbuild
 * metafile (build/metafile.js.json) the chunks each module imports. A page is the entry, the
 * root, every parent route and the route itself with every chunk they import statically, each
 * file counted once; chunks reached only through `import()` are not on the page and are counted
 * apart, by the module they load (the charts). The message sections the page's routes name in
 * `handle.i18n` (and `common`) load before hydration in the page's language: each page counts
 * them in Indonesian, the default (docs/decisions/014-message-loading.md); the other sections
 * and the English ones are neither on the page nor "later". Resource routes (no default export: CSV, JSON,
 * files) send no JavaScript and are left out, and so are layout routes, which are never a page
 * of their own: each of their child pages counts them.
 *
 * Deterministic: the same build gives the same bytes, so a test can hold the budget
 * (`pageBudget`) as well as `npm run bench bundle` prints it.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: string;
}

interface MetafileOutput {
  imports: { path: string; kind: string }[];
  exports: string[];
  entryPoint?: string;
}

/** A chunk the page loads later through `import()`, named by the module it loads. */
export interface LazyChunk {
  /** the source module, e.g. "app/components/charts/ResultCharts.tsx" */
  name: string;
  /** the files it adds to the page's (paths under public/) */
  files: string[];
  bytes: number;
}

export interface PageJs {
  /** route id, e.g. "routes/competitions.$slug._index" */
  route: string;
  /** the URL it answers, e.g. "/competitions/:slug" */
  url: string;
  /** every file the page loads before it is interactive (paths under public/) */
  files: string[];
  /** the message sections among them (Indonesian), e.g. ["common", "account"] */
  messages: string[];
  /** their gzip bytes, together */
  bytes: number;
  lazy: LazyChunk[];
}

/** The budget a page is held to, and the kind of page that sets it. */
export interface PageBudget {
  kind: "public" | "score sheet" | "staff" | "winners";
  kib: number;
}

/**
 * Public pages and login load over village mobile data: 110 KiB; the judge's score sheet, used on
 * a phone during visits: 110 KiB; the pages of chairs, admins, library managers and judges
 * (desk work): 150 KiB; the winners page 150 KiB with its charts loaded after the podium
 * (`lazy`, not counted).
 */
export function pageBudget(route: string): PageBudget {
  const name = route.replace(/^routes\//, "");
  if (name === "competitions.$slug._index") return { kind: "winners", kib: 150 };
  if (name === "judge.$slug.$code") return { kind: "score sheet", kib: 110 };
  const publicPage =
    name === "_index" ||
    name === "about" ||
    name === "archive" ||
    name === "login" ||
    name === "$" ||
    name.startsWith("competitions.") ||
    name.startsWith("libraries.");
  return publicPage ? { kind: "public", kib: 110 } : { kind: "staff", kib: 150 };
}

const gzipCache = new Map<string, number>();

function gzipBytes(root: string, file: string): number {
  const full = path.join(root, "public", file);
  let n = gzipCache.get(full);
  if (n === undefined) {
    n = zlib.gzipSync(fs.readFileSync(full)).length;
    gzipCache.set(full, n);
  }
  return n;
}

function readManifest(root: string): Record<string, ManifestRoute> {
  const version = fs.readFileSync(path.join(root, "build/version.txt"), "utf8").trim();
  const file = path.join(root, "public/build", `manifest-${version.toUpperCase()}.js`);
  const text = fs.readFileSync(file, "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return (JSON.parse(json) as { routes: Record<string, ManifestRoute> }).routes;
}

/** No default export in the route's source: a resource route (CSV, JSON, a file, a redirect). */
function isResourceRoute(root: string, module: MetafileOutput): boolean {
  // "browser-route-module:routes/healthz.ts?browser"; its browser build always has a default
  // export (an empty module's), so the source tells
  const source = /^browser-route-module:(.*)\?browser$/.exec(module.entryPoint ?? "")?.[1];
  if (!source) throw new Error(`not a route module: ${module.entryPoint}`);
  return !/^export default /m.test(fs.readFileSync(path.join(root, "app", source), "utf8"));
}

function urlOf(routes: Record<string, ManifestRoute>, id: string): string {
  const parts: string[] = [];
  for (let r = routes[id]; r; r = r.parentId ? routes[r.parentId] : undefined)
    if (r.path) parts.unshift(r.path);
  return "/" + parts.join("/");
}

/** The message sections each route names in its `handle.i18n`, read from the server build. */
async function routeMessageSections(root: string): Promise<Map<string, string[]>> {
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as {
    routes: Record<string, { module: { handle?: { i18n?: string[] } } }>;
  };
  return new Map(Object.entries(build.routes).map(([id, r]) => [id, r.module.handle?.i18n ?? []]));
}

/**
 * Every page's JavaScript, from the build in `root` (the repository by default), sorted by URL.
 * Throws when there is no build: run `npx remix build` first.
 */
export async function measurePages(root = ROOT): Promise<PageJs[]> {
  const routes = readManifest(root);
  const sectionsOf = await routeMessageSections(root);
  const outputs = (
    JSON.parse(fs.readFileSync(path.join(root, "build/metafile.js.json"), "utf8")) as {
      outputs: Record<string, MetafileOutput>;
    }
  ).outputs;
  // metafile paths are "public/build/…", manifest paths "/build/…": both as "build/…"
  const key = (p: string) => p.replace(/^\/?(public\/)?/, "");
  const byFile = new Map(Object.entries(outputs).map(([p, o]) => [key(p), o]));
  const output = (file: string) => {
    const o = byFile.get(file);
    if (!o) throw new Error(`${file} is not in build/metafile.js.json: rebuild`);
    return o;
  };

  /** the file and everything it imports statically, added to `into` */
  const closure = (file: string, into: Set<string>) => {
    if (into.has(file)) return into;
    into.add(file);
    for (const i of output(file).imports)
      if (i.kind === "import-statement") closure(key(i.path), into);
    return into;
  };
  const entryFile = [...byFile].find(([, o]) => o.entryPoint?.endsWith("entry.client.tsx"))?.[0];
  // app/i18n/catalog/<section>.<lang>.ts, each its own chunk
  const sectionFile = new Map<string, string>();
  for (const [file, o] of byFile) {
    const m = /^app\/i18n\/catalog\/([a-z-]+)\.(id|en)\.ts$/.exec(o.entryPoint ?? "");
    if (m) sectionFile.set(`${m[1]}.${m[2]}`, file);
  }
  if (!entryFile) throw new Error("no entry.client chunk in build/metafile.js.json");

  const parents = new Set(Object.values(routes).map((r) => r.parentId));
  const pages: PageJs[] = [];
  for (const route of Object.values(routes)) {
    if (route.id === "root" || parents.has(route.id)) continue;
    if (isResourceRoute(root, output(key(route.module)))) continue;
    const files = closure(entryFile, new Set());
    const messages = new Set(["common"]);
    for (
      let r: ManifestRoute | undefined = route;
      r;
      r = r.parentId ? routes[r.parentId] : undefined
    ) {
      closure(key(r.module), files);
      for (const section of sectionsOf.get(r.id) ?? []) messages.add(section);
    }
    for (const section of messages) {
      const file = sectionFile.get(`${section}.id`);
      if (!file) throw new Error(`no chunk for message section ${section}: rebuild`);
      files.add(file);
    }
    const sectionFiles = new Set(sectionFile.values());
    const lazy: LazyChunk[] = [];
    const seen = new Set<string>();
    for (const f of files)
      for (const i of output(f).imports) {
        const target = key(i.path);
        if (i.kind !== "dynamic-import" || seen.has(target) || sectionFiles.has(target)) continue;
        seen.add(target);
        const added = [...closure(target, new Set())].filter((x) => !files.has(x));
        lazy.push({
          name: output(target).entryPoint ?? target,
          files: added.map((x) => `/${x}`),
          bytes: added.reduce((n, x) => n + gzipBytes(root, x), 0),
        });
      }
    pages.push({
      route: route.id,
      url: urlOf(routes, route.id),
      files: [...files].map((x) => `/${x}`),
      messages: [...messages].sort(),
      bytes: [...files].reduce((n, x) => n + gzipBytes(root, x), 0),
      lazy,
    });
  }
  return pages.sort((a, b) => a.url.localeCompare(b.url) || a.route.localeCompare(b.route));
}

export const kib = (bytes: number) => bytes / 1024;

/** A page over its budget, as a test or the bench reports it. */
export interface OverBudget {
  url: string;
  route: string;
  kib: number;
  budget: number;
}

/**
 * The pages over their budget (none when the budget is kept): `expect(pagesOverBudget(await measurePages())).toEqual([])`
 * names each one that grew, with its size, in the test's failure.
 */
export function pagesOverBudget(pages: readonly PageJs[]): OverBudget[] {
  return pages.flatMap((p) => {
    const budget = pageBudget(p.route).kib;
    const size = Math.round(kib(p.bytes) * 10) / 10;
    return p.bytes > budget * 1024 ? [{ url: p.url, route: p.route, kib: size, budget }] : [];
  });
}

/**
 * The pages whose JavaScript (before anything loaded later) contains `text`: `"ZodError"` finds
 * a page that ships zod, `"recharts"` one that draws charts before hydration.
 */
export function pagesContaining(text: string, pages: readonly PageJs[]): string[] {
  const root = ROOT;
  return pages
    .filter((p) =>
      p.files.some((f) => fs.readFileSync(path.join(root, "public", f), "utf8").includes(text)),
    )
    .map((p) => p.url);
}
