/**
 * Logging in and changing one's password: routes/login, routes/account.password.
 *
 * Bahasa Indonesia; the English is in account.en.ts.
 */
export default {
  "login.title": "Masuk",
  "login.email": "Email",
  "login.password": "Kata sandi",
  "login.submit": "Masuk",
  "login.submitting": "Memeriksa…",
  "login.invalid": "Email atau kata sandi salah.",
  "login.inactive": "Akun ini sudah dinonaktifkan. Hubungi ketua panitia atau admin.",
  "login.locked":
    "Terlalu banyak percobaan gagal untuk akun ini dari jaringan Anda. Coba lagi dalam {minutes} menit.",
  "password.title": "Ganti kata sandi",
  "password.mustChange":
    "Anda masuk dengan kata sandi sementara. Buat kata sandi baru untuk melanjutkan.",
  "password.current": "Kata sandi sekarang",
  "password.new": "Kata sandi baru",
  "password.confirm": "Ulangi kata sandi baru",
  "password.hint": "Minimal 8 karakter.",
  "password.wrongCurrent": "Kata sandi sekarang salah.",
  "password.changed": "Kata sandi sudah diganti. Sesi Anda di perangkat lain telah diakhiri.",
  "password.logInAgain":
    "Sesi ini dimulai dengan kata sandi dari ketua atau admin, jadi lembar nilai yang disimpan di sesi ini ditandai. Keluar, lalu masuk lagi dengan kata sandi baru Anda.",
};
