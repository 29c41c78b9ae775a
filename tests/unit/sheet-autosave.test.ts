import { describe, expect, it } from "vitest";
import type { SaveRequest, SheetState } from "../../app/lib/sheet-contract";
import { resumeFrom, type DeviceCopy } from "../../app/lib/sheet-device-copy";
import { viewOfAnswer } from "../../app/lib/sheet-save-queue";

/** The server's sheet at version 3: A1 = 4, nothing else. */
const server: SheetState = {
  version: 3,
  status: "draft",
  scores: { A1: 4 },
  notes: { A1: "" },
  comment: "",
  updatedAt: "2026-11-20T01:00:00.000Z",
  submittedAt: null,
  reopenReason: null,
};
const request = (version: number, values: Record<string, string>): SaveRequest => ({
  key: "k".repeat(16),
  version,
  intent: "save",
  values,
});
const copy = (c: Partial<DeviceCopy>): DeviceCopy => ({
  version: 3,
  values: { "score.A1": "4", comment: "" },
  pending: true,
  unacked: null,
  at: "2026-11-20T01:00:00.000Z",
  ...c,
});

describe("a sheet's copy kept on the device, when the page opens", () => {
  it("does nothing without a copy or with nothing unsent, and drops a copy the server has", () => {
    expect(resumeFrom(null, server, true)).toEqual({ kind: "none" });
    expect(resumeFrom(copy({ pending: false }), server, true)).toEqual({ kind: "none" });
    expect(resumeFrom(copy({ values: { "score.A1": " 4 " } }), server, true)).toEqual({
      kind: "drop",
    });
  });

  it("resends an unanswered send as it was while the server has not moved", () => {
    const unacked = request(3, { "score.A1": "5" });
    const values = { "score.A1": "5" };
    expect(resumeFrom(copy({ values, unacked }), server, true)).toEqual({
      kind: "resend",
      values,
      request: unacked,
    });
  });

  it("sees that an unanswered send arrived, and sends only what was typed after it", () => {
    const unacked = request(2, { "score.A1": "4" });
    const arrived = (values: Record<string, string>, editable: boolean) =>
      resumeFrom(copy({ version: 2, values, unacked }), server, editable);
    expect(arrived({ "score.A1": "4" }, true)).toMatchObject({ kind: "arrived", rest: "clean" });
    expect(arrived({ "score.A1": "5" }, true)).toMatchObject({ kind: "arrived", rest: "send" });
    expect(arrived({ "score.A1": "5" }, false)).toMatchObject({ kind: "arrived", rest: "hold" });
  });

  it("sends unsent changes typed on the current version; otherwise the judge chooses", () => {
    const values = { "score.A1": "5" };
    expect(resumeFrom(copy({ values }), server, true)).toEqual({ kind: "send", values });
    expect(resumeFrom(copy({ values }), server, false)).toEqual({ kind: "conflict", values });
    expect(resumeFrom(copy({ version: 2, values }), server, true)).toEqual({
      kind: "conflict",
      values,
    });
  });
});

describe("what the judge is shown of an answer", () => {
  it("clears earlier errors on a save, and says 'unsaved' when more was typed meanwhile", () => {
    const saved = {
      status: "saved",
      version: 4,
      sheetStatus: "draft",
      savedAt: "2026-11-20T01:01:00.000Z",
      replayed: false,
    } as const;
    expect(viewOfAnswer(saved, 200, false)).toEqual({
      savedAt: saved.savedAt,
      serverErrors: {},
      failedCode: null,
      status: "saved",
    });
    expect(viewOfAnswer(saved, 200, true)).toMatchObject({ status: "dirty" });
  });

  it("shows a conflict with the server's sheet, and an unexpected answer with its HTTP status", () => {
    expect(viewOfAnswer({ status: "conflict", current: server }, 409, false)).toEqual({
      conflict: { current: server, fromDevice: false },
      status: "conflict",
    });
    expect(viewOfAnswer({ status: "closed" }, 409, false)).toEqual({ status: "closed" });
    expect(viewOfAnswer({ status: "keyReused" }, 400, false)).toEqual({
      failedCode: 400,
      status: "failed",
    });
  });
});
