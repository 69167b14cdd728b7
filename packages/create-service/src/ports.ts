import { ScaffoldError } from './errors.js';

/** The hub's default port. */
export const HUB_PORT = 4000;

/** Services count up from 4101, which DESIGN.md gives Mail; a new service never starts lower. */
export const MAIL_PORT = 4101;

/**
 * The port a new service listens on by default: `requested` when it is free, else the next one above the
 * highest port any service's manifest declares (4102 when Mail is the only one).
 */
export function pickPort(taken: readonly number[], requested?: number): number {
  const used = new Set([HUB_PORT, ...taken]);
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1024 || requested > 65535) {
      throw new ScaffoldError('port.invalid', `--port must be a whole number from 1024 to 65535.`);
    }
    if (used.has(requested)) {
      throw new ScaffoldError(
        'port.taken',
        `Port ${requested} is taken (the hub, or another service's manifest).`,
      );
    }
    return requested;
  }
  const next = Math.max(MAIL_PORT, ...taken) + 1;
  if (next > 65535) throw new ScaffoldError('port.invalid', 'No port is left above the highest one in use.');
  return next;
}
