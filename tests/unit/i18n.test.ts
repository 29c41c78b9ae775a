import { describe, expect, it } from "vitest";
import { catalogs, sections, translate } from "../../app/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("give every message in both languages, non-empty, with the same placeholders", () => {
    const keys = Object.keys(catalogs.id) as (keyof typeof catalogs.id)[];
    expect(Object.keys(catalogs.en).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(catalogs.id[key].trim(), key).not.toBe("");
      expect(catalogs.en[key].trim(), key).not.toBe("");
      expect(placeholders(catalogs.en[key]), key).toEqual(placeholders(catalogs.id[key]));
    }
  });

  it("define each key in exactly one section, so none silently overrides another", () => {
    const seen = new Map<string, number>();
    for (const section of sections) {
      for (const key of Object.keys(section.id)) seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen].filter(([, n]) => n > 1).map(([key]) => key)).toEqual([]);
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
