/**
 * Evidence files: the library's upload page (routes/library.$slug_.evidence), the refusals of an
 * upload wherever it is sent, and the audit log's words for them.
 *
 * Bahasa Indonesia; the English is in evidence.en.ts.
 */
export default {
  "evidence.title": "Bukti dukung — {competition}",
  "evidence.back": "Kembali ke keikutsertaan",
  "evidence.intro":
    "Unggah foto (JPEG, PNG, WebP) atau dokumen PDF sebagai bukti tiap indikator. Paling besar 10 MB per berkas dan 100 MB untuk seluruh bukti. Foto diperkecil dan keterangan di dalamnya (lokasi, kamera) dihapus; juri tetap melihat tempat dan waktu pengambilan foto.",
  "evidence.closed":
    "Bukti tidak dapat diubah: penilaian mandiri sudah dikirim atau tidak sedang dibuka.",
  "evidence.indicators": "Bukti per indikator",
  "evidence.noIndicators": "Kriteria lomba ini belum memuat indikator.",
  "evidence.claimed": "nilai dilaporkan",
  "evidence.field": "Tambah berkas untuk {code}",
  "evidence.fieldHint": "JPEG, PNG, WebP atau PDF; boleh beberapa berkas sekaligus.",
  "evidence.none": "Belum ada bukti.",
  "evidence.video.heading": "Video profil",
  "evidence.video.label": "Tautan video profil (YouTube atau Google Drive)",
  "evidence.video.hint":
    "Tautan https ke youtube.com, youtu.be atau drive.google.com. Video tidak diunggah ke sini.",
  "evidence.video.current": "Tautan tersimpan:",
  "evidence.submit": "Simpan bukti",
  "evidence.remove": "Hapus",
  "evidence.removeLabel": "Hapus {name}",
  "evidence.open": "Buka {name}",
  "evidence.pdf": "PDF",
  "evidence.stored": "Bukti tersimpan.",
  "evidence.storedSome": "Sebagian bukti tersimpan; berkas di bawah ini ditolak.",
  "evidence.removed": "Bukti dihapus.",
  "evidence.error.type":
    "{name}: bukan foto JPEG, PNG, WebP atau dokumen PDF (dilihat dari isi berkas, bukan namanya). Berkas tidak disimpan.",
  "evidence.error.tooLarge": "{name}: lebih dari 10 MB. Berkas tidak disimpan.",
  "evidence.error.entryFull":
    "{name}: ruang bukti peserta ini (100 MB) tidak cukup. Hapus bukti lain terlebih dahulu.",
  "evidence.error.pixels":
    "{name}: ukuran gambar terlalu besar (lebih dari 50 megapiksel). Berkas tidak disimpan.",
  "evidence.error.corrupt":
    "{name}: berkas rusak atau terpotong dan tidak dapat dibaca. Berkas tidak disimpan.",
  "evidence.error.empty": "{name}: berkas kosong.",
  "evidence.error.name":
    "{name}: nama berkas memuat karakter kendali. Ganti nama berkas lalu unggah lagi.",
  "evidence.error.video":
    "Tautan video harus berupa tautan https ke YouTube (youtube.com, youtu.be) atau Google Drive (drive.google.com), paling panjang 500 karakter.",
  "evidence.error.closed":
    "{name}: bukti tidak dapat diubah lagi (penilaian mandiri sudah dikirim atau tidak sedang dibuka).",
  "evidence.error.indicator": "{name}: indikator ini tidak ada di lomba ini.",
  "evidence.error.nothing": "Pilih berkas atau isi tautan video terlebih dahulu.",
  "evidence.error.bodyTooLarge": "Isian formulir terlalu panjang.",
};
