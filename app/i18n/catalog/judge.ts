import { defineMessages } from "../define";

/**
 * The judge's pages: the entry list (routes/judge.$slug._index) and the score sheet
 * (routes/judge.$slug.$code).
 */
export const judge = defineMessages({
  id: {
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
  },
  en: {
    "scoring.list.progress": "{submitted} of {total} sheets submitted",
    "scoring.stageNow": "Stage {position} of {count}: {name}",
    "scoring.list.justSubmitted": "Your scores for {library} were submitted. Thank you.",
    "scoring.list.notOpen": "Scoring of this competition is closed; sheets are read-only.",
    "scoring.list.library": "Library",
    "scoring.list.village": "Village/ward",
    "scoring.list.district": "District",
    "scoring.list.state": "Sheet",
    "scoring.state.notStarted": "Not started",
    "scoring.state.draft": "Draft ({scored} of {total} indicators)",
    "scoring.state.submitted": "Submitted",
    "scoring.state.new": "Not started",

    "scoring.sheet.back": "Back to the entry list",
    "scoring.sheet.heading": "Score sheet: {library}",
    "scoring.sheet.village": "Village/ward",
    "scoring.sheet.district": "District",
    "scoring.sheet.address": "Address",
    "scoring.sheet.head": "Head of library",
    "scoring.sheet.npp": "NPP",
    "scoring.sheet.category": "Category",
    "scoring.sheet.weight": "weight {weight}%",
    "scoring.sheet.score": "Score {code} ({min}–{max})",
    "scoring.sheet.note": "Note {code}",
    "scoring.coaching.label": "Coaching notes",
    "scoring.coaching.hint":
      "Your recommendations for this library in this stage (at most {max} characters). The chair may put them on the library's feedback sheet, without judges' names. They cannot change once the score sheet is submitted.",
    "scoring.coaching.save": "Save notes",
    "scoring.coaching.saving": "Saving the notes…",
    "scoring.coaching.savedAt": "Notes saved at {time}",
    "scoring.coaching.unsaved": "Not saved yet",
    "scoring.coaching.notSaved": "The notes are not saved; your text stays here. Try saving again.",
    "scoring.coaching.savedNotice": "Coaching notes saved.",
    "scoring.coaching.readOnly": "Read only: the score sheet is submitted or scoring is closed.",
    "scoring.coaching.locked":
      "The notes cannot change: the score sheet is submitted or scoring is closed. The chair can reopen the sheet.",
    "scoring.sheet.rubric": "Rubric {code}",
    "scoring.sheet.comment": "Overall comment",
    "scoring.sheet.total": "Total score",
    "scoring.sheet.subtotal": "Subtotal {code}: {score} of {weight}",
    "scoring.sheet.scored": "{scored} of {total} indicators scored",
    "scoring.sheet.save": "Save draft",
    "scoring.sheet.submit": "Submit final scores",
    "scoring.sheet.submitHint":
      "Once submitted, the sheet cannot be changed unless the committee chair reopens it.",
    "scoring.sheet.savedNotice": "Draft saved.",
    "scoring.sheet.partSaved":
      "Your other entries were saved. The marked fields were not: correct them, then save again.",
    "scoring.sheet.notScored": "Not scored yet",
    "scoring.sheet.offLevel": "Not a level of this rubric; kept until you choose another level.",
    "scoring.sheet.submittedAt": "This sheet was submitted on {date} and cannot be changed.",
    "scoring.sheet.closed": "Scoring of this competition is closed; the sheet is read-only.",
    "scoring.sheet.reopened": "The committee chair reopened this sheet: {reason}",
    "scoring.sheet.issuedPassword":
      "Saved in a session begun with a password issued by the chair or an admin (last {at}).",
    "scoring.sheet.actions": "Save or submit",

    "scoring.status.idle": "No changes yet",
    "scoring.status.dirty": "Unsaved changes",
    "scoring.status.saving": "Saving…",
    "scoring.status.saved": "Saved at {time}",
    "scoring.status.offline": "Offline — kept on this device, sent when the connection returns",
    "scoring.status.storage":
      "Not saved on the server (storage full) — kept on this device, retrying",
    "scoring.status.signedOut":
      "Signed out — your entries are kept on this device. Sign in again in another tab, then come back here.",
    "scoring.status.invalid": "The marked fields are not saved; correct them",
    "scoring.status.conflict": "Not saved: the sheet was changed elsewhere",
    "scoring.status.locked": "The sheet was already submitted; changes not saved",
    "scoring.status.closed": "Scoring is closed; changes not saved",
    "scoring.status.failed": "Not saved: the server refused (code {code}); kept on this device",

    "scoring.conflict.title": "This sheet was changed elsewhere",
    "scoring.conflict.body":
      "The version saved on the server ({time}) differs from your entries. Choose which to keep; nothing is overwritten without your choice.",
    "scoring.conflict.device":
      "The copy kept on this device differs from the sheet saved on the server.",
    "scoring.conflict.field": "Field",
    "scoring.conflict.yours": "Your entry",
    "scoring.conflict.server": "Saved on the server",
    "scoring.conflict.keepMine": "Keep my entries",
    "scoring.conflict.useServer": "Use the saved version",
    "scoring.conflict.noJs":
      "Press “Save draft” again to keep your entries, or load the saved version.",
    "scoring.conflict.reload": "Load the saved sheet",
    "scoring.conflict.submittedElsewhere":
      "This sheet was already submitted elsewhere. Your entries below stay on this device; ask the chair to reopen the sheet if it must change.",
    "scoring.conflict.discard": "Discard the copy on this device",
    "scoring.conflict.empty": "(empty)",

    "scoring.error.required": "Required before submitting.",
    "scoring.error.integer": "Enter a whole number.",
    "scoring.error.range": "The score must be between {min} and {max}.",
    "scoring.error.intent": "Choose save or submit.",
    "scoring.error.key": "This form has expired; reload the page.",
    "scoring.error.keyReused": "This form has expired; reload the page.",
    "scoring.error.controlCharacters": "The text contains control characters that are not allowed.",
    "scoring.error.storage":
      "Not saved: the server's storage is full. Your entries are still in this form; try again shortly.",
    "scoring.error.locked": "This sheet was already submitted and cannot be changed.",
    "scoring.error.closed": "Scoring of this competition is closed; scores can no longer change.",
    "scoring.error.summary": "{count} fields need fixing.",
    "scoring.error.conflictNoJs":
      "Not saved: this sheet was changed elsewhere (another tab or device).",

    "scoring.review.title": "Check before submitting",
    "scoring.review.component": "{code}. {name}: {score} of {weight}",
    "scoring.review.unscored":
      "{count} indicators are not scored yet; the sheet can be submitted only when all are:",
    "scoring.review.complete": "All {count} indicators are scored.",
    "scoring.review.confirm": "Yes, submit final scores",
    "scoring.review.cancel": "Back to the sheet",
    "scoring.review.notYet": "Not submitted yet. Check this summary, then confirm.",
    "scoring.problems.title": "{count} fields to fix",
    "scoring.problems.jump": "See the list",
    "scoring.status.problems":
      "{count} fields are not saved until corrected; the rest is saved as usual.",
    "scoring.status.required": "Not submitted: {count} required fields are empty.",
    "scoring.conflict.perField":
      "Choose per field which value to keep, then save your choice; or take one side for all of them.",
    "scoring.conflict.pickMine": "{field}, your entry",
    "scoring.conflict.pickServer": "{field}, saved on the server",
    "scoring.conflict.saveChoice": "Save these choices",
  },
});
