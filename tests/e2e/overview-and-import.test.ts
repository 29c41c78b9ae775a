import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { DEMO_PASSWORD } from "../../db/seed/demo";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await server?.cleanup();
});

async function chairPage(options: {
  width: number;
  height: number;
  javaScriptEnabled?: boolean;
}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  await logIn(page, server.url, "ketua@juara.demo", DEMO_PASSWORD);
  return page;
}

interface Box {
  what: string;
  index: number;
  /** indices of the boxes this one contains or sits inside (a list inside its item is not an overlap) */
  nested: number[];
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes of every visible element the selector finds, labelled for the failure message. */
async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.$$eval(selector, (elements) =>
    elements
      .map((e, index) => {
        const r = e.getBoundingClientRect();
        const nested = elements.flatMap((o, k) =>
          o !== e && (e.contains(o) || o.contains(e)) ? [k] : [],
        );
        const text = (e.textContent ?? "").trim().slice(0, 40);
        return {
          what: `${e.tagName.toLowerCase()}${e.getAttribute("name") ? `[${e.getAttribute("name")}]` : ""} "${text}"`,
          index,
          nested,
          x: r.x,
          y: r.y,
          width: r.width,
          height: r.height,
        };
      })
      .filter((b) => b.width > 0 && b.height > 0),
  );
}

/** Pairs of boxes that overlap by more than a rounding pixel. */
function overlaps(list: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.nested.includes(b.index)) continue;
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w > 0.5 && h > 0.5) found.push(`${a.what} × ${b.what}`);
    }
  return found;
}

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

describe("the chair's status moves do not overlap", () => {
  for (const viewport of VIEWPORTS) {
    it(`keeps the move buttons, the blockers and the reason apart at ${viewport.width}×${viewport.height}`, async () => {
      const page = await chairPage(viewport);
      // kutim-2024 is in scoring: back to draft, on to closed (perhaps blocked, with its reasons)
      await page.goto(`${server.url}/chair/competitions/kutim-2024`);
      const moves = await boxes(
        page,
        ".status-moves > li > a, .status-moves > li > p, .status-moves > li > ul > li",
      );
      expect(moves.length).toBeGreaterThan(1);
      expect(overlaps(moves)).toEqual([]);

      // the confirmation: its text, the reason's label and input, the buttons
      const link = page.locator(".status-moves a.button").first();
      await link.click();
      await page.waitForURL(/\?move=/);
      // the URL changes before the confirmation has rendered: wait for the form itself
      await page.locator("#moves ~ form input[name=reason]").waitFor();
      const confirm = await boxes(
        page,
        [
          "#moves ~ form h3",
          "#moves ~ form > p",
          "#moves ~ form .field label",
          "#moves ~ form .field input",
          "#moves ~ form button[type=submit]",
          "#moves ~ form > a",
          "#moves ~ form ul > li",
        ].join(", "),
      );
      expect(confirm.some((b) => b.what.startsWith("input[reason]"))).toBe(true);
      expect(confirm.some((b) => b.what.startsWith("button"))).toBe(true);
      expect(overlaps(confirm)).toEqual([]);
      await page.context().close();
    });
  }
});

const CSV_WITH_A_BAD_ROW =
  "kode,nama,jenis,desa,kecamatan\nUJI1,Perpustakaan Desa Uji,desa,Uji,Bengalon\nUJI2,,desa,Uji,Bengalon\n";

describe("the library CSV preview is where the chair lands", () => {
  for (const js of [true, false]) {
    it(`takes the chair to the preview after uploading (JavaScript ${js ? "on" : "off"})`, async () => {
      const page = await chairPage({ width: 1366, height: 768, javaScriptEnabled: js });
      await page.goto(`${server.url}/chair/libraries`);
      const textarea = page.getByLabel("Atau tempel isi CSV");
      await textarea.scrollIntoViewIfNeeded();
      await textarea.fill(CSV_WITH_A_BAD_ROW);
      await page.getByRole("button", { name: "Pratinjau" }).click();
      const heading = page.getByRole("heading", { name: "Pratinjau impor" });
      await heading.waitFor();
      if (js) {
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("preview");
      } else {
        expect(new URL(page.url()).hash).toBe("#preview");
      }
      // the heading is at the top of the view (the library list below is long enough to scroll)
      await expect
        .poll(async () => {
          const box = (await heading.boundingBox())!;
          return box.y >= 0 && box.y < 60;
        })
        .toBe(true);
      // the bad row names its field as the form does
      const problems = await page.locator("#preview ~ .alert").textContent();
      expect(problems).toContain("Baris 3");
      expect(problems).toContain("Nama perpustakaan: Wajib diisi.");
      expect(problems).not.toMatch(/\bname\b/);
      await page.context().close();
    });
  }
});
