import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../http/errors.js';
import type { Queryable } from '../kernel/db.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import { recordLedgerEntry } from './ledger.js';
import type { ChargeResult } from './payments/provider.js';
import { type Currency, type PricePeriod, type PurchaseRow, purchases } from './schema.js';
import { type BillingDeps, lockAccount, PURCHASE_RECOVERY_QUEUE } from './subscriptions.js';

/** The stored answer to a purchase call, given again to every repeat with its idempotency key. */
export interface StoredResponse {
  status: 201 | 200 | 402 | 409 | 400;
  body: Record<string, unknown>;
}

/** What a purchase needs to be finished by anyone (the request, or the recovery job): never a card number. */
interface RequestBase {
  lane: string;
  tierId: string;
  period: PricePeriod;
  currency: Currency;
  /** The tier's price for the new period. */
  priceMinor: number;
  /** What is charged now (the price, less an upgrade's credit); 0 charges nothing. */
  chargeMinor: number;
  description: string;
  provider: string;
  paymentMethod: { id: string; brand: string; last4: string };
}
export interface SubscribeRequest extends RequestBase {
  kind: 'subscribe';
  autoRenew: boolean;
}
export interface UpgradeRequest extends RequestBase {
  kind: 'upgrade';
  subscriptionId: string;
  /** The end of the period the credit was computed on; the upgrade applies only to that period. */
  fromPeriodEnd: string;
  creditMinor: number;
}
export type PurchaseRequest = SubscribeRequest | UpgradeRequest;

/** What an apply step answers: the response to store, or the reason the paid purchase can't be applied. */
export type Applied = { response: StoredResponse; subscriptionId: string } | { conflict: AppError };

export interface ApplyContext extends Omit<BillingDeps, 'db'> {
  tx: Queryable;
  now: Date;
  purchase: PurchaseRow;
  charge: ChargeResult | null;
}

/** A purchase in progress waits this long for a repeat to be answered, polling. */
const REPEAT_WAIT_MS = 10_000;
const REPEAT_POLL_MS = 100;
/**
 * A purchase still pending this long after its claim is finished by the recovery job: one whose process died
 * (issue 18: settled within 15 s of the claim, a second or two of restart and a poll included). A provider slower
 * than this is raced by the recovery, harmlessly: both charge with the same key, which the provider answers once,
 * and the first to finish stores the answer.
 */
const RECOVERY_AFTER_MS = 10_000;

/** A settled purchase always has its answer stored. */
function settled(response: StoredResponse | undefined): StoredResponse {
  if (!response) throw new Error('A settled purchase has no stored response.');
  return response;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const errorResponse = (error: AppError): StoredResponse => ({
  status: error.status as StoredResponse['status'],
  body: error.toBody() as unknown as Record<string, unknown>,
});

/**
 * Idempotent purchases (Stripe-style), so that a crash anywhere loses nothing and charges once: tx1 claims the
 * key (`pending`, with the request and a recovery job beside it); the provider is charged with a key derived
 * from it, outside any transaction; tx2 (`apply`) records the ledger entry and the subscription and stores the
 * answer. A repeat gets the stored answer; a purchase left `pending` (the process died after the charge) is
 * finished by the recovery job, which charges again with the same key — the provider answers the charge it made
 * — and applies it; if the charge never happened, it happens then, or fails cleanly.
 */
export function createPurchaseEngine(
  deps: BillingDeps,
  apply: (ctx: ApplyContext, request: PurchaseRequest) => Promise<Applied>,
) {
  const { db, clock, provider, queue } = deps;
  const chargeKey = (p: Pick<PurchaseRow, 'accountId' | 'idempotencyKey'>) =>
    `purchase:${p.accountId}:${p.idempotencyKey}`;

  const find = async (accountId: string, key: string) =>
    (
      await db
        .select()
        .from(purchases)
        .where(and(eq(purchases.accountId, accountId), eq(purchases.idempotencyKey, key)))
    )[0];

  /** The stored answer for a repeat: 409 for another request under the key; waits for one in progress. */
  async function answerRepeat(row: PurchaseRow, hash: string): Promise<StoredResponse> {
    if (row.requestHash !== hash) {
      throw MEMBERSHIP_ERRORS.membershipIdempotencyConflict.error();
    }
    const deadline = Date.now() + REPEAT_WAIT_MS;
    let current: PurchaseRow | undefined = row;
    while (current?.status === 'pending' && Date.now() < deadline) {
      await sleep(REPEAT_POLL_MS);
      current = await find(row.accountId, row.idempotencyKey);
    }
    if (!current?.response) {
      throw MEMBERSHIP_ERRORS.membershipPurchaseInProgress.error();
    }
    return current.response as unknown as StoredResponse;
  }

  /** Lane checks shared by every kind: one purchase at a time per lane. */
  async function checkNothingPending(tx: Queryable, accountId: string, lane: string) {
    const [pending] = await tx
      .select({ key: purchases.idempotencyKey })
      .from(purchases)
      .where(
        and(
          eq(purchases.accountId, accountId),
          eq(purchases.status, 'pending'),
          sql`${purchases.request}->>'lane' = ${lane}`,
        ),
      );
    if (pending) {
      throw new AppError(
        409,
        'membership.purchase_in_progress',
        'Another purchase in this lane is in progress.',
      );
    }
  }

  /**
   * tx1: under the account's lock, answers an existing claim of the key, or checks the request (`prepare`
   * throws 4xx) and claims the key with a recovery job beside it.
   */
  async function claim(
    accountId: string,
    key: string,
    hash: string,
    prepare: (tx: Queryable) => Promise<PurchaseRequest>,
  ): Promise<{ claimed: PurchaseRow } | { existing: PurchaseRow }> {
    return db.transaction(async (tx) => {
      if (!(await lockAccount(tx, accountId)))
        throw new AppError(404, 'account.not_found', 'No such account.');
      const [existing] = await tx
        .select()
        .from(purchases)
        .where(and(eq(purchases.accountId, accountId), eq(purchases.idempotencyKey, key)));
      if (existing) return { existing };
      const request = await prepare(tx);
      await checkNothingPending(tx, accountId, request.lane);
      const now = clock.now();
      const [claimed] = await tx
        .insert(purchases)
        .values({
          accountId,
          idempotencyKey: key,
          kind: request.kind,
          requestHash: hash,
          request: request as unknown as Record<string, unknown>,
          status: 'pending',
          createdAt: now,
        })
        .returning();
      await queue.enqueue(
        PURCHASE_RECOVERY_QUEUE,
        { accountId, idempotencyKey: key },
        { tx, runAt: new Date(now.getTime() + RECOVERY_AFTER_MS), dedupeKey: chargeKey(claimed!) },
      );
      return { claimed: claimed! };
    });
  }

  /** Stores the final answer of a pending purchase (once: a purchase already settled keeps its answer). */
  async function finish(
    tx: Queryable,
    row: PurchaseRow,
    response: StoredResponse,
    extra: { chargeRef?: string | null; subscriptionId?: string } = {},
  ): Promise<StoredResponse> {
    const [done] = await tx
      .update(purchases)
      .set({
        status: response.status < 300 ? 'succeeded' : 'failed',
        response: response as unknown as Record<string, unknown>,
        chargeRef: extra.chargeRef ?? null,
        subscriptionId: extra.subscriptionId ?? null,
        completedAt: clock.now(),
      })
      .where(and(eq(purchases.accountId, row.accountId), eq(purchases.idempotencyKey, row.idempotencyKey)))
      .returning();
    return done!.response as unknown as StoredResponse;
  }

  /** Runs `step` with the purchase locked, unless it is settled already (then its stored answer). */
  function whilePending(
    row: PurchaseRow,
    step: (tx: Queryable, locked: PurchaseRow) => Promise<StoredResponse | undefined>,
  ): Promise<StoredResponse | undefined> {
    return db.transaction(async (tx) => {
      const [locked] = await tx
        .select()
        .from(purchases)
        .where(and(eq(purchases.accountId, row.accountId), eq(purchases.idempotencyKey, row.idempotencyKey)))
        .for('update');
      if (locked?.status !== 'pending') return locked?.response as StoredResponse | undefined;
      return step(tx, locked);
    });
  }

  /** Charges (again: the provider answers the same charge) and records a claimed purchase; idempotent. */
  async function settle(row: PurchaseRow): Promise<StoredResponse> {
    const request = row.request as unknown as PurchaseRequest;
    let charge: ChargeResult | null = null;
    if (request.chargeMinor > 0) {
      try {
        charge = await provider.charge({
          idempotencyKey: chargeKey(row),
          paymentMethod: request.paymentMethod.id,
          amountMinor: request.chargeMinor,
          currency: request.currency,
          description: request.description,
        });
      } catch (error) {
        // A provider's refusal of the request itself is an answer; anything else leaves the outcome unknown.
        if (error instanceof AppError && error.status < 500) {
          return settled(await whilePending(row, (tx, locked) => finish(tx, locked, errorResponse(error))));
        }
        throw error;
      }
    }
    if (charge?.status === 'declined') {
      const declined = new AppError(402, 'payment.declined', 'The card was declined.', {
        declineCode: charge.declineCode ?? 'card_declined',
      });
      const chargeRef = charge.id;
      return settled(
        await whilePending(row, (tx, locked) => finish(tx, locked, errorResponse(declined), { chargeRef })),
      );
    }
    let conflict: AppError | undefined;
    const response = await whilePending(row, async (tx, locked) => {
      const ctx: ApplyContext = { ...deps, tx, now: clock.now(), purchase: locked, charge };
      const applied = await apply(ctx, request);
      if ('conflict' in applied) {
        conflict = applied.conflict;
        return undefined;
      }
      return finish(tx, locked, applied.response, {
        chargeRef: charge?.id ?? null,
        subscriptionId: applied.subscriptionId,
      });
    });
    if (conflict) return reverse(row, request, charge, conflict);
    return settled(response);
  }

  /**
   * A paid purchase that can no longer be applied (the subscription it upgrades ended meanwhile): the charge is
   * refunded, both are recorded, and the purchase fails with the reason. Idempotent like the rest.
   */
  async function reverse(
    row: PurchaseRow,
    request: PurchaseRequest,
    charge: ChargeResult | null,
    conflict: AppError,
  ): Promise<StoredResponse> {
    const refund = charge
      ? await provider.refund({
          idempotencyKey: `refund:${chargeKey(row)}`,
          chargeId: charge.id,
          amountMinor: request.chargeMinor,
        })
      : null;
    const response = await whilePending(row, async (tx, locked) => {
      if (charge && refund) {
        const common = {
          accountId: row.accountId,
          tierId: request.tierId,
          amountMinor: request.chargeMinor,
          currency: request.currency,
          provider: request.provider,
          cardBrand: request.paymentMethod.brand,
          cardLast4: request.paymentMethod.last4,
        };
        await recordLedgerEntry(tx, clock, {
          ...common,
          kind: 'charge',
          providerRef: charge.id,
          description: request.description,
        });
        await recordLedgerEntry(tx, clock, {
          ...common,
          kind: 'refund',
          providerRef: refund.id,
          description: `Refund: ${request.description}`,
        });
      }
      return finish(tx, locked, errorResponse(conflict), { chargeRef: charge?.id ?? null });
    });
    return settled(response);
  }

  return {
    find,
    /** Claims the key (or answers its earlier claim) and settles the purchase; the stored answer. */
    async run(
      accountId: string,
      key: string,
      hash: string,
      prepare: (tx: Queryable) => Promise<PurchaseRequest>,
    ): Promise<StoredResponse> {
      const outcome = await claim(accountId, key, hash, prepare);
      if ('existing' in outcome) return answerRepeat(outcome.existing, hash);
      try {
        return await settle(outcome.claimed);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw MEMBERSHIP_ERRORS.paymentProviderUnavailable.error();
      }
    },
    answerRepeat,
    settle,
  };
}

export type PurchaseEngine = ReturnType<typeof createPurchaseEngine>;
