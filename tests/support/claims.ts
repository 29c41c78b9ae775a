import type { StageKind } from "../../db/schema";
import type { DB } from "../../db/connection";
import type { ScoringFixture } from "./scoring";

/**
 * Claims on a scoring fixture (tests/support/scoring.ts), written straight to the database: the
 * stage's kind, reported values asked for A1 (number, judul, standard 1000), A2 (yes/no, standard
 * "yes") and B1 (short text); for each `entries` item, its self-assessment (submitted or draft),
 * its values and its evidence (an image with a thumbnail, a PDF, a video link on A1).
 */
export async function addClaims(
  db: DB,
  fx: ScoringFixture,
  options: {
    stageKind: StageKind;
    entries: {
      code: string;
      status: "draft" | "submitted";
      values: Record<string, string>;
      evidence?: boolean;
    }[];
  },
): Promise<{ evidence: Record<string, { image: number; pdf: number; video: number }> }> {
  const now = new Date().toISOString();
  await db
    .updateTable("stages")
    .set({ kind: options.stageKind })
    .where("competition_id", "=", fx.competitionId)
    .execute();
  const indicators = await db
    .selectFrom("indicators")
    .select(["id", "code"])
    .where("competition_id", "=", fx.competitionId)
    .execute();
  const idOf = (code: string) => indicators.find((i) => i.code === code)!.id;
  await db
    .insertInto("indicator_claims")
    .values([
      { indicator_id: idOf("A1"), kind: "number", unit: "judul", standard_min: 1000 },
      { indicator_id: idOf("A2"), kind: "yesno", unit: "", standard_min: 1 },
      { indicator_id: idOf("B1"), kind: "text", unit: "", standard_min: null },
    ])
    .execute();
  const evidence: Record<string, { image: number; pdf: number; video: number }> = {};
  for (const entry of options.entries) {
    const { id: entryId } = await db
      .selectFrom("entries as e")
      .innerJoin("libraries as l", "l.id", "e.library_id")
      .select("e.id")
      .where("e.competition_id", "=", fx.competitionId)
      .where("l.code", "=", entry.code)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("self_assessments")
      .values({
        entry_id: entryId,
        status: entry.status,
        submitted_at: entry.status === "submitted" ? now : null,
        updated_at: now,
      })
      .execute();
    for (const [code, value] of Object.entries(entry.values))
      await db
        .insertInto("claim_values")
        .values({ entry_id: entryId, indicator_id: idOf(code), value, updated_at: now })
        .execute();
    if (!entry.evidence) continue;
    const { id: uploader } = await db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "chair")
      .executeTakeFirstOrThrow();
    const file = (kind: "image" | "pdf" | "video", name: string) => ({
      entry_id: entryId,
      indicator_id: idOf("A1"),
      uploaded_by: uploader,
      source: "library" as const,
      kind,
      file_hash:
        kind === "video" ? null : `${kind === "image" ? "a" : "c"}${entryId}`.padEnd(64, "0"),
      thumb_hash: kind === "image" ? `b${entryId}`.padEnd(64, "0") : null,
      url: kind === "video" ? "https://www.youtube.com/watch?v=profil" : null,
      original_name: name,
      mime: kind === "image" ? "image/jpeg" : kind === "pdf" ? "application/pdf" : null,
      created_at: now,
    });
    const ids = await db
      .insertInto("evidence_files")
      .values([
        file("image", "rak-buku.jpg"),
        file("pdf", "daftar-koleksi.pdf"),
        file("video", "Profil perpustakaan"),
      ])
      .returning("id")
      .execute();
    evidence[entry.code] = { image: ids[0]!.id, pdf: ids[1]!.id, video: ids[2]!.id };
  }
  return { evidence };
}
