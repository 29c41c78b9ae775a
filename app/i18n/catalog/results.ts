import { defineMessages } from "../define";

export const results = defineMessages({
  id: {
    "status.confirm.close":
      "Setelah ditutup, juri tidak dapat lagi mengubah nilai. Peringkat dapat diperiksa lalu diterbitkan.",
    "status.confirm.publish":
      "Hasil saat ini dibekukan dan tampil untuk umum. Perubahan kemudian tidak mengubah hasil yang sudah terbit.",
    "status.confirm.warnings": "Masih ada hal yang belum selesai:",
    "status.confirm.override":
      "Tetap lanjutkan (alasan wajib diisi dan dicatat di log audit)",
    "status.confirm.reasonRequired": "Alasan (wajib, dicatat di log audit)",
    "status.reason.reasonRequired": "Sebutkan alasannya.",
    "status.reason.overrideReason":
      "Untuk tetap melanjutkan, sebutkan alasannya.",
    "status.reason.correctionReason":
      "Hasil lomba ini pernah terbit: penerbitan ulang adalah koreksi dan wajib disertai alasan.",
    "status.reason.sheetsMissing":
      "{count} lembar nilai peserta aktif belum dikirim.",
    "status.reason.prizeTie":
      "Nilai seri yang menentukan juara di peringkat {rank} belum diputuskan: {libraries}.",
    "status.reason.nothingRanked":
      "Belum ada peserta yang memiliki lembar nilai terkirim.",

    "ranking.tie.notTied":
      "Peserta yang dipilih tidak sedang seri satu sama lain.",
    "ranking.tie.incomplete": "Urutkan semua peserta yang seri sekaligus.",
    "results.nav": "Hasil",
    "results.title": "Hasil dan peringkat",
    "results.liveNotice":
      "Peringkat berjalan dari lembar yang sudah dikirim (metode: {method}). Hanya ketua panitia yang melihatnya sampai hasil diterbitkan.",
    "results.beritaAcara": "Berita Acara",
    "results.exportResults": "Unduh hasil (CSV)",
    "results.exportScores": "Unduh semua nilai (CSV)",
    "results.progress": "Kemajuan penilaian",
    "results.judge": "Juri",
    "results.submitted": "Lembar dikirim",
    "results.leaning": "Kecenderungan",
    "results.leaning.harsh":
      "lebih ketat dari panel (rata-rata {points} poin di bawah)",
    "results.leaning.lenient":
      "lebih longgar dari panel (rata-rata {points} poin di atas)",
    "results.leaning.none": "sejalan dengan panel",
    "results.behind": "Belum selesai: {names}.",
    "results.allSubmitted": "Semua lembar sudah dikirim.",
    "results.ties": "Nilai seri yang menentukan juara",
    "results.tiesHint":
      "Peserta berikut tetap seri setelah semua pemecah seri. Tentukan urutannya dan sebutkan alasannya; keputusan dicatat di log audit dan dipakai saat hasil diterbitkan.",
    "results.tieAt": "Seri di peringkat {rank}",
    "results.tiePosition": "Urutan untuk {library}",
    "results.tieReason": "Alasan keputusan",
    "results.tieSubmit": "Simpan urutan",
    "results.tie.position": "Masukkan nomor urut.",
    "results.tie.order":
      "Beri setiap peserta yang seri nomor urut 1, 2, … tanpa ada yang sama.",
    "results.ranking": "Peringkat berjalan",
    "results.rank": "Peringkat",
    "results.library": "Perpustakaan",
    "results.final": "Nilai akhir",
    "results.spread": "Selisih juri",
    "results.sheets": "Lembar dikirim",
    "results.flags": "Catatan",
    "results.outlierMark": "(menyimpang)",
    "results.flag.tie": "seri",
    "results.flag.prizeTie": "seri menentukan juara — perlu keputusan",
    "results.flag.tieDecided": "seri, sudah diputuskan",
    "results.flag.outlier": "nilai {judges} jauh dari juri lain",
    "results.methods": "Pengaruh metode penggabungan nilai",
    "results.methodsDiffer":
      "Perhatian: juara berbeda bila metode penggabungan diganti. Pilihan metode ikut menentukan juara.",
    "results.methodsAgree": "Juara sama dengan ketiga metode.",
    "results.method": "Metode",
    "results.podium": "Juara",
    "results.chosen": "metode lomba ini",
    "results.disagreements": "Indikator dengan nilai juri yang sangat berbeda",
    "results.disagreementsNone":
      "Tidak ada indikator dengan selisih nilai juri setengah skala atau lebih.",
    "results.disagreementsHint":
      "Selisih antara nilai terendah dan tertinggi setengah skala atau lebih:",
    "results.disagreement":
      "{library}, {indicator}: nilai {low} sampai {high} (skala {min}–{max})",
    "results.charts": "Grafik",
    "results.chartJudges": "Sebaran nilai total per juri",
    "results.chartTop": "Nilai per komponen lima besar (% dari bobot)",
    "results.decided": "Urutan seri disimpan.",
    "export.rank": "Peringkat",
    "export.prize": "Penghargaan",
    "export.category": "Kategori",
    "export.code": "Kode",
    "export.library": "Perpustakaan",
    "export.village": "Desa/kelurahan",
    "export.district": "Kecamatan",
    "export.final": "Nilai akhir",
    "export.judges": "Jumlah juri",
    "export.tie": "Seri",
    "export.entryStatus": "Status peserta",
    "export.judge": "Juri",
    "export.sheetStatus": "Status lembar",
    "export.component": "Komponen",
    "export.indicator": "Indikator",
    "export.indicatorName": "Nama indikator",
    "export.scale": "Skala",
    "export.score": "Nilai",
    "export.note": "Catatan",
    "export.draft": "Draf",
    "error.400":
      "Permintaan tidak dapat diproses: isian formulir tidak lengkap atau tidak sah. Kembali dan coba lagi.",
    "error.controlCharacters":
      "Teks berisi karakter kendali yang tidak diizinkan.",
    "error.repeated": "Isian ini dikirim lebih dari sekali.",
    "setup.error.notAJudge": "Akun yang dipilih bukan juri.",
    "file.tooMany":
      "Terlalu banyak isian untuk satu berkas (batas: 20 komponen, 500 juri, 5.000 perpustakaan).",
    "minutes.back": "Kembali ke hasil",
    "minutes.printHint": "Cetak halaman ini (A4) untuk ditandatangani.",
    "minutes.draft": "DRAF — hasil belum diterbitkan; angka dapat berubah",
    "minutes.title": "Berita Acara Penilaian",
    "minutes.opening":
      "Pada tanggal {date}, dewan juri lomba perpustakaan desa/kelurahan {region} tahun {year} telah menilai {count} peserta berdasarkan kriteria lomba. Nilai akhir setiap peserta adalah {method} nilai total para juri. Hasil penilaian adalah sebagai berikut.",
    "minutes.correction":
      "Berita acara ini memuat koreksi ke-{revision}: {reason}",
    "minutes.panel": "Dewan juri",
    "minutes.ranking": "Peringkat dan nilai",
    "minutes.prizes": "Penetapan juara",
    "minutes.closing":
      "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
    "minutes.judgeRole": "Juri",
    "minutes.chairRole": "Ketua Panitia",
  },
  en: {
    "status.confirm.close":
      "Once closed, judges can no longer change scores. The ranking can be checked, then published.",
    "status.confirm.publish":
      "The current results are frozen and shown to the public. Later changes never alter what was published.",
    "status.confirm.warnings": "Some things are not finished:",
    "status.confirm.override":
      "Go ahead anyway (a reason is required and goes to the audit log)",
    "status.confirm.reasonRequired": "Reason (required, goes to the audit log)",
    "status.reason.reasonRequired": "State the reason.",
    "status.reason.overrideReason": "To go ahead anyway, state the reason.",
    "status.reason.correctionReason":
      "Results of this competition were published before: publishing again is a correction and needs a reason.",
    "status.reason.sheetsMissing":
      "{count} score sheets of active entries are not submitted yet.",
    "status.reason.prizeTie":
      "A tie deciding a prize at place {rank} has no decision yet: {libraries}.",
    "status.reason.nothingRanked": "No entry has a submitted score sheet yet.",

    "ranking.tie.notTied": "The chosen entries are not tied with each other.",
    "ranking.tie.incomplete": "Order all the tied entries at once.",
    "results.nav": "Results",
    "results.title": "Results and ranking",
    "results.liveNotice":
      "The live ranking from submitted sheets (method: {method}). Only the committee chair sees it until the results are published.",
    "results.beritaAcara": "Official minutes (Berita Acara)",
    "results.exportResults": "Download results (CSV)",
    "results.exportScores": "Download every score (CSV)",
    "results.progress": "Scoring progress",
    "results.judge": "Judge",
    "results.submitted": "Sheets submitted",
    "results.leaning": "Leaning",
    "results.leaning.harsh":
      "harsher than the panel (on average {points} points below)",
    "results.leaning.lenient":
      "more lenient than the panel (on average {points} points above)",
    "results.leaning.none": "in line with the panel",
    "results.behind": "Not finished: {names}.",
    "results.allSubmitted": "Every sheet is submitted.",
    "results.ties": "Ties that decide a prize",
    "results.tiesHint":
      "These entries are still tied after every tie-break. Set their order and state why; the decision goes to the audit log and is used when the results are published.",
    "results.tieAt": "Tie at place {rank}",
    "results.tiePosition": "Order for {library}",
    "results.tieReason": "Reason for the decision",
    "results.tieSubmit": "Save the order",
    "results.tie.position": "Enter a position number.",
    "results.tie.order":
      "Give every tied entry a position 1, 2, … with no repeats.",
    "results.ranking": "Live ranking",
    "results.rank": "Rank",
    "results.library": "Library",
    "results.final": "Final score",
    "results.spread": "Judges' spread",
    "results.sheets": "Sheets submitted",
    "results.flags": "Notes",
    "results.outlierMark": "(outlier)",
    "results.flag.tie": "tied",
    "results.flag.prizeTie": "tie decides a prize — needs a decision",
    "results.flag.tieDecided": "tied, decided",
    "results.flag.outlier": "{judges} far from the other judges",
    "results.methods": "Does the aggregation method matter?",
    "results.methodsDiffer":
      "Warning: the winners differ if the aggregation method changes. The choice of method decides a prize.",
    "results.methodsAgree": "The winners are the same under all three methods.",
    "results.method": "Method",
    "results.podium": "Winners",
    "results.chosen": "this competition's method",
    "results.disagreements": "Indicators where judges disagree",
    "results.disagreementsNone":
      "No indicator where the judges' scores spread over half the scale or more.",
    "results.disagreementsHint":
      "Lowest and highest score at least half the scale apart:",
    "results.disagreement":
      "{library}, {indicator}: scores {low} to {high} (scale {min}–{max})",
    "results.charts": "Charts",
    "results.chartJudges": "Each judge's totals, in bands",
    "results.chartTop": "Component scores of the top five (% of weight)",
    "results.decided": "The tie order was saved.",
    "export.rank": "Rank",
    "export.prize": "Prize",
    "export.category": "Category",
    "export.code": "Code",
    "export.library": "Library",
    "export.village": "Village/ward",
    "export.district": "District",
    "export.final": "Final score",
    "export.judges": "Judges",
    "export.tie": "Tie",
    "export.entryStatus": "Entry status",
    "export.judge": "Judge",
    "export.sheetStatus": "Sheet status",
    "export.component": "Component",
    "export.indicator": "Indicator",
    "export.indicatorName": "Indicator name",
    "export.scale": "Scale",
    "export.score": "Score",
    "export.note": "Note",
    "export.draft": "Draft",
    "error.400":
      "The request could not be processed: the form was incomplete or invalid. Go back and try again.",
    "error.controlCharacters":
      "The text contains control characters that are not allowed.",
    "error.repeated": "This field was sent more than once.",
    "setup.error.notAJudge": "The chosen account is not a judge.",
    "file.tooMany":
      "Too many items for one file (limits: 20 components, 500 judges, 5,000 libraries).",
    "minutes.back": "Back to the results",
    "minutes.printHint": "Print this page (A4) for signing.",
    "minutes.draft": "DRAFT — results not yet published; figures may change",
    "minutes.title": "Official minutes of the judging (Berita Acara)",
    "minutes.opening":
      "On {date}, the judging panel of the {region} village/ward library competition {year} scored {count} entries on the competition's criteria. Each entry's final score is the {method} of the judges' totals. The results are as follows.",
    "minutes.correction":
      "These minutes carry correction no. {revision}: {reason}",
    "minutes.panel": "Judging panel",
    "minutes.ranking": "Ranking and scores",
    "minutes.prizes": "Prizes awarded",
    "minutes.closing":
      "These minutes were drawn up truthfully, to be used as appropriate.",
    "minutes.judgeRole": "Judge",
    "minutes.chairRole": "Committee chair",
  },
});
