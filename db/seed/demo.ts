import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import type { DB } from "../connection";
import { insertCriteria } from "../criteria";
import type { Competition, Executor, LibraryType } from "../schema";
import { VILLAGE_LIBRARY_TEMPLATE } from "../../app/lib/criteria-template";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "../../app/lib/audit.server";
import { hashPassword } from "../../app/lib/password.server";
import { nowIso } from "../../app/lib/time";

/** The demo accounts' shared password: printed on first start, never for a real competition. */
export const DEMO_PASSWORD = "juara-demo-2024";
export const DEMO_SLUG = "kutim-2024";
/** last year's competition: every sheet submitted, results published */
export const DEMO_PREVIOUS_SLUG = "kutim-2023";

const DEMO_USERS = [
  {
    email: "admin@juara.demo",
    name: "Admin Dispusip",
    role: "admin",
    district: "",
    village: "",
    institution: "Dispusip Kutai Timur",
  },
  {
    email: "ketua@juara.demo",
    name: "Hj. Siti Aminah",
    role: "chair",
    district: "Sangatta Utara",
    village: "",
    institution: "Dispusip Kutai Timur",
  },
  {
    email: "juri1@juara.demo",
    name: "Dr. Bambang Prasetyo",
    role: "judge",
    district: "Samarinda",
    village: "",
    institution: "Universitas Mulawarman",
  },
  {
    email: "juri2@juara.demo",
    name: "Nurhayati, S.IP.",
    role: "judge",
    district: "Samarinda",
    village: "",
    institution: "DPK Provinsi Kalimantan Timur",
  },
  {
    email: "juri3@juara.demo",
    name: "Rahmawati",
    role: "judge",
    district: "Sangatta Utara",
    village: "Swarga Bara",
    institution: "IPI Kutai Timur",
  },
] as const;

interface LibraryRow {
  code: string;
  name: string;
  type: LibraryType;
  village: string;
  district: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function readLibraries(): LibraryRow[] {
  // the seed data sits beside this file in the source tree; the bundled server resolves from cwd
  const candidates = [path.join(here, "data"), path.resolve("db/seed/data")];
  const dir = candidates.find((d) => fs.existsSync(path.join(d, "demo-libraries.csv")));
  if (!dir) throw new Error("demo-libraries.csv not found under db/seed/data");
  return parse(fs.readFileSync(path.join(dir, "demo-libraries.csv")), {
    columns: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
  }) as LibraryRow[];
}

/** A small deterministic generator, so the demo looks the same on every machine. */
export function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How far each demo judge got: submitted sheets, then drafts (half the indicators scored). */
interface Progress {
  submitted: number;
  drafts: number;
}

const ALL_DONE: Progress[] = [
  { submitted: 99, drafts: 0 },
  { submitted: 99, drafts: 0 },
  { submitted: 99, drafts: 0 },
];
/** 2024 is mid-way through the field visits. */
const IN_PROGRESS: Progress[] = [
  { submitted: 12, drafts: 0 },
  { submitted: 8, drafts: 2 },
  { submitted: 4, drafts: 1 },
];

export async function isDatabaseEmpty(db: DB): Promise<boolean> {
  const { users } = await db
    .selectFrom("users")
    .select(sql<number>`count(*)`.as("users"))
    .executeTakeFirstOrThrow();
  const { competitions } = await db
    .selectFrom("competitions")
    .select(sql<number>`count(*)`.as("competitions"))
    .executeTakeFirstOrThrow();
  return users === 0 && competitions === 0;
}

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/**
 * Freezes a competition's results the way the app publishes them (the snapshot writer of
 * app/models/publishing.server.ts). The seed sits below the app, so the app hands it over:
 * `seedDemo` in app/models/demo.server.ts.
 */
export type PublishResults = (
  competition: Competition,
  options: { reason?: string },
  actor: Actor,
  trx: Executor,
) => Promise<void>;

/**
 * The Kutai Timur demo competition: the real criteria template, the twelve demo libraries, a
 * chair, three judges (one with a conflict of interest), and sheets at several stages; last
 * year's competition is published with `publish`.
 * Everything in one transaction: a failed seed leaves nothing behind.
 */
export async function insertDemo(publish: PublishResults, db: DB): Promise<DemoLogin[]> {
  const libraries = readLibraries();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = nowIso();
  const random = mulberry32(2024);

  await db.transaction().execute(async (trx) => {
    const userIds: number[] = [];
    for (const u of DEMO_USERS) {
      const { id } = await trx
        .insertInto("users")
        .values({
          ...u,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      userIds.push(id);
    }
    const chairId = userIds[1]!;
    const judgeIds = userIds.slice(2);

    const libraryIds = new Map<string, number>();
    for (const lib of libraries) {
      const { id } = await trx
        .insertInto("libraries")
        .values({ ...lib, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      libraryIds.set(lib.code, id);
    }

    // Rahmawati lives in Swarga Bara: a conflict of interest, so she never judges that library.
    const conflictedJudge = judgeIds[2]!;
    const conflictedLibrary = libraryIds.get("SWARGABARA")!;
    await trx
      .insertInto("conflicts")
      .values({
        judge_id: conflictedJudge,
        library_id: conflictedLibrary,
        status: "confirmed",
        reason: "Juri berdomisili di desa yang sama",
        created_by: chairId,
        created_at: now,
      })
      .execute();

    const seedCompetition = async (spec: {
      slug: string;
      year: number;
      status: "scoring" | "closed";
      progress: Progress[];
      quality: (code: string, index: number) => number;
    }) => {
      const { id: competitionId } = await trx
        .insertInto("competitions")
        .values({
          slug: spec.slug,
          name: `Lomba Perpustakaan Desa/Kelurahan Kabupaten Kutai Timur ${spec.year}`,
          year: spec.year,
          level: "kabupaten",
          region: "Kabupaten Kutai Timur",
          status: spec.status,
          aggregation: "mean",
          prize_winners: 3,
          prize_honourable: 3,
          ranking_scope: "overall",
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await insertCriteria(competitionId, VILLAGE_LIBRARY_TEMPLATE, trx);
      const indicators = await trx
        .selectFrom("indicators")
        .select(["id", "min_score", "max_score"])
        .where("competition_id", "=", competitionId)
        .orderBy("id")
        .execute();

      const entries: { id: number; libraryId: number; quality: number }[] = [];
      for (const [index, lib] of libraries.entries()) {
        const libraryId = libraryIds.get(lib.code)!;
        const { id } = await trx
          .insertInto("entries")
          .values({
            competition_id: competitionId,
            library_id: libraryId,
            category: lib.type,
            created_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        entries.push({ id, libraryId, quality: spec.quality(lib.code, index) });
      }

      for (const [j, judgeId] of judgeIds.entries()) {
        const progress = spec.progress[j] ?? { submitted: 0, drafts: 0 };
        const mine = entries.filter(
          (e) => !(judgeId === conflictedJudge && e.libraryId === conflictedLibrary),
        );
        await trx
          .insertInto("judge_assignments")
          .values(
            mine.map((e) => ({
              entry_id: e.id,
              judge_id: judgeId,
              created_at: now,
            })),
          )
          .execute();
        const severity = (j - 1) * 0.2; // one judge a little harsher, one a little more lenient
        for (const [k, entry] of mine.entries()) {
          const submitted = k < progress.submitted;
          const draft = !submitted && k < progress.submitted + progress.drafts;
          if (!submitted && !draft) continue;
          const { id: sheetId } = await trx
            .insertInto("score_sheets")
            .values({
              entry_id: entry.id,
              judge_id: judgeId,
              status: submitted ? "submitted" : "draft",
              comment: submitted ? "Data demo." : "",
              submitted_at: submitted ? now : null,
              created_at: now,
              updated_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const scored = draft ? indicators.slice(0, Math.ceil(indicators.length / 2)) : indicators;
          await trx
            .insertInto("scores")
            .values(
              scored.map((ind) => {
                const raw = Math.round(entry.quality - severity + (random() - 0.5) * 1.6);
                const value = Math.min(ind.max_score, Math.max(ind.min_score, raw));
                return {
                  sheet_id: sheetId,
                  indicator_id: ind.id,
                  min_score: ind.min_score,
                  max_score: ind.max_score,
                  value,
                };
              }),
            )
            .execute();
        }
      }
      await recordAudit(
        {
          actor: SYSTEM_ACTOR,
          competitionId,
          entityType: "competition",
          entityId: competitionId,
          action: "seed-demo",
        },
        trx,
      );
      return competitionId;
    };

    // 2023: every sheet submitted; the report's winners lead clearly, in their order.
    const REPORT_WINNERS = ["SEPASO", "SWARGABARA", "SUKARAHMAT"];
    const previousId = await seedCompetition({
      slug: DEMO_PREVIOUS_SLUG,
      year: 2023,
      status: "closed",
      progress: ALL_DONE,
      quality: (code) => {
        const place = REPORT_WINNERS.indexOf(code);
        return place >= 0 ? 4.75 - place * 0.3 : 2.3 + random() * 1.3;
      },
    });
    // ... and published at last year's award ceremony: frozen the way the app publishes
    const chair = DEMO_USERS[1];
    const publisher = {
      id: userIds[1]!,
      label: `${chair.name} <${chair.email}>`,
    };
    const previous = await trx
      .selectFrom("competitions")
      .selectAll()
      .where("id", "=", previousId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("competitions")
      .set({ status: "published" })
      .where("id", "=", previousId)
      .execute();
    await publish({ ...previous, status: "published" }, {}, publisher, trx);
    await recordAudit(
      {
        actor: publisher,
        competitionId: previousId,
        entityType: "competition",
        entityId: previousId,
        action: "status",
        before: { status: "closed" },
        after: { status: "published" },
      },
      trx,
    );
    // 2024: scoring under way; the field is more open this year.
    await seedCompetition({
      slug: DEMO_SLUG,
      year: 2024,
      status: "scoring",
      progress: IN_PROGRESS,
      quality: (code) =>
        code === "SANGKIMA"
          ? 4.4
          : REPORT_WINNERS.includes(code)
            ? 3.6 + random() * 0.8
            : 2.4 + random() * 1.6,
    });
  });

  return DEMO_USERS.map((u) => ({
    role: u.role,
    email: u.email,
    password: DEMO_PASSWORD,
  }));
}
