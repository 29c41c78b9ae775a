import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";
import { serverBundleOptions } from "../../bin/build-server";
import { createPostgresTemplate } from "./db";

/**
 * Server and e2e tests run the built app; build it once if `npm test` did not already. The
 * server's bundle is made again every time (under a second), so that they run bin/server.ts as
 * it stands. On the postgres project, migrate one template database that every test database is
 * copied from.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "../..");
  if (!fs.existsSync(path.join(root, "build/index.js"))) {
    execFileSync(path.join(root, "node_modules/.bin/remix"), ["build"], {
      cwd: root,
      stdio: "inherit",
    });
  }
  await build(serverBundleOptions);
  project.provide("postgresTemplate", "");
  if (project.name !== "postgres") return;
  const template = await createPostgresTemplate();
  project.provide("postgresTemplate", template.name);
  return template.drop;
}
