import { jobs } from '@orbit/jobs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { startSmtpServer } from '../test/smtp.js';
import { EMAIL_QUEUE } from './email.js';
import { messagesTo, verifiedAccount } from './testkit.js';

describe('outgoing mail over SMTP (a real SMTP server in this process)', () => {
  let hub: TestHub;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const at = new Date('2026-03-01T12:30:00Z');
  const origin = { at, ip: '198.51.100.23', device: 'Firefox 140 on Linux' };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    hub = await startTestHub({ ORBIT_SMTP_URL: smtp.url, ORBIT_EMAIL_FROM: 'Orbit <mail@orbit.test>' });
  });
  afterAll(async () => {
    hub.services.email.close();
    await hub.close();
    await smtp.close();
  });

  const receivedBy = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  it('delivers a message with its headers and both parts, and keeps no body once SMTP has it', async () => {
    const ada = await verifiedAccount(hub);
    await hub.services.email.sendToAccount(ada.id, 'passkey_added', {
      displayName: 'Ada Lovelace',
      passkeyName: 'Work laptop',
      ...origin,
    });
    expect(await hub.services.email.deliverDue()).toBe(1);

    const [mail, ...more] = receivedBy(ada.email);
    expect(more).toEqual([]);
    expect(mail?.from).toBe('mail@orbit.test');
    expect(mail?.headers.from).toBe('Orbit <mail@orbit.test>');
    expect(mail?.headers.to).toBe(ada.email);
    expect(mail?.headers.subject).toBe('A passkey was added to your Orbit account');
    expect(mail?.headers['auto-submitted']).toBe('auto-generated');
    expect(mail?.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(mail?.text).toContain('A new passkey, “Work laptop”, can now sign in');
    expect(mail?.text).toContain('198.51.100.23');
    expect(mail?.text).toContain('March 1, 2026');
    expect(mail?.html).toContain('<!doctype html>');
    expect(mail?.html).toContain('Work laptop');

    const [row] = await messagesTo(hub, ada.email);
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, bodySealed: null });
    expect(mail?.headers['message-id']).toBe(row?.messageId);
  });

  it('writes to a zh-CN account in Chinese, in its own time zone', async () => {
    const li = await verifiedAccount(hub, { displayName: '李雷', locale: 'zh-CN' });
    await hub.db.update(accounts).set({ timeZone: 'Asia/Shanghai' }).where(eq(accounts.id, li.id));
    await hub.services.email.sendToAccount(li.id, 'password_changed', {
      displayName: '李雷',
      via: 'change',
      ...origin,
    });
    await hub.services.email.deliverDue();

    const [mail] = receivedBy(li.email);
    expect(mail?.headers.subject).toBe('你的 Orbit 密码已修改');
    expect(mail?.text).toContain('李雷，你好：');
    expect(mail?.text).toContain('你的 Orbit 账号密码已修改');
    // 12:30 UTC is 20:30 in Shanghai.
    expect(mail?.text).toContain('20:30');
    expect(mail?.html).toContain('lang="zh-CN"');
    expect(mail?.html).toContain('李雷，你好：');
  });

  it('retries a temporary refusal (451) with the queue’s backoff, then delivers', async () => {
    const ada = await verifiedAccount(hub);
    smtp.answer({ code: 451, message: 'Try again later (greylisted)' });
    await hub.services.email.sendToAccount(ada.id, 'recovery_code_used', {
      displayName: 'Ada',
      remaining: 7,
      ...origin,
    });
    await hub.services.email.deliverDue();
    expect(receivedBy(ada.email)).toEqual([]);
    const [waiting] = await messagesTo(hub, ada.email);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting?.lastError).toContain('451');
    expect(waiting?.bodySealed).not.toBeNull();

    // Not again before the backoff is over…
    expect(await hub.services.email.deliverDue()).toBe(0);
    // …but after it.
    hub.clock.advance(60_000);
    expect(await hub.services.email.deliverDue()).toBe(1);
    expect(receivedBy(ada.email)).toHaveLength(1);
    const [sent] = await messagesTo(hub, ada.email);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, bodySealed: null });
  });

  it('gives up at once on a permanent refusal (550), and drops the body', async () => {
    const ada = await verifiedAccount(hub);
    smtp.answer({ code: 550, message: 'No such user here' });
    await hub.services.email.send({
      to: ada.email,
      locale: 'en',
      template: 'password_reset',
      data: { displayName: 'Ada', link: 'https://orbit.test/reset?token=secret', expiresMinutes: 30 },
    });
    await hub.services.email.deliverDue();
    const [row] = await messagesTo(hub, ada.email);
    expect(row).toMatchObject({ status: 'failed', transport: 'smtp', attempts: 1, bodySealed: null });
    expect(row?.lastError).toContain('550');

    hub.clock.advance(24 * 60 * 60_000);
    expect(await hub.services.email.deliverDue()).toBe(0);
    expect(receivedBy(ada.email)).toEqual([]);
    const [job] = await hub.db
      .select({ state: jobs.state })
      .from(jobs)
      .where(and(eq(jobs.queue, EMAIL_QUEUE), sql`${jobs.payload}->>'messageId' = ${String(row?.id)}`));
    expect(job?.state).toBe('failed');
  });

  it('checks its settings by connecting (the hub does at start)', async () => {
    await expect(hub.services.email.verify()).resolves.toBeUndefined();
  });

  it('shows admins delivery status and never a body', async () => {
    const handle = uniqueHandle('admin');
    await hub.services.accounts.create({
      handle,
      displayName: 'Ada Admin',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    const admin = new TestBrowser(hub);
    expect((await admin.signIn(handle)).status).toBe(200);
    const ada = await verifiedAccount(hub);
    smtp.answer({ code: 550, message: 'Mailbox unavailable' });
    const failed = await hub.services.email.send({
      to: ada.email,
      locale: 'en',
      template: 'email_verify',
      data: { displayName: 'Ada', link: 'https://orbit.test/verify-email?token=secret-1', expiresHours: 24 },
    });
    await hub.services.email.deliverDue();
    // One still waiting: its body is kept (sealed) for the next attempt, but not shown.
    const waiting = await hub.services.email.send({
      to: ada.email,
      locale: 'en',
      template: 'email_verify',
      data: { displayName: 'Ada', link: 'https://orbit.test/verify-email?token=secret-2', expiresHours: 24 },
    });

    const list = await admin.request('GET', '/api/admin/outbox?limit=5');
    expect(list.status).toBe(200);
    expect(list.body.mode).toBe('smtp');
    const failedEntry = list.body.messages.find((m: { id: number }) => m.id === failed);
    expect(failedEntry).toMatchObject({ status: 'failed', transport: 'smtp', attempts: 1 });
    expect(failedEntry.lastError).toContain('550 Mailbox unavailable');
    for (const id of [failed, waiting]) {
      const one = await admin.request('GET', `/api/admin/outbox/${id}`);
      expect(one.status).toBe(200);
      expect(one.body.message).toMatchObject({ text: null, html: null });
      expect(JSON.stringify(one.body)).not.toContain('secret-');
    }
  });

  it('sends nothing to an account whose address is not verified', async () => {
    const handle = `unverified${Date.now().toString(36)}`;
    const account = await hub.services.accounts.create({
      handle,
      displayName: 'Nobody',
      password: 'correct horse battery staple',
    });
    const id = await hub.services.email.sendToAccount(account.id, 'passkey_removed', {
      displayName: 'Nobody',
      passkeyName: 'Phone',
      ...origin,
    });
    expect(id).toBeUndefined();
  });
});
