import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SaveRequest, SheetState } from "../../app/lib/sheet-contract";
import { resumeFrom, type DeviceCopy } from "../../app/lib/sheet-device-copy";
import { SaveQueue, viewOfAnswer } from "../../app/lib/sheet-save-queue";

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

describe("a draft saved without its bad field", () => {
  const storageKey = "juara:sheet:1:uji:L1";
  const store = new Map<string, string>();
  const answers: { body: unknown; status: number }[] = [];
  const sent: URLSearchParams[] = [];

  beforeEach(() => {
    store.clear();
    answers.length = 0;
    sent.length = 0;
    vi.stubGlobal("localStorage", {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    });
    vi.stubGlobal("fetch", (_url: string, init: { body: URLSearchParams }) => {
      sent.push(init.body);
      const answer = answers.shift()!;
      return Promise.resolve(
        new Response(JSON.stringify(answer.body), {
          status: answer.status,
          headers: { "Content-Type": "application/json" },
        }),
      );
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  function queue() {
    const shown: Record<string, unknown>[] = [];
    const q = new SaveQueue(
      {
        endpoint: "/api/sheets/uji/L1",
        storageKey,
        editable: true,
        show: (change) => shown.push(typeof change === "function" ? {} : change),
        setValues: () => {},
        onSubmitted: () => {},
      },
      { "score.A1": "", "score.A2": "" },
      3,
    );
    return { q, shown };
  }

  it("shows the refused field, moves to the saved version and keeps the entry on the device", async () => {
    const { q, shown } = queue();
    answers.push({
      status: 400,
      body: {
        status: "invalid",
        errors: { "score.A2": ["scoring.error.range"] },
        saved: { version: 4, savedAt: "2026-11-20T01:02:00.000Z", replayed: false },
      },
    });
    q.edit("score.A1", "4");
    q.edit("score.A2", "11");
    await q.send("save");
    expect(sent[0]!.get("score.A2")).toBe("11");
    expect(shown.at(-1)).toEqual({
      serverErrors: { "score.A2": ["scoring.error.range"] },
      status: "invalid",
      savedAt: "2026-11-20T01:02:00.000Z",
    });
    const kept = JSON.parse(store.get(storageKey)!) as DeviceCopy;
    expect(kept).toMatchObject({ version: 4, pending: true, unacked: null });
    expect(kept.values["score.A2"]).toBe("11");

    // corrected: sent on the saved version, and once saved, the device copy goes
    answers.push({
      status: 200,
      body: {
        status: "saved",
        version: 5,
        sheetStatus: "draft",
        savedAt: "2026-11-20T01:03:00.000Z",
        replayed: false,
      },
    });
    q.edit("score.A2", "9");
    await q.send("save");
    expect(sent[1]!.get("version")).toBe("4");
    expect(sent[1]!.get("score.A2")).toBe("9");
    expect(store.has(storageKey)).toBe(false);
    q.stop();
  });

  it("keeps a save the server could not make (its database did not answer) and resends it unchanged", async () => {
    vi.useFakeTimers();
    try {
      const { q, shown } = queue();
      answers.push({ status: 503, body: { status: "unavailable", message: "…" } });
      q.edit("score.A1", "4");
      await q.send("save");
      expect(shown.at(-1)).toEqual({ status: "unavailable" });
      const kept = JSON.parse(store.get(storageKey)!) as DeviceCopy;
      expect(kept.unacked?.values["score.A1"]).toBe("4");

      answers.push({
        status: 200,
        body: {
          status: "saved",
          version: 4,
          sheetStatus: "draft",
          savedAt: "2026-11-20T01:04:00.000Z",
          replayed: false,
        },
      });
      await vi.advanceTimersByTimeAsync(2_000);
      // the same request again: same key, same version
      expect(sent).toHaveLength(2);
      expect(sent[1]!.get("key")).toBe(sent[0]!.get("key"));
      expect(sent[1]!.get("version")).toBe("3");
      expect(store.has(storageKey)).toBe(false);
      q.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("reopening the page after an unanswered send that did arrive", () => {
  const storageKey = "juara:sheet:1:uji:L1";
  const store = new Map<string, string>();

  beforeEach(() => {
    store.clear();
    vi.stubGlobal("localStorage", {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    });
    vi.stubGlobal("fetch", () => Promise.reject(new Error("nothing is left to send")));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("says the kept work is saved, at the server's time, and drops the device copy", () => {
    const shown: unknown[] = [];
    const q = new SaveQueue(
      {
        endpoint: "/api/sheets/uji/L1",
        storageKey,
        editable: true,
        show: (change) => shown.push(change),
        setValues: () => {},
        onSubmitted: () => {},
      },
      { "score.A1": "4", comment: "" },
      3,
    );
    const kept = copy({ version: 2, unacked: request(2, { "score.A1": "4", comment: "" }) });
    store.set(storageKey, JSON.stringify(kept));
    q.resume(kept, server);
    expect(shown).toEqual([{ status: "saved", savedAt: server.updatedAt }]);
    expect(store.has(storageKey)).toBe(false);
    q.stop();
  });
});
