import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  befriend,
  HttpBrowser,
  type LaunchedHub,
  launchHub,
  type ShiftedClock,
  signUp,
  type TestAccount,
} from '@orbit/testing';
import { startTestSpace, type TestSpace } from '../testing.js';

/** A person of a test: signed in at the hub and (through single sign-on) at Space. */
export interface SpacePerson {
  browser: HttpBrowser;
  account: TestAccount;
  /** A JSON call to Space as this person (`path` on Space’s origin). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely, asserting on their shape
  api<T = any>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; headers: Headers; body: T }>;
}

export interface SpacePlatform {
  launched: LaunchedHub;
  space: TestSpace;
  /** A new account, signed in at the hub and at Space. */
  person(displayName?: string): Promise<SpacePerson>;
  /** Makes two people friends at the hub (a request and its acceptance). */
  befriend(a: SpacePerson, b: SpacePerson, groups?: { a?: string; b?: string }): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real hub and the real Space service, each on its own port and database, as `npm start` runs them. One per
 * test file (`beforeAll`); each test makes its own people, so tests don't depend on each other.
 */
export async function startSpacePlatform(
  env: Record<string, string> = {},
  /** The time of both (the system's unless given): a test moves it, e.g. past a deletion's grace period. */
  clock?: ShiftedClock,
): Promise<SpacePlatform> {
  const launched = await launchHub({}, { clock });
  const webDir = await mkdtemp(join(tmpdir(), 'orbit-space-web-'));
  await writeFile(
    join(webDir, 'index.html'),
    '<!doctype html><html><head><title>Space</title></head><body><div id="root"></div></body></html>',
  );
  const space = await startTestSpace(launched, { webDir, env, ...(clock ? { clock } : {}) });
  return {
    launched,
    space,
    async person(displayName = 'Space User') {
      const browser = new HttpBrowser();
      const account = await signUp(browser, launched.url, { displayName });
      const visit = await browser.navigate(`${space.url}/`);
      if (visit.url !== `${space.url}/`) throw new Error(`did not land signed in at Space: ${visit.url}`);
      return {
        browser,
        account,
        api: (method, path, body) => browser.json(method, `${space.url}${path}`, body),
      };
    },
    befriend: (a, b, groups) => befriend(launched.url, a, b, groups),
    close: async () => {
      await space.close();
      await launched.close();
      await rm(webDir, { recursive: true, force: true });
    },
  };
}
