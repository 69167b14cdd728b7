import { defineModule, type HubContext } from '../module.js';
import { createSecretBox } from '../oidc/index.js';
import type { SecurityLog } from '../security/index.js';
import { createEmail, EMAIL_QUEUE } from './email.js';
import { createSecurityNotices } from './notices.js';
import { emailAdminRoutes } from './routes.js';
import { emailSchema } from './schema.js';

function emailServices(
  { db, clock, queue, config, keyEncryptionKey, print }: HubContext,
  { securityLog }: { securityLog: SecurityLog },
) {
  const email = createEmail({
    db,
    clock,
    queue,
    config: config.email,
    product: config.webauthn.rpName,
    box: createSecretBox(keyEncryptionKey),
    print,
  });
  // The security notices, sent from the security log's entries (in their transactions).
  securityLog.onRecord(createSecurityNotices({ email, issuer: config.issuer }));
  return { email };
}

/** Outgoing mail: templates, the queue, SMTP or the development outbox; the security notices. */
export const emailModule = defineModule({
  name: 'email',
  schema: emailSchema,
  services: emailServices,
  adminRoutes: (_web, { email }) => emailAdminRoutes({ outbox: email.outbox }),
  // SMTP, or the development outbox when ORBIT_SMTP_URL is not set; retried with backoff.
  jobs: ({ email }) => [{ queue: EMAIL_QUEUE, handler: email.deliver, concurrency: 2 }],
  onStart: ({ email }, { config, logger }) => {
    if (config.email.smtpUrl) {
      // A wrong host or password shows at start, not at the first password reset; mail waits and is retried.
      email.verify().then(
        () => logger.info('SMTP server reachable (ORBIT_SMTP_URL)'),
        (error: unknown) =>
          logger.warn(
            { err: error },
            'the SMTP server (ORBIT_SMTP_URL) could not be reached or refused to log in: mail is queued and retried',
          ),
      );
    } else if (config.secureCookies) {
      logger.warn(
        'ORBIT_SMTP_URL is not set: mail (password resets, verification links) goes to the development outbox, ' +
          'which admins can read. Set ORBIT_SMTP_URL to send it.',
      );
    }
  },
  onStop: ({ email }) => email.close(),
});
