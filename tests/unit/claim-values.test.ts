import { describe, expect, it } from "vitest";
import {
  formatClaimNumber,
  meetsStandard,
  parseClaimInput,
  parseIndonesianNumber,
  typedNumber,
} from "../../app/lib/claim-values";

describe("reported values", () => {
  it("reads a number written the Indonesian way as a canonical decimal", () => {
    const cases: [string, string | null][] = [
      ["1.000", "1000"],
      ["1000", "1000"],
      [" 12,5 ", "12.5"],
      ["1.250,750", "1250.75"],
      ["0", "0"],
      ["007", "7"],
      ["2,0", "2"],
      ["1.5", null],
      ["12.5", null],
      ["1,000.5", null],
      ["1.00", null],
      ["-3", null],
      ["1e3", null],
      ["", null],
      ["1 000", null],
      ["9".repeat(16), null],
    ];
    for (const [typed, stored] of cases) expect(parseIndonesianNumber(typed), typed).toBe(stored);
  });

  it("checks a value as its kind asks", () => {
    expect(parseClaimInput("number", "1.100")).toEqual({ value: "1100" });
    expect(parseClaimInput("number", "satu")).toEqual({ error: "scoring.claims.error.number" });
    expect(parseClaimInput("yesno", "no")).toEqual({ value: "no" });
    expect(parseClaimInput("yesno", "tidak")).toEqual({ error: "scoring.claims.error.yesno" });
    expect(parseClaimInput("text", " ada ")).toEqual({ value: "ada" });
    expect(parseClaimInput("text", "x".repeat(501))).toEqual({ error: "error.tooLong" });
    expect(parseClaimInput("text", "a\u0000b")).toEqual({ error: "error.controlCharacters" });
    for (const kind of ["number", "yesno", "text"] as const)
      expect(parseClaimInput(kind, "  ")).toEqual({
        error: "scoring.claims.error.observedRequired",
      });
  });

  it("compares a value with the standard's minimum", () => {
    expect(meetsStandard("number", "1000", 1000)).toBe(true);
    expect(meetsStandard("number", "999.5", 1000)).toBe(false);
    expect(meetsStandard("number", "5", null)).toBe(null);
    expect(meetsStandard("yesno", "yes", 1)).toBe(true);
    expect(meetsStandard("yesno", "no", 1)).toBe(false);
    expect(meetsStandard("yesno", "no", 0)).toBe(null);
    expect(meetsStandard("text", "ada", 1)).toBe(null);
  });

  it("writes a stored number back in the reader's language and as a judge types it", () => {
    expect(formatClaimNumber("1250.5", "id-ID")).toBe("1.250,5");
    expect(formatClaimNumber("1250.5", "en-GB")).toBe("1,250.5");
    expect(typedNumber("1100")).toBe("1.100");
    expect(parseIndonesianNumber(typedNumber("1234567.25"))).toBe("1234567.25");
    expect(typedNumber("123456789012.123")).toBe("123.456.789.012,123");
    expect(typedNumber("12")).toBe("12");
  });
});
