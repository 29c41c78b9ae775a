import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium; no test tool ever downloads a browser of its own. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does it)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Logs in through the real form (Indonesian, the default language) and waits for the dashboard. */
export async function logIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(`${baseUrl}/dashboard`);
}

/** Resolves once React has hydrated the page (its keys and autosave then work). */
/** Waits until React has hydrated the page: before that a click is a plain browser action. */
export const waitForHydration = (page: Page) =>
  page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");

/**
 * One status move from a competition's overview, as the chair makes it: the "Pindahkan ke" link,
 * the confirmation (with a reason when given), and the notice saying what the status is now.
 */
export async function moveStatus(page: Page, label: string, options: { reason?: string } = {}) {
  await page.getByRole("link", { name: `Pindahkan ke: ${label}` }).click();
  await page.waitForURL(/\?move=/);
  if (options.reason !== undefined)
    await page.getByLabel("Alasan (wajib, dicatat di log audit)").fill(options.reason);
  await page.getByRole("button", { name: "Ya, ubah status" }).click();
  await page.waitForURL(/\?moved=/);
  await expect
    .poll(() => page.locator("p.notice[role=status]").textContent())
    .toContain(`Status lomba sekarang: ${label}.`);
}

/**
 * A judge fills the score boxes of a sheet (`scores` by indicator code, sheets without rubric
 * levels) and submits it: with JavaScript through the review dialog once autosave says saved,
 * without it through the review page's confirm form (`confirm=yes`). Resolves on the judge's list.
 */
export async function submitSheet(
  page: Page,
  baseUrl: string,
  slug: string,
  code: string,
  scores: Record<string, number>,
  options: { javaScriptEnabled: boolean },
) {
  const poll = { timeout: 15_000, interval: 100 };
  await page.goto(`${baseUrl}/judge/${slug}/${code}`);
  const status = page.locator("[data-status]");
  if (options.javaScriptEnabled) {
    await waitForHydration(page);
    await status.waitFor();
  }
  for (const [indicator, value] of Object.entries(scores))
    await page.getByLabel(`Nilai ${indicator} (`).fill(String(value));
  const submit = page.getByRole("button", { name: "Kirim nilai final", exact: true });
  if (options.javaScriptEnabled) {
    await expect.poll(() => status.getAttribute("data-status"), poll).toBe("saved");
    await submit.click();
    await page.getByRole("dialog").getByRole("button", { name: "Ya, kirim nilai final" }).click();
  } else {
    await submit.click();
    const review = page.getByRole("region", { name: "Periksa sebelum mengirim" });
    await review.getByRole("button", { name: "Ya, kirim nilai final" }).click();
  }
  await page.waitForURL(`${baseUrl}/judge/${slug}?submitted=${encodeURIComponent(code)}`);
}
