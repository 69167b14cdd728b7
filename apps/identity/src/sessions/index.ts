export { loadSession, sessionCookie } from './middleware.js';
export { sessionsModule } from './module.js';
export { acrOf, mergeAmr, type SessionContext, type Sessions, type SessionView } from './sessions.js';
