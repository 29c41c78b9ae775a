import { matchRoutes, type Location } from "@remix-run/react";
import { loadSections, parseLang, recovery, type SectionName } from "./index";
import { sectionsOf } from "./useT";

/** The sections each route names in `handle.i18n`, by route id (the root loader sends them). */
export type RouteSections = Record<string, readonly SectionName[]>;

interface Router {
  routes: Parameters<typeof matchRoutes>[0];
  state: {
    matches: { route: { id?: string } }[];
    navigation: { location?: Location; formAction?: string; formData?: FormData };
    loaderData: Record<string, unknown>;
  };
  subscribe(listener: (state: Router["state"]) => void): () => void;
}

/**
 * From hydration on: when a navigation starts, the sections of the routes it goes to start
 * loading at once, beside the route's data and code, rather than when the new page first
 * renders (one round trip later, with the new address already shown over the old page). Route
 * modules not yet loaded have no handle in the browser, so the map comes from the server, which
 * has every route's. A section that then fails is handled by `recovery` (the page is loaded from
 * the server).
 */
export function preloadSectionsOnNavigation(): void {
  const router = (window as unknown as { __remixRouter?: Router }).__remixRouter;
  recovery.reload = true;
  if (!router) return;
  let last: string | undefined;
  router.subscribe((state) => {
    const to = state.navigation.location;
    if (!to || to.key === last) return;
    last = to.key;
    const bySection =
      (state.loaderData.root as { routeSections?: RouteSections } | undefined)?.routeSections ?? {};
    // the language form brings the same page back in the language it names
    const switching = state.navigation.formAction === "/language";
    const lang = switching ? state.navigation.formData?.get("lang") : document.documentElement.lang;
    const matches = switching ? state.matches : (matchRoutes(router.routes, to) ?? []);
    try {
      void loadSections(
        parseLang(lang),
        sectionsOf(matches.map((m) => ({ i18n: m.route.id ? bySection[m.route.id] : undefined }))),
      );
    } catch {
      // a section that failed before: the page's render loads it again or reloads (`recovery`)
    }
  });
}
