/**
 * Accounts: the admin's users page (routes/admin.users) and the chair's judge accounts
 * (routes/judges._index).
 *
 * Bahasa Indonesia; the English is in admin.en.ts.
 */
export default {
  "users.title": "Pengguna",
  "users.create": "Tambah pengguna",
  "users.name": "Nama",
  "users.email": "Email",
  "users.role": "Peran",
  "users.password": "Kata sandi (kosongkan untuk dibuatkan)",
  "users.active": "Aktif",
  "users.inactive": "Nonaktif",
  "users.status": "Status",
  "users.actions": "Tindakan",
  "users.deactivate": "Nonaktifkan",
  "users.activate": "Aktifkan",
  "users.resetPassword": "Atur ulang kata sandi",
  "users.created": "Akun {email} dibuat.",
  "users.tempPassword": "Kata sandi sementara untuk {email}:",
  "users.tempPasswordOnce": "Catat sekarang; kata sandi ini tidak akan ditampilkan lagi.",
  "users.cannotDeactivateSelf": "Anda tidak dapat menonaktifkan akun sendiri.",
  "users.activated": "Akun {name} ({email}) diaktifkan kembali; ia dapat masuk lagi.",
  "users.deactivated":
    "Akun {name} ({email}) dinonaktifkan; ia tidak dapat masuk dan sesinya diakhiri.",
  "users.edited": "Nama dan peran akun {email} disimpan: {name}.",
  "users.resetDone": "Kata sandi {email} diatur ulang; sesi yang sedang berjalan diakhiri.",
  "users.edit": "Ubah nama/peran",
  "users.saveEdit": "Simpan",
  "users.cannotDemoteSelf": "Anda tidak dapat melepas peran admin akun sendiri.",
  "users.libraryRoleFixed":
    "Akun pengelola perpustakaan terikat pada perpustakaannya: perannya tidak dapat diubah, dan akun lain tidak dapat dijadikan pengelola di sini.",
  "users.roleHasAssignments":
    "Juri ini masih ada di panel juri sebuah lomba. Keluarkan dulu dari panel (halaman Juri lomba), lalu ubah perannya.",
  "judges.title": "Juri",
  "judges.intro":
    "Buat akun juri dan atur ulang kata sandinya. Kata sandi sementara hanya ditampilkan sekali.",
  "judges.create": "Tambah juri",
  "judges.district": "Kecamatan asal",
  "judges.village": "Desa/kelurahan asal",
  "judges.institution": "Instansi",
  "judges.none": "Belum ada juri.",
};
