import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { databaseKind, databasePath } from "../../db/connection";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:data/juara.db"),
  /** evidence files; unset: `files/` beside the database (db/connection.ts `filesPath`) */
  FILES_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  // an empty variable counts as unset
  SESSION_SECRET: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  ),
  /**
   * Which reverse proxies' X-Forwarded-* headers are believed (docs/security.md): "0" none, a
   * number of proxy hops in front of the app ("1": one proxy, whose own address entry is the
   * client's), or a comma list of the proxies' addresses or subnets, trusted only when the
   * connection comes from one of them.
   */
  TRUST_PROXY: z
    .string()
    .default("0")
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) {
        ctx.addIssue({
          code: "custom",
          message: "TRUST_PROXY must be 0, a number of proxy hops, or a comma list of addresses",
        });
        return z.NEVER;
      }
      return parsed;
    }),
  /**
   * The host names the app answers to (comma list, ports ignored); any other Host gets 421, so
   * a DNS-rebinding page cannot talk to it. Unset: see defaultAllowedHosts.
   */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return undefined;
      const hosts = value.split(",").map((h) => hostnameOf(h.trim()));
      if (hosts.some((h) => h === null)) {
        ctx.addIssue({
          code: "custom",
          message: "ALLOWED_HOSTS must be a comma list of host names",
        });
        return z.NEVER;
      }
      return hosts as string[];
    }),
  /**
   * Caps the database at this many pages (SQLite max_page_count, 4 KiB each): a quota for a
   * shared disk, and the way to rehearse a full disk. Unset: no cap beyond the disk itself.
   */
  DATABASE_MAX_PAGES: z.coerce.number().int().positive().optional(),
  /** PostgreSQL only: connections in this process's pool (docs/deploy.md); default 10 */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  /** "1" skips the demo seed on an empty database */
  JUARA_NO_DEMO: z.enum(["0", "1"]).default("0"),
  /** "1" adds a Server-Timing header to every response: where its time went (docs/performance.md) */
  JUARA_SERVER_TIMING: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** A TRUST_PROXY value as Express's "trust proxy" setting takes it; null when malformed. */
function parseTrustProxy(value: string): false | number | string[] | null {
  const text = value.trim();
  if (text === "0" || text === "") return false;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const entries = text.split(",").map((e) => e.trim());
  const valid = entries.every((entry) => {
    if (PROXY_NAMES.has(entry)) return true;
    const [address, bits, ...rest] = entry.split("/");
    const family = net.isIP(address ?? "");
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  });
  return valid ? entries : null;
}

/**
 * The host name of a Host header value, lower-cased, without port or a final dot; null when it
 * is not a plain host name, IPv4 or bracketed IPv6 address (a Host like "a@b" or "a:1:2").
 */
export function hostnameOf(host: string): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match) return null;
  const name = match[1]!.toLowerCase().replace(/\.$/, "");
  return name === "" ? null : name;
}

/**
 * The hosts a fresh install answers to without ALLOWED_HOSTS: the loopback names, the HOST it
 * listens on and, listening on every interface (0.0.0.0 or ::), this machine's own addresses
 * and name, so an office reaching it as http://192.168.1.20:3000 keeps working. A DNS name
 * pointing at it must be listed in ALLOWED_HOSTS.
 */
export function defaultAllowedHosts(
  listenHost: string,
  interfaces: Partial<
    Record<string, { address: string; family: string | number }[]>
  > = os.networkInterfaces(),
  machineName: string = os.hostname(),
): Set<string> {
  const hosts = new Set(["localhost", "127.0.0.1", "[::1]"]);
  const bracket = (address: string) =>
    net.isIPv6(address) ? `[${address.toLowerCase()}]` : address;
  if (listenHost === "0.0.0.0" || listenHost === "::" || listenHost === "") {
    for (const list of Object.values(interfaces))
      for (const { address } of list ?? []) hosts.add(bracket(address.replace(/%.*$/, "")));
    const name = hostnameOf(machineName);
    if (name) hosts.add(name);
  } else {
    const name = net.isIPv6(listenHost) ? bracket(listenHost) : hostnameOf(listenHost);
    if (name) hosts.add(name);
  }
  return hosts;
}

/** ALLOWED_HOSTS, or the defaults for the address the server listens on. */
export function allowedHosts(env: Pick<Env, "ALLOWED_HOSTS" | "HOST">): Set<string> {
  return env.ALLOWED_HOSTS ? new Set(env.ALLOWED_HOSTS) : defaultAllowedHosts(env.HOST);
}

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
function dataDir(): string {
  const file = databasePath(getEnv().DATABASE_URL);
  return file === ":memory:" ? path.resolve("data") : path.dirname(file);
}

/**
 * SESSION_SECRET, or one generated on first start and kept in the data folder (never committed),
 * so a restart keeps everyone logged in.
 */
export function getSessionSecret(): string {
  const env = getEnv();
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  // several app processes (or machines) share one PostgreSQL database: they must all sign
  // cookies with one secret, which a file on one machine's disk cannot promise
  if (databaseKind(env.DATABASE_URL) === "postgres")
    throw new Error(
      "SESSION_SECRET must be set (32 characters or more) when DATABASE_URL is PostgreSQL: every app process signs sessions with the same secret (docs/deploy.md)",
    );
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
