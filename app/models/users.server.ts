import { type Executor, type Role } from "../../db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { getDb } from "~/lib/db.server";
import { generatePassword, hashPassword, verifyPassword } from "~/lib/password.server";
import { destroyOtherSessions } from "~/lib/session.server";
import { nowIso } from "~/lib/time";
import { refuse, type Refusal, type Result } from "~/lib/forms";

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  /** when absent a temporary password is generated and must be changed at first login */
  password?: string;
  district?: string;
  village?: string;
  institution?: string;
  /** the library a `library` account manages; required for that role, refused for the others */
  libraryId?: number;
}

export type CreateUserResult =
  { ok: true; userId: number; password: string; generated: boolean } | Refusal;

/** The audit record of a user never includes the password hash. */
function publicFields(u: {
  email: string;
  name: string;
  role: Role;
  district?: string;
  village?: string;
  institution?: string;
  library?: { id: number; code: string };
}) {
  return {
    email: u.email,
    name: u.name,
    role: u.role,
    district: u.district ?? "",
    village: u.village ?? "",
    institution: u.institution ?? "",
    ...(u.library ? { libraryId: u.library.id, library: u.library.code } : {}),
  };
}

export async function createUser(actor: Actor, input: NewUserInput): Promise<CreateUserResult> {
  // a library account belongs to exactly one library, every other account to none (0013)
  if ((input.role === "library") !== (input.libraryId !== undefined))
    return refuse(
      input.role === "library" ? "libraryInvite.error.noLibrary" : "error.invalid",
      "library",
    );
  const email = input.email.trim().toLowerCase();
  const generated = !input.password;
  const password = input.password ?? generatePassword();
  // hash before the transaction: the one SQLite connection must not wait on argon2
  const passwordHash = await hashPassword(password);
  const now = nowIso();
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const existing = await trx
        .selectFrom("users")
        .select("id")
        .where("email", "=", email)
        .executeTakeFirst();
      if (existing) return refuse("error.emailTaken", "email");
      const library =
        input.libraryId === undefined
          ? undefined
          : await trx
              .selectFrom("libraries")
              .select(["id", "code"])
              .where("id", "=", input.libraryId)
              .executeTakeFirst();
      if (input.libraryId !== undefined && !library)
        return refuse("libraryInvite.error.unknownLibrary", "library");
      const { id } = await trx
        .insertInto("users")
        .values({
          email,
          name: input.name.trim(),
          role: input.role,
          password_hash: passwordHash,
          must_change_password: generated ? 1 : 0,
          // generated or typed by whoever creates the account: they know it too
          password_issued: 1,
          district: input.district ?? "",
          village: input.village ?? "",
          institution: input.institution ?? "",
          library_id: library?.id ?? null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(
        {
          actor,
          entityType: "user",
          entityId: id,
          action: "create",
          after: publicFields({ ...input, email, library }),
        },
        trx,
      );
      return { ok: true, userId: id, password, generated } as const;
    });
}

export interface UserListItem {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  district: string;
  village: string;
  institution: string;
}

export async function listUsers(filter: { role?: Role } = {}): Promise<UserListItem[]> {
  let query = getDb()
    .selectFrom("users")
    .select(["id", "email", "name", "role", "active", "district", "village", "institution"])
    .orderBy("role")
    .orderBy("name");
  if (filter.role) query = query.where("role", "=", filter.role);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

export async function getUser(id: number) {
  const row = await getDb()
    .selectFrom("users")
    .select(["id", "email", "name", "role", "active"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ...row, active: row.active === 1 } : undefined;
}

export async function setUserActive(actor: Actor, userId: number, active: boolean): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable("users")
        .set({ active: active ? 1 : 0, updated_at: nowIso() })
        .where("id", "=", userId)
        .execute();
      if (!active) await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
      await recordAudit(
        {
          actor,
          entityType: "user",
          entityId: userId,
          action: active ? "activate" : "deactivate",
        },
        trx,
      );
    });
}

/**
 * Changes an account's name and role. An admin keeps their own admin role (so the app never
 * loses its last way in by accident), and a judge still on a competition's panel keeps the judge
 * role: their assignments and sheets must be settled on the judges page first.
 */
export async function updateUserDetails(
  actor: Actor & { id: number },
  userId: number,
  input: { name: string; role: Role },
): Promise<Result<{ changed: boolean }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx
        .selectFrom("users")
        .select(["id", "name", "role"])
        .where("id", "=", userId)
        .executeTakeFirst();
      if (!user) return refuse("error.404");
      if (user.id === actor.id && user.role === "admin" && input.role !== "admin")
        return refuse("users.cannotDemoteSelf", "role");
      // a library account is tied to its library (0013): it neither becomes nor stops being one
      if ((user.role === "library") !== (input.role === "library"))
        return refuse("users.libraryRoleFixed", "role");
      if (user.role === "judge" && input.role !== "judge") {
        const panel = await trx
          .selectFrom("competition_judges")
          .select("judge_id")
          .where("judge_id", "=", userId)
          .union(
            trx.selectFrom("judge_assignments").select("judge_id").where("judge_id", "=", userId),
          )
          .executeTakeFirst();
        if (panel) return refuse("users.roleHasAssignments", "role");
      }
      const before = { name: user.name, role: user.role };
      const after = { name: input.name.trim(), role: input.role };
      if (before.name === after.name && before.role === after.role)
        return { ok: true, changed: false } as const;
      await trx
        .updateTable("users")
        .set({ ...after, updated_at: nowIso() })
        .where("id", "=", userId)
        .execute();
      await recordAudit(
        { actor, entityType: "user", entityId: userId, action: "update", before, after },
        trx,
      );
      return { ok: true, changed: true } as const;
    });
}

/** Sets a temporary password (shown once to whoever reset it) and ends the user's sessions. */
export async function resetPassword(actor: Actor, userId: number): Promise<string> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable("users")
        .set({
          password_hash: passwordHash,
          must_change_password: 1,
          password_issued: 1,
          updated_at: nowIso(),
        })
        .where("id", "=", userId)
        .execute();
      await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
      await recordAudit(
        {
          actor,
          entityType: "user",
          entityId: userId,
          action: "reset-password",
        },
        trx,
      );
    });
  return password;
}

export type ChangePasswordResult = Result;

/** Changes one's own password and ends every other session of that user. */
export async function changePassword(
  actor: Actor & { id: number },
  currentSessionId: string,
  current: string,
  next: string,
): Promise<ChangePasswordResult> {
  const db = getDb();
  const row = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", actor.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current)))
    return refuse("password.wrongCurrent", "current");
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        must_change_password: 0,
        password_issued: 0,
        updated_at: nowIso(),
      })
      .where("id", "=", actor.id)
      .execute();
    await recordAudit(
      {
        actor,
        entityType: "user",
        entityId: actor.id,
        action: "change-password",
      },
      trx,
    );
  });
  await destroyOtherSessions(actor.id, currentSessionId);
  return { ok: true };
}

/**
 * The account a command-line move is made as: the active chair or admin with this email, or
 * without one the oldest active admin.
 */
export async function findOperator(
  email?: string,
  db: Executor = getDb(),
): Promise<{ id: number; email: string } | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "email"])
    .where("active", "=", 1)
    .where("role", "in", ["admin", "chair"])
    .$if(email !== undefined, (q) => q.where("email", "=", (email ?? "").trim().toLowerCase()))
    .$if(email === undefined, (q) => q.where("role", "=", "admin"))
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export function actorOf(user: { id: number; name: string; email: string }): Actor & { id: number } {
  return { id: user.id, label: `${user.name} <${user.email}>` };
}
