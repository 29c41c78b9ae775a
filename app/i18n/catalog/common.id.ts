/**
 * The layout (header, navigation, language switch), errors and form messages, and the labels every
 * area shares (roles, levels, library types, aggregations, ranking scopes).
 *
 * Bahasa Indonesia; the English is in common.en.ts.
 */
export default {
  "app.name": "Juara",
  "app.tagline": "Penjurian Lomba Perpustakaan Desa/Kelurahan",
  "app.demoBanner": "Data demo: nilai dan peringkat di aplikasi ini adalah contoh rekaan.",
  "nav.home": "Beranda",
  "nav.dashboard": "Dasbor",
  "nav.users": "Pengguna",
  "nav.judges": "Juri",
  "nav.account": "Ganti kata sandi",
  "nav.login": "Masuk",
  "nav.logout": "Keluar",
  "nav.skip": "Lompat ke isi",
  "nav.main": "Navigasi utama",
  "nav.audit": "Log audit",
  "nav.about": "Tentang",
  "lang.switchTo": "English",
  "role.admin": "Admin",
  "role.chair": "Ketua panitia",
  "role.judge": "Juri",
  "role.library": "Pengelola perpustakaan",
  "level.kabupaten": "Kabupaten",
  "level.kota": "Kota",
  "level.provinsi": "Provinsi",
  "level.nasional": "Nasional",
  "libraryType.desa": "Desa",
  "libraryType.kelurahan": "Kelurahan",
  "aggregation.mean": "Rata-rata",
  "aggregation.median": "Median",
  "aggregation.trimmed-mean": "Rata-rata terpangkas",
  "scope.overall": "Gabungan",
  "scope.category": "Per kategori",
  "action.save": "Simpan",
  "action.cancel": "Batal",
  "action.create": "Buat",
  "form.errorSummary": "Periksa kembali isian yang ditandai.",
  "error.required": "Wajib diisi.",
  "error.invalid": "Isian tidak valid.",
  "error.number": "Isi dengan angka.",
  "error.email": "Masukkan alamat email yang valid.",
  "error.tooLong": "Terlalu panjang.",
  "error.passwordTooShort": "Kata sandi minimal 8 karakter.",
  "error.passwordMismatch": "Kedua kata sandi tidak sama.",
  "error.emailTaken": "Email ini sudah dipakai akun lain.",
  "error.title": "Terjadi kesalahan",
  "error.403": "Anda tidak berhak membuka halaman ini.",
  "error.404": "Halaman tidak ditemukan.",
  "error.413": "Kiriman terlalu besar.",
  "error.unsupportedBody":
    "Kiriman ini bukan isian formulir yang dapat dibaca. Kirim formulir dari halaman Juara.",
  "error.malformedBody":
    "Isian formulir rusak atau terpotong. Muat ulang halaman, lalu kirim sekali lagi.",
  "error.misdirected":
    "Server ini tidak melayani alamat tersebut. Buka Juara dengan alamat yang diberikan panitia.",
  "error.500": "Terjadi kesalahan di server. Isian Anda tidak hilang; coba lagi sebentar lagi.",
  "error.503":
    "Basis data Juara sedang tidak dapat dihubungi, jadi permintaan ini tidak dapat diselesaikan. Coba lagi sebentar lagi.",
  "error.backHome": "Kembali ke beranda",
  "error.400":
    "Permintaan tidak dapat diproses: isian formulir tidak lengkap atau tidak sah. Kembali dan coba lagi.",
  "error.controlCharacters": "Teks berisi karakter kendali yang tidak diizinkan.",
  "error.repeated": "Isian ini dikirim lebih dari sekali.",
  "error.title.403": "Akses ditolak",
  "error.title.404": "Halaman tidak ditemukan",
  "error.advice.403":
    "Halaman ini untuk peran lain. Bila Anda perlu membukanya, minta ketua panitia atau admin memberi akses, atau masuk dengan akun yang tepat.",
  "error.advice.404":
    "Periksa kembali alamatnya. Lomba yang belum diumumkan belum tampil untuk umum; hasil yang sudah diumumkan ada di beranda dan arsip.",
  "error.toDashboard": "Ke dasbor",
  // the header's links to other areas' pages
  "library.nav": "Lomba kami",
  "setup.nav.libraries": "Daftar perpustakaan",
  "public.archive": "Arsip",
  // labels the dashboard, library and audit pages share with the chair's
  "status.draft": "Draf",
  "status.scoring": "Penilaian",
  "status.closed": "Ditutup",
  "status.published": "Diumumkan",
  "setup.entries.status.active": "Aktif",
  "setup.entries.status.withdrawn": "Mengundurkan diri",
  "setup.entries.status.disqualified": "Didiskualifikasi",
  "setup.nav.import": "Impor berkas lomba",
  "setup.nav.new": "Lomba baru",
};
