import { defineModule, uses } from '../module.js';
import type { PasskeysExports } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import { sessionRoutes } from './routes.js';
import { createSessions } from './sessions.js';

/** Server-side browser sessions: the cookie, `/api/session`, and the session list of an account. */
export const sessionsModule = defineModule({
  name: 'sessions',
  uses: uses<{ securityLog: SecurityLog } & Pick<PasskeysExports, 'passkeys' | 'stepUpCheck'>>(),
  services: ({ db, clock, config }) => ({ sessions: createSessions({ db, clock, config: config.session }) }),
  routes: ({ db, cookie }, s) =>
    sessionRoutes({
      db,
      sessions: s.sessions,
      cookie,
      passkeys: s.passkeys,
      securityLog: s.securityLog,
      stepUpCheck: s.stepUpCheck,
    }),
});
