import type { DB } from "../../db/connection";
import { hashPassword } from "../../app/lib/password.server";

export const FIXTURE_PASSWORD = "fixture-password-1";

export interface ScoringFixture {
  competitionId: number;
  slug: string;
  /** library codes of the entries, in order */
  codes: string[];
  /** judge e-mails; judge i is assigned every entry except where `conflicted` says otherwise */
  judges: { id: number; email: string }[];
  chair: { id: number; email: string };
  indicators: { code: string; min: number; max: number }[];
}

/**
 * A competition in scoring, written straight to the database: components A (weight 60: A1 1–5,
 * A2 0–10) and B (weight 40: B1 1–4), `entries` libraries, `judges` judges each assigned every
 * entry, and the last judge in confirmed conflict with the first library (so not assigned it).
 * Each indicator's rubric describes its lowest and highest level, unless `rubric: false`.
 */
export async function createScoringFixture(
  db: DB,
  options: {
    slug?: string;
    entries?: number;
    judges?: number;
    status?: "draft" | "scoring" | "closed";
    /** false: no rubric levels, so the sheet asks for each score in a number box */
    rubric?: boolean;
  } = {},
): Promise<ScoringFixture> {
  const slug = options.slug ?? "uji-2026";
  const entryCount = options.entries ?? 3;
  const judgeCount = options.judges ?? 2;
  const now = new Date().toISOString();
  const hash = await hashPassword(FIXTURE_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const { id: competitionId } = await trx
      .insertInto("competitions")
      .values({
        slug,
        name: `Lomba Uji ${slug}`,
        year: 2026,
        level: "kabupaten",
        region: "Kabupaten Uji",
        status: options.status ?? "scoring",
        aggregation: "mean",
        prize_winners: 3,
        prize_honourable: 3,
        ranking_scope: "overall",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const indicators = [
      { component: "A", weight: 60, code: "A1", min: 1, max: 5 },
      { component: "A", weight: 60, code: "A2", min: 0, max: 10 },
      { component: "B", weight: 40, code: "B1", min: 1, max: 4 },
    ];
    const componentIds = new Map<string, number>();
    for (const [position, ind] of indicators.entries()) {
      let componentId = componentIds.get(ind.component);
      if (componentId === undefined) {
        ({ id: componentId } = await trx
          .insertInto("components")
          .values({
            competition_id: competitionId,
            code: ind.component,
            name: `Komponen ${ind.component}`,
            weight: ind.weight,
            position: componentIds.size + 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow());
        componentIds.set(ind.component, componentId);
      }
      const { id: indicatorId } = await trx
        .insertInto("indicators")
        .values({
          competition_id: competitionId,
          component_id: componentId,
          code: ind.code,
          name: `Indikator ${ind.code}`,
          description: `Uraian ${ind.code}`,
          min_score: ind.min,
          max_score: ind.max,
          position: position + 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (options.rubric === false) continue;
      await trx
        .insertInto("rubric_levels")
        .values([
          { indicator_id: indicatorId, level: ind.min, description: "kurang" },
          {
            indicator_id: indicatorId,
            level: ind.max,
            description: "sangat baik",
          },
        ])
        .execute();
    }
    const { id: chairId } = await trx
      .insertInto("users")
      .values({
        email: `ketua-${slug}@juara.test`,
        name: `Ketua ${slug}`,
        role: "chair",
        password_hash: hash,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const judges: { id: number; email: string }[] = [];
    for (let j = 1; j <= judgeCount; j++) {
      const email = `juri${j}-${slug}@juara.test`;
      const { id } = await trx
        .insertInto("users")
        .values({
          email,
          name: `Juri ${j} ${slug}`,
          role: "judge",
          password_hash: hash,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      judges.push({ id, email });
      await trx
        .insertInto("competition_judges")
        .values({
          competition_id: competitionId,
          judge_id: id,
          created_at: now,
        })
        .execute();
    }
    const codes: string[] = [];
    for (let e = 1; e <= entryCount; e++) {
      const code = `${slug.toUpperCase().replace(/[^A-Z0-9]/g, "")}L${e}`;
      codes.push(code);
      const { id: libraryId } = await trx
        .insertInto("libraries")
        .values({
          code,
          name: `Perpustakaan Desa ${e} (${slug})`,
          type: "desa",
          village: `Desa ${e}`,
          district: "Kecamatan Uji",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: entryId } = await trx
        .insertInto("entries")
        .values({
          competition_id: competitionId,
          library_id: libraryId,
          category: "desa",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const [index, judge] of judges.entries()) {
        const conflicted = e === 1 && index === judges.length - 1 && judges.length > 1;
        if (conflicted) {
          await trx
            .insertInto("conflicts")
            .values({
              judge_id: judge.id,
              library_id: libraryId,
              status: "confirmed",
              reason: "tinggal di desa ini",
              created_by: chairId,
              created_at: now,
            })
            .execute();
        } else {
          await trx
            .insertInto("judge_assignments")
            .values({ entry_id: entryId, judge_id: judge.id, created_at: now })
            .execute();
        }
      }
    }
    return {
      competitionId,
      slug,
      codes,
      judges,
      chair: { id: chairId, email: `ketua-${slug}@juara.test` },
      indicators: indicators.map(({ code, min, max }) => ({ code, min, max })),
    };
  });
}

/**
 * The score a field shows: the chosen radio's value (a rubric scale, a choice of levels) or the
 * number box's value; null when nothing shows one.
 */
export function shownScore(html: string, name: string): string | null {
  const tags = html.match(new RegExp(`<input[^>]*name="${name.replace(".", "\\.")}"[^>]*>`, "g"));
  for (const tag of tags ?? []) {
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? "";
    if (!tag.includes('type="radio"')) return value;
    if (/\schecked=""/.test(tag)) return value;
  }
  return null;
}

/**
 * Rows of the scores CSV (docs/scores-import.md) for one sheet of judge 1 of a scoring fixture
 * named `slug`: the entry `code`'s indicators A1, A2, B1 with `values`, a comment on the first.
 */
export function judgeOneSheetRows(
  slug: string,
  code: string,
  values: [string, string, string],
  status = "Sudah dikirim",
): string[][] {
  return (["A1", "A2", "B1"] as const).map((indicator, k) => [
    code,
    "",
    "",
    "",
    `Juri 1 ${slug}`,
    status,
    indicator[0]!,
    indicator,
    "",
    "",
    values[k]!,
    k === 0 ? "dari lembar kertas" : "",
  ]);
}

/** A competition's component ids and indicators (id, range), each in criteria order. */
export async function criteriaIds(
  db: DB,
  competitionId: number,
): Promise<{ components: number[]; indicators: { id: number; min: number; max: number }[] }> {
  const components = await db
    .selectFrom("components")
    .select("id")
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
  const indicators = await db
    .selectFrom("indicators")
    .select(["id", "min_score as min", "max_score as max"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
  return { components: components.map((c) => c.id), indicators };
}
