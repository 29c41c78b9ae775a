/**
 * A cached public page (the winners page on award day, on a village phone) that starts loading
 * its scripts only once it has painted, so that the podium is on screen first.
 *
 * Remix's `<Scripts>` lists some twenty `<link rel="modulepreload">`s and an inline module script
 * whose `import`s fetch the page's route modules. On a slow phone the browser fetches and compiles
 * them on the same main thread that lays out and paints the page: Chromium traces of the phone
 * bench (CPU ×4) put 70–370 ms of issuing the preloads, and the scripts' compiling, before the
 * first paint (docs/performance.md, "Slow mobile network"). This rewrites the page's HTML:
 * - every `modulepreload` link becomes `rel="modulepreload-after-paint"`, which the browser
 *   ignores. The elements stay, so that React finds the document it rendered when it hydrates
 *   (it does not compare attributes there; removing the links made it render the page again);
 * - the inline module script's static `import`s become dynamic ones, run with the rest of the
 *   script after the first paint (a timer set from an animation frame runs once that frame has
 *   been painted), after the links have been switched back to `modulepreload`, so that every
 *   chunk is fetched at once, as before.
 * The script's text may differ from what React renders in the browser: Remix marks it
 * `suppressHydrationWarning` and React does not compare inner HTML. A page whose scripts are not
 * in the expected form is returned as it was (tests/integration/public-pages.test.ts checks the
 * winners page is rewritten, tests/e2e/public.test.ts that it still hydrates).
 */

const MODULE_SCRIPT = /(<script\b[^>]*\btype="module"[^>]*>)([\s\S]*?)(<\/script>)/;
const NAMESPACE_IMPORT = /^import \* as (\w+) from ("[^"\n]+");$/gm;
const BARE_IMPORT = /^import ("[^"\n]+");$/gm;
const LATER_REL = "modulepreload-after-paint";

export function scriptsAfterPaint(html: string): string {
  // Remix's module script names no link, so the links can be set aside before it is looked at
  const aside = html.replaceAll('rel="modulepreload"', `rel="${LATER_REL}"`);
  const script = MODULE_SCRIPT.exec(aside);
  if (!script) return html;
  const text = script[2]!;
  const bare = [...text.matchAll(BARE_IMPORT)].map((m) => m[1]!);
  const named = [...text.matchAll(NAMESPACE_IMPORT)].map((m) => ({ name: m[1]!, url: m[2]! }));
  if (named.length === 0) return html;
  const rest = text.replace(NAMESPACE_IMPORT, "").replace(BARE_IMPORT, "");
  if (/^\s*import\s/m.test(rest)) return html;
  const later =
    `requestAnimationFrame(() => setTimeout(async () => {\n` +
    `for (const link of document.querySelectorAll('link[rel="${LATER_REL}"]')) link.rel = "modulepreload";\n` +
    bare.map((url) => `await import(${url});\n`).join("") +
    `const [${named.map((n) => n.name).join(", ")}] = await Promise.all([${named
      .map((n) => `import(${n.url})`)
      .join(", ")}]);\n` +
    `${rest.trim()}\n}));`;
  return (
    aside.slice(0, script.index) +
    script[1] +
    later +
    script[3] +
    aside.slice(script.index + script[0].length)
  );
}
