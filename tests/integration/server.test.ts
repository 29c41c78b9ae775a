import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { translate } from "../../app/i18n";
import { tempDir } from "../support/db";
import { HttpClient, rawRequest } from "../support/http";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";
import { startServer, type RunningServer } from "../support/server";

/** The built app on a real server with a fresh database, as `npm start` runs it. */
describe("the real server", () => {
  let server: RunningServer;
  let data: { dir: string; remove: () => void };
  let prepared: PreparedDatabase;

  beforeAll(async () => {
    // a migrated, empty database: the server seeds the demo on its first start
    data = tempDir();
    prepared = await preparedDatabase(data.dir);
    server = await startServer({ dataDir: data.dir, env: prepared.env });
  });
  afterAll(async () => {
    await server?.stop();
    await prepared?.close();
    data?.remove();
  });

  it("seeds the demo on first start and prints the demo logins", () => {
    const out = server.output();
    expect(out).toContain("Demo logins");
    for (const email of [
      "ketua@juara.demo",
      "juri1@juara.demo",
      "juri2@juara.demo",
      "juri3@juara.demo",
    ]) {
      expect(out).toContain(email);
    }
  });

  it("serves / and /login in Indonesian with security headers", async () => {
    const client = new HttpClient(server.url);
    for (const page of ["/", "/login"]) {
      const res = await client.get(page);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<html lang="id"');
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      // the same refusal to be framed as the CSP's frame-ancestors 'none'
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      // Remix's inline scripts carry the nonce of this response
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(html).toContain(`nonce="${nonce}"`);
    }
    expect((await client.get("/healthz")).status).toBe(200);
  });

  it("logs the chair in with a signed httpOnly SameSite=Lax cookie and shows the dashboard", async () => {
    const client = new HttpClient(server.url);
    const res = await client.login("ketua@juara.demo", DEMO_PASSWORD);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard");
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("juara_session="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain HTTP on an intranet must keep working
    const dash = await client.get("/dashboard");
    expect(dash.status).toBe(200);
    expect(await dash.text()).toContain("Kabupaten Kutai Timur 2024");
  });

  it("marks the cookie Secure when a trusted proxy says the request came over HTTPS", async () => {
    const proxied = await startServer({ env: { TRUST_PROXY: "1" } });
    try {
      const res = await fetch(`${proxied.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "X-Forwarded-Proto": "https",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ email: "ketua@juara.demo", password: DEMO_PASSWORD }),
      });
      expect(res.status).toBe(302);
      expect(res.headers.getSetCookie().find((c) => c.startsWith("juara_session="))).toMatch(
        /Secure/i,
      );
    } finally {
      await proxied.stop();
      await proxied.cleanup();
    }
  });

  it("answers a wrong password with 401 and a message next to the form, keeping the email", async () => {
    const client = new HttpClient(server.url);
    const res = await client.login("ketua@juara.demo", "salah-sekali");
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain("Email atau kata sandi salah.");
    expect(html).toContain('value="ketua@juara.demo"');
    expect(html).not.toContain("salah-sekali");
  });

  it("answers bad login input with 400 and field errors, never a 500", async () => {
    const client = new HttpClient(server.url);
    const res = await client.post("/login", { email: "not-an-email" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Masukkan alamat email yang valid.");
    expect(html).toContain("Wajib diisi.");
  });

  it("sends anonymous visitors of a protected page to the login page", async () => {
    const res = await new HttpClient(server.url).get("/dashboard");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fdashboard");
  });

  it("answers a wrong role with 403, not a crash", async () => {
    const judge = new HttpClient(server.url);
    expect((await judge.login("juri1@juara.demo", DEMO_PASSWORD)).status).toBe(302);
    expect((await judge.get("/admin/users")).status).toBe(403);
    expect((await judge.get("/judges")).status).toBe(403);
    expect(
      (await judge.post("/judges", { intent: "create", name: "X", email: "x@y.id" })).status,
    ).toBe(403);
    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    expect((await chair.get("/admin/users")).status).toBe(403);
    expect((await chair.get("/judges")).status).toBe(200);
  });

  it("refuses cross-site form posts (CSRF) and changes nothing", async () => {
    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    const forged = { intent: "create", name: "Forged", email: "forged@evil.example" };
    const viaFetchMetadata = await chair.post("/judges", forged, {
      "Sec-Fetch-Site": "cross-site",
      Origin: "https://evil.example",
    });
    expect(viaFetchMetadata.status).toBe(403);
    const viaOrigin = await fetch(`${server.url}/judges`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Cookie: chair.cookieHeader(),
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(forged),
    });
    expect(viaOrigin.status).toBe(403);
    expect(await (await chair.get("/judges")).text()).not.toContain("forged@evil.example");
  });

  it("lets a chair create a judge whose one-time password works, then must be changed", async () => {
    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    const res = await chair.post("/judges", {
      intent: "create",
      name: "Juri Baru",
      email: "Juri.Baru@Example.id",
      district: "Bengalon",
      village: "Sepaso",
      institution: "SMAN 1 Bengalon",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const temp = /<code class="temp-password">([^<]+)<\/code>/.exec(html)?.[1];
    expect(temp).toBeTruthy();
    // shown once: the list page does not show it again
    expect(await (await chair.get("/judges")).text()).not.toContain(temp!);

    const judge = new HttpClient(server.url);
    expect((await judge.login("juri.baru@example.id", temp!)).status).toBe(302);
    const forced = await judge.get("/dashboard");
    expect(forced.status).toBe(302);
    expect(forced.headers.get("location")).toBe("/account/password");
    const mismatch = await judge.post("/account/password", {
      current: temp!,
      next: "kata-sandi-baru",
      confirm: "lain",
    });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("Kedua kata sandi tidak sama.");
    const changed = await judge.post("/account/password", {
      current: temp!,
      next: "kata-sandi-baru",
      confirm: "kata-sandi-baru",
    });
    expect(changed.status).toBe(200);
    expect((await judge.get("/dashboard")).status).toBe(200);
  });

  it("shows the audit log to chairs and admins only, filtered, with the chain's state", async () => {
    const judge = new HttpClient(server.url);
    await judge.login("juri2@juara.demo", DEMO_PASSWORD);
    expect((await judge.get("/audit")).status).toBe(403);
    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    const all = await chair.get("/audit");
    expect(all.status).toBe(200);
    const html = await all.text();
    expect(html).toContain("Rantai hash utuh");
    expect(html).toContain('<option value="competition">Lomba</option>');
    // in words: the action, the object and the kinds of data, not the log's own names (the
    // competitions' own entries: the three-stage demo's checks and sheets fill the first page)
    const competitions = await (await chair.get("/audit?entity=competition")).text();
    expect(competitions).toContain("data contoh dibuat");
    expect(competitions).toContain("status lomba");
    expect(competitions).toContain("Ditutup → Diumumkan");
    for (const page of [html, competitions]) {
      expect(page).not.toContain(">seed-demo<");
      expect(page).not.toContain(">competition<");
    }
    const users = await (
      await chair.get("/audit?entity=user&from=2000-01-01&to=2999-12-31")
    ).text();
    expect(users).not.toContain("data contoh dibuat");
    // English on request
    expect((await chair.post("/language", { lang: "en", redirectTo: "/audit" })).status).toBe(302);
    const english = await (await chair.get("/audit?entity=competition")).text();
    expect(english).toContain("demo data created");
    expect(english).toContain("competition status");
    expect(english).toContain("Closed → Published");
    expect(await (await chair.get("/audit")).text()).toContain(
      '<option value="competition">Competition</option>',
    );
    // nonsense filters are ignored, not a crash
    expect((await chair.get("/audit?competition=abc&from=yesterday&page=-4")).status).toBe(200);
  });

  it("refuses a mutation of unknown length with 411", async () => {
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode("email=a@b.id&password=12345678"));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(411);
  });

  it("refuses an oversized body with 413", async () => {
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=" + "a".repeat(2 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
  });

  it("keeps people logged in across a restart, and neither re-seeds nor reprints the logins", async () => {
    const client = new HttpClient(server.url);
    await client.login("ketua@juara.demo", DEMO_PASSWORD);
    await server.stop();
    server = await startServer({ dataDir: data.dir, env: prepared.env });
    client.baseUrl = server.url;
    expect((await client.get("/dashboard")).status).toBe(200);
    expect(server.output()).not.toContain("Demo logins");
  });

  it("logs out with a POST and revokes the session on the server", async () => {
    const client = new HttpClient(server.url);
    await client.login("ketua@juara.demo", DEMO_PASSWORD);
    const stolen = client.cookieHeader();
    expect((await client.post("/logout", {})).status).toBe(302);
    const replay = await fetch(`${server.url}/dashboard`, {
      redirect: "manual",
      headers: { Cookie: stolen },
    });
    expect(replay.status).toBe(302);
  });
  it("counts login failures per client address behind a one-hop proxy, whatever the client writes in X-Forwarded-For", async () => {
    const proxied = await startServer({
      env: { TRUST_PROXY: "1", ALLOWED_HOSTS: "juara.example" },
    });
    try {
      // the proxy appends the address it saw; everything left of it is the client's own writing
      const attempt = (written: string, seenByProxy: string) =>
        fetch(`${proxied.url}/login`, {
          method: "POST",
          redirect: "manual",
          headers: {
            "X-Forwarded-For": `${written}, ${seenByProxy}`,
            "X-Forwarded-Host": "juara.example",
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ email: "ketua@juara.demo", password: "tebakan" }),
        });
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i++)
        statuses.push((await attempt(`198.51.100.${i}`, "203.0.113.7")).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      // another client behind the same proxy is not paused
      expect((await attempt("198.51.100.1", "203.0.113.8")).status).toBe(401);
    } finally {
      await proxied.stop();
      await proxied.cleanup();
    }
  });

  it("trusts X-Forwarded-* only from a listed proxy address (TRUST_PROXY=<addresses>)", async () => {
    // the test connects from 127.0.0.1, which is not the listed proxy
    const proxied = await startServer({ env: { TRUST_PROXY: "10.9.9.9, 10.9.9.10" } });
    try {
      const attempt = (written: string) =>
        fetch(`${proxied.url}/login`, {
          method: "POST",
          redirect: "manual",
          headers: {
            "X-Forwarded-For": written,
            "X-Forwarded-Proto": "https",
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ email: "ketua@juara.demo", password: "tebakan" }),
        });
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) statuses.push((await attempt(`198.51.100.${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const login = await fetch(`${proxied.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "X-Forwarded-Proto": "https",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ email: "juri1@juara.demo", password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(302);
      expect(login.headers.getSetCookie().find((c) => c.startsWith("juara_session="))).not.toMatch(
        /Secure/i,
      );
    } finally {
      await proxied.stop();
      await proxied.cleanup();
    }
  });

  it("answers a Host it does not serve with 421, even with a matching Origin (DNS rebinding)", async () => {
    const evil = `evil.example:${server.port}`;
    const page = await rawRequest(`${server.url}/dashboard`, { headers: { Host: evil } });
    expect(page.status).toBe(421);
    const post = await rawRequest(`${server.url}/login`, {
      method: "POST",
      headers: {
        Host: evil,
        Origin: `http://${evil}`,
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ email: "ketua@juara.demo", password: DEMO_PASSWORD }).toString(),
    });
    expect(post.status).toBe(421);
    expect(post.headers["set-cookie"]).toBeUndefined();
    // the names the server is reached by on this machine still work
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`])
      expect((await rawRequest(`${server.url}/login`, { headers: { Host: host } })).status).toBe(
        200,
      );
  });

  it("checks the forwarded host against ALLOWED_HOSTS behind a trusted proxy", async () => {
    const proxied = await startServer({
      env: { TRUST_PROXY: "1", ALLOWED_HOSTS: "juara.example, Juara.Kutaitimur.example" },
    });
    try {
      const get = (headers: Record<string, string>) =>
        rawRequest(`${proxied.url}/login`, { headers });
      expect((await get({ "X-Forwarded-Host": "juara.example" })).status).toBe(200);
      expect((await get({ "X-Forwarded-Host": "juara.kutaitimur.example:443" })).status).toBe(200);
      expect((await get({ "X-Forwarded-Host": "evil.example" })).status).toBe(421);
      // a list replaces the defaults
      expect((await get({})).status).toBe(421);
    } finally {
      await proxied.stop();
      await proxied.cleanup();
    }
  });

  it("answers a body that is not a form with 415 or 400 and a message in the user's language", async () => {
    const post = (headers: Record<string, string>, body: string) =>
      rawRequest(`${server.url}/login`, { method: "POST", headers, body });
    const plain = await post({ "Content-Type": "text/plain" }, "email=a@b.id&password=x");
    expect(plain.status).toBe(415);
    expect(plain.body).toContain(translate("id", "error.unsupportedBody"));
    const json = await post({ "Content-Type": "application/json" }, '{"email":"a@b.id"}');
    expect(json.status).toBe(415);
    const none = await post({}, "email=a@b.id&password=x");
    expect(none.status).toBe(415);
    const noBoundary = await post({ "Content-Type": "multipart/form-data" }, "email=a@b.id");
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body).toContain(translate("id", "error.malformedBody"));
    const truncated = await post(
      { "Content-Type": "multipart/form-data; boundary=XyZ" },
      '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nketua@juara.demo',
    );
    expect(truncated.status).toBe(400);
    // in English for a visitor who chose English
    const english = new HttpClient(server.url);
    await english.post("/language", { lang: "en", redirectTo: "/" });
    const en = await post(
      { "Content-Type": "text/plain", Cookie: english.cookieHeader() },
      "email=a@b.id",
    );
    expect(en.status).toBe(415);
    expect(en.body).toContain(translate("en", "error.unsupportedBody"));
    // a POST without any body (logging out from a script) is an empty form, not an error
    const logout = await rawRequest(`${server.url}/logout`, { method: "POST" });
    expect(logout.status).toBe(302);
  });

  it("refuses a forged Sec-Fetch-Site: none with a foreign Origin with 403", async () => {
    const res = await rawRequest(`${server.url}/login`, {
      method: "POST",
      headers: {
        "Sec-Fetch-Site": "none",
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "email=ketua%40juara.demo&password=x",
    });
    expect(res.status).toBe(403);
  });

  it("sends Retry-After with the 429 of the login page without JavaScript", async () => {
    const client = new HttpClient(server.url);
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) last = await client.login("tidak-ada@juara.demo", `salah-${i}`);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("Terlalu banyak percobaan gagal");
  });

  it("pauses guesses of the current password like logins, per account and address", async () => {
    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    const created = await chair.post("/judges", {
      intent: "create",
      name: "Juri Tebak",
      email: "juri.tebak@example.id",
    });
    const temp = /<code class="temp-password">([^<]+)<\/code>/.exec(await created.text())?.[1];
    const judge = new HttpClient(server.url);
    expect((await judge.login("juri.tebak@example.id", temp!)).status).toBe(302);
    const guess = (current: string) =>
      judge.post("/account/password", {
        current,
        next: "kata-sandi-baru",
        confirm: "kata-sandi-baru",
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guess(`tebakan-${i}`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    // even the right password waits out the pause, and the answer says how long
    const paused = await guess(temp!);
    expect(paused.status).toBe(429);
    expect(Number(paused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await paused.text()).toContain("Terlalu banyak percobaan gagal");
    // one limiter: the login of that account from this address is paused too
    expect((await new HttpClient(server.url).login("juri.tebak@example.id", temp!)).status).toBe(
      429,
    );
  });

  it("follows redirectTo only to a path on this site, decided before the session is written", async () => {
    const sessions = async () =>
      (
        await prepared.db
          .selectFrom("sessions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const cases: [string, string][] = [
      ["/judges?tab=1#x", "/judges?tab=1#x"],
      ["/\t/evil.example/x", "/dashboard"],
      ["/\\evil.example", "/dashboard"],
      ["//evil.example", "/dashboard"],
      ["https://evil.example/", "/dashboard"],
      ["javascript:alert(1)", "/dashboard"],
      // resolved as a browser would: line breaks dropped, the rest percent-encoded
      ["/dash\r\nSet-Cookie: a=b", "/dashSet-Cookie:%20a=b"],
      ["/a\u0000b", "/a%00b"],
      ["/\u3000", "/%E3%80%80"],
      ["/\n/evil.example", "/dashboard"],
    ];
    for (const [redirectTo, expected] of cases) {
      const before = await sessions();
      const res = await new HttpClient(server.url).post("/login", {
        email: "ketua@juara.demo",
        password: DEMO_PASSWORD,
        redirectTo,
      });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(redirectTo)).toBe(expected);
      expect(await sessions()).toBe(before + 1);
    }
  });

  it("sends a small JSON answer whole and as it is, and gzips larger answers and pages", async () => {
    const gzip = { "Accept-Encoding": "gzip" };
    // the judges' saves answer like this: ~100 bytes, not worth a compressor per answer
    const health = await rawRequest(`${server.url}/healthz`, { headers: gzip });
    expect(health.status).toBe(200);
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(health.headers["content-length"]).toBe(String(health.bytes.length));
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok" });
    // a page's data (the winners page's, several KB) is still compressed, and whole
    const data = await rawRequest(
      `${server.url}/competitions/kutim-2023?_data=routes/competitions.$slug._index`,
      { headers: gzip },
    );
    expect(data.status).toBe(200);
    expect(data.headers["content-encoding"]).toBe("gzip");
    const unzipped = gunzipSync(data.bytes);
    expect(unzipped.length).toBeGreaterThan(1024);
    expect(JSON.parse(unzipped.toString("utf8"))).toHaveProperty("competition");
    // pages stream as they render, compressed
    const page = await rawRequest(`${server.url}/competitions/kutim-2023`, { headers: gzip });
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(page.bytes).toString("utf8")).toContain("<!DOCTYPE html>");
  });

  it("marks every page of a logged-in user, and every non-public page, private and uncacheable", async () => {
    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    const judge = new HttpClient(server.url);
    await judge.login("juri2@juara.demo", DEMO_PASSWORD);
    const anonymous = new HttpClient(server.url);
    const c = "/chair/competitions/kutim-2024";
    const cases: [HttpClient, string][] = [
      ...[
        "/dashboard",
        "/dashboard?_data=routes/dashboard",
        c,
        `${c}/criteria`,
        `${c}/entries`,
        `${c}/judges`,
        `${c}/sheets`,
        `${c}/results`,
        `${c}/results?_data=routes/chair.competitions.$slug.results`,
        `${c}/settings`,
        `${c}/berita-acara`,
        `${c}/export`,
        `${c}/results.csv`,
        `${c}/scores.csv`,
        "/chair/competitions/new",
        "/chair/libraries",
        "/chair/import",
        "/judges",
        "/audit",
        "/account/password",
        "/",
        "/about",
        "/archive",
        "/admin/users",
        "/chair/competitions/tidak-ada",
      ].map((url): [HttpClient, string] => [chair, url]),
      ...[
        "/dashboard",
        "/judge/kutim-2024",
        "/judge/kutim-2024/KAUBUN",
        "/account/password",
        "/audit",
        "/",
      ].map((url): [HttpClient, string] => [judge, url]),
      ...["/login", "/account/password", "/dashboard", "/judges", "/no-such-page"].map(
        (url): [HttpClient, string] => [anonymous, url],
      ),
    ];
    const wrong: string[] = [];
    for (const [client, url] of cases) {
      const res = await client.get(url);
      await res.arrayBuffer();
      const who = client === chair ? "chair" : client === judge ? "judge" : "anonymous";
      if (res.headers.get("cache-control") !== "private, no-store")
        wrong.push(`${who} ${url} → ${res.status} ${res.headers.get("cache-control")}`);
    }
    expect(wrong).toEqual([]);
    // the public pages stay cacheable for anonymous visitors, as before
    for (const url of ["/", "/about", "/archive", "/libraries/SEPASO"]) {
      const res = await anonymous.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("cache-control") ?? "", url).not.toContain("no-store");
    }
    for (const url of ["/competitions/kutim-2023", "/api/competitions/kutim-2023/results"]) {
      const res = await anonymous.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("cache-control"), url).toMatch(/^public/);
    }
  });
});
