/**
 * The one control-character rule for every text field (docs/security.md). No imports: the score
 * sheet's checks run in the browser on every key, and the zod schemas use the same function.
 *
 * Refused:
 * - C0 controls (NUL, BEL, ESC, …) but tab, line feed and carriage return, and DEL: they corrupt
 *   terminals, logs, CSV exports and printed reports;
 * - C1 controls (U+0080–U+009F): invisible on screen, and some terminals read U+009B as ESC [;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make stored text
 *   display in another order than it reads ("Trojan Source"), in a note, a name or a reason.
 * Right-to-left letters themselves, and the marks LRM/RLM, stay allowed.
 */
const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** False for text holding a control character the rule refuses. */
export function noControlCharacters(text: string): boolean {
  return !CONTROL_CHARACTERS.test(text);
}
