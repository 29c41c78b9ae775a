import { defineMessages } from "../define";

/**
 * What every competition page shares (routes/chair.competitions.$slug: its menu, status and the
 * status moves) and the overview, settings and new-competition pages.
 */
export const chairCompetition = defineMessages({
  id: {
    "status.draft": "Draf",
    "status.scoring": "Penilaian",
    "status.closed": "Ditutup",
    "status.published": "Diumumkan",
    "setup.overview.moved": "Status lomba sekarang: {status}.",
    "setup.overview.publicPage": "Buka halaman pemenang untuk umum",
    "status.reason.criteria": "Kriteria: {path}: {problem}",
    "status.reason.noEntries": "Belum ada peserta aktif.",
    "status.reason.entryWithoutJudge": "{library} belum memiliki juri.",
    "status.reason.scoresExist": "Sudah ada {count} nilai; lomba tidak dapat dikembalikan ke draf.",
    "status.reason.notFound": "Lomba tidak ditemukan.",
    "status.reason.notAllowed": "Perpindahan status dari {from} ke {to} tidak diizinkan.",
    "status.reason.changedMeanwhile":
      "Status lomba baru saja diubah orang lain. Muat ulang halaman.",
    "status.confirm.close":
      "Setelah ditutup, juri tidak dapat lagi mengubah nilai. Peringkat dapat diperiksa lalu diterbitkan.",
    "status.confirm.publish":
      "Hasil saat ini dibekukan dan tampil untuk umum. Perubahan kemudian tidak mengubah hasil yang sudah terbit.",
    "status.confirm.warnings": "Masih ada hal yang belum selesai:",
    "status.confirm.override": "Tetap lanjutkan (alasan wajib diisi dan dicatat di log audit)",
    "status.confirm.reasonRequired": "Alasan (wajib, dicatat di log audit)",
    "status.reason.reasonRequired": "Sebutkan alasannya.",
    "status.reason.overrideReason": "Untuk tetap melanjutkan, sebutkan alasannya.",
    "status.reason.correctionReason":
      "Hasil lomba ini pernah terbit: penerbitan ulang adalah koreksi dan wajib disertai alasan.",
    "status.reason.sheetsMissing": "{count} lembar nilai peserta aktif belum dikirim.",
    "status.reason.prizeTie":
      "Nilai seri yang menentukan juara di peringkat {rank} belum diputuskan: {libraries}.",
    "stage.reason.notScoring": "Tahap berikutnya hanya dapat dibuka saat penilaian berlangsung.",
    "stage.reason.lastStage": "Ini tahap terakhir; tutup penilaian untuk mengakhiri lomba.",
    "stage.reason.unchecked": "{count} peserta aktif belum diperiksa pada tahap administrasi.",
    "stage.check.reasonRequired": "Sebutkan alasan peserta tidak lolos.",
    "stage.check.notAdminStage": "Tahap yang sedang berjalan bukan tahap administrasi.",
    "status.reason.nothingRanked": "Belum ada peserta yang memiliki lembar nilai terkirim.",
    "status.reason.sheetMissing": "{judge} → {library} ({state})",
    "status.sheet.notStarted": "belum dibuka",
    "status.sheet.draft": "masih draf, belum dikirim",
    "status.note.sheetsOpen":
      "{count} lembar nilai belum dikirim; setelah ditutup, juri tidak dapat lagi mengirimnya:",

    "setup.nav.overview": "Ringkasan",
    "setup.nav.settings": "Pengaturan",
    "setup.nav.criteria": "Kriteria",
    "setup.nav.entries": "Peserta",
    "setup.nav.judges": "Juri",
    "setup.nav.libraries": "Daftar perpustakaan",
    "setup.nav.import": "Impor berkas lomba",
    "setup.nav.new": "Lomba baru",
    "setup.nav.label": "Menu lomba",
    "setup.saved": "Perubahan disimpan.",

    "setup.field.slug": "Kode lomba (untuk alamat halaman)",
    "setup.field.slugHint": "Huruf kecil, angka dan tanda hubung, misalnya kutim-2025.",
    "setup.field.name": "Nama lomba",
    "setup.field.year": "Tahun",
    "setup.field.level": "Tingkat",
    "setup.field.region": "Wilayah",
    "setup.field.aggregation": "Cara menggabungkan nilai juri",
    "setup.field.prizeWinners": "Jumlah juara",
    "setup.field.prizeHonourable": "Jumlah harapan",
    "setup.field.rankingScope": "Peringkat",
    "setup.field.template": "Kriteria awal",
    "setup.field.templateNone": "Tanpa templat",
    "setup.field.templateNoneHint":
      "Kriteria kosong; Anda menyusunnya sendiri di halaman Kriteria.",
    "setup.field.aggregationHint.mean":
      "nilai akhir adalah rata-rata nilai semua juri yang mengirim lembar nilai.",
    "setup.field.aggregationHint.median":
      "nilai akhir adalah nilai tengah para juri (bila jumlah juri genap, rata-rata dua nilai tengah); satu nilai yang jauh berbeda tidak menggesernya.",
    "setup.field.aggregationHint.trimmed-mean":
      "bila minimal 3 juri mengirim, satu nilai tertinggi dan satu terendah dibuang lalu sisanya dirata-rata; dengan 1–2 juri sama dengan rata-rata.",
    "setup.field.rankingScopeHint.overall":
      "semua peserta diperingkat bersama, dengan satu rangkaian juara dan harapan.",
    "setup.field.rankingScopeHint.category":
      "perpustakaan desa dan kelurahan diperingkat terpisah, masing-masing dengan juara dan harapannya sendiri.",
    "setup.field.prizeWinnersHint":
      "Peringkat 1 sampai angka ini menjadi Juara I, II, III…; paling sedikit 1.",
    "setup.field.prizeHonourableHint": "Peringkat sesudahnya menjadi Harapan I, II, III…; boleh 0.",

    "setup.new.title": "Lomba baru",
    "setup.settings.title": "Pengaturan lomba",
    "setup.settings.locked": "Pengaturan tidak dapat diubah setelah lomba ditutup.",
    "setup.points.title": "Tampilan poin",
    "setup.points.intro":
      "Sebagian panitia mengumumkan jumlah poin (990, 856, …). Poin tampil di samping nilai 0–100 pada hasil, halaman pemenang, sertifikat dan CSV hasil. Urutan peringkat tidak berubah. Dapat diubah kapan saja.",
    "setup.points.display": "Tampilkan poin",
    "setup.points.option.none": "Tidak, hanya nilai 0–100",
    "setup.points.option.weighted": "Nilai akhir × faktor",
    "setup.points.option.sum": "Jumlah skor mentah",
    "setup.points.hint.none": "Hanya nilai akhir 0–100 yang tampil.",
    "setup.points.hint.weighted":
      "Poin = nilai akhir 0–100 (dua desimal) × faktor, tepat tanpa pembulatan lagi. Contoh: 87,25 × 10 = 872,50 poin.",
    "setup.points.hint.sum":
      "Poin = jumlah skor indikator tiap juri tanpa bobot, digabung dengan metode agregasi lomba (rata-rata, median atau rata-rata terpangkas), dibulatkan dua desimal.",
    "setup.points.factor": "Faktor",
    "setup.points.factorHint": "Bilangan bulat 1–1000, hanya untuk “nilai akhir × faktor”.",

    "setup.overview.counts": "Keadaan persiapan",
    "setup.overview.entries": "Peserta aktif",
    "setup.overview.withdrawn": "Mengundurkan diri",
    "setup.overview.disqualified": "Didiskualifikasi",
    "setup.overview.judges": "Juri di panel",
    "setup.overview.components": "Komponen",
    "setup.overview.indicators": "Indikator",
    "setup.overview.weightTotal": "Jumlah bobot",
    "setup.overview.withoutJudge": "Peserta tanpa juri",
    "setup.overview.sheets": "Lembar nilai dikirim",
    "setup.overview.moves": "Ubah status",
    "setup.overview.moveTo": "Pindahkan ke: {status}",
    "setup.overview.blocked": "Belum bisa pindah ke {status}:",
    "setup.overview.confirmTitle": "Konfirmasi: ubah status menjadi {status}",
    "setup.overview.confirmScoring":
      "Setelah penilaian dibuka, kriteria dibekukan dan juri dapat mulai mengisi lembar nilai.",
    "setup.overview.confirmDraft":
      "Lomba kembali menjadi draf agar kriteria dapat diubah. Juri tidak dapat menilai sampai penilaian dibuka lagi.",
    "setup.overview.confirmGeneric": "Perubahan status dicatat di log audit.",
    "setup.overview.reason": "Alasan (dicatat di log audit)",
    "setup.overview.confirm": "Ya, ubah status",
    "setup.overview.duplicate": "Buat lomba tahun berikutnya dari lomba ini",
    "setup.overview.duplicateHint":
      "Kriteria, peserta, panel juri dan penugasan ikut disalin; nilai tidak.",
    "setup.overview.duplicateSubmit": "Salin lomba",
    "setup.overview.delete": "Hapus lomba",
    "setup.overview.deleteHint": "Lomba hanya dapat dihapus selama masih draf.",
    "setup.overview.deleteConfirm": "Ya, hapus lomba ini beserta peserta dan kriterianya",
    "setup.overview.deleteAsk": "Hapus lomba…",
    "setup.overview.scoresOnly": "Nilai hanya dapat diisi selama status Penilaian.",
    "setup.export": "Unduh berkas lomba (JSON)",

    "setup.error.integer": "Harus bilangan bulat.",
    "setup.error.yearRange": "Isi tahun 1990–2200.",
    "setup.error.prizeWinnersRange": "Jumlah juara 1–10: paling sedikit satu juara.",
    "setup.error.prizeHonourableRange": "Jumlah harapan 0–10.",
    "setup.error.slugTaken": "Kode lomba ini sudah dipakai.",
    "setup.error.settingsLocked": "Pengaturan tidak dapat diubah setelah lomba ditutup.",
    "setup.error.deleteOnlyDraft": "Lomba hanya dapat dihapus selama masih draf.",
    "setup.error.deleteHasSheets": "Lomba sudah memiliki lembar nilai dan tidak dapat dihapus.",
    "setup.error.badRequest": "Permintaan tidak dikenali.",

    "results.nav": "Hasil",

    "scoring.nav.sheets": "Lembar nilai",
  },
  en: {
    "status.draft": "Draft",
    "status.scoring": "Scoring",
    "status.closed": "Closed",
    "status.published": "Published",
    "setup.overview.moved": "The competition's status is now: {status}.",
    "setup.overview.publicPage": "Open the public winners page",
    "status.reason.criteria": "Criteria: {path}: {problem}",
    "status.reason.noEntries": "There are no active entries.",
    "status.reason.entryWithoutJudge": "{library} has no judge yet.",
    "status.reason.scoresExist":
      "{count} scores exist already; the competition cannot go back to draft.",
    "status.reason.notFound": "Competition not found.",
    "status.reason.notAllowed": "Moving from {from} to {to} is not allowed.",
    "status.reason.changedMeanwhile": "Someone else just changed the status. Reload the page.",
    "status.confirm.close":
      "Once closed, judges can no longer change scores. The ranking can be checked, then published.",
    "status.confirm.publish":
      "The current results are frozen and shown to the public. Later changes never alter what was published.",
    "status.confirm.warnings": "Some things are not finished:",
    "status.confirm.override": "Go ahead anyway (a reason is required and goes to the audit log)",
    "status.confirm.reasonRequired": "Reason (required, goes to the audit log)",
    "status.reason.reasonRequired": "State the reason.",
    "status.reason.overrideReason": "To go ahead anyway, state the reason.",
    "status.reason.correctionReason":
      "Results of this competition were published before: publishing again is a correction and needs a reason.",
    "status.reason.sheetsMissing": "{count} score sheets of active entries are not submitted yet.",
    "status.reason.prizeTie":
      "A tie deciding a prize at place {rank} has no decision yet: {libraries}.",
    "stage.reason.notScoring": "The next stage can only be opened while scoring is open.",
    "stage.reason.lastStage": "This is the last stage; close scoring to end the competition.",
    "stage.reason.unchecked": "{count} active entries are not checked yet in the admin stage.",
    "stage.check.reasonRequired": "State why the entry fails.",
    "stage.check.notAdminStage": "The stage open now is not an admin stage.",
    "status.reason.nothingRanked": "No entry has a submitted score sheet yet.",
    "status.reason.sheetMissing": "{judge} → {library} ({state})",
    "status.sheet.notStarted": "not started",
    "status.sheet.draft": "draft, not submitted",
    "status.note.sheetsOpen":
      "{count} score sheets are not submitted; once closed, judges can no longer submit them:",

    "setup.nav.overview": "Overview",
    "setup.nav.settings": "Settings",
    "setup.nav.criteria": "Criteria",
    "setup.nav.entries": "Entries",
    "setup.nav.judges": "Judges",
    "setup.nav.libraries": "Library registry",
    "setup.nav.import": "Import competition file",
    "setup.nav.new": "New competition",
    "setup.nav.label": "Competition menu",
    "setup.saved": "Changes saved.",

    "setup.field.slug": "Competition code (used in page addresses)",
    "setup.field.slugHint": "Lower-case letters, digits and hyphens, e.g. kutim-2025.",
    "setup.field.name": "Competition name",
    "setup.field.year": "Year",
    "setup.field.level": "Level",
    "setup.field.region": "Region",
    "setup.field.aggregation": "How judges' scores are combined",
    "setup.field.prizeWinners": "Number of winners",
    "setup.field.prizeHonourable": "Number of honourable mentions",
    "setup.field.rankingScope": "Ranking",
    "setup.field.template": "Starting criteria",
    "setup.field.templateNone": "No template",
    "setup.field.templateNoneHint": "Empty criteria; you build them yourself on the Criteria page.",
    "setup.field.aggregationHint.mean":
      "the final score is the average of the scores of every judge who submitted.",
    "setup.field.aggregationHint.median":
      "the final score is the judges' middle score (with an even number of judges, the average of the two middle ones); one score far off does not move it.",
    "setup.field.aggregationHint.trimmed-mean":
      "when at least 3 judges submitted, the highest and the lowest score are dropped and the rest averaged; with 1 or 2 judges it is the mean.",
    "setup.field.rankingScopeHint.overall":
      "all entries are ranked together, with one set of winners and honourable mentions.",
    "setup.field.rankingScopeHint.category":
      "village (desa) and kelurahan libraries are ranked apart, each with its own winners and honourable mentions.",
    "setup.field.prizeWinnersHint":
      "Places 1 up to this number become Juara I, II, III…; at least 1.",
    "setup.field.prizeHonourableHint":
      "The places after them become Harapan I, II, III…; 0 is allowed.",

    "setup.new.title": "New competition",
    "setup.settings.title": "Competition settings",
    "setup.settings.locked": "Settings cannot change once the competition is closed.",
    "setup.points.title": "Points display",
    "setup.points.intro":
      "Some committees announce totals as points (990, 856, …). Points show beside the 0–100 score on the results, the winners page, the certificates and the results CSV. The order never changes. Can be changed at any time.",
    "setup.points.display": "Show points",
    "setup.points.option.none": "No, the 0–100 score only",
    "setup.points.option.weighted": "Final score × factor",
    "setup.points.option.sum": "Sum of raw scores",
    "setup.points.hint.none": "Only the 0–100 final score is shown.",
    "setup.points.hint.weighted":
      "Points = the 0–100 final (two decimals) × the factor, exact, no further rounding. Example: 87.25 × 10 = 872.50 points.",
    "setup.points.hint.sum":
      "Points = each judge's sum of indicator scores without weights, combined by the competition's aggregation method (mean, median or trimmed mean), rounded to two decimals.",
    "setup.points.factor": "Factor",
    "setup.points.factorHint": "A whole number 1–1000, only for “final score × factor”.",

    "setup.overview.counts": "Preparation",
    "setup.overview.entries": "Active entries",
    "setup.overview.withdrawn": "Withdrawn",
    "setup.overview.disqualified": "Disqualified",
    "setup.overview.judges": "Judges on the panel",
    "setup.overview.components": "Components",
    "setup.overview.indicators": "Indicators",
    "setup.overview.weightTotal": "Weights total",
    "setup.overview.withoutJudge": "Entries without a judge",
    "setup.overview.sheets": "Score sheets submitted",
    "setup.overview.moves": "Change status",
    "setup.overview.moveTo": "Move to: {status}",
    "setup.overview.blocked": "Cannot move to {status} yet:",
    "setup.overview.confirmTitle": "Confirm: change the status to {status}",
    "setup.overview.confirmScoring":
      "Once scoring opens, the criteria are frozen and judges can start filling in score sheets.",
    "setup.overview.confirmDraft":
      "The competition goes back to draft so the criteria can change. Judges cannot score until scoring opens again.",
    "setup.overview.confirmGeneric": "The status change is recorded in the audit log.",
    "setup.overview.reason": "Reason (recorded in the audit log)",
    "setup.overview.confirm": "Yes, change the status",
    "setup.overview.duplicate": "Start next year's competition from this one",
    "setup.overview.duplicateHint":
      "Criteria, entries, the judging panel and assignments are copied; scores are not.",
    "setup.overview.duplicateSubmit": "Duplicate",
    "setup.overview.delete": "Delete competition",
    "setup.overview.deleteHint": "A competition can be deleted only while it is a draft.",
    "setup.overview.deleteConfirm": "Yes, delete this competition with its entries and criteria",
    "setup.overview.deleteAsk": "Delete competition…",
    "setup.overview.scoresOnly": "Scores can be entered only while the status is Scoring.",
    "setup.export": "Download the competition file (JSON)",

    "setup.error.integer": "Must be a whole number.",
    "setup.error.yearRange": "Enter a year 1990–2200.",
    "setup.error.prizeWinnersRange": "Number of winners 1–10: at least one winner.",
    "setup.error.prizeHonourableRange": "Honourable mentions 0–10.",
    "setup.error.slugTaken": "This competition code is already used.",
    "setup.error.settingsLocked": "Settings cannot change once the competition is closed.",
    "setup.error.deleteOnlyDraft": "A competition can be deleted only while it is a draft.",
    "setup.error.deleteHasSheets": "The competition has score sheets and cannot be deleted.",
    "setup.error.badRequest": "The request was not understood.",

    "results.nav": "Results",

    "scoring.nav.sheets": "Score sheets",
  },
});
