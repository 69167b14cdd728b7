import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import { randomToken } from '../../crypto.js';
import { AppError } from '../../http/errors.js';
import type { IdentityDb } from '../../kernel/db.js';
import { MEMBERSHIP_ERRORS } from '../errors.js';
import { type SandboxBehaviour, sandboxCharges, sandboxPaymentMethods } from '../schema.js';
import { checkCard, invalidCard, isExpired } from './cards.js';
import type { ChargeResult, PaymentProvider, RefundResult } from './provider.js';

/** The sandbox's test cards (docs/membership.md): any future expiry, any 3-digit CVC. */
export const SANDBOX_CARDS: Readonly<Record<string, SandboxBehaviour>> = {
  '4242424242424242': 'succeed',
  '4000000000000002': 'decline',
  '4000000000000341': 'fail_later',
};

const invalidAmount = () => MEMBERSHIP_ERRORS.paymentInvalidAmount.error();

function checkAmount(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw invalidAmount();
}

const chargeResult = (row: typeof sandboxCharges.$inferSelect): ChargeResult => ({
  id: row.id,
  status: row.status === 'succeeded' ? 'succeeded' : 'declined',
  ...(row.declineCode ? { declineCode: row.declineCode } : {}),
});

/**
 * The built-in payment provider: a pretend bank with its books in `membership.sandbox_*`, so the whole billing
 * lifecycle runs locally and in tests. It keeps only brand and last four digits of a card. Idempotency is the
 * unique `idempotency_key`: insert on conflict do nothing, then read back, so concurrent calls with one key see
 * one charge.
 */
export function createSandboxProvider({ db, clock }: { db: IdentityDb; clock: Clock }): PaymentProvider {
  return {
    id: 'sandbox',

    async createPaymentMethod(card, idempotencyKey) {
      const checked = checkCard(card, clock.now());
      const behaviour = SANDBOX_CARDS[checked.digits];
      if (!behaviour) throw invalidCard([{ path: 'card.number', message: 'is not a sandbox test card' }]);
      const [made] = await db
        .insert(sandboxPaymentMethods)
        .values({
          id: `pm_${randomToken(12)}`,
          idempotencyKey: idempotencyKey ?? null,
          brand: checked.brand,
          last4: checked.last4,
          expMonth: card.expMonth,
          expYear: card.expYear,
          behaviour,
          createdAt: clock.now(),
        })
        .onConflictDoNothing({ target: sandboxPaymentMethods.idempotencyKey })
        .returning();
      // Nothing made: another call with this key made it first, so answer that one.
      const [method] = made
        ? [made]
        : await db
            .select()
            .from(sandboxPaymentMethods)
            .where(eq(sandboxPaymentMethods.idempotencyKey, idempotencyKey ?? ''));
      return { id: method!.id, brand: method!.brand, last4: method!.last4 };
    },

    async charge({ idempotencyKey, paymentMethod, amountMinor, currency }) {
      checkAmount(amountMinor);
      return db.transaction(async (tx) => {
        const byKey = () =>
          tx.select().from(sandboxCharges).where(eq(sandboxCharges.idempotencyKey, idempotencyKey));
        const [existing] = await byKey();
        if (existing) return chargeResult(existing);
        // The method's row is the lock that orders its charges, so "first charge" (0341) means the first.
        const [method] = await tx
          .select()
          .from(sandboxPaymentMethods)
          .where(eq(sandboxPaymentMethods.id, paymentMethod))
          .for('update');
        if (!method) {
          throw MEMBERSHIP_ERRORS.paymentUnknownPaymentMethod.error();
        }
        const now = clock.now();
        let declineCode: string | null = null;
        if (isExpired(method.expMonth, method.expYear, now)) declineCode = 'expired_card';
        else if (method.behaviour === 'decline') declineCode = 'card_declined';
        else if (method.behaviour === 'fail_later') {
          const [paid] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(sandboxCharges)
            .where(
              and(
                eq(sandboxCharges.paymentMethod, paymentMethod),
                eq(sandboxCharges.kind, 'charge'),
                eq(sandboxCharges.status, 'succeeded'),
              ),
            );
          if ((paid?.n ?? 0) > 0) declineCode = 'card_declined';
        }
        await tx
          .insert(sandboxCharges)
          .values({
            id: `ch_${randomToken(12)}`,
            idempotencyKey,
            kind: 'charge',
            paymentMethod,
            amountMinor,
            currency,
            status: declineCode ? 'declined' : 'succeeded',
            declineCode,
            createdAt: now,
          })
          .onConflictDoNothing({ target: sandboxCharges.idempotencyKey });
        const [row] = await byKey();
        return chargeResult(row!);
      });
    },

    async refund({ idempotencyKey, chargeId, amountMinor }): Promise<RefundResult> {
      checkAmount(amountMinor);
      return db.transaction(async (tx) => {
        const byKey = () =>
          tx.select().from(sandboxCharges).where(eq(sandboxCharges.idempotencyKey, idempotencyKey));
        const [existing] = await byKey();
        if (existing) return { id: existing.id, status: 'succeeded' };
        const [charge] = await tx
          .select()
          .from(sandboxCharges)
          .where(and(eq(sandboxCharges.id, chargeId), eq(sandboxCharges.kind, 'charge')))
          .for('update');
        if (charge?.status !== 'succeeded') {
          throw MEMBERSHIP_ERRORS.paymentRefundInvalid.error();
        }
        const [refunded] = await tx
          .select({ total: sql<number>`coalesce(sum(${sandboxCharges.amountMinor}), 0)::bigint` })
          .from(sandboxCharges)
          .where(and(eq(sandboxCharges.refunds, chargeId), eq(sandboxCharges.kind, 'refund')));
        if (Number(refunded?.total ?? 0) + amountMinor > charge.amountMinor) {
          throw new AppError(400, 'payment.refund_invalid', 'A refund cannot exceed what was charged.');
        }
        await tx
          .insert(sandboxCharges)
          .values({
            id: `re_${randomToken(12)}`,
            idempotencyKey,
            kind: 'refund',
            paymentMethod: charge.paymentMethod,
            refunds: chargeId,
            amountMinor,
            currency: charge.currency,
            status: 'succeeded',
            createdAt: clock.now(),
          })
          .onConflictDoNothing({ target: sandboxCharges.idempotencyKey });
        const [row] = await byKey();
        return { id: row!.id, status: 'succeeded' };
      });
    },
  };
}
