import { MAIL_WEB_DIR } from '@orbit/mail';
import { startTestMail, type TestMail } from '@orbit/mail/testing';
import type { LaunchedHub } from '@orbit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { sharedBrowser, sharedHub } from './fixture.js';
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
 * The run's shared hub and Chromium (see fixture.ts) — or with `ownHub` a hub of the file's own on an empty
 * database, whose one-time setup link still works — and the real Mail registered with it, started for a test file
 * and stopped after it. Read them inside tests (they exist once `beforeAll` has run).
 */
export function useHubMailAndBrowser({ ownHub = false }: { ownHub?: boolean } = {}): {
  readonly hub: LaunchedHub;
  readonly mail: TestMail;
  readonly browser: Browser;
} {
  let hub: LaunchedHub | undefined;
  let mail: TestMail | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([ownHub ? startE2eHub() : sharedHub(), sharedBrowser()]);
    mail = await startMail(hub);
  });
  afterAll(async () => {
    await mail?.close();
    if (ownHub) await hub?.close();
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
