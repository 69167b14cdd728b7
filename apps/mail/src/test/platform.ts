import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HttpBrowser,
  type LaunchedHub,
  launchHub,
  type ShiftedClock,
  signUp,
  type TestAccount,
} from '@orbit/testing';
import { startTestMail, type TestMail } from '../testing.js';

export interface MailPlatform {
  launched: LaunchedHub;
  mail: TestMail;
  app: TestMail['app'];
  /** A new account, signed in at the hub and (through single sign-on) at Mail. */
  person(displayName?: string): Promise<{ browser: HttpBrowser; account: TestAccount }>;
  close(): Promise<void>;
}

/** The real hub and the real Mail service, each on its own port and database, as `npm start` runs them. */
export async function startMailPlatform(
  env: Record<string, string> = {},
  /** The time of both (the system's unless given): a test moves it, e.g. past a deletion's grace period. */
  clock?: ShiftedClock,
): Promise<MailPlatform> {
  const launched = await launchHub({}, { clock });
  const webDir = await mkdtemp(join(tmpdir(), 'orbit-mail-web-'));
  await writeFile(
    join(webDir, 'index.html'),
    '<!doctype html><html><head><title>Mail</title></head><body></body></html>',
  );
  const mail = await startTestMail(launched, { webDir, env, ...(clock ? { clock } : {}) });
  return {
    launched,
    mail,
    app: mail.app,
    async person(displayName = 'Mail User') {
      const browser = new HttpBrowser();
      const account = await signUp(browser, launched.url, { displayName });
      const visit = await browser.navigate(`${mail.url}/`);
      if (visit.url !== `${mail.url}/`) throw new Error(`did not land signed in at Mail: ${visit.url}`);
      return { browser, account };
    },
    close: async () => {
      await mail.close();
      await launched.close();
      await rm(webDir, { recursive: true, force: true });
    },
  };
}
