/** The shapes members and admins send for subscriptions; rules that need the database live in the domain. */
import {
  type CardInput,
  cardInput,
  changeInput,
  grantInput,
  paymentMethodInput,
  purchaseInput,
  revokeInput,
} from '@orbit/contracts';
import type { z } from 'zod';
import { MEMBERSHIP_ERRORS } from './errors.js';

export type { CardInput };
/** The shapes live in `@orbit/contracts`, so the portal sends what the hub reads; re-exported for the hub. */
export { cardInput, changeInput, grantInput, paymentMethodInput, purchaseInput, revokeInput };

export type PurchaseInput = z.output<typeof purchaseInput>;
export type ChangeInput = z.output<typeof changeInput>;
export type GrantInput = z.output<typeof grantInput>;

/** Idempotency keys (as Stripe's): 8–255 visible ASCII characters, chosen by the client per attempt. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/** The `Idempotency-Key` header, checked: 400 when it is missing or malformed. */
export function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined || header === '') {
    throw MEMBERSHIP_ERRORS.membershipIdempotencyKeyRequired.error();
  }
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw MEMBERSHIP_ERRORS.membershipIdempotencyKeyInvalid.error();
  }
  return header;
}
