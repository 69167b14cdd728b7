import type { SoftAuthenticator } from '@orbit/authenticator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { GOOD_PASSWORD, type Reply, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, secondFactor, stepUp } from '../test/passkeys.js';
import { STEP_UP_MAX_AGE_SECONDS } from './step-up.js';

const STEP_UP_MS = STEP_UP_MAX_AGE_SECONDS * 1000;
const OTHER_PASSWORD = 'another correct horse battery';

function expectStepUpRequired(reply: Reply) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(401);
  expect(reply.body.error).toMatchObject({
    code: 'step_up_required',
    details: { maxAgeSeconds: STEP_UP_MAX_AGE_SECONDS },
  });
}

describe('step-up for sensitive actions', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(testManifest());
  });
  afterAll(async () => {
    await hub.close();
  });

  interface Signed {
    browser: TestBrowser;
    account: { id: string; accountNumber: number; email: string | null };
    authenticator: SoftAuthenticator;
  }

  /** A signed-in account with one passkey, in a session that has made no passkey assertion. */
  async function protectedAccount(role: 'user' | 'admin' = 'user'): Promise<Signed> {
    const browser = new TestBrowser(hub);
    let account: Signed['account'];
    if (role === 'admin') {
      const handle = uniqueHandle('admin');
      await hub.services.accounts.create({
        handle,
        displayName: 'Admin',
        password: GOOD_PASSWORD,
        roles: [role],
      });
      account = (await browser.signIn(handle)).body.account;
    } else {
      account = (await browser.signUp()).body.account;
    }
    const authenticator = authenticatorFor(hub);
    // The first passkey needs no step-up: there is nothing to step up with yet.
    await enroll(browser, authenticator, 'First');
    expect((await browser.request('GET', '/api/session')).body.session.passkeyAt).toBeNull();
    return { browser, account, authenticator };
  }

  let emails = 0;
  const newEmail = () => `stepup${Date.now().toString(36)}${emails++}@example.com`;

  /** Sensitive actions that can be repeated on the same account. */
  const repeatable: {
    name: string;
    role?: 'admin';
    act: (signed: Signed, attempt: number) => Promise<Reply>;
    status: number;
  }[] = [
    {
      name: 'POST /api/me/password',
      act: ({ browser }, attempt) =>
        browser.request('POST', '/api/me/password', {
          currentPassword: attempt % 2 ? OTHER_PASSWORD : GOOD_PASSWORD,
          newPassword: attempt % 2 ? GOOD_PASSWORD : OTHER_PASSWORD,
        }),
      status: 204,
    },
    {
      name: 'PATCH /api/me with a new email',
      act: ({ browser }) => browser.request('PATCH', '/api/me', { email: newEmail() }),
      status: 200,
    },
    {
      name: 'POST /api/me/passkeys/registration-options (a second passkey)',
      act: ({ browser }) => browser.request('POST', '/api/me/passkeys/registration-options'),
      status: 200,
    },
    {
      name: 'POST /api/me/recovery-codes',
      act: ({ browser }) => browser.request('POST', '/api/me/recovery-codes'),
      status: 200,
    },
    ...(['disable', 'enable', 'rotate-secret'] as const).map((action) => ({
      name: `POST /api/admin/services/:id/${action}`,
      role: 'admin' as const,
      act: ({ browser }: Signed) => browser.request('POST', `/api/admin/services/mail/${action}`),
      status: 200,
    })),
  ];

  for (const { name, role, act, status } of repeatable) {
    it(`${name} needs a step-up within the last five minutes`, async () => {
      const signed = await protectedAccount(role);
      expectStepUpRequired(await act(signed, 0));

      expect((await stepUp(signed.browser, signed.authenticator)).status).toBe(200);
      const done = await act(signed, 0);
      expect(done.status, JSON.stringify(done.body)).toBe(status);
      hub.clock.advance(STEP_UP_MS - 1_000);
      const stillFresh = await act(signed, 1);
      expect(stillFresh.status, JSON.stringify(stillFresh.body)).toBe(status);

      hub.clock.advance(1_000);
      expectStepUpRequired(await act(signed, 0));
    });
  }

  it('POST /api/me/passkeys needs a step-up to add a second passkey, not the first', async () => {
    const { browser, authenticator } = await protectedAccount();
    const spare = authenticatorFor(hub);
    expectStepUpRequired(await browser.request('POST', '/api/me/passkeys/registration-options'));

    expect((await stepUp(browser, authenticator)).status).toBe(200);
    const options = (await browser.request('POST', '/api/me/passkeys/registration-options')).body.options;
    const added = await browser.request('POST', '/api/me/passkeys', {
      name: 'Spare',
      response: await spare.register(options),
    });
    expect(added.status).toBe(201);
    expect(added.body.recoveryCodes).toBeUndefined();

    // Options asked for while the step-up was fresh, answered after it lapsed.
    const third = authenticatorFor(hub);
    const late = (await browser.request('POST', '/api/me/passkeys/registration-options')).body.options;
    hub.clock.advance(STEP_UP_MS);
    expectStepUpRequired(
      await browser.request('POST', '/api/me/passkeys', { response: await third.register(late) }),
    );
    expect((await browser.request('GET', '/api/me/security')).body.passkeys).toHaveLength(2);
  });

  it('DELETE /api/me/passkeys/:id needs a step-up within the last five minutes', async () => {
    const { browser, authenticator } = await protectedAccount();
    expect((await stepUp(browser, authenticator)).status).toBe(200);
    await enroll(browser, authenticatorFor(hub), 'Spare');
    hub.clock.advance(STEP_UP_MS);
    const [first, spare] = (await browser.request('GET', '/api/me/security')).body.passkeys;

    expectStepUpRequired(await browser.request('DELETE', `/api/me/passkeys/${spare.id}`));
    expect((await stepUp(browser, authenticator)).status).toBe(200);
    expect((await browser.request('DELETE', `/api/me/passkeys/${spare.id}`)).status).toBe(204);

    hub.clock.advance(STEP_UP_MS);
    expectStepUpRequired(await browser.request('DELETE', `/api/me/passkeys/${first.id}`));
    expect((await browser.request('GET', '/api/me/security')).body.passkeys).toEqual([
      expect.objectContaining({ id: first.id }),
    ]);
  });

  it('DELETE /api/me needs a step-up within the last five minutes', async () => {
    const { browser, account, authenticator } = await protectedAccount();
    const confirm = { confirm: String(account.accountNumber) };
    expectStepUpRequired(await browser.request('DELETE', '/api/me', confirm));

    expect((await stepUp(browser, authenticator)).status).toBe(200);
    hub.clock.advance(STEP_UP_MS);
    expectStepUpRequired(await browser.request('DELETE', '/api/me', confirm));
    expect((await browser.request('GET', '/api/me')).status).toBe(200);

    expect((await stepUp(browser, authenticator)).status).toBe(200);
    expect((await browser.request('DELETE', '/api/me', confirm)).status).toBe(202);
    expect((await browser.request('GET', '/api/me')).status).toBe(401);
  });

  it('changes only the display name without a step-up, and an email that is not new counts as no change', async () => {
    const { browser, account, authenticator } = await protectedAccount();
    const renamed = await browser.request('PATCH', '/api/me', { displayName: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.account.displayName).toBe('Renamed');

    expect((await stepUp(browser, authenticator)).status).toBe(200);
    const email = newEmail();
    expect((await browser.request('PATCH', '/api/me', { email })).status).toBe(200);
    hub.clock.advance(STEP_UP_MS);
    const same = await browser.request('PATCH', '/api/me', { email: email.toUpperCase(), bio: 'Hello' });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expectStepUpRequired(await browser.request('PATCH', '/api/me', { email: null }));
    const after = (await browser.request('GET', '/api/me')).body.account;
    expect(after.id).toBe(account.id);
    // The new address waits for its link (recovery/email-verification.ts).
    expect(after.pendingEmail.toLowerCase()).toBe(email);
  });

  it('does not ask an account without a passkey for a step-up, except for admin writes', async () => {
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp()).body;
    const handle = uniqueHandle('admin');
    await hub.services.accounts.create({
      handle,
      displayName: 'Admin',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    const admin = new TestBrowser(hub);
    await admin.signIn(handle);

    const replies = [
      await browser.request('PATCH', '/api/me', { email: newEmail() }),
      await browser.request('POST', '/api/me/password', {
        currentPassword: GOOD_PASSWORD,
        newPassword: OTHER_PASSWORD,
      }),
      await browser.request('POST', '/api/me/exports'),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 204, 202]);
    // Staff writes are the exception: an admin without a passkey is asked to add one first.
    for (const action of ['disable', 'enable', 'rotate-secret']) {
      const refused = await admin.request('POST', `/api/admin/services/mail/${action}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('admin.passkey_required');
    }
    // Recovery codes stand in for a passkey; without one there is nothing to regenerate.
    const codes = await browser.request('POST', '/api/me/recovery-codes');
    expect(codes.status).toBe(409);
    expect(codes.body.error.code).toBe('passkey.none');
    const deleted = await browser.request('DELETE', '/api/me', {
      confirm: String(account.accountNumber),
      password: OTHER_PASSWORD,
    });
    expect(deleted.status).toBe(202);
  });

  it('raises the same session in place and leaves the other sessions alone', async () => {
    const { browser, account, authenticator } = await protectedAccount();
    const phone = new TestBrowser(hub, '198.51.100.70');
    await phone.signIn(String(account.accountNumber));
    expect((await secondFactor(phone, authenticator)).status).toBe(200);
    const cookie = browser.cookie;
    const csrfToken = browser.csrfToken;
    const before = (await browser.request('GET', '/api/sessions')).body.sessions;
    expect(before).toHaveLength(2);
    const current = before.find((s: { current: boolean }) => s.current);

    const raised = await stepUp(browser, authenticator);
    expect(raised.status).toBe(200);
    expect(raised.body.session.id).toBe(current.id);
    expect(browser.cookie).toBe(cookie);
    expect(browser.csrfToken).toBe(csrfToken);
    const after = (await browser.request('GET', '/api/sessions')).body.sessions;
    expect(after.map((s: { id: string }) => s.id).sort()).toEqual(
      before.map((s: { id: string }) => s.id).sort(),
    );
    expect((await phone.request('GET', '/api/session')).status).toBe(200);
    expect((await phone.request('POST', '/api/me/recovery-codes')).status).toBe(200);
  });

  it('answers the raised session: acr passkey, and stepUpExpiresAt five minutes ahead', async () => {
    const { browser, authenticator } = await protectedAccount();
    const before = (await browser.request('GET', '/api/session')).body.session;
    expect(before).toMatchObject({
      acr: 'urn:orbit:acr:password',
      stepUpExpiresAt: null,
      authMethods: ['pwd'],
    });

    hub.clock.advance(90_000);
    const now = hub.clock.now();
    const raised = await stepUp(browser, authenticator);
    expect(raised.status).toBe(200);
    const expected = {
      id: before.id,
      current: true,
      acr: 'urn:orbit:acr:passkey',
      authMethods: ['pwd', 'hwk', 'user', 'mfa'],
      authTime: now.toISOString(),
      passkeyAt: now.toISOString(),
      stepUpExpiresAt: new Date(now.getTime() + STEP_UP_MS).toISOString(),
      createdAt: before.createdAt,
    };
    expect(raised.body.session).toMatchObject(expected);
    expect((await browser.request('GET', '/api/session')).body.session).toMatchObject(expected);
    const log = (await browser.request('GET', '/api/me/security-log')).body.events;
    expect(log[0]).toMatchObject({ type: 'step_up.succeeded', details: { sessionId: before.id } });
  });

  it('answers 409 passkey.none for step-up options when the account has no passkey', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const reply = await browser.request('POST', '/api/session/step-up/options');
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('passkey.none');
  });
});
