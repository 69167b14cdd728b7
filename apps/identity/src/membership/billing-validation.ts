/** The shapes members and admins send for subscriptions; rules that need the database live in the domain. */
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { currencies, pricePeriods } from './schema.js';
import { tierId } from './validation.js';

const currency = z.enum(currencies, { error: `must be one of ${currencies.join(', ')}` });
const period = z.enum(pricePeriods, { error: 'must be month or year' });

/** A card as typed; the provider checks the number (Luhn), expiry and CVC and answers `payment.invalid_card`. */
export const cardInput = z
  .object({
    number: z.string().trim().min(1).max(30),
    expMonth: z.number().int('must be a whole number'),
    expYear: z.number().int('must be a whole number').min(2000).max(2200),
    cvc: z.string().trim().min(1).max(8),
  })
  .strict();

/** `POST /api/me/subscriptions`. */
export const purchaseInput = z
  .object({ tierId, period, currency, autoRenew: z.boolean().default(true), card: cardInput })
  .strict();

/** `POST /api/me/subscriptions/:id/upgrade` and `/downgrade`; `currency`, when given, must be the subscription's. */
export const changeInput = z.object({ tierId, period, currency: currency.optional() }).strict();

/** `PUT /api/me/subscriptions/:id/payment-method`. */
export const paymentMethodInput = z.object({ card: cardInput }).strict();

const reason = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(500)
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

/** `POST /api/admin/accounts/:id/memberships`: a complimentary membership until a time in the next ten years. */
export const grantInput = z.object({ tierId, until: z.iso.datetime({ offset: true }), reason }).strict();

/** `POST /api/admin/subscriptions/:id/revoke`. */
export const revokeInput = z.object({ reason }).strict();

export type PurchaseInput = z.output<typeof purchaseInput>;
export type ChangeInput = z.output<typeof changeInput>;
export type GrantInput = z.output<typeof grantInput>;

/** Idempotency keys (as Stripe's): 8–255 visible ASCII characters, chosen by the client per attempt. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/** The `Idempotency-Key` header, checked: 400 when it is missing or malformed. */
export function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined || header === '') {
    throw new AppError(
      400,
      'membership.idempotency_key_required',
      'Send an Idempotency-Key header: one random value per purchase attempt, the same on a retry.',
    );
  }
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new AppError(
      400,
      'membership.idempotency_key_invalid',
      'The Idempotency-Key must be 8–255 visible ASCII characters.',
    );
  }
  return header;
}
