import { defineMessages } from "../define";

/** The dashboard every role lands on: routes/dashboard. */
export const dashboard = defineMessages({
  id: {
    "dashboard.title": "Dasbor",
    "dashboard.welcome": "Selamat datang, {name}.",
    "dashboard.competitions": "Lomba",
    "dashboard.noCompetitions": "Belum ada lomba.",
    "dashboard.col.name": "Lomba",
    "dashboard.col.year": "Tahun",
    "dashboard.col.status": "Status",
    "dashboard.col.entries": "Peserta",
    "dashboard.col.judges": "Juri",
    "dashboard.col.sheets": "Lembar dikirim",
    "dashboard.judgeCompetitions": "Lomba yang Anda nilai",
    "dashboard.judgeNone": "Belum ada lomba dalam tahap penilaian yang ditugaskan kepada Anda.",
    "dashboard.judgeProgress": "{submitted} dari {total} lembar nilai dikirim",
  },
  en: {
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
  },
});
