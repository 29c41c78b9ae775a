import { defineMessages } from "../define";

/** Logging in and changing one's password: routes/login, routes/account.password. */
export const account = defineMessages({
  id: {
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
  },
  en: {
    "login.title": "Log in",
    "login.email": "Email",
    "login.password": "Password",
    "login.submit": "Log in",
    "login.submitting": "Checking…",
    "login.invalid": "Wrong email or password.",
    "login.inactive": "This account has been deactivated. Contact the committee chair or an admin.",
    "login.locked":
      "Too many failed attempts for this account from your network. Try again in {minutes} minutes.",
    "password.title": "Change password",
    "password.mustChange": "You logged in with a temporary password. Choose a new one to continue.",
    "password.current": "Current password",
    "password.new": "New password",
    "password.confirm": "Repeat the new password",
    "password.hint": "At least 8 characters.",
    "password.wrongCurrent": "The current password is wrong.",
    "password.changed": "Password changed. Your sessions on other devices have been ended.",
    "password.logInAgain":
      "This session began with a password issued by the chair or an admin, so score sheets saved in it are marked. Log out, then log in again with your new password.",
  },
});
