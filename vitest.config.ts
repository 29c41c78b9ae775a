import { defineConfig } from "vitest/config";
import path from "node:path";

/**
 * Two projects: every test on SQLite (the default), and, when TEST_DATABASE_URL names a
 * PostgreSQL server, the integration tests again on it (each test file makes its own database
 * there; tests/support/db.ts). The files that test SQLite itself (its pragmas, its file backups,
 * its crash durability) are listed in SQLITE_ONLY with the reason; files named `*.pg.test.ts`
 * compare PostgreSQL with SQLite or stop a PostgreSQL server, and run only in the postgres project.
 */
const SQLITE_ONLY: string[] = [
  // backup and restore copy the SQLite file (PostgreSQL is backed up with pg_dump)
  "tests/integration/cli-backup.test.ts",
  // SIGKILL mid-save, then PRAGMA integrity_check and the backup of the .db file under load
  "tests/integration/crash.test.ts",
  // SQLite's connection settings, and upgrading existing SQLite files with their data (a fresh
  // database through every migration is migrations-fresh.test.ts, on both)
  "tests/integration/migrations.test.ts",
  // SQLite's page limit stands in for a full disk (PostgreSQL has no per-database cap; its
  // "not saved" answer is tested in sheets.test.ts on both, with a read-only database)
  "tests/integration/scoring-full-disk.test.ts",
  // the session secret a SQLite installation generates into its data folder (PostgreSQL
  // requires SESSION_SECRET)
  "tests/integration/server-session-secret.test.ts",
];

const postgres = process.env.TEST_DATABASE_URL;

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  cacheDir: ".cache/vite",
  test: {
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    // e2e and smoke tests start real servers; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll gives up after 1 s by default: a browser on a loaded CI machine can take longer
    // to show what a test waits for (a language switch failed so in CI). Polls stop as soon as
    // they pass, so a longer limit costs nothing when the machine is quick.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
          exclude: ["tests/**/*.pg.test.ts"],
          env: { JUARA_TEST_DB: "sqlite" },
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: ["tests/integration/**/*.test.ts"],
                exclude: SQLITE_ONLY,
                env: { JUARA_TEST_DB: "postgres", TEST_DATABASE_URL: postgres },
              },
            },
          ]
        : []),
    ],
  },
});
