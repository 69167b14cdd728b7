import { orbitSessions } from '@orbit/sdk';
import { mail } from './schema.js';

/** The SDK's service sessions, in Mail's own schema (its migration is Mail's, like every other table). */
export const orbitSessionsTable = orbitSessions(mail);
