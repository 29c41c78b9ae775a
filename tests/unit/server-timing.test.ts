import { describe, expect, it } from "vitest";
import { parseServerTiming, ServerTiming, timed } from "../../app/lib/server-timing.server";

describe("ServerTiming", () => {
  it("adds up each phase, laps from the last mark, and writes the header with the total last", async () => {
    const timing = new ServerTiming();
    timing.add("session", 0.5);
    timing.add("session", 0.25);
    timing.start();
    timing.lap("access");
    expect(await timed(timing, "body", async () => "form")).toBe("form");
    const phases = parseServerTiming(timing.header());
    expect([...phases.keys()]).toEqual(["session", "access", "body", "total"]);
    expect(phases.get("session")).toBe(0.75);
    for (const ms of phases.values()) expect(ms).toBeGreaterThanOrEqual(0);
    expect(timing.header()).toMatch(
      /^session;dur=0\.750, access;dur=[\d.]+, body;dur=[\d.]+, total;dur=[\d.]+$/,
    );
  });

  it("without a timing, timed only runs the work, and its error comes through", async () => {
    expect(await timed(undefined, "x", async () => 42)).toBe(42);
    await expect(timed(undefined, "x", () => Promise.reject(new Error("no")))).rejects.toThrow(
      "no",
    );
    const timing = new ServerTiming();
    await expect(timed(timing, "x", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(timing.phases().has("x")).toBe(true);
  });

  it("reads a header back, ignoring entries without a duration", () => {
    expect([...parseServerTiming("a;dur=1.5, b, c;desc=x;dur=2")]).toEqual([
      ["a", 1.5],
      ["c", 2],
    ]);
    expect(parseServerTiming(null).size).toBe(0);
  });
});
