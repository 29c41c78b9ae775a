import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { SERVER_BUNDLE, serverBundleOptions } from "../../bin/build-server";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The file production runs with plain `node` (`npm run build` makes it; the server tests start it):
 * the project's own code in one file, every package left to Node. A native binding bundled in
 * would fail only when the server starts; a package copied in would be loaded twice, once here
 * and once by the Remix build, and cost memory.
 */
describe("the server bundle", () => {
  it("holds the project's own modules and imports every package from node_modules", async () => {
    const result = await build({ ...serverBundleOptions, write: false });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs).toContain("bin/server.ts");
    expect(inputs).toContain("db/migrations/index.ts");
    expect(inputs.filter((file) => file.includes("node_modules"))).toEqual([]);
    const output = Object.values(result.metafile!.outputs)[0]!;
    const external = new Set(output.imports.filter((i) => i.external).map((i) => i.path));
    for (const native of ["better-sqlite3", "@node-rs/argon2", "sharp", "pg"])
      expect(external, native).toContain(native);
  });

  it("is what npm start and npm run serve run, with plain node", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(scripts.build).toContain("bin/build-server.ts");
    expect(scripts.start).toMatch(/^npm run build && /);
    for (const script of [scripts.start!, scripts.serve!])
      expect(script).toContain(`NODE_ENV=production node ${SERVER_BUNDLE}`);
  });
});
