// Mutation testing (`npm run mutate`, not part of `npm test`): see docs/testing.md.
// Scope: the modules where a silent bug changes who wins or who may do what. SQL inside template
// strings is one string literal to Stryker; those rules are covered by the hand-made checklist
// in docs/testing.md. Run one module with `npm run mutate -- --mutate app/lib/scoring.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.stryker.config.ts" },
  mutate: [
    "app/lib/scoring.ts",
    "app/lib/sheet.ts",
    "app/models/sheets.server.ts",
    "app/models/conflicts.server.ts",
    "app/models/assignments.server.ts",
    "app/models/publishing.server.ts",
    "app/models/status.server.ts",
    "app/models/stages.server.ts",
    "app/lib/audit.server.ts",
    "app/models/audit.server.ts",
    "app/lib/csrf.server.ts",
    "app/lib/session.server.ts",
    "app/lib/auth.server.ts",
  ],
  // each test's coverage decides which tests run against a mutant: far fewer runs
  coverageAnalysis: "perTest",
  // the machine is shared (2 cores); one runner per core at most
  concurrency: 2,
  // a sandbox copy of the project with node_modules symlinked (better-sqlite3's native module
  // loads from there); the build and local data are not copied
  ignorePatterns: ["/build", "/public/build", "/.cache", "/data", "/test-results", "/reports"],
  tempDirName: ".stryker-tmp",
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress", "html"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  thresholds: { high: 90, low: 75, break: null },
};
