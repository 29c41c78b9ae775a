import { defineMessages } from "../define";

/**
 * Accounts: the admin's users page (routes/admin.users) and the chair's judge accounts
 * (routes/judges._index).
 */
export const admin = defineMessages({
  id: {
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
  },
  en: {
    "users.title": "Users",
    "users.create": "Add user",
    "users.name": "Name",
    "users.email": "Email",
    "users.role": "Role",
    "users.password": "Password (leave empty to generate one)",
    "users.active": "Active",
    "users.inactive": "Inactive",
    "users.status": "Status",
    "users.actions": "Actions",
    "users.deactivate": "Deactivate",
    "users.activate": "Activate",
    "users.resetPassword": "Reset password",
    "users.created": "Account {email} created.",
    "users.tempPassword": "Temporary password for {email}:",
    "users.tempPasswordOnce": "Write it down now; it will not be shown again.",
    "users.cannotDeactivateSelf": "You cannot deactivate your own account.",
    "users.activated": "Account {name} ({email}) reactivated; they can sign in again.",
    "users.deactivated":
      "Account {name} ({email}) deactivated; they cannot sign in and their sessions have ended.",
    "users.edited": "Name and role of {email} saved: {name}.",
    "users.resetDone": "Password of {email} reset; their open sessions have ended.",
    "users.edit": "Edit name/role",
    "users.saveEdit": "Save",
    "users.cannotDemoteSelf": "You cannot remove the admin role from your own account.",
    "users.libraryRoleFixed":
      "A library manager account is tied to its library: its role cannot be changed, and no other account can be made a manager here.",
    "users.roleHasAssignments":
      "This judge is still on a competition's judging panel. Remove them from the panel (the competition's Judges page) first, then change the role.",
    "judges.title": "Judges",
    "judges.intro":
      "Create judge accounts and reset their passwords. A temporary password is shown only once.",
    "judges.create": "Add judge",
    "judges.district": "Home district",
    "judges.village": "Home village/kelurahan",
    "judges.institution": "Institution",
    "judges.none": "No judges yet.",
  },
});
