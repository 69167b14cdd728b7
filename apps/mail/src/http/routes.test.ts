import { enrollPasskey, HttpBrowser, SoftAuthenticator, signOut, stepUp } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailPlatform, startMailPlatform } from '../test/platform.js';

let p: MailPlatform;
beforeAll(async () => {
  p = await startMailPlatform({ MAIL_DEFAULT_QUOTA_MB: '1', MAIL_DEFAULT_ATTACHMENT_MB: '0.25' });
});
afterAll(async () => {
  await p?.close();
});

const api = (path: string) => `${p.mail.url}/api${path}`;
const send = (browser: HttpBrowser, body: unknown, key = crypto.randomUUID()) =>
  browser.json('POST', api('/send'), body, { 'idempotency-key': key });

describe('Mail over HTTP, signed in through the hub', () => {
  it('shows who is signed in, with their quota and unread count', async () => {
    const { browser, account } = await p.person('Alice');
    const me = await browser.json('GET', api('/me'));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: {
        sub: account.id,
        accountNumber: account.accountNumber,
        handle: account.handle,
        displayName: 'Alice',
      },
      quota: { usedBytes: 0, limitBytes: 1024 * 1024 },
      limits: { attachmentBytes: 256 * 1024 },
      unread: { inbox: 0 },
    });
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('delivers mail addressed by account number or handle, and the recipient reads it', async () => {
    const alice = await p.person('Alice');
    const bob = await p.person('Bob');
    const carol = await p.person('Carol');
    const sent = await send(alice.browser, {
      to: [bob.account.accountNumber],
      cc: [carol.account.handle],
      subject: 'Lunch',
      bodyHtml: '<p>At <b>noon</b>?</p><img src=x onerror="alert(1)"><script>alert(2)</script>',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ folder: 'sent', subject: 'Lunch' });
    expect(sent.body.message.bodyHtml).not.toMatch(/onerror|script/);

    const inbox = await bob.browser.json('GET', api('/messages?folder=inbox'));
    expect(inbox.body.messages).toHaveLength(1);
    const [summary] = inbox.body.messages;
    expect(summary).toMatchObject({ subject: 'Lunch', read: false, from: { handle: alice.account.handle } });
    expect((await bob.browser.json('GET', api('/me'))).body.unread.inbox).toBe(1);
    // The launcher's badge, asked by the hub on Bob's behalf.
    const badge = await bob.browser.json('GET', `${p.launched.url}/api/services/mail/badge`);
    expect(badge.body).toEqual({ count: 1 });

    const opened = await bob.browser.json('GET', api(`/messages/${summary.id}`));
    expect(opened.body.message.bodyHtml).toContain('<b>noon</b>');
    expect(opened.body.message.read).toBe(true);
    expect((await carol.browser.json('GET', api('/messages'))).body.messages).toHaveLength(1);
  });

  it('answers a retried send with the first result and delivers it once', async () => {
    const alice = await p.person();
    const bob = await p.person();
    const key = crypto.randomUUID();
    const body = { to: [bob.account.handle], subject: 'Once', bodyText: 'only once' };
    const replies = await Promise.all([
      send(alice.browser, body, key),
      send(alice.browser, body, key),
      send(alice.browser, body, key),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.message.id)).size).toBe(1);
    expect((await bob.browser.json('GET', api('/messages'))).body.messages).toHaveLength(1);
    const changed = await send(alice.browser, { ...body, subject: 'Other' }, key);
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('mail.idempotency_conflict');
  });

  it('refuses unknown recipients, oversized attachments and a full mailbox, sending nothing', async () => {
    const alice = await p.person();
    const bob = await p.person();
    const unknown = await send(alice.browser, {
      to: [bob.account.handle, 'nobody-at-all'],
      subject: 'x',
      bodyText: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      code: 'mail.unknown_recipients',
      details: { unknown: ['nobody-at-all'] },
    });

    const big = Buffer.alloc(300 * 1024, 1).toString('base64');
    const tooLarge = await send(alice.browser, {
      to: [bob.account.handle],
      subject: 'file',
      bodyText: 'see attached',
      attachments: [{ filename: 'big.bin', contentType: 'application/octet-stream', dataBase64: big }],
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('mail.attachment_too_large');

    const chunk = Buffer.alloc(200 * 1024, 2).toString('base64');
    const file = { filename: 'part.bin', contentType: 'application/octet-stream', dataBase64: chunk };
    const attachments = [file, file, file, file, file, file];
    const full = await send(alice.browser, {
      to: [bob.account.handle],
      subject: 'full',
      bodyText: 'x',
      attachments,
    });
    expect(full.status).toBe(413);
    expect(full.body.error.code).toBe('mail.quota_exceeded');

    expect((await bob.browser.json('GET', api('/messages'))).body.messages).toHaveLength(0);
    expect((await alice.browser.json('GET', api('/messages?folder=sent'))).body.messages).toHaveLength(0);
  });

  it('searches Chinese text and attachment names, marking nothing of another account’s', async () => {
    const alice = await p.person('Alice');
    const bob = await p.person('Bob');
    const carol = await p.person('Carol');
    const pdf = Buffer.from('%PDF-1.7').toString('base64');
    const sent = await send(alice.browser, {
      to: [bob.account.handle],
      subject: '周报',
      bodyText: `${'前言。'.repeat(80)}这是中文内容测试，请查收。`,
      attachments: [{ filename: '季度报告-Q3.pdf', contentType: 'application/pdf', dataBase64: pdf }],
    });
    expect(sent.status).toBe(201);
    const search = async (who: typeof bob, q: string) =>
      (await who.browser.json('GET', api(`/messages?folder=all&q=${encodeURIComponent(q)}`))).body
        .messages as {
        subject: string;
        snippet: string;
      }[];
    const [found] = await search(bob, '中文');
    expect(found).toMatchObject({ subject: '周报' });
    // The snippet is the passage that matched, not the body's start.
    expect(found!.snippet).toContain('这是中文内容测试');
    expect((await search(bob, '季度报告')).map((m) => m.subject)).toEqual(['周报']);
    expect((await search(bob, 'q3')).map((m) => m.subject)).toEqual(['周报']);
    expect((await search(alice, '内容测试')).map((m) => m.subject)).toEqual(['周报']);
    expect(await search(carol, '中文')).toEqual([]);
  });

  it('never shows, changes or deletes another account’s mail', async () => {
    const alice = await p.person();
    const bob = await p.person();
    const mallory = await p.person();
    const sent = await send(alice.browser, {
      to: [bob.account.handle],
      subject: 'Private',
      bodyText: 'for Bob only',
      attachments: [
        {
          filename: 'a.txt',
          contentType: 'text/plain',
          dataBase64: Buffer.from('secret').toString('base64'),
        },
      ],
    });
    const { id, threadId, attachments } = sent.body.message;
    const attachmentId = attachments[0].id;
    const m = mallory.browser;
    const attempts = [
      await m.json('GET', api(`/messages/${id}`)),
      await m.json('PATCH', api(`/messages/${id}`), { starred: true }),
      await m.json('POST', api(`/messages/${id}/trash`)),
      await m.json('POST', api(`/messages/${id}/restore`)),
      await m.json('DELETE', api(`/messages/${id}`)),
      await m.json('GET', api(`/threads/${threadId}`)),
      await m.json('GET', api(`/attachments/${attachmentId}`)),
      await m.json('PUT', api(`/drafts/${id}`), { subject: 'mine now' }),
      await send(m, { to: [mallory.account.handle], subject: 'Re', bodyText: 'x', inReplyTo: id }),
      await send(m, { to: [mallory.account.handle], subject: 'Fwd', bodyText: 'x', forwardOf: id }),
      await send(m, { draftId: id, to: [mallory.account.handle], subject: 'x', bodyText: 'x' }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(attempt.body.error.code).toBe('mail.not_found');
    }
    const own = await alice.browser.fetch(api(`/attachments/${attachmentId}`));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toContain('a.txt');
    expect(await own.text()).toBe('secret');
  });

  it('refuses requests without a session, from another origin, or with bad input', async () => {
    expect((await new HttpBrowser().json('GET', api('/messages'))).status).toBe(401);
    const alice = await p.person();
    // Another service on this host: same site (ports don't count), so the Lax session cookie goes along.
    const cross = await alice.browser.json('POST', api('/trash/empty'), undefined, {
      origin: 'http://localhost:1',
    });
    expect(cross.status).toBe(403);
    const noKey = await alice.browser.json('POST', api('/send'), { to: ['x'], subject: 'x', bodyText: 'x' });
    expect(noKey.status).toBe(400);
    const badFolder = await alice.browser.json('GET', api('/messages?folder=spam'));
    expect(badFolder.status).toBe(400);
    expect(badFolder.body.error.code).toBe('request.invalid');
    const notJson = await alice.browser.fetch(api('/drafts'), {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);
    expect((await alice.browser.json('GET', api('/messages/not-a-uuid'))).status).toBe(404);
  });

  it('signs the user out of Mail when they sign out at the hub', async () => {
    const alice = await p.person();
    expect((await alice.browser.json('GET', api('/me'))).status).toBe(200);
    await signOut(alice.browser, p.launched.url);
    const until = Date.now() + 15_000;
    let status = 200;
    while (Date.now() < until && status === 200) {
      status = (await alice.browser.json('GET', api('/me'))).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(401);
  });
});

describe('emptying the trash', () => {
  /** Someone with one message in their trash. */
  async function withTrash() {
    const owner = await p.person('Trash Owner');
    const sender = await p.person();
    await send(sender.browser, { to: [owner.account.handle], subject: 'Old news', bodyText: 'x' });
    const inbox = await owner.browser.json('GET', api('/messages?folder=inbox'));
    const [message] = inbox.body.messages;
    expect((await owner.browser.json('POST', api(`/messages/${message.id}/trash`))).status).toBe(200);
    return owner;
  }
  const trashCount = async (browser: HttpBrowser) =>
    (await browser.json('GET', api('/messages?folder=trash'))).body.messages.length;

  /** Follows a step-up URL (as the web page does, coming back to the trash) to the hub's step-up page. */
  async function toStepUpPage(browser: HttpBrowser, location: string): Promise<string> {
    const url = new URL(location, p.mail.url);
    url.searchParams.set('return_to', '/trash?confirm=empty-trash');
    const visit = await browser.navigate(url.href);
    expect(new URL(visit.url).origin).toBe(p.launched.url);
    expect(new URL(visit.url).pathname).toBe('/signin/step-up');
    return new URL(visit.url).searchParams.get('return_to') ?? '';
  }

  it('needs a passkey confirmation at the hub, then empties it without asking again for five minutes', async () => {
    const owner = await withTrash();
    const refused = await owner.browser.json('POST', api('/trash/empty'));
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'step_up_required', details: { maxAgeSeconds: 300 } });
    expect(await trashCount(owner.browser)).toBe(1);

    // At the hub the page confirms with the account's passkey (here one is added first, as the page offers).
    const authenticator = new SoftAuthenticator({ origin: p.launched.url });
    await enrollPasskey(owner.browser, p.launched.url, authenticator);
    const resume = await toStepUpPage(owner.browser, refused.body.error.details.location);
    await stepUp(owner.browser, p.launched.url, authenticator);
    const back = await owner.browser.navigate(`${p.launched.url}${resume}`);
    expect(back.url).toBe(`${p.mail.url}/trash?confirm=empty-trash`);
    expect(back.response.status).toBe(200);

    const emptied = await owner.browser.json('POST', api('/trash/empty'));
    expect(emptied.status).toBe(200);
    expect(emptied.body).toEqual({ deleted: 1 });
    expect(await trashCount(owner.browser)).toBe(0);
    const again = await owner.browser.json('POST', api('/trash/empty'));
    expect(again.body).toEqual({ deleted: 0 });
  });

  it('keeps the trash when the user cancels at the hub, and says a passkey is needed', async () => {
    const owner = await withTrash();
    const refused = await owner.browser.json('POST', api('/trash/empty'));
    const resume = await toStepUpPage(owner.browser, refused.body.error.details.location);
    const cancelled = await owner.browser.navigate(`${p.launched.url}${resume}?step_up=cancel`);
    expect(new URL(cancelled.url).origin).toBe(p.mail.url);
    expect(cancelled.response.status).toBe(403);
    expect(cancelled.text).toContain('A passkey is needed');
    expect((await owner.browser.json('GET', api('/me'))).status).toBe(200);
    expect((await owner.browser.json('POST', api('/trash/empty'))).status).toBe(401);
    expect(await trashCount(owner.browser)).toBe(1);
  });
});
