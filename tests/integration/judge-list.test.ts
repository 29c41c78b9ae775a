import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/connection";
import { tempDir } from "../support/db";
import { HttpClient } from "../support/http";
import { createScoringFixture, FIXTURE_PASSWORD, type ScoringFixture } from "../support/scoring";
import { serverDatabaseUrl, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let data: { dir: string; remove: () => void };
let fx: ScoringFixture;

beforeAll(async () => {
  data = tempDir();
  const { db } = createDb(await serverDatabaseUrl(data.dir));
  await migrateToLatest(db);
  fx = await createScoringFixture(db, { slug: "daftar-2026", entries: 4, judges: 1 });
  await db.destroy();
  server = await startServer({ dataDir: data.dir, env: { JUARA_NO_DEMO: "1" } });
});
afterAll(async () => {
  await server?.stop();
  await server?.cleanup();
  data?.remove();
});

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1]!;

async function post(client: HttpClient, code: string, fields: Record<string, string>) {
  const form = await (await client.get(`/judge/${fx.slug}/${code}`)).text();
  const res = await client.post(`/judge/${fx.slug}/${code}`, {
    ...fields,
    version: hidden(form, "version"),
    key: hidden(form, "key"),
  });
  expect(res.status).toBe(303);
}

describe("the judge's list of entries", () => {
  it("puts unfinished sheets first (started, then not started, then sent), each with its own pill", async () => {
    const client = new HttpClient(server.url);
    expect((await client.login(fx.judges[0]!.email, FIXTURE_PASSWORD)).status).toBe(302);
    const [first, second, third, fourth] = fx.codes as [string, string, string, string];
    await post(client, first, {
      "score.A1": "4",
      "score.A2": "7",
      "score.B1": "3",
      intent: "submit",
      confirm: "yes",
    });
    await post(client, fourth, { "score.A1": "2", intent: "save" });

    const html = await (await client.get(`/judge/${fx.slug}`)).text();
    // a competition of one stage names no stage
    expect(html).not.toContain("stage-now");
    const rows = [
      ...html.matchAll(
        /<tr><th scope="row"><a [^>]*href="[^"]*\/([^"/]+)">[\s\S]*?class="badge sheet-(\w+)"/g,
      ),
    ].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      [fourth, "draft"],
      [second, "notStarted"],
      [third, "notStarted"],
      [first, "submitted"],
    ]);
  });
});
