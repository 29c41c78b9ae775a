import { defineMessages } from "../define";

/**
 * The library's own pages (routes/library._index, routes/library.$slug): what a library's
 * manager (pengelola) sees after logging in.
 */
export const library = defineMessages({
  id: {
    "library.nav": "Lomba kami",
    "library.title": "Lomba {library}",
    "library.intro":
      "Lomba yang diikuti perpustakaan Anda. Lomba yang masih disiapkan panitia belum tampil di sini.",
    "library.none": "Perpustakaan Anda belum terdaftar di lomba mana pun yang sudah dibuka.",
    "library.col.competition": "Lomba",
    "library.col.year": "Tahun",
    "library.col.status": "Status lomba",
    "library.col.entry": "Status peserta",
    "library.col.results": "Hasil",
    "library.results": "Lihat hasil",
    "library.entry.title": "Keikutsertaan di {competition}",
    "library.entry.back": "Kembali ke daftar lomba",
    "library.entry.library": "Perpustakaan",
    "library.entry.code": "Kode",
    "library.entry.category": "Kategori",
    "library.entry.district": "Desa/kelurahan, kecamatan",
    "library.entry.status": "Status peserta",
    "library.entry.competitionStatus": "Status lomba",
    "library.entry.stages": "Tahap penilaian",
    "library.entry.stagesPublished": "Tahap penilaian, seperti diumumkan",
    "library.entry.stageCurrent": "sedang berjalan",
    "library.entry.stageReached": "tahap terakhir yang dicapai perpustakaan Anda",
    "library.entry.rank": "Peringkat",
    "library.entry.prize": "Penghargaan",
    "library.entry.publicResults": "Hasil lengkap yang diumumkan",
    "library.entry.notYet":
      "Hasil belum diumumkan. Halaman ini menampilkan peringkat dan tahap yang dicapai setelah panitia mengumumkan hasil.",
  },
  en: {
    "library.nav": "Our competitions",
    "library.title": "Competitions of {library}",
    "library.intro":
      "The competitions your library is entered in. Competitions the committee is still preparing are not shown yet.",
    "library.none": "Your library is not entered in any competition that has opened.",
    "library.col.competition": "Competition",
    "library.col.year": "Year",
    "library.col.status": "Competition status",
    "library.col.entry": "Entry status",
    "library.col.results": "Results",
    "library.results": "See the results",
    "library.entry.title": "Taking part in {competition}",
    "library.entry.back": "Back to the list of competitions",
    "library.entry.library": "Library",
    "library.entry.code": "Code",
    "library.entry.category": "Category",
    "library.entry.district": "Village, district",
    "library.entry.status": "Entry status",
    "library.entry.competitionStatus": "Competition status",
    "library.entry.stages": "Judging stages",
    "library.entry.stagesPublished": "Judging stages, as published",
    "library.entry.stageCurrent": "under way",
    "library.entry.stageReached": "the last stage your library reached",
    "library.entry.rank": "Rank",
    "library.entry.prize": "Award",
    "library.entry.publicResults": "The full published results",
    "library.entry.notYet":
      "The results are not published yet. Once the committee publishes them, this page shows the rank and the stage reached.",
  },
});
