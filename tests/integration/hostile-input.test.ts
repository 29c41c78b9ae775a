import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import SqliteDatabase from "better-sqlite3";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "../../db/connection";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { hashPassword } from "../../app/lib/password.server";
import { countRankingInputs } from "../../app/models/ranking.server";
import { HttpClient, rawRequest } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

/** What zod says by itself, in English: a user must never see it. */
const ZOD_ENGLISH =
  /Invalid input|expected (?:number|string|int|array|object)|received (?:string|number|undefined|NaN)|Too (?:small|big)|Invalid option|Unrecognized key/;

/**
 * Hostile input to every action of the app: wrong types, out-of-range and non-integer
 * numbers, missing and repeated fields, over-long text, control characters, SQL and HTML
 * fragments in fields that must not hold them, 1 MB bodies. Every answer must be a 4xx with a
 * message, never a 500, and the database must be exactly as it was.
 *
 * Each route with an action has an entry below (a new action without one fails the test): the
 * operations it accepts, each with a valid form and the kind of every field; fast-check then
 * breaks one field at a time, adds noise, and checks the answer and the database.
 */

type Kind =
  | { t: "int"; min: number; max: number; optional?: boolean }
  | { t: "enum"; values: readonly string[]; optional?: boolean }
  | { t: "text"; max: number; required: boolean }
  | { t: "email" }
  | { t: "slug" }
  | { t: "code" }
  | { t: "id" }
  | { t: "key" }
  | { t: "password" }
  | { t: "json" }
  | { t: "csv" }
  /** an ISO date (YYYY-MM-DD), or empty */
  | { t: "date" }
  /** one "entry:judge" pair of the assignment matrix; leaving all out is a legitimate "none" */
  | { t: "pair" }
  /** a profile video link: https, YouTube or Google Drive only */
  | { t: "videoUrl" }
  /** a non-negative number as an Indonesian office types it ("1.000", "12,5") */
  | { t: "decimal" };

interface Operation {
  name: string;
  role: Role;
  url: string;
  /** a valid form (the hostile value replaces exactly one of `fields`) */
  base: Record<string, string>;
  fields: Record<string, Kind>;
  multipart?: boolean;
}

type Role = "anonymous" | "judge" | "chair" | "admin" | "library";

const SQL = ["'; DROP TABLE scores;--", "1 OR 1=1", '" OR ""="', "1; DELETE FROM users"];
const HTML = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</textarea><b>x</b>"];
/** C0 (but tab and line breaks), DEL, C1, and bidi embeddings, overrides and isolates */
const CONTROL = [
  "x\u0000y",
  "a\u001b[2Jb",
  "\u0007",
  "z\u007f",
  "c\u0085d",
  "\u009b2J",
  "nilai\u202e01",
  "a\u2066b\u2069",
];
/** The control-character message, on a page (either language) or as a catalog key in JSON. */
const CONTROL_MESSAGE = /karakter kendali|control characters|controlCharacters/;

/** Values that are invalid for a field of this kind, whatever else the form holds. */
function hostile(kind: Kind): string[] {
  switch (kind.t) {
    case "int":
      return [
        ...(kind.optional ? [] : ["", " "]),
        "abc",
        "2.5",
        "1e3",
        "0x10",
        String(kind.min - 1),
        String(kind.max + 1),
        "99999999999999999999",
        "NaN",
        "Infinity",
        ...SQL,
        ...HTML,
        "\u0000",
      ];
    case "enum":
      return ["", "x", "1", ...SQL, ...HTML, `${kind.values[0]}\u0000`, ` ${kind.values[0]}x`];
    case "text":
      return [...(kind.required ? ["", "   "] : []), "a".repeat(kind.max + 1), ...CONTROL];
    case "email":
      return ["", "not-an-email", "a@", ...SQL, ...HTML, `${"a".repeat(260)}@x.id`];
    case "slug":
      return ["", "Bukan Slug", "../etc/passwd", ...SQL, ...HTML, "a".repeat(61)];
    case "code":
      return ["", "a b", ...SQL, ...HTML, "x".repeat(100)];
    case "id":
      return ["", "0", "-1", "abc", "1.5", "999999999", ...SQL, ...HTML];
    case "key":
      return ["", "short", ...HTML, "x".repeat(65), "ü".repeat(10)];
    case "password":
      return ["", "short", "x".repeat(300)];
    case "json":
      return [
        "",
        "{",
        "[]",
        "null",
        '{"slug": 1}',
        ...SQL,
        ...HTML,
        JSON.stringify({ slug: "x", components: "<script>" }),
      ];
    case "pair":
      return ["1:abc", "x", "1:", ":2", "999999:999999", ...SQL, ...HTML];
    case "videoUrl":
      return [
        "",
        "http://youtu.be/abc",
        "https://evil.example/watch?v=abc",
        "https://youtube.com.evil.example/x",
        "javascript:alert(1)",
        `https://youtu.be/${"a".repeat(500)}`,
        ...CONTROL,
        ...SQL,
        ...HTML,
      ];
    case "decimal":
      return [
        "",
        " ",
        "abc",
        "-1",
        "1e3",
        "0x10",
        "1,2,3",
        "1.00,5",
        "12,",
        "NaN",
        "Infinity",
        "9".repeat(13),
        ...SQL,
        ...HTML,
        "\u0000",
      ];
    case "date":
      return ["2024-13-01", "2024-02-30", "17/08/2024", "2024-8-17", "x", ...SQL, ...HTML];
    case "csv":
      return [
        "",
        "nama\n1",
        "code,name,type\n,,",
        '"unclosed',
        ...HTML,
        `code,name,type\n${SQL[0]},x,kota`,
      ];
  }
}

const MISSING = "\u0001missing";
/** Leaving a field out is hostile only when the field is required. */
const missable = (kind: Kind) =>
  (kind.t === "text" && !kind.required) ||
  kind.t === "pair" ||
  ((kind.t === "int" || kind.t === "enum") && kind.optional)
    ? []
    : [MISSING];
const SETTINGS: Record<string, Kind> = {
  name: { t: "text", max: 200, required: true },
  year: { t: "int", min: 1990, max: 2200 },
  level: { t: "enum", values: ["kabupaten", "kota", "provinsi", "nasional"] },
  region: { t: "text", max: 200, required: false },
  aggregation: { t: "enum", values: ["mean", "median", "trimmed-mean"] },
  prizeWinners: { t: "int", min: 0, max: 10 },
  prizeHonourable: { t: "int", min: 0, max: 10 },
  rankingScope: { t: "enum", values: ["overall", "category"] },
};
const SETTINGS_BASE = {
  name: "Lomba Uji",
  year: "2026",
  level: "kabupaten",
  region: "Kutai Timur",
  aggregation: "mean",
  prizeWinners: "3",
  prizeHonourable: "3",
  rankingScope: "overall",
};
const USER: Record<string, Kind> = {
  name: { t: "text", max: 120, required: true },
  email: { t: "email" },
  district: { t: "text", max: 120, required: false },
  village: { t: "text", max: 120, required: false },
  institution: { t: "text", max: 200, required: false },
};
const SHEET: Record<string, Kind> = {
  // a draft may leave a score empty
  "score.A1": { t: "int", min: 1, max: 5, optional: true },
  "note.A1": { t: "text", max: 2000, required: false },
  comment: { t: "text", max: 5000, required: false },
  intent: { t: "enum", values: ["save", "submit"] },
  version: { t: "int", min: 0, max: 0 },
  key: { t: "key" },
};

// a visit judge's checks (kutim-2024's stage is no visit: a valid form is refused as well)
const CLAIMS: Record<string, Kind> = {
  intent: { t: "enum", values: ["claims"] },
  "check.A1": { t: "enum", values: ["verified", "corrected"], optional: true },
  "observed.A1": { t: "text", max: 500, required: false },
};
const CLAIMS_BASE = { intent: "claims", "check.A1": "corrected", "observed.A1": "1.250" };

/** Filled in once the server runs: ids from the demo database. */
const ids = { entry: 0, sheet: 0, judge: 0, library: 0, user: 0, evidence: 0 };
/** The kutim-2024 indicators the library is asked to report on (set up once the server runs). */
const claimed = { number: "", yesno: "", text: "" };

function operations(): Record<string, Operation[] | { exempt: string }> {
  const c = "/chair/competitions/kutim-2024";
  const overview = (url: string): Operation[] => [
    {
      name: "duplicate",
      role: "chair",
      url,
      base: {
        intent: "duplicate",
        slug: "kutim-2099",
        name: "Lomba 2099",
        year: "2099",
      },
      fields: {
        slug: { t: "slug" },
        name: { t: "text", max: 200, required: true },
        year: { t: "int", min: 1990, max: 2200 },
      },
    },
    {
      name: "status",
      role: "chair",
      url,
      base: { intent: "status", to: "closed", confirm: "yes", reason: "" },
      fields: {
        to: {
          t: "enum",
          values: ["draft", "scoring", "closed", "published"],
        },
        confirm: { t: "enum", values: ["yes"] },
      },
    },
  ];
  // A draft saves its valid fields even when one is refused (docs/http.md): with the others
  // empty, as on the new sheet, a refused field must leave the database exactly as it was.
  const sheetBase = {
    "score.A1": "",
    "note.A1": "",
    comment: "",
    intent: "save",
    version: "0",
    key: "fuzz-key-000001",
  };
  return {
    "routes/login": [
      {
        name: "login",
        role: "anonymous",
        url: "/login",
        base: { email: "ketua@juara.demo", password: DEMO_PASSWORD },
        fields: { email: { t: "email" } },
      },
    ],
    "routes/language": {
      exempt: "sets a cookie from a fixed list (anything else means Indonesian); writes nothing",
    },
    "routes/logout": { exempt: "ends the caller's session; takes no input" },
    "routes/account.password": [
      {
        name: "change password",
        role: "judge",
        url: "/account/password",
        base: {
          current: DEMO_PASSWORD,
          next: "sandi-baru-yang-panjang",
          confirm: "sandi-baru-yang-panjang",
        },
        fields: { next: { t: "password" }, current: { t: "password" } },
      },
    ],
    "routes/admin.users": [
      {
        name: "create user",
        role: "admin",
        url: "/admin/users",
        base: {
          intent: "create",
          name: "Pengguna Baru",
          email: "baru@juara.test",
          role: "chair",
        },
        fields: {
          ...USER,
          role: {
            t: "enum",
            values: ["admin", "chair", "judge"],
            optional: true,
          },
        },
      },
      {
        name: "deactivate",
        role: "admin",
        url: "/admin/users",
        base: { intent: "deactivate", userId: String(ids.user) },
        fields: {
          userId: { t: "id" },
          intent: { t: "enum", values: ["activate", "deactivate", "reset"] },
        },
      },
      {
        name: "edit user",
        role: "admin",
        url: "/admin/users",
        base: { intent: "edit", userId: String(ids.user), name: "Rahmawati", role: "judge" },
        fields: {
          userId: { t: "id" },
          name: { t: "text", max: 120, required: true },
          role: { t: "enum", values: ["admin", "chair", "judge"] },
        },
      },
    ],
    "routes/judges._index": [
      {
        name: "create judge",
        role: "chair",
        url: "/judges",
        base: {
          intent: "create",
          name: "Juri Baru",
          email: "juribaru@juara.test",
        },
        fields: USER,
      },
    ],
    "routes/chair.competitions.new": [
      {
        name: "new competition",
        role: "chair",
        url: "/chair/competitions/new",
        base: { ...SETTINGS_BASE, slug: "uji-2026", template: "accreditation" },
        fields: {
          ...SETTINGS,
          slug: { t: "slug" },
          template: {
            t: "enum",
            values: ["accreditation", "practice-2025", "none", "on"],
            optional: true,
          },
        },
      },
    ],
    // the bare address (docs/http.md; the status and delete forms) reaches the layout, `?index`
    // the overview itself (the duplicate form); both answer with the same handler
    "routes/chair.competitions.$slug": overview(c),
    "routes/chair.competitions.$slug._index": overview(`${c}?index`),
    "routes/chair.competitions.$slug.settings": [
      {
        name: "settings",
        role: "chair",
        url: `${c}/settings`,
        base: SETTINGS_BASE,
        fields: SETTINGS,
      },
      {
        name: "document details",
        role: "chair",
        url: `${c}/settings`,
        base: { intent: "documents", decisionDate: "2024-08-17", headSignerName: "Drs. H. Ayub" },
        fields: {
          decisionDate: { t: "date" },
          decisionPlace: { t: "text", max: 100, required: false },
          documentNumber: { t: "text", max: 100, required: false },
          chairSignerName: { t: "text", max: 200, required: false },
          chairSignerTitle: { t: "text", max: 200, required: false },
          headSignerName: { t: "text", max: 200, required: false },
          headSignerTitle: { t: "text", max: 200, required: false },
        },
      },
      {
        name: "self-assessment window",
        role: "chair",
        url: `${c}/settings`,
        base: { intent: "self-assessment", opens: "2024-08-01", closes: "2024-08-31" },
        fields: { opens: { t: "date" }, closes: { t: "date" } },
      },
      {
        name: "points display",
        role: "chair",
        url: `${c}/settings`,
        base: { intent: "points", pointsDisplay: "weighted", pointsFactor: "10" },
        fields: {
          pointsDisplay: { t: "enum", values: ["none", "weighted", "sum"] },
          pointsFactor: { t: "int", min: 1, max: 1000 },
        },
      },
      {
        // the checkbox: "on" when ticked, left out when not
        name: "feedback names judges",
        role: "chair",
        url: `${c}/settings`,
        base: { intent: "feedback", namesJudges: "on" },
        fields: { namesJudges: { t: "enum", values: ["on"], optional: true } },
      },
    ],
    "routes/chair.competitions.$slug.criteria": [
      // kutim-2024 is in scoring: its criteria are frozen whatever is sent
      {
        name: "criteria",
        role: "chair",
        url: `${c}/criteria`,
        base: { intent: "save", "c.0.code": "A", "c.0.weight": "100" },
        fields: {
          "c.0.weight": { t: "int", min: 0, max: 100 },
          "c.0.code": { t: "code" },
        },
      },
    ],
    "routes/chair.competitions.$slug.entries": [
      {
        name: "withdraw",
        role: "chair",
        url: `${c}/entries`,
        base: {
          intent: "status",
          entryId: String(ids.entry),
          status: "withdrawn",
          reason: "mundur",
        },
        fields: {
          entryId: { t: "id" },
          status: {
            t: "enum",
            values: ["active", "withdrawn", "disqualified"],
          },
          reason: { t: "text", max: 500, required: true },
        },
      },
      {
        name: "add",
        role: "chair",
        url: `${c}/entries`,
        base: { intent: "add", library: String(ids.library) },
        fields: { library: { t: "id" } },
      },
      // the invitation of a library's manager (library accounts)
      {
        name: "invite library manager",
        role: "chair",
        url: `${c}/entries`,
        base: {
          intent: "invite",
          entryId: String(ids.entry),
          name: "Bu Sari",
          email: "pengelola@juara.test",
        },
        fields: {
          entryId: { t: "id" },
          name: { t: "text", max: 120, required: true },
          email: { t: "email" },
        },
      },
    ],
    "routes/chair.competitions.$slug.judges": [
      {
        name: "balanced",
        role: "chair",
        url: `${c}/judges`,
        base: { intent: "balanced", perEntry: "2", stage: "S1" },
        fields: {
          perEntry: { t: "int", min: 1, max: 20 },
          stage: { t: "enum", values: ["S1"], optional: true },
        },
      },
      {
        name: "assign all",
        role: "chair",
        url: `${c}/judges`,
        base: { intent: "assign-all", stage: "S1" },
        fields: { stage: { t: "enum", values: ["S1"], optional: true } },
      },
      {
        name: "two teams",
        role: "chair",
        url: `${c}/judges`,
        base: { intent: "teams", stage: "S1" },
        fields: { stage: { t: "enum", values: ["S1"], optional: true } },
      },
      {
        name: "conflict",
        role: "chair",
        url: `${c}/judges`,
        base: {
          intent: "conflict",
          judgeId: String(ids.judge),
          libraryId: String(ids.library),
          status: "confirmed",
          reason: "kerabat",
        },
        fields: {
          judgeId: { t: "id" },
          libraryId: { t: "id" },
          status: { t: "enum", values: ["confirmed", "dismissed"] },
          reason: { t: "text", max: 500, required: true },
        },
      },
      {
        name: "panel",
        role: "chair",
        url: `${c}/judges`,
        base: { intent: "panel-add", judge: String(ids.judge) },
        fields: { judge: { t: "id" } },
      },
      {
        name: "assignments",
        role: "chair",
        url: `${c}/judges`,
        base: { intent: "assignments", a: `${ids.entry}:${ids.judge}`, stage: "S1" },
        fields: { a: { t: "pair" }, stage: { t: "enum", values: ["S1"], optional: true } },
      },
    ],
    "routes/chair.libraries": [
      {
        name: "create library",
        role: "chair",
        url: "/chair/libraries",
        base: {
          intent: "create",
          code: "BARU1",
          name: "Perpustakaan Baru",
          type: "desa",
        },
        fields: {
          code: { t: "code" },
          name: { t: "text", max: 200, required: true },
          type: { t: "enum", values: ["desa", "kelurahan"] },
          village: { t: "text", max: 120, required: false },
          npp: { t: "text", max: 40, required: false },
        },
      },
      {
        name: "import csv",
        role: "chair",
        url: "/chair/libraries",
        base: {
          intent: "import",
          csv: "code,name,type\nBARU2,Perpustakaan Baru Dua,desa",
        },
        fields: { csv: { t: "csv" } },
      },
    ],
    "routes/chair.import": [
      {
        name: "import file",
        role: "chair",
        url: "/chair/import",
        base: { file: "{}" },
        fields: { file: { t: "json" } },
        multipart: true,
      },
    ],
    // the scores import (multipart; its files' own refusals are in scores-import-page.test.ts): a
    // draft of one score for a sheet of KAUBUN, replacing it if it has scores
    "routes/chair.competitions.$slug.scores-import": [
      {
        name: "scores import",
        role: "chair",
        url: `${c}/scores-import`,
        base: {
          file: "Kode;Juri;Status lembar;Indikator;Nilai\nKAUBUN;juri2@juara.demo;Draf;A1;3\n",
          replace: "on",
        },
        fields: {
          file: { t: "csv" },
          replace: { t: "enum", values: ["on"], optional: true },
        },
        multipart: true,
      },
    ],
    "routes/chair.competitions.$slug.sheets": [
      {
        name: "reopen",
        role: "chair",
        url: `${c}/sheets`,
        base: {
          intent: "reopen",
          sheetId: String(ids.sheet),
          reason: "salah ketik",
        },
        fields: {
          sheetId: { t: "id" },
          reason: { t: "text", max: 1000, required: true },
        },
      },
    ],
    "routes/chair.competitions.$slug.results": [
      {
        name: "tie",
        role: "chair",
        url: `${c}/results`,
        base: {
          intent: "tie",
          reason: "kunjungan",
          [`position.${ids.entry}`]: "1",
        },
        fields: {
          [`position.${ids.entry}`]: { t: "int", min: 1, max: 1 },
          reason: { t: "text", max: 1000, required: true },
        },
      },
    ],
    // kutim-2024 has one stage, open: no move, no checklist, no closed stage to announce, so every
    // form is refused whatever is sent; its parser and its refusals still answer with a message
    "routes/chair.competitions.$slug.stages": [
      {
        name: "next stage",
        role: "chair",
        url: `${c}/stages`,
        base: { intent: "stage-next", confirm: "yes", reason: "Juri berhalangan" },
        fields: {
          confirm: { t: "enum", values: ["yes"] },
          override: { t: "enum", values: ["yes"], optional: true },
          reason: { t: "text", max: 500, required: false },
        },
      },
      {
        name: "admin checklist",
        role: "chair",
        url: `${c}/stages`,
        base: {
          intent: "stage-check",
          library: "KAUBUN",
          item: "Surat pengantar",
          passed: "no",
          reason: "Tidak ditandatangani",
        },
        fields: {
          library: { t: "text", max: 40, required: true },
          item: { t: "text", max: 200, required: true },
          passed: { t: "enum", values: ["yes", "no"] },
          reason: { t: "text", max: 500, required: false },
        },
      },
      {
        name: "publish finalists",
        role: "chair",
        url: `${c}/stages`,
        base: { intent: "finalists-publish", stage: "S1" },
        fields: {
          stage: { t: "code" },
          intent: { t: "enum", values: ["finalists-publish", "finalists-withdraw"] },
        },
      },
      {
        name: "withdraw finalists",
        role: "chair",
        url: `${c}/stages`,
        base: { intent: "finalists-withdraw", stage: "S1", reason: "Salah hitung" },
        fields: {
          stage: { t: "text", max: 40, required: true },
          reason: { t: "text", max: 500, required: true },
        },
      },
      // setting up stages: kutim-2024 is scoring, so the list is read-only and every change refused
      {
        name: "add stage",
        role: "chair",
        url: `${c}/stages`,
        base: { intent: "stage-add", code: "V", name: "Kunjungan", kind: "visit", weight: "40" },
        fields: {
          code: { t: "code" },
          name: { t: "text", max: 200, required: true },
          kind: { t: "enum", values: ["admin", "desk", "visit", "presentation", "other"] },
          weight: { t: "int", min: 0, max: 100 },
          advance: { t: "int", min: 1, max: 5000, optional: true },
        },
      },
      {
        name: "edit stage",
        role: "chair",
        url: `${c}/stages`,
        base: {
          intent: "stage-edit",
          stage: "S1",
          code: "S1",
          name: "Penilaian",
          kind: "other",
          weight: "100",
          advance: "3",
          requiresSelfAssessment: "on",
        },
        fields: {
          stage: { t: "text", max: 40, required: true },
          code: { t: "code" },
          weight: { t: "int", min: 0, max: 100 },
          advance: { t: "int", min: 1, max: 5000, optional: true },
          requiresSelfAssessment: { t: "enum", values: ["on"], optional: true },
        },
      },
      {
        name: "remove stage",
        role: "chair",
        url: `${c}/stages`,
        base: { intent: "stage-remove", stage: "S1" },
        fields: { stage: { t: "text", max: 40, required: true } },
      },
      {
        name: "move stage",
        role: "chair",
        url: `${c}/stages`,
        base: { intent: "stage-move", stage: "S1", direction: "down" },
        fields: {
          stage: { t: "text", max: 40, required: true },
          direction: { t: "enum", values: ["up", "down"] },
        },
      },
      {
        name: "combine stages",
        role: "chair",
        url: `${c}/stages`,
        base: { intent: "stage-combine", combine: "last" },
        fields: { combine: { t: "enum", values: ["weighted", "last"] } },
      },
    ],
    "routes/judge.$slug.$code": [
      {
        name: "sheet (page)",
        role: "judge",
        url: "/judge/kutim-2024/KAUBUN",
        base: sheetBase,
        fields: SHEET,
      },
      {
        name: "coaching note",
        role: "judge",
        url: "/judge/kutim-2024/KAUBUN?note",
        base: { intent: "note", text: "Tambah jam buka sore hari.", js: "1" },
        fields: {
          intent: { t: "enum", values: ["note"] },
          text: { t: "text", max: 4000, required: false },
        },
      },
      {
        name: "visit checks (page)",
        role: "judge",
        url: "/judge/kutim-2024/KAUBUN?claims",
        base: CLAIMS_BASE,
        fields: CLAIMS,
      },
    ],
    // a visit judge's photos (multipart; the files themselves have their own table in
    // visit-photos.test.ts); kutim-2024's stage is no visit, so a valid form is refused as well
    "routes/judge.$slug.$code_.photos": [
      {
        name: "visit photo",
        role: "judge",
        url: "/judge/kutim-2024/KAUBUN/photos",
        base: { intent: "photo", indicator: "" },
        fields: {
          intent: { t: "enum", values: ["photo"] },
          indicator: { t: "code" },
        },
        multipart: true,
      },
    ],
    "routes/api.claims.$slug.$code": [
      {
        name: "visit checks (endpoint)",
        role: "judge",
        url: "/api/claims/kutim-2024/KAUBUN",
        base: CLAIMS_BASE,
        fields: CLAIMS,
      },
    ],
    // the library's self-assessment (kutim-2024 asks for three values, the window open): a
    // complete submit, so an empty value is refused too; URL-encoded so the 1 MB body is refused
    // by size (the page's own form is multipart, which the action reads the same way)
    "routes/library.$slug": [
      {
        name: "self-assessment",
        role: "library",
        url: "/library/kutim-2024",
        base: {
          intent: "submit",
          version: "0",
          [`value.${claimed.number}`]: "1.000",
          [`value.${claimed.yesno}`]: "yes",
          [`value.${claimed.text}`]: "Katalog daring",
          headName: "Bu Sari",
          openingHours: "Senin–Sabtu 08.00–16.00",
          members: "1.250",
        },
        fields: {
          intent: { t: "enum", values: ["save", "submit"] },
          version: { t: "int", min: 0, max: 0 },
          [`value.${claimed.number}`]: { t: "decimal" },
          [`value.${claimed.yesno}`]: { t: "enum", values: ["yes", "no"] },
          [`value.${claimed.text}`]: { t: "text", max: 200, required: true },
          headName: { t: "text", max: 120, required: false },
          openingHours: { t: "text", max: 200, required: false },
          members: { t: "int", min: 0, max: 10_000_000, optional: true },
        },
      },
    ],
    "routes/chair.competitions.$slug.entries_.$code.self-assessment": [
      {
        name: "reopen self-assessment",
        role: "chair",
        url: `${c}/entries/SEPASO/self-assessment`,
        base: { intent: "reopen", reason: "Jumlah judul perlu dicek" },
        fields: {
          intent: { t: "enum", values: ["reopen", "accept", "reject"] },
          reason: { t: "text", max: 500, required: true },
        },
      },
    ],
    "routes/chair.competitions.$slug.entries_.$code.feedback": [
      {
        name: "feedback notes",
        role: "chair",
        url: `${c}/entries/KAUBUN/feedback`,
        base: { intent: "include", note: "1:1" },
        fields: {
          intent: { t: "enum", values: ["include", "includeAll"] },
          note: { t: "pair" },
        },
      },
    ],
    // the library's evidence page (multipart; its files have their own table in evidence.test.ts)
    "routes/library.$slug_.evidence": [
      {
        name: "evidence (video link)",
        role: "library",
        url: "/library/kutim-2024/evidence",
        base: { intent: "upload", video: "https://youtu.be/dQw4w9WgXcQ" },
        fields: { video: { t: "videoUrl" } },
        multipart: true,
      },
      {
        name: "evidence (remove)",
        role: "library",
        url: "/library/kutim-2024/evidence",
        base: { intent: "remove", id: String(ids.evidence) },
        fields: { id: { t: "id" }, intent: { t: "enum", values: ["remove"] } },
      },
    ],
    "routes/api.sheets.$slug.$code": [
      {
        name: "sheet (autosave)",
        role: "judge",
        url: "/api/sheets/kutim-2024/KAUBUN",
        base: sheetBase,
        fields: SHEET,
      },
    ],
  };
}

/** A draft competition the control-character sweep creates, so its criteria can still change. */
const DRAFT_SLUG = "kendali-2026";

/**
 * Text fields the fuzz above cannot reach, swept for control characters only: the criteria editor
 * of a draft competition (kutim-2024's criteria are frozen, so its editor refuses everything
 * before reading a field; and the editor keeps the last of a repeated field, which the fuzz's
 * repeated-field variant would turn into a valid save).
 */
function textOnlyOperations(): Operation[] {
  return [
    {
      name: "add stage (draft)",
      role: "chair",
      url: `/chair/competitions/${DRAFT_SLUG}/stages`,
      base: { intent: "stage-add", code: "V", name: "Kunjungan", kind: "visit", weight: "40" },
      fields: {
        code: { t: "text", max: 20, required: true },
        name: { t: "text", max: 200, required: true },
      },
    },
    {
      name: "criteria (draft)",
      role: "chair",
      url: `/chair/competitions/${DRAFT_SLUG}/criteria`,
      base: {
        intent: "save",
        "c.0.code": "A",
        "c.0.name": "Koleksi",
        "c.0.weight": "100",
        "c.0.i.0.code": "A1",
        "c.0.i.0.name": "Jumlah koleksi",
        "c.0.i.0.description": "Jumlah judul",
        "c.0.i.0.min": "1",
        "c.0.i.0.max": "5",
        "c.0.i.0.r.1": "Kurang dari 500 judul",
        "c.0.i.0.claim.kind": "number",
        "c.0.i.0.claim.unit": "judul",
        "c.0.i.0.claim.standard": "1.000",
      },
      fields: {
        "c.0.i.0.claim.unit": { t: "text", max: 20, required: false },
        "c.0.name": { t: "text", max: 200, required: true },
        "c.0.i.0.name": { t: "text", max: 200, required: true },
        "c.0.i.0.description": { t: "text", max: 2000, required: false },
        "c.0.i.0.r.1": { t: "text", max: 1000, required: false },
      },
    },
  ];
}

/** The text fields of a competition file (docs/examples/competition.json), each put one way. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FileJson = any;
const FILE_TEXT: Record<string, (file: FileJson, text: string) => void> = {
  name: (f, t) => (f.name = t),
  region: (f, t) => (f.region = t),
  "components[0].name": (f, t) => (f.components[0].name = t),
  "components[0].indicators[0].name": (f, t) => (f.components[0].indicators[0].name = t),
  "components[0].indicators[0].description": (f, t) =>
    (f.components[0].indicators[0].description = t),
  'components[0].indicators[0].rubric["1"]': (f, t) =>
    (f.components[0].indicators[0].rubric["1"] = t),
  "libraries[0].name": (f, t) => (f.libraries[0].name = t),
  "libraries[0].village": (f, t) => (f.libraries[0].village = t),
  "conflicts[0].reason": (f, t) => (f.conflicts[0].reason = t),
};

let server: RunningServer;
let reader: DB;
const clients = {} as Record<Role, HttpClient>;
let actionRoutes: string[] = [];

/** The tables fingerprint() reads: all but the two that change on any request. */
let tables: string[] = [];
/** SQLite: the server's file, read directly (the fastest way, and this runs ~1500 times) */
let sqliteFile: SqliteDatabase.Database | null = null;

/**
 * Every table's content (sessions' last use and failed logins aside), as one hash. On SQLite the
 * rows as they lie in the file; on PostgreSQL, which has no fixed row order without ORDER BY, the
 * server sums a hash of each row's text (any order) and counts the rows, in one query.
 */
async function fingerprint(): Promise<string> {
  const hash = crypto.createHash("sha256");
  if (sqliteFile) {
    for (const t of tables)
      hash.update(t + JSON.stringify(sqliteFile.prepare(`select * from "${t}"`).raw().all()));
    return hash.digest("hex");
  }
  const query = tables
    .map(
      (t) =>
        `select '${t}' as t, count(*) as n, coalesce(sum(hashtext(r::text)::bigint), 0) as h from "${t}" r`,
    )
    .join(" union all ");
  const { rows } = await sql.raw<{ t: string; n: number; h: number }>(query).execute(reader);
  for (const r of rows) hash.update(`${r.t}:${r.n}:${r.h}`);
  return hash.digest("hex");
}

beforeAll(async () => {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as {
    routes: Record<string, { id: string; module: { action?: unknown } }>;
  };
  actionRoutes = Object.values(build.routes)
    .filter((r) => r.module.action)
    .map((r) => r.id)
    .sort();
  server = await startServer();
  ({ db: reader } = createDb(server.databaseUrl, { poolSize: 2 }));
  tables = (await reader.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !["sessions", "login_attempts"].includes(n))
    .sort();
  if (server.dbFile) sqliteFile = new SqliteDatabase(server.dbFile, { readonly: true });
  const one = async (q: string) =>
    Number((await sql.raw<{ id: number }>(q).execute(reader)).rows[0]!.id);
  ids.entry = await one(
    "select e.id from entries e join competitions c on c.id = e.competition_id join libraries l on l.id = e.library_id where c.slug = 'kutim-2024' and l.code = 'KAUBUN'",
  );
  ids.sheet = await one(
    "select s.id from score_sheets s join entries e on e.id = s.entry_id join competitions c on c.id = e.competition_id where c.slug = 'kutim-2024' and s.status = 'submitted' order by s.id limit 1",
  );
  ids.judge = await one("select id from users where email = 'juri2@juara.demo'");
  ids.library = await one("select id from libraries where code = 'KAUBUN'");
  ids.user = await one("select id from users where email = 'juri3@juara.demo'");
  // the library's side: SEPASO's manager, three reported values asked on kutim-2024, the window open
  {
    const now = new Date().toISOString();
    const competition = await one("select id from competitions where slug = 'kutim-2024'");
    const indicators = await reader
      .selectFrom("indicators")
      .select(["id", "code"])
      .where("competition_id", "=", competition)
      .orderBy("position")
      .orderBy("id")
      .execute();
    await reader
      .insertInto("indicator_claims")
      .values([
        { indicator_id: indicators[0]!.id, kind: "number", unit: "judul", standard_min: 1000 },
        { indicator_id: indicators[1]!.id, kind: "yesno", unit: "", standard_min: 1 },
        { indicator_id: indicators[2]!.id, kind: "text", unit: "", standard_min: null },
      ])
      .execute();
    [claimed.number, claimed.yesno, claimed.text] = indicators.slice(0, 3).map((i) => i.code) as [
      string,
      string,
      string,
    ];
    await reader
      .updateTable("competitions")
      .set({
        self_assessment_opens: new Date(Date.now() - 86_400_000).toISOString(),
        self_assessment_closes: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .where("id", "=", competition)
      .execute();
    const sepaso = await one("select id from libraries where code = 'SEPASO'");
    const { id: manager } = await reader
      .insertInto("users")
      .values({
        email: "pengelola@juara.test",
        name: "Pengelola",
        role: "library",
        library_id: sepaso,
        password_hash: await hashPassword(DEMO_PASSWORD),
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // one piece of SEPASO's evidence (a video link), for the remove form
    const sepasoEntry = await one(
      "select e.id from entries e join libraries l on l.id = e.library_id where e.competition_id = (select id from competitions where slug = 'kutim-2024') and l.code = 'SEPASO'",
    );
    ids.evidence = (
      await reader
        .insertInto("evidence_files")
        .values({
          entry_id: sepasoEntry,
          uploaded_by: manager,
          source: "library",
          kind: "video",
          url: "https://youtu.be/abc",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  }
  const logins: Record<Exclude<Role, "anonymous">, string> = {
    judge: "juri2@juara.demo",
    chair: "ketua@juara.demo",
    admin: "admin@juara.demo",
    library: "pengelola@juara.test",
  };
  clients.anonymous = new HttpClient(server.url);
  for (const [role, email] of Object.entries(logins)) {
    const client = new HttpClient(server.url);
    expect((await client.login(email, DEMO_PASSWORD)).status).toBe(302);
    clients[role as Role] = client;
  }
  const draft = await clients.chair.post("/chair/competitions/new", {
    ...SETTINGS_BASE,
    slug: DRAFT_SLUG,
  });
  expect(draft.status).toBe(302);
  // every entry's ranking inputs counted once (migration 0017), as the first ranking would: the
  // kept rows are derived, and a refused form that ranks (the feedback page) must change nothing
  // else; from here no write changes an entry
  for (const { id } of await reader.selectFrom("competitions").select("id").execute())
    await countRankingInputs(id, reader);
});
afterAll(async () => {
  sqliteFile?.close();
  await reader?.destroy();
  await server?.stop();
  await server?.cleanup();
});

function body(op: Operation, fields: [string, string][]): URLSearchParams | FormData {
  if (!op.multipart) return new URLSearchParams(fields);
  const form = new FormData();
  for (const [k, v] of fields) {
    if (op.fields[k]?.t === "json")
      form.append(k, new Blob([v], { type: "application/json" }), "lomba.json");
    else if (op.fields[k]?.t === "csv")
      form.append(k, new Blob([v], { type: "text/csv" }), "nilai.csv");
    else form.append(k, v);
  }
  return form;
}

/** Posts a form that must be refused, checks the answer and the database; returns the body. */
async function expectRefused(
  op: Operation,
  fields: [string, string][],
  label: string,
  stats: { requests: number },
): Promise<string> {
  const before = await fingerprint();
  const res = await clients[op.role].post(op.url, body(op, fields), {
    Accept: op.url.startsWith("/api/") ? "application/json" : "text/html",
  });
  stats.requests += 1;
  const text = await res.text();
  expect(
    res.status,
    `${op.name}: ${label} → ${res.status}\n${text.slice(0, 300)}`,
  ).toBeGreaterThanOrEqual(400);
  expect(res.status, `${op.name}: ${label}`).toBeLessThan(500);
  // a message the user can read: a field error or alert on a page, a status in JSON, an error page
  expect(text.length, `${op.name}: ${label}: empty answer`).toBeGreaterThan(0);
  if (
    (res.headers.get("content-type") ?? "").includes("text/html") &&
    res.status !== 404 &&
    res.status !== 403 &&
    res.status !== 413
  ) {
    expect(text, `${op.name}: ${label}: no message on the page`).toMatch(
      /role="alert"|class="field-errors"|class="notice/,
    );
  }
  expect(await fingerprint(), `${op.name}: ${label}: the database changed`).toBe(before);
  // every message comes from the catalogs, in the user's language, never the validator's English
  expect(text, `${op.name}: ${label}: a raw validator message`).not.toMatch(ZOD_ENGLISH);
  // what the user typed is never executed as markup
  expect(text).not.toContain("<script>alert(1)</script>");
  expect(text).not.toContain("<img src=x onerror");
  return text;
}

describe("hostile input to every action", () => {
  it("has an entry (operations or a stated exemption) for every route with an action", () => {
    expect(Object.keys(operations()).sort()).toEqual(actionRoutes);
  });

  // One test per route, each with its own ceiling: the sweep grows with every form, and one
  // ceiling for all of it timed out on a loaded machine although every answer was right.
  const fuzzed = Object.entries(operations())
    .filter((e): e is [string, Operation[]] => Array.isArray(e[1]))
    .map(([routeId]) => routeId)
    .sort();
  const stats = { requests: 0 };
  it.each(fuzzed)(
    "answers every broken form to %s with a 4xx and a message, never a 500, and changes nothing",
    async (routeId) => {
      const entry = operations()[routeId] as Operation[];
      const before = stats.requests;
      for (const op of entry) {
        const names = Object.keys(op.fields);
        const noise = fc.array(
          fc.tuple(
            fc.constantFrom(...names, "zzz", "intent"),
            fc.constantFrom(...SQL, ...HTML, ...CONTROL, ""),
          ),
          { maxLength: 3 },
        );
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...names).chain((field) =>
              fc.record({
                field: fc.constant(field),
                value: fc.constantFrom(
                  ...missable(op.fields[field]!),
                  ...hostile(op.fields[field]!),
                ),
                noise,
                twice: fc.boolean(),
              }),
            ),
            async ({ field, value, noise: extra, twice }) => {
              const fields: [string, string][] = [];
              for (const [k, v] of Object.entries(op.base)) {
                if (k === field) {
                  if (value !== MISSING) fields.push([k, value]);
                } else fields.push([k, v]);
              }
              if (!(field in op.base) && value !== MISSING) fields.push([field, value]);
              // repeated fields come after the first value; noise never supplies the broken field
              if (twice && value !== MISSING) fields.push([field, op.base[field] ?? ""]);
              for (const [k, v] of extra) if (k !== field) fields.push([k, v]);
              await expectRefused(
                op,
                fields,
                `${field}=${JSON.stringify(value).slice(0, 40)}`,
                stats,
              );
            },
          ),
          // a fixed seed keeps CI repeatable; FUZZ_SEED=<n> and FUZZ_RUNS=<n> explore further
          {
            numRuns: Number(process.env.FUZZ_RUNS ?? 14),
            seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261125,
          },
        );
        // a body over the limit is refused before the app reads it
        await expectRefused(
          op,
          [...Object.entries(op.base), ["filler", "x".repeat(1_100_000)]],
          "1 MB body",
          stats,
        );
      }
      // every operation of the route was tried: its property runs and its oversized body
      expect(stats.requests - before).toBeGreaterThanOrEqual(entry.length * 2);
    },
    // a ceiling for a hung run only: the work is a fixed number of requests
    180_000,
  );
  it("fuzzed every route with a form (the sweep above ran in full)", () => {
    expect(fuzzed.length).toBe(actionRoutes.filter((r) => Array.isArray(operations()[r])).length);
    console.log(
      `hostile input: ${Object.values(operations()).filter(Array.isArray).flat().length} operations on ${actionRoutes.length} action routes, ${stats.requests} requests, 0 failures`,
    );
    expect(stats.requests).toBeGreaterThan(300);
  });
  it("answers a body that is not a well-formed form with 415 or 400 and a message, anonymously too", async () => {
    const bodies: { name: string; type?: string; body: string; status: number }[] = [
      { name: "text/plain", type: "text/plain", body: "intent=create&name=x", status: 415 },
      { name: "JSON", type: "application/json", body: '{"intent":"create"}', status: 415 },
      { name: "no Content-Type", body: "intent=create&name=x", status: 415 },
      { name: "multipart without boundary", type: "multipart/form-data", body: "x", status: 400 },
      {
        name: "truncated multipart",
        type: "multipart/form-data; boundary=B0undary",
        body: '--B0undary\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncreate',
        status: 400,
      },
      {
        name: "multipart without parts",
        type: "multipart/form-data; boundary=B0undary",
        body: "intent=create",
        status: 400,
      },
    ];
    // the exempt routes too, as visitors (logging out the fuzzing clients would end their sessions)
    const targets: { url: string; role: Role }[] = [
      { url: "/language", role: "anonymous" },
      { url: "/logout", role: "anonymous" },
    ];
    const table = operations();
    for (const routeId of actionRoutes) {
      const entry = table[routeId]!;
      if (!Array.isArray(entry)) continue;
      for (const op of entry) {
        if (!targets.some((t) => t.url === op.url && t.role === op.role))
          targets.push({ url: op.url, role: op.role });
        if (
          op.role !== "anonymous" &&
          !targets.some((t) => t.url === op.url && t.role === "anonymous")
        )
          targets.push({ url: op.url, role: "anonymous" });
      }
    }
    const wrong: string[] = [];
    for (const { url, role } of targets) {
      for (const b of bodies) {
        const before = await fingerprint();
        const res = await rawRequest(server.url + url, {
          method: "POST",
          headers: {
            Cookie: clients[role].cookieHeader(),
            Origin: server.url,
            "Sec-Fetch-Site": "same-origin",
            ...(b.type ? { "Content-Type": b.type } : {}),
          },
          body: b.body,
        });
        if (res.status !== b.status || res.body.trim().length === 0)
          wrong.push(`${role} ${url} ${b.name} → ${res.status} ${res.body.slice(0, 80)}`);
        if ((await fingerprint()) !== before)
          wrong.push(`${role} ${url} ${b.name}: the database changed`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses every control character in every text field, and says why", async () => {
    const stats = { requests: 0 };
    const ops = [
      ...Object.values(operations())
        .filter((e): e is Operation[] => Array.isArray(e))
        .flat(),
      ...textOnlyOperations(),
    ];
    for (const op of ops) {
      for (const [field, kind] of Object.entries(op.fields)) {
        if (kind.t !== "text") continue;
        for (const value of CONTROL) {
          const label = `${field}=${JSON.stringify(value)}`;
          const text = await expectRefused(
            op,
            Object.entries({ ...op.base, [field]: value }),
            label,
            stats,
          );
          expect(text, `${op.name}: ${label}: no control-character message`).toMatch(
            CONTROL_MESSAGE,
          );
        }
      }
    }
    const example = fs.readFileSync(path.resolve("docs/examples/competition.json"), "utf8");
    const importFile = operations()["routes/chair.import"] as Operation[];
    for (const [where, put] of Object.entries(FILE_TEXT)) {
      for (const value of CONTROL) {
        const file = JSON.parse(example) as FileJson;
        put(file, value);
        const label = `file ${where}=${JSON.stringify(value)}`;
        const text = await expectRefused(
          importFile[0]!,
          [["file", JSON.stringify(file)]],
          label,
          stats,
        );
        expect(text, `${label}: no control-character message`).toMatch(CONTROL_MESSAGE);
      }
    }
    expect(stats.requests).toBeGreaterThan(200);
    // hundreds of requests through the real server: a ceiling for a busy machine, not a speed goal
  }, 180_000);
});
