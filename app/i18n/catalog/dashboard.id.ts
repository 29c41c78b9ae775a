/**
 * The dashboard every role lands on: routes/dashboard.
 *
 * Bahasa Indonesia; the English is in dashboard.en.ts.
 */
export default {
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
};
