import { describe, expect, it } from "vitest";
import { draftToInput } from "../../app/lib/criteria";
import { validateCriteria } from "../../app/lib/criteria-schema.server";
import { VILLAGE_LIBRARY_TEMPLATE } from "../../app/lib/criteria-template";
import { isMessageKey } from "../../app/i18n";
import {
  ACCREDITATION_TEMPLATE,
  ADMIN_CHECKLIST,
  BASIS_NOTE,
  bandsOf,
  DEFAULT_TEMPLATE,
  EDITOR_TEMPLATES,
  findCriteriaTemplate,
  formatNumber,
  levelsFor,
  NEW_COMPETITION_TEMPLATES,
  PRACTICE_2025_TEMPLATE,
  PRESENTATION_TEMPLATE,
  templateCriteria,
  templateDraft,
  TEMPLATES,
  type CriteriaTemplate,
  type Measure,
  type TemplateIndicatorData,
} from "../../app/lib/templates";

const criteriaTemplates = TEMPLATES.filter((t): t is CriteriaTemplate => t.type === "criteria");
const indicatorsOf = (t: CriteriaTemplate) => t.components.flatMap((c) => c.indicators);
const indicator = (code: string): TemplateIndicatorData =>
  indicatorsOf(ACCREDITATION_TEMPLATE).find((i) => i.code === code)!;

describe("the accreditation template (the default)", () => {
  it("has the instrument's six components, weights and item counts: 71 items, weights 100", () => {
    expect(DEFAULT_TEMPLATE).toBe(ACCREDITATION_TEMPLATE.code);
    expect(
      ACCREDITATION_TEMPLATE.components.map((c) => [c.name, c.weight, c.indicators.length]),
    ).toEqual([
      ["Koleksi", 20, 18],
      ["Sarana dan Prasarana", 15, 23],
      ["Pelayanan Perpustakaan", 25, 11],
      ["Tenaga Perpustakaan", 20, 6],
      ["Penyelenggaraan dan Pengelolaan", 15, 9],
      ["Komponen Penguatan Kinerja", 5, 4],
    ]);
    expect(indicatorsOf(ACCREDITATION_TEMPLATE)).toHaveLength(71);
    expect(ACCREDITATION_TEMPLATE.stageKinds).toEqual(["desk", "visit", "other"]);
  });

  it("scores every item 1–5 with a text for each of the five levels", () => {
    for (const ind of indicatorsOf(ACCREDITATION_TEMPLATE)) {
      expect([ind.min, ind.max], ind.code).toEqual([1, 5]);
      expect(
        ind.levels.map((l) => l.level),
        ind.code,
      ).toEqual([1, 2, 3, 4, 5]);
      for (const l of ind.levels) expect(l.text.trim(), `${ind.code} ${l.level}`).not.toBe("");
    }
  });

  it("is valid criteria once copied, as the editor and the move to scoring check them", () => {
    const criteria = templateCriteria(ACCREDITATION_TEMPLATE);
    expect(criteria).not.toBeNull();
    expect(validateCriteria(criteria)).toEqual({ ok: true, components: criteria });
  });

  it("anchors level 3 exactly at the standard's minimums", () => {
    const anchors: [string, number, string][] = [
      ["A02", 1000, "1.000–1.499 judul"],
      ["B01", 56, "56 m² sampai kurang dari 75 m²"],
      ["C01", 6, "6 jam per hari sampai kurang dari 7 jam per hari"],
      ["D01", 2, "2 orang"],
    ];
    for (const [code, minimum, text] of anchors) {
      const ind = indicator(code);
      expect(ind.measure?.anchorLevel, code).toBe(3);
      expect(bandsOf(ind.measure!)[2]!.from, code).toBe(minimum);
      expect(levelsFor(ind.measure!, minimum), code).toEqual([3]);
      expect(ind.levels[2], code).toEqual({ level: 3, text, basis: "standard" });
    }
    // the standard's minimums set in words: five kinds, four services, SLTA and training, the building
    expect(indicator("A03").levels[2]).toMatchObject({
      text: "Kelima jenis tersedia",
      basis: "standard",
    });
    expect(indicator("C03").levels[2]).toMatchObject({
      text: "Keempat layanan minimum",
      basis: "standard",
    });
    expect(indicator("D02").levels[2]).toMatchObject({
      text: "SLTA dan pelatihan kepustakawanan",
      basis: "standard",
    });
    expect(indicator("B02").levels[2]!.basis).toBe("standard");
  });

  it("gives the building of exactly 56 m² one level, 'meets the standard', and its neighbours the next ones", () => {
    const area = indicator("B01").measure!;
    expect(levelsFor(area, 56)).toEqual([3]);
    expect(levelsFor(area, 55.99)).toEqual([2]);
    expect(levelsFor(area, 55)).toEqual([2]);
    expect(levelsFor(area, 0)).toEqual([1]);
    expect(levelsFor(area, 19.5)).toEqual([1]);
    expect(levelsFor(area, 20)).toEqual([2]);
    expect(levelsFor(area, 74.9)).toEqual([3]);
    expect(levelsFor(area, 75)).toEqual([4]);
    expect(levelsFor(area, 100)).toEqual([5]);
    expect(levelsFor(area, 10_000)).toEqual([5]);
    expect(levelsFor(indicator("A02").measure!, 999)).toEqual([2]);
    expect(levelsFor(indicator("C01").measure!, 5.5)).toEqual([2]);
    expect(levelsFor(indicator("D01").measure!, 1)).toEqual([2]);
  });

  it("marks every band that is not the standard's anchor as the committee's own, in the stored text", () => {
    const criteria = templateCriteria(ACCREDITATION_TEMPLATE)!;
    const b01 = criteria[1]!.indicators[0]!;
    expect(b01.code).toBe("B01");
    expect(b01.rubric).toEqual({
      "1": `Kurang dari 20 m² (${BASIS_NOTE.committee})`,
      "2": `20 m² sampai kurang dari 56 m² (${BASIS_NOTE.committee})`,
      "3": `56 m² sampai kurang dari 75 m² (${BASIS_NOTE.standard})`,
      "4": `75 m² sampai kurang dari 100 m² (${BASIS_NOTE.committee})`,
      "5": `100 m² atau lebih (${BASIS_NOTE.committee})`,
    });
    expect(BASIS_NOTE.committee).toBe("pita antara: ketetapan panitia");
    for (const ind of indicatorsOf(ACCREDITATION_TEMPLATE)) {
      if (!ind.measure) continue;
      for (const l of ind.levels)
        expect(l.basis, `${ind.code} ${l.level}`).toBe(
          l.level === ind.measure.anchorLevel ? "standard" : "committee",
        );
    }
  });
});

describe("every measured indicator of every template", () => {
  const measured = criteriaTemplates.flatMap((t) =>
    indicatorsOf(t)
      .filter((i) => i.measure)
      .map((i) => [`${t.code} ${i.code}`, i.measure!] as [string, Measure]),
  );

  it("has some", () => expect(measured.length).toBeGreaterThan(10));

  it.each(measured)(
    "%s: every value fits exactly one level, no gaps, no overlaps at the cuts",
    (_, m) => {
      for (let k = 1; k < m.cuts.length; k++) expect(m.cuts[k]).toBeGreaterThan(m.cuts[k - 1]!);
      expect(m.cuts[0]).toBeGreaterThan(0);
      const bands = bandsOf(m);
      // each band starts where the one below stops
      for (let k = 1; k < bands.length; k++) expect(bands[k]!.from).toBe(bands[k - 1]!.below);
      const step = m.integer ? 1 : 0.25;
      const top = m.cuts[3] * 2;
      for (let v = 0; v <= top; v += step) expect(levelsFor(m, v), String(v)).toHaveLength(1);
      for (const cut of m.cuts) {
        expect(levelsFor(m, cut)).toHaveLength(1);
        expect(levelsFor(m, cut - (m.integer ? 1 : 0.001))).toHaveLength(1);
        expect(levelsFor(m, cut - (m.integer ? 1 : 0.001))[0]).toBe(levelsFor(m, cut)[0]! - 1);
      }
    },
  );
});

describe("the 2025 template", () => {
  it("has the eight components of 2025 practice, with indicators and no weights", () => {
    expect(PRACTICE_2025_TEMPLATE.components.map((c) => c.name)).toEqual([
      "Koleksi",
      "Sarana dan Prasarana",
      "Pelayanan",
      "Tenaga",
      "Penyelenggaraan",
      "Pengelolaan",
      "Inovasi",
      "Dampak",
    ]);
    for (const c of PRACTICE_2025_TEMPLATE.components) {
      expect(c.weight, c.name).toBeNull();
      expect(c.indicators.length, c.name).toBeGreaterThan(0);
    }
  });

  it("cannot be stored as it is: the editor gets empty weights and saving asks for each", () => {
    expect(templateCriteria(PRACTICE_2025_TEMPLATE)).toBeNull();
    const draft = templateDraft(PRACTICE_2025_TEMPLATE);
    expect(draft.map((c) => c.weight)).toEqual(Array(8).fill(""));
    const result = validateCriteria(draftToInput(draft));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.filter((i) => i.path[1] === "weight")).toEqual(
      Array.from({ length: 8 }, (_, k) => ({ path: [k, "weight"], message: "error.required" })),
    );
    // with this year's weights it is valid; with weights not totalling 100, the usual rule
    const weighted = draft.map((c, k) => ({ ...c, weight: k < 4 ? "15" : "10" }));
    expect(validateCriteria(draftToInput(weighted)).ok).toBe(true);
    const short = draft.map((c) => ({ ...c, weight: "10" }));
    const refused = validateCriteria(draftToInput(short));
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.issues).toEqual([
        { path: [7, "weight"], message: "setup.error.weightTotal", params: { total: 80 } },
      ]);
  });

  it("has indicator codes unique within it", () => {
    const codes = indicatorsOf(PRACTICE_2025_TEMPLATE).map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("the presentation template and the administrative checklist", () => {
  it("presentation: four components for the presentation stage, no weights", () => {
    expect(PRESENTATION_TEMPLATE.stageKinds).toEqual(["presentation"]);
    expect(PRESENTATION_TEMPLATE.components.map((c) => [c.name, c.weight])).toEqual([
      ["Penyajian", null],
      ["Penguasaan Materi", null],
      ["Inovasi", null],
      ["Dampak bagi Masyarakat", null],
    ]);
  });

  it("checklist: four pass/fail items with their names, for the admin stage", () => {
    expect(ADMIN_CHECKLIST.stageKinds).toEqual(["admin"]);
    expect(ADMIN_CHECKLIST.items.map((i) => i.name)).toEqual([
      "Nomor Pokok Perpustakaan (NPP)",
      "SK pendirian",
      "Formulir lengkap",
      "Profil dan video",
    ]);
    expect(findCriteriaTemplate(ADMIN_CHECKLIST.code)).toBeUndefined();
  });
});

describe("the registry", () => {
  it("names every template through the catalogs, codes unique", () => {
    const codes = TEMPLATES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of TEMPLATES) {
      expect(isMessageKey(t.nameKey)).toBe(true);
      expect(isMessageKey(t.descriptionKey)).toBe(true);
    }
    for (const code of [...NEW_COMPETITION_TEMPLATES, ...EDITOR_TEMPLATES])
      expect(findCriteriaTemplate(code)?.code).toBe(code);
  });

  it("every criteria template: indicator codes unique, every rubric level inside the scale", () => {
    for (const t of criteriaTemplates) {
      const draft = templateDraft(t).map((c) => ({ ...c, weight: "0" }));
      draft[0]!.weight = "100";
      expect(validateCriteria(draftToInput(draft)), t.code).toMatchObject({ ok: true });
    }
  });

  it("writes numbers as Indonesian readers do", () => {
    expect(formatNumber(1000)).toBe("1.000");
    expect(formatNumber(2500)).toBe("2.500");
    expect(formatNumber(56)).toBe("56");
    expect(formatNumber(7.5)).toBe("7,5");
  });
});

describe("the demo's criteria", () => {
  it("give a building of exactly 56 m² the top level, and the level below stops before it", () => {
    const b1 = VILLAGE_LIBRARY_TEMPLATE[1]!.indicators[0]!;
    expect(b1.code).toBe("B1");
    expect(b1.rubric["4"]).toBe("Ruang 36 m² sampai kurang dari 56 m²");
    expect(b1.rubric["5"]).toBe("Gedung sendiri 56 m² atau lebih");
  });
});
