import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { seedDemo } from "../../app/models/demo.server";
import { HttpClient } from "../support/http";
import { insertPublishedCompetition } from "../support/published";
import { startServer, type RunningServer } from "../support/server";
import { tempDir } from "../support/db";
import { preparedDatabase, type PreparedDatabase } from "../support/prepared-db";

const overall = [
  {
    code: "SEPASO",
    name: "Pustaka Ilmu Desa Sepaso",
    rank: 1,
    prize: "Juara I",
    scoreX100: 9125,
  },
  {
    code: "SWARGA",
    name: "Perpustakaan Desa Swarga Bara",
    rank: 2,
    prize: "Juara II",
    scoreX100: 8850,
  },
  {
    code: "SUKA",
    name: "Perpustakaan Desa Suka Rahmat",
    rank: 3,
    prize: "Juara III",
    scoreX100: 8610,
  },
  {
    code: "SANGKIMA",
    name: "Perpustakaan Desa Sangkima",
    rank: 4,
    prize: "Harapan I",
    scoreX100: 8000,
  },
  {
    code: "XSS",
    name: "<script>alert('pwned')</script>",
    rank: 5,
    prize: "Harapan II",
    scoreX100: 7000,
    district: "Kaubun",
  },
  {
    code: "TIE1",
    name: "Perpustakaan Tie Satu",
    rank: 6,
    prize: null,
    scoreX100: 6000,
  },
  {
    code: "TIE2",
    name: "Perpustakaan Tie Dua",
    rank: 6,
    prize: null,
    scoreX100: 6000,
  },
];

describe("public pages", () => {
  let server: RunningServer;
  let data: { dir: string; remove: () => void };
  let prepared: PreparedDatabase;

  beforeAll(async () => {
    data = tempDir();
    prepared = await preparedDatabase(data.dir);
    const db = prepared.db;
    await seedDemo(db); // kutim-2024 is in scoring: not public; kutim-2023 is published
    await db
      .insertInto("libraries")
      .values({
        code: "BARU",
        name: "Perpustakaan Desa Baru",
        type: "desa",
        created_at: "2026-01-01T00:00:00.000Z",
        updated_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    await insertPublishedCompetition(db, {
      slug: "pub-2025",
      results: overall,
    });
    await insertPublishedCompetition(db, {
      slug: "draft-2025",
      status: "draft",
      results: overall,
    });
    await insertPublishedCompetition(db, {
      slug: "closed-2025",
      status: "closed",
      results: overall,
    });
    await insertPublishedCompetition(db, {
      slug: "cat-2025",
      scope: "category",
      revision: 1,
      reason: "Salah ketik nilai juri 2 untuk Kelurahan Teluk Lingga",
      year: 2024,
      results: [
        {
          code: "D1",
          name: "Perpustakaan Desa Satu",
          category: "desa",
          rank: 1,
          prize: "Juara I",
          scoreX100: 9000,
        },
        {
          code: "D2",
          name: "Perpustakaan Desa Dua",
          category: "desa",
          rank: 2,
          prize: "Juara II",
          scoreX100: 8000,
        },
        {
          code: "K1",
          name: "Perpustakaan Kelurahan Satu",
          category: "kelurahan",
          rank: 1,
          prize: "Juara I",
          scoreX100: 8500,
        },
        {
          code: "K2",
          name: "Perpustakaan Kelurahan Dua",
          category: "kelurahan",
          rank: 2,
          prize: "Juara II",
          scoreX100: 7000,
        },
      ],
    });
    // ranked overall, the winners from both categories: Juara III is the only desa winner
    await insertPublishedCompetition(db, {
      slug: "mixed-2025",
      year: 2022,
      results: [
        {
          code: "MK1",
          name: "Kelurahan Juara Satu",
          category: "kelurahan",
          rank: 1,
          prize: "Juara I",
          scoreX100: 9000,
        },
        {
          code: "MK2",
          name: "Kelurahan Juara Dua",
          category: "kelurahan",
          rank: 2,
          prize: "Juara II",
          scoreX100: 8800,
        },
        {
          code: "MD3",
          name: "Desa Juara Tiga",
          category: "desa",
          rank: 3,
          prize: "Juara III",
          scoreX100: 8600,
        },
      ],
    });
    server = await startServer({ dataDir: data.dir, env: prepared.env });
  });
  afterAll(async () => {
    await server?.stop();
    await prepared?.close();
    data.remove();
  });

  it("shows published competitions and hides draft, scoring and closed ones with a 404", async () => {
    const client = new HttpClient(server.url);
    expect((await client.get("/competitions/pub-2025")).status).toBe(200);
    for (const slug of ["draft-2025", "closed-2025", "kutim-2024", "no-such-thing"]) {
      for (const page of ["", "/how-we-judged", "/ceremony", "/certificates"]) {
        expect((await client.get(`/competitions/${slug}${page}`)).status, `${slug}${page}`).toBe(
          404,
        );
      }
    }
    const home = await (await client.get("/")).text();
    expect(home).toContain("Lomba pub-2025");
    expect(home).toContain("Lomba cat-2025");
    expect(home).not.toContain("Lomba draft-2025");
    expect(home).not.toContain("Lomba closed-2025");
    // newest first
    expect(home.indexOf("Lomba pub-2025")).toBeLessThan(home.indexOf("Lomba cat-2025"));
  });

  it("lists the winners on the home page Juara I, II, III, category by category with the category named", async () => {
    const home = await (await new HttpClient(server.url).get("/")).text();
    const card = (slug: string) => {
      const start = home.indexOf(`Lomba ${slug}`);
      return home.slice(start, home.indexOf("Lihat para juara", start));
    };
    const prizes = (html: string) =>
      [...html.matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    // ranked overall: by place, whatever the category
    expect(prizes(card("mixed-2025"))).toEqual(["Juara I", "Juara II", "Juara III"]);
    expect(card("mixed-2025")).not.toContain("Kategori");
    // ranked by category: each category named, its winners in order
    const cat = card("cat-2025");
    expect(prizes(cat)).toEqual(["Juara I", "Juara II", "Juara I", "Juara II"]);
    expect(cat.indexOf("Kategori Desa")).toBeLessThan(cat.indexOf("Perpustakaan Desa Satu"));
    expect(cat.indexOf("Perpustakaan Desa Dua")).toBeLessThan(cat.indexOf("Kategori Kelurahan"));
    expect(cat.indexOf("Kategori Kelurahan")).toBeLessThan(
      cat.indexOf("Perpustakaan Kelurahan Satu"),
    );
    // no numbered list that would number the places a second time
    expect(cat).not.toContain("<ol");

    // the same order on the certificates, the link preview and the archive
    const certificates = await (
      await new HttpClient(server.url).get("/competitions/cat-2025/certificates")
    ).text();
    expect(
      [...certificates.matchAll(/class="certificate-name">([^<]+)</g)].map((m) => m[1]),
    ).toEqual([
      "Perpustakaan Desa Satu",
      "Perpustakaan Desa Dua",
      "Perpustakaan Kelurahan Satu",
      "Perpustakaan Kelurahan Dua",
    ]);
    const page = await (await new HttpClient(server.url).get("/competitions/cat-2025")).text();
    expect(page).toContain(
      'content="Juara I (Desa): Perpustakaan Desa Satu; Juara II (Desa): Perpustakaan Desa Dua; Juara I (Kelurahan): Perpustakaan Kelurahan Satu; Juara II (Kelurahan): Perpustakaan Kelurahan Dua"',
    );
    const mixed = await (await new HttpClient(server.url).get("/competitions/mixed-2025")).text();
    expect(mixed).toMatch(
      /content="Juara I: Kelurahan Juara Satu; Juara II: Kelurahan Juara Dua; Juara III: Desa Juara Tiga"/,
    );
    const archive = await (await new HttpClient(server.url).get("/archive")).text();
    expect(archive).toContain("Juara I</strong> (Kategori Kelurahan)");
  });

  it("keeps the site around 403 and 404 pages, each with its own heading and advice, in the visitor's language", async () => {
    const heading = (html: string) => /<h1>([^<]+)<\/h1>/.exec(html)?.[1];
    const title = (html: string) => /<title>([^<]+)<\/title>/.exec(html)?.[1];
    const anon = new HttpClient(server.url);
    for (const url of ["/no-such-page", "/competitions/no-such-thing", "/libraries/BARU"]) {
      const res = await anon.get(url);
      expect(res.status, url).toBe(404);
      const html = await res.text();
      expect(heading(html), url).toBe("Halaman tidak ditemukan");
      expect(title(html), url).toBe("Halaman tidak ditemukan · Juara");
      expect(html, url).toContain("Periksa kembali alamatnya");
      // the normal layout: navigation, login link, language switch
      expect(html, url).toContain('class="site-header"');
      expect(html, url).toContain('href="/archive"');
      expect(html, url).toContain('href="/login"');
      expect(html, url).toContain("English");
    }

    const judge = new HttpClient(server.url);
    await judge.login("juri1@juara.demo", DEMO_PASSWORD);
    const forbidden = await judge.get("/chair/competitions/kutim-2024/settings");
    expect(forbidden.status).toBe(403);
    const html = await forbidden.text();
    expect(heading(html)).toBe("Akses ditolak");
    expect(title(html)).toBe("Akses ditolak · Juara");
    expect(html).toContain("Anda tidak berhak membuka halaman ini.");
    expect(html).toContain("minta ketua panitia atau admin");
    // still signed in: their name, the logout button and the way back to their work
    expect(html).toContain('action="/logout"');
    expect(html).toContain('href="/dashboard"');
    expect(html).not.toContain('href="/login"');

    await judge.post("/language", { lang: "en", redirectTo: "/" });
    const english = await (await judge.get("/chair/competitions/kutim-2024/settings")).text();
    expect(heading(english)).toBe("Access denied");
    expect(english).toContain('<html lang="en"');
    const missing = await (await judge.get("/no-such-page")).text();
    expect(heading(missing)).toBe("Page not found");
    expect(title(missing)).toBe("Page not found · Juara");
    expect(missing).toContain('action="/logout"');
  });

  it("serves a public page from its rendered copy, and other pages with a fresh nonce each time", async () => {
    const pages = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/competitions/pub-2025`);
      pages.push({ policy: res.headers.get("content-security-policy"), body: await res.text() });
    }
    // the same document and the same policy for every anonymous visitor
    expect(pages[1]).toEqual(pages[0]);
    expect(pages[2]).toEqual(pages[0]);

    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/login`);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")![1]!;
      const html = await res.text();
      const scriptNonces = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      nonces.push(nonce);
    }
    expect(nonces[1]).not.toBe(nonces[0]);
  });

  it("puts Juara I, II, III on the podium in order, then Harapan, then the full ranking with shared ranks", async () => {
    const html = await (await new HttpClient(server.url).get("/competitions/pub-2025")).text();
    const podium = html.slice(
      html.indexOf('class="podium"'),
      html.indexOf("</ol>", html.indexOf('class="podium"')),
    );
    const places = [...podium.matchAll(/class="prize">([^<]+)</g)].map((m) => m[1]);
    expect(places).toEqual(["Juara I", "Juara II", "Juara III"]);
    expect(podium.indexOf("Sepaso")).toBeLessThan(podium.indexOf("Swarga Bara"));
    expect(podium.indexOf("Swarga Bara")).toBeLessThan(podium.indexOf("Suka Rahmat"));
    expect(html).toContain("91,25"); // Indonesian decimal comma
    expect(html.indexOf("Harapan I")).toBeGreaterThan(html.indexOf('class="podium"'));
    expect(html).toContain('title="Peringkat sama"');
  });

  it("escapes library names: a name that looks like HTML shows as text", async () => {
    const html = await (await new HttpClient(server.url).get("/competitions/pub-2025")).text();
    expect(html).not.toContain("<script>alert('pwned')</script>");
    expect(html).toContain("&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;");
  });

  it("gives each category its own section with its own podium, and notes a correction", async () => {
    const html = await (await new HttpClient(server.url).get("/competitions/cat-2025")).text();
    expect(html).toContain("Kategori Desa");
    expect(html).toContain("Kategori Kelurahan");
    expect(html.indexOf("Kategori Desa")).toBeLessThan(html.indexOf("Kategori Kelurahan"));
    expect([...html.matchAll(/class="podium"/g)]).toHaveLength(2);
    expect(html).toContain("Hasil ini telah dikoreksi");
    expect(html).toContain("Salah ketik nilai juri 2 untuk Kelurahan Teluk Lingga");
    const pub = await (await new HttpClient(server.url).get("/competitions/pub-2025")).text();
    expect(pub).not.toContain("Hasil ini telah dikoreksi");
  });

  it("sends ETag and Cache-Control and answers 304 to a matching If-None-Match, for pages and data requests", async () => {
    const client = new HttpClient(server.url);
    const first = await client.get("/competitions/pub-2025");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get("cache-control")).toContain("public");
    expect(first.headers.get("vary")).toContain("Cookie");
    const again = await client.get("/competitions/pub-2025", {
      "If-None-Match": etag!,
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    const other = await client.get("/competitions/pub-2025", {
      "If-None-Match": '"something-else"',
    });
    expect(other.status).toBe(200);

    const dataUrl = "/competitions/pub-2025?_data=routes%2Fcompetitions.%24slug._index";
    const data = await client.get(dataUrl);
    expect(data.status).toBe(200);
    const dataEtag = data.headers.get("etag")!;
    expect((await client.get(dataUrl, { "If-None-Match": dataEtag })).status).toBe(304);

    for (const page of ["/how-we-judged", "/ceremony", "/certificates"]) {
      const res = await client.get(`/competitions/pub-2025${page}`);
      expect(res.status).toBe(200);
      expect(
        (
          await client.get(`/competitions/pub-2025${page}`, {
            "If-None-Match": res.headers.get("etag")!,
          })
        ).status,
      ).toBe(304);
    }
  });

  it("leaves a public page's scripts to after its first paint, and a streamed page's as Remix wrote them", async () => {
    const html = await (await fetch(`${server.url}/competitions/pub-2025`)).text();
    // every preload is one the browser ignores until the page's script switches it back
    expect(html).not.toContain('rel="modulepreload"');
    const later = [...html.matchAll(/<link rel="modulepreload-after-paint" href="([^"]+)"/g)];
    expect(later.length).toBeGreaterThan(5);
    const module = /<script[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(module).not.toMatch(/^\s*import\s/m);
    expect(module).toMatch(/^requestAnimationFrame\(\(\) => setTimeout\(async \(\) => \{/);
    expect(module).toContain('link.rel = "modulepreload"');
    // the route modules Remix imports, now imported after the paint, and the entry after them
    expect(module).toMatch(/import\("\/build\/root-[^"]+\.js"\)/);
    expect(module).toMatch(/import\("\/build\/routes\/competitions\.\$slug\._index-[^"]+\.js"\)/);
    expect(module).toMatch(/window\.__remixRouteModules = \{"root":route0,/);
    expect(module).toMatch(/import\("\/build\/entry\.client-[^"]+\.js"\);\n\}\)\);$/);
    // a page rendered for each request streams as Remix wrote it
    const login = await (await fetch(`${server.url}/login`)).text();
    expect(login).toContain('rel="modulepreload"');
    expect(login).not.toContain("modulepreload-after-paint");
  });

  it("allows a cached page's scripts by their hashes, so a 304 never pairs old HTML with a new policy", async () => {
    const inlineScripts = (html: string) =>
      [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const sha256 = (text: string) =>
      `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;
    for (const login of [null, "ketua@juara.demo"]) {
      const client = new HttpClient(server.url);
      if (login) await client.login(login, DEMO_PASSWORD);
      for (const page of ["", "/ceremony"]) {
        const url = `/competitions/pub-2025${page}`;
        const first = await client.get(url);
        const policy = first.headers.get("content-security-policy")!;
        const html = await first.text();
        // no nonce that a shared cache would hand to every visitor
        expect(policy).not.toContain("'nonce-");
        expect(html).not.toMatch(/nonce="[^"]+"/);
        const scripts = inlineScripts(html);
        expect(scripts.length).toBeGreaterThan(0);
        for (const script of scripts) expect(policy).toContain(sha256(script));
        // a second visitor and a revalidation get the very same policy
        expect((await client.get(url)).headers.get("content-security-policy")).toBe(policy);
        const revalidated = await client.get(url, { "If-None-Match": first.headers.get("etag")! });
        expect(revalidated.status).toBe(304);
        expect(revalidated.headers.get("content-security-policy")).toBe(policy);
      }
    }
  });

  it("keeps a logged-in visitor's page private and validated separately from the public one", async () => {
    const anon = await new HttpClient(server.url).get("/competitions/pub-2025");
    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    const mine = await chair.get("/competitions/pub-2025");
    expect(mine.headers.get("cache-control")).toBe("private, no-cache");
    expect(mine.headers.get("etag")).not.toBe(anon.headers.get("etag"));
    expect(
      (
        await chair.get("/competitions/pub-2025", {
          "If-None-Match": anon.headers.get("etag")!,
        })
      ).status,
    ).toBe(200);
    // and the language is part of the validator too
    const english = new HttpClient(server.url);
    await english.post("/language", { lang: "en", redirectTo: "/" });
    const en = await english.get("/competitions/pub-2025");
    expect(en.headers.get("etag")).not.toBe(anon.headers.get("etag"));
    expect(await en.text()).toContain("Full ranking");
  });

  it("explains how the competition was judged from its own settings", async () => {
    const html = await (
      await new HttpClient(server.url).get("/competitions/pub-2025/how-we-judged")
    ).text();
    expect(html).toContain("Koleksi");
    expect(html).toContain("Bobot 60%");
    expect(html).toContain("Skala 1–5");
    expect(html).toContain("rata-rata");
    expect(html).toContain("Desa dan kelurahan diperingkat bersama.");
  });

  it("prints one certificate per prize winner, Juara I first", async () => {
    const html = await (
      await new HttpClient(server.url).get("/competitions/pub-2025/certificates")
    ).text();
    const prizes = [...html.matchAll(/class="certificate-prize">([^<]+)</g)].map((m) => m[1]);
    expect(prizes).toEqual(["Juara I", "Juara II", "Juara III", "Harapan I", "Harapan II"]);
    expect(html).toContain("Piagam Penghargaan");
    expect(html).toContain("Ketua Dewan Juri");
  });

  it("dates and signs the certificates from the competition's document details, and revalidates when they change", async () => {
    const anon = new HttpClient(server.url);
    const url = "/competitions/kutim-2023/certificates";
    const before = await anon.get(url);
    const etag = before.headers.get("etag")!;
    const html = await before.text();
    // nothing recorded yet: the publication's date, the default titles, blank names
    expect(html).toContain("Ketua Dewan Juri");
    expect(html).toContain("Kepala Dinas Perpustakaan dan Kearsipan");
    expect(html).not.toContain("17 Agustus 2023");

    const chair = new HttpClient(server.url);
    await chair.login("ketua@juara.demo", DEMO_PASSWORD);
    const saved = await chair.post("/chair/competitions/kutim-2023/settings", {
      intent: "documents",
      decisionDate: "2023-08-17",
      decisionPlace: "Sangatta",
      documentNumber: "045/BA/2023",
      chairSignerName: "Dr. Bambang Prasetyo",
      chairSignerTitle: "",
      headSignerName: "Drs. H. Ayub, M.Si.",
      headSignerTitle: "Kepala Dinas Perpustakaan dan Kearsipan Kabupaten Kutai Timur",
    });
    expect(saved.status).toBe(200);

    const after = await anon.get(url, { "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    const signed = await after.text();
    expect(signed).toContain('class="certificate-date">Sangatta, 17 Agustus 2023<');
    expect(signed).toContain('class="signature-title">Ketua Dewan Juri<');
    expect(signed).toContain('class="signature-name">Dr. Bambang Prasetyo<');
    expect(signed).toContain(
      'class="signature-title">Kepala Dinas Perpustakaan dan Kearsipan Kabupaten Kutai Timur<',
    );
    expect(signed).toContain('class="signature-name">Drs. H. Ayub, M.Si.<');
    // the new page is served from its cache and revalidates as before
    const etag2 = after.headers.get("etag")!;
    expect((await anon.get(url, { "If-None-Match": etag2 })).status).toBe(304);
    // the change is in the audit trail
    const audit = await (await chair.get("/audit")).text();
    expect(audit).toContain("Drs. H. Ayub, M.Si.");
    // and an impossible date is refused with the field's message, nothing saved
    const refused = await chair.post("/chair/competitions/kutim-2023/settings", {
      intent: "documents",
      decisionDate: "2023-02-30",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Isian tidak valid.");
    expect(await (await anon.get(url)).text()).toContain("Sangatta, 17 Agustus 2023");
  });

  it("reveals the ceremony in order without JavaScript: Harapan II, Harapan I, Juara III, II, I", async () => {
    const client = new HttpClient(server.url);
    const shown: string[] = [];
    for (let step = 1; step <= 5; step++) {
      const html = await (await client.get(`/competitions/pub-2025/ceremony?step=${step}`)).text();
      shown.push(/class="ceremony-prize">([^<]+)</.exec(html)![1]!);
    }
    expect(shown).toEqual(["Harapan II", "Harapan I", "Juara III", "Juara II", "Juara I"]);
    // it opens on the first reveal (out-of-range steps too), with a way out and the keys explained
    for (const url of ["", "?step=0", "?step=-3", "?step=x"]) {
      const html = await (await client.get(`/competitions/pub-2025/ceremony${url}`)).text();
      expect(/class="ceremony-prize">([^<]+)</.exec(html)?.[1], url).toBe("Harapan II");
      expect(html, url).toContain("Pengumuman 1 dari 5");
      expect(html, url).toContain('href="/competitions/pub-2025"');
      expect(html, url).toContain('class="ceremony-hint"');
    }
    // the last one: no Next link and no key hint
    const last = await (await client.get("/competitions/pub-2025/ceremony?step=9")).text();
    expect(/class="ceremony-prize">([^<]+)</.exec(last)?.[1]).toBe("Juara I");
    expect(last).not.toContain('class="ceremony-hint"');
    expect(last).not.toContain("ceremony-next");
  });

  it("has a library page with its history, and an archive by year and district", async () => {
    const client = new HttpClient(server.url);
    const lib = await client.get("/libraries/SEPASO");
    expect(lib.status).toBe(200);
    const html = await lib.text();
    // codes match whatever the letters' case
    const lower = await client.get("/libraries/sepaso");
    expect(lower.status).toBe(200);
    expect(await lower.text()).toContain("Pustaka Ilmu Desa Sepaso");
    expect(html).toContain("Pustaka Ilmu Desa Sepaso");
    expect(html).toContain("Lomba pub-2025");
    // a library without published results has no public page
    expect((await client.get("/libraries/BARU")).status).toBe(404);
    const archive = await (await client.get("/archive")).text();
    expect(archive).toContain("2024");
    expect(archive).toContain("Kaubun");
    expect(archive).not.toContain("draft-2025");
  });

  it("has a favicon, as an SVG linked from every page and at /favicon.ico", async () => {
    const client = new HttpClient(server.url);
    for (const url of ["/", "/competitions/pub-2025", "/no-such-page"]) {
      const html = await (await client.get(url)).text();
      expect(html, url).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
      expect(html, url).toContain('<link rel="icon" href="/favicon.ico"');
    }
    for (const [url, type] of [
      ["/favicon.ico", /icon/],
      ["/favicon.svg", /^image\/svg\+xml/],
    ] as const) {
      const res = await client.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type"), url).toMatch(type);
      expect((await res.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
    }
  });

  it("describes each page for link previews", async () => {
    const html = await (await new HttpClient(server.url).get("/competitions/pub-2025")).text();
    expect(html).toContain('property="og:title" content="Lomba pub-2025"');
    expect(html).toMatch(
      /property="og:description" content="Juara I: Pustaka Ilmu Desa Sepaso; Juara II/,
    );
    expect(html).toContain('name="viewport"');
  });
});
