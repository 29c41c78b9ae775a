import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CompetitionFileSchema, crossCheckFile } from "../../app/lib/competition-file";

const root = path.resolve(import.meta.dirname, "../..");

describe("the documented competition file", () => {
  it("the example file is valid", () => {
    const json: unknown = JSON.parse(
      fs.readFileSync(path.join(root, "docs/examples/competition.json"), "utf8"),
    );
    const parsed = CompetitionFileSchema.safeParse(json);
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(crossCheckFile(parsed.data)).toEqual([]);
  });

  it("the example in docs/competition-file.md is the example file", () => {
    const doc = fs.readFileSync(path.join(root, "docs/competition-file.md"), "utf8");
    const block = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block && JSON.parse(block)).toEqual(
      JSON.parse(fs.readFileSync(path.join(root, "docs/examples/competition.json"), "utf8")),
    );
  });

  it("refuses unknown fields, so a misspelt name is reported", () => {
    const parsed = CompetitionFileSchema.safeParse({
      slug: "a",
      name: "b",
      year: 2025,
      level: "kabupaten",
      components: [],
      ranking: "overall",
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(parsed.error.issues.map((i) => i.code)).toContain("unrecognized_keys");
  });
});

describe("upload limits", () => {
  it("refuses a file with more libraries than the limit, naming the path, before touching anything", async () => {
    const { parseCompetitionFile } = await import("../../app/models/competition-file.server");
    const { MAX_FILE_ROWS } = await import("../../app/lib/competition-file");
    const libraries = Array.from({ length: MAX_FILE_ROWS + 1 }, (_, i) => ({
      code: `L${i}`,
      name: `Perpustakaan ${i}`,
      type: "desa",
    }));
    const file = {
      slug: "besar-2026",
      name: "Lomba besar",
      year: 2026,
      level: "kabupaten",
      components: [
        {
          code: "A",
          name: "Koleksi",
          weight: 100,
          indicators: [{ code: "A1", name: "Jumlah", min: 1, max: 5 }],
        },
      ],
      libraries,
    };
    const result = parseCompetitionFile(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(
      expect.objectContaining({ path: "libraries", message: "file.tooMany" }),
    );
  });
});
