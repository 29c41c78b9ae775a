// Stryker against the test files named in STRYKER_TESTS only (docs/testing.md), e.g.
// STRYKER_TESTS=tests/integration/audit.test.ts npm run mutate -- stryker.only.config.mjs \
//   --mutate app/models/audit.server.ts --concurrency 1
import base from "./stryker.config.mjs";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: "vitest.stryker-only.config.ts", related: false },
};
