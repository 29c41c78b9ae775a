/**
 * A catalog section holds both languages side by side, so a translator sees each Indonesian
 * message next to its English one. The type makes English list exactly the Indonesian keys.
 */
export function defineMessages<const K extends string>(section: {
  id: Record<K, string>;
  en: Record<NoInfer<K>, string>;
}) {
  return section;
}
