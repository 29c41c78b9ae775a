import SqliteDatabase from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, shownScore } from "../support/scoring";
import { startServer } from "../support/server";

/**
 * A judge's save when SQLite's file cannot grow (its page limit stands in for a full disk): the
 * save fails whole with "not saved, kept", and the file stays intact. SQLite only: a PostgreSQL
 * server's disk is the server's to watch.
 */
describe("a full disk", () => {
  it("fails a save whole with 'not saved, kept', keeps earlier data, and the app keeps serving", async () => {
    const dir = tempDir();
    try {
      const { db } = createDb(`file:${dir.dir}/juara.db`);
      await migrateToLatest(db);
      const small = await createScoringFixture(db, {
        slug: "penuh-2026",
        entries: 1,
        judges: 1,
      });
      await db.destroy();
      const probe = new SqliteDatabase(`${dir.dir}/juara.db`, {
        readonly: true,
      });
      const pages = Number(probe.pragma("page_count", { simple: true }));
      probe.close();
      // one page of room: enough for a login and a small save, not for a sheet full of notes
      const full = await startServer({
        dataDir: dir.dir,
        env: { JUARA_NO_DEMO: "1", DATABASE_MAX_PAGES: String(pages + 1) },
      });
      try {
        const client = new HttpClient(full.url);
        expect((await client.login(small.judges[0]!.email, FIXTURE_PASSWORD)).status).toBe(302);
        const code = small.codes[0]!;
        const first = await client.post(`/api/sheets/${small.slug}/${code}`, {
          "score.A1": "3",
          intent: "save",
          version: "0",
          key: "full-disk-0001",
        });
        expect(first.status).toBe(200);

        const long = "catatan panjang ".repeat(120);
        const big = {
          "score.A1": "5",
          "note.A1": long,
          "note.A2": long,
          "note.B1": long,
          comment: "x".repeat(4900),
        };
        const api = await client.post(`/api/sheets/${small.slug}/${code}`, {
          ...big,
          intent: "save",
          version: "1",
          key: "full-disk-0002",
        });
        expect(api.status).toBe(503);
        expect(await api.json()).toEqual({ status: "storage" });

        const page = await client.post(`/judge/${small.slug}/${code}`, {
          ...big,
          intent: "save",
          version: "1",
          key: "full-disk-0003",
        });
        expect(page.status).toBe(503);
        const html = await page.text();
        expect(html).toContain("Tidak tersimpan: penyimpanan server penuh.");
        expect(html).toContain("catatan panjang catatan panjang");
        expect(shownScore(html, "score.A1")).toBe("5");

        const check = new SqliteDatabase(`${dir.dir}/juara.db`, {
          readonly: true,
        });
        const rows = check
          .prepare(
            "select s.version, sc.value, i.code from score_sheets s join scores sc on sc.sheet_id = s.id join indicators i on i.id = sc.indicator_id",
          )
          .all() as { version: number; value: number | null; code: string }[];
        expect(rows.find((r) => r.code === "A1")).toMatchObject({
          version: 1,
          value: 3,
        });
        expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
        check.close();

        expect((await fetch(`${full.url}/healthz`)).status).toBe(200);
        const after = await client.post(`/api/sheets/${small.slug}/${code}`, {
          "score.A1": "4",
          intent: "save",
          version: "1",
          key: "full-disk-0004",
        });
        expect(after.status).toBe(200);
      } finally {
        await full.stop();
      }
    } finally {
      dir.remove();
    }
  });
});
