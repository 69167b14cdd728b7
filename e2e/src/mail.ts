import { MAIL_WEB_DIR } from '@orbit/mail';
import { startTestMail, type TestMail } from '@orbit/mail/testing';
import type { LaunchedHub } from '@orbit/testing';

/** The real Mail service with its built pages, registered with `launched` as `npm start` registers it. */
export const startMail = (launched: LaunchedHub): Promise<TestMail> =>
  startTestMail(launched, { webDir: MAIL_WEB_DIR });
