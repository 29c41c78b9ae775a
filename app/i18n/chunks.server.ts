import fs from "node:fs";
import path from "node:path";
import type { Lang, SectionName } from "./index";
import type { RouteSections } from "./navigation";

type Chunks = Record<Lang, Partial<Record<SectionName, string>>>;
let cached: Chunks | undefined;

/**
 * The URL of each message section's chunk in the browser build, by language, from esbuild's
 * metafile (build/metafile.js.json), so the page can ask for its sections together with its
 * other modules (`<link rel="modulepreload">`) rather than after the entry has run. Without a
 * build (tests of route modules) there are none, and the browser still loads them by import().
 */
export function messageChunks(lang: Lang): Partial<Record<SectionName, string>> {
  if (!cached || process.env.NODE_ENV !== "production") cached = readChunks();
  return cached[lang];
}

function readChunks(): Chunks {
  const chunks: Chunks = { id: {}, en: {} };
  let outputs: Record<string, { entryPoint?: string }>;
  try {
    outputs = (
      JSON.parse(fs.readFileSync(path.resolve("build/metafile.js.json"), "utf8")) as {
        outputs: Record<string, { entryPoint?: string }>;
      }
    ).outputs;
  } catch {
    return chunks;
  }
  for (const [file, output] of Object.entries(outputs)) {
    const m = /^app\/i18n\/catalog\/([a-z-]+)\.(id|en)\.ts$/.exec(output.entryPoint ?? "");
    if (m) chunks[m[2] as Lang][m[1] as SectionName] = "/" + path.relative("public", file);
  }
  return chunks;
}

interface BuildRoute {
  path?: string;
  parentId?: string;
  module: { handle?: unknown };
}

/**
 * The message sections of the page at each route's address: `[full path pattern, sections]`,
 * the sections (`handle.i18n`) of the route and of every layout above it, from the server
 * build's route modules. The browser preloads a navigation's sections from it
 * (app/i18n/navigation.ts) by matching the address itself: Remix's router may not know the
 * route yet when the navigation starts (routes are discovered lazily).
 */
export function sectionsByPath(routes: Record<string, BuildRoute>): RouteSections {
  const byPath = new Map<string, Set<SectionName>>();
  for (const id of Object.keys(routes)) {
    const segments: string[] = [];
    const sections = new Set<SectionName>();
    for (let at: BuildRoute | undefined = routes[id]; at; at = routes[at.parentId ?? ""]) {
      if (at.path) segments.unshift(at.path);
      for (const s of (at.module.handle as { i18n?: SectionName[] } | undefined)?.i18n ?? [])
        sections.add(s);
    }
    if (sections.size === 0) continue;
    const path = "/" + segments.join("/");
    // a layout and its index page share the address: the page loads both's sections
    byPath.set(path, new Set([...(byPath.get(path) ?? []), ...sections]));
  }
  return [...byPath].map(([path, sections]) => [path, [...sections].sort()]);
}
