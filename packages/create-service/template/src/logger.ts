import { type Logger, pino } from 'pino';
import type { Config } from './config.js';
import { manifest } from './manifest.js';

/** Structured JSON logs (pino). */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: manifest.id } });
}
