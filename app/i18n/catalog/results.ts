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
  },
});
