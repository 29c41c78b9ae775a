import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare } from "../../db/prepared";
import type { Role } from "../../db/schema";
import { createTestDb, type TestDb } from "../support/db";
import { createScoringFixture, type ScoringFixture } from "../support/scoring";

/**
 * db/prepared.ts: a query built and compiled once, then run with each call's values. Every call
 * must see its own values (never the first call's), on SQLite and PostgreSQL alike; a builder
 * that looks at a value, or keeps one from outside its parameters, must fail loudly rather than
 * answer for the wrong judge. The save path's own prepared queries are checked the same way on
 * every call of every other test (outside production each call is compared with a fresh build).
 */
let t: TestDb;
let fx: ScoringFixture;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createScoringFixture(t.db, { slug: "siap-2026", judges: 3 });
});

afterAll(async () => {
  await t.cleanup();
});

const userByEmail = prepare((db, p: { email: string }) =>
  db.selectFrom("users").select(["id", "email", "role"]).where("email", "=", p.email),
);

describe("prepared queries", () => {
  it("answers each call with its own values, from one compiled statement", async () => {
    for (const judge of [...fx.judges, ...fx.judges.slice().reverse()]) {
      const row = await userByEmail.first(t.db, { email: judge.email });
      expect(row).toEqual({ id: judge.id, email: judge.email, role: "judge" });
    }
    expect(await userByEmail.first(t.db, { email: "nobody@juara.test" })).toBeUndefined();
  });

  it("binds the same value wherever the builder uses it, also inside raw SQL", async () => {
    const judgeOf = prepare((db, p: { id: number }) =>
      db
        .selectFrom("users")
        .select("email")
        .where("id", "=", p.id)
        .where(sql<boolean>`${p.id} > 0`)
        .where("role", "=", "judge"),
    );
    for (const judge of fx.judges)
      expect(await judgeOf.rows(t.db, { id: judge.id })).toEqual([{ email: judge.email }]);
  });

  it("counts the rows a write changed, and writes each call's values", async () => {
    const rename = prepare((db, p: { id: number; name: string }) =>
      db.updateTable("users").set({ name: p.name }).where("id", "=", p.id),
    );
    const [a, b] = fx.judges;
    expect(await rename.changed(t.db, { id: a!.id, name: "Juri Satu" })).toBe(1);
    expect(await rename.changed(t.db, { id: b!.id, name: "Juri Dua" })).toBe(1);
    expect(await rename.changed(t.db, { id: -1, name: "Tak Ada" })).toBe(0);
    const names = await t.db
      .selectFrom("users")
      .select(["id", "name"])
      .where("id", "in", [a!.id, b!.id])
      .orderBy("id")
      .execute();
    expect(names.map((n) => n.name)).toEqual(["Juri Satu", "Juri Dua"]);
  });

  it("refuses a builder that looks at a value while building", async () => {
    const lowered = prepare((db, p: { email: string }) =>
      db.selectFrom("users").select("id").where("email", "=", `${p.email}`.toLowerCase()),
    );
    await expect(lowered.first(t.db, { email: fx.judges[0]!.email })).rejects.toThrow(
      /the value "email" was read while the query was built/,
    );
  });

  it("refuses a builder that keeps a value from outside its parameters", async () => {
    let role: Role = "judge";
    const byRole = prepare((db, p: { active: 0 | 1 }) =>
      db.selectFrom("users").select("id").where("role", "=", role).where("active", "=", p.active),
    );
    expect(await byRole.rows(t.db, { active: 1 })).toHaveLength(fx.judges.length);
    role = "chair";
    // the prepared statement still holds "judge": outside production the call is compared with
    // a fresh build, and refused
    await expect(byRole.rows(t.db, { active: 1 })).rejects.toThrow(/differs from the prepared one/);
  });
});
