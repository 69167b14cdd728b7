import { createLogger as createOrbitLogger } from '@orbit/log';
import type { Logger } from 'pino';
import type { Config } from './config.js';

/**
 * The hub's logger: JSON lines, or readable ones with `LOG_FORMAT=pretty` (formatted in a worker thread; see
 * @orbit/log). Secrets never reach it (cookies and auth headers are not logged; routes with a secret in the
 * path are logged by their pattern).
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, service = 'identity'): Logger {
  return createOrbitLogger({ service, level: config.logLevel, format: config.logFormat });
}
