/**
 * The public pages: home, archive, a competition's published results, ceremony, certificates, how
 * we judged, a library's history, about.
 *
 * Bahasa Indonesia; the English is in public.en.ts.
 */
export default {
  "public.noResults": "Belum ada hasil.",
  "certificate.print": "Cetak piagam",
  "home.title": "Lomba Perpustakaan Desa/Kelurahan",
  "home.intro":
    "Juara mencatat penilaian dewan juri, menghitung peringkat, dan mengumumkan para juara lomba perpustakaan desa dan kelurahan.",
  "home.published": "Hasil yang sudah diumumkan",
  "home.nonePublished": "Belum ada hasil lomba yang diumumkan.",
  "home.staffLogin": "Juri dan panitia: masuk untuk menilai atau mengelola lomba.",

  "public.winners": "Para juara",
  "public.podium": "Juara",
  "public.honourable": "Harapan",
  "public.fullRanking": "Peringkat lengkap",
  "public.rank": "Peringkat",
  "public.library": "Perpustakaan",
  "public.district": "Kecamatan",
  "public.finalScore": "Nilai akhir",
  "public.points": "Poin",
  "public.pointsValue": "{points} poin",
  "public.category": "Kategori {category}",
  "public.publishedOn": "Diumumkan {date}",
  "public.finalists": "Finalis",
  "public.finalists.title": "Finalis {name}",
  "public.finalists.intro":
    "Peserta yang lolos ke tahap berikutnya, menurut abjad. Nilai dan peringkat diumumkan bersama para juara.",
  "public.finalists.stage": "Lolos tahap {stage}",
  "public.finalists.village": "Desa/kelurahan",
  "public.finalists.category": "Kategori",
  "public.corrected": "Hasil ini telah dikoreksi dan diumumkan ulang pada {date}.",
  "public.correctionReason": "Alasan koreksi: {reason}",
  "public.demo": "Data demo: nilai dan peringkat lomba ini adalah contoh rekaan.",
  "public.howWeJudged": "Cara penilaian",
  "public.ceremony": "Mode upacara",
  "public.certificates": "Piagam",
  "public.resultsJson": "Data hasil (JSON)",
  "public.chartComponents": "Nilai per komponen para juara (% dari bobot)",
  "public.chartDistribution": "Sebaran nilai akhir semua peserta",
  "public.chartEntries": "Jumlah peserta",
  "public.chartLoading": "Grafik dimuat…",
  "public.sharedRank": "Peringkat sama",
  "public.archiveByYear": "Menurut tahun",
  "public.archiveByDistrict": "Menurut kecamatan",
  "public.noArchive": "Belum ada hasil yang diumumkan.",
  "public.libraryHistory": "Riwayat lomba",
  "public.competition": "Lomba",
  "public.year": "Tahun",
  "public.components": "Komponen",
  "public.seeWinners": "Lihat para juara",
  "public.method.title": "Cara penilaian: {name}",
  "public.method.criteria": "Kriteria dan bobot",
  "public.method.weight": "Bobot {weight}%",
  "public.method.scale": "Skala {min}–{max}",
  "public.method.formula":
    "Untuk setiap juri dan komponen: nilai komponen = bobot × jumlah skor ÷ jumlah skor maksimal indikator komponen itu. Nilai seorang juri adalah jumlah nilai komponen (0–100).",
  "public.method.aggregation": "Nilai akhir peserta: {method} dari nilai para juri.",
  "public.method.aggregation.mean": "rata-rata",
  "public.method.aggregation.median": "median",
  "public.method.aggregation.trimmed-mean":
    "rata-rata terpangkas (nilai tertinggi dan terendah dibuang bila ada sedikitnya 3 juri)",
  "public.method.rounding":
    "Nilai dibulatkan ke 2 desimal dari nilai eksaknya (setengah dibulatkan menjauhi nol).",
  "public.method.tiebreak":
    "Nilai akhir yang sama dipisahkan oleh nilai komponen, mulai dari bobot terbesar. Bila masih sama, peserta berbagi peringkat; bila itu menentukan juara, dewan juri memutuskan urutan dengan alasan tertulis.",
  "public.method.scope.overall": "Desa dan kelurahan diperingkat bersama.",
  "public.method.scope.category": "Desa dan kelurahan diperingkat terpisah.",
  "public.method.panel": "Dewan juri: {count} orang.",
  "about.title": "Tentang Juara",
  "about.body1":
    "Juara adalah aplikasi penjurian lomba perpustakaan desa dan kelurahan yang diselenggarakan dinas perpustakaan kabupaten/kota.",
  "about.body2":
    "Dewan juri menilai setiap perpustakaan dengan kriteria berbobot dari standar nasional perpustakaan: koleksi, sarana dan prasarana, pelayanan, tenaga perpustakaan, penyelenggaraan dan pengelolaan, serta penguatan dan inovasi.",
  "about.body3":
    "Hasil yang diumumkan di sini adalah salinan resmi yang dibekukan saat ketua panitia mengumumkannya.",
  "ceremony.title": "Pengumuman Pemenang",
  "ceremony.next": "Berikutnya",
  "ceremony.previous": "Sebelumnya",
  "ceremony.hint": "Tekan spasi, Enter atau panah kanan untuk mengumumkan pemenang berikutnya.",
  "ceremony.done": "Selamat kepada para pemenang!",
  "ceremony.step": "Pengumuman {step} dari {total}",
  "ceremony.exit": "Keluar dari mode upacara",
  "certificate.title": "Piagam Penghargaan",
  "certificate.givenTo": "diberikan kepada",
  "certificate.as": "sebagai",
  "certificate.in": "dalam",
  "certificate.date": "{region}, {date}",
  "certificate.chair": "Ketua Dewan Juri",
  "certificate.head": "Kepala Dinas Perpustakaan dan Kearsipan",
  "certificate.printHint": "Atur kertas A4 lanskap; satu halaman untuk setiap pemenang.",
  "ceremony.keys":
    "Spasi, Enter atau panah kanan: pemenang berikutnya · panah kiri: kembali · Esc: keluar",
  "public.chartLegend": "Keterangan warna",
  "documents.title": "Piagam dan berita acara",
  "documents.intro":
    "Tanggal, tempat, nomor dan penanda tangan yang tercetak di piagam dan berita acara. Boleh diubah kapan saja, juga setelah hasil diumumkan.",
  "documents.decisionDate": "Tanggal penetapan juara",
  "documents.decisionDateHint": "Kosong: tanggal hasil diumumkan.",
  "documents.decisionPlace": "Tempat penetapan",
  "documents.decisionPlaceHint": "Kosong: nama kabupaten/kota dari wilayah lomba.",
  "documents.documentNumber": "Nomor berita acara",
  "documents.chairSigner": "Penanda tangan pertama (dewan juri)",
  "documents.headSigner": "Penanda tangan kedua (pimpinan dinas)",
  "documents.signerName": "Nama (dengan gelar)",
  "documents.signerTitle": "Jabatan",
  "documents.defaultTitle": "Kosong: {title}",
  "documents.number": "Nomor: {number}",
  "documents.placeDate": "{place}, {date}",
  "documents.print": "Cetak",

  "publicStages.path": "Tahapan penilaian",
  "publicStages.kind.admin": "seleksi administrasi",
  "publicStages.kind.desk": "penilaian berkas",
  "publicStages.kind.visit": "kunjungan lapangan",
  "publicStages.kind.presentation": "presentasi",
  "publicStages.kind.other": "penilaian",
  "publicStages.weight": "bobot {weight}%",
  "publicStages.scores": "Nilai para juara per tahap",
  "publicStages.scoresNote.weighted":
    "Nilai di setiap tahap adalah nilai gabungan sampai tahap itu: nilai tahap itu dan tahap-tahap sebelumnya, menurut bobotnya. Nilai akhir adalah nilai gabungan di tahap terakhir yang diikuti.",
  "publicStages.scoresNote.last":
    "Nilai setiap tahap. Tahap terakhir yang menentukan nilai akhir; tahap-tahap sebelumnya hanya menyaring peserta.",
  "publicStages.notIn": "tidak ikut",
  "stageScore.public.own": "Nilai tahap",
  "stageScore.public.combined": "Gabungan",
  "stageScore.public.ownLabel": "{stage}, nilai tahap",
  "stageScore.public.combinedLabel": "{stage}, gabungan",
  "stageScore.public.note":
    "Nilai tahap: nilai dari penilaian di tahap itu saja. Gabungan: nilai gabungan sampai tahap itu, yaitu nilai tahap itu dan tahap-tahap sebelumnya menurut bobotnya. Nilai akhir adalah nilai gabungan di tahap terakhir yang diikuti.",
  "publicStages.method.title": "Tahapan penilaian",
  "publicStages.method.intro": "Penilaian berlangsung dalam {count} tahap, berurutan:",
  "publicStages.method.stage": "Tahap {position}: {name}",
  "publicStages.method.kind": "Jenis tahap: {kind}.",
  "publicStages.method.admin":
    "Pemeriksaan kelengkapan administrasi, tanpa nilai: setiap peserta lolos atau tidak lolos. Peserta yang tidak lolos (alasannya dicatat) tidak ikut tahap berikutnya dan tidak diperingkat.",
  "publicStages.method.stageWeight": "Bobot tahap ini dalam nilai akhir: {weight}%.",
  "publicStages.method.stageDecides":
    "Nilai tahap ini dihitung dari para juri tahap ini dengan kriteria di bawah.",
  "publicStages.method.advance":
    "{count} peserta dengan nilai tertinggi lanjut ke tahap berikutnya; peserta yang nilainya sama dengan peserta terakhir yang lolos ikut lanjut.",
  "publicStages.method.advanceAll": "Semua peserta yang dinilai lanjut ke tahap berikutnya.",
  "publicStages.method.wentOn": "Yang lanjut: {count} peserta.",
  "publicStages.method.combine.weighted":
    "Nilai akhir menggabungkan tahap-tahap menurut bobotnya: nilai akhir = Σ (bobot tahap × nilai tahap) ÷ Σ bobot, atas tahap-tahap bernilai yang diikuti peserta. Tahap administrasi tidak bernilai.",
  "publicStages.method.combine.last":
    "Tahap terakhir yang menentukan: nilai akhir adalah nilai di tahap terakhir; tahap-tahap sebelumnya hanya menyaring peserta.",
  "publicStages.method.order":
    "Peringkat: lebih dulu peserta yang sampai ke tahap terakhir, menurut nilai akhirnya; lalu peserta yang berhenti di tahap sebelumnya, menurut nilainya di tahap itu (yang berhenti paling akhir lebih dulu).",
};
