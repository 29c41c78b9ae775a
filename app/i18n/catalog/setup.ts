import { defineMessages } from "../define";

export const setup = defineMessages({
  id: {
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
    "setup.field.slugHint":
      "Huruf kecil, angka dan tanda hubung, misalnya kutim-2025.",
    "setup.field.name": "Nama lomba",
    "setup.field.year": "Tahun",
    "setup.field.level": "Tingkat",
    "setup.field.region": "Wilayah",
    "setup.field.aggregation": "Cara menggabungkan nilai juri",
    "setup.field.prizeWinners": "Jumlah juara",
    "setup.field.prizeHonourable": "Jumlah harapan",
    "setup.field.rankingScope": "Peringkat",
    "setup.field.template":
      "Isi kriteria dari templat standar nasional perpustakaan desa",

    "setup.new.title": "Lomba baru",
    "setup.settings.title": "Pengaturan lomba",
    "setup.settings.locked":
      "Pengaturan tidak dapat diubah setelah lomba ditutup.",

    "setup.overview.status": "Status",
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
    "setup.overview.moved": "Status lomba sekarang: {status}.",
    "setup.overview.duplicate": "Buat lomba tahun berikutnya dari lomba ini",
    "setup.overview.duplicateHint":
      "Kriteria, peserta, panel juri dan penugasan ikut disalin; nilai tidak.",
    "setup.overview.duplicateSubmit": "Salin lomba",
    "setup.overview.delete": "Hapus lomba",
    "setup.overview.deleteHint": "Lomba hanya dapat dihapus selama masih draf.",
    "setup.overview.deleteConfirm":
      "Ya, hapus lomba ini beserta peserta dan kriterianya",
    "setup.overview.deleteAsk": "Hapus lomba…",
    "setup.overview.deleted": "Lomba dihapus.",
    "setup.overview.scoresOnly":
      "Nilai hanya dapat diisi selama status Penilaian.",

    "setup.criteria.title": "Kriteria penilaian",
    "setup.criteria.frozen":
      "Kriteria dibekukan karena penilaian sudah dibuka. Kembalikan lomba ke draf (hanya bila belum ada nilai) untuk mengubahnya.",
    "setup.criteria.intro":
      "Komponen dengan bobot (jumlahnya harus tepat 100) dan indikatornya. Kode indikator unik dalam satu lomba.",
    "setup.criteria.template": "Isi dengan templat standar",
    "setup.criteria.templateHint":
      "Mengganti isian di bawah dengan templat; belum tersimpan sampai Anda menekan Simpan.",
    "setup.criteria.templateLoaded":
      "Templat dimuat. Periksa lalu tekan Simpan kriteria.",
    "setup.criteria.component": "Komponen {n}",
    "setup.criteria.code": "Kode",
    "setup.criteria.name": "Nama",
    "setup.criteria.weight": "Bobot (%)",
    "setup.criteria.indicator": "Indikator {code}",
    "setup.criteria.description": "Uraian",
    "setup.criteria.min": "Skor terendah",
    "setup.criteria.max": "Skor tertinggi",
    "setup.criteria.rubric": "Rubrik: arti tiap skor",
    "setup.criteria.rubricLevel": "Skor {level}",
    "setup.criteria.rubricApply":
      "Perbarui kolom rubrik setelah mengubah skala",
    "setup.criteria.rubricTooLong":
      "Rubrik per skor tersedia untuk skala sampai 11 tingkat.",
    "setup.criteria.addComponent": "Tambah komponen",
    "setup.criteria.addIndicator": "Tambah indikator",
    "setup.criteria.removeComponent": "Hapus komponen ini",
    "setup.criteria.removeIndicator": "Hapus indikator ini",
    "setup.criteria.total": "Jumlah bobot: {total}",
    "setup.criteria.save": "Simpan kriteria",
    "setup.criteria.saved": "Kriteria disimpan.",
    "setup.criteria.notSaved":
      "Kriteria belum disimpan. Perbaiki isian yang ditandai.",

    "setup.libraries.title": "Daftar perpustakaan",
    "setup.libraries.intro":
      "Daftar ini dipakai lintas tahun. Kode perpustakaan menjadi kunci: impor ulang memperbarui, tidak menggandakan.",
    "setup.libraries.none": "Belum ada perpustakaan.",
    "setup.libraries.add": "Tambah perpustakaan",
    "setup.libraries.edit": "Ubah {name}",
    "setup.libraries.editLink": "Ubah",
    "setup.libraries.code": "Kode",
    "setup.libraries.name": "Nama perpustakaan",
    "setup.libraries.type": "Jenis",
    "setup.libraries.village": "Desa/kelurahan",
    "setup.libraries.district": "Kecamatan",
    "setup.libraries.address": "Alamat",
    "setup.libraries.head": "Kepala perpustakaan",
    "setup.libraries.phone": "Telepon",
    "setup.libraries.npp": "NPP",
    "setup.libraries.created": "Perpustakaan ditambahkan.",
    "setup.libraries.updated": "Perpustakaan diperbarui.",
    "setup.libraries.csv": "Impor dari CSV",
    "setup.libraries.csvHint":
      "Kolom: code, name, type (desa/kelurahan), village, district, address, head, phone, npp — atau kode, nama, jenis, desa, kecamatan, alamat, kepala, telepon, npp. Baris pertama adalah judul kolom.",
    "setup.libraries.csvFile": "Berkas CSV",
    "setup.libraries.csvText": "…atau tempel isi CSV di sini",
    "setup.libraries.preview": "Pratinjau",
    "setup.libraries.previewTitle": "Pratinjau impor",
    "setup.libraries.previewSummary":
      "{created} baru, {updated} diperbarui, {unchanged} tidak berubah, {errors} baris bermasalah.",
    "setup.libraries.previewNothing": "Belum ada yang disimpan.",
    "setup.libraries.badRows":
      "Baris bermasalah — perbaiki berkas lalu unggah lagi:",
    "setup.libraries.line": "Baris {line}",
    "setup.libraries.change.created": "Baru",
    "setup.libraries.change.updated": "Diperbarui",
    "setup.libraries.change.unchanged": "Tidak berubah",
    "setup.libraries.confirm": "Konfirmasi impor {count} perpustakaan",
    "setup.libraries.imported":
      "Impor selesai: {created} baru, {updated} diperbarui, {unchanged} tidak berubah.",
    "setup.libraries.col.change": "Perubahan",
    "setup.libraries.col.actions": "Tindakan",
    "setup.csv.unreadable":
      "Berkas CSV tidak dapat dibaca (sekitar baris {line}).",
    "setup.csv.empty": "Berkas tidak berisi baris data.",
    "setup.csv.missingColumns": "Kolom wajib tidak ada: {columns}.",
    "setup.csv.tooMany": "Terlalu banyak baris (paling banyak {max}).",
    "setup.csv.duplicateCode": "Kode yang sama sudah ada di baris {line}.",
    "setup.csv.noFile": "Pilih berkas CSV atau tempel isinya.",

    "setup.entries.title": "Peserta",
    "setup.entries.none": "Belum ada peserta.",
    "setup.entries.add": "Tambah peserta",
    "setup.entries.addHint":
      "Pilih perpustakaan dari daftar. Kategori mengikuti jenis perpustakaan dan dapat diubah.",
    "setup.entries.addSubmit": "Tambahkan yang dipilih",
    "setup.entries.allIn":
      "Semua perpustakaan di daftar sudah menjadi peserta.",
    "setup.entries.added": "{count} peserta ditambahkan.",
    "setup.entries.library": "Perpustakaan",
    "setup.entries.category": "Kategori",
    "setup.entries.status": "Status",
    "setup.entries.judges": "Juri",
    "setup.entries.reason": "Alasan",
    "setup.entries.status.active": "Aktif",
    "setup.entries.status.withdrawn": "Mengundurkan diri",
    "setup.entries.status.disqualified": "Didiskualifikasi",
    "setup.entries.withdraw": "Mengundurkan diri",
    "setup.entries.disqualify": "Diskualifikasi",
    "setup.entries.reinstate": "Aktifkan kembali",
    "setup.entries.remove": "Hapus",
    "setup.entries.setCategory": "Ubah kategori",
    "setup.entries.updated": "Peserta diperbarui.",
    "setup.entries.pick": "Ikut",

    "setup.judges.title": "Juri dan penugasan",
    "setup.judges.panel": "Panel juri",
    "setup.judges.panelNone": "Belum ada juri di panel.",
    "setup.judges.addToPanel": "Tambahkan ke panel",
    "setup.judges.noMoreJudges": "Semua akun juri aktif sudah ada di panel.",
    "setup.judges.createAccount": "Buat akun juri baru",
    "setup.judges.removeFromPanel": "Keluarkan dari panel",
    "setup.judges.load": "Peserta ditugaskan",
    "setup.judges.home": "Asal",
    "setup.judges.assignments": "Penugasan per peserta",
    "setup.judges.assignmentsHint":
      "Centang juri untuk tiap peserta. Juri dengan konflik kepentingan tidak dapat ditugaskan.",
    "setup.judges.count": "Jumlah juri",
    "setup.judges.conflictCell": "konflik",
    "setup.judges.saveAssignments": "Simpan penugasan",
    "setup.judges.assignAll": "Tugaskan semua juri ke semua peserta",
    "setup.judges.balanced": "Tugaskan merata",
    "setup.judges.perEntry": "Juri per peserta",
    "setup.judges.balancedSubmit": "Tugaskan merata",
    "setup.judges.report": "{added} penugasan ditambahkan, {removed} dihapus.",
    "setup.judges.refusedConflict":
      "{judge} tidak ditugaskan ke {library}: konflik kepentingan.",
    "setup.judges.refusedSheet":
      "{judge} tetap ditugaskan ke {library}: lembar nilai sudah dibuka.",
    "setup.judges.short": "{library} hanya mendapat {count} juri.",
    "setup.judges.noEntries": "Belum ada peserta aktif.",
    "setup.judges.conflicts": "Konflik kepentingan",
    "setup.judges.conflictsNone": "Belum ada konflik yang dicatat.",
    "setup.judges.suggestions": "Dugaan konflik",
    "setup.judges.suggestionsHint":
      "Ditemukan otomatis: juri dari desa yang sama, atau bekerja di perpustakaan itu. Konfirmasi atau tolak masing-masing dengan alasan.",
    "setup.judges.suggestionsNone":
      "Tidak ada dugaan konflik yang belum diputuskan.",
    "setup.judges.kind.sameVillage":
      "Juri berasal dari desa yang sama ({detail})",
    "setup.judges.kind.worksAtLibrary":
      "Juri bekerja di perpustakaan ini ({detail})",
    "setup.judges.confirmConflict": "Konfirmasi konflik",
    "setup.judges.dismiss": "Tolak dugaan",
    "setup.judges.recordConflict": "Catat konflik kepentingan",
    "setup.judges.judge": "Juri",
    "setup.judges.library": "Perpustakaan",
    "setup.judges.reason": "Alasan",
    "setup.judges.decision": "Keputusan",
    "setup.judges.confirmed": "Konflik",
    "setup.judges.dismissed": "Bukan konflik",
    "setup.judges.conflictSaved": "Keputusan dicatat.",
    "setup.judges.conflictRemoved":
      "Keputusan dicatat; {count} penugasan dibatalkan.",
    "setup.judges.choose": "— pilih —",

    "setup.import.title": "Impor berkas lomba (JSON)",
    "setup.import.intro":
      "Berkas lomba berisi pengaturan, kriteria, peserta, juri, penugasan dan konflik. Berkas yang tidak valid tidak menyimpan apa pun.",
    "setup.import.file": "Berkas JSON",
    "setup.import.replace":
      "Ganti lomba dengan kode yang sama (hanya bila belum ada nilai)",
    "setup.import.submit": "Impor",
    "setup.import.problems": "Berkas tidak diimpor. Masalah yang ditemukan:",
    "setup.import.noFile": "Pilih berkas JSON.",
    "setup.import.done": "Lomba {slug} diimpor.",
    "setup.export": "Unduh berkas lomba (JSON)",
    "setup.file.notJson": "bukan JSON yang valid: {detail}",
    "setup.file.noJudge":
      "tidak ada akun dengan email {email}; buat akun juri lebih dahulu",
    "setup.file.notJudge": "{email} bukan akun juri",
    "setup.file.slugExists":
      'lomba "{slug}" sudah ada; gunakan --replace (atau centang Ganti) untuk menggantinya',
    "setup.file.hasScores":
      'lomba "{slug}" sudah memiliki {count} nilai; tidak dapat diganti',
    "setup.file.recordedConflict":
      "{email} memiliki konflik kepentingan yang tercatat dengan {code}",

    "setup.error.integer": "Harus bilangan bulat.",
    "setup.error.codeFormat":
      "Hanya huruf, angka, titik, garis bawah dan tanda hubung.",
    "setup.error.scaleRange": "Skor antara 0 dan 100.",
    "setup.error.weightRange": "Bobot antara 0 dan 100.",
    "setup.error.rubricLevel": "Tingkat rubrik harus angka.",
    "setup.error.noIndicators": "Komponen perlu sedikitnya satu indikator.",
    "setup.error.noComponents": "Perlu sedikitnya satu komponen.",
    "setup.error.weightTotal": "Jumlah bobot {total}, harus 100.",
    "setup.error.duplicateCode": "Kode {code} sudah dipakai.",
    "setup.error.maxNotAboveMin":
      "Skor tertinggi harus lebih besar dari skor terendah.",
    "setup.error.rubricOutOfRange": "Tingkat rubrik {level} di luar skala.",
    "setup.error.slugFormat": "Hanya huruf kecil, angka dan tanda hubung.",
    "setup.error.slugReserved": "Kode ini tidak boleh dipakai.",
    "setup.error.slugTaken": "Kode lomba ini sudah dipakai.",
    "setup.error.settingsLocked":
      "Pengaturan tidak dapat diubah setelah lomba ditutup.",
    "setup.error.deleteOnlyDraft":
      "Lomba hanya dapat dihapus selama masih draf.",
    "setup.error.deleteHasSheets":
      "Lomba sudah memiliki lembar nilai dan tidak dapat dihapus.",
    "setup.error.criteriaFrozen": "Kriteria dibekukan sejak penilaian dibuka.",
    "setup.error.libraryType": "Jenis harus desa atau kelurahan.",
    "setup.error.libraryCodeTaken": "Kode perpustakaan ini sudah dipakai.",
    "setup.error.entriesLocked":
      "Peserta hanya dapat ditambah atau dihapus selama lomba masih draf.",
    "setup.error.entriesClosed":
      "Status peserta tidak dapat diubah setelah lomba ditutup.",
    "setup.error.entryHasSheets": "Peserta ini sudah memiliki lembar nilai.",
    "setup.error.reasonRequired": "Alasan wajib diisi.",
    "setup.error.assignmentsLocked":
      "Penugasan tidak dapat diubah setelah lomba ditutup.",
    "setup.error.judgeHasSheets":
      "Juri ini sudah membuka lembar nilai dan tidak dapat dikeluarkan.",
    "setup.error.duplicateJudge": "Juri {email} tercantum dua kali.",
    "setup.error.judgeNotListed":
      "{email} tidak ada di daftar juri berkas ini.",
    "setup.error.libraryNotListed":
      "Perpustakaan {code} tidak ada di daftar perpustakaan berkas ini.",
    "setup.error.assignConflict":
      "{email} memiliki konflik kepentingan dengan {code} dan tidak dapat ditugaskan.",
    "setup.error.badRequest": "Permintaan tidak dikenali.",
    "setup.error.assignInactive":
      "{code} tidak aktif (mengundurkan diri atau didiskualifikasi) dan tidak dapat ditugaskan.",

    "status.reason.criteria": "Kriteria: {path}: {problem}",
    "status.reason.noEntries": "Belum ada peserta aktif.",
    "status.reason.entryWithoutJudge": "{library} belum memiliki juri.",
    "status.reason.scoresExist":
      "Sudah ada {count} nilai; lomba tidak dapat dikembalikan ke draf.",
    "status.reason.notFound": "Lomba tidak ditemukan.",
    "status.reason.notAllowed":
      "Perpindahan status dari {from} ke {to} tidak diizinkan.",
    "status.reason.changedMeanwhile":
      "Status lomba baru saja diubah orang lain. Muat ulang halaman.",
  },
  en: {
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
    "setup.field.slugHint":
      "Lower-case letters, digits and hyphens, e.g. kutim-2025.",
    "setup.field.name": "Competition name",
    "setup.field.year": "Year",
    "setup.field.level": "Level",
    "setup.field.region": "Region",
    "setup.field.aggregation": "How judges' scores are combined",
    "setup.field.prizeWinners": "Number of winners",
    "setup.field.prizeHonourable": "Number of honourable mentions",
    "setup.field.rankingScope": "Ranking",
    "setup.field.template":
      "Fill the criteria from the national village-library standard template",

    "setup.new.title": "New competition",
    "setup.settings.title": "Competition settings",
    "setup.settings.locked":
      "Settings cannot change once the competition is closed.",

    "setup.overview.status": "Status",
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
    "setup.overview.confirmGeneric":
      "The status change is recorded in the audit log.",
    "setup.overview.reason": "Reason (recorded in the audit log)",
    "setup.overview.confirm": "Yes, change the status",
    "setup.overview.moved": "The competition's status is now: {status}.",
    "setup.overview.duplicate": "Start next year's competition from this one",
    "setup.overview.duplicateHint":
      "Criteria, entries, the judging panel and assignments are copied; scores are not.",
    "setup.overview.duplicateSubmit": "Duplicate",
    "setup.overview.delete": "Delete competition",
    "setup.overview.deleteHint":
      "A competition can be deleted only while it is a draft.",
    "setup.overview.deleteConfirm":
      "Yes, delete this competition with its entries and criteria",
    "setup.overview.deleteAsk": "Delete competition…",
    "setup.overview.deleted": "Competition deleted.",
    "setup.overview.scoresOnly":
      "Scores can be entered only while the status is Scoring.",

    "setup.criteria.title": "Judging criteria",
    "setup.criteria.frozen":
      "The criteria are frozen because scoring has opened. Reopen the competition to draft (only while no score exists) to change them.",
    "setup.criteria.intro":
      "Components with weights (they must total exactly 100) and their indicators. Indicator codes are unique within a competition.",
    "setup.criteria.template": "Fill with the standard template",
    "setup.criteria.templateHint":
      "Replaces the fields below with the template; nothing is saved until you press Save.",
    "setup.criteria.templateLoaded":
      "Template loaded. Check it, then press Save criteria.",
    "setup.criteria.component": "Component {n}",
    "setup.criteria.code": "Code",
    "setup.criteria.name": "Name",
    "setup.criteria.weight": "Weight (%)",
    "setup.criteria.indicator": "Indicator {code}",
    "setup.criteria.description": "Description",
    "setup.criteria.min": "Lowest score",
    "setup.criteria.max": "Highest score",
    "setup.criteria.rubric": "Rubric: what each score means",
    "setup.criteria.rubricLevel": "Score {level}",
    "setup.criteria.rubricApply":
      "Refresh the rubric fields after changing the scale",
    "setup.criteria.rubricTooLong":
      "A rubric per score is offered for scales of up to 11 levels.",
    "setup.criteria.addComponent": "Add component",
    "setup.criteria.addIndicator": "Add indicator",
    "setup.criteria.removeComponent": "Remove this component",
    "setup.criteria.removeIndicator": "Remove this indicator",
    "setup.criteria.total": "Weights total: {total}",
    "setup.criteria.save": "Save criteria",
    "setup.criteria.saved": "Criteria saved.",
    "setup.criteria.notSaved":
      "The criteria were not saved. Correct the marked fields.",

    "setup.libraries.title": "Library registry",
    "setup.libraries.intro":
      "This registry is reused across years. The library code is the key: importing again updates, never duplicates.",
    "setup.libraries.none": "No libraries yet.",
    "setup.libraries.add": "Add library",
    "setup.libraries.edit": "Edit {name}",
    "setup.libraries.editLink": "Edit",
    "setup.libraries.code": "Code",
    "setup.libraries.name": "Library name",
    "setup.libraries.type": "Type",
    "setup.libraries.village": "Village/kelurahan",
    "setup.libraries.district": "District",
    "setup.libraries.address": "Address",
    "setup.libraries.head": "Head of library",
    "setup.libraries.phone": "Phone",
    "setup.libraries.npp": "NPP",
    "setup.libraries.created": "Library added.",
    "setup.libraries.updated": "Library updated.",
    "setup.libraries.csv": "Import from CSV",
    "setup.libraries.csvHint":
      "Columns: code, name, type (desa/kelurahan), village, district, address, head, phone, npp — or the Indonesian kode, nama, jenis, desa, kecamatan, alamat, kepala, telepon, npp. The first row holds the column names.",
    "setup.libraries.csvFile": "CSV file",
    "setup.libraries.csvText": "…or paste the CSV here",
    "setup.libraries.preview": "Preview",
    "setup.libraries.previewTitle": "Import preview",
    "setup.libraries.previewSummary":
      "{created} new, {updated} updated, {unchanged} unchanged, {errors} bad rows.",
    "setup.libraries.previewNothing": "Nothing has been saved yet.",
    "setup.libraries.badRows":
      "Bad rows — correct the file and upload it again:",
    "setup.libraries.line": "Line {line}",
    "setup.libraries.change.created": "New",
    "setup.libraries.change.updated": "Updated",
    "setup.libraries.change.unchanged": "Unchanged",
    "setup.libraries.confirm": "Confirm the import of {count} libraries",
    "setup.libraries.imported":
      "Import done: {created} new, {updated} updated, {unchanged} unchanged.",
    "setup.libraries.col.change": "Change",
    "setup.libraries.col.actions": "Actions",
    "setup.csv.unreadable": "The CSV file cannot be read (around line {line}).",
    "setup.csv.empty": "The file has no data rows.",
    "setup.csv.missingColumns": "Required columns are missing: {columns}.",
    "setup.csv.tooMany": "Too many rows (at most {max}).",
    "setup.csv.duplicateCode": "The same code is already on line {line}.",
    "setup.csv.noFile": "Choose a CSV file or paste its contents.",

    "setup.entries.title": "Entries",
    "setup.entries.none": "No entries yet.",
    "setup.entries.add": "Add entries",
    "setup.entries.addHint":
      "Pick libraries from the registry. The category follows the library's type and can be changed.",
    "setup.entries.addSubmit": "Add the selected libraries",
    "setup.entries.allIn": "Every library in the registry already takes part.",
    "setup.entries.added": "{count} entries added.",
    "setup.entries.library": "Library",
    "setup.entries.category": "Category",
    "setup.entries.status": "Status",
    "setup.entries.judges": "Judges",
    "setup.entries.reason": "Reason",
    "setup.entries.status.active": "Active",
    "setup.entries.status.withdrawn": "Withdrawn",
    "setup.entries.status.disqualified": "Disqualified",
    "setup.entries.withdraw": "Withdraw",
    "setup.entries.disqualify": "Disqualify",
    "setup.entries.reinstate": "Reinstate",
    "setup.entries.remove": "Remove",
    "setup.entries.setCategory": "Change category",
    "setup.entries.updated": "Entry updated.",
    "setup.entries.pick": "Take part",

    "setup.judges.title": "Judges and assignments",
    "setup.judges.panel": "Judging panel",
    "setup.judges.panelNone": "No judges on the panel yet.",
    "setup.judges.addToPanel": "Add to the panel",
    "setup.judges.noMoreJudges":
      "Every active judge account is already on the panel.",
    "setup.judges.createAccount": "Create a new judge account",
    "setup.judges.removeFromPanel": "Remove from the panel",
    "setup.judges.load": "Entries assigned",
    "setup.judges.home": "Home",
    "setup.judges.assignments": "Assignments per entry",
    "setup.judges.assignmentsHint":
      "Tick the judges for each entry. A judge with a conflict of interest cannot be assigned.",
    "setup.judges.count": "Judges",
    "setup.judges.conflictCell": "conflict",
    "setup.judges.saveAssignments": "Save assignments",
    "setup.judges.assignAll": "Assign every judge to every entry",
    "setup.judges.balanced": "Assign evenly",
    "setup.judges.perEntry": "Judges per entry",
    "setup.judges.balancedSubmit": "Assign evenly",
    "setup.judges.report": "{added} assignments added, {removed} removed.",
    "setup.judges.refusedConflict":
      "{judge} was not assigned to {library}: conflict of interest.",
    "setup.judges.refusedSheet":
      "{judge} stays assigned to {library}: a score sheet is already open.",
    "setup.judges.short": "{library} got only {count} judges.",
    "setup.judges.noEntries": "No active entries yet.",
    "setup.judges.conflicts": "Conflicts of interest",
    "setup.judges.conflictsNone": "No conflicts recorded yet.",
    "setup.judges.suggestions": "Possible conflicts",
    "setup.judges.suggestionsHint":
      "Found automatically: a judge from the same village, or working at the library. Confirm or dismiss each with a reason.",
    "setup.judges.suggestionsNone": "No undecided possible conflicts.",
    "setup.judges.kind.sameVillage":
      "The judge lives in the same village ({detail})",
    "setup.judges.kind.worksAtLibrary":
      "The judge works at this library ({detail})",
    "setup.judges.confirmConflict": "Confirm conflict",
    "setup.judges.dismiss": "Dismiss",
    "setup.judges.recordConflict": "Record a conflict of interest",
    "setup.judges.judge": "Judge",
    "setup.judges.library": "Library",
    "setup.judges.reason": "Reason",
    "setup.judges.decision": "Decision",
    "setup.judges.confirmed": "Conflict",
    "setup.judges.dismissed": "Not a conflict",
    "setup.judges.conflictSaved": "Decision recorded.",
    "setup.judges.conflictRemoved":
      "Decision recorded; {count} assignments withdrawn.",
    "setup.judges.choose": "— choose —",

    "setup.import.title": "Import a competition file (JSON)",
    "setup.import.intro":
      "A competition file holds the settings, criteria, entries, judges, assignments and conflicts. An invalid file writes nothing.",
    "setup.import.file": "JSON file",
    "setup.import.replace":
      "Replace the competition with the same code (only while no score exists)",
    "setup.import.submit": "Import",
    "setup.import.problems": "The file was not imported. Problems found:",
    "setup.import.noFile": "Choose a JSON file.",
    "setup.import.done": "Competition {slug} imported.",
    "setup.export": "Download the competition file (JSON)",
    "setup.file.notJson": "not valid JSON: {detail}",
    "setup.file.noJudge":
      "no account with the email {email}; create the judge first",
    "setup.file.notJudge": "{email} is not a judge account",
    "setup.file.slugExists":
      'a competition "{slug}" already exists; use --replace to replace it',
    "setup.file.hasScores":
      'competition "{slug}" already has {count} scores; it cannot be replaced',
    "setup.file.recordedConflict":
      "{email} has a recorded conflict of interest with {code}",

    "setup.error.integer": "Must be a whole number.",
    "setup.error.codeFormat":
      "Only letters, digits, dot, underscore and hyphen.",
    "setup.error.scaleRange": "Scores lie between 0 and 100.",
    "setup.error.weightRange": "Weights lie between 0 and 100.",
    "setup.error.rubricLevel": "A rubric level must be a number.",
    "setup.error.noIndicators": "A component needs at least one indicator.",
    "setup.error.noComponents": "At least one component is needed.",
    "setup.error.weightTotal": "weights total {total}, must be 100",
    "setup.error.duplicateCode": "The code {code} is used twice.",
    "setup.error.maxNotAboveMin": "The highest score must be above the lowest.",
    "setup.error.rubricOutOfRange":
      "Rubric level {level} lies outside the scale.",
    "setup.error.slugFormat": "Only lower-case letters, digits and hyphens.",
    "setup.error.slugReserved": "This code is reserved.",
    "setup.error.slugTaken": "This competition code is already used.",
    "setup.error.settingsLocked":
      "Settings cannot change once the competition is closed.",
    "setup.error.deleteOnlyDraft":
      "A competition can be deleted only while it is a draft.",
    "setup.error.deleteHasSheets":
      "The competition has score sheets and cannot be deleted.",
    "setup.error.criteriaFrozen":
      "The criteria are frozen since scoring opened.",
    "setup.error.libraryType": "The type must be desa or kelurahan.",
    "setup.error.libraryCodeTaken": "This library code is already used.",
    "setup.error.entriesLocked":
      "Entries can be added or removed only while the competition is a draft.",
    "setup.error.entriesClosed":
      "An entry's status cannot change once the competition is closed.",
    "setup.error.entryHasSheets": "This entry already has score sheets.",
    "setup.error.reasonRequired": "A reason is required.",
    "setup.error.assignmentsLocked":
      "Assignments cannot change once the competition is closed.",
    "setup.error.judgeHasSheets":
      "This judge has already opened score sheets and cannot be removed.",
    "setup.error.duplicateJudge": "The judge {email} is listed twice.",
    "setup.error.judgeNotListed":
      "{email} is not in this file's list of judges.",
    "setup.error.libraryNotListed":
      "Library {code} is not in this file's list of libraries.",
    "setup.error.assignConflict":
      "{email} has a conflict of interest with {code} and cannot be assigned.",
    "setup.error.badRequest": "The request was not understood.",
    "setup.error.assignInactive":
      "{code} is not active (withdrawn or disqualified) and cannot be assigned.",

    "status.reason.criteria": "Criteria: {path}: {problem}",
    "status.reason.noEntries": "There are no active entries.",
    "status.reason.entryWithoutJudge": "{library} has no judge yet.",
    "status.reason.scoresExist":
      "{count} scores exist already; the competition cannot go back to draft.",
    "status.reason.notFound": "Competition not found.",
    "status.reason.notAllowed": "Moving from {from} to {to} is not allowed.",
    "status.reason.changedMeanwhile":
      "Someone else just changed the status. Reload the page.",
  },
});
