import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { SERVER_BUNDLE } from "../../bin/build-server";
import { databaseKind, databasePath } from "../../db/connection";
import { migratedTestDatabase, tempDir, testDatabaseAt, testDialect } from "./db";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  /** DATABASE_URL the server runs on */
  databaseUrl: string;
  /** the SQLite file; null on PostgreSQL (use `databaseUrl`) */
  dbFile: string | null;
  dataDir: string;
  output: () => string;
  child: ChildProcess;
  /** SIGTERM and wait */
  stop: () => Promise<void>;
  /** SIGKILL and wait: a crash, for durability tests */
  kill: () => Promise<void>;
  /**
   * Removes the data folder it made and drops the PostgreSQL database it made (not one the caller
   * passed as DATABASE_URL); call after stop, and await it.
   */
  cleanup: () => Promise<void>;
}

/** Where a server on PostgreSQL notes its database in its data folder, for a restart on it. */
const DATABASE_NOTE = "database-url";

/**
 * The database a server in `dataDir` runs on, unless the caller names one: on SQLite the file
 * `juara.db` there; on PostgreSQL (the `postgres` test project) a new empty database on the test
 * server, noted in `dataDir`, so that a server started again on the same folder finds its data
 * as it would find the SQLite file.
 */
async function serverDatabase(
  dataDir: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDialect() === "sqlite")
    return { url: `file:${path.join(dataDir, "juara.db")}`, drop: async () => {} };
  const note = path.join(dataDir, DATABASE_NOTE);
  const database = fs.existsSync(note)
    ? testDatabaseAt(fs.readFileSync(note, "utf8"))
    : await migratedTestDatabase(dataDir);
  fs.writeFileSync(note, database.url);
  return database;
}

/**
 * The DATABASE_URL a server started on `dataDir` will run on, made now so that a test can migrate
 * it and put its fixture in first (startServer then finds it; its cleanup drops it).
 */
export async function serverDatabaseUrl(dataDir: string): Promise<string> {
  return (await serverDatabase(dataDir)).url;
}

/**
 * What a server on PostgreSQL needs besides the URL: a session secret (SQLite's servers make and
 * keep one beside the database file) and a folder for the evidence files (SQLite's default is
 * beside the database file; a test that made its database with createTestDb already set one).
 */
function postgresEnv(dataDir: string): Record<string, string> {
  return {
    SESSION_SECRET: process.env.SESSION_SECRET || "test-secret-test-secret-test-secret-0123456789",
    FILES_DIR: process.env.FILES_DIR || path.join(dataDir, "files"),
  };
}

/**
 * Starts the real production server (`node build/server.js`, what `npm run build` bundles from
 * bin/server.ts, with the built app) on a free loopback port with a fresh database of the run's
 * dialect (`env.DATABASE_URL` names another), and resolves once it is listening.
 */
export async function startServer(
  options: { env?: Record<string, string>; dataDir?: string; port?: number } = {},
): Promise<RunningServer> {
  if (!["build/index.js", SERVER_BUNDLE].every((file) => fs.existsSync(path.join(ROOT, file)))) {
    throw new Error("No build: run `npm run build` first (npm test does).");
  }
  const owned = options.dataDir ? null : tempDir("juara-server-");
  const dataDir = options.dataDir ?? owned!.dir;
  const given = options.env?.DATABASE_URL;
  const database = given ? { url: given, drop: async () => {} } : await serverDatabase(dataDir);
  const dbFile = databaseKind(database.url) === "sqlite" ? databasePath(database.url) : null;
  const port = options.port ?? (await freePort());
  // node itself, as in production: one process (`npm run serve` would put npm in front of the
  // server, and SIGKILL would then hit npm and leave the server running), without tsx's loader
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      ...(dbFile === null ? postgresEnv(dataDir) : {}),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${out}`)),
      60_000,
    );
    const check = () => {
      if (out.includes("Juara is running on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  try {
    await started;
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    owned?.remove();
    await database.drop();
    throw error;
  }
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    databaseUrl: database.url,
    dbFile,
    dataDir,
    output: () => out,
    child,
    stop: () => stopWith("SIGTERM"),
    kill: () => stopWith("SIGKILL"),
    cleanup: async () => {
      owned?.remove();
      await database.drop();
    },
  };
}
