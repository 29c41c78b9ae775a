import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../bin/cli";
import { DEMO_PREVIOUS_SLUG, DEMO_SLUG } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { getDb } from "../../app/lib/db.server";
import { computeRanking, recordTieDecision } from "../../app/models/ranking.server";
import { getPublicSnapshot } from "../../app/models/public.server";
import { changeStatus } from "../../app/models/status.server";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture } from "../support/scoring";

let t: TestDb;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const competitionId = async (slug: string) =>
  (
    await getDb()
      .selectFrom("competitions")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
});
afterAll(async () => {
  await t.cleanup();
});

describe("the demo's published year", () => {
  it("was published through the same snapshot: the public sees 2023's winners in the report's order", async () => {
    const snapshot = await getPublicSnapshot(DEMO_PREVIOUS_SLUG);
    expect(snapshot).not.toBeNull();
    expect(
      snapshot!.results.filter((r) => r.prize?.startsWith("Juara")).map((r) => r.library.code),
    ).toEqual(["SEPASO", "SWARGABARA", "SUKARAHMAT"]);
    expect(snapshot!.publication.revision).toBe(0);
    expect(await getPublicSnapshot(DEMO_SLUG)).toBeNull();
  });
});

describe("closing and publishing from the command line", () => {
  it("closes scoring, then refuses to publish with sheets missing and says why, exiting non-zero", async () => {
    expect(await cli("status", DEMO_SLUG, "closed")).toMatchObject({
      code: 0,
      out: `${DEMO_SLUG}: scoring → closed.`,
    });
    const refused = await cli("status", DEMO_SLUG, "published");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/\d+ score sheets of active entries are not submitted yet\./);
    // and whose: one line per sheet, judge → library (state), as many as the count says
    const count = Number(/(\d+) score sheets/.exec(refused.err)![1]);
    const sheets = refused.err
      .split("\n")
      .filter((line) => /^ {6}\S.* → .+ \((not started|draft, not submitted)\)$/.test(line));
    expect(count).toBeGreaterThan(0);
    expect(sheets).toHaveLength(count);
    const noReason = await cli("status", DEMO_SLUG, "published", "--override");
    expect(noReason.code).toBe(1);
    expect(noReason.err).toContain("To go ahead anyway, state the reason.");
    expect(await getPublicSnapshot(DEMO_SLUG)).toBeNull();
  });

  it("publishes with an override and a reason, freezing exactly the ranking and the audit head", async () => {
    const id = await competitionId(DEMO_SLUG);
    const ranking = (await computeRanking(id))!;
    const done = await cli(
      "status",
      DEMO_SLUG,
      "published",
      "--override",
      "--reason",
      "Juri 3 sakit; dua lembar tidak akan dikirim",
    );
    expect(done).toMatchObject({
      code: 0,
      out: `${DEMO_SLUG}: closed → published.`,
    });

    const publication = await getDb()
      .selectFrom("publications")
      .selectAll()
      .where("competition_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(publication).toMatchObject({
      revision: 0,
      is_current: 1,
      reason: "Juri 3 sakit; dua lembar tidak akan dikirim",
    });
    const statusEntry = await getDb()
      .selectFrom("audit_log")
      .select(["prev_hash", "after_json", "actor"])
      .where("competition_id", "=", id)
      .where("action", "=", "status")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    // the snapshot names the chain's head as it stood when the results were frozen
    expect(publication.audit_head_hash).toBe(statusEntry.prev_hash);
    expect(publication.audit_head_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(statusEntry.after_json!)).toEqual({
      status: "published",
      override: true,
    });
    expect(statusEntry.actor).toBe("cli (as admin@juara.demo)");

    const snapshot = (await getPublicSnapshot(DEMO_SLUG))!;
    const ranked = ranking.entries.filter((e) => e.rank !== null);
    expect(
      snapshot.results.map((r) => [r.library.code, r.rank, r.prize, r.finalScoreX100]),
    ).toEqual(ranked.map((e) => [e.code, e.rank, e.prize, e.finalX100]));
    expect(snapshot.results[0]!.components.map((c) => c.scoreX100)).toEqual(
      ranked[0]!.components.map((c) => c.scoreX100),
    );
  });

  it("never changes what was published when the registry changes afterwards", async () => {
    const before = (await getPublicSnapshot(DEMO_SLUG))!.results[0]!;
    await getDb()
      .updateTable("libraries")
      .set({ name: "Nama Baru Sekali" })
      .where("code", "=", before.library.code)
      .execute();
    const after = (await getPublicSnapshot(DEMO_SLUG))!.results[0]!;
    expect(after.library.name).toBe(before.library.name);
  });

  it("unpublishes and republishes a correction only with a reason; the correction is the new current revision", async () => {
    expect((await cli("status", DEMO_SLUG, "closed")).err).toContain("State the reason.");
    expect(
      (
        await cli(
          "status",
          DEMO_SLUG,
          "closed",
          "--reason",
          "Nilai juri 2 untuk Kaubun salah ketik",
        )
      ).code,
    ).toBe(0);
    expect(await getPublicSnapshot(DEMO_SLUG)).toBeNull();
    const again = await cli("status", DEMO_SLUG, "published", "--override");
    expect(again.code).toBe(1);
    expect(again.err).toContain("publishing again is a correction and needs a reason");
    expect(
      (
        await cli(
          "status",
          DEMO_SLUG,
          "published",
          "--override",
          "--reason",
          "Koreksi nilai Kaubun",
        )
      ).code,
    ).toBe(0);
    const publications = await getDb()
      .selectFrom("publications")
      .select(["revision", "is_current", "reason"])
      .where("competition_id", "=", await competitionId(DEMO_SLUG))
      .orderBy("revision")
      .execute();
    expect(publications).toEqual([
      {
        revision: 0,
        is_current: 0,
        reason: "Juri 3 sakit; dua lembar tidak akan dikirim",
      },
      { revision: 1, is_current: 1, reason: "Koreksi nilai Kaubun" },
    ]);
    expect((await getPublicSnapshot(DEMO_SLUG))!.publication.revision).toBe(1);
  });
});

describe("a tie that decides a prize", () => {
  it("blocks publishing until the chair orders it; the publication follows the decision", async () => {
    const fx = await createScoringFixture(t.db, {
      slug: "seri-2026",
      entries: 3,
      judges: 1,
    });
    const now = new Date().toISOString();
    const entries = await t.db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select(["e.id", "l.code"])
      .where("e.competition_id", "=", fx.competitionId)
      .orderBy("l.code")
      .execute();
    const indicators = await t.db
      .selectFrom("indicators")
      .selectAll()
      .where("competition_id", "=", fx.competitionId)
      .execute();
    const sheetScores = [
      { A1: 4, A2: 7, B1: 3 },
      { A1: 4, A2: 7, B1: 3 },
      { A1: 2, A2: 2, B1: 2 },
    ];
    for (const [i, entry] of entries.entries()) {
      const { id: sheetId } = await t.db
        .insertInto("score_sheets")
        .values({
          entry_id: entry.id,
          judge_id: fx.judges[0]!.id,
          status: "submitted",
          version: 2,
          submitted_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto("scores")
        .values(
          indicators.map((ind) => ({
            sheet_id: sheetId,
            indicator_id: ind.id,
            min_score: ind.min_score,
            max_score: ind.max_score,
            value: sheetScores[i]![ind.code as "A1"],
          })),
        )
        .execute();
    }
    const actor = { id: fx.chair.id, label: "Ketua" };
    expect(await changeStatus(actor, fx.slug, "closed")).toMatchObject({
      ok: true,
    });
    const refused = await changeStatus(actor, fx.slug, "published");
    expect(refused).toEqual({
      ok: false,
      reasons: [
        {
          message: "status.reason.prizeTie",
          params: {
            rank: 1,
            libraries: "Perpustakaan Desa 1 (seri-2026), Perpustakaan Desa 2 (seri-2026)",
          },
          overridable: true,
        },
      ],
    });
    const [first, second] = entries;
    expect(
      await recordTieDecision(actor, fx.competitionId, {
        entryIds: [second!.id, first!.id],
        reason: "Kunjungan lapangan: layanan lebih aktif",
      }),
    ).toEqual({ ok: true });
    expect(await changeStatus(actor, fx.slug, "published")).toMatchObject({
      ok: true,
    });
    const snapshot = (await getPublicSnapshot(fx.slug))!;
    expect(snapshot.results.map((r) => [r.library.code, r.rank, r.prize])).toEqual([
      [second!.code, 1, "Juara I"],
      [first!.code, 2, "Juara II"],
      [entries[2]!.code, 3, "Juara III"],
    ]);
  });
});
