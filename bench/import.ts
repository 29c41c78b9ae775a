/**
 * Writes at volume: the scores import (docs/scores-import.md) loading the ranking benchmarks'
 * competition, 10,000 entries × 5 judges × 30 indicators = 1.5 M scores (BENCH_ENTRIES to
 * change it), from the CSV the scores export writes, through `importScores`, the function
 * `npm run juara -- scores:import` calls: parse, check every row, write sheets and scores in
 * batches while the per-row sheet_points triggers stand aside, count the sums set-wise, one audit
 * entry. Goal: at least 100,000 scores/s. SQLite, then PostgreSQL when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) names a server (a database of its own, `bulk_bench_<pid>`, dropped after).
 * The competition and the file are made outside the timing.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { createDb, migrateToLatest, type DB } from "../db/connection";
import { withDatabase } from "../app/lib/db.server";
import { SYSTEM_ACTOR } from "../app/lib/audit.server";
import { translate } from "../app/i18n";
import { CSV_FORMATS, toSpreadsheetCsv, type Cell } from "../app/lib/csv";
import { verifyAuditChain } from "../app/models/audit.server";
import { importScores, type ImportPhase } from "../app/models/scores-import.server";
import { tempDir } from "../tests/support/db";
import { goal } from "./support/goals";
import { benchDatabase } from "./support/pg-database";
import { machineLoad, rssMb } from "./support/measure";
import { createCompetition, ENTRIES, JUDGES, sheets } from "./support/ranking-data";

const now = new Date().toISOString();

/** the competition open for scoring, its libraries, entries and every judge assigned to every entry */
export async function prepare(db: DB): Promise<Awaited<ReturnType<typeof createCompetition>>> {
  const competition = await createCompetition(db, now);
  await db
    .updateTable("competitions")
    .set({ status: "scoring" })
    .where("id", "=", competition.competitionId)
    .execute();
  for (let from = 0; from < ENTRIES; from += 1000) {
    const count = Math.min(ENTRIES, from + 1000) - from;
    const libraries = await db
      .insertInto("libraries")
      .values(
        Array.from({ length: count }, (_, k) => ({
          code: `B${from + k}`,
          name: `Perpustakaan ${from + k}`,
          type: "desa" as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning("id")
      .execute();
    const entries = await db
      .insertInto("entries")
      .values(
        libraries.map((l) => ({
          competition_id: competition.competitionId,
          library_id: l.id,
          category: "desa" as const,
          created_at: now,
        })),
      )
      .returning("id")
      .execute();
    await db
      .insertInto("judge_assignments")
      .values(
        entries.flatMap((e) =>
          competition.judgeIds.map((judge) => ({
            entry_id: e.id,
            judge_id: judge,
            created_at: now,
          })),
        ),
      )
      .execute();
  }
  return competition;
}

/** The scores export's file (Indonesian: `;`, a byte-order mark) of every sheet, submitted. */
export function writeCsv(file: string, competition: Awaited<ReturnType<typeof createCompetition>>) {
  const t = (key: Parameters<typeof translate>[1]) => translate("id", key);
  const fd = fs.openSync(file, "w");
  const header = [
    "export.code",
    "export.library",
    "export.category",
    "export.entryStatus",
    "export.judge",
    "export.sheetStatus",
    "export.component",
    "export.indicator",
    "export.indicatorName",
    "export.scale",
    "export.score",
    "export.note",
  ] as const;
  const codes = competition.indicators.map(
    (_, k) => `${String.fromCharCode(65 + Math.floor(k / 6))}${(k % 6) + 1}`,
  );
  let rows: Cell[][] = [header.map((h) => t(h))];
  let first = true;
  const flush = () => {
    const text = toSpreadsheetCsv(rows, CSV_FORMATS.id);
    fs.writeSync(fd, first ? text : text.slice(1));
    first = false;
    rows = [];
  };
  for (const s of sheets(competition)) {
    competition.indicators.forEach((ind, k) =>
      rows.push([
        `B${s.entry}`,
        `Perpustakaan ${s.entry}`,
        "Desa",
        "Aktif",
        `Juri ${s.judge}`,
        t("scoring.state.submitted"),
        codes[k]![0]!,
        codes[k]!,
        `Indikator ${(k % 6) + 1}`,
        `0–${ind.max}`,
        s.values[k]!,
        "",
      ]),
    );
    if (rows.length >= 150_000) flush();
  }
  if (rows.length > 0) flush();
  fs.closeSync(fd);
}

async function run(label: string, db: DB, dir: string): Promise<void> {
  await migrateToLatest(db);
  const competition = await prepare(db);
  const file = path.join(dir, "nilai.csv");
  writeCsv(file, competition);
  const size = fs.statSync(file).size;
  const text = fs.readFileSync(file, "utf8");
  const expected = ENTRIES * JUDGES * competition.indicators.length;
  console.log(
    `${label}: ${ENTRIES} entries × ${JUDGES} judges × ${competition.indicators.length} indicators, ` +
      `a ${(size / 1e6).toFixed(0)} MB scores CSV of ${expected.toLocaleString("en")} rows`,
  );
  const started = performance.now();
  const outcome = await importScores(
    { ...SYSTEM_ACTOR, label: "bench" },
    "bench",
    text,
    { source: "nilai.csv" },
    db,
  );
  const took = performance.now() - started;
  if (!outcome.ok)
    throw new Error(`the import refused the file: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
  const stored = await db
    .selectFrom("scores")
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  const points = await db
    .selectFrom("sheet_points")
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  if (Number(stored.n) !== expected) throw new Error(`${stored.n} scores stored, not ${expected}`);
  const names: Record<ImportPhase, string> = {
    read: "read the competition",
    parse: "parse + check each row",
    validate: "check each sheet",
    sheets: "write sheets",
    insert: "insert scores",
    sums: "sheet_points set-wise",
    keys: "foreign keys, set-wise",
    audit: "audit entry",
  };
  console.log(
    `  imported ${outcome.scores.toLocaleString("en")} scores on ${outcome.sheets.toLocaleString("en")} sheets ` +
      `(${Number(points.n).toLocaleString("en")} sheet_points rows) in ${(took / 1000).toFixed(2)} s; ${machineLoad()}`,
  );
  for (const phase of Object.keys(names) as ImportPhase[])
    console.log(`    ${names[phase].padEnd(26)} ${(outcome.phases[phase] / 1000).toFixed(2)} s`);
  console.log(`  this process's RSS after the import: ${rssMb(process.pid).toFixed(0)} MB`);
  const audit = await withDatabase(db, verifyAuditChain);
  console.log(`  audit chain after: ${audit.ok ? `intact (${audit.entries} entries)` : "BROKEN"}`);
  goal({
    name: `scores import, ${label} (${(expected / 1e6).toFixed(1)} M scores)`,
    value: expected / (took / 1000),
    unit: "scores/s",
    op: "≥",
    target: 100_000,
    digits: 0,
  });
}

/** A database of its own on the PostgreSQL server. */
const postgresDatabase = (server: string) => benchDatabase(server, `bulk_bench_${process.pid}`);

export async function main(): Promise<void> {
  const data = tempDir("juara-bench-import-");
  try {
    const { db } = createDb(`file:${data.dir}/juara.db`);
    try {
      await run("SQLite", db, data.dir);
    } finally {
      await db.destroy();
    }
    const server = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
    if (!server) {
      console.log(
        "PostgreSQL part skipped: no server named (BENCH_DATABASE_URL or TEST_DATABASE_URL)",
      );
      return;
    }
    const database = await postgresDatabase(server);
    try {
      const { db: pgDb } = createDb(database.url, { poolSize: 2 });
      try {
        await run("PostgreSQL", pgDb, data.dir);
      } finally {
        await pgDb.destroy();
      }
    } finally {
      await database.drop();
    }
  } finally {
    data.remove();
  }
}
