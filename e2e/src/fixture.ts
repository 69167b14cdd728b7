import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { type E2eHub, startE2eHub } from './hub.js';

/**
 * A real hub on a fresh database and a Chromium, started once for a test file and stopped after it.
 * Read `hub` and `browser` inside tests (they exist once `beforeAll` has run).
 */
export function useHubAndBrowser(): { readonly hub: E2eHub; readonly browser: Browser } {
  let hub: E2eHub | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([startE2eHub(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
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
