import { describe, expect, it } from "vitest";
import { CompetitionFileSchema } from "../../app/lib/competition-file";
import { validateCriteria } from "../../app/lib/criteria-schema.server";
import { optionalText, requiredText } from "../../app/lib/forms";
import { checkText } from "../../app/lib/sheet";

/**
 * The one control-character rule (docs/security.md) through every door text comes in by: the
 * form fields, the score sheet's checks (which the browser runs too), the criteria (editor and
 * competition file) and the competition file's own text. Each door must refuse and accept alike.
 */
const REFUSED: [string, string][] = [
  ["NUL", "a\u0000b"],
  ["BEL", "a\u0007b"],
  ["ESC (terminal escape)", "a\u001b[2Jb"],
  ["vertical tab", "a\u000bb"],
  ["DEL", "a\u007fb"],
  ["C1: NEL", "a\u0085b"],
  ["C1: CSI", "a\u009b2Jb"],
  ["C1: first", "a\u0080b"],
  ["C1: last", "a\u009fb"],
  ["LRE", "a\u202ab"],
  ["RLO (right-to-left override)", "nilai\u202e01"],
  ["PDF", "a\u202cb"],
  ["LRI", "a\u2066b"],
  ["PDI", "a\u2069b"],
];
const ACCEPTED: [string, string][] = [
  ["plain", "Koleksi tertata rapi"],
  ["line breaks", "baris satu\nbaris dua\r\nbaris tiga"],
  ["tab", "a\tb"],
  ["Indonesian and other letters", "Perpustakaan Desa Sepaso – “Pustaka Ilmu” é ü"],
  ["right-to-left letters without overrides", "مكتبة"],
  ["no-break space and en dash", "1.000\u00a0–\u00a01.499 judul"],
];

const criteriaWith = (text: string, where: "name" | "description" | "rubric") => [
  {
    code: "A",
    name: where === "name" ? text : "Koleksi",
    weight: 100,
    indicators: [
      {
        code: "A1",
        name: "Jumlah",
        description: where === "description" ? text : "",
        min: 1,
        max: 5,
        rubric: where === "rubric" ? { "1": text } : {},
      },
    ],
  },
];

/** Every door, answering "refused?" for one text. */
const doors: Record<string, (text: string) => boolean> = {
  "form field (required)": (t) => !requiredText(500).safeParse(t).success,
  "form field (optional)": (t) => !optionalText(500).safeParse(t).success,
  "sheet note or comment": (t) => checkText(t, 5000).error !== undefined,
  "criteria: component name": (t) => !validateCriteria(criteriaWith(t, "name")).ok,
  "criteria: indicator description": (t) => !validateCriteria(criteriaWith(t, "description")).ok,
  "criteria: rubric text": (t) => !validateCriteria(criteriaWith(t, "rubric")).ok,
  "competition file: region": (t) =>
    !CompetitionFileSchema.safeParse({
      slug: "uji-2026",
      name: "Lomba Uji",
      year: 2026,
      level: "kabupaten",
      region: t,
      components: criteriaWith("Koleksi", "name"),
    }).success,
};

describe("the one control-character rule, at every door", () => {
  for (const [door, refused] of Object.entries(doors)) {
    it(`${door}: refuses C0 (but tab and line breaks), DEL, C1 and bidi controls`, () => {
      for (const [label, text] of REFUSED) expect(refused(text), `${label} refused`).toBe(true);
      for (const [label, text] of ACCEPTED) expect(refused(text), `${label} accepted`).toBe(false);
    });
  }
});
