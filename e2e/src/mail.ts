import { MAIL_WEB_DIR } from '@orbit/mail';
import { startTestMail, type TestMail } from '@orbit/mail/testing';
import type { LaunchedHub } from '@orbit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startE2eHub } from './hub.js';

/**
 * The real Mail service with its built pages, registered with `launched` as `npm start` registers it; `env`
 * overrides Mail's configuration. With `credentialsFile`, Mail reads the credentials file in the hub's data
 * folder, as under `npm start` (a console rotation rewrites it).
 */
export const startMail = (
  launched: LaunchedHub,
  env: Record<string, string> = {},
  options: { credentialsFile?: boolean } = {},
): Promise<TestMail> => startTestMail(launched, { webDir: MAIL_WEB_DIR, env, ...options });

/**
 * A real hub, the real Mail registered with it, and a Chromium, started once for a test file and stopped after
 * it. Read them inside tests (they exist once `beforeAll` has run).
 */
export function useHubMailAndBrowser(): {
  readonly hub: LaunchedHub;
  readonly mail: TestMail;
  readonly browser: Browser;
} {
  let hub: LaunchedHub | undefined;
  let mail: TestMail | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([startE2eHub(), launchBrowser()]);
    mail = await startMail(hub);
  });
  afterAll(async () => {
    await browser?.close();
    await mail?.close();
    await hub?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not started yet (use it inside a test)`);
    return value;
  };
  return {
    get hub() {
      return started(hub, 'the hub');
    },
    get mail() {
      return started(mail, 'Mail');
    },
    get browser() {
      return started(browser, 'the browser');
    },
  };
}
