import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

/** The built app on a real server with a fresh database, as `npm start` runs it. */
describe("the real server", () => {
  let server: RunningServer;

  beforeAll(async () => {
    // no SESSION_SECRET: the server must generate one and keep it in the data folder
    server = await startServer({ env: { SESSION_SECRET: "" } });
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
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
      proxied.cleanup();
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
    expect(html).toContain("seed-demo");
    const users = await (
      await chair.get("/audit?entity=user&from=2000-01-01&to=2999-12-31")
    ).text();
    expect(users).not.toContain("seed-demo");
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

  it("keeps the generated session secret across a restart, so people stay logged in", async () => {
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
});
