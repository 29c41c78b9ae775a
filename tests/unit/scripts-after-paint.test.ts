import { describe, expect, it } from "vitest";
import { scriptsAfterPaint } from "../../app/lib/scripts-after-paint.server";

/** The end of a page as Remix's <Scripts> writes it (the winners page's shape, shortened). */
const page = (module: string) =>
  `<head><link rel="modulepreload" href="/build/_shared/common.id-A.js"/></head><body><main>podium</main>` +
  `<link rel="modulepreload" href="/build/entry.client-E.js"/>` +
  `<link rel="modulepreload" href="/build/root-R.js"/>` +
  `<script>window.__remixContext = {};</script>` +
  `<script nonce="" type="module" async="">${module}</script></body>`;

const REMIX_MODULE = `;
import * as route0 from "/build/root-R.js";
import * as route1 from "/build/routes/x-X.js";
window.__remixManifest = {"url": "/build/manifest-M.js"};
window.__remixRouteModules = {"root":route0,"routes/x":route1};

import("/build/entry.client-E.js");`;

describe("scriptsAfterPaint", () => {
  it("turns the preloads aside and the route imports into imports after the first paint", () => {
    const html = scriptsAfterPaint(page(REMIX_MODULE));
    expect(html).not.toContain('rel="modulepreload"');
    expect(html.match(/<link rel="modulepreload-after-paint"/g)).toHaveLength(3);
    const module = /type="module" async="">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(module).toBe(
      `requestAnimationFrame(() => setTimeout(async () => {
for (const link of document.querySelectorAll('link[rel="modulepreload-after-paint"]')) link.rel = "modulepreload";
const [route0, route1] = await Promise.all([import("/build/root-R.js"), import("/build/routes/x-X.js")]);
;


window.__remixManifest = {"url": "/build/manifest-M.js"};
window.__remixRouteModules = {"root":route0,"routes/x":route1};

import("/build/entry.client-E.js");
}));`,
    );
    // everything else as it was
    expect(html).toContain("<main>podium</main>");
    expect(html).toContain("<script>window.__remixContext = {};</script>");
  });

  it("imports a module imported for its effects first, in its place", () => {
    const module = /type="module" async="">([\s\S]*?)<\/script>/.exec(
      scriptsAfterPaint(page(`import "/build/manifest-M.js";\n${REMIX_MODULE}`)),
    )![1]!;
    expect(module.indexOf('await import("/build/manifest-M.js");')).toBeLessThan(
      module.indexOf("await Promise.all"),
    );
  });

  it("leaves a page it does not recognise as it was", () => {
    for (const html of [
      page(`import { a } from "/build/a.js";\n${REMIX_MODULE}`),
      page(`import("/build/entry.client-E.js");`),
      `<body><link rel="modulepreload" href="/x.js"/><main>no module script</main></body>`,
    ])
      expect(scriptsAfterPaint(html)).toBe(html);
  });
});
