import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { tempDir } from "./db";

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
  dbFile: string;
  dataDir: string;
  output: () => string;
  child: ChildProcess;
  /** SIGTERM and wait */
  stop: () => Promise<void>;
  /** SIGKILL and wait: a crash, for durability tests */
  kill: () => Promise<void>;
  /** removes the data folder; call after stop */
  cleanup: () => void;
}

/**
 * Starts the real production server (`node --import tsx bin/server.ts`, the built app) on a free loopback port
 * with a fresh database, and resolves once it is listening.
 */
export async function startServer(
  options: { env?: Record<string, string>; dataDir?: string; port?: number } = {},
): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
    throw new Error("No build: run `npm run build` first (npm test does).");
  }
  const owned = options.dataDir ? null : tempDir("juara-server-");
  const dataDir = options.dataDir ?? owned!.dir;
  const dbFile = path.join(dataDir, "juara.db");
  const port = options.port ?? (await freePort());
  // one process: node itself with tsx's loader (the `tsx` command would put a parent process in
  // front of the server, and SIGKILL would then hit the parent and leave the server running)
  const child = spawn(process.execPath, ["--import", "tsx", "bin/server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${dbFile}`,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
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
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbFile,
    dataDir,
    output: () => out,
    child,
    stop: () => stopWith("SIGTERM"),
    kill: () => stopWith("SIGKILL"),
    cleanup: () => owned?.remove(),
  };
}
