import { jobs } from '@orbit/jobs';
import { and, eq, sql } from 'drizzle-orm';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { startEventReceiver } from '../test/receiver.js';
import { MEMBERSHIP_EVENTS_QUEUE, type MembershipEventDelivery } from './events.js';

describe('membership events', () => {
  let hub: TestHub;
  let mail: Awaited<ReturnType<typeof startEventReceiver>>;

  beforeAll(async () => {
    hub = await startTestHub();
    mail = await startEventReceiver();
    await hub.services.serviceRegistry.register(testManifest(), mail.origin);
    // Reads no membership (neither entitlements:read nor the membership scope): nothing for it to refresh.
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'clock', name: 'Clock', hubScopes: [], perks: [], badge: false }),
      'http://localhost:4999',
    );
  });
  afterAll(async () => {
    await mail?.close();
    await hub?.close();
  });

  async function account(): Promise<string> {
    const handle = uniqueHandle('evt');
    return (await hub.services.accounts.create({ handle, displayName: handle, password: GOOD_PASSWORD })).id;
  }

  const deliveriesFor = (accountId: string) =>
    hub.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, MEMBERSHIP_EVENTS_QUEUE), sql`${jobs.payload}->>'accountId' = ${accountId}`));

  const changed = (accountId: string, reason: 'granted' | 'revoked' = 'granted') =>
    hub.db.transaction((tx) => hub.services.membershipNotifier.changed(tx, accountId, reason));

  it('pushes a Security Event Token signed by the hub to each service that reads membership', async () => {
    const id = await account();
    await changed(id);
    expect((await deliveriesFor(id)).map((job) => job.payload)).toEqual([
      { serviceId: 'mail', accountId: id, reason: 'granted' },
    ]);
    const before = mail.received.length;
    expect(await hub.services.membershipEvents.deliverDue()).toBe(1);
    const [delivery] = mail.received.slice(before);
    expect(delivery).toMatchObject({ path: '/orbit/events', contentType: 'application/secevent+jwt' });

    const jwks = createLocalJWKSet(await hub.services.keys.jwks());
    const { payload, protectedHeader } = await jwtVerify(delivery!.body, jwks, {
      issuer: hub.config.issuer,
      audience: 'mail',
      typ: 'secevent+jwt',
      currentDate: hub.clock.now(),
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toEqual({
      iss: hub.config.issuer,
      aud: 'mail',
      sub: id,
      iat: Math.floor(hub.clock.now().getTime() / 1000),
      jti: expect.any(String),
      events: { 'urn:orbit:event:membership-changed': { reason: 'granted' } },
    });
    expect((await deliveriesFor(id))[0]).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('makes one delivery per change: calls in one transaction and a burst waiting to be sent collapse', async () => {
    const id = await account();
    await hub.db.transaction(async (tx) => {
      await hub.services.membershipNotifier.changed(tx, id, 'granted');
      await hub.services.membershipNotifier.changed(tx, id, 'revoked');
    });
    await changed(id, 'granted');
    await changed(id, 'granted');
    expect(await deliveriesFor(id)).toHaveLength(1);
    await changed(id, 'revoked');
    expect((await deliveriesFor(id)).map((job) => (job.payload as MembershipEventDelivery).reason)).toEqual([
      'granted',
      'revoked',
    ]);

    const before = mail.received.length;
    expect(await hub.services.membershipEvents.deliverDue()).toBe(2);
    // Once sent, the next change is a new delivery.
    await changed(id, 'granted');
    expect(await deliveriesFor(id)).toHaveLength(3);
    expect(await hub.services.membershipEvents.deliverDue()).toBe(1);
    const reasons = mail.received
      .slice(before)
      .map(
        (r) =>
          (decodeJwt(r.body).events as Record<string, { reason: string }>)[
            'urn:orbit:event:membership-changed'
          ]?.reason,
      );
    expect(reasons).toEqual(['granted', 'revoked', 'granted']);
  });

  it('queues nothing when the change is rolled back', async () => {
    const id = await account();
    await expect(
      hub.db.transaction(async (tx) => {
        await hub.services.membershipNotifier.changed(tx, id, 'granted');
        throw new Error('the payment failed');
      }),
    ).rejects.toThrow('the payment failed');
    expect(await deliveriesFor(id)).toEqual([]);
  });

  it('retries with backoff while the service answers an error, and signs afresh each time', async () => {
    const id = await account();
    await changed(id);
    mail.answerNext(500);
    const before = mail.received.length;
    expect(await hub.services.membershipEvents.deliverDue()).toBe(1);
    expect((await deliveriesFor(id))[0]).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('answered 500'),
    });
    expect(await hub.services.membershipEvents.deliverDue()).toBe(0);
    hub.clock.advance(3_000);
    expect(await hub.services.membershipEvents.deliverDue()).toBe(1);
    expect((await deliveriesFor(id))[0]).toMatchObject({ state: 'done', attempts: 2 });
    const [first, second] = mail.received.slice(before).map((r) => decodeJwt(r.body));
    expect(second!.jti).not.toBe(first!.jti);
    expect(second!.iat).toBeGreaterThan(first!.iat!);
  });

  it('gives up at once when the service was disabled since', async () => {
    const id = await account();
    await changed(id);
    await hub.services.serviceRegistry.setDisabled('mail', true);
    try {
      const before = mail.received.length;
      expect(await hub.services.membershipEvents.deliverDue()).toBe(1);
      expect(mail.received.length).toBe(before);
      expect((await deliveriesFor(id))[0]).toMatchObject({
        state: 'failed',
        attempts: 1,
        lastError: expect.stringMatching(/^PermanentJobError: /),
      });
      // A disabled service gets no new deliveries either.
      await changed(id, 'revoked');
      expect(await deliveriesFor(id)).toHaveLength(1);
    } finally {
      await hub.services.serviceRegistry.setDisabled('mail', false);
    }
  });
});
