import { type Logger, pino } from 'pino';
import type { Config } from './config.js';

/** Structured JSON logs; secrets never reach them (cookies and auth headers are not logged). */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'identity' } });
}
