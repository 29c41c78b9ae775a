/**
 * The judge's pages: the entry list (routes/judge.$slug._index) and the score sheet
 * (routes/judge.$slug.$code).
 *
 * Bahasa Indonesia; the English is in judge.en.ts.
 */
export default {
  "scoring.list.progress": "{submitted} dari {total} lembar sudah dikirim",
  "scoring.stageNow": "Tahap {position} dari {count}: {name}",
  "scoring.list.justSubmitted": "Nilai untuk {library} sudah dikirim. Terima kasih.",
  "scoring.list.notOpen": "Penilaian lomba ini sudah ditutup; lembar hanya dapat dibaca.",
  "scoring.list.library": "Perpustakaan",
  "scoring.list.village": "Desa/kelurahan",
  "scoring.list.district": "Kecamatan",
  "scoring.list.state": "Lembar",
  "scoring.state.notStarted": "Belum dimulai",
  "scoring.state.draft": "Draf ({scored} dari {total} indikator)",
  "scoring.state.submitted": "Sudah dikirim",
  "scoring.state.new": "Belum dimulai",

  "scoring.sheet.back": "Kembali ke daftar peserta",
  "scoring.sheet.heading": "Lembar penilaian: {library}",
  "scoring.sheet.village": "Desa/kelurahan",
  "scoring.sheet.district": "Kecamatan",
  "scoring.sheet.address": "Alamat",
  "scoring.sheet.head": "Kepala perpustakaan",
  "scoring.sheet.npp": "NPP",
  "scoring.sheet.category": "Kategori",
  "scoring.sheet.weight": "bobot {weight}%",
  "scoring.sheet.score": "Nilai {code} ({min}–{max})",
  "scoring.sheet.note": "Catatan {code}",
  "scoring.coaching.label": "Catatan pembinaan",
  "scoring.coaching.hint":
    "Rekomendasi Anda untuk perpustakaan ini pada tahap ini (paling banyak {max} karakter). Ketua dapat memasukkannya ke lembar umpan balik perpustakaan, tanpa nama juri. Tidak dapat diubah setelah lembar nilai dikirim.",
  "scoring.coaching.save": "Simpan catatan",
  "scoring.coaching.saving": "Menyimpan catatan…",
  "scoring.coaching.savedAt": "Catatan tersimpan pukul {time}",
  "scoring.coaching.unsaved": "Belum tersimpan",
  "scoring.coaching.notSaved":
    "Catatan belum tersimpan; teks Anda tetap di sini. Coba simpan lagi.",
  "scoring.coaching.savedNotice": "Catatan pembinaan tersimpan.",
  "scoring.coaching.readOnly":
    "Catatan hanya dapat dibaca: lembar nilai sudah dikirim atau penilaian ditutup.",
  "scoring.coaching.locked":
    "Catatan tidak dapat diubah: lembar nilai sudah dikirim atau penilaian ditutup. Ketua dapat membuka kembali lembar nilai.",
  "scoring.sheet.rubric": "Pedoman nilai {code}",
  "scoring.sheet.comment": "Komentar umum",
  "scoring.sheet.total": "Nilai total",
  "scoring.sheet.subtotal": "Subtotal {code}: {score} dari {weight}",
  "scoring.sheet.scored": "{scored} dari {total} indikator dinilai",
  "scoring.sheet.save": "Simpan draf",
  "scoring.sheet.submit": "Kirim nilai final",
  "scoring.sheet.submitHint":
    "Setelah dikirim, lembar tidak dapat diubah lagi kecuali dibuka kembali oleh ketua panitia.",
  "scoring.sheet.savedNotice": "Draf tersimpan.",
  "scoring.sheet.partSaved":
    "Isian lain sudah disimpan. Isian yang ditandai belum disimpan: perbaiki, lalu simpan lagi.",
  "scoring.sheet.notScored": "Belum dinilai",
  "scoring.sheet.offLevel":
    "Bukan tingkat pada pedoman ini; tetap tersimpan sampai Anda memilih tingkat lain.",
  "scoring.sheet.submittedAt": "Lembar ini sudah dikirim pada {date} dan tidak dapat diubah.",
  "scoring.sheet.closed": "Penilaian lomba ini sudah ditutup; lembar hanya dapat dibaca.",
  "scoring.sheet.reopened": "Ketua panitia membuka kembali lembar ini: {reason}",
  "scoring.sheet.issuedPassword":
    "Disimpan dalam sesi yang dimulai dengan kata sandi dari ketua atau admin (terakhir {at}).",
  "scoring.sheet.actions": "Simpan atau kirim",

  "scoring.status.idle": "Belum ada perubahan",
  "scoring.status.dirty": "Ada perubahan yang belum disimpan",
  "scoring.status.saving": "Menyimpan…",
  "scoring.status.saved": "Tersimpan pukul {time}",
  "scoring.status.offline": "Luring — disimpan di perangkat ini, dikirim saat tersambung lagi",
  "scoring.status.unavailable":
    "Server belum dapat menyimpan (basis data tidak menjawab) — disimpan di perangkat ini, dikirim ulang",
  "scoring.status.storage":
    "Tidak tersimpan di server (penyimpanan penuh) — disimpan di perangkat ini, dicoba lagi",
  "scoring.status.signedOut":
    "Sesi berakhir — isian disimpan di perangkat ini. Masuk lagi di tab lain, lalu kembali ke sini.",
  "scoring.status.invalid": "Isian yang ditandai belum tersimpan; perbaiki isian itu",
  "scoring.status.conflict": "Belum tersimpan: lembar diubah di tempat lain",
  "scoring.status.locked": "Lembar sudah dikirim; perubahan tidak disimpan",
  "scoring.status.closed": "Penilaian sudah ditutup; perubahan tidak disimpan",
  "scoring.status.failed":
    "Belum tersimpan: server menolak (kode {code}); disimpan di perangkat ini",

  "scoring.conflict.title": "Lembar ini diubah di tempat lain",
  "scoring.conflict.body":
    "Versi tersimpan di server ({time}) berbeda dari isian Anda. Pilih yang dipakai; tidak ada yang ditimpa tanpa pilihan Anda.",
  "scoring.conflict.device":
    "Salinan di perangkat ini berbeda dari lembar yang tersimpan di server.",
  "scoring.conflict.field": "Isian",
  "scoring.conflict.yours": "Isian Anda",
  "scoring.conflict.server": "Tersimpan di server",
  "scoring.conflict.keepMine": "Pakai isian saya",
  "scoring.conflict.useServer": "Pakai yang tersimpan di server",
  "scoring.conflict.noJs":
    "Tekan “Simpan draf” lagi untuk memakai isian Anda, atau muat yang tersimpan.",
  "scoring.conflict.reload": "Muat lembar yang tersimpan",
  "scoring.conflict.submittedElsewhere":
    "Lembar ini sudah dikirim dari tempat lain. Isian Anda di bawah tetap ada di perangkat ini; minta ketua membuka kembali bila perlu diubah.",
  "scoring.conflict.discard": "Buang salinan di perangkat ini",
  "scoring.conflict.empty": "(kosong)",

  "scoring.error.required": "Wajib diisi sebelum dikirim.",
  "scoring.error.integer": "Masukkan bilangan bulat.",
  "scoring.error.range": "Nilai harus antara {min} dan {max}.",
  "scoring.error.intent": "Pilih simpan atau kirim.",
  "scoring.error.key": "Formulir ini kedaluwarsa; muat ulang halaman.",
  "scoring.error.keyReused": "Formulir ini kedaluwarsa; muat ulang halaman.",
  "scoring.error.controlCharacters": "Teks berisi karakter kendali yang tidak diizinkan.",
  "scoring.error.storage":
    "Tidak tersimpan: penyimpanan server penuh. Isian Anda masih ada di formulir ini; coba lagi sebentar lagi.",
  "scoring.error.locked": "Lembar ini sudah dikirim dan tidak dapat diubah.",
  "scoring.error.closed": "Penilaian lomba ini sudah ditutup; nilai tidak dapat diubah.",
  "scoring.error.summary": "{count} isian perlu diperbaiki.",
  "scoring.error.conflictNoJs":
    "Belum tersimpan: lembar ini sudah diubah di tempat lain (tab atau perangkat lain).",

  "scoring.review.title": "Periksa sebelum mengirim",
  "scoring.review.component": "{code}. {name}: {score} dari {weight}",
  "scoring.review.unscored":
    "{count} indikator belum dinilai; lembar hanya dapat dikirim bila semua sudah dinilai:",
  "scoring.review.complete": "Semua {count} indikator sudah dinilai.",
  "scoring.review.confirm": "Ya, kirim nilai final",
  "scoring.review.cancel": "Kembali ke lembar",
  "scoring.review.notYet": "Nilai belum dikirim. Periksa ringkasan ini, lalu konfirmasi.",
  "scoring.problems.title": "{count} isian perlu diperbaiki",
  "scoring.problems.jump": "Lihat daftarnya",
  "scoring.status.problems":
    "{count} isian belum tersimpan sampai diperbaiki; isian lain disimpan seperti biasa.",
  "scoring.status.required": "Belum dikirim: {count} isian wajib diisi.",
  "scoring.conflict.perField":
    "Pilih per isian mana yang dipakai, lalu simpan pilihan; atau pakai satu sisi untuk semuanya.",
  "scoring.conflict.pickMine": "{field}, isian Anda",
  "scoring.conflict.pickServer": "{field}, tersimpan di server",
  "scoring.conflict.saveChoice": "Simpan pilihan ini",
  "scoring.claims.heading": "Nilai laporan mandiri",
  "scoring.claims.notSubmitted": "Laporan mandiri: belum dikirim.",
  "scoring.claims.noValue": "tidak diisi",
  "scoring.claims.standard": "standar: ≥ {min}",
  "scoring.claims.standardYes": "standar: ya",
  "scoring.claims.meets": "memenuhi standar",
  "scoring.claims.below": "di bawah standar",
  "scoring.claims.yes": "Ya",
  "scoring.claims.no": "Tidak",
  "scoring.claims.evidence": "Bukti untuk {code}",
  "scoring.claims.photo": "Foto: {name}",
  "scoring.claims.pdf": "Dokumen PDF: {name}",
  "scoring.claims.video": "Video: {name} (tab baru)",
  "scoring.claims.check": "Pemeriksaan kunjungan {code}",
  "scoring.claims.verified": "Sesuai (terverifikasi)",
  "scoring.claims.corrected": "Dikoreksi",
  "scoring.claims.observed": "Nilai yang diamati",
  "scoring.claims.numberHint": "Angka, mis. 1.250 atau 12,5",
  "scoring.claims.choose": "— pilih —",
  "scoring.claims.save": "Simpan pemeriksaan",
  "scoring.claims.saving": "Menyimpan pemeriksaan…",
  "scoring.claims.savedAt": "Pemeriksaan tersimpan pukul {time}",
  "scoring.claims.unsaved": "Pemeriksaan belum tersimpan.",
  "scoring.claims.failed":
    "Belum tersimpan (koneksi atau server). Isian tetap di sini dan dikirim lagi saat koneksi kembali.",
  "scoring.claims.refused": "Sebagian pemeriksaan belum tersimpan: perbaiki isian yang ditandai.",
  "scoring.claims.savedNotice": "Pemeriksaan tersimpan.",
  "scoring.claims.notSaved": "Pemeriksaan belum tersimpan; isian Anda masih ada di bawah.",
  "scoring.claims.error.observedRequired": "Isi nilai yang diamati untuk koreksi.",
  "scoring.claims.error.number": "Tulis angka dengan format Indonesia, mis. 1.250 atau 12,5.",
  "scoring.claims.error.yesno": "Pilih ya atau tidak.",
  "scoring.claims.error.chooseResult": "Pilih sesuai atau dikoreksi.",
  "scoring.claims.error.nothing": "Tidak ada pemeriksaan untuk disimpan.",
  "scoring.claims.error.noClaim":
    "Indikator ini tidak meminta nilai laporan mandiri yang sudah dikirim.",
  "scoring.claims.error.notVisit":
    "Pemeriksaan nilai laporan hanya dilakukan pada tahap kunjungan.",
  "scoring.claims.error.locked":
    "Lembar ini sudah dikirim atau penilaian ditutup; pemeriksaan tidak dapat diubah.",
  "scoring.claims.error.notFound": "Peserta ini tidak ditemukan.",
  "judge.photos.heading": "Foto kunjungan",
  "judge.photos.intro":
    "Ambil atau pilih foto dari kunjungan. Foto disimpan dulu di perangkat ini dan terkirim sendiri begitu ada koneksi. Paling besar 10 MB per foto; lokasi dan waktu pengambilan hanya dilihat juri dan ketua.",
  "judge.photos.indicator": "Untuk indikator",
  "judge.photos.wholeEntry": "— seluruh peserta —",
  "judge.photos.choose": "Ambil atau pilih foto",
  "judge.photos.upload": "Unggah foto",
  "judge.photos.device": "Di perangkat ini",
  "judge.photos.waiting": "menunggu koneksi",
  "judge.photos.sending": "mengirim…",
  "judge.photos.sent": "terkirim",
  "judge.photos.refused": "ditolak: {message}",
  "judge.photos.discard": "Buang",
  "judge.photos.discardLabel": "Buang {name}",
  "judge.photos.stored": "Foto tersimpan",
  "judge.photos.none": "Belum ada foto kunjungan tersimpan.",
  "judge.photos.open": "Buka {name}",
  "judge.photos.forIndicator": "Indikator {code}",
  "judge.photos.takenAt": "Diambil {time}",
  "judge.photos.gps": "Lokasi {lat}, {lon}",
  "judge.photos.storedNotice": "{count} foto tersimpan.",
  "judge.photos.closed":
    "Foto tidak dapat ditambah lagi: lembar nilai sudah dikirim atau penilaian ditutup.",
  "judge.photos.error.type":
    "{name}: bukan foto JPEG, PNG atau WebP (dilihat dari isi berkas, bukan namanya). Foto tidak disimpan.",
  "judge.photos.error.tooLarge": "{name}: lebih dari 10 MB. Foto tidak disimpan.",
  "judge.photos.error.nothing": "Pilih foto terlebih dahulu.",
  "judge.photos.error.indicator": "Indikator {name} tidak ada di tahap ini.",
  "judge.photos.error.form": "Formulir foto tidak lengkap; muat ulang halaman lalu coba lagi.",
  "judge.photos.error.notFound": "Peserta ini tidak ditemukan.",
  "judge.photos.error.notVisit": "Foto kunjungan hanya dapat ditambahkan pada tahap kunjungan.",
  "judge.photos.error.locked":
    "Foto tidak dapat ditambah: lembar nilai sudah dikirim atau penilaian ditutup.",
};
