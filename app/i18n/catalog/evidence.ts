import { defineMessages } from "../define";

/**
 * Evidence files: the library's upload page (routes/library.$slug_.evidence), the refusals of an
 * upload wherever it is sent, and the audit log's words for them.
 */
export const evidence = defineMessages({
  id: {
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
    "audit.entity.evidence_file": "Bukti dukung",
    "audit.action.upload": "diunggah",
  },
  en: {
    "evidence.title": "Evidence — {competition}",
    "evidence.back": "Back to the entry",
    "evidence.intro":
      "Upload photos (JPEG, PNG, WebP) or PDF documents as evidence for each indicator. At most 10 MB a file and 100 MB for all evidence. Photos are made smaller and the details inside them (location, camera) are removed; judges still see where and when a photo was taken.",
    "evidence.closed":
      "The evidence cannot be changed: the self-assessment was submitted or is not open.",
    "evidence.indicators": "Evidence per indicator",
    "evidence.noIndicators": "This competition's criteria have no indicators yet.",
    "evidence.claimed": "value reported",
    "evidence.field": "Add files for {code}",
    "evidence.fieldHint": "JPEG, PNG, WebP or PDF; several files at once are fine.",
    "evidence.none": "No evidence yet.",
    "evidence.video.heading": "Profile video",
    "evidence.video.label": "Profile video link (YouTube or Google Drive)",
    "evidence.video.hint":
      "An https link to youtube.com, youtu.be or drive.google.com. Videos are not uploaded here.",
    "evidence.video.current": "Link on file:",
    "evidence.submit": "Save evidence",
    "evidence.remove": "Remove",
    "evidence.removeLabel": "Remove {name}",
    "evidence.open": "Open {name}",
    "evidence.pdf": "PDF",
    "evidence.stored": "Evidence saved.",
    "evidence.storedSome": "Some evidence was saved; the files below were refused.",
    "evidence.removed": "Evidence removed.",
    "evidence.error.type":
      "{name}: not a JPEG, PNG or WebP photo or a PDF document (judged by its content, not its name). The file was not saved.",
    "evidence.error.tooLarge": "{name}: larger than 10 MB. The file was not saved.",
    "evidence.error.entryFull":
      "{name}: this entry's evidence space (100 MB) is not enough. Remove other evidence first.",
    "evidence.error.pixels":
      "{name}: the image is too large (more than 50 megapixels). The file was not saved.",
    "evidence.error.corrupt":
      "{name}: the file is damaged or cut short and cannot be read. The file was not saved.",
    "evidence.error.empty": "{name}: the file is empty.",
    "evidence.error.name":
      "{name}: the file name holds control characters. Rename the file and upload it again.",
    "evidence.error.video":
      "The video link must be an https link to YouTube (youtube.com, youtu.be) or Google Drive (drive.google.com), at most 500 characters.",
    "evidence.error.closed":
      "{name}: the evidence can no longer be changed (the self-assessment was submitted or is not open).",
    "evidence.error.indicator": "{name}: this competition has no such indicator.",
    "evidence.error.nothing": "Choose a file or enter a video link first.",
    "evidence.error.bodyTooLarge": "The form's fields are too long.",
    "audit.entity.evidence_file": "Evidence",
    "audit.action.upload": "uploaded",
  },
});
