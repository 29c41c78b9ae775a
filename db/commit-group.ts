import { sql, type Kysely, type Transaction } from "kysely";

/**
 * Group commit for SQLite's single connection: transactions that queue up while one is running
 * share the next COMMIT, each inside a savepoint of its own. With synchronous=FULL every COMMIT
 * waits for the disk (fsync), and better-sqlite3 waits synchronously, so the whole process stands
 * still for it; one fsync for every save that arrived meanwhile, rather than one each, is what
 * lets judges' saves keep up on a busy morning (docs/performance.md).
 *
 * What each piece of work keeps, as if it ran in a transaction of its own:
 * - atomic: its savepoint is rolled back when it throws (it gets its own error), released when
 *   it returns; the others in the group go on;
 * - isolated: the group runs its pieces one after the other on the one connection, each seeing
 *   what those before it wrote (an audit entry chains to the one before, a save key sent twice
 *   finds its first answer);
 * - durable before it is answered: every promise settles only after the group's COMMIT returned;
 *   a COMMIT that fails (a full disk) fails every piece of the group with that error.
 * PostgreSQL needs none of this (its connections commit concurrently and its WAL writer already
 * flushes concurrent commits together): use a transaction of its own there.
 */

interface Piece<DB> {
  work: (trx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many pieces share a COMMIT, so the connection is never held for long. */
const GROUP_LIMIT = 32;

export interface CommitGroup<DB> {
  /** Runs `work` in the next group's transaction; resolves once that transaction committed. */
  run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
}

export function commitGroup<DB>(db: Kysely<DB>): CommitGroup<DB> {
  const waiting: Piece<DB>[] = [];
  let running = false;

  async function runGroup(): Promise<void> {
    const group: Piece<DB>[] = [];
    const answers: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    // the error that broke the transaction itself (not one piece), kept so that a failing
    // ROLLBACK afterwards does not hide it
    let broken: { error: unknown } | null = null;
    try {
      await db.transaction().execute(async (trx) => {
        // taken once BEGIN has the connection: whatever queued while it waited joins in
        while (waiting.length > 0 && group.length < GROUP_LIMIT) {
          const piece = waiting.shift()!;
          group.push(piece);
          await sql`savepoint piece`.execute(trx);
          try {
            answers.push({ ok: true, value: await piece.work(trx) });
          } catch (error) {
            try {
              await sql`rollback to piece`.execute(trx);
            } catch {
              // SQLite rolled the whole transaction back by itself (a full disk, an I/O error):
              // every piece so far is gone, so the group fails
              broken = { error };
              throw error;
            }
            answers.push({ ok: false, error });
          }
          await sql`release piece`.execute(trx);
        }
      });
    } catch (error) {
      const cause = (broken as { error: unknown } | null)?.error ?? error;
      group.forEach((piece) => piece.reject(cause));
      return;
    }
    group.forEach((piece, i) => {
      const answer = answers[i]!;
      if (answer.ok) piece.resolve(answer.value);
      else piece.reject(answer.error);
    });
  }

  async function drain(): Promise<void> {
    try {
      while (waiting.length > 0) await runGroup();
    } finally {
      running = false;
    }
  }

  return {
    run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (running) return;
        running = true;
        // A group starts on the event loop's next turn, not now: a group never waits for the
        // network, so only what is already queued can join it, and the saves whose requests
        // arrived in the same turn would otherwise each commit alone.
        setImmediate(() => void drain());
      });
    },
  };
}
