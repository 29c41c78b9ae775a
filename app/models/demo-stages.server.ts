import type { z } from "zod";
import type { CompetitionFileSchema } from "~/lib/competition-file";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { ACCREDITATION_TEMPLATE, ADMIN_CHECKLIST, templateCriteria } from "~/lib/templates";
import { mulberry32 } from "../../db/seed/demo";
import { assignIn } from "./assignments.server";
import { importCompetitionFile } from "./competition-file.server";
import { localDate } from "~/lib/self-assessment";
import {
  saveSelfAssessment,
  setSelfAssessmentWindow,
  writeStageClaims,
} from "./self-assessment.server";
import { saveSheet } from "./sheets.server";
import { advanceStage, recordAdminCheck } from "./stages.server";
import { actorOf } from "./users.server";

/**
 * The demo's competition in three stages (docs/decisions/010-stages.md), built through the same
 * models the pages call, so its checks, sheets, shortlists and audit log are what the app itself
 * would have written: the administrative check and the desk review are closed with their
 * shortlists, the field visits are under way.
 */
export const DEMO_STAGED_SLUG = "kutim-2025-tahap";

/** The libraries that fail the administrative check, with the item and the committee's reason. */
export const DEMO_ADMIN_FAILURES: Record<string, { item: string; reason: string }> = {
  KAUBUN: {
    item: "Nomor Pokok Perpustakaan (NPP)",
    reason: "Belum memiliki NPP dari Perpustakaan Nasional",
  },
  MUARABENGKAL: {
    item: "SK pendirian",
    reason: "SK pendirian perpustakaan tidak dilampirkan",
  },
};

/** What the desk review asks libraries to report, with the national standard's minimums. */
const DEMO_CLAIMS = {
  A02: { kind: "number", unit: "judul", standardMin: 1000 },
  A14: { kind: "yesno", unit: "", standardMin: 1 },
  C01: { kind: "number", unit: "jam/hari", standardMin: 6 },
} as const;

/** How many libraries go on after the desk review. */
export const DEMO_DESK_ADVANCE = 6;

/** The field visit's criteria: what only a visit can verify. */
const VISIT_COMPONENTS = [
  {
    code: "VK",
    name: "Kesesuaian Kondisi Lapangan",
    weight: 40,
    indicators: [
      [
        "VK1",
        "Kesesuaian data berkas",
        "Koleksi, ruang dan tenaga yang dilaporkan sesuai dengan yang dijumpai.",
      ],
      [
        "VK2",
        "Ruang dan sarana",
        "Ruang baca, rak dan perabot tertata, bersih dan mudah dijangkau warga.",
      ],
    ],
  },
  {
    code: "VL",
    name: "Layanan dan Kegiatan",
    weight: 35,
    indicators: [
      [
        "VL1",
        "Layanan yang berjalan",
        "Peminjaman, baca di tempat dan layanan anak berjalan pada hari kunjungan.",
      ],
      [
        "VL2",
        "Kegiatan literasi",
        "Kegiatan bersama warga yang terdokumentasi: mendongeng, pelatihan, kelompok baca.",
      ],
    ],
  },
  {
    code: "VD",
    name: "Dampak dan Dukungan",
    weight: 25,
    indicators: [
      [
        "VD1",
        "Dampak bagi warga",
        "Manfaat yang disampaikan pemustaka dan tokoh masyarakat dalam wawancara.",
      ],
      [
        "VD2",
        "Dukungan pemerintah desa",
        "Anggaran desa, tenaga dan rencana pengembangan perpustakaan.",
      ],
    ],
  },
].map((c) => ({
  ...c,
  indicators: c.indicators.map(([code, name, description]) => ({
    code: code!,
    name: name!,
    description: description!,
    min: 1,
    max: 5,
    rubric: {
      "1": "Sangat kurang",
      "2": "Kurang",
      "3": "Cukup",
      "4": "Baik",
      "5": "Sangat baik",
    },
  })),
}));

/** How far each demo judge got on the visits: submitted sheets, then drafts (half scored). */
const VISIT_PROGRESS = [
  { submitted: 2, drafts: 1 },
  { submitted: 1, drafts: 1 },
  { submitted: 0, drafts: 0 },
];

/** Each library's strength (1–5): the desk review and the visit score around it. */
const QUALITY: Record<string, number> = {
  SANGKIMA: 4.5,
  SEPASO: 4.3,
  SWARGABARA: 4.1,
  SUKARAHMAT: 3.9,
  KANDOLO: 3.7,
  SINGAGEMBARA: 3.5,
  MIAUBARU: 3.0,
  TEPIANLANGSAT: 2.8,
  BUKITMAKMUR: 2.6,
  SANDARAN: 2.4,
  KAUBUN: 3.2,
  MUARABENGKAL: 2.9,
};

function fail(what: string, outcome: unknown): never {
  throw new Error(`demo seed: ${what} failed: ${JSON.stringify(outcome)}`);
}

/**
 * Builds the three-stage competition on the app's database (the caller points it at the seed's
 * database). The demo accounts and libraries exist already. Deterministic: the same data on every
 * machine.
 */
export async function insertStagedDemo(): Promise<void> {
  const db = getDb();
  const random = mulberry32(2025);
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("email", "like", "%@juara.demo")
    .orderBy("email")
    .execute();
  const chairUser = users.find((u) => u.role === "chair")!;
  const chair = actorOf(chairUser);
  const judges = users.filter((u) => u.role === "judge"); // juri1, juri2, juri3
  const libraries = await db
    .selectFrom("libraries")
    .select(["code", "name", "type", "village", "district"])
    .where("code", "in", Object.keys(QUALITY))
    .orderBy("id")
    .execute();

  const file: z.input<typeof CompetitionFileSchema> = {
    slug: DEMO_STAGED_SLUG,
    name: "Lomba Perpustakaan Desa/Kelurahan Kabupaten Kutai Timur 2025 (tiga tahap)",
    year: 2025,
    level: "kabupaten",
    region: "Kabupaten Kutai Timur",
    aggregation: "mean",
    prizes: { winners: 3, honourable: 3 },
    rankingScope: "overall",
    combine: "weighted",
    stages: [
      { code: "ADM", name: "Seleksi administrasi", kind: "admin" },
      {
        code: "DESK",
        name: "Seleksi berkas",
        kind: "desk",
        weight: 40,
        advance: DEMO_DESK_ADVANCE,
        components: templateCriteria(ACCREDITATION_TEMPLATE)!,
      },
      {
        code: "VISIT",
        name: "Verifikasi lapangan",
        kind: "visit",
        weight: 60,
        components: VISIT_COMPONENTS,
      },
    ],
    libraries,
    judges: judges.map((j) => j.email),
  };
  const imported = await importCompetitionFile(chair, JSON.stringify(file));
  if (!imported.ok) fail("import", imported);
  const competitionId = imported.id;

  // The self-assessment: three reported values on the desk review's indicators (the national
  // standard's minimums), the window open a fortnight either side of today
  await db.transaction().execute(async (trx) => {
    const desk = await trx
      .selectFrom("stages")
      .select("id")
      .where("competition_id", "=", competitionId)
      .where("code", "=", "DESK")
      .executeTakeFirstOrThrow();
    await writeStageClaims(chair, competitionId, desk.id, DEMO_CLAIMS, trx);
  });
  const fortnight = 14 * 86_400_000;
  await setSelfAssessmentWindow(chair, competitionId, {
    opens: localDate(new Date(Date.now() - fortnight).toISOString()),
    closes: localDate(new Date(Date.now() + fortnight).toISOString()),
  });

  // Scoring opens on the administrative check, which has no criteria and no judges: the status
  // move's guard asks for both, so the seed opens it as the move would, audited.
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("competitions")
      .set({ status: "scoring", is_demo: 1, updated_at: nowIso() })
      .where("id", "=", competitionId)
      .execute();
    await recordAudit(
      {
        actor: chair,
        competitionId,
        entityType: "competition",
        entityId: competitionId,
        action: "status",
        before: { status: "draft" },
        after: { status: "scoring" },
      },
      trx,
    );
  });

  // one library has filled in and submitted its self-assessment, proposing its opening hours
  const sangkima = await db
    .selectFrom("entries as e")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .select("e.id")
    .where("e.competition_id", "=", competitionId)
    .where("l.code", "=", "SANGKIMA")
    .executeTakeFirstOrThrow();
  const submitted = await saveSelfAssessment(
    { id: null, label: "Pengelola SANGKIMA (demo)" },
    sangkima.id,
    {
      intent: "submit",
      version: 0,
      values: { A02: "1450", A14: "yes", C01: "7.5" },
      openingHours: "Senin–Sabtu 08.00–16.00",
    },
  );
  if (!submitted.ok) fail("self-assessment", submitted);

  // 1. the administrative check: every item of the template for every library
  for (const lib of libraries) {
    const failure = DEMO_ADMIN_FAILURES[lib.code];
    for (const item of ADMIN_CHECKLIST.items) {
      const failed = failure?.item === item.name;
      const done = await recordAdminCheck(chair, competitionId, {
        library: lib.code,
        item: item.name,
        passed: !failed,
        reason: failed ? failure.reason : undefined,
      });
      if (!done.ok) fail("admin check", done);
    }
  }
  const afterAdmin = await advanceStage(chair, competitionId);
  if (!afterAdmin.ok) fail("closing the administrative check", afterAdmin);

  // 2. the desk review: every judge reads every library that passed, then submits
  await assignAll(chair, competitionId, afterAdmin.advanced, judges);
  for (const [j, judge] of judges.entries()) {
    const severity = (j - 1) * 0.2; // one judge a little harsher, one a little more lenient
    for (const code of await assignedTo(judge.id, competitionId))
      await score(judge, "DESK", code, QUALITY[code]! - severity, "submit", random);
  }
  const afterDesk = await advanceStage(chair, competitionId);
  if (!afterDesk.ok) fail("closing the desk review", afterDesk);

  // 3. the field visits: every judge visits every finalist; some sheets done, some begun
  await assignAll(chair, competitionId, afterDesk.advanced, judges);
  for (const [j, judge] of judges.entries()) {
    const progress = VISIT_PROGRESS[j]!;
    const mine = await assignedTo(judge.id, competitionId);
    for (const [k, code] of mine.entries()) {
      const intent = k < progress.submitted ? "submit" : "save";
      if (k >= progress.submitted + progress.drafts) break;
      await score(judge, "VISIT", code, QUALITY[code]! + (random() - 0.5), intent, random);
    }
  }
}

/** Assigns every judge to every library listed, in the stage open now (conflicts skipped). */
async function assignAll(
  chair: Actor,
  competitionId: number,
  codes: string[],
  judges: { id: number }[],
) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const entries = await trx
        .selectFrom("entries as e")
        .innerJoin("libraries as l", "l.id", "e.library_id")
        .select("e.id")
        .where("e.competition_id", "=", competitionId)
        .where("l.code", "in", codes)
        .orderBy("l.id")
        .execute();
      for (const e of entries)
        for (const judge of judges) await assignIn(chair, competitionId, e.id, judge.id, trx);
    });
}

/** The libraries a judge reaches in the stage open now, in the registry's order. */
async function assignedTo(judgeId: number, competitionId: number): Promise<string[]> {
  const rows = await getDb()
    .selectFrom("judge_assignments as a")
    .innerJoin("entries as e", "e.id", "a.entry_id")
    .innerJoin("libraries as l", "l.id", "e.library_id")
    .innerJoin("stages as s", "s.id", "a.stage_id")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .select("l.code")
    .where("a.judge_id", "=", judgeId)
    .where("c.id", "=", competitionId)
    .whereRef("s.position", "=", "c.current_stage")
    .orderBy("l.id")
    .execute();
  return rows.map((r) => r.code);
}

/**
 * One judge's sheet through the judge's own save: every indicator of the stage open now scored
 * around `quality` (a draft: the first half of them), submitted or saved.
 */
async function score(
  judge: { id: number; name: string; email: string },
  stage: string,
  code: string,
  quality: number,
  intent: "submit" | "save",
  random: () => number,
) {
  const db = getDb();
  const indicators = await db
    .selectFrom("indicators as i")
    .innerJoin("components as k", "k.id", "i.component_id")
    .innerJoin("stages as s", "s.id", "k.stage_id")
    .innerJoin("competitions as c", "c.id", "s.competition_id")
    .select(["i.code", "i.min_score", "i.max_score"])
    .where("c.slug", "=", DEMO_STAGED_SLUG)
    .where("s.code", "=", stage)
    .orderBy("k.position")
    .orderBy("i.position")
    .execute();
  const scored = intent === "submit" ? indicators : indicators.slice(0, indicators.length / 2);
  const values: Record<string, string> = {
    intent,
    version: "0",
    key: `demo-${stage}-${judge.id}-${code}`.toLowerCase(),
    comment: intent === "submit" ? "Data demo." : "",
  };
  for (const ind of scored) {
    const raw = Math.round(quality + (random() - 0.5) * 1.6);
    values[`score.${ind.code}`] = String(Math.min(ind.max_score, Math.max(ind.min_score, raw)));
  }
  const outcome = await saveSheet(
    actorOf(judge),
    DEMO_STAGED_SLUG,
    code,
    { values, repeated: [] },
    { issuedPassword: false },
  );
  if (outcome.status !== "saved") fail(`${stage} sheet ${judge.email} ${code}`, outcome);
}
