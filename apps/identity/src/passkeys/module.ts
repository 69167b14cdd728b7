import { defineModule, type HubContext, uses } from '../module.js';
import type { SecurityLog } from '../security/index.js';
import { createChallenges } from './challenges.js';
import { createPasskeys } from './passkeys.js';
import { createRecoveryCodes } from './recovery-codes.js';
import { passkeyRoutes } from './routes.js';
import { passkeySchema } from './schema.js';
import { createStepUpCheck } from './step-up.js';

function passkeyServices({ db, clock, config }: HubContext, { securityLog }: { securityLog: SecurityLog }) {
  const challenges = createChallenges({ db, clock });
  const recoveryCodes = createRecoveryCodes({ db, clock });
  const passkeys = createPasskeys({
    db,
    clock,
    config: config.webauthn,
    challenges,
    recoveryCodes,
    securityLog,
  });
  return { challenges, recoveryCodes, passkeys, stepUpCheck: createStepUpCheck({ db, clock }) };
}
export type PasskeysExports = ReturnType<typeof passkeyServices>;

/** Passkeys (WebAuthn), recovery codes, and the step-up check every sensitive route uses. */
export const passkeysModule = defineModule({
  name: 'passkeys',
  uses: uses<{ securityLog: SecurityLog }>(),
  schema: passkeySchema,
  services: passkeyServices,
  routes: ({ db, clock }, s) =>
    passkeyRoutes({
      db,
      clock,
      passkeys: s.passkeys,
      recoveryCodes: s.recoveryCodes,
      stepUpCheck: s.stepUpCheck,
      securityLog: s.securityLog,
    }),
});
