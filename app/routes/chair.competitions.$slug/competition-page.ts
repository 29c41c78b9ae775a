import { useMatches, useRouteLoaderData } from "@remix-run/react";
import type { CompetitionStatus } from "../../../db/schema";
import type { MessageKey, MessagesHandle } from "~/i18n";

const LAYOUT_ID = "routes/chair.competitions.$slug";

/**
 * A page below the competition layout that exports `handle: CompetitionPageHandle` gets its
 * heading and the competition nav from the layout. `heading: null` is the overview: the heading is
 * the competition's name and the line under it shows the year.
 */
export interface CompetitionPageHandle extends MessagesHandle {
  competitionPage: { heading: MessageKey | null };
}

export function useCompetitionPage(): CompetitionPageHandle["competitionPage"] | null {
  const leaf = useMatches().at(-1);
  const handle = leaf?.handle as Partial<CompetitionPageHandle> | undefined;
  return handle?.competitionPage ?? null;
}

/** What the layout's loader sends about its competition (route.tsx builds it). */
export interface CompetitionLine {
  slug: string;
  name: string;
  year: number;
  status: CompetitionStatus;
}

/** The competition the layout loaded, for display (each page checks access in its own loader). */
export function useCompetition(): CompetitionLine {
  const data = useRouteLoaderData<{ competition: CompetitionLine }>(LAYOUT_ID);
  if (!data) throw new Error("useCompetition is for pages below chair.competitions.$slug");
  return data.competition;
}
