import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecurityEventType } from '../security/index.js';
import { GOOD_PASSWORD, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { messagesTo, verifiedAccount } from './testkit.js';

const HOUR_MS = 60 * 60_000;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

describe('security notices from the security log', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const record = (accountId: string, type: SecurityEventType, details: Record<string, unknown> = {}) =>
    hub.services.securityLog.record({ accountId, type, ip: '198.51.100.9', userAgent: FIREFOX, details });

  /** The text of each message to the address, as the outbox shows it. */
  async function textsTo(to: string) {
    await hub.services.email.deliverDue();
    const rows = await messagesTo(hub, to);
    return Promise.all(
      rows.map(async (row) => ({ template: row.template, ...(await hub.services.email.outbox.get(row.id)) })),
    );
  }

  it.each([
    ['password.changed', 'password_changed', {}, 'Your Orbit password was changed', 'was changed'],
    [
      'password.reset',
      'password_changed',
      {},
      'Your Orbit password was reset',
      'reset through an email link',
    ],
    ['passkey.added', 'passkey_added', { name: 'YubiKey 5' }, 'A passkey was added', '“YubiKey 5”'],
    ['passkey.removed', 'passkey_removed', { name: 'Old phone' }, 'A passkey was removed', '“Old phone”'],
    [
      'recovery_code.used',
      'recovery_code_used',
      { remaining: 4 },
      'A recovery code was used',
      '4 codes are left',
    ],
    [
      'sign_in.locked',
      'sign_in_locked',
      { until: '2030-01-01T10:15:00.000Z', failures: 10 },
      'Sign-in to your Orbit account was paused',
      '/forgot-password',
    ],
  ] as const)('%s mails %s to the verified address', async (type, template, details, subject, phrase) => {
    const ada = await verifiedAccount(hub, { displayName: 'Ada' });
    await record(ada.id, type, details);
    const [message, ...more] = await textsTo(ada.email);
    expect(more).toEqual([]);
    expect(message?.template).toBe(template);
    expect(message?.subject).toContain(subject);
    expect(message?.text).toContain('Hi Ada,');
    expect(message?.text).toContain(phrase);
    expect(message?.text).toContain('198.51.100.9');
    if (type !== 'sign_in.locked') {
      expect(message?.text).toContain('Firefox 140 on Linux');
      // One button: to the account page, where passkeys and sessions are reviewed.
      expect(message?.html).toContain(`href="${hub.config.issuer}/account/security"`);
    }
  });

  it('sends nothing for other entries, or to an account without a verified address', async () => {
    const ada = await verifiedAccount(hub);
    await record(ada.id, 'sign_in.succeeded');
    await record(ada.id, 'passkey.renamed', { name: 'x' });
    expect(await messagesTo(hub, ada.email)).toEqual([]);

    const unverified = await hub.services.accounts.create({
      handle: `unv${Date.now().toString(36)}`,
      displayName: 'U',
      password: GOOD_PASSWORD,
      email: `unv${Date.now().toString(36)}@example.org`,
    });
    await record(unverified.id, 'passkey.added', { name: 'x' });
    expect(await messagesTo(hub, unverified.email as string)).toEqual([]);
  });

  it('mails the lock notice at most once an hour per account', async () => {
    const ada = await verifiedAccount(hub);
    await record(ada.id, 'sign_in.locked', { until: hub.clock.now().toISOString() });
    hub.clock.advance(HOUR_MS / 2);
    await record(ada.id, 'sign_in.locked', { until: hub.clock.now().toISOString() });
    expect((await messagesTo(hub, ada.email)).map((m) => m.template)).toEqual(['sign_in_locked']);
    hub.clock.advance(HOUR_MS / 2 + 60_000);
    await record(ada.id, 'sign_in.locked', { until: hub.clock.now().toISOString() });
    expect(await messagesTo(hub, ada.email)).toHaveLength(2);
    // Other accounts have their own hour.
    const bob = await verifiedAccount(hub);
    await record(bob.id, 'sign_in.locked', { until: hub.clock.now().toISOString() });
    expect(await messagesTo(hub, bob.email)).toHaveLength(1);
  });

  it('sends nothing when the change that recorded the entry rolls back', async () => {
    const ada = await verifiedAccount(hub);
    await expect(
      hub.db.transaction(async (tx) => {
        await hub.services.securityLog.record(
          { accountId: ada.id, type: 'passkey.removed', ip: null, userAgent: '', details: { name: 'k' } },
          tx,
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await messagesTo(hub, ada.email)).toEqual([]);
  });

  it('mails the owner when the password is changed through the API', async () => {
    const ada = await verifiedAccount(hub, { locale: 'zh-CN', displayName: '艾达' });
    const browser = new TestBrowser(hub);
    expect((await browser.signIn(ada.handle)).status).toBe(200);
    const res = await browser.request('POST', '/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'a brand new and quite long passphrase 7',
    });
    expect(res.status).toBe(204);
    const [message] = await textsTo(ada.email);
    expect(message?.template).toBe('password_changed');
    expect(message?.subject).toBe('你的 Orbit 密码已修改');
    expect(message?.text).toContain('艾达，你好：');
  });
});
