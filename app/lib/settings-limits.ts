/**
 * The limits of a competition's numbers, shared by the settings schema and the inputs' min and
 * max (a module of its own, so the browser gets them without zod).
 */
export const SETTINGS_LIMITS = {
  year: { min: 1990, max: 2200 },
  // a competition crowns at least one winner
  prizeWinners: { min: 1, max: 10 },
  prizeHonourable: { min: 0, max: 10 },
} as const;
