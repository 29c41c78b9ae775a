import { describe, expect, it } from "vitest";
import {
  commonDenominator,
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
  });

  it("formats for Indonesian and English readers", () => {
    expect(formatX100(8725, "id-ID")).toBe("87,25");
    expect(formatX100(8725, "en-GB")).toBe("87.25");
  });
});
