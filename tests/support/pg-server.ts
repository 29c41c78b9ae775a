import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./server";

const run = promisify(execFile);

/**
 * A PostgreSQL server of a test's own (initdb + pg_ctl in a temporary folder, on a free loopback
 * port), which the test may stop and start: the shared server on TEST_DATABASE_URL must never be
 * stopped. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export interface PrivatePostgres {
  /** a superuser's URL to the `juara` database on it (trust authentication, loopback only) */
  url: string;
  port: number;
  /** pg_ctl stop -m fast: every connection is cut at once, as when the server goes down */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** stops it if running and removes its folder */
  remove: () => Promise<void>;
}

/** The newest installed PostgreSQL's programs (Debian: /usr/lib/postgresql/<version>/bin). */
function binDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error("PostgreSQL's initdb not found under " + base);
  return path.join(base, versions[0]!, "bin");
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "juara-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  if (asRoot) await run("chown", ["postgres:postgres", dir]);
  const pg = (program: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, program), ...args])
      : run(path.join(bin, program), args);
  await pg("initdb", ["-D", data, "-U", "juara", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const start = async () => {
    await pg("pg_ctl", ["-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start"]);
    running = true;
  };
  const stop = async () => {
    await pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
    running = false;
  };
  await start();
  await pg("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "juara", "juara"]);
  return {
    url: `postgres://juara@127.0.0.1:${port}/juara`,
    port,
    stop,
    start,
    remove: async () => {
      if (running) await stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
