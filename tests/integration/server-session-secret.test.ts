import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

/**
 * Without SESSION_SECRET, a SQLite installation generates its secret on first start and keeps it
 * in the data folder. SQLite only: on PostgreSQL SESSION_SECRET is required, since several
 * processes must sign alike (docs/deploy.md).
 */
describe("the generated session secret", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { SESSION_SECRET: "" } });
  });
  afterAll(async () => {
    await server?.stop();
    await server?.cleanup();
  });

  it("is kept in the data folder and across a restart, so people stay logged in", async () => {
    const secretFile = path.join(server.dataDir, "session-secret");
    expect(fs.existsSync(secretFile)).toBe(true);
    expect(fs.statSync(secretFile).mode & 0o077).toBe(0);
    const client = new HttpClient(server.url);
    await client.login("ketua@juara.demo", DEMO_PASSWORD);
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, env: { SESSION_SECRET: "" } });
    client.baseUrl = server.url;
    expect((await client.get("/dashboard")).status).toBe(200);
    // a restart on an existing database neither re-seeds nor reprints the logins
    expect(server.output()).not.toContain("Demo logins");
  });
});
