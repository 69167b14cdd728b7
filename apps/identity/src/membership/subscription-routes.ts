import { type Context, Hono } from 'hono';
import type { HubEnv } from '../env.js';
import { readJson } from '../http/validate.js';
import { authOf, requireSession, requireStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/step-up.js';
import type { Billing } from './billing.js';
import { changeInput, idempotencyKeyOf, paymentMethodInput, purchaseInput } from './billing-validation.js';

/**
 * The member's own subscriptions (docs/membership.md, "The user's API"). Buying, upgrading, cancelling and a new
 * card are sensitive: a fresh passkey step-up when the account has a passkey. Nothing here is cached.
 */
export function subscriptionRoutes({ billing, stepUpCheck }: { billing: Billing; stepUpCheck: StepUpCheck }) {
  const stepUp = requireStepUp(stepUpCheck);

  // Answers about a member's money are never cached (by the browser or anything between).
  const noStore = (c: Context<HubEnv>) => c.header('Cache-Control', 'no-store');
  const accountOf = (c: Context<HubEnv>) => authOf(c).account.id;

  return new Hono<HubEnv>()
    .get('/me/membership', requireSession, async (c) => {
      noStore(c);
      return c.json({ subscriptions: await billing.subscriptionsOf(accountOf(c)) });
    })
    .get('/me/receipts', requireSession, async (c) => {
      noStore(c);
      return c.json({ receipts: await billing.ledger.receipts(accountOf(c)) });
    })
    .post('/me/subscriptions', requireSession, stepUp, async (c) => {
      const key = idempotencyKeyOf(c.req.header('idempotency-key'));
      const input = await readJson(c, purchaseInput);
      const { status, body } = await billing.purchases.subscribe(accountOf(c), key, input);
      noStore(c);
      return c.json(body, status);
    })
    .post('/me/subscriptions/:id/upgrade', requireSession, stepUp, async (c) => {
      const key = idempotencyKeyOf(c.req.header('idempotency-key'));
      const input = await readJson(c, changeInput);
      const { status, body } = await billing.purchases.upgrade(accountOf(c), c.req.param('id'), key, input);
      noStore(c);
      return c.json(body, status);
    })
    .post('/me/subscriptions/:id/downgrade', requireSession, async (c) => {
      const input = await readJson(c, changeInput);
      const subscription = await billing.actions.downgrade(accountOf(c), c.req.param('id'), input);
      noStore(c);
      return c.json({ subscription });
    })
    .post('/me/subscriptions/:id/cancel', requireSession, stepUp, async (c) => {
      const subscription = await billing.actions.cancel(accountOf(c), c.req.param('id'));
      noStore(c);
      return c.json({ subscription });
    })
    .post('/me/subscriptions/:id/resume', requireSession, async (c) => {
      const subscription = await billing.actions.resume(accountOf(c), c.req.param('id'));
      noStore(c);
      return c.json({ subscription });
    })
    .put('/me/subscriptions/:id/payment-method', requireSession, stepUp, async (c) => {
      const { card } = await readJson(c, paymentMethodInput);
      const subscription = await billing.actions.changePaymentMethod(accountOf(c), c.req.param('id'), card);
      noStore(c);
      return c.json({ subscription });
    });
}
