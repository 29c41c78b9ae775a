import fs from "node:fs";
import path from "node:path";
import type { Lang, SectionName } from "./index";

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

/**
 * Each route's message sections (`handle.i18n`) from the server build's route modules, for the
 * routes that name some: the browser preloads a navigation's sections from it
 * (app/i18n/navigation.ts) before the route's own module is there.
 */
export function sectionsByRoute(
  routes: Record<string, { module: { handle?: unknown } }>,
): Record<string, readonly SectionName[]> {
  const map: Record<string, readonly SectionName[]> = {};
  for (const [id, route] of Object.entries(routes)) {
    const sections = (route.module.handle as { i18n?: readonly SectionName[] } | undefined)?.i18n;
    if (sections?.length) map[id] = sections;
  }
  return map;
}
