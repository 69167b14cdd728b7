import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const FULL_BROWSER = '/usr/bin/chromium';

/** The first of `paths` that exists, else the last (so a message can name it). */
function firstExisting(...paths: string[]): string {
  return paths.find((path) => existsSync(path)) ?? paths[paths.length - 1]!;
}

/**
 * Debian's Chromium, never a downloaded one: the one `CHROMIUM_PATH` names, else Debian's headless shell
 * (`apt-get install chromium-headless-shell`) when installed, else the full browser (`apt-get install chromium`).
 * The headless shell is the same Chromium release built without the browser's own user interface — what
 * Playwright itself runs for headless tests — and ran the browser suite with half the CPU: Chromium's processes
 * took 56 CPU-s against 106 with the full browser (renderers 38 against 60, the browser process 12 against 31),
 * the suite 58 s against 84 s on its own (2026-12-07).
 */
export const chromiumPath = process.env.CHROMIUM_PATH || firstExisting(HEADLESS_SHELL, FULL_BROWSER);
export const hasChromium = existsSync(chromiumPath);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

const missing = `no Chromium at ${chromiumPath} — apt-get install chromium-headless-shell (or chromium, or set CHROMIUM_PATH)`;

/**
 * `describe` for tests that need Chromium. Without it they are skipped on a developer's machine (saying why),
 * but fail in CI: a green CI run must mean the browser tests ran.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (hasChromium) {
    describe(name, body);
  } else if (inCi) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Browser tests cannot run in CI: ${missing}`);
      });
    });
  } else {
    console.warn(`Browser tests skipped: ${missing}`);
    describe.skip(name, body);
  }
}

/**
 * Flags Chromium needs to run headless as root in a container, without reaching out to the network; and fewer
 * renderer processes: pages of one context share one instead of one per site (a context is a "device" and gets its
 * own; the suite opens about fifty). With the full browser the two heaviest test files took 9 % less CPU with
 * them (80 and 78 CPU-s against 89 and 84); with the headless shell the CPU is the same either way, and 36
 * renderer processes start instead of 81. Site isolation protects a user's browser from a compromised renderer,
 * which tests of our own pages don't need. V8's lite mode (no optimising compilers for the pages' JavaScript,
 * as `--liftoff-only` in the test workers): a page lives seconds, too short for optimised code to pay back its
 * compiling — the browser tests took 125 and 127 CPU-seconds in all with it against 134 and 137 without
 * (2026-12-07, sampled from /proc/stat, nothing else running).
 */
const args = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--renderer-process-limit=1',
  '--disable-site-isolation-trials',
  '--js-flags=--lite-mode',
];

/** Launches Chromium; Playwright gives it a fresh temporary `--user-data-dir` and removes it on close. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, chromiumSandbox: false, args });
}

/** A fresh browser context (its own cookies: a separate "device") with English as the browser language. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15_000);
  return context;
}

let shotDir: Promise<string> | undefined;
/**
 * Saves a full-page PNG and returns its path. Screenshots go to `ORBIT_E2E_SCREENSHOT_DIR` when set, else to
 * one temporary folder per run (printed, so a person can open them).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  shotDir ??= (async () => {
    const configured = process.env.ORBIT_E2E_SCREENSHOT_DIR;
    if (configured) {
      await mkdir(configured, { recursive: true });
      return configured;
    }
    const dir = await mkdtemp(join(tmpdir(), 'orbit-e2e-shots-'));
    console.info(`Screenshots: ${dir}`);
    return dir;
  })();
  const path = join(await shotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
