import { SECTIONS, sectionOf, type MessageKey, type SectionName } from "../../app/i18n";
import { serverCatalogs } from "../../app/i18n/catalogs.server";
import { literalsOf, type BuiltPages } from "./build-pages";

const ALL_KEYS = SECTIONS.flatMap((s) => Object.keys(serverCatalogs.id[s])) as MessageKey[];

/** Every message key the page's browser code names (literally or as a template), by section. */
export function keysNamedBy(pages: BuiltPages, routeId: string): Map<SectionName, string[]> {
  const bySection = new Map<SectionName, string[]>();
  const found = new Set<string>();
  for (const url of [...pages.staticChunks(routeId), ...pages.lazyChunks(routeId)]) {
    const { strings, patterns } = literalsOf(pages.source(url));
    for (const key of ALL_KEYS) {
      if (!found.has(key) && (strings.has(key) || patterns.some((p) => p.test(key))))
        found.add(key);
    }
  }
  for (const key of found) {
    const section = sectionOf(key)!;
    bySection.set(section, [...(bySection.get(section) ?? []), key]);
  }
  return bySection;
}
