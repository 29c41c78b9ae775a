import { describe, expect, it } from "vitest";
import { sectionsByPath } from "../../app/i18n/chunks.server";

describe("each page's sections by address, for preloading a navigation (docs/decisions/014)", () => {
  it("joins the layouts' paths and sections, and merges a layout with its index page", () => {
    const handle = (...i18n: string[]) => ({ module: { handle: { i18n } } });
    const map = sectionsByPath({
      root: { path: "", module: {} },
      "routes/chair.competitions.$slug": {
        path: "chair/competitions/:slug",
        parentId: "root",
        ...handle("chair-competition"),
      },
      "routes/chair.competitions.$slug._index": {
        parentId: "routes/chair.competitions.$slug",
        ...handle("chair-setup"),
      },
      "routes/chair.competitions.$slug.results": {
        path: "results",
        parentId: "routes/chair.competitions.$slug",
        ...handle("chair-results", "judge"),
      },
      "routes/about": { path: "about", parentId: "root", ...handle("public") },
      "routes/logout": { path: "logout", parentId: "root", module: {} },
    });
    expect(new Map(map)).toEqual(
      new Map([
        ["/chair/competitions/:slug", ["chair-competition", "chair-setup"]],
        ["/chair/competitions/:slug/results", ["chair-competition", "chair-results", "judge"]],
        ["/about", ["public"]],
      ]),
    );
  });
});
