import {
  type Client,
  NOTIFICATIONS_PER_RECIPIENT_MINUTE,
  notificationsApi,
  socialApi,
} from '@orbit/contracts';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessages } from '../email/index.js';
import { testManifest } from '../services/testkit.js';
import { TestBrowser, uniqueHandle } from '../test/client.js';
import { contractClient } from '../test/contracts.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { templatesTo, verifyEmail } from '../test/mail-links.js';
import { actorsPhrase, NOTIFICATION_EMAIL_QUEUE, quietWaitMs } from './notifications.js';
import { MAX_STREAMS_PER_ACCOUNT } from './streams.js';

interface Person {
  id: string;
  handle: string;
  name: string;
  browser: TestBrowser;
  api: Client;
}

describe('notifications: pure rules', () => {
  it('names the actors as the group grows, in both languages', () => {
    expect(actorsPhrase([], 0, 'en')).toBe('Someone');
    expect(actorsPhrase(['Alice'], 1, 'en')).toBe('Alice');
    expect(actorsPhrase(['Bob', 'Alice'], 2, 'en')).toBe('Bob and Alice');
    expect(actorsPhrase(['Cy', 'Bob', 'Alice'], 10, 'en')).toBe('Cy and 9 others');
    expect(actorsPhrase(['Bob', 'Alice'], 2, 'zh-CN')).toBe('Bob和Alice');
    expect(actorsPhrase(['Cy', 'Bob', 'Alice'], 10, 'zh-CN')).toBe('Cy等 10 人');
  });

  it('holds mail until quiet hours end, in the reader’s time zone, across midnight too', () => {
    const at = new Date('2026-12-07T15:30:00Z'); // 23:30 in Shanghai
    const night = { start: 22 * 60, end: 7 * 60 };
    expect(quietWaitMs(at, 'Asia/Shanghai', night)).toBe(7.5 * 60 * 60 * 1000);
    expect(quietWaitMs(at, 'UTC', night)).toBe(0); // 15:30 in UTC
    expect(quietWaitMs(at, 'UTC', { start: 15 * 60, end: 16 * 60 })).toBe(30 * 60 * 1000);
    expect(quietWaitMs(at, 'Asia/Shanghai', null)).toBe(0);
  });
});

describe('the bell', () => {
  let hub: TestHub;
  let token: string;
  let otherToken: string;
  const secrets = { space: '', reader: '' };

  async function person(name: string, email?: string): Promise<Person> {
    const browser = new TestBrowser(hub);
    const handle = uniqueHandle(name);
    const res = await browser.signUp({ handle, displayName: name, ...(email ? { email } : {}) });
    expect(res.status).toBe(201);
    if (email) await verifyEmail(hub, email);
    return { id: res.body.account.id, handle, name, browser, api: contractClient(browser) };
  }

  async function clientCredentials(clientId: string, clientSecret: string) {
    const res = await hub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  /** A service's call of `POST /api/v1/notifications`. */
  const notify = async (body: unknown, bearer = token) => {
    const res = await hub.app.request('/api/v1/notifications', {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read the answers loosely
    return { status: res.status, body: (await res.json()) as any };
  };

  const like = (recipient: string, actor: string, photo = 'photo:1') => ({
    recipient,
    type: 'space.like',
    category: 'space.likes',
    groupKey: `like:${photo}`,
    actor,
    target: photo,
    url: 'https://space.example/p/1',
    text: { en: '{actors} liked your photo', 'zh-CN': '{actors}赞了你的照片' },
  });

  beforeAll(async () => {
    hub = await startTestHub();
    const space = testManifest({ id: 'space', name: 'Space', hubScopes: ['notifications:write'], perks: [] });
    secrets.space = (await hub.services.serviceRegistry.register(space)).clientSecret!;
    token = await clientCredentials('space', secrets.space);
    const reader = testManifest({ id: 'reader', name: 'Reader', hubScopes: ['accounts:read'], perks: [] });
    secrets.reader = (await hub.services.serviceRegistry.register(reader)).clientSecret!;
    otherToken = await clientCredentials('reader', secrets.reader);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('groups likes of one photo into one item, newest actor first, in the reader’s language', async () => {
    const [owner, a, b, c] = [
      await person('Olive'),
      await person('Amy'),
      await person('Ben'),
      await person('Cal'),
    ];
    const first = await notify(like(owner.id, a.id));
    expect(first).toMatchObject({ status: 202, body: { outcome: 'stored' } });
    expect((await notify(like(owner.id, b.id))).body).toEqual({ outcome: 'grouped', id: first.body.id });
    expect((await notify(like(owner.id, a.id))).body.outcome).toBe('grouped'); // Amy again: not counted twice
    expect((await notify(like(owner.id, c.id))).body.outcome).toBe('grouped');
    hub.clock.advance(1000);
    await notify(like(owner.id, a.id, 'photo:2'));

    const page = await owner.api.call(notificationsApi.list, { query: { limit: 10 } });
    expect(page.unread).toBe(2);
    const grouped = page.items.find((i) => i.target === 'photo:1')!;
    expect(grouped).toMatchObject({
      source: 'space',
      actorCount: 3,
      read: false,
      text: 'Cal and 2 others liked your photo',
    });
    expect(grouped.actors.map((p) => p.displayName)).toEqual(['Cal', 'Amy', 'Ben']);
    expect(page.items[0]!.target).toBe('photo:2'); // newest first

    await owner.browser.request('PATCH', '/api/me', { locale: 'zh-CN' });
    const zh = await owner.api.call(notificationsApi.list, { query: { limit: 10 } });
    expect(zh.items.find((i) => i.target === 'photo:1')!.text).toBe('Cal等 3 人赞了你的照片');

    // Once read, the next like starts a new item.
    await owner.api.call(notificationsApi.markRead, { params: { id: grouped.id } });
    expect((await notify(like(owner.id, b.id))).body.outcome).toBe('stored');
    expect((await owner.api.call(notificationsApi.unread)).unread).toBe(2);
    expect((await owner.api.call(notificationsApi.markAllRead)).unread).toBe(0);
    const removed = await owner.api.call(notificationsApi.remove, { params: { id: grouped.id } });
    expect(removed.unread).toBe(0);
    expect((await owner.api.call(notificationsApi.list, { query: { limit: 10 } })).items).toHaveLength(2);
  });

  it('drops what blocks and mutes keep out, and what the reader turned off, without telling the sender why', async () => {
    const [owner, pest, bore, friend] = [
      await person('Opal'),
      await person('Pete'),
      await person('Bo'),
      await person('Fi'),
    ];
    await owner.api.call(socialApi.block, { params: { id: pest.id } });
    await owner.api.call(socialApi.mute, { params: { id: bore.id }, body: {} });
    expect((await notify(like(owner.id, pest.id))).body).toEqual({ outcome: 'blocked', id: null });
    // The other way round too: the one blocked gets nothing the blocker does.
    expect((await notify(like(pest.id, owner.id))).body.outcome).toBe('blocked');
    expect((await notify(like(owner.id, bore.id))).body).toEqual({ outcome: 'muted', id: null });

    const prefs = await owner.api.call(notificationsApi.updatePreferences, {
      body: { categories: { 'space.likes': { inApp: false } } },
    });
    expect(prefs.categories['space.likes']).toEqual({ inApp: false, email: false });
    expect((await notify(like(owner.id, friend.id))).body.outcome).toBe('disabled');
    expect((await owner.api.call(notificationsApi.unread)).unread).toBe(0);

    // Security and payment notices can't be turned off, nor muted away.
    const off = await owner.browser.request('PATCH', '/api/notifications/preferences', {
      categories: { security: { inApp: false } },
    });
    expect([off.status, off.body.error.code]).toEqual([400, 'request.invalid']);
    const security = await notify({
      recipient: owner.id,
      type: 'space.security',
      category: 'security',
      actor: bore.id,
      text: { en: 'Someone tried your Space password' },
    });
    expect(security.body.outcome).toBe('stored');
  });

  it('mails what the reader asked for, after the quiet hours, and not what they read meanwhile', async () => {
    const address = `${uniqueHandle('mia')}@example.org`;
    const owner = await person('Mia', address);
    const [fan, other] = [await person('Fan'), await person('Ola')];
    // Quiet from an hour ago to an hour from now, in the account's time zone (UTC).
    const minute = (offsetMinutes: number) => {
      const m =
        (((hub.clock.now().getUTCHours() * 60 + hub.clock.now().getUTCMinutes() + offsetMinutes) % 1440) +
          1440) %
        1440;
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    };
    const prefs = await owner.api.call(notificationsApi.updatePreferences, {
      body: {
        categories: { 'space.likes': { email: true } },
        quietHours: { start: minute(-60), end: minute(60) },
      },
    });
    expect(prefs).toMatchObject({ quietHours: { start: minute(-60), end: minute(60) }, timeZone: 'UTC' });
    expect(prefs.critical).toEqual(['security', 'payment']);

    const sendDue = () =>
      hub.services.queue.runDue(NOTIFICATION_EMAIL_QUEUE, hub.services.notifications.sendEmail);
    await notify(like(owner.id, fan.id));
    await notify(like(owner.id, other.id)); // the same group: one mail for both
    const read = (await notify(like(owner.id, fan.id, 'photo:9'))).body.id;
    await owner.api.call(notificationsApi.markRead, { params: { id: read } });
    await sendDue(); // (other tests' mail may be due; this account's is not)
    expect(await templatesTo(hub, address)).not.toContain('notification');

    hub.clock.advance(61 * 60 * 1000);
    expect(await sendDue()).toBeGreaterThanOrEqual(2);
    expect((await templatesTo(hub, address)).filter((t) => t === 'notification')).toHaveLength(1);
    const [row] = await hub.db
      .select({ id: emailMessages.id, subject: emailMessages.subject })
      .from(emailMessages)
      .where(eq(emailMessages.template, 'notification'))
      .orderBy(desc(emailMessages.id))
      .limit(1);
    expect(row!.subject).toContain('Ola and Fan liked your photo');
    const message = await hub.services.email.outbox.get(row!.id);
    expect(message?.text).toContain('https://space.example/p/1');
    // The services' tokens ran out over the hour: new ones for the tests after this one.
    token = await clientCredentials('space', secrets.space);
    otherToken = await clientCredentials('reader', secrets.reader);
  });

  it('streams the unread count live, to every open stream of the account, and limits how many', async () => {
    const [owner, fan] = [await person('Sky'), await person('Fae')];
    await hub.services.notificationStreams.watch(hub.listen);
    // The stream as a browser reads it: the response body, event by event.
    const res = await hub.app.request('/api/notifications/stream', {
      headers: { cookie: owner.browser.cookie!, 'x-forwarded-for': owner.browser.ip },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    const nextEvent = async (): Promise<{ event: string; data: unknown }> => {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) return { event, data: JSON.parse(data) };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffered += decoder.decode(value, { stream: true });
      }
    };
    expect(await nextEvent()).toEqual({ event: 'unread', data: { unread: 0 } });
    await notify(like(owner.id, fan.id));
    expect(await nextEvent()).toEqual({ event: 'unread', data: { unread: 1 } });
    await owner.api.call(notificationsApi.markAllRead);
    expect(await nextEvent()).toEqual({ event: 'unread', data: { unread: 0 } });

    await reader.cancel();
  });

  it('refuses bad input, other services’ tokens, and floods, in the one error shape', async () => {
    const [owner, fan] = [await person('Rex'), await person('Roy')];
    for (const [body, status, code] of [
      [{ ...like(owner.id, fan.id), type: 'like' }, 400, 'request.invalid'],
      [{ ...like(owner.id, fan.id), category: 'Space Likes' }, 400, 'request.invalid'],
      [{ ...like(owner.id, fan.id), text: { en: '' } }, 400, 'request.invalid'],
      [{ ...like(owner.id, fan.id), text: { en: 'x'.repeat(201) } }, 400, 'request.invalid'],
      [{ ...like(owner.id, fan.id), data: { blob: 'x'.repeat(5000) } }, 400, 'request.invalid'],
      [{ ...like(owner.id, fan.id), url: 'javascript:alert(1)' }, 400, 'notification.invalid_url'],
      [{ ...like(owner.id, fan.id), url: 'http://evil.example/' }, 400, 'notification.invalid_url'],
      [
        { ...like(owner.id, fan.id), recipient: '00000000-0000-4000-8000-000000000000' },
        404,
        'notification.recipient_not_found',
      ],
      ['{"recipient":', 400, 'request.invalid_json'],
    ] as const) {
      const res = await notify(body);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    }
    const noScope = await notify(like(owner.id, fan.id), otherToken);
    expect([noScope.status, noScope.body.error.code]).toEqual([403, 'token.insufficient_scope']);
    const noToken = await hub.app.request('/api/v1/notifications', { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);

    for (const [method, path] of [
      ['POST', '/api/notifications/nope/read'],
      ['POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read'],
      ['DELETE', '/api/notifications/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await owner.browser.request(method, path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'notification.not_found']);
    }
    // Someone else's notification is none of yours.
    const theirs = (await notify(like(fan.id, owner.id))).body.id;
    expect((await owner.browser.request('POST', `/api/notifications/${theirs}/read`)).status).toBe(404);
    const badQuiet = await owner.browser.request('PATCH', '/api/notifications/preferences', {
      quietHours: { start: '25:00', end: '07:00' },
    });
    expect(badQuiet.status).toBe(400);

    // A flood from one service to one account is cut off after the minute's allowance.
    let refused = 0;
    for (let i = 0; i <= NOTIFICATIONS_PER_RECIPIENT_MINUTE; i++) {
      const res = await notify({ ...like(owner.id, fan.id), groupKey: `flood:${i}` });
      if (res.status === 429) {
        refused++;
        expect(res.body.error.code).toBe('notification.too_many');
      }
    }
    expect(refused).toBeGreaterThanOrEqual(1);
  });

  it('limits the streams one account holds open', async () => {
    const owner = await person('Many');
    const streams: ReadableStreamDefaultReader<Uint8Array>[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_ACCOUNT; i++) {
      const res = await hub.app.request('/api/notifications/stream', {
        headers: { cookie: owner.browser.cookie! },
      });
      expect(res.status).toBe(200);
      streams.push(res.body!.getReader());
    }
    const over = await owner.browser.request('GET', '/api/notifications/stream');
    expect([over.status, over.body.error.code]).toEqual([429, 'notification.too_many']);
    for (const s of streams) await s.cancel();
  });

  it('ends every open stream when the hub stops, and takes no new ones', async () => {
    const owner = await person('Last');
    const res = await hub.app.request('/api/notifications/stream', {
      headers: { cookie: owner.browser.cookie! },
    });
    const reader = res.body!.getReader();
    await reader.read(); // the first count
    hub.services.notificationStreams.drain();
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    const refused = await owner.browser.request('GET', '/api/notifications/stream');
    expect([refused.status, refused.body.error.code]).toEqual([503, 'service.unavailable']);
    expect(hub.services.notificationStreams.open).toBe(0);
    const badCursor = await owner.browser.request('GET', '/api/notifications?before=yesterday');
    expect([badCursor.status, badCursor.body.error.code]).toEqual([400, 'request.invalid']);
  });
});
