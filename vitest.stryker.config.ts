import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * The tests Stryker runs against each mutant: the ones that load app code in their own process.
 * Tests that drive the built server in a child process (and the e2e tests) cannot see a mutant
 * (the build is not instrumented) and would only slow every run, so they are left out here;
 * `npm test` still runs them. No global setup: nothing here needs the build.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    exclude: [
      "tests/integration/authz-matrix.test.ts",
      "tests/integration/crash.test.ts",
      "tests/integration/db-outage.test.ts",
      "tests/integration/upload-crash.test.ts",
      "tests/integration/hostile-input.test.ts",
      "tests/integration/public-pages.test.ts",
      "tests/integration/results-pages.test.ts",
      "tests/integration/scoring.test.ts",
      "tests/integration/server.test.ts",
      "tests/integration/setup-routes.test.ts",
      "tests/integration/two-processes.test.ts",
    ],
    globalSetup: [],
  },
});
