import type { ChecklistTemplate } from "./shape";

/** The administrative check before judging: each item passes or fails, nothing is scored. */
export const ADMIN_CHECKLIST: ChecklistTemplate = {
  type: "checklist",
  code: "admin-checklist",
  nameKey: "setup.template.adminChecklist.name",
  descriptionKey: "setup.template.adminChecklist.description",
  stageKinds: ["admin"],
  items: [
    {
      code: "NPP",
      name: "Nomor Pokok Perpustakaan (NPP)",
      description: "Perpustakaan memiliki NPP dari Perpustakaan Nasional.",
    },
    {
      code: "SK",
      name: "SK pendirian",
      description: "Surat keputusan kepala desa/lurah tentang pendirian perpustakaan.",
    },
    {
      code: "FORMULIR",
      name: "Formulir lengkap",
      description: "Formulir pendaftaran dan instrumen isian diisi lengkap dan ditandatangani.",
    },
    {
      code: "PROFIL",
      name: "Profil dan video",
      description: "Profil perpustakaan tertulis dan video profil sesuai ketentuan panitia.",
    },
  ],
};
