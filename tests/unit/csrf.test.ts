import { describe, expect, it } from "vitest";
import { isCrossSiteMutation } from "../../app/lib/csrf.server";

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
