import { describe, expect, it } from "vitest";
import {
  checkScore,
  COMMENT_MAX,
  levelOf,
  liveTotals,
  NOTE_MAX,
  offLevelValue,
  sameContent,
  scoreLevels,
  sheetValuesOf,
  withStoredFields,
} from "../../app/lib/sheet";
import { parseSheet } from "../../app/lib/sheet-parse";

const indicators = [
  { code: "A1", min: 1, max: 5 },
  { code: "A2", min: 0, max: 10 },
  { code: "B1", min: 1, max: 4 },
];
const envelope = { intent: "save", version: "3", key: "abcdef123456" };

describe("score sheet validation (server and browser alike)", () => {
  it("accepts a partial draft: empty scores are 'not scored yet'", () => {
    const parsed = parseSheet(indicators, {
      ...envelope,
      "score.A1": " 4 ",
      "note.A1": "  rapi  ",
      comment: "ok",
    });
    expect(parsed).toEqual({
      ok: true,
      data: {
        intent: "save",
        version: 3,
        key: "abcdef123456",
        comment: "ok",
        scores: { A1: 4, A2: null, B1: null },
        notes: { A1: "rapi", A2: "", B1: "" },
      },
      refused: {},
    });
  });

  it("lets a draft through with its bad fields set aside, but refuses a submission whole", () => {
    const values = {
      ...envelope,
      "score.A1": "4",
      "score.A2": "11",
      "score.B1": "3",
      "note.B1": "a\u0007b",
    };
    const draft = parseSheet(indicators, values);
    expect(draft).toMatchObject({
      ok: true,
      data: { scores: { A1: 4, A2: null, B1: 3 }, notes: { B1: "" } },
      refused: {
        "score.A2": ["scoring.error.range"],
        "note.B1": ["scoring.error.controlCharacters"],
      },
    });
    expect(parseSheet(indicators, { ...values, intent: "submit" })).toEqual({
      ok: false,
      errors: {
        "score.A2": ["scoring.error.range"],
        "note.B1": ["scoring.error.controlCharacters"],
      },
    });
  });

  it("keeps what the server has in place of a refused field, and saves the rest", () => {
    const stored = { scores: { A1: 2, A2: 8 }, notes: { A1: "lama", B1: "lama" }, comment: "lama" };
    const checked = {
      scores: { A1: 4, A2: null, B1: null },
      notes: { A1: "baru", A2: "", B1: "" },
      comment: "",
    };
    const refused = {
      "score.A2": ["scoring.error.range"],
      "note.B1": ["error.tooLong"],
      comment: ["error.tooLong"],
      "score.Z9": ["error.repeated"],
    };
    const content = withStoredFields(checked, refused, stored);
    expect(content).toEqual({
      scores: { A1: 4, A2: 8, B1: null },
      notes: { A1: "baru", A2: "", B1: "lama" },
      comment: "lama",
    });
    // the inputs are not changed
    expect(checked.scores.A2).toBeNull();
    expect(sameContent(content, stored)).toBe(false);
    expect(sameContent(withStoredFields(checked, {}, checked), checked)).toBe(true);
    // absent = not scored / empty
    expect(
      sameContent(
        { scores: { A1: null }, notes: { A1: "" }, comment: "" },
        { scores: {}, notes: {}, comment: "" },
      ),
    ).toBe(true);
    expect(
      sameContent(
        { scores: {}, notes: { A1: "x" }, comment: "" },
        { scores: {}, notes: {}, comment: "" },
      ),
    ).toBe(false);
  });

  it("requires every indicator to submit", () => {
    const parsed = parseSheet(indicators, {
      ...envelope,
      intent: "submit",
      "score.A1": "4",
    });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        "score.A2": ["scoring.error.required"],
        "score.B1": ["scoring.error.required"],
      },
    });
  });

  it("accepts exactly the integers within each indicator's range", () => {
    const a1 = indicators[0]!;
    expect(checkScore("1", a1, true)).toEqual({ value: 1 });
    expect(checkScore("5", a1, true)).toEqual({ value: 5 });
    for (const bad of ["0", "6", "-1", "99999999999"])
      expect(checkScore(bad, a1, false).error, bad).toBeDefined();
    expect(checkScore("0", a1, false).error).toBe("scoring.error.range");
    for (const bad of ["2.5", "1e0", "0x3", "tiga", "3 4", "NaN", "Infinity", "３", "a3", "x5"])
      expect(checkScore(bad, a1, false).error, bad).toBe("scoring.error.integer");
    // an explicit sign is still a number
    expect(checkScore("+3", a1, true)).toEqual({ value: 3 });
  });

  it("accepts a note and a comment of exactly the maximum length", () => {
    const parsed = parseSheet(indicators, {
      ...envelope,
      "note.A1": "n".repeat(NOTE_MAX),
      comment: "c".repeat(COMMENT_MAX),
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.data.notes.A1).toHaveLength(NOTE_MAX);
      expect(parsed.data.comment).toHaveLength(COMMENT_MAX);
    }
  });

  it("refuses a bad envelope, control characters and over-long notes, field by field", () => {
    const parsed = parseSheet(indicators, {
      intent: "publish",
      version: "-1",
      key: "short",
      "note.A2": "a\u0007b",
      "note.B1": "x".repeat(2001),
      comment: "y".repeat(5001),
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual([
      "comment",
      "intent",
      "key",
      "note.A2",
      "note.B1",
      "version",
    ]);
    expect(parsed.errors["note.A2"]).toEqual(["scoring.error.controlCharacters"]);
    expect(parsed.errors["note.B1"]).toEqual(["error.tooLong"]);
    expect(parsed.errors.comment).toEqual(["error.tooLong"]);
  });

  it("keeps the first of a repeated field, like the server's form parser", () => {
    const form = new URLSearchParams([
      ["score.A1", "2"],
      ["score.A1", "5"],
    ]);
    expect(sheetValuesOf(form)["score.A1"]).toBe("2");
  });

  it("takes only text fields: a file posted under a field's name is not a value", () => {
    const form = new FormData();
    form.append("score.A1", new Blob(["4"]), "nilai.txt");
    form.append("score.A2", "7");
    expect(sheetValuesOf(form)).toEqual({ "score.A2": "7" });
  });

  it("shows a live weighted total from what is typed; unscored and invalid count as 0", () => {
    const components = [
      { code: "A", weight: 60, indicators: indicators.slice(0, 2) },
      { code: "B", weight: 40, indicators: indicators.slice(2) },
    ];
    // A: 60 × (4 + 7) / 15 = 44; B: 40 × 3 / 4 = 30
    expect(
      liveTotals(components, {
        "score.A1": "4",
        "score.A2": "7",
        "score.B1": "3",
      }),
    ).toEqual({
      totalX100: 7400,
      components: { A: 4400, B: 3000 },
      scored: 3,
      indicators: 3,
    });
    // A: 60 × 5 / 15 = 20; an out-of-range B1 is not counted
    expect(liveTotals(components, { "score.A1": "5", "score.B1": "9" })).toMatchObject({
      totalX100: 2000,
      scored: 1,
    });
  });
});

describe("scoring by choosing a rubric level", () => {
  const rubric = (...levels: number[]) =>
    levels.map((level) => ({ level, text: `tingkat ${level}` }));

  it("offers every score of a short scale, with the rubric's text where it has one", () => {
    expect(scoreLevels({ min: 1, max: 5, rubric: rubric(1, 3, 5) })).toEqual([
      { score: 1, text: "tingkat 1" },
      { score: 2, text: "" },
      { score: 3, text: "tingkat 3" },
      { score: 4, text: "" },
      { score: 5, text: "tingkat 5" },
    ]);
    expect(scoreLevels({ min: 0, max: 10, rubric: rubric(0, 10) })).toHaveLength(11);
  });

  it("keeps the number box for a scale without a rubric, or too long to list", () => {
    expect(scoreLevels({ min: 1, max: 5, rubric: [] })).toBeNull();
    expect(scoreLevels({ min: 0, max: 11, rubric: rubric(0, 11) })).toBeNull();
    expect(scoreLevels({ min: 0, max: 100, rubric: rubric(0, 50, 100) })).toBeNull();
  });

  it("reads a value as the server does, and names a value no level stands for", () => {
    const levels = scoreLevels({ min: 1, max: 5, rubric: rubric(1, 5) })!;
    expect(levelOf(levels, " 04 ")).toBe(4);
    expect(levelOf(levels, "")).toBeNull();
    expect(offLevelValue(levels, "")).toBeNull();
    expect(offLevelValue(levels, "  ")).toBeNull();
    expect(offLevelValue(levels, undefined)).toBeNull();
    expect(offLevelValue(levels, "3")).toBeNull();
    // an older score outside today's scale, or what was typed in a number box: kept, not hidden
    expect(offLevelValue(levels, "7")).toBe("7");
    expect(offLevelValue(levels, " 2.5 ")).toBe("2.5");
    expect(offLevelValue(levels, "tiga")).toBe("tiga");
  });
});
