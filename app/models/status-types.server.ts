import type { Competition, CompetitionStatus, Executor } from "../../db/schema";
import type { Actor } from "~/lib/audit.server";

/**
 * The shapes of the status machine, shared by the machine (status.server.ts) and the modules that
 * supply its guards and effects (publishing.server.ts), so neither needs the other's code.
 */

/** Why a move is refused: a catalog key with its placeholders. */
export interface StatusReason {
  message: string;
  params?: Record<string, string | number>;
  /** the chair may go ahead anyway, stating why (e.g. publishing with a sheet missing) */
  overridable?: boolean;
  /** the details listed beneath it (e.g. each missing sheet: judge and library) */
  items?: StatusReason[];
}

export interface StatusOptions {
  reason?: string;
  /** publish despite a missing sheet or an undecided prize tie (a reason is then required) */
  override?: boolean;
}

export type StatusChangeResult =
  | { ok: true; from: CompetitionStatus; to: CompetitionStatus }
  | { ok: false; reasons: StatusReason[] };

/** The reasons a move is refused (empty = allowed), read in the move's transaction. */
export type Guard = (
  competition: Competition,
  options: StatusOptions,
  db: Executor,
) => Promise<StatusReason[]>;

/** Work a move does in the same transaction, after the status changed (e.g. writing results). */
export type Effect = (
  competition: Competition,
  options: StatusOptions,
  actor: Actor,
  db: Executor,
) => Promise<void>;
