import { membershipApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context, MiddlewareHandler } from 'hono';
import type { HubEnv } from '../env.js';
import { authOf, requireSession, requireStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { Billing } from './billing.js';
import { idempotencyKeyOf } from './billing-validation.js';

/**
 * The member's own subscriptions (docs/membership.md, "The user's API"). Buying, upgrading, cancelling and a new
 * card are sensitive: a fresh passkey step-up when the account has a passkey. Nothing here is cached.
 */
export function subscriptionRoutes({ billing, stepUpCheck }: { billing: Billing; stepUpCheck: StepUpCheck }) {
  const stepUp = requireStepUp(stepUpCheck);
  const api = membershipApi;

  // Answers about a member's money are never cached (by the browser or anything between).
  const noStore = (c: Context<HubEnv>) => c.header('Cache-Control', 'no-store');
  const accountOf = (c: Context<HubEnv>) => authOf(c).account.id;
  // The key is checked before the body, so a retry without one is told so whatever it sends.
  const idempotencyKey: MiddlewareHandler<HubEnv> = async (c, next) => {
    idempotencyKeyOf(c.req.header('idempotency-key'));
    await next();
  };
  const keyOf = (c: Context<HubEnv>) => idempotencyKeyOf(c.req.header('idempotency-key'));

  return endpointRoutes<HubEnv>('/api')
    .on(api.mine, requireSession, async (c) => {
      noStore(c);
      return c.json({ subscriptions: await billing.subscriptionsOf(accountOf(c)) });
    })
    .on(api.receipts, requireSession, async (c) => {
      noStore(c);
      return c.json({ receipts: await billing.ledger.receipts(accountOf(c)) });
    })
    .on(api.buy, requireSession, stepUp, idempotencyKey, async (c, { body }) => {
      const { status, body: answer } = await billing.purchases.subscribe(accountOf(c), keyOf(c), body);
      noStore(c);
      return c.json(answer, status);
    })
    .on(api.upgrade, requireSession, stepUp, idempotencyKey, async (c, { params, body }) => {
      const { status, body: answer } = await billing.purchases.upgrade(
        accountOf(c),
        params.id,
        keyOf(c),
        body,
      );
      noStore(c);
      return c.json(answer, status);
    })
    .on(api.downgrade, requireSession, async (c, { params, body }) => {
      const subscription = await billing.actions.downgrade(accountOf(c), params.id, body);
      noStore(c);
      return c.json({ subscription });
    })
    .on(api.cancel, requireSession, stepUp, async (c, { params }) => {
      const subscription = await billing.actions.cancel(accountOf(c), params.id);
      noStore(c);
      return c.json({ subscription });
    })
    .on(api.resume, requireSession, async (c, { params }) => {
      const subscription = await billing.actions.resume(accountOf(c), params.id);
      noStore(c);
      return c.json({ subscription });
    })
    .on(api.updateCard, requireSession, stepUp, async (c, { params, body }) => {
      const subscription = await billing.actions.changePaymentMethod(accountOf(c), params.id, body.card);
      noStore(c);
      return c.json({ subscription });
    }).app;
}
