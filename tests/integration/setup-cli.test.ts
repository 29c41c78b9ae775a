import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { seedDemo } from "../../app/models/demo.server";
import { createTestDb, tempDir, type TestDb } from "../support/db";

const root = path.resolve(import.meta.dirname, "../..");
const example = path.join(root, "docs/examples/competition.json");
let t: TestDb;
let tmp: ReturnType<typeof tempDir>;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  tmp = tempDir();
});
afterAll(async () => {
  await t.cleanup();
  tmp.remove();
});

describe("npm run juara -- import / export / status", () => {
  it("imports the documented example, refuses it a second time, and replaces it with --replace", async () => {
    const first = await cli("import", example);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain(
      "Imported kutim-2025 as a draft: 3 libraries, 3 judges, 5 assignments.",
    );
    const second = await cli("import", example);
    expect(second.code).toBe(1);
    expect(second.err).toContain(
      'slug: a competition "kutim-2025" already exists; use --replace to replace it',
    );
    expect((await cli("import", example, "--replace")).code).toBe(0);
  });

  it("export writes the file back; importing that under another slug gives an equal competition", async () => {
    const exported = await cli("export", "kutim-2025");
    expect(exported.code).toBe(0);
    const file = JSON.parse(exported.out) as Record<string, unknown>;
    expect(file.conflicts).toEqual([
      {
        judge: "juri3@juara.demo",
        library: "SWARGABARA",
        reason: "Juri berdomisili di desa yang sama",
      },
    ]);
    const copy = path.join(tmp.dir, "copy.json");
    fs.writeFileSync(copy, JSON.stringify({ ...file, slug: "kutim-2025-copy" }));
    expect((await cli("import", copy)).code).toBe(0);
    const again = JSON.parse((await cli("export", "kutim-2025-copy")).out) as Record<
      string,
      unknown
    >;
    expect({ ...again, slug: "kutim-2025" }).toEqual(file);

    const csv = await cli("export", "kutim-2025", "--format", "csv");
    expect(csv.out.split("\r\n")[0]).toBe(
      "code,name,type,village,district,address,head,phone,npp,category,status,statusReason",
    );
    expect(csv.out).toContain("TELUKLINGGA,Perpustakaan Kelurahan Teluk Lingga,kelurahan");
  });

  it("an invalid file writes nothing and lists each problem with its path", async () => {
    const file = JSON.parse(fs.readFileSync(example, "utf8")) as {
      slug: string;
      components: { weight: number; indicators: { code: string; min: number; max: number }[] }[];
      libraries: { type: string }[];
      judges: string[];
      assignments: unknown;
    };
    file.slug = "kutim-2030";
    file.components[1]!.weight = 35;
    file.components[1]!.indicators[0]!.code = "A1";
    file.components[1]!.indicators[0]!.max = 1;
    file.libraries[2]!.type = "kota";
    file.assignments = [{ judge: "juri3@juara.demo", libraries: ["SWARGABARA"] }];
    const bad = path.join(tmp.dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify(file));
    const r = await cli("import", bad);
    expect(r.code).toBe(1);
    expect(
      r.err
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual(['libraries[2].type: Invalid option: expected one of "desa"|"kelurahan"']);
    file.libraries[2]!.type = "kelurahan";
    fs.writeFileSync(bad, JSON.stringify(file));
    const r2 = await cli("import", bad);
    expect(
      r2.err
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      "components[1].weight: weights total 95, must be 100",
      "components[1].indicators[0].code: The code A1 is used twice.",
      "components[1].indicators[0].max: The highest score must be above the lowest.",
      "assignments[0].libraries[0]: juri3@juara.demo has a conflict of interest with SWARGABARA and cannot be assigned.",
    ]);
    file.components[1]!.weight = 40;
    file.components[1]!.indicators[0]!.code = "B1";
    file.components[1]!.indicators[0]!.max = 5;
    file.assignments = "all";
    file.judges.push("juri9@juara.demo");
    fs.writeFileSync(bad, JSON.stringify(file));
    const r3 = await cli("import", bad);
    expect(r3.err).toContain(
      "judges[3]: no account with the email juri9@juara.demo; create the judge first",
    );
    const row = await t.db
      .selectFrom("competitions")
      .select("id")
      .where("slug", "=", "kutim-2030")
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("status <slug> scoring opens scoring once every entry has a judge, and explains when not", async () => {
    const ok = await cli("status", "kutim-2025", "scoring", "--reason", "juknis 2025 disetujui");
    expect(ok).toMatchObject({ code: 0, out: "kutim-2025: draft → scoring." });
    const back = await cli("status", "kutim-2024", "draft");
    expect(back.code).toBe(1);
    expect(back.err).toMatch(/scores exist already; the competition cannot go back to draft/);
    expect((await cli("status", "kutim-2025", "finished")).code).toBe(2);
  });
});
