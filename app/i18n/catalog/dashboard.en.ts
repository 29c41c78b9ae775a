import type { Messages } from "../define";
import type id from "./dashboard.id";

/** English for dashboard.id.ts: the type makes it list exactly the Indonesian keys. */
export default {
  "dashboard.title": "Dashboard",
  "dashboard.welcome": "Welcome, {name}.",
  "dashboard.competitions": "Competitions",
  "dashboard.noCompetitions": "No competitions yet.",
  "dashboard.col.name": "Competition",
  "dashboard.col.year": "Year",
  "dashboard.col.status": "Status",
  "dashboard.col.entries": "Entries",
  "dashboard.col.judges": "Judges",
  "dashboard.col.sheets": "Sheets submitted",
  "dashboard.judgeCompetitions": "Competitions you judge",
  "dashboard.judgeNone": "No competition in scoring has been assigned to you yet.",
  "dashboard.judgeProgress": "{submitted} of {total} score sheets submitted",
} satisfies Messages<typeof id>;
