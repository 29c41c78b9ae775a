import { ACCREDITATION_TEMPLATE } from "./accreditation";
import { described, type CriteriaTemplate, type TemplateIndicatorData } from "./shape";

/**
 * The eight components that competitions scored in 2025 (Lampung Selatan, Magetan, Situbondo).
 * None of them published its weights, so the template carries none: the chair enters that
 * year's, from the guideline (petunjuk teknis), before the criteria can be saved.
 */

function from(code: string, newCode: string): TemplateIndicatorData {
  const found = ACCREDITATION_TEMPLATE.components
    .flatMap((c) => c.indicators)
    .find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code} in the accreditation template`);
  return { ...found, code: newCode };
}

export const PRACTICE_2025_TEMPLATE: CriteriaTemplate = {
  type: "criteria",
  code: "practice-2025",
  nameKey: "setup.template.practice2025.name",
  descriptionKey: "setup.template.practice2025.description",
  stageKinds: ["desk", "visit", "other"],
  components: [
    {
      code: "A",
      name: "Koleksi",
      weight: null,
      indicators: [from("A02", "A1"), from("A03", "A2"), from("A14", "A3"), from("A10", "A4")],
    },
    {
      code: "B",
      name: "Sarana dan Prasarana",
      weight: null,
      indicators: [from("B01", "B1"), from("B02", "B2"), from("B16", "B3"), from("B23", "B4")],
    },
    {
      code: "C",
      name: "Pelayanan",
      weight: null,
      indicators: [from("C01", "C1"), from("C03", "C2"), from("C06", "C3"), from("C11", "C4")],
    },
    {
      code: "D",
      name: "Tenaga",
      weight: null,
      indicators: [from("D01", "D1"), from("D02", "D2"), from("D04", "D3")],
    },
    {
      code: "E",
      name: "Penyelenggaraan",
      weight: null,
      indicators: [from("E01", "E1"), from("E02", "E2"), from("E04", "E3")],
    },
    {
      code: "F",
      name: "Pengelolaan",
      weight: null,
      indicators: [from("E05", "F1"), from("E06", "F2"), from("E07", "F3"), from("A12", "F4")],
    },
    {
      code: "G",
      name: "Inovasi",
      weight: null,
      indicators: [
        from("F03", "G1"),
        from("F02", "G2"),
        described(
          "G3",
          "Kreativitas kegiatan",
          "Kegiatan literasi yang khas desa: memakai potensi, budaya atau tokoh setempat.",
          [
            "Tidak ada",
            "Meniru kegiatan umum",
            "Satu kegiatan khas",
            "Beberapa kegiatan khas",
            "Kegiatan khas yang berkelanjutan dan dikenal di luar desa",
          ],
        ),
      ],
    },
    {
      code: "H",
      name: "Dampak",
      weight: null,
      indicators: [
        from("F04", "H1"),
        described(
          "H2",
          "Dampak bagi warga",
          "Perubahan yang dialami warga: keterampilan baru, usaha, minat baca anak, dengan bukti.",
          [
            "Tidak tampak",
            "Diceritakan tanpa bukti",
            "Ada bukti untuk satu kelompok warga",
            "Ada bukti untuk beberapa kelompok warga",
            "Terukur dan berkelanjutan",
          ],
        ),
        from("F01", "H3"),
      ],
    },
  ],
};
