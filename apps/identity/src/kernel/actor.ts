import { userInfo } from 'node:os';
import type { Context } from 'hono';
import type { HubEnv } from '../env.js';
import { authOf } from './guards.js';

/** How an admin action reached the hub: the console, the CLI, or the hub itself. */
export const auditVias = ['console', 'cli', 'system'] as const;
export type AuditVia = (typeof auditVias)[number];

/** Who did an admin action, and from where (the audit log's "who" and "from where"). */
export interface AuditActor {
  /** The staff account; null for the CLI and the hub itself. */
  accountId: string | null;
  /** `@handle` in the console, the OS user for the CLI, `system` for the hub. */
  label: string;
  via: AuditVia;
  ip: string | null;
  userAgent: string;
}

/** The signed-in staff member making a console (API) request; use in a `requireSession` route. */
export function actorOf(c: Context<HubEnv>): AuditActor {
  const { account } = authOf(c);
  return {
    accountId: account.id,
    label: `@${account.handle}`,
    via: 'console',
    ip: c.get('clientIp'),
    userAgent: (c.req.header('user-agent') ?? '').slice(0, 512),
  };
}

/** The operator running the CLI beside the hub: the OS user name (no account signs in to the CLI). */
export function cliActor(osUser: string = currentOsUser()): AuditActor {
  return { accountId: null, label: osUser, via: 'cli', ip: null, userAgent: 'orbit-cli' };
}

/** The hub acting on its own (housekeeping, migrations of data); rarely an admin action, but recorded as one. */
export const SYSTEM_ACTOR: AuditActor = {
  accountId: null,
  label: 'system',
  via: 'system',
  ip: null,
  userAgent: '',
};

function currentOsUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    // No passwd entry for the uid (some containers): the uid still says who it was.
    return `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}
