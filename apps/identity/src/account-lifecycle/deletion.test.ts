import { ACCOUNT_DELETED_EVENT, ACCOUNT_DELETION_GRACE_DAYS } from '@orbit/contracts';
import { jobs } from '@orbit/jobs';
import { and, eq, sql } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { newStaff, type Staff } from '../test/admin.js';
import { GOOD_PASSWORD, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, passwordless, stepUp } from '../test/passkeys.js';
import { startEventReceiver } from '../test/receiver.js';
import { ACCOUNT_DELETION_QUEUE, accountDeletions } from './index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

type Receiver = Awaited<ReturnType<typeof startEventReceiver>>;

describe('account deletion: the grace period, and every service told', () => {
  let hub: TestHub;
  let mail: Receiver;
  let games: Receiver;
  let admin: Staff;

  beforeAll(async () => {
    hub = await startTestHub();
    mail = await startEventReceiver();
    games = await startEventReceiver();
    await hub.services.serviceRegistry.register(testManifest(), mail.origin);
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'games', defaultPort: 4103 }),
      games.origin,
    );
    admin = await newStaff(hub, ['admin']);
  });
  afterAll(async () => {
    await mail?.close();
    await games?.close();
    await hub?.close();
  });

  async function member() {
    const browser = new TestBrowser(hub);
    const res = await browser.signUp();
    expect(res.status).toBe(201);
    return { browser, account: res.body.account as { id: string; accountNumber: string; handle: string } };
  }
  const deleteMe = (m: Awaited<ReturnType<typeof member>>) =>
    m.browser.request('DELETE', '/api/me', { confirm: m.account.accountNumber, password: GOOD_PASSWORD });
  const deletionsOf = (accountId: string) =>
    hub.db.select().from(accountDeletions).where(eq(accountDeletions.accountId, accountId));
  const listed = async (accountId: string) => {
    const res = await admin.browser.request('GET', '/api/admin/account-deletions');
    expect(res.status).toBe(200);
    return res.body.deletions.find((d: { accountId: string }) => d.accountId === accountId);
  };
  const deliver = () =>
    hub.services.queue.runDue(ACCOUNT_DELETION_QUEUE, hub.services.deletionNotices.deliver);
  /** Past every grace period scheduled so far, and the deletions carried out. */
  async function graceOver() {
    hub.clock.advance(ACCOUNT_DELETION_GRACE_DAYS * DAY_MS + 60_000);
    await hub.services.accountLifecycle.deleteDue();
    // The admin's session outlives no month: a fresh one for the console.
    await admin.signIn();
    await admin.stepUp();
  }

  it('cancels the deletion when its owner signs in within the grace period, with a password or a passkey', async () => {
    const withPassword = await member();
    const scheduled = await deleteMe(withPassword);
    expect(scheduled.status).toBe(202);
    expect((await listed(withPassword.account.id)).state).toBe('scheduled');

    hub.clock.advance(29 * DAY_MS);
    const back = await withPassword.browser.signIn(withPassword.account.handle);
    expect(back.status).toBe(200);
    expect(back.body.deletionCancelled).toBe(true);
    expect(await deletionsOf(withPassword.account.id)).toEqual([]);
    const log = await withPassword.browser.request('GET', '/api/me/security-log');
    expect(log.body.events.slice(0, 3).map((e: { type: string }) => e.type)).toEqual([
      'account.deletion_cancelled',
      'sign_in.succeeded',
      'account.deletion_scheduled',
    ]);

    const withPasskey = await member();
    const authenticator = authenticatorFor(hub);
    await enroll(withPasskey.browser, authenticator);
    expect((await stepUp(withPasskey.browser, authenticator)).status).toBe(200);
    const confirm = { confirm: withPasskey.account.accountNumber };
    expect((await withPasskey.browser.request('DELETE', '/api/me', confirm)).status).toBe(202);
    const signedIn = await passwordless(new TestBrowser(hub), authenticator);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.deletionCancelled).toBe(true);
    expect(await deletionsOf(withPasskey.account.id)).toEqual([]);
  });

  it('after the grace period deletes the account, tells every service, and records each acknowledgement; a failing one is retried', async () => {
    const leaving = await member();
    expect((await deleteMe(leaving)).status).toBe(202);
    games.answerNext(503, 503);
    await graceOver();
    expect(await hub.services.accounts.byId(leaving.account.id)).toBeUndefined();
    const pending = await listed(leaving.account.id);
    expect(pending).toMatchObject({
      state: 'notifying',
      by: 'self',
      accountNumber: leaving.account.accountNumber,
    });
    expect(pending.services.map((s: { serviceId: string }) => s.serviceId)).toEqual(['games', 'mail']);

    const before = mail.received.length;
    await deliver();
    const delivery = mail.received.slice(before).at(-1)!;
    expect(delivery).toMatchObject({ path: '/orbit/events', contentType: 'application/secevent+jwt' });
    const { payload } = await jwtVerify(delivery.body, createLocalJWKSet(await hub.services.keys.jwks()), {
      issuer: hub.config.issuer,
      audience: 'mail',
      typ: 'secevent+jwt',
      currentDate: hub.clock.now(),
    });
    expect(payload).toMatchObject({
      sub: leaving.account.id,
      events: { [ACCOUNT_DELETED_EVENT]: { deletedAt: pending.deletedAt } },
    });

    const failing = await listed(leaving.account.id);
    expect(failing.state).toBe('notifying');
    expect(failing.services).toEqual([
      expect.objectContaining({
        serviceId: 'games',
        acknowledgedAt: null,
        attempts: 1,
        lastError: `${games.origin}/orbit/events answered 503`,
      }),
      expect.objectContaining({
        serviceId: 'mail',
        acknowledgedAt: hub.clock.now().toISOString(),
        attempts: 1,
      }),
    ]);
    // Retried with backoff by the queue; and once its retries are spent, the hourly requeue sends it again.
    hub.clock.advance(60_000);
    expect(await deliver()).toBe(1);
    expect((await listed(leaving.account.id)).services[0].attempts).toBe(2);
    await hub.db
      .update(jobs)
      .set({ state: 'failed', finishedAt: hub.clock.now() })
      .where(and(eq(jobs.queue, ACCOUNT_DELETION_QUEUE), eq(jobs.state, 'pending')));
    expect(await hub.services.deletionNotices.requeue()).toBe(1);
    expect(await hub.services.deletionNotices.requeue()).toBe(0);

    // An admin sends it again now, once the service is back.
    const retried = await admin.browser.request('POST', `/api/admin/account-deletions/${failing.id}/retry`);
    expect(retried.status).toBe(200);
    expect(await deliver()).toBe(1);
    const done = await listed(leaving.account.id);
    expect(done.state).toBe('done');
    expect(done.services.every((s: { acknowledgedAt: string | null }) => s.acknowledgedAt)).toBe(true);
    // Acknowledged: a delivery that still comes along sends nothing.
    const sent = games.received.length;
    await hub.services.queue.enqueue(ACCOUNT_DELETION_QUEUE, { deletionId: done.id, serviceId: 'games' });
    await deliver();
    expect(games.received.length).toBe(sent);
  });

  it('deletes at once when an admin does, and tells the services the same way', async () => {
    const removed = await member();
    const res = await admin.browser.request('DELETE', `/api/admin/accounts/${removed.account.id}`, {
      reason: 'Asked by email',
    });
    expect(res.status).toBe(200);
    const [record] = await deletionsOf(removed.account.id);
    expect(record).toMatchObject({ by: 'admin', deletedAt: hub.clock.now(), scheduledFor: hub.clock.now() });
    const deliveries = await hub.db
      .select()
      .from(jobs)
      .where(
        and(eq(jobs.queue, ACCOUNT_DELETION_QUEUE), sql`${jobs.payload}->>'deletionId' = ${record!.id}`),
      );
    expect(deliveries.map((job) => (job.payload as { serviceId: string }).serviceId).sort()).toEqual([
      'games',
      'mail',
    ]);
    await deliver();
    expect((await listed(removed.account.id)).state).toBe('done');
  });

  it('lists pending deletions first, and answers bad requests in the one error shape', async () => {
    const waiting = await member();
    expect((await deleteMe(waiting)).status).toBe(202);
    const { body } = await admin.browser.request('GET', '/api/admin/account-deletions');
    expect(body.deletions[0]).toMatchObject({
      accountId: waiting.account.id,
      state: 'scheduled',
      services: [],
    });

    const retry = (id: string) => admin.browser.request('POST', `/api/admin/account-deletions/${id}/retry`);
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const missing = await retry(id);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({
        code: 'account_deletion.not_found',
        message: expect.any(String),
      });
    }
    const notYet = await retry(body.deletions[0].id);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('account_deletion.nothing_to_retry');

    const support = await newStaff(hub, ['support']);
    const refused = await support.browser.request('GET', '/api/admin/account-deletions');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('auth.forbidden');
    expect((await new TestBrowser(hub).request('GET', '/api/admin/account-deletions')).status).toBe(401);
  });
});
