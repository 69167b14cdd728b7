import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testAdmin } from '@orbit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser } from './browser.js';
import type { LeftBehind } from './global-setup.js';
import { type E2eHub, startE2eHub } from './hub.js';

let hub: Promise<E2eHub> | undefined;
let browser: Promise<Browser> | undefined;

/**
 * The hub the whole end-to-end run shares: started by the first test file that asks, kept for every later one
 * (test files share their worker's modules, see `vitest.shared.ts`: one hub per worker, two in a run).
 * Tests make their own accounts and browser contexts, so they don't meet each other's state; a test that needs an
 * empty database (the first-run setup), its own clock or configuration starts its own (`useOwnHub`). It lives
 * until the worker ends (its PGlite in memory); the run's teardown (global-setup.ts) removes its data folder and
 * drops its PostgreSQL database.
 */
export function sharedHub(): Promise<E2eHub> {
  hub ??= (async () => {
    const started = await startE2eHub();
    // Noted first, so the teardown cleans up even when what follows fails.
    const left: LeftBehind = { dataDir: started.dataDir, databaseUrl: started.config.databaseUrl };
    await writeFile(join(inject('e2eRunDir'), `hub-${process.pid}.json`), JSON.stringify(left));
    // The testing kit's admin (grantRoles, grantMembership, …) comes through the one-time setup link, which
    // works only while no admin exists: made now, before any test makes admins of its own.
    await testAdmin(started);
    return started;
  })();
  hub.catch(() => {
    hub = undefined;
  });
  return hub;
}

/** The Chromium the whole run shares (Playwright ends it with this process); each test opens its own contexts. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= launchBrowser();
  browser.catch(() => {
    browser = undefined;
  });
  return browser;
}

/** A hub and a browser for a test file's tests, started in `beforeAll` (and, with `own`, stopped after it). */
function useHub(
  start: () => Promise<E2eHub>,
  own: boolean,
): { readonly hub: E2eHub; readonly browser: Browser } {
  let hub: E2eHub | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([start(), sharedBrowser()]);
  });
  if (own) {
    afterAll(async () => {
      await hub?.close();
    });
  }
  return {
    get hub() {
      if (!hub) throw new Error('the hub is not started yet (use it inside a test)');
      return hub;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet (use it inside a test)');
      return browser;
    },
  };
}

/**
 * The run's shared hub and Chromium (`sharedHub`, `sharedBrowser`) for a test file. Read `hub` and `browser` inside
 * tests (they exist once `beforeAll` has run).
 */
export function useHubAndBrowser(): { readonly hub: E2eHub; readonly browser: Browser } {
  return useHub(sharedHub, false);
}

/**
 * A hub of the test file's own on a fresh database (`startE2eHub(env, options)`), stopped after it, and the
 * run's shared Chromium: for tests of a first start (the one-time setup link), or that need their own clock or
 * configuration.
 */
export function useOwnHub(
  env: Record<string, string> = {},
  options: Parameters<typeof startE2eHub>[1] = {},
): { readonly hub: E2eHub; readonly browser: Browser } {
  return useHub(() => startE2eHub(env, options), true);
}
