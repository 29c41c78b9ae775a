import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadSections, parseLang } from "~/i18n";
import { sectionsOf } from "~/i18n/useT";

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

// The page's messages (its language, the sections its routes name) are here before React
// hydrates, so hydration renders exactly the server's text and never waits.
const routeModules = (
  window as unknown as { __remixRouteModules: Record<string, { handle?: unknown }> }
).__remixRouteModules;
const ready = loadSections(
  parseLang(document.documentElement.lang),
  sectionsOf(Object.values(routeModules).map((m) => m?.handle)),
);
if (ready) ready.then(hydrate, hydrate);
else hydrate();
