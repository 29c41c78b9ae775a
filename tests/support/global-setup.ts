import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Server and e2e tests run the built app; build it once if `npm test` did not already. */
export default function setup() {
  const root = path.resolve(import.meta.dirname, "../..");
  if (!fs.existsSync(path.join(root, "build/index.js"))) {
    execFileSync(path.join(root, "node_modules/.bin/remix"), ["build"], {
      cwd: root,
      stdio: "inherit",
    });
  }
}
