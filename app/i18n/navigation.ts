import { matchRoutes, type Location } from "@remix-run/react";
import { loadSections, parseLang, recovery, type SectionName } from "./index";
import { sectionsOf } from "./useT";

/**
 * The sections of the page at each address pattern (its route's and its layouts'
 * `handle.i18n`), as the root loader sends them (`sectionsByPath` in chunks.server.ts).
 */
export type RouteSections = [string, SectionName[]][];

interface Router {
  state: {
    location: Location;
    navigation: { location?: Location; formAction?: string; formData?: FormData };
    loaderData: Record<string, unknown>;
  };
  subscribe(listener: (state: Router["state"]) => void): () => void;
}

/**
 * From hydration on: when a navigation starts, the sections of the page it goes to start loading
 * at once, beside the route's data and code, rather than when the new page first renders (one
 * round trip later, with the new address already shown over the old page). Neither the route's
 * module (its handle) nor, with lazy route discovery, the route itself may be in the browser
 * yet, so the address is matched against the patterns the server sent with the sections of
 * each page. A section that then fails is handled by `recovery` (the page is loaded from the
 * server).
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
    const pages = (
      (state.loaderData.root as { routeSections?: RouteSections } | undefined)?.routeSections ?? []
    ).map(([path, sections]) => ({ path, sections }));
    // the language form brings the page on screen back in the language it names
    const switching = state.navigation.formAction === "/language";
    const lang = switching ? state.navigation.formData?.get("lang") : document.documentElement.lang;
    const page = matchRoutes(pages, switching ? state.location : to)?.at(-1)?.route;
    try {
      void loadSections(parseLang(lang), sectionsOf([{ i18n: page?.sections }]));
    } catch {
      // a section that failed before: the page's render loads it again or reloads (`recovery`)
    }
  });
}
