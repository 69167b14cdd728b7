import { SPACE_WEB_DIR } from '@orbit/space';
import { startTestSpace, type TestSpace } from '@orbit/space/testing';
import type { LaunchedHub } from '@orbit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { sharedBrowser, sharedHub } from './fixture.js';

/**
 * The real Space service with its built pages (`npm run build` of `@orbit/space` makes them), registered with
 * `launched` as `npm start` registers it; `env` overrides Space's configuration.
 */
export const startSpace = (launched: LaunchedHub, env: Record<string, string> = {}): Promise<TestSpace> =>
  startTestSpace(launched, { webDir: SPACE_WEB_DIR, env });

/**
 * The run's shared hub and Chromium (fixture.ts) and the real Space registered with that hub, started for a test
 * file and stopped after it. Read them inside tests (they exist once `beforeAll` has run).
 */
export function useHubSpaceAndBrowser(): {
  readonly hub: LaunchedHub;
  readonly space: TestSpace;
  readonly browser: Browser;
} {
  let hub: LaunchedHub | undefined;
  let space: TestSpace | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([sharedHub(), sharedBrowser()]);
    space = await startSpace(hub);
  });
  afterAll(async () => {
    await space?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not started yet (use it inside a test)`);
    return value;
  };
  return {
    get hub() {
      return started(hub, 'the hub');
    },
    get space() {
      return started(space, 'Space');
    },
    get browser() {
      return started(browser, 'the browser');
    },
  };
}
