import { describe, expect, it } from "vitest";
import { loadSections, SECTIONS, sectionOf, translate } from "../../app/i18n";
import { serverCatalogs } from "../../app/i18n/catalogs.server";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("give every message in both languages, non-empty, with the same placeholders", () => {
    for (const section of SECTIONS) {
      const id = serverCatalogs.id[section];
      const en = serverCatalogs.en[section];
      expect(Object.keys(en).sort(), section).toEqual(Object.keys(id).sort());
      for (const [key, message] of Object.entries(id)) {
        const english = en[key] ?? "";
        expect(message.trim(), key).not.toBe("");
        expect(english.trim(), key).not.toBe("");
        expect(placeholders(english), key).toEqual(placeholders(message));
      }
    }
  });

  it("define each key in exactly one section, so none silently overrides another", () => {
    const seen = new Map<string, number>();
    for (const section of SECTIONS) {
      for (const key of Object.keys(serverCatalogs.id[section])) {
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect([...seen].filter(([, n]) => n > 1).map(([key]) => key)).toEqual([]);
  });

  it("find each key's section from its prefix, as the browser does for a key it meets in data", () => {
    const wrong: string[] = [];
    for (const section of SECTIONS) {
      for (const key of Object.keys(serverCatalogs.id[section])) {
        if (sectionOf(key) !== section)
          wrong.push(`${key} is in ${section}, not ${sectionOf(key)}`);
      }
    }
    // a new key whose prefix points elsewhere: add the prefix to SECTION_BY_PREFIX in app/i18n
    expect(wrong).toEqual([]);
    expect(sectionOf("no-such-prefix.key")).toBeUndefined();
  });

  it("has every section of both languages on the server, without waiting", () => {
    for (const lang of ["id", "en"] as const) expect(loadSections(lang, SECTIONS)).toBeUndefined();
  });

  it("fills placeholders and speaks Indonesian by default", () => {
    expect(translate("id", "dashboard.welcome", { name: "Siti" })).toBe("Selamat datang, Siti.");
    expect(translate("en", "dashboard.welcome", { name: "Siti" })).toBe("Welcome, Siti.");
  });

  it("ends a sentence once when a filled-in value already ends with a full stop", () => {
    expect(translate("id", "dashboard.welcome", { name: "Nurhayati, S.IP." })).toBe(
      "Selamat datang, Nurhayati, S.IP.",
    );
    expect(translate("en", "results.behind", { names: "Rahmawati, Nurhayati, S.IP." })).toBe(
      "Not finished: Rahmawati, Nurhayati, S.IP.",
    );
    // a full stop inside a sentence is kept
    expect(translate("id", "public.corrected", { date: "1 Mei 2025" })).toBe(
      "Hasil ini telah dikoreksi dan diumumkan ulang pada 1 Mei 2025.",
    );
  });
});
