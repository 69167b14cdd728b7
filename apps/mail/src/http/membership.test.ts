import { randomUUID } from 'node:crypto';
import { grantMembership, type HttpBrowser, revokeMembership } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailPlatform, startMailPlatform } from '../test/platform.js';

const MIB = 1024 * 1024;

let p: MailPlatform;
beforeAll(async () => {
  p = await startMailPlatform({ MAIL_DEFAULT_QUOTA_MB: '1', MAIL_DEFAULT_ATTACHMENT_MB: '0.25' });
});
afterAll(async () => {
  await p?.close();
});

const api = (path: string) => `${p.mail.url}/api${path}`;

/** Polls until `check` holds: the hub pushes the change from its job queue, within a second or two. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A VIP membership (the hub's default VIP tier: 10 GiB mailboxes, 50 MiB attachments), as an admin grants it. */
const grantVip = (accountId: string) => grantMembership(p.launched, accountId, 'vip', { days: 30 });

/** Sends one 300 KiB file: over the default attachment limit, well under a VIP's. */
const sendLargeFile = (browser: HttpBrowser, to: string) =>
  browser.json(
    'POST',
    api('/send'),
    {
      to: [to],
      subject: 'Photos',
      bodyText: 'See attached.',
      attachments: [
        {
          filename: 'photo.jpg',
          contentType: 'image/jpeg',
          dataBase64: Buffer.alloc(300 * 1024, 7).toString('base64'),
        },
      ],
    },
    { 'idempotency-key': randomUUID() },
  );

describe('membership perks in Mail', () => {
  it('raises a member’s quota and largest attachment when a membership is granted, and lowers them when it ends', async () => {
    const { browser, account } = await p.person('Vera');
    const friend = await p.person('Finn');
    const me = async () => (await browser.json('GET', api('/me'))).body;
    expect(await me()).toMatchObject({
      quota: { limitBytes: 1 * MIB },
      limits: { attachmentBytes: 0.25 * MIB },
      membership: { tiers: [], vipLevel: 0, raised: { quota: false, attachment: false } },
    });
    const refused = await sendLargeFile(browser, friend.account.handle);
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe('mail.attachment_too_large');

    // No new sign-in: the hub's event drops Mail's cached entitlements (kept 30 s otherwise).
    const granted = await grantVip(account.id);
    await eventually(async () => (await me()).quota.limitBytes === 10240 * MIB);
    expect(await me()).toMatchObject({
      quota: { limitBytes: 10240 * MIB },
      limits: { attachmentBytes: 50 * MIB },
      membership: { tiers: ['vip'], vipLevel: 1, raised: { quota: true, attachment: true } },
    });
    expect((await sendLargeFile(browser, friend.account.handle)).status).toBe(201);

    await revokeMembership(p.launched, granted.id);
    await eventually(async () => (await me()).quota.limitBytes === 1 * MIB);
    expect(await me()).toMatchObject({
      limits: { attachmentBytes: 0.25 * MIB },
      membership: { tiers: [], vipLevel: 0, raised: { quota: false, attachment: false } },
    });
    expect((await sendLargeFile(browser, friend.account.handle)).status).toBe(413);
  });

  it('answers the badges of the people in the mail', async () => {
    const { browser } = await p.person('Reader');
    const vip = await p.person('Vip');
    const plain = await p.person('Plain');
    await grantVip(vip.account.id);
    const nobody = randomUUID();
    const res = await browser.json(
      'GET',
      api(`/badges?subs=${vip.account.id},${plain.account.id.toUpperCase()},${nobody}`),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      badges: {
        [vip.account.id]: { vipLevel: 1, activityLevel: 0 },
        [plain.account.id]: { vipLevel: 0, activityLevel: 0 },
        [nobody]: null,
      },
    });
    for (const query of ['', '?subs=', '?subs=not-a-uuid']) {
      const bad = await browser.json('GET', api(`/badges${query}`));
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe('request.invalid');
    }
  });
});
