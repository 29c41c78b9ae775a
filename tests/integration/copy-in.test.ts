import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COPY_NULL, copyText, onOneConnection } from "../../db/connection";
import { isPostgres } from "../../db/dialect";
import { createTestDb, type TestDb } from "../support/db";

/**
 * db/connection.ts onOneConnection: the large scores import writes its rows with PostgreSQL's
 * COPY through its own transaction's connection. What it writes must arrive exactly as given,
 * whatever a judge's note holds, and belong to that transaction: gone with it when it fails.
 */
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await sql`create table copy_probe (id integer primary key, note text)`.execute(t.db);
});

afterAll(async () => {
  await t.cleanup();
});

/** a note with everything COPY's text format gives a meaning to */
const NASTY = "kolom\tdua\r\nbaris dua\nbaris \\N tiga\rC:\\data\\t.csv \\\\ \\";

const probe = (db = t.db) =>
  sql<{ id: number; note: string | null }>`select id, note from copy_probe order by id`
    .execute(db)
    .then((r) => r.rows);

describe("rows written with COPY (PostgreSQL)", () => {
  it("arrive exactly as given, null as null, inside the work's own transaction", async () => {
    await onOneConnection(t.db, async (db, copyIn) => {
      if (!isPostgres(t.db)) {
        // SQLite has one connection already, and no COPY: the import inserts rows instead
        expect(copyIn).toBeNull();
        expect(db).toBe(t.db);
        return;
      }
      await db.transaction().execute(async (trx) => {
        await copyIn!(
          "copy_probe",
          ["id", "note"],
          [`1\t${copyText(NASTY)}\n`, `2\t${COPY_NULL}\n3\t${copyText(COPY_NULL)}\n`],
        );
        // the same session: the transaction sees its rows before it commits
        expect(await probe(trx)).toHaveLength(3);
      });
    });
    if (!isPostgres(t.db)) return;
    expect(await probe()).toEqual([
      { id: 1, note: NASTY },
      { id: 2, note: null },
      { id: 3, note: "\\N" },
    ]);
  });

  it("are gone when the transaction fails after them, and a refused row fails the work", async () => {
    if (!isPostgres(t.db)) return;
    const before = await probe();
    await expect(
      onOneConnection(t.db, (db, copyIn) =>
        db.transaction().execute(async () => {
          await copyIn!("copy_probe", ["id", "note"], ["10\tbaru\n"]);
          throw new Error("kandas");
        }),
      ),
    ).rejects.toThrow("kandas");
    await expect(
      onOneConnection(t.db, (db, copyIn) =>
        db
          .transaction()
          .execute(() =>
            copyIn!("copy_probe", ["id", "note"], ["11\tbaru\n", "sebelas\tbukan angka\n"]),
          ),
      ),
    ).rejects.toThrow(/integer/);
    // nothing of either, and the pool (one connection in tests) still answers
    expect(await probe()).toEqual(before);
  });
});
