import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { startTestHub, type TestHub } from '../../test/hub.js';
import { sandboxCharges, sandboxPaymentMethods } from '../schema.js';
import type { PaymentProvider } from './provider.js';
import { createSandboxProvider } from './sandbox.js';

const card = (number: string, expYear = 2090, expMonth = 12) => ({ number, expMonth, expYear, cvc: '123' });
const charge = (paymentMethod: string, idempotencyKey: string, amountMinor = 1500) => ({
  idempotencyKey,
  paymentMethod,
  amountMinor,
  currency: 'CNY',
  description: 'VIP (monthly)',
});

async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('the sandbox payment provider', () => {
  let hub: TestHub;
  let sandbox: PaymentProvider;

  beforeAll(async () => {
    hub = await startTestHub();
    sandbox = createSandboxProvider({ db: hub.db, clock: hub.clock });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('makes one method per idempotency key, however many calls carry it at once, and one per call without', async () => {
    const keyed = await Promise.all(
      Array.from({ length: 8 }, () => sandbox.createPaymentMethod(card('4242 4242 4242 4242'), 'pm-key-1')),
    );
    expect(new Set(keyed.map((m) => m.id)).size).toBe(1);
    expect(
      await hub.db
        .select()
        .from(sandboxPaymentMethods)
        .where(eq(sandboxPaymentMethods.idempotencyKey, 'pm-key-1')),
    ).toHaveLength(1);
    const other = await sandbox.createPaymentMethod(card('4242 4242 4242 4242'), 'pm-key-2');
    expect(other.id).not.toBe(keyed[0]!.id);
    const [a, b] = await Promise.all([
      sandbox.createPaymentMethod(card('4242 4242 4242 4242')),
      sandbox.createPaymentMethod(card('4242 4242 4242 4242')),
    ]);
    expect(a!.id).not.toBe(b!.id);
  });

  it('tokenises the test cards, keeping only brand, last four and expiry', async () => {
    const method = await sandbox.createPaymentMethod(card('4242 4242 4242 4242'));
    expect(method).toEqual({ id: expect.stringMatching(/^pm_/), brand: 'visa', last4: '4242' });
    const [row] = await hub.db
      .select()
      .from(sandboxPaymentMethods)
      .where(eq(sandboxPaymentMethods.id, method.id));
    expect(row).toMatchObject({
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2090,
      behaviour: 'succeed',
    });
    expect(JSON.stringify(row)).not.toContain('42424242');
    expect(await refusal(sandbox.createPaymentMethod(card('5555 5555 5555 4444')))).toBe(
      'payment.invalid_card',
    );
    expect(await refusal(sandbox.createPaymentMethod(card('4242 4242 4242 4241')))).toBe(
      'payment.invalid_card',
    );
    expect(await refusal(sandbox.createPaymentMethod(card('4242424242424242', 2001)))).toBe(
      'payment.invalid_card',
    );
  });

  it('succeeds with 4242, declines 0002, and charges 0341 once before declining', async () => {
    const good = await sandbox.createPaymentMethod(card('4242424242424242'));
    const bad = await sandbox.createPaymentMethod(card('4000000000000002'));
    const later = await sandbox.createPaymentMethod(card('4000000000000341'));
    expect(await sandbox.charge(charge(good.id, 'good-1'))).toEqual({
      id: expect.stringMatching(/^ch_/),
      status: 'succeeded',
    });
    expect(await sandbox.charge(charge(good.id, 'good-2'))).toMatchObject({ status: 'succeeded' });
    expect(await sandbox.charge(charge(bad.id, 'bad-1'))).toMatchObject({
      status: 'declined',
      declineCode: 'card_declined',
    });
    expect(await sandbox.charge(charge(later.id, 'later-1'))).toMatchObject({ status: 'succeeded' });
    expect(await sandbox.charge(charge(later.id, 'later-2'))).toMatchObject({
      status: 'declined',
      declineCode: 'card_declined',
    });
    expect(await sandbox.charge(charge(later.id, 'later-3'))).toMatchObject({ status: 'declined' });
  });

  it('answers one charge for one key, however often and however concurrently it is asked', async () => {
    const method = await sandbox.createPaymentMethod(card('4242424242424242'));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => sandbox.charge(charge(method.id, 'same-key'))),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    // A repeat answers the charge made, whatever else it says.
    expect((await sandbox.charge(charge(method.id, 'same-key', 999))).id).toBe(results[0]!.id);
    const rows = await hub.db
      .select()
      .from(sandboxCharges)
      .where(eq(sandboxCharges.idempotencyKey, 'same-key'));
    expect(rows).toMatchObject([{ amountMinor: 1500, status: 'succeeded', kind: 'charge' }]);
  });

  it('refunds up to what was charged, once per key', async () => {
    const method = await sandbox.createPaymentMethod(card('4242424242424242'));
    const paid = await sandbox.charge(charge(method.id, 'to-refund', 1000));
    const first = await sandbox.refund({ idempotencyKey: 'refund-1', chargeId: paid.id, amountMinor: 600 });
    expect(first).toEqual({ id: expect.stringMatching(/^re_/), status: 'succeeded' });
    expect(await sandbox.refund({ idempotencyKey: 'refund-1', chargeId: paid.id, amountMinor: 600 })).toEqual(
      first,
    );
    expect(
      await refusal(sandbox.refund({ idempotencyKey: 'refund-2', chargeId: paid.id, amountMinor: 401 })),
    ).toBe('payment.refund_invalid');
    expect(
      await sandbox.refund({ idempotencyKey: 'refund-3', chargeId: paid.id, amountMinor: 400 }),
    ).toMatchObject({
      status: 'succeeded',
    });
    const declined = await sandbox.charge(
      charge((await sandbox.createPaymentMethod(card('4000000000000002'))).id, 'no'),
    );
    expect(
      await refusal(sandbox.refund({ idempotencyKey: 'refund-4', chargeId: declined.id, amountMinor: 1 })),
    ).toBe('payment.refund_invalid');
  });

  it('refuses amounts that are not positive whole minor units, and unknown payment methods', async () => {
    const method = await sandbox.createPaymentMethod(card('4242424242424242'));
    for (const amount of [0, -1, 15.5, Number.NaN, 2 ** 60]) {
      expect(await refusal(sandbox.charge(charge(method.id, `amount-${amount}`, amount)))).toBe(
        'payment.invalid_amount',
      );
    }
    expect(await refusal(sandbox.charge(charge('pm_nope', 'unknown')))).toBe(
      'payment.unknown_payment_method',
    );
  });

  it('declines a card that has expired since it was saved', async () => {
    const now = hub.clock.now();
    const method = await sandbox.createPaymentMethod(
      card('4242424242424242', now.getUTCFullYear(), now.getUTCMonth() + 1),
    );
    hub.clock.advance(32 * 24 * 60 * 60 * 1000);
    expect(await sandbox.charge(charge(method.id, 'expired'))).toMatchObject({
      status: 'declined',
      declineCode: 'expired_card',
    });
  });
});
