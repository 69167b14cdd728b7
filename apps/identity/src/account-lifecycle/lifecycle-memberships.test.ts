import { randomUUID } from 'node:crypto';
import { ACCOUNT_DELETION_GRACE_DAYS } from '@orbit/contracts';
import { type Job, jobs } from '@orbit/jobs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import {
  MEMBERSHIP_EVENTS_QUEUE,
  type MembershipEventDelivery,
  PERIOD_END_QUEUE,
  type PeriodEndJob,
  purchases,
  subscriptions,
} from '../membership/index.js';
import {
  DAY_MS,
  type Member,
  moveTo,
  newMember,
  rowsOf,
  runBillingJobs,
  sandboxChargesLike,
  startBillingHub,
  subscribe,
} from '../membership/testkit.js';
import { GOOD_PASSWORD } from '../test/client.js';
import type { TestHub } from '../test/hub.js';
import { accountDeletions, accountLifecycleModule } from './index.js';

describe('deleting an account with memberships', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startBillingHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const confirmOf = async (member: Member) => {
    const [row] = await hub.db.select().from(accounts).where(eq(accounts.id, member.id));
    return { confirm: String(row!.accountNumber), password: GOOD_PASSWORD };
  };
  const deleteMe = async (member: Member) =>
    member.browser.request('DELETE', '/api/me', await confirmOf(member));

  const periodEndJobsOf = (subscriptionId: string) =>
    hub.db
      .select()
      .from(jobs)
      .where(
        and(eq(jobs.queue, PERIOD_END_QUEUE), sql`${jobs.payload}->>'subscriptionId' = ${subscriptionId}`),
      );

  /** The reasons of the membership events queued for the account, in order. */
  const membershipEventsOf = async (accountId: string) =>
    (await hub.db.select().from(jobs).where(eq(jobs.queue, MEMBERSHIP_EVENTS_QUEUE)).orderBy(jobs.createdAt))
      .map((j) => j.payload as MembershipEventDelivery)
      .filter((p) => p.accountId === accountId)
      .map((p) => p.reason);

  /** The module's timer that carries out the deletions whose grace period is over (with its audit entry). */
  const sweep = () =>
    accountLifecycleModule.timers!(hub.services)
      .find((timer) => timer.name === 'account deletion sweep')!
      .task() as Promise<number>;

  async function grantVip(member: Member, days = 30) {
    const until = new Date(hub.clock.now().getTime() + days * DAY_MS).toISOString();
    return hub.services.billing.complimentary.grant(
      member.id,
      member.id,
      { tierId: 'mail-plus', until, reason: 'beta tester' },
      { ip: null, userAgent: '' },
    );
  }

  describe('GET /api/me/deletion-check', () => {
    it('lists the paid memberships that would end, unrefunded, and the granted ones apart', async () => {
      const member = await newMember(hub);
      const paid = await subscribe(member, { tierId: 'vip', period: 'year' });
      await grantVip(member);

      const res = await member.browser.request('GET', '/api/me/deletion-check');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body.refund).toBe('none');
      expect(res.body.paymentInProgress).toBe(false);
      expect(res.body.paidMemberships).toEqual([
        expect.objectContaining({
          id: paid.id,
          tierId: 'vip',
          source: 'purchase',
          status: 'active',
          period: 'year',
          amountMinor: 15000,
          currency: 'CNY',
          autoRenew: true,
          currentPeriodEnd: paid.currentPeriodEnd,
          tier: expect.objectContaining({ names: expect.objectContaining({ 'zh-CN': expect.any(String) }) }),
        }),
      ]);
      expect(res.body.complimentaryMemberships).toEqual([
        expect.objectContaining({ tierId: 'mail-plus', source: 'complimentary' }),
      ]);
    });

    it('is empty for an account without memberships, and needs a session', async () => {
      const member = await newMember(hub);
      const res = await member.browser.request('GET', '/api/me/deletion-check');
      expect(res.body).toEqual({
        paidMemberships: [],
        complimentaryMemberships: [],
        refund: 'none',
        paymentInProgress: false,
      });
      member.browser.cookie = undefined;
      expect((await member.browser.request('GET', '/api/me/deletion-check')).status).toBe(401);
    });
  });

  describe('DELETE /api/me', () => {
    it('stops the renewals at once, ends every membership at the deletion, tells the services, and never charges afterwards', async () => {
      const member = await newMember(hub);
      const paid = await subscribe(member, { tierId: 'vip', period: 'month' });
      await grantVip(member, 90);

      expect((await deleteMe(member)).status).toBe(202);
      // The grace period: the perks stay, but nothing renews (a yearly plan would charge within 30 days).
      const [paused] = await hub.db.select().from(subscriptions).where(eq(subscriptions.id, paid.id));
      expect(paused).toMatchObject({ status: 'active', autoRenew: false });
      expect(await membershipEventsOf(member.id)).toContain('cancelled');

      moveTo(hub, new Date(hub.clock.now().getTime() + ACCOUNT_DELETION_GRACE_DAYS * DAY_MS + 60_000));
      await runBillingJobs(hub);
      expect(await sandboxChargesLike(hub, `renew:${paid.id}`)).toEqual([]);
      expect(await sweep()).toBe(1);

      expect(await rowsOf(hub, member.id)).toEqual([]);
      expect(await hub.db.select().from(accounts).where(eq(accounts.id, member.id))).toEqual([]);
      expect((await periodEndJobsOf(paid.id)).map((j) => j.state)).not.toContain('pending');
      // Every service that reads membership hears of it, with its own reason.
      expect(await membershipEventsOf(member.id)).toContain('account_deleted');

      // What outlives the account (its ledger goes with it): the audit log says who gave up which membership.
      const { entries } = await hub.services.audit.search({ targetId: member.id, action: 'account.deleted' });
      expect(entries).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ accountId: null, label: 'system', via: 'system' }),
          target: { type: 'account', id: member.id, label: `@${member.handle}` },
          details: expect.objectContaining({
            self: true,
            endedMemberships: expect.arrayContaining([
              expect.objectContaining({ tierId: 'mail-plus', source: 'complimentary' }),
            ]),
          }),
        }),
      ]);
    });

    it('turns the paused renewals back on when a sign-in cancels the deletion', async () => {
      const member = await newMember(hub);
      const paid = await subscribe(member, { tierId: 'vip', period: 'year' });
      expect((await deleteMe(member)).status).toBe(202);

      const signIn = await member.browser.signIn(member.handle);
      expect(signIn.status).toBe(200);
      expect(signIn.body.deletionCancelled).toBe(true);
      const [row] = await hub.db.select().from(subscriptions).where(eq(subscriptions.id, paid.id));
      expect(row).toMatchObject({ status: 'active', autoRenew: true, cancelledAt: null });
      expect(await membershipEventsOf(member.id)).toContain('resumed');
      expect((await member.browser.signIn(member.handle)).body.deletionCancelled).toBeUndefined();
    });

    it('a renewal job that still reaches a deleted account does nothing', async () => {
      const member = await newMember(hub);
      const paid = await subscribe(member);
      const payload: PeriodEndJob = { subscriptionId: paid.id, periodEnd: paid.currentPeriodEnd, attempt: 0 };
      await hub.services.accountLifecycle.removeAccount(member.id, { by: 'admin' });

      moveTo(hub, new Date(Date.parse(paid.currentPeriodEnd) + DAY_MS));
      // As if a worker had claimed the job before the deletion cancelled it.
      await hub.services.billing.lifecycle.handlePeriodEnd({
        id: randomUUID(),
        payload,
      } as Job<PeriodEndJob>);
      expect(await sandboxChargesLike(hub, `renew:${paid.id}`)).toEqual([]);
      expect(await rowsOf(hub, member.id)).toEqual([]);
    });

    it('waits while a purchase for the account is being charged, without signing anyone out', async () => {
      const member = await newMember(hub);
      await hub.db.insert(purchases).values({
        accountId: member.id,
        idempotencyKey: randomUUID(),
        kind: 'subscribe',
        requestHash: 'x'.repeat(64),
        request: { tierId: 'vip' },
        status: 'pending',
        createdAt: hub.clock.now(),
      });

      const check = await member.browser.request('GET', '/api/me/deletion-check');
      expect(check.body.paymentInProgress).toBe(true);
      const refused = await deleteMe(member);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('account.payment_in_progress');
      expect((await member.browser.request('GET', '/api/session')).status).toBe(200);
      expect(await hub.db.select().from(accounts).where(eq(accounts.id, member.id))).toHaveLength(1);
      expect(
        await hub.db.select().from(accountDeletions).where(eq(accountDeletions.accountId, member.id)),
      ).toEqual([]);

      await hub.db
        .update(purchases)
        .set({ status: 'failed', completedAt: hub.clock.now() })
        .where(eq(purchases.accountId, member.id));
      expect((await deleteMe(member)).status).toBe(202);
    });

    it('waits while a renewal of one of its memberships is running', async () => {
      const member = await newMember(hub);
      const paid = await subscribe(member);
      const [job] = await periodEndJobsOf(paid.id);
      // A worker holds the job under a lease: its charge may be under way.
      await hub.db
        .update(jobs)
        .set({
          state: 'running',
          lockedBy: 'another-instance',
          lockedUntil: new Date(hub.clock.now().getTime() + 60_000),
        })
        .where(eq(jobs.id, job!.id));

      const refused = await deleteMe(member);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('account.payment_in_progress');
      const [row] = await hub.db.select().from(subscriptions).where(eq(subscriptions.id, paid.id));
      expect(row).toMatchObject({ status: 'active', autoRenew: true });

      // The lease ran out (the worker died): the deletion is scheduled, and the period ends without renewing.
      hub.clock.advance(61_000);
      expect((await deleteMe(member)).status).toBe(202);
      const [paused] = await hub.db.select().from(subscriptions).where(eq(subscriptions.id, paid.id));
      expect(paused).toMatchObject({ status: 'active', autoRenew: false });
    });
  });

  describe('removeAccount (shared with the admin deletion)', () => {
    it('runs the caller’s hook inside the deletion, with what ended; a failing hook deletes nothing', async () => {
      const member = await newMember(hub);
      const paid = await subscribe(member);
      const lifecycle = hub.services.accountLifecycle;

      await expect(
        lifecycle.removeAccount(member.id, {
          by: 'admin',
          within: async () => {
            throw new Error('audit failed');
          },
        }),
      ).rejects.toThrow('audit failed');
      const [still] = await hub.db.select().from(subscriptions).where(eq(subscriptions.id, paid.id));
      expect(still).toMatchObject({ status: 'active' });
      expect(await hub.db.select().from(accounts).where(eq(accounts.id, member.id))).toHaveLength(1);
      expect((await periodEndJobsOf(paid.id)).map((j) => j.state)).toEqual(['pending']);

      const seen: unknown[] = [];
      const removal = await lifecycle.removeAccount(member.id, {
        by: 'admin',
        within: async (tx, what) => {
          // The account is still there inside the transaction, its memberships already ended.
          const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, paid.id));
          seen.push(row?.status, what);
        },
      });
      expect(removal.endedMemberships).toEqual([
        {
          subscriptionId: paid.id,
          tierId: 'vip',
          source: 'purchase',
          currentPeriodEnd: paid.currentPeriodEnd,
        },
      ]);
      expect(seen).toEqual(['ended', removal]);
      expect(await hub.db.select().from(accounts).where(eq(accounts.id, member.id))).toEqual([]);
    });
  });
});
