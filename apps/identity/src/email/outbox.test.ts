import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { createSecretBox } from '../oidc/index.js';
import { newStaff } from '../test/admin.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { emailMessages } from './schema.js';
import { messagesTo, verifiedAccount } from './testkit.js';

describe('the development outbox (no ORBIT_SMTP_URL)', () => {
  let hub: TestHub;
  let admin: TestBrowser;
  let member: TestBrowser;
  const anonymous = () => new TestBrowser(hub);

  beforeAll(async () => {
    hub = await startTestHub();
    const handle = uniqueHandle('admin');
    await hub.services.accounts.create({
      handle,
      displayName: 'Ada Admin',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    admin = new TestBrowser(hub);
    expect((await admin.signIn(handle)).status).toBe(200);
    member = new TestBrowser(hub, '203.0.113.77');
    expect((await member.signUp()).status).toBe(201);
  });
  afterAll(async () => {
    await hub.close();
  });

  const resetLink = 'http://localhost:4000/reset-password?token=abc123';
  const sendReset = (to: string, displayName = 'Grace') =>
    hub.services.email.send({
      to,
      locale: 'en',
      template: 'password_reset',
      data: { displayName, link: resetLink, expiresMinutes: 30 },
    });

  it('prints a delivered message in the terminal as plain lines: To, Subject and the text with its link', async () => {
    const to = `${uniqueHandle('grace')}@example.org`;
    await sendReset(to);
    hub.printed.length = 0;
    expect(await hub.services.email.deliverDue()).toBe(1);
    const [block, ...more] = hub.printed;
    expect(more).toEqual([]);
    expect(block).toContain(`│ To:      ${to}`);
    expect(block).toContain('│ Subject: Reset your Orbit password');
    expect(block).toContain('│ Hi Grace,');
    // The link is whole on a line of its own, so a terminal makes it clickable.
    expect(block).toContain(`│ ${resetLink}\n`);
    expect(block).not.toContain('{"');
    const [row] = await messagesTo(hub, to);
    expect(row).toMatchObject({ status: 'sent', transport: 'outbox', attempts: 1 });
    expect(row?.bodySealed).not.toContain('reset-password');
  });

  it('lists messages for admins, newest first and in pages, and shows one with its text and HTML', async () => {
    const to = `${uniqueHandle('pages')}@example.org`;
    for (let n = 0; n < 3; n++) await sendReset(to, `Reader ${n}`);
    await hub.services.email.deliverDue();

    const first = await admin.request('GET', '/api/admin/outbox?limit=2');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body.mode).toBe('outbox');
    expect(first.body.messages).toHaveLength(2);
    const [newest, second] = first.body.messages;
    expect(newest.id).toBeGreaterThan(second.id);
    expect(newest).toMatchObject({ to, template: 'password_reset', status: 'sent', transport: 'outbox' });
    expect(newest.text).toBeUndefined();
    const next = await admin.request('GET', `/api/admin/outbox?limit=2&before=${first.body.nextBefore}`);
    expect(next.body.messages[0].id).toBeLessThan(second.id);

    const one = await admin.request('GET', `/api/admin/outbox/${newest.id}`);
    expect(one.status).toBe(200);
    expect(one.body.message.subject).toBe('Reset your Orbit password');
    expect(one.body.message.text).toContain('Hi Reader 2,');
    expect(one.body.message.text).toContain(resetLink);
    expect(one.body.message.html).toContain(`href="${resetLink}"`);
    expect(one.body.message.bodyWithheld).toBe(false);

    // Support reads the list and a message's facts, never its live links.
    const support = (await newStaff(hub, ['support'], { passkey: false })).browser;
    expect((await support.request('GET', '/api/admin/outbox?limit=2')).body.messages).toHaveLength(2);
    const withheld = await support.request('GET', `/api/admin/outbox/${newest.id}`);
    expect(withheld.status).toBe(200);
    expect(withheld.body.message).toMatchObject({
      subject: 'Reset your Orbit password',
      text: null,
      html: null,
      bodyWithheld: true,
    });
    expect(JSON.stringify(withheld.body)).not.toContain(resetLink);
  });

  it('is for admins only: 401 without a session, 403 for a member', async () => {
    for (const path of ['/api/admin/outbox', '/api/admin/outbox/1']) {
      const signedOut = await anonymous().request('GET', path);
      expect(signedOut.status).toBe(401);
      expect(signedOut.body.error.code).toBeTypeOf('string');
      const notAdmin = await member.request('GET', path);
      expect(notAdmin.status).toBe(403);
      expect(notAdmin.body.error.code).toBe('auth.forbidden');
    }
  });

  it('answers bad paging with 400 and unknown messages with 404, in the error shape', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'before=-1', 'before=1.5', 'before=%00']) {
      const res = await admin.request('GET', `/api/admin/outbox?${query}`);
      expect(res.status, query).toBe(400);
      // A NUL byte is refused as invalid text (request.invalid_text), the rest as invalid values.
      expect(res.body.error.code, query).toMatch(/^request\.invalid(_text)?$/);
    }
    for (const id of ['999999999', 'abc', '0', '-1', '1e400']) {
      const res = await admin.request('GET', `/api/admin/outbox/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body.error.code, id).toBe('outbox.not_found');
    }
  });

  it('gives up on a body sealed under another key-encryption key, and still shows the message', async () => {
    const to = `${uniqueHandle('rekeyed')}@example.org`;
    const id = await sendReset(to);
    const otherBox = createSecretBox(Buffer.alloc(32, 9));
    await hub.db
      .update(emailMessages)
      .set({ bodySealed: otherBox.seal(JSON.stringify({ text: 'x', html: 'x' })) })
      .where(eq(emailMessages.id, id));
    const shown = await admin.request('GET', `/api/admin/outbox/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.message.text).toBeNull();

    hub.printed.length = 0;
    await hub.services.email.deliverDue();
    expect(hub.printed).toEqual([]);
    const [row] = await messagesTo(hub, to);
    expect(row).toMatchObject({ status: 'failed', bodySealed: null });
    expect(row?.lastError).toContain('ORBIT_KEY_ENCRYPTION_KEY');
  });

  it('escapes a hostile display name in the HTML and keeps it as written in the text', async () => {
    const hostile = `<script>alert("x")</script><img src=x onerror='y'> & Co`;
    const victim = await verifiedAccount(hub, { displayName: hostile });
    await hub.services.email.sendToAccount(victim.id, 'passkey_added', {
      displayName: hostile,
      passkeyName: '"><a href="javascript:evil()">key</a>',
      at: hub.clock.now(),
      ip: null,
      device: 'Unknown device',
    });
    await hub.services.email.deliverDue();
    const [row] = await messagesTo(hub, victim.email);
    const { message } = (await admin.request('GET', `/api/admin/outbox/${row?.id}`)).body;
    expect(message.html).not.toContain('<script>');
    expect(message.html).not.toContain('<img');
    expect(message.html).not.toContain('<a href="javascript');
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(message.html).toContain('onerror=&#39;y&#39;&gt; &amp; Co');
    expect(message.text).toContain(`Hi ${hostile},`);
  });

  it('takes the account’s language from sign-up, and PATCH /api/me changes it', async () => {
    const browser = new TestBrowser(hub, '203.0.113.78');
    const signUp = await browser.request('POST', '/api/accounts', {
      handle: uniqueHandle('li'),
      displayName: '李雷',
      password: GOOD_PASSWORD,
      locale: 'zh-CN',
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body.account.locale).toBe('zh-CN');
    const changed = await browser.request('PATCH', '/api/me', { locale: 'en' });
    expect(changed.status).toBe(200);
    expect(changed.body.account.locale).toBe('en');
    const [row] = await hub.db
      .select({ locale: accounts.locale })
      .from(accounts)
      .where(eq(accounts.id, signUp.body.account.id));
    expect(row?.locale).toBe('en');
    // Without a locale, an account writes in English.
    expect((await new TestBrowser(hub, '203.0.113.79').signUp()).body.account.locale).toBe('en');
  });

  it('refuses an unknown language with 400 in the error shape', async () => {
    for (const locale of ['fr', 'zh-cn', '', 'en\u0000', 1, null]) {
      const res = await member.request('PATCH', '/api/me', { locale });
      expect(res.status, String(locale)).toBe(400);
      expect(res.body.error.code).toMatch(/^request\.invalid(_text)?$/);
    }
    const signUp = await new TestBrowser(hub, '203.0.113.80').request('POST', '/api/accounts', {
      handle: uniqueHandle('x'),
      displayName: 'X',
      password: GOOD_PASSWORD,
      locale: 'de',
    });
    expect(signUp.status).toBe(400);
    expect(signUp.body.error.code).toBe('request.invalid');
  });
});
