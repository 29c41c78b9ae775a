import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { hashPassword } from "../../app/lib/password.server";
import { HttpClient } from "../support/http";
import { insertPublishedCompetition } from "../support/published";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";
import { tempDir } from "../support/db";

/**
 * Every route of the built app × every kind of visitor, against a table. A route that is not in
 * the table fails the test: nothing gets added without someone deciding who may use it.
 */
const ROLES = [
  "anonymous",
  "judge",
  "otherJudge",
  "chair",
  "admin",
  // a library's manager (SEPASO, entered in kutim-2024) and one of a library not entered there
  "library",
  "otherLibrary",
] as const;
type Role = (typeof ROLES)[number];
type Expect = number | Record<Role, number>;

const PUBLIC = 200;
const STAFF: Record<Role, number> = {
  anonymous: 302,
  judge: 200,
  otherJudge: 200,
  chair: 200,
  admin: 200,
  library: 200,
  otherLibrary: 200,
};
const STAFF_POST_EMPTY: Record<Role, number> = {
  anonymous: 302,
  judge: 400,
  otherJudge: 400,
  chair: 400,
  admin: 400,
  library: 400,
  otherLibrary: 400,
};
const CHAIR_ONLY: Record<Role, number> = {
  anonymous: 302,
  judge: 403,
  otherJudge: 403,
  chair: 200,
  admin: 200,
  library: 403,
  otherLibrary: 403,
};
const CHAIR_ONLY_POST_EMPTY: Record<Role, number> = {
  anonymous: 302,
  judge: 403,
  otherJudge: 403,
  chair: 400,
  admin: 400,
  library: 403,
  otherLibrary: 403,
};
const ADMIN_ONLY: Record<Role, number> = {
  anonymous: 302,
  judge: 403,
  otherJudge: 403,
  chair: 403,
  admin: 200,
  library: 403,
  otherLibrary: 403,
};
const ADMIN_ONLY_POST_EMPTY: Record<Role, number> = {
  anonymous: 302,
  judge: 403,
  otherJudge: 403,
  chair: 403,
  admin: 400,
  library: 403,
  otherLibrary: 403,
};
// the library's own pages: only library accounts; another library's entry is "not found"
const LIBRARY_ONLY: Record<Role, number> = {
  anonymous: 302,
  judge: 403,
  otherJudge: 403,
  chair: 403,
  admin: 403,
  library: 200,
  otherLibrary: 200,
};
const LIBRARY_OWN: Record<Role, number> = { ...LIBRARY_ONLY, otherLibrary: 404 };
// an evidence file: its library, the judges assigned to its entry, the chair and the admin; to
// anyone else it does not exist
const EVIDENCE_FILE: Record<Role, number> = {
  anonymous: 404,
  judge: 200,
  otherJudge: 404,
  chair: 200,
  admin: 200,
  library: 200,
  otherLibrary: 404,
};
const JUDGE_OWN: Record<Role, number> = {
  anonymous: 302,
  judge: 200,
  otherJudge: 404,
  chair: 403,
  admin: 403,
  library: 403,
  otherLibrary: 403,
};
const JUDGE_OWN_POST_EMPTY: Record<Role, number> = {
  anonymous: 302,
  judge: 400,
  otherJudge: 404,
  chair: 403,
  admin: 403,
  library: 403,
  otherLibrary: 403,
};

/** url: the path to try (params filled with the fixture's values); get/post: expected statuses. */
const MATRIX: Record<string, { url: string; get: Expect; post?: Expect }> = {
  "routes/_index": { url: "/", get: PUBLIC },
  "routes/about": { url: "/about", get: PUBLIC },
  "routes/archive": { url: "/archive", get: PUBLIC },
  "routes/healthz": { url: "/healthz", get: PUBLIC },
  "routes/competitions.$slug._index": {
    url: "/competitions/pub-2025",
    get: PUBLIC,
  },
  "routes/competitions.$slug.how-we-judged": {
    url: "/competitions/pub-2025/how-we-judged",
    get: PUBLIC,
  },
  "routes/competitions.$slug.ceremony": {
    url: "/competitions/pub-2025/ceremony",
    get: PUBLIC,
  },
  "routes/competitions.$slug.certificates": {
    url: "/competitions/pub-2025/certificates",
    get: PUBLIC,
  },
  // nothing announced for the demo competition: not found, for everybody (as an unpublished one)
  "routes/competitions.$slug.finalists": {
    url: "/competitions/kutim-2024/finalists",
    get: 404,
  },
  "routes/libraries.$code": { url: "/libraries/SEPASO", get: PUBLIC },
  "routes/login": {
    url: "/login",
    // someone already logged in is sent on to the dashboard
    get: {
      anonymous: 200,
      judge: 302,
      otherJudge: 302,
      chair: 302,
      admin: 302,
      library: 302,
      otherLibrary: 302,
    },
    post: {
      anonymous: 400,
      judge: 302,
      otherJudge: 302,
      chair: 302,
      admin: 302,
      library: 302,
      otherLibrary: 302,
    },
  },
  "routes/language": { url: "/language", get: 302, post: 302 },
  "routes/$": { url: "/no-such-page", get: 404 },
  // a library's manager starts at /library instead
  "routes/dashboard": {
    url: "/dashboard",
    get: { ...STAFF, library: 302, otherLibrary: 302 },
  },
  "routes/account.password": {
    url: "/account/password",
    get: STAFF,
    post: STAFF_POST_EMPTY,
  },
  "routes/judges._index": {
    url: "/judges",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/audit": { url: "/audit", get: CHAIR_ONLY },
  "routes/admin.users": {
    url: "/admin/users",
    get: ADMIN_ONLY,
    post: ADMIN_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.new": {
    url: "/chair/competitions/new",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  // the layout of the chair's competition pages; a POST to the bare address reaches it (docs/http.md)
  "routes/chair.competitions.$slug": {
    url: "/chair/competitions/kutim-2024",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug._index": {
    url: "/chair/competitions/kutim-2024?index",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug.settings": {
    url: "/chair/competitions/kutim-2024/settings",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  // kutim-2024 is in scoring: its criteria are frozen, so any change is a conflict with its state
  "routes/chair.competitions.$slug.criteria": {
    url: "/chair/competitions/kutim-2024/criteria",
    get: CHAIR_ONLY,
    post: {
      anonymous: 302,
      judge: 403,
      otherJudge: 403,
      chair: 409,
      admin: 409,
      library: 403,
      otherLibrary: 403,
    },
  },
  "routes/chair.competitions.$slug.entries": {
    url: "/chair/competitions/kutim-2024/entries",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug.judges": {
    url: "/chair/competitions/kutim-2024/judges",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug.export": {
    url: "/chair/competitions/kutim-2024/export",
    get: CHAIR_ONLY,
  },
  "routes/chair.libraries": {
    url: "/chair/libraries",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.import": {
    url: "/chair/import",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug.sheets": {
    url: "/chair/competitions/kutim-2024/sheets",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug.results": {
    url: "/chair/competitions/kutim-2024/results",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug.stages": {
    url: "/chair/competitions/kutim-2024/stages",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  // the scores import: an empty form (no file) is refused as a form to correct
  "routes/chair.competitions.$slug.scores-import": {
    url: "/chair/competitions/kutim-2024/scores-import",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug.results[.]csv": {
    url: "/chair/competitions/kutim-2024/results.csv",
    get: CHAIR_ONLY,
  },
  "routes/chair.competitions.$slug.scores[.]csv": {
    url: "/chair/competitions/kutim-2024/scores.csv",
    get: CHAIR_ONLY,
  },
  "routes/chair.competitions.$slug.berita-acara": {
    url: "/chair/competitions/kutim-2024/berita-acara",
    get: CHAIR_ONLY,
  },
  "routes/chair.competitions.$slug.entries_.$code.self-assessment": {
    url: "/chair/competitions/kutim-2024/entries/SEPASO/self-assessment",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/chair.competitions.$slug.entries_.$code.feedback": {
    url: "/chair/competitions/kutim-2024/entries/SEPASO/feedback",
    get: CHAIR_ONLY,
    post: CHAIR_ONLY_POST_EMPTY,
  },
  "routes/api.competitions.$slug.results": {
    url: "/api/competitions/pub-2025/results",
    get: PUBLIC,
  },
  // a judge reaches only their own assigned entries; anybody else's are "not found"
  "routes/judge.$slug._index": { url: "/judge/kutim-2024", get: JUDGE_OWN },
  "routes/judge.$slug.$code": {
    url: "/judge/kutim-2024/SEPASO",
    get: JUDGE_OWN,
    post: JUDGE_OWN_POST_EMPTY,
  },
  "routes/api.sheets.$slug.$code": {
    url: "/api/sheets/kutim-2024/SEPASO",
    get: {
      anonymous: 302,
      judge: 405,
      otherJudge: 405,
      chair: 403,
      admin: 403,
      library: 403,
      otherLibrary: 403,
    },
    post: JUDGE_OWN_POST_EMPTY,
  },
  // the visit checks' endpoint: the same roles as the autosave's
  "routes/api.claims.$slug.$code": {
    url: "/api/claims/kutim-2024/SEPASO",
    get: {
      anonymous: 302,
      judge: 405,
      otherJudge: 405,
      chair: 403,
      admin: 403,
      library: 403,
      otherLibrary: 403,
    },
    post: JUDGE_OWN_POST_EMPTY,
  },
  // a visit judge's photos: the role, then the judge's own entry, then the stage (kutim-2024's
  // one stage is no visit: the entry's judge is refused, 403, before the body is read)
  "routes/judge.$slug.$code_.photos": {
    url: "/judge/kutim-2024/SEPASO/photos",
    get: {
      anonymous: 302,
      judge: 405,
      otherJudge: 405,
      chair: 403,
      admin: 403,
      library: 403,
      otherLibrary: 403,
    },
    post: { ...JUDGE_OWN_POST_EMPTY, judge: 403 },
  },
  "routes/library._index": { url: "/library", get: LIBRARY_ONLY },
  // the self-assessment form: an empty form is refused (no intent); another library's: not found
  "routes/library.$slug": {
    url: "/library/kutim-2024",
    get: LIBRARY_OWN,
    post: { ...LIBRARY_OWN, library: 400 },
  },
  // its feedback once published (kutim-2023; SEPASO is entered there, LAIN is not)
  "routes/library.$slug_.feedback": { url: "/library/kutim-2023/feedback", get: LIBRARY_OWN },
  "routes/library.$slug_.evidence": {
    url: "/library/kutim-2024/evidence",
    get: LIBRARY_OWN,
    post: { ...LIBRARY_OWN, library: 400 },
  },
  // the evidence row the fixture adds to SEPASO's entry (the first, so id 1)
  "routes/files.$id": { url: "/files/1", get: EVIDENCE_FILE },
  "routes/files.$id_.thumb": { url: "/files/1/thumb", get: EVIDENCE_FILE },
  // last: it ends the session it is tried with
  "routes/logout": { url: "/logout", get: 302, post: 302 },
};

const expected = (e: Expect, role: Role) => (typeof e === "number" ? e : e[role]);

interface BuiltRoute {
  id: string;
  module: { loader?: unknown; action?: unknown };
}

describe("authorization matrix over every route of the build", () => {
  let server: RunningServer;
  let data: { dir: string; remove: () => void };
  let routes: BuiltRoute[];
  const clients = {} as Record<Role, HttpClient>;

  beforeAll(async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as {
      routes: Record<string, BuiltRoute>;
    };
    routes = Object.values(build.routes).filter((r) => r.id !== "root");

    data = tempDir();
    const { db } = createDb(await serverDatabaseUrl(data.dir));
    await migrateToLatest(db);
    await seedDemo(db);
    await insertPublishedCompetition(db, {
      slug: "pub-2025",
      results: [
        {
          code: "SEPASO",
          name: "Pustaka Ilmu Desa Sepaso",
          rank: 1,
          prize: "Juara I",
          scoreX100: 9000,
        },
      ],
    });
    // a judge of another competition only
    const now = new Date().toISOString();
    await db
      .insertInto("users")
      .values({
        email: "other@juara.test",
        name: "Juri Lain",
        role: "judge",
        password_hash: await hashPassword(DEMO_PASSWORD),
        created_at: now,
        updated_at: now,
      })
      .execute();
    // library accounts: SEPASO's manager, and the manager of a library entered nowhere
    const sepaso = await db
      .selectFrom("libraries")
      .select("id")
      .where("code", "=", "SEPASO")
      .executeTakeFirstOrThrow();
    const { id: elsewhere } = await db
      .insertInto("libraries")
      .values({
        code: "LAIN",
        name: "Perpustakaan Lain",
        type: "desa",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [email, libraryId] of [
      ["pengelola@juara.test", sepaso.id],
      ["pengelola-lain@juara.test", elsewhere],
    ] as const)
      await db
        .insertInto("users")
        .values({
          email,
          name: "Pengelola",
          role: "library",
          library_id: libraryId,
          password_hash: await hashPassword(DEMO_PASSWORD),
          created_at: now,
          updated_at: now,
        })
        .execute();
    // one evidence photo of SEPASO's entry in kutim-2024, its file and thumbnail on disk
    const photo = Buffer.from("a stored photo");
    const hash = crypto.createHash("sha256").update(photo).digest("hex");
    fs.mkdirSync(path.join(data.dir, "files", hash.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(data.dir, "files", hash.slice(0, 2), hash), photo);
    const entry = await db
      .selectFrom("entries as e")
      .innerJoin("competitions as c", "c.id", "e.competition_id")
      .select("e.id")
      .where("c.slug", "=", "kutim-2024")
      .where("e.library_id", "=", sepaso.id)
      .executeTakeFirstOrThrow();
    const manager = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "pengelola@juara.test")
      .executeTakeFirstOrThrow();
    const evidence = await db
      .insertInto("evidence_files")
      .values({
        entry_id: entry.id,
        uploaded_by: manager.id,
        source: "library",
        kind: "image",
        file_hash: hash,
        thumb_hash: hash,
        mime: "image/jpeg",
        bytes: photo.byteLength,
        original_name: "ruang-baca.jpg",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(evidence.id).toBe(1);
    await db.destroy();
    server = await startServer({ dataDir: data.dir });

    const logins: Record<Exclude<Role, "anonymous">, string> = {
      judge: "juri1@juara.demo",
      otherJudge: "other@juara.test",
      chair: "ketua@juara.demo",
      admin: "admin@juara.demo",
      library: "pengelola@juara.test",
      otherLibrary: "pengelola-lain@juara.test",
    };
    clients.anonymous = new HttpClient(server.url);
    for (const [role, email] of Object.entries(logins)) {
      const client = new HttpClient(server.url);
      expect((await client.login(email, DEMO_PASSWORD)).status, role).toBe(302);
      clients[role as Role] = client;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await server?.cleanup();
    data?.remove();
  });

  it("has an entry for every route, and every entry is a route", () => {
    const ids = routes.map((r) => r.id).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(ids);
  });

  // an intent's own form, beyond the empty POST above: only an admin may change a name or role
  it("lets only an admin post the account edit (name and role)", async () => {
    const { db: reader } = createDb(server.databaseUrl, { poolSize: 1 });
    const other = await reader
      .selectFrom("users")
      .select("id")
      .where("email", "=", "other@juara.test")
      .executeTakeFirstOrThrow();
    await reader.destroy();
    const userId = String(other.id);
    const edit = { intent: "edit", userId, name: "Juri Lain", role: "judge" };
    const answers: Record<string, number> = {};
    for (const role of ROLES)
      answers[role] = (await clients[role].post("/admin/users", edit)).status;
    expect(answers).toEqual({ ...ADMIN_ONLY_POST_EMPTY, admin: 200 });
    const judgesPage = await clients.chair.post("/judges", edit);
    expect(judgesPage.status).toBe(400);
  });

  // the visit checks (the sheet page's ?claims form and its endpoint): the role, then the judge's
  // own assignment (another judge: not found), then the stage (kutim-2024's one stage is no visit:
  // the judge is refused, 403)
  it("lets only the entry's judge post visit checks, and only on a visit stage", async () => {
    const form = { intent: "claims", "check.A1": "verified" };
    for (const url of ["/judge/kutim-2024/SEPASO?claims", "/api/claims/kutim-2024/SEPASO"]) {
      const answers: Record<string, number> = {};
      for (const role of ROLES) answers[role] = (await clients[role].post(url, form)).status;
      expect(answers, url).toEqual({ ...JUDGE_OWN_POST_EMPTY, judge: 403 });
    }
  });

  // the stages page's finalists forms: the role is checked before the stage (kutim-2024's only
  // stage is open, so a chair's or an admin's announcement is refused by the model: 409)
  it("lets only a chair or an admin announce or withdraw finalists", async () => {
    const forms: Record<string, string>[] = [
      { intent: "finalists-publish", stage: "S1" },
      { intent: "finalists-withdraw", stage: "S1", reason: "Salah hitung" },
    ];
    for (const form of forms) {
      const answers: Record<string, number> = {};
      for (const role of ROLES)
        answers[role] = (
          await clients[role].post("/chair/competitions/kutim-2024/stages", form)
        ).status;
      expect(answers, form.intent).toEqual({ ...CHAIR_ONLY_POST_EMPTY, chair: 409, admin: 409 });
    }
  });

  // the judges page's stage (a query on the page, a field of its assignment forms): the role is
  // checked before the stage; a code naming no scored stage is "not found" on the page and a bad
  // form in a POST
  it("lets only a chair or an admin choose a stage on the judges page", async () => {
    const page = "/chair/competitions/kutim-2024/judges";
    const answers = async (send: (client: HttpClient) => Promise<Response>) => {
      const out: Record<string, number> = {};
      for (const role of ROLES) out[role] = (await send(clients[role])).status;
      return out;
    };
    expect(await answers((c) => c.get(`${page}?stage=S1`))).toEqual(CHAIR_ONLY);
    expect(await answers((c) => c.get(`${page}?stage=NOPE`))).toEqual({
      ...CHAIR_ONLY,
      chair: 404,
      admin: 404,
    });
    for (const intent of ["assignments", "assign-all", "teams", "balanced"])
      expect(
        await answers((c) => c.post(page, { intent, stage: "NOPE", perEntry: "1" })),
        intent,
      ).toEqual(CHAIR_ONLY_POST_EMPTY);
  });

  // the stages page's setup forms: the role is checked before the competition's state
  // (kutim-2024 is scoring, so a chair's or an admin's change is refused by the model: 409)
  it("lets only a chair or an admin set up stages", async () => {
    const stage = { code: "V", name: "Kunjungan", kind: "visit", weight: "40", advance: "" };
    const forms: Record<string, string>[] = [
      { intent: "stage-add", ...stage },
      { intent: "stage-edit", stage: "S1", ...stage, code: "S1" },
      { intent: "stage-remove", stage: "S1" },
      { intent: "stage-move", stage: "S1", direction: "down" },
      { intent: "stage-combine", combine: "last" },
    ];
    for (const form of forms) {
      const answers: Record<string, number> = {};
      for (const role of ROLES)
        answers[role] = (
          await clients[role].post("/chair/competitions/kutim-2024/stages", form)
        ).status;
      expect(answers, form.intent).toEqual({ ...CHAIR_ONLY_POST_EMPTY, chair: 409, admin: 409 });
    }
  });

  // the criteria editor of one stage (`?stage=`): the same roles as the editor itself
  it("lets only a chair or an admin open or post a stage's criteria", async () => {
    const url = "/chair/competitions/kutim-2024/criteria?stage=S1";
    const gets: Record<string, number> = {};
    const posts: Record<string, number> = {};
    for (const role of ROLES) {
      gets[role] = (await clients[role].get(url)).status;
      posts[role] = (await clients[role].post(url, { intent: "refresh" })).status;
    }
    expect(gets).toEqual(CHAIR_ONLY);
    // kutim-2024 is scoring: its criteria are frozen, a change is a conflict with its state
    expect(posts).toEqual({ ...CHAIR_ONLY_POST_EMPTY, chair: 409, admin: 409 });
  });

  // the library's feedback exists only once the competition is published: before, "not found"
  // for its own library too; the chair's switch that names the judges there is the chair's alone
  it("answers the library's feedback of an unpublished competition with 404, and lets only a chair or an admin name the judges there", async () => {
    const gets: Record<string, number> = {};
    const posts: Record<string, number> = {};
    for (const role of ROLES) {
      gets[role] = (await clients[role].get("/library/kutim-2024/feedback")).status;
      posts[role] = (
        await clients[role].post("/chair/competitions/kutim-2024/settings", { intent: "feedback" })
      ).status;
    }
    expect(gets).toEqual({ ...LIBRARY_OWN, library: 404 });
    expect(posts).toEqual({ ...CHAIR_ONLY_POST_EMPTY, chair: 200, admin: 200 });
  });

  it("answers every route's loader and action as the table says, for every role", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    const ordered = [...routes].sort(
      (a, b) => Object.keys(MATRIX).indexOf(a.id) - Object.keys(MATRIX).indexOf(b.id),
    );
    for (const route of ordered) {
      const entry = MATRIX[route.id];
      if (!entry) continue;
      for (const role of ROLES) {
        if (route.module.loader) {
          const res = await clients[role].get(entry.url);
          checked++;
          if (res.status !== expected(entry.get, role))
            mismatches.push(
              `GET ${entry.url} as ${role}: ${res.status}, expected ${expected(entry.get, role)}`,
            );
        }
        if (route.module.action) {
          if (!entry.post) {
            mismatches.push(`${route.id} has an action but no expected POST statuses`);
            continue;
          }
          const res = await clients[role].post(entry.url, {});
          checked++;
          if (res.status !== expected(entry.post, role))
            mismatches.push(
              `POST ${entry.url} as ${role}: ${res.status}, expected ${expected(entry.post, role)}`,
            );
        } else if (entry.post) {
          mismatches.push(`${route.id} has no action but the table expects POST statuses`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(routes.length * ROLES.length);
    console.log(
      `authorization matrix: ${routes.length} routes × ${ROLES.length} roles, ${checked} requests checked`,
    );
  });
});
