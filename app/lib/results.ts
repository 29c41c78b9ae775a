import { isMessageKey, type MessageKey, type Params } from "~/i18n";

/** Helpers for presenting a published ranking, shared by the public pages. */
export interface HasCategory {
  category: string;
  prize: string | null;
}

/** One section for an overall ranking; one per category (desa, then kelurahan) otherwise. */
export function groupByCategory<R extends HasCategory>(
  results: readonly R[],
  scope: "overall" | "category",
): { category: string | null; results: R[] }[] {
  if (scope === "overall") return [{ category: null, results: [...results] }];
  const order = ["desa", "kelurahan"];
  const categories = [...new Set(results.map((r) => r.category))].sort(
    (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b),
  );
  return categories.map((category) => ({
    category,
    results: results.filter((r) => r.category === category),
  }));
}

export const isJuara = (r: HasCategory) => r.prize?.startsWith("Juara") ?? false;
export const isHarapan = (r: HasCategory) => r.prize?.startsWith("Harapan") ?? false;

const prizeNumber = (prize: string | null) => {
  const roman = prize?.split(" ")[1] ?? "";
  return (
    (
      { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6, VII: 7, VIII: 8, IX: 9, X: 10 } as Record<
        string,
        number
      >
    )[roman] ?? 0
  );
};

/**
 * The ceremony's reveal order: within each category, honourable mentions from the last to the
 * first (Harapan III, II, I), then the winners from third to first (Juara III, II, I).
 */
export function ceremonyOrder<R extends HasCategory>(
  results: readonly R[],
  scope: "overall" | "category",
): R[] {
  return groupByCategory(results, scope).flatMap(({ results: group }) => {
    const harapan = group
      .filter(isHarapan)
      .sort((a, b) => prizeNumber(b.prize) - prizeNumber(a.prize));
    const juara = group.filter(isJuara).sort((a, b) => prizeNumber(b.prize) - prizeNumber(a.prize));
    return [...harapan, ...juara];
  });
}

/** "Desa" / "Kelurahan" in the visitor's language (the stored value when the catalog has none). */
export function categoryName(
  t: (key: MessageKey, params?: Params) => string,
  category: string,
): string {
  const key = `libraryType.${category}`;
  return isMessageKey(key) ? t(key) : category;
}

/** Juara I, II, III… then Harapan I, II, III…, category by category (desa, then kelurahan). */
export function prizeOrder<R extends HasCategory>(
  results: readonly R[],
  scope: "overall" | "category",
): R[] {
  const byPrize = (a: R, b: R) => prizeNumber(a.prize) - prizeNumber(b.prize);
  return groupByCategory(results, scope).flatMap(({ results: group }) => [
    ...group.filter(isJuara).sort(byPrize),
    ...group.filter(isHarapan).sort(byPrize),
  ]);
}
