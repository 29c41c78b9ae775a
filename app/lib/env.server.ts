import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { databasePath } from "../../db/connection";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:data/juara.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  // an empty variable counts as unset
  SESSION_SECRET: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  ),
  /** "1" when the app sits behind a reverse proxy whose X-Forwarded-* headers are trusted */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /**
   * Caps the database at this many pages (SQLite max_page_count, 4 KiB each): a quota for a
   * shared disk, and the way to rehearse a full disk. Unset: no cap beyond the disk itself.
   */
  DATABASE_MAX_PAGES: z.coerce.number().int().positive().optional(),
  /** "1" skips the demo seed on an empty database */
  JUARA_NO_DEMO: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * The environment, validated; a bad value stops start-up with a message naming it. Not cached:
 * it is read a handful of times per process, and the CLI's tests switch databases between runs.
 */
export function getEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The folder beside the database: where the generated session secret lives. */
export function dataDir(): string {
  const file = databasePath(getEnv().DATABASE_URL);
  return file === ":memory:" ? path.resolve("data") : path.dirname(file);
}

/**
 * SESSION_SECRET, or one generated on first start and kept in the data folder (never committed),
 * so a restart keeps everyone logged in.
 */
export function getSessionSecret(): string {
  const fromEnv = getEnv().SESSION_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(48).toString("base64url");
  try {
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // another process created it first: use theirs
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      return fs.readFileSync(file, "utf8").trim();
    throw error;
  }
}
