import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitGroup } from "../../db/commit-group";
import { createTestDb, type TestDb } from "../support/db";

/**
 * db/commit-group.ts: pieces of work queued together share one transaction and one COMMIT, each
 * in a savepoint, and each settles only once that COMMIT returned. What every piece must keep is
 * what a transaction of its own would give it: a piece that throws leaves nothing and gets its own
 * error, the others are kept; a COMMIT that fails fails every piece and keeps nothing.
 */
let t: TestDb;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scratch tables of this test only
let db: Kysely<any>;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await sql`create table cg_parent (id integer primary key)`.execute(db);
  // checked at COMMIT, not at the insert: the way to make a COMMIT fail on both databases
  await sql`create table cg_row (
    id integer primary key,
    parent integer references cg_parent (id) deferrable initially deferred
  )`.execute(db);
  await sql`insert into cg_parent (id) values (1)`.execute(db);
});

afterAll(async () => {
  await t.cleanup();
});

async function rows(): Promise<number[]> {
  const found = await sql<{ id: number }>`select id from cg_row order by id`.execute(db);
  return found.rows.map((r) => Number(r.id));
}

describe("commit group", () => {
  it("runs the pieces queued together in order, each seeing the ones before it, and keeps all", async () => {
    const group = commitGroup(db);
    const seen: number[][] = [];
    const answers = await Promise.all(
      [10, 11, 12].map((id) =>
        group.run(async (trx) => {
          const before = await sql<{ id: number }>`select id from cg_row`.execute(trx);
          seen.push(before.rows.map((r) => Number(r.id)));
          await sql`insert into cg_row (id, parent) values (${id}, 1)`.execute(trx);
          return id * 2;
        }),
      ),
    );
    expect(answers).toEqual([20, 22, 24]);
    expect(seen).toEqual([[], [10], [10, 11]]);
    expect(await rows()).toEqual([10, 11, 12]);
  });

  it("a piece that throws gets its own error and leaves nothing; the others are kept", async () => {
    const group = commitGroup(db);
    const results = await Promise.allSettled(
      [20, 21, 22].map((id) =>
        group.run(async (trx) => {
          await sql`insert into cg_row (id, parent) values (${id}, 1)`.execute(trx);
          if (id === 21) throw new Error("piece 21 refused");
          return id;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error("piece 21 refused"));
    expect(await rows()).toEqual([10, 11, 12, 20, 22]);
  });

  it("a piece whose statement fails (a duplicate key) is rolled back alone", async () => {
    const group = commitGroup(db);
    const results = await Promise.allSettled(
      [30, 10, 31].map((id) =>
        group.run((trx) => sql`insert into cg_row (id, parent) values (${id}, 1)`.execute(trx)),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await rows()).toEqual([10, 11, 12, 20, 22, 30, 31]);
  });

  it("a COMMIT that fails fails every piece of the group and keeps none of them", async () => {
    const group = commitGroup(db);
    const results = await Promise.allSettled(
      [40, 41].map((id) =>
        // 41 names a parent that does not exist: refused only at COMMIT
        group.run((trx) =>
          sql`insert into cg_row (id, parent) values (${id}, ${id === 41 ? 99 : 1})`.execute(trx),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await rows()).toEqual([10, 11, 12, 20, 22, 30, 31]);
    // and the group goes on working afterwards
    await group.run((trx) => sql`insert into cg_row (id, parent) values (42, 1)`.execute(trx));
    expect(await rows()).toContain(42);
  });

  it("answers nothing before the COMMIT: a piece's promise settles after the group's last piece ran", async () => {
    const group = commitGroup(db);
    const events: string[] = [];
    await Promise.all([
      group.run(async () => events.push("a ran")).then(() => events.push("a answered")),
      group.run(async () => events.push("b ran")).then(() => events.push("b answered")),
    ]);
    expect(events).toEqual(["a ran", "b ran", "a answered", "b answered"]);
  });
});
