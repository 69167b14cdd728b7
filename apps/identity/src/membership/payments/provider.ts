/**
 * What a payment provider implements for Orbit's membership billing: tokenise a card into a reusable payment
 * method, charge it with an idempotency key, refund. The built-in sandbox (sandbox.ts) keeps its books in the
 * database; a real provider (Stripe-like) plugs in behind the same interface through `createServices`.
 */

/** A card as the member types it. Only the provider ever sees the number; Orbit keeps brand and last four. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** A reusable, tokenised card. */
export interface PaymentMethod {
  id: string;
  brand: string;
  last4: string;
}

export interface ChargeRequest {
  /**
   * Names the charge: the same key answers the charge already made (whatever else the request says) and never
   * charges twice, even when called concurrently.
   */
  idempotencyKey: string;
  paymentMethod: string;
  /** In the currency's minor unit; a positive integer. */
  amountMinor: number;
  currency: string;
  description: string;
}

export interface ChargeResult {
  /** The provider's reference for the charge (also for a declined one). */
  id: string;
  status: 'succeeded' | 'declined';
  /** Why it was declined (`card_declined`). */
  declineCode?: string | undefined;
}

export interface RefundRequest {
  /** As for charges: the same key answers the same refund. */
  idempotencyKey: string;
  chargeId: string;
  amountMinor: number;
}

export interface RefundResult {
  id: string;
  status: 'succeeded';
}

export interface PaymentProvider {
  /** Recorded with each subscription and ledger entry (`sandbox`, `stripe`). */
  readonly id: string;
  /**
   * Throws 400 `payment.invalid_card` for a number, expiry or CVC the provider won't take. With an
   * `idempotencyKey`, every call with that key answers the method the first one made (concurrent retries of one
   * purchase make one method, not one each).
   */
  createPaymentMethod(card: CardInput, idempotencyKey?: string): Promise<PaymentMethod>;
  /**
   * Charges a payment method. A decline is an answer (`status: 'declined'`), not an error; a thrown error means
   * the outcome is unknown, and the caller asks again with the same key.
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Refunds (part of) a succeeded charge. */
  refund(request: RefundRequest): Promise<RefundResult>;
}
