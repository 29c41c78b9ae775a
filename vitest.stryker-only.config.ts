import { defineConfig } from "vitest/config";
import stryker from "./vitest.stryker.config";

/**
 * Stryker against a few test files only (`stryker.only.config.mjs`): set STRYKER_TESTS to a
 * comma-separated list of test files. For a module that every test reaches outside any test (a
 * `beforeAll` seed), where a run with all related tests takes far too long; the other tests can
 * only kill more mutants, so the score is a lower bound. See docs/testing.md.
 */
const only = (process.env.STRYKER_TESTS ?? "").split(",").filter((f) => f.trim() !== "");
if (only.length === 0) throw new Error("set STRYKER_TESTS to the test files to run");

export default defineConfig({
  ...stryker,
  test: { ...stryker.test, include: only, exclude: [] },
});
