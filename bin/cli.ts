/**
 * `npm run juara -- <command>`: the operator's tool. Every command calls the same model
 * functions as the web app; every write is one transaction, so a failure leaves nothing half-done.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { z } from "zod";
import {
  createDb,
  createSqliteDb,
  databaseKind,
  databasePath,
  filesPath,
  migrateToLatest,
} from "../db/connection";
import { isDatabaseEmpty } from "../db/seed/demo";
import { ROLES } from "../db/schema";
import { closeDb, useDatabase, withDatabase } from "../app/lib/db.server";
import { getEnv } from "../app/lib/env.server";
import { emailField, newPasswordField, requiredText } from "../app/lib/forms";
import { SYSTEM_ACTOR } from "../app/lib/audit.server";
import { createUser, findOperator } from "../app/models/users.server";
import { findLibraryIdByCode } from "../app/models/library-accounts.server";
import { verifyAuditChain } from "../app/models/audit.server";
import { formatDemoLogins } from "./startup";
import { copyDatabase, displayUrl } from "./db-copy";
import {
  backupKind,
  compareFolder,
  formatBytes,
  placeFiles,
  stageArchive,
  writeBackup,
  type StagedBackup,
} from "./backup";
import { COMPETITION_STATUSES } from "../db/schema";
import { describe } from "../app/lib/messages";
import { toCsv } from "../app/lib/csv";
import {
  exportCompetitionFile,
  formatProblem,
  importCompetitionFile,
} from "../app/models/competition-file.server";
import { advanceStage } from "../app/models/stages.server";
import { changeStatus } from "../app/models/status.server";
import { seedDemo } from "../app/models/demo.server";
import { formatImportProblem, importScores } from "../app/models/scores-import.server";

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `Usage: npm run juara -- <command> [options]

Commands:
  migrate                         bring the database schema up to date
  seed --demo [--force]           add the demo competition (only into an empty database unless --force)
  user:create --email E --name N --role admin|chair|judge|library [--library CODE] [--password P]
                                  create an account; without --password one is generated and
                                  printed (to be changed at first login). A library's manager
                                  (--role library) needs --library, the code of its library in
                                  the registry; the other roles take none
  backup <file>                   write one archive (tar) to <file>: a consistent snapshot of the
                                  live database and every evidence file it refers to, each checked
                                  against its hash (the app may keep running)
  import <file.json> [--replace]  import a competition file (docs/competition-file.md); an invalid
                                  file writes nothing; --replace replaces the same slug if unscored
  export <slug> [--format json|csv] [--out file]
                                  write a competition file (json) or its entries (csv) to stdout
  stage <slug> next [--reason R] [--override] [--as email]
                                  close the stage open for scoring, write its shortlist and open
                                  the next stage (refused while sheets are unsubmitted unless
                                  --override with --reason)
  status <slug> <status> [--reason R] [--override] [--as email]
                                  change a competition's status (draft, scoring, closed,
                                  published) after its checks; prints why a move is refused.
                                  --override (with --reason) publishes despite missing sheets
                                  or undecided prize ties; --as names the publishing account
                                  (default: the oldest active admin)
  restore <file>                  put a backup's database and evidence files back (stop the app
                                  first); the whole archive is checked before anything changes,
                                  the current database is kept beside it as
                                  *.before-restore-<time>, files not in the backup are left in
                                  place. A database-only backup (*.db, from before backups held
                                  the files) still restores, leaving the files as they are
  scores:import <slug> <file.csv> [--replace] [--as email]
                                  load score sheets from the CSV the scores export writes
                                  (docs/scores-import.md) into the stage open for scoring: every
                                  row is checked and a file with any problem writes nothing (each
                                  problem named by line and column). --replace replaces sheets
                                  that already have scores; --as names the account the audit log
                                  records (default: the command line)
  audit:verify                    check the audit log's hash chain; reports the first broken link
  db:copy --to URL [--from URL]   copy the whole database (default --from: DATABASE_URL) into an
                                  EMPTY one, SQLite (file:…) or PostgreSQL (postgres://…) on
                                  either side: migrates the target, copies every table with its
                                  ids in one transaction, checks each table's row count and
                                  content hash and the audit chain on the target. Refused when
                                  the target has any row, is the source, or the source is not
                                  fully migrated or has broken references. Stop the app first
                                  (later writes are not copied). On PostgreSQL the account must
                                  be a superuser or own the tables (it does when the copy
                                  migrated them). Evidence files are not copied: the files
                                  folder moves separately

Environment: DATABASE_URL (default file:data/juara.db), FILES_DIR (default files/ beside the database)`;

class UsageError extends Error {}

type Command = (args: string[], io: Io) => Promise<number>;

function parse<const O extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: O,
) {
  try {
    return parseArgs({
      args,
      options,
      allowPositionals: true as const,
      strict: true as const,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** backup and restore write and read a SQLite file; PostgreSQL has its own tools */
function postgresBackupNote(io: { err: (line: string) => void }): number {
  io.err(
    "backup and restore work on a SQLite database. DATABASE_URL is PostgreSQL: back it up with pg_dump -Fc and restore with pg_restore, and copy FILES_DIR beside it (docs/deploy.md).",
  );
  return 1;
}

async function openMigrated() {
  const { db } = createDb(getEnv().DATABASE_URL, { poolSize: 2 });
  useDatabase(db);
  await migrateToLatest(db);
  return { db };
}

const commands: Record<string, Command> = {
  async migrate(args, io) {
    parse(args, {});
    const { db } = createDb(getEnv().DATABASE_URL);
    useDatabase(db);
    const result = await migrateToLatest(db);
    const applied =
      result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
    io.out(applied.length ? `Applied: ${applied.join(", ")}` : "Schema is up to date.");
    return 0;
  },

  async seed(args, io) {
    const { values } = parse(args, {
      demo: { type: "boolean" },
      force: { type: "boolean" },
    });
    if (!values.demo) throw new UsageError("seed needs --demo (the only seed there is)");
    const { db } = await openMigrated();
    if (!values.force && !(await isDatabaseEmpty(db))) {
      io.err(
        "The database already has data; the demo is only added to an empty one (use --force to add it anyway).",
      );
      return 1;
    }
    io.out(formatDemoLogins(await seedDemo(db)));
    return 0;
  },

  async "user:create"(args, io) {
    const { values } = parse(args, {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      library: { type: "string" },
      password: { type: "string" },
    });
    const schema = z.object({
      email: emailField(),
      name: requiredText(120),
      role: z.enum(ROLES),
      library: z.string().trim().min(1).max(100).optional(),
      password: newPasswordField().optional(),
    });
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `--${i.path.join(".")}: ${readableIssue(i.message)}`,
      );
      throw new UsageError(problems.join("\n"));
    }
    const { library, ...account } = parsed.data;
    if (account.role === "library" && library === undefined)
      throw new UsageError(
        "--role library needs --library CODE (the library's code in the registry)",
      );
    if (account.role !== "library" && library !== undefined)
      throw new UsageError(`--library is only for --role library, not ${account.role}`);
    await openMigrated();
    const libraryId = library === undefined ? undefined : await findLibraryIdByCode(library);
    if (library !== undefined && libraryId === undefined) {
      io.err(`No library with the code ${library} in the registry.`);
      return 1;
    }
    const result = await createUser({ ...SYSTEM_ACTOR, label: "cli" }, { ...account, libraryId });
    if (!result.ok) {
      io.err(`An account with the email ${parsed.data.email} already exists.`);
      return 1;
    }
    io.out(
      `Created ${parsed.data.role} ${parsed.data.email} (id ${result.userId})${library === undefined ? "" : ` for library ${library}`}.`,
    );
    if (result.generated)
      io.out(`Temporary password (must be changed at first login): ${result.password}`);
    return 0;
  },

  async backup(args, io) {
    const { positionals } = parse(args, {});
    const target = positionals[0];
    if (!target || positionals.length > 1)
      throw new UsageError("backup needs exactly one target file");
    const env = getEnv();
    if (databaseKind(env.DATABASE_URL) === "postgres") return postgresBackupNote(io);
    const source = databasePath(env.DATABASE_URL);
    if (source === ":memory:" || !fs.existsSync(source)) {
      io.err(`No database at ${source}.`);
      return 1;
    }
    const filesDir = filesPath(env.DATABASE_URL, env.FILES_DIR);
    const { sqlite } = createSqliteDb(env.DATABASE_URL);
    let result: Awaited<ReturnType<typeof writeBackup>>;
    try {
      result = await writeBackup({ live: sqlite, filesDir, target });
    } finally {
      sqlite.close();
    }
    if (!result.ok) {
      io.err(`${result.problem} No backup was written to ${path.resolve(target)}.`);
      return 1;
    }
    io.out(
      `Backup written to ${result.archive} (${formatBytes(result.archiveBytes)}): the database ` +
        `(${formatBytes(result.databaseBytes)}, integrity check ok) and ${result.files} evidence ` +
        `files from ${filesDir} (${formatBytes(result.fileBytes)}, each checked against its hash).`,
    );
    return 0;
  },

  async restore(args, io) {
    const { positionals } = parse(args, {});
    const source = positionals[0];
    if (!source || positionals.length > 1)
      throw new UsageError("restore needs exactly one backup file");
    const from = path.resolve(source);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) {
      io.err(`No backup at ${from}.`);
      return 1;
    }
    const env = getEnv();
    if (databaseKind(env.DATABASE_URL) === "postgres") return postgresBackupNote(io);
    const filesDir = filesPath(env.DATABASE_URL, env.FILES_DIR);
    const kind = backupKind(from);
    if (kind === "unknown") {
      io.err(
        `${from} is neither a Juara backup archive nor a SQLite database; nothing was changed.`,
      );
      return 1;
    }

    // everything is checked before anything changes
    let staged: StagedBackup | undefined;
    let database = from;
    if (kind === "archive") {
      const result = await stageArchive(from, filesDir);
      if (!result.ok) {
        io.err(`${from} was refused: ${result.problem}. Nothing was changed.`);
        return 1;
      }
      staged = result.staged;
      database = staged.database;
    } else {
      let check: string;
      try {
        check = integrityOf(from);
      } catch (error) {
        io.err(
          `${from} is not a SQLite database (${(error as Error).message}); nothing was changed.`,
        );
        return 1;
      }
      if (check !== "ok") {
        io.err(`The backup failed its integrity check (${check}); nothing was changed.`);
        return 1;
      }
    }

    try {
      const target = databasePath(env.DATABASE_URL);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (fs.existsSync(target)) {
        // keep what is being replaced, consistently, before touching it
        const keep = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
        const { sqlite } = createSqliteDb(env.DATABASE_URL);
        try {
          await sqlite.backup(keep);
        } finally {
          sqlite.close();
        }
        io.out(`The current database was kept as ${keep}.`);
      }
      // the files first: until the database is swapped they are unreferenced, so a crash in
      // between leaves the old database working with a few extra files
      const placed = staged ? await placeFiles(staged, filesDir) : undefined;
      const swap = `${target}.restoring-${process.pid}`;
      fs.copyFileSync(database, swap);
      for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
      fs.renameSync(swap, target);
      const { db } = createDb(env.DATABASE_URL);
      useDatabase(db);
      await migrateToLatest(db);

      const folder = compareFolder(target, filesDir);
      if (staged && placed) {
        io.out(
          `Restored ${from} (made ${staged.created}) into ${target}: the database ` +
            `(${formatBytes(staged.databaseBytes)}) and ${staged.files.size} evidence files ` +
            `(${formatBytes(staged.fileBytes)}) into ${filesDir}, ${placed.placed} put in place ` +
            `and ${placed.alreadyPresent} already there.`,
        );
      } else {
        io.out(`Restored ${from} into ${target}.`);
        io.out(
          `Note: this is a database-only backup (from before backups held the evidence files); ` +
            `the files in ${filesDir} were left as they are.`,
        );
      }
      if (folder.unreferenced > 0)
        io.out(
          `${folder.unreferenced} files in ${filesDir} are not referred to by the restored ` +
            `database; they were left in place (harmless, and the database kept aside may need them).`,
        );
      if (folder.missing.length > 0)
        io.err(
          `Warning: ${folder.missing.length} evidence files the restored database refers to are ` +
            `not in ${filesDir}.`,
        );
      return 0;
    } finally {
      staged?.remove();
    }
  },

  async "audit:verify"(args, io) {
    parse(args, {});
    await openMigrated();
    const result = await verifyAuditChain();
    if (result.ok) {
      io.out(`Audit log intact: ${result.entries} entries, head ${result.head || "(empty)"}.`);
      return 0;
    }
    const what = {
      "content-altered": "its content no longer matches its hash (altered outside the app)",
      "chain-broken": "it does not link to the entry before it (an entry was removed or reordered)",
      unhashed: "it carries no hash (written outside the app)",
    }[result.problem];
    io.err(`Audit log broken at entry ${result.brokenAt}: ${what}.`);
    return 1;
  },

  async "db:copy"(args, io) {
    const { values, positionals } = parse(args, {
      from: { type: "string" },
      to: { type: "string" },
    });
    if (positionals.length > 0 || !values.to)
      throw new UsageError("db:copy needs --to URL (and takes --from URL, default DATABASE_URL)");
    const from = values.from ?? getEnv().DATABASE_URL;
    const result = await copyDatabase({ from, to: values.to, progress: io.out });
    if (!result.ok) {
      io.err(`${result.problem} Nothing was changed.`);
      return 1;
    }
    const { db } = createDb(values.to, { poolSize: 1 });
    try {
      const audit = await withDatabase(db, verifyAuditChain);
      if (!audit.ok) {
        io.err(
          `The copy's audit log does not verify (entry ${audit.brokenAt}: ${audit.problem}); ` +
            "the source's does not either: run audit:verify on it.",
        );
        return 1;
      }
      io.out(
        `Audit log intact on the copy: ${audit.entries} entries, head ${audit.head || "(empty)"}.`,
      );
      const evidence = await db
        .selectFrom("evidence_files")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("file_hash", "is not", null)
        .executeTakeFirstOrThrow();
      if (evidence.n > 0)
        io.out(
          `${evidence.n} evidence files are named by the copy: their folder is not part of the ` +
            "database; copy it to the new FILES_DIR as well.",
        );
    } finally {
      await db.destroy();
    }
    io.out(`${displayUrl(values.to)} is ready.`);
    return 0;
  },
};

const CLI_ACTOR = { ...SYSTEM_ACTOR, label: "cli" };

Object.assign(commands, {
  async import(args: string[], io: Io) {
    const { values, positionals } = parse(args, {
      replace: { type: "boolean" },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1)
      throw new UsageError("import needs exactly one competition file");
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(file), "utf8");
    } catch (error) {
      io.err(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    await openMigrated();
    const result = await importCompetitionFile(CLI_ACTOR, text, {
      replace: values.replace === true,
    });
    if (!result.ok) {
      io.err(`${file} was not imported; nothing was written. Problems:`);
      for (const p of result.problems) io.err(`  ${formatProblem(p)}`);
      return 1;
    }
    io.out(
      `${result.replaced ? "Replaced" : "Imported"} ${result.slug} as a draft: ${result.libraries} libraries, ` +
        `${result.judges} judges, ${result.assignments} assignments.`,
    );
    return 0;
  },

  async export(args: string[], io: Io) {
    const { values, positionals } = parse(args, {
      format: { type: "string" },
      out: { type: "string" },
    });
    const slug = positionals[0];
    if (!slug || positionals.length > 1)
      throw new UsageError("export needs exactly one competition slug");
    const format = values.format ?? "json";
    if (format !== "json" && format !== "csv") throw new UsageError("--format is json or csv");
    await openMigrated();
    const file = await exportCompetitionFile(slug);
    if (!file) {
      io.err(`No competition with the slug ${slug}.`);
      return 1;
    }
    const text =
      format === "json"
        ? JSON.stringify(file, null, 2)
        : toCsv(
            [
              "code",
              "name",
              "type",
              "village",
              "district",
              "address",
              "head",
              "phone",
              "npp",
              "category",
              "status",
              "statusReason",
            ],
            file.libraries.map((l) => [
              l.code,
              l.name,
              l.type,
              l.village,
              l.district,
              l.address,
              l.head,
              l.phone,
              l.npp,
              l.category,
              l.status ?? "active",
              l.statusReason,
            ]),
          ).trimEnd();
    if (values.out) {
      fs.writeFileSync(path.resolve(values.out), text + "\n");
      io.out(`Written to ${path.resolve(values.out)}.`);
    } else io.out(text);
    return 0;
  },

  async "scores:import"(args: string[], io: Io) {
    const { values, positionals } = parse(args, {
      replace: { type: "boolean" },
      as: { type: "string" },
    });
    const [slug, file] = positionals;
    if (!slug || !file || positionals.length > 2)
      throw new UsageError("scores:import needs a competition slug and a CSV file");
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(file), "utf8");
    } catch (error) {
      io.err(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    await openMigrated();
    const operator = values.as === undefined ? undefined : await findOperator(values.as);
    if (values.as !== undefined && !operator) {
      io.err(`No active chair or admin account ${values.as}.`);
      return 1;
    }
    const actor = operator ? { id: operator.id, label: `cli (as ${operator.email})` } : CLI_ACTOR;
    const result = await importScores(actor, slug, text, {
      replace: values.replace === true,
      source: path.basename(file),
    });
    if (!result.ok) {
      io.err(`${file} was not imported; nothing was written. Problems:`);
      for (const p of result.problems) io.err(`  ${formatImportProblem(p)}`);
      if (result.more > 0) io.err(`  … and ${result.more} more`);
      return 1;
    }
    const skipped = result.skipped.setAside + result.skipped.inactive;
    io.out(
      `Imported ${result.scores} scores on ${result.sheets} sheets into ${slug}, stage ${result.stage} ` +
        `(${result.submitted} submitted, ${result.drafts} drafts${result.replaced ? `, ${result.replaced} replaced` : ""}).`,
    );
    if (skipped > 0)
      io.out(
        `Left out ${skipped} rows the ranking never counts: ${result.skipped.setAside} of set-aside sheets, ` +
          `${result.skipped.inactive} of entries no longer active.`,
      );
    return 0;
  },

  async stage(args: string[], io: Io) {
    const { values, positionals } = parse(args, {
      reason: { type: "string" },
      override: { type: "boolean" },
      as: { type: "string" },
    });
    const [slug, move] = positionals;
    if (!slug || move !== "next" || positionals.length > 2)
      throw new UsageError("stage needs a slug and `next`");
    await openMigrated();
    const operator = await findOperator(values.as);
    if (values.as !== undefined && !operator) {
      io.err(`No active chair or admin account ${values.as}.`);
      return 1;
    }
    const actor = operator ? { id: operator.id, label: `cli (as ${operator.email})` } : CLI_ACTOR;
    const result = await advanceStage(actor, slug, {
      reason: values.reason,
      override: values.override === true,
    });
    if (!result.ok) {
      io.err(`${slug} stays in its stage:`);
      for (const r of result.reasons) io.err(`  - ${describe("en", r)}`);
      return 1;
    }
    io.out(
      `${slug}: stage ${result.from} → ${result.to}; going on: ${result.advanced.join(", ")}.`,
    );
    return 0;
  },

  async status(args: string[], io: Io) {
    const { values, positionals } = parse(args, {
      reason: { type: "string" },
      override: { type: "boolean" },
      as: { type: "string" },
    });
    const [slug, to] = positionals;
    if (!slug || !to || positionals.length > 2)
      throw new UsageError("status needs a slug and a status");
    const target = z.enum(COMPETITION_STATUSES).safeParse(to);
    if (!target.success)
      throw new UsageError(`status is one of ${COMPETITION_STATUSES.join(", ")}`);
    await openMigrated();
    // a publication names the account that published it: --as <email>, or the oldest active admin
    const operator = await findOperator(values.as);
    if (values.as !== undefined && !operator) {
      io.err(`No active chair or admin account ${values.as}.`);
      return 1;
    }
    const actor = operator ? { id: operator.id, label: `cli (as ${operator.email})` } : CLI_ACTOR;
    const result = await changeStatus(actor, slug, target.data, {
      reason: values.reason,
      override: values.override === true,
    });
    if (!result.ok) {
      io.err(`${slug} stays as it is:`);
      for (const r of result.reasons) {
        io.err(`  - ${describe("en", r)}`);
        for (const item of r.items ?? []) io.err(`      ${describe("en", item)}`);
      }
      return 1;
    }
    io.out(`${slug}: ${result.from} → ${result.to}.`);
    return 0;
  },
} satisfies Record<string, Command>);

function integrityOf(file: string): string {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

function readableIssue(message: string): string {
  const known: Record<string, string> = {
    "error.required": "required",
    "error.email": "not a valid email address",
    "error.passwordTooShort": "at least 8 characters",
    "error.tooLong": "too long",
  };
  return known[message] ?? message;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`juara ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await closeDb();
  }
}
