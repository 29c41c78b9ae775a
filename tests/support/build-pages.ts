import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import ts from "typescript";
import type { Lang, SectionName } from "../../app/i18n";

/**
 * What the production browser build (public/build: Remix's assets manifest and esbuild's
 * metafile, build/metafile.js.json) sends for each page: the chunks a route's page loads before
 * hydration, and the message sections it loads for its language.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface Metafile {
  outputs: Record<
    string,
    { entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[] }
  >;
}

export interface BuiltPages {
  routes: Record<string, ManifestRoute>;
  /** The route ids from root down to `id`. */
  chain(id: string): string[];
  /** URLs of the JavaScript the page loads before hydration, message sections aside. */
  staticChunks(id: string): string[];
  /** URLs of chunks the page may import later (import()), message sections aside. */
  lazyChunks(id: string): string[];
  /** URL of one language of one message section. */
  sectionChunk(lang: Lang, section: SectionName): string;
  /** The file's bytes, gzip-compressed (level 9, as a server would serve it). */
  gzipBytes(url: string): number;
  source(url: string): string;
}

export function readBuiltPages(): BuiltPages {
  const dir = path.join(ROOT, "public/build");
  const manifestFile = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) throw new Error("no public/build/manifest-*.js: run `npm run build` first");
  const text = fs.readFileSync(path.join(dir, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports: string[] };
    routes: Record<string, ManifestRoute>;
  };
  const metafile = JSON.parse(
    fs.readFileSync(path.join(ROOT, "build/metafile.js.json"), "utf8"),
  ) as Metafile;
  const toUrl = (output: string) => "/" + path.relative("public", output).split(path.sep).join("/");
  const toOutput = (url: string) => path.join("public", url);
  const isSection = (output: string) =>
    /^app\/i18n\/catalog\//.test(metafile.outputs[output]?.entryPoint ?? "");

  const chain = (id: string): string[] => {
    const ids: string[] = [];
    for (let r = manifest.routes[id]; r; r = r.parentId ? manifest.routes[r.parentId] : undefined)
      ids.unshift(r.id);
    return ids;
  };
  const staticChunks = (id: string) => {
    const urls = new Set([manifest.entry.module, ...manifest.entry.imports]);
    for (const routeId of chain(id)) {
      const route = manifest.routes[routeId]!;
      urls.add(route.module);
      for (const url of route.imports ?? []) urls.add(url);
    }
    return [...urls];
  };
  const lazyChunks = (id: string) => {
    const seen = new Set(staticChunks(id).map(toOutput));
    const lazy = new Set<string>();
    const visit = (output: string) => {
      for (const i of metafile.outputs[output]?.imports ?? []) {
        if (i.external || seen.has(i.path) || lazy.has(i.path) || isSection(i.path)) continue;
        if (i.kind !== "dynamic-import" && i.kind !== "import-statement") continue;
        lazy.add(i.path);
        visit(i.path);
      }
    };
    for (const output of [...seen]) visit(output);
    return [...lazy].map(toUrl);
  };
  const sectionChunk = (lang: Lang, section: SectionName) => {
    const entry = `app/i18n/catalog/${section}.${lang}.ts`;
    const output = Object.keys(metafile.outputs).find(
      (o) => metafile.outputs[o]!.entryPoint === entry,
    );
    if (!output) throw new Error(`no chunk for ${entry}`);
    return toUrl(output);
  };
  const source = (url: string) => fs.readFileSync(path.join(ROOT, toOutput(url)), "utf8");
  const gzipBytes = (url: string) =>
    zlib.gzipSync(fs.readFileSync(path.join(ROOT, toOutput(url))), { level: 9 }).length;
  return {
    routes: manifest.routes,
    chain,
    staticChunks,
    lazyChunks,
    sectionChunk,
    gzipBytes,
    source,
  };
}

/**
 * The string and template literals of a chunk that can be message keys: plain strings as they
 * are, templates (`status.${s}`) as patterns whose holes match a key segment.
 */
export function literalsOf(code: string): { strings: Set<string>; patterns: RegExp[] } {
  const file = ts.createSourceFile(
    "chunk.js",
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  const strings = new Set<string>();
  const patterns: RegExp[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const visit = (node: ts.Node) => {
    // a property's name ({ "setup.nav": … }, the section table itself) names no message
    const isName = node.parent && ts.isPropertyAssignment(node.parent) && node.parent.name === node;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!isName) strings.add(node.text);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      if (/[A-Za-z]\./.test(parts.join(""))) {
        patterns.push(new RegExp(`^${parts.map(escape).join("[^.]+")}$`));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { strings, patterns };
}
