import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { SECTIONS, sectionOf, type SectionName } from "../../app/i18n";
import { serverCatalogs } from "../../app/i18n/catalogs.server";

/**
 * Which message keys a page's browser code names, read from the production build's chunks
 * (bench/support/js-size.ts says which chunks a page loads).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const ALL_KEYS = SECTIONS.flatMap((s) => Object.keys(serverCatalogs.id[s]));
const keysByChunk = new Map<string, Set<string>>();

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

function keysIn(file: string): Set<string> {
  let keys = keysByChunk.get(file);
  if (!keys) {
    const { strings, patterns } = literalsOf(
      fs.readFileSync(path.join(ROOT, "public", file), "utf8"),
    );
    keys = new Set(ALL_KEYS.filter((k) => strings.has(k) || patterns.some((p) => p.test(k))));
    keysByChunk.set(file, keys);
  }
  return keys;
}

/** Every message key the chunks (paths under public/) name, by section. */
export function keysNamedBy(files: readonly string[]): Map<SectionName, string[]> {
  const bySection = new Map<SectionName, string[]>();
  const found = new Set<string>();
  for (const file of files) for (const key of keysIn(file)) found.add(key);
  for (const key of found) {
    const section = sectionOf(key)!;
    bySection.set(section, [...(bySection.get(section) ?? []), key]);
  }
  return bySection;
}
