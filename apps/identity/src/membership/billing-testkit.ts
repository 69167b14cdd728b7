/** Shared by the billing tests: a hub with the default tiers, members, the sandbox's cards, and the job runner. */
import { randomUUID } from 'node:crypto';
import type { TestDatabase } from '@orbit/db/testing';
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { newStaff } from '../test/admin.js';
import { type Reply, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { ledgerEntries, sandboxCharges, sandboxPaymentMethods, subscriptions } from './schema.js';
import { PERIOD_END_QUEUE, PURCHASE_RECOVERY_QUEUE } from './subscriptions.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

const card = (number: string) => ({ number, expMonth: 12, expYear: 2090, cvc: '123' });
export const CARDS = {
  succeeds: card('4242 4242 4242 4242'),
  declines: card('4000 0000 0000 0002'),
  failsLater: card('4000 0000 0000 0341'),
};

export type BillingHub = TestHub & { database: TestDatabase };

/** A test hub with Mail registered and the default tiers (vip 1500/15000, svip 3000/30000, mail-plus 1000/10000; CNY). */
export async function startBillingHub(
  env: Record<string, string> = {},
  share?: { database: TestDatabase },
): Promise<BillingHub> {
  const hub = await startTestHub(env, share);
  await hub.services.serviceRegistry.register(testManifest());
  await hub.services.seedDefaultTiers();
  return hub;
}

export interface Member {
  browser: TestBrowser;
  id: string;
  handle: string;
}

/** A new signed-up account, signed in. */
export async function newMember(hub: Pick<TestHub, 'app' | 'config'>): Promise<Member> {
  const browser = new TestBrowser(hub);
  const handle = uniqueHandle();
  const reply = await browser.signUp({ handle });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return { browser, id: reply.body.account.id, handle };
}

/** Signs the member in again: sessions end after days, and these tests move the clock by months. */
export async function signInAgain(member: Member): Promise<Member> {
  expect((await member.browser.signIn(member.handle)).status).toBe(200);
  return member;
}

/** An admin signed in with a passkey and a fresh step-up (admin writes need both; test/admin.ts). */
export async function newAdmin(hub: TestHub): Promise<Admin> {
  const staff = await newStaff(hub, ['admin']);
  return {
    browser: staff.browser,
    id: staff.account.id,
    handle: staff.handle,
    stepUp: staff.stepUp,
    signIn: staff.signIn,
  };
}

/** `newAdmin`'s admin: `signIn` starts a new session with the password and the passkey (fresh for writes). */
export type Admin = Member & { stepUp(): Promise<void>; signIn(): Promise<void> };

export const buyBody = (overrides: Record<string, unknown> = {}) => ({
  tierId: 'vip',
  period: 'month',
  currency: 'CNY',
  card: CARDS.succeeds,
  ...overrides,
});

/** `POST /api/me/subscriptions` with an Idempotency-Key (a new one unless given). */
export function buy(member: Member, body: unknown = buyBody(), key: string = randomUUID()): Promise<Reply> {
  return member.browser.request('POST', '/api/me/subscriptions', body, {
    headers: { 'idempotency-key': key },
  });
}

/** Buys and expects 201; answers the subscription. */
export async function subscribe(member: Member, overrides: Record<string, unknown> = {}) {
  const reply = await buy(member, buyBody(overrides));
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.subscription;
}

/** Runs every billing job that is due, as the hub's workers would, until none is left; the period-end jobs run. */
export async function runBillingJobs(hub: TestHub): Promise<number> {
  const { queue, billing } = hub.services;
  let periodEnds = 0;
  for (;;) {
    const ran = await queue.runDue(PERIOD_END_QUEUE, billing.lifecycle.handlePeriodEnd);
    const recovered = await queue.runDue(PURCHASE_RECOVERY_QUEUE, billing.purchases.recover);
    if (ran + recovered === 0) return periodEnds;
    periodEnds += ran;
  }
}

/** Moves the hub's clock to `at` (never back). */
export function moveTo(hub: TestHub, at: Date | string) {
  const ms = new Date(at).getTime() - hub.clock.now().getTime();
  if (ms > 0) hub.clock.advance(ms);
}

/** The account's subscription rows, oldest first. */
export const rowsOf = (hub: TestHub, accountId: string) =>
  hub.db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.accountId, accountId))
    .orderBy(subscriptions.createdAt);

/** The account's ledger entries, in order. */
export const ledgerOf = (hub: TestHub, accountId: string) =>
  hub.db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, accountId))
    .orderBy(ledgerEntries.receiptNumber);

/** Charges the sandbox made whose idempotency key starts with `prefix`. */
/** The sandbox payment methods made under keys that begin with `prefix` (`''`: every method, keyed or not). */
export async function sandboxMethodsLike(hub: TestHub, prefix: string) {
  return hub.db
    .select()
    .from(sandboxPaymentMethods)
    .where(prefix ? sql`${sandboxPaymentMethods.idempotencyKey} like ${`${prefix}%`}` : undefined);
}

export async function sandboxChargesLike(hub: TestHub, prefix: string) {
  return hub.db
    .select()
    .from(sandboxCharges)
    .where(sql`${sandboxCharges.idempotencyKey} like ${`${prefix}%`}`)
    .orderBy(sandboxCharges.createdAt);
}
