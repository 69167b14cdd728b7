import {
  ACCOUNT_DELETED_EVENT,
  MEMBERSHIP_CHANGED_EVENT,
  SOCIAL_EVENT_TYPES,
  SOCIAL_EVENTS,
  socialEventPayload,
} from '@orbit/contracts';
import type { Context } from 'hono';
import type { JWTPayload } from 'jose';
import type { Clock, HubConnection } from './hub-connection.js';
import type { SocialChange } from './social.js';

/** The event the hub sends when an account's membership changed (docs/membership.md, "Events"). */
export { MEMBERSHIP_CHANGED_EVENT } from '@orbit/contracts';

/** How old an event may be, by its `iat`: the hub signs each delivery (retries too) when it sends it. */
const MAX_AGE_SECONDS = 300;
/** Leeway for a hub clock a little ahead of ours. */
const FUTURE_LEEWAY_SECONDS = 60;
const MAX_REMEMBERED = 10_000;

export interface MembershipChange {
  sub: string;
  reason: string;
}

/**
 * The receiver of the hub's events (Security Event Tokens, RFC 8417, pushed as RFC 8935 describes) at the
 * manifest's `events` path: membership changes, friend and block changes (`social:read`), and an account deleted
 * for good (every service). Verifies each against the hub's keys (`typ: secevent+jwt`, issuer, audience = this
 * service, a fresh `iat`, a `jti` not seen before) and hands the change on. Answers 202 when accepted, 401 for a
 * token that is not the hub's (forged, unsigned, for another service, stale), 400 for a malformed request or an
 * event it doesn't know. A deletion is acknowledged (202) only once `accountDeleted` succeeded: when it throws,
 * 500, and the hub sends the event again.
 */
export function hubEventReceiver(deps: {
  connection: Pick<HubConnection, 'verify'>;
  clock: Clock;
  changed: (change: MembershipChange) => Promise<void>;
  socialChanged: (change: SocialChange) => Promise<void>;
  /** Deletes what the service holds about the account (docs/data-rights.md); must be idempotent. */
  accountDeleted: (sub: string) => Promise<void>;
}) {
  const { clock } = deps;
  /** `jti`s accepted, until they would be too old to accept anyway: a replay within that time is ignored. */
  const seen = new Map<string, number>();

  function firstSeen(jti: string, iat: number): boolean {
    const now = clock.now().getTime() / 1000;
    if (seen.has(jti)) return false;
    if (seen.size >= MAX_REMEMBERED) {
      for (const [id, until] of seen) if (until <= now) seen.delete(id);
      // Still full of live ones: a flood, not the hub's pace; forget the oldest rather than grow.
      if (seen.size >= MAX_REMEMBERED) seen.delete(seen.keys().next().value as string);
    }
    seen.set(jti, iat + MAX_AGE_SECONDS + FUTURE_LEEWAY_SECONDS);
    return true;
  }

  /** RFC 8935 §2.3: errors as `{ err, description }`. */
  const refuse = (c: Context, status: 400 | 401, err: string, description: string) =>
    c.json({ err, description }, status);

  return async function receiveMembershipEvent(c: Context) {
    c.header('Cache-Control', 'no-store');
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/secevent+jwt') {
      return refuse(c, 400, 'invalid_request', 'Send the event as application/secevent+jwt.');
    }
    const token = (await c.req.text()).trim();
    let claims: JWTPayload;
    try {
      claims = await deps.connection.verify(token, 'secevent+jwt');
    } catch {
      return refuse(c, 401, 'authentication_failed', 'The event is not one the hub signed for this service.');
    }
    const now = clock.now().getTime() / 1000;
    const { iat, jti, sub } = claims;
    if (typeof iat !== 'number' || iat < now - MAX_AGE_SECONDS || iat > now + FUTURE_LEEWAY_SECONDS) {
      return refuse(c, 401, 'authentication_failed', 'The event is too old, or from the future.');
    }
    const events = claims.events as Record<string, unknown> | undefined;
    const event = events?.[MEMBERSHIP_CHANGED_EVENT] as { reason?: unknown } | undefined;
    const socialUri = SOCIAL_EVENTS.find((uri) => events?.[uri] !== undefined);
    const social = socialUri ? socialEventPayload.safeParse(events?.[socialUri]) : undefined;
    const deleted = events?.[ACCOUNT_DELETED_EVENT] !== undefined;
    if (
      typeof jti !== 'string' ||
      !jti ||
      typeof sub !== 'string' ||
      !sub ||
      !(event || social?.success || deleted)
    ) {
      return refuse(
        c,
        400,
        'invalid_request',
        'The event lacks its jti, its sub or a change this service reads.',
      );
    }
    if (deleted) {
      // Acted on every time it comes (erasing is idempotent), and acknowledged only once it is done.
      try {
        await deps.accountDeleted(sub);
      } catch {
        return c.json(
          { err: 'erase_failed', description: 'The account’s data could not be deleted yet.' },
          500,
        );
      }
      return c.body(null, 202);
    }
    // Delivered already (the hub retries when an answer is lost): accepted, but acted on once.
    if (firstSeen(jti, iat)) {
      if (event)
        await deps.changed({ sub, reason: typeof event.reason === 'string' ? event.reason : 'changed' });
      if (socialUri && social?.success) {
        await deps.socialChanged({ type: SOCIAL_EVENT_TYPES[socialUri], sub, other: social.data.other });
      }
    }
    return c.body(null, 202);
  };
}
