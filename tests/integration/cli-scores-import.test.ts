import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { createDb } from "../../db/connection";
import { emptyTestDatabase, tempDir, type TestDatabase } from "../support/db";
import { createScoringFixture, judgeOneSheetRows, type ScoringFixture } from "../support/scoring";

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** `npm run juara -- scores:import`: the scores CSV loaded, refused with its lines, replaced. */
describe("npm run juara -- scores:import", () => {
  let dir: { dir: string; remove: () => void };
  let database: TestDatabase;
  let fx: ScoringFixture;

  beforeEach(async () => {
    dir = tempDir();
    database = await emptyTestDatabase(dir.dir);
    process.env.DATABASE_URL = database.url;
    expect((await cli(["migrate"])).code).toBe(0);
    const { db } = createDb(database.url, { poolSize: 1 });
    try {
      fx = await createScoringFixture(db, { slug: "kertas-2026", entries: 2, judges: 1 });
    } finally {
      await db.destroy();
    }
  });
  afterEach(async () => {
    await database.drop();
    dir.remove();
  });

  /** a sheet typed from paper, in the scores export's Indonesian layout */
  const file = (rows: string[][], name = "nilai.csv") => {
    const header =
      "Kode;Perpustakaan;Kategori;Status peserta;Juri;Status lembar;Komponen;Indikator;Nama indikator;Skala;Nilai;Catatan";
    const text = "\uFEFF" + [header, ...rows.map((r) => r.join(";"))].join("\r\n") + "\r\n";
    const at = path.join(dir.dir, name);
    fs.writeFileSync(at, text);
    return at;
  };
  /** one sheet of judge 1 for an entry: A1, A2, B1 */
  const sheet = (code: string, values: [string, string, string], status?: string) =>
    judgeOneSheetRows(fx.slug, code, values, status);

  it("imports a valid file, then refuses it again unless --replace, and the audit chain verifies", async () => {
    const csv = file([
      ...sheet(fx.codes[0]!, ["4", "7", "3"]),
      ...sheet(fx.codes[1]!, ["2", "", "1"], "Draf"),
    ]);
    const first = await cli(["scores:import", fx.slug, csv]);
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toBe(
      `Imported 6 scores on 2 sheets into ${fx.slug}, stage S1 (1 submitted, 1 drafts).`,
    );
    expect(await cli(["audit:verify"])).toMatchObject({ code: 0 });

    const again = await cli(["scores:import", fx.slug, csv]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("nothing was written");
    expect(again.err).toContain(
      `line 2: Juri 1 ${fx.slug}'s sheet for ${fx.codes[0]} already has scores: import with replace to replace it.`,
    );

    const replaced = await cli(["scores:import", fx.slug, csv, "--replace"]);
    expect(replaced).toMatchObject({ code: 0 });
    expect(replaced.out).toContain("2 replaced");
    const verified = await cli(["audit:verify"]);
    expect(verified).toMatchObject({ code: 0 });

    const { db } = createDb(database.url, { poolSize: 1 });
    try {
      const entries = await db
        .selectFrom("audit_log")
        .select(["actor", "action"])
        .where("action", "=", "scores-import")
        .execute();
      expect(entries).toEqual([
        { actor: "cli", action: "scores-import" },
        { actor: "cli", action: "scores-import" },
      ]);
      const note = await db.selectFrom("scores").select("note").where("note", "!=", "").execute();
      expect(note).toHaveLength(2);
    } finally {
      await db.destroy();
    }
  });

  it("names each wrong row's line and column and writes nothing", async () => {
    const rows = sheet(fx.codes[0]!, ["9", "x", "3"]);
    const result = await cli(["scores:import", fx.slug, file(rows)]);
    expect(result.code).toBe(1);
    expect(result.err.split("\n")).toEqual([
      `${path.join(dir.dir, "nilai.csv")} was not imported; nothing was written. Problems:`,
      "  line 2, column Nilai: 9 is outside the scale 1–5.",
      "  line 3, column Nilai: “x” is not a whole number.",
    ]);
    const { db } = createDb(database.url, { poolSize: 1 });
    try {
      expect(await db.selectFrom("scores").selectAll().execute()).toEqual([]);
      expect(await db.selectFrom("score_sheets").selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("needs a slug and a file", async () => {
    const result = await cli(["scores:import", fx.slug]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("scores:import needs a competition slug and a CSV file");
    const missing = await cli(["scores:import", fx.slug, path.join(dir.dir, "nope.csv")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("Cannot read");
  });
});
