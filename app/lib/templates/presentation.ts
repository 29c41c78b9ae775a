import { described, type CriteriaTemplate } from "./shape";

/**
 * The presentation or interview before the panel (the grand final). The components are those
 * the 2025 reports name; no weights were published, so the chair enters them.
 */
export const PRESENTATION_TEMPLATE: CriteriaTemplate = {
  type: "criteria",
  code: "presentation",
  nameKey: "setup.template.presentation.name",
  descriptionKey: "setup.template.presentation.description",
  stageKinds: ["presentation"],
  components: [
    {
      code: "P",
      name: "Penyajian",
      weight: null,
      indicators: [
        described(
          "P1",
          "Penyajian",
          "Susunan, kejelasan dan ketepatan waktu paparan; alat bantu yang dipakai.",
          ["Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik"],
        ),
      ],
    },
    {
      code: "M",
      name: "Penguasaan Materi",
      weight: null,
      indicators: [
        described(
          "M1",
          "Penguasaan materi",
          "Pemahaman penyaji atas perpustakaannya dan jawaban atas pertanyaan juri.",
          ["Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik"],
        ),
      ],
    },
    {
      code: "I",
      name: "Inovasi",
      weight: null,
      indicators: [
        described(
          "I1",
          "Inovasi",
          "Gagasan dan layanan baru yang dipaparkan, dan bukti pelaksanaannya.",
          ["Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik"],
        ),
      ],
    },
    {
      code: "D",
      name: "Dampak bagi Masyarakat",
      weight: null,
      indicators: [
        described(
          "D1",
          "Dampak bagi masyarakat",
          "Manfaat perpustakaan bagi warga yang dipaparkan, dengan data atau testimoni.",
          ["Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik"],
        ),
      ],
    },
  ],
};
