import { describe, expect, it } from "vitest";
import { isAllowedHost, isCrossSiteMutation } from "../../app/lib/csrf.server";
import { defaultAllowedHosts, getEnv } from "../../app/lib/env.server";

const base = { host: "juara.example:3000" };

describe("cross-site request check", () => {
  it.each([
    [
      "GET from anywhere",
      { method: "GET", secFetchSite: "cross-site", origin: "https://evil.example" },
      false,
    ],
    [
      "same-origin POST (Sec-Fetch-Site)",
      { method: "POST", secFetchSite: "same-origin", origin: undefined },
      false,
    ],
    [
      "typed URL / bookmark (Sec-Fetch-Site none)",
      { method: "POST", secFetchSite: "none", origin: undefined },
      false,
    ],
    [
      "cross-site POST",
      { method: "POST", secFetchSite: "cross-site", origin: "https://evil.example" },
      true,
    ],
    [
      "same-site but other origin POST",
      { method: "POST", secFetchSite: "same-site", origin: "http://other.juara.example" },
      true,
    ],
    [
      "older browser, matching Origin",
      { method: "POST", secFetchSite: undefined, origin: "http://juara.example:3000" },
      false,
    ],
    [
      "older browser, foreign Origin",
      { method: "POST", secFetchSite: undefined, origin: "http://evil.example" },
      true,
    ],
    ["opaque Origin null", { method: "POST", secFetchSite: undefined, origin: "null" }, true],
    [
      "non-browser client (no headers)",
      { method: "POST", secFetchSite: undefined, origin: undefined },
      false,
    ],
    [
      "forged Sec-Fetch-Site none with a foreign Origin",
      { method: "POST", secFetchSite: "none", origin: "https://evil.example" },
      true,
    ],
    [
      "forged Sec-Fetch-Site same-origin with a foreign Origin",
      { method: "POST", secFetchSite: "same-origin", origin: "https://evil.example" },
      true,
    ],
    [
      "same-origin POST with its Origin",
      { method: "POST", secFetchSite: "same-origin", origin: "http://juara.example:3000" },
      false,
    ],
    [
      "Sec-Fetch-Site none with Origin null",
      { method: "POST", secFetchSite: "none", origin: "null" },
      true,
    ],
    [
      "cross-site DELETE",
      { method: "DELETE", secFetchSite: "cross-site", origin: undefined },
      true,
    ],
    // reading is never refused, whichever safe method and site
    ["cross-site HEAD", { method: "HEAD", secFetchSite: "cross-site", origin: undefined }, false],
    [
      "cross-site OPTIONS (preflight)",
      { method: "options", secFetchSite: "cross-site", origin: "https://evil.example" },
      false,
    ],
    [
      "older browser, Origin that is no URL",
      { method: "POST", secFetchSite: undefined, origin: "://juara.example:3000" },
      true,
    ],
  ])("%s", (_name, req, expected) => {
    expect(isCrossSiteMutation({ ...base, ...req })).toBe(expected);
  });

  it("refuses an Origin when the request names no host to compare it with", () => {
    const req = { method: "POST", secFetchSite: undefined, origin: "http://juara.example:3000" };
    expect(isCrossSiteMutation({ ...req, host: undefined })).toBe(true);
    expect(isCrossSiteMutation({ ...req, host: "" })).toBe(true);
  });
});

describe("the hosts the server answers as (DNS rebinding)", () => {
  const allowed = new Set(["localhost", "127.0.0.1", "[::1]", "juara.example"]);
  it.each([
    ["localhost:3000", true],
    ["127.0.0.1:3000", true],
    ["127.0.0.1", true],
    ["[::1]:3000", true],
    ["JUARA.example", true],
    ["juara.example.", true],
    ["evil.example:3000", false],
    ["localhost.evil.example", false],
    ["127.0.0.1.nip.io", false],
    ["", false],
    [undefined, false],
    ["juara.example:3000:1", false],
    ["juara.example@evil.example", false],
  ])("Host %j → %s", (host, expected) => {
    expect(isAllowedHost(host, allowed)).toBe(expected);
  });

  it("defaults to the loopback names, the HOST it listens on and, on 0.0.0.0, this machine's addresses", () => {
    const interfaces = { eth0: [{ address: "192.168.1.20", family: "IPv4" }] };
    expect([...defaultAllowedHosts("0.0.0.0", interfaces, "juara-pc")].sort()).toEqual(
      ["127.0.0.1", "192.168.1.20", "[::1]", "juara-pc", "localhost"].sort(),
    );
    expect([...defaultAllowedHosts("10.0.0.5", interfaces, "juara-pc")].sort()).toEqual(
      ["10.0.0.5", "127.0.0.1", "[::1]", "localhost"].sort(),
    );
    expect([...defaultAllowedHosts("Juara.Local", interfaces, "juara-pc")]).toContain(
      "juara.local",
    );
  });
});

describe("TRUST_PROXY and ALLOWED_HOSTS", () => {
  const parse = (vars: Record<string, string>) => {
    const saved = { ...process.env };
    Object.assign(process.env, vars);
    try {
      return getEnv();
    } finally {
      process.env = saved;
    }
  };
  it.each([
    ["0", false],
    ["1", 1],
    ["2", 2],
    ["10.0.0.1", ["10.0.0.1"]],
    ["10.0.0.1, 10.0.0.2", ["10.0.0.1", "10.0.0.2"]],
    ["10.0.0.0/8,::1,loopback", ["10.0.0.0/8", "::1", "loopback"]],
  ])("TRUST_PROXY=%j → %j", (value, expected) => {
    expect(parse({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });
  it.each(["yes", "-1", "10.0.0.300", "10.0.0.1/40", "proxy.example"])(
    "refuses TRUST_PROXY=%j at start-up",
    (value) => {
      expect(() => parse({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );
  it("reads ALLOWED_HOSTS as a comma list of host names, lower-cased, ports ignored", () => {
    expect(parse({ ALLOWED_HOSTS: " Juara.Example , 10.0.0.5:3000,[::1]" }).ALLOWED_HOSTS).toEqual([
      "juara.example",
      "10.0.0.5",
      "[::1]",
    ]);
    expect(() => parse({ ALLOWED_HOSTS: "juara.example/x" })).toThrow(/ALLOWED_HOSTS/);
  });
});
