import { createContext, useContext } from "react";

/**
 * The app's stylesheet, written into the page's `<head>` rather than linked (docs/performance.md,
 * "Slow mobile network"): a linked stylesheet blocks the first paint until it arrives, and on a
 * slow phone connection it shares the line with the page's scripts, so the podium waited for them.
 * The server renders its text (app/lib/stylesheet.server.ts, through this context); in the
 * browser the context is empty and the element is left as the server sent it (React does not
 * compare inner HTML when it hydrates, nor update it while the text stays the same).
 */
export const StylesheetContext = createContext("");

export function InlineStylesheet() {
  const css = useContext(StylesheetContext);
  return (
    <style id="app-stylesheet" dangerouslySetInnerHTML={{ __html: css }} suppressHydrationWarning />
  );
}
