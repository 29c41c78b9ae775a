import { describe, expect, it } from "vitest";
import { draftToInput, formatPath, readDraft, toDraft } from "../../app/lib/criteria";
import { validateCriteria } from "../../app/lib/criteria-schema.server";
import { VILLAGE_LIBRARY_TEMPLATE } from "../../app/lib/criteria-template";
import { describe as describeMessage } from "../../app/lib/messages";

const indicator = (code: string, min = 1, max = 5) => ({
  code,
  name: `Indikator ${code}`,
  min,
  max,
  rubric: {},
});

describe("criteria validation", () => {
  it("accepts the built-in template, whose weights total 100", () => {
    const result = validateCriteria(VILLAGE_LIBRARY_TEMPLATE);
    expect(result.ok).toBe(true);
  });

  it("reports weights that do not total 100 on the last component's weight", () => {
    const result = validateCriteria([
      { code: "A", name: "Koleksi", weight: 60, indicators: [indicator("A1")] },
      { code: "B", name: "Layanan", weight: 35, indicators: [indicator("B1")] },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: [1, "weight"], message: "setup.error.weightTotal", params: { total: 95 } },
    ]);
    expect(
      `${formatPath(["components", ...result.issues[0]!.path])}: ${describeMessage("en", result.issues[0]!)}`,
    ).toBe("components[1].weight: weights total 95, must be 100");
  });

  it("refuses duplicate indicator codes across components, max not above min, empty components", () => {
    const result = validateCriteria([
      {
        code: "A",
        name: "Koleksi",
        weight: 50,
        indicators: [indicator("X1"), indicator("X2", 3, 3)],
      },
      { code: "B", name: "Layanan", weight: 50, indicators: [indicator("x1")] },
      { code: "C", name: "Kosong", weight: 0, indicators: [] },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.issues.map((i) => [formatPath(i.path), i.message]));
    expect(byPath["[0].indicators[1].max"]).toBe("setup.error.maxNotAboveMin");
    expect(byPath["[2].indicators"]).toBe("setup.error.noIndicators");
  });

  it("cross-checks codes case-insensitively once the shape is valid", () => {
    const result = validateCriteria([
      { code: "A", name: "Koleksi", weight: 50, indicators: [indicator("X1")] },
      { code: "B", name: "Layanan", weight: 50, indicators: [indicator("x1")] },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        path: [1, "indicators", 0, "code"],
        message: "setup.error.duplicateCode",
        params: { code: "x1" },
      },
    ]);
  });

  it("reads the editor's form fields back into the same criteria", () => {
    const form = new FormData();
    toDraft(VILLAGE_LIBRARY_TEMPLATE).forEach((c, ci) => {
      form.append(`c.${ci}.code`, c.code);
      form.append(`c.${ci}.name`, c.name);
      form.append(`c.${ci}.weight`, c.weight);
      c.indicators.forEach((ind, ii) => {
        for (const k of ["code", "name", "description", "min", "max"] as const)
          form.append(`c.${ci}.i.${ii}.${k}`, ind[k]);
        for (const [level, text] of Object.entries(ind.rubric))
          form.append(`c.${ci}.i.${ii}.r.${level}`, text);
      });
    });
    const result = validateCriteria(draftToInput(readDraft(form.entries())));
    expect(result).toEqual({ ok: true, components: VILLAGE_LIBRARY_TEMPLATE });
  });

  it("says a blank weight is required and a word is not a number", () => {
    const result = validateCriteria(
      draftToInput([
        {
          code: "A",
          name: "Koleksi",
          weight: "",
          indicators: [
            { code: "A1", name: "n", description: "", min: "1", max: "lima", rubric: {} },
          ],
        },
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.issues.map((i) => [formatPath(i.path), i.message]));
    expect(byPath["[0].weight"]).toBe("error.required");
    // a catalog message, never zod's own English ("expected number, received string")
    expect(byPath["[0].indicators[0].max"]).toBe("setup.error.integer");
  });
});
