import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../test/client.js';
import { createBilling } from './billing.js';
import {
  type BillingHub,
  buyBody,
  CARDS,
  ledgerOf,
  moveTo,
  newMember,
  rowsOf,
  runBillingJobs,
  sandboxChargesLike,
  startBillingHub,
  subscribe,
} from './billing-testkit.js';
import type { PaymentProvider } from './payments/provider.js';
import { createSandboxProvider } from './payments/sandbox.js';
import { purchases } from './schema.js';
import { addPeriod, PERIOD_END_QUEUE } from './subscriptions.js';

/** The hub's own provider, except that after a charge goes through it never answers: the process died there. */
function crashingAfterCharge(inner: PaymentProvider) {
  let charged!: () => void;
  let count = 0;
  const crashes = { next: new Promise<void>((resolve) => (charged = resolve)) };
  const provider: PaymentProvider = {
    id: inner.id,
    createPaymentMethod: (card) => inner.createPaymentMethod(card),
    refund: (request) => inner.refund(request),
    async charge(request) {
      await inner.charge(request);
      count++;
      charged();
      crashes.next = new Promise<void>((resolve) => (charged = resolve));
      return new Promise(() => {});
    },
  };
  return { provider, crashes, charges: () => count };
}

describe('a hub that dies in the middle of a charge', () => {
  let database: TestDatabase;
  let dataDir: string;
  let hubB: BillingHub | undefined;

  afterAll(async () => {
    await hubB?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  // Two hubs start in this test (the embedded one from files): it may take longer than most.
  it('neither loses nor doubles a renewal or a purchase: the next hub finishes each, charged once', async () => {
    database = await createTestDatabase();
    // Embedded PGlite keeps its files here, so a second hub opens the same data; Postgres is shared by URL.
    dataDir = await mkdtemp(join(tmpdir(), 'orbit-billing-restart-'));
    const env = { ORBIT_DATA_DIR: dataDir };
    const hubA = await startBillingHub(env, { database });
    const renewing = await newMember(hubA);
    const buying = await newMember(hubA);
    const sub = await subscribe(renewing);
    const periodEnd = new Date(sub.currentPeriodEnd);

    const crashing = crashingAfterCharge(createSandboxProvider({ db: hubA.db, clock: hubA.clock }));
    const billingA = createBilling({
      db: hubA.db,
      clock: hubA.clock,
      queue: hubA.services.queue,
      provider: crashing.provider,
      notifier: hubA.services.membershipNotifier,
      securityLog: hubA.services.securityLog,
    });
    moveTo(hubA, periodEnd);
    // Hub A's worker takes the period-end job, the renewal is charged, and the process dies.
    void hubA.services.queue.runDue(PERIOD_END_QUEUE, billingA.lifecycle.handlePeriodEnd);
    await crashing.crashes.next;
    // And a purchase is charged, then the process dies before recording it.
    const key = randomUUID();
    const input = {
      tierId: 'svip',
      period: 'month',
      currency: 'CNY',
      autoRenew: true,
      card: CARDS.succeeds,
    } as const;
    void billingA.purchases.subscribe(buying.id, key, input);
    await crashing.crashes.next;
    expect(crashing.charges()).toBe(2);
    expect(await sandboxChargesLike(hubA, `renew:${sub.id}:`)).toHaveLength(1);
    expect(await sandboxChargesLike(hubA, `purchase:${buying.id}:${key}`)).toHaveLength(1);
    expect(await ledgerOf(hubA, renewing.id)).toHaveLength(1);
    expect(await rowsOf(hubA, buying.id)).toEqual([]);
    const crashedAt = hubA.clock.now().getTime();
    await hubA.close();

    // Hub B over the same database. The purchase's recovery is due 10 s after its claim: settled within 15 s of
    // the crash (issue 18). The renewal waits for its job's lease (60 s).
    hubB = await startBillingHub(env, { database });
    moveTo(hubB, new Date(crashedAt + 5_000));
    expect(await runBillingJobs(hubB)).toBe(0);
    expect(await rowsOf(hubB, buying.id)).toEqual([]);
    moveTo(hubB, new Date(crashedAt + 15_000));
    expect(await runBillingJobs(hubB)).toBe(0);
    expect(await rowsOf(hubB, buying.id)).toMatchObject([{ tierId: 'svip', status: 'active' }]);
    expect(await ledgerOf(hubB, renewing.id)).toHaveLength(1);
    moveTo(hubB, new Date(crashedAt + 3 * 60_000));
    expect(await runBillingJobs(hubB)).toBe(1);

    const [renewed] = await rowsOf(hubB, renewing.id);
    expect(renewed).toMatchObject({ status: 'active', renewalFailures: 0 });
    expect(renewed!.currentPeriodStart).toEqual(periodEnd);
    expect(renewed!.currentPeriodEnd).toEqual(addPeriod(periodEnd, 'month'));
    expect(await sandboxChargesLike(hubB, `renew:${sub.id}:`)).toHaveLength(1);
    expect((await ledgerOf(hubB, renewing.id)).map((e) => e.kind)).toEqual(['charge', 'charge']);

    const [bought] = await rowsOf(hubB, buying.id);
    expect(bought).toMatchObject({ tierId: 'svip', status: 'active', amountMinor: 3000 });
    expect(await sandboxChargesLike(hubB, `purchase:${buying.id}:`)).toHaveLength(1);
    expect(await ledgerOf(hubB, buying.id)).toHaveLength(1);
    const [purchase] = await hubB.db
      .select()
      .from(purchases)
      .where(and(eq(purchases.accountId, buying.id), eq(purchases.idempotencyKey, key)));
    expect(purchase).toMatchObject({ status: 'succeeded', subscriptionId: bought!.id });

    // The member's retry (same key) gets the recovered answer; nothing runs twice.
    const browser = new TestBrowser(hubB);
    expect((await browser.signIn(buying.handle)).status).toBe(200);
    const retry = await browser.request('POST', '/api/me/subscriptions', buyBody({ tierId: 'svip' }), {
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(201);
    expect(retry.body.subscription.id).toBe(bought!.id);
    expect(await runBillingJobs(hubB)).toBe(0);
    expect(await sandboxChargesLike(hubB, `purchase:${buying.id}:`)).toHaveLength(1);
    expect(await sandboxChargesLike(hubB, `renew:${sub.id}:`)).toHaveLength(1);
  }, 120_000);
});
