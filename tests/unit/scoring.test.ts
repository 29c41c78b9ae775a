import { describe, expect, it } from "vitest";
import {
  commonDenominator,
  compare,
  fraction,
  judgeTotal,
  roundX100,
  formatX100,
} from "../../app/lib/scoring";

describe("scoring formula", () => {
  it("rounds the exact value half away from zero, not a drifted float", () => {
    // 1.005 is 1.00499999… as a float; the exact value rounds up
    expect(roundX100(fraction(1005, 1000))).toBe(101);
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(roundX100(fraction(87245, 1000))).toBe(8725);
    expect(roundX100(fraction(-87245, 1000))).toBe(-8725);
    expect(roundX100(fraction(2, 3))).toBe(67);
    expect(roundX100(fraction(1, 3))).toBe(33);
  });

  it("computes a judge total as Σ W × Σscore/Σmax", () => {
    const total = judgeTotal([
      {
        weight: 25,
        indicators: [
          { max: 5, value: 4 },
          { max: 5, value: 5 },
        ],
      }, // 25 × 9/10 = 22.5
      {
        weight: 75,
        indicators: [
          { max: 5, value: 3 },
          { max: 5, value: 2 },
          { max: 5, value: 5 },
        ],
      }, // 75 × 10/15 = 50
    ]);
    expect(total).toEqual(fraction(145, 2));
    expect(roundX100(total)).toBe(7250);
  });

  it("counts unscored indicators as zero in a draft's running total", () => {
    const total = judgeTotal([
      {
        weight: 100,
        indicators: [
          { max: 5, value: 5 },
          { max: 5, value: null },
        ],
      },
    ]);
    expect(roundX100(total)).toBe(5000);
  });

  it("finds the common denominator that makes totals integers", () => {
    expect(commonDenominator([20, 15, 20])).toBe(60n);
    expect(commonDenominator([])).toBe(1n);
    // a component without indicators yet (a criteria draft) adds nothing, and never zeroes D
    expect(commonDenominator([20, 0, 15])).toBe(60n);
  });

  it("keeps a component without indicators at 0 instead of dividing by zero", () => {
    const total = judgeTotal([
      { weight: 40, indicators: [] },
      { weight: 60, indicators: [{ max: 4, value: 3 }] },
    ]);
    expect(roundX100(total)).toBe(4500);
  });

  it("keeps fractions in lowest terms with the sign on the numerator", () => {
    expect(fraction(8, -12)).toEqual({ num: -2n, den: 3n });
    expect(fraction(-6, -4)).toEqual({ num: 3n, den: 2n });
    expect(roundX100(fraction(1, -3))).toBe(-33);
    expect(() => fraction(1, 0)).toThrow(new RangeError("zero denominator"));
  });

  it("orders fractions by their exact value (the median of the judges' totals relies on it)", () => {
    expect(compare(fraction(1, 3), fraction(1, 2))).toBe(-1);
    expect(compare(fraction(1, 2), fraction(1, 3))).toBe(1);
    expect(compare(fraction(2, 6), fraction(1, 3))).toBe(0);
    const totals = [fraction(7, 2), fraction(10, 3), fraction(7, 2), fraction(3)];
    expect([...totals].sort(compare)).toEqual([
      fraction(3),
      fraction(10, 3),
      fraction(7, 2),
      fraction(7, 2),
    ]);
  });

  it("formats for Indonesian and English readers, always with two decimals", () => {
    expect(formatX100(8725, "id-ID")).toBe("87,25");
    expect(formatX100(8725, "en-GB")).toBe("87.25");
    expect(formatX100(8700, "en-GB")).toBe("87.00");
    // Indonesian unless told otherwise
    expect(formatX100(8750)).toBe("87,50");
  });
});
