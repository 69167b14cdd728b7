import { HttpBrowser, signUp } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SdkFixture, startSdkFixture } from './testing/fixture.js';

let f: SdkFixture;
beforeAll(async () => {
  // No reuse of the hub's answers, so a change at the hub shows on the very next request.
  f = await startSdkFixture({ shellCacheMs: 0 });
});
afterAll(async () => {
  await f?.close();
});

/** A browser signed in at the hub and, through it, at the service. */
async function signedIn() {
  const browser = new HttpBrowser();
  const account = await signUp(browser, f.launched.url);
  await browser.navigate(`${f.service.url}/`);
  return { browser, account };
}

describe('the service shell’s routes (/orbit/me)', () => {
  it('answers the signed-in user with their language, the launcher’s services and the links', async () => {
    const { browser, account } = await signedIn();
    const reply = await browser.json('GET', `${f.service.url}/orbit/me`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.body.user).toMatchObject({
      sub: account.id,
      accountNumber: account.accountNumber,
      handle: account.handle,
      displayName: account.displayName,
      picture: null,
      locale: 'en',
      badges: { vipLevel: 0, activityLevel: expect.any(Number) },
    });
    expect(reply.body.service).toMatchObject({ id: 'sdk-test', name: 'SDK test service' });
    expect(reply.body.hub).toEqual({ url: f.launched.url, accountUrl: `${f.launched.url}/account` });
    expect(reply.body.paths).toEqual({
      login: '/auth/login',
      logout: '/auth/logout',
      notifications: '/orbit/notifications',
    });
    const self = reply.body.services.find((s: { id: string }) => s.id === 'sdk-test');
    expect(self).toEqual({
      id: 'sdk-test',
      name: 'SDK test service',
      names: {},
      iconUrl: `${f.launched.url}/api/services/sdk-test/icon`,
      homeUrl: `${f.service.url}/`,
    });
  });

  it('refuses a visitor without a session with 401 session.required', async () => {
    const reply = await new HttpBrowser().json('GET', `${f.service.url}/orbit/me`);
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('session.required');
    const put = await new HttpBrowser().json('PUT', `${f.service.url}/orbit/me/locale`, { locale: 'en' });
    expect(put.status).toBe(401);
  });

  it('follows a language changed at the hub (the portal), and saves one picked here at the hub', async () => {
    const { browser } = await signedIn();
    // Changed in the portal: the service shows it next time.
    const atHub = await browser.json('PATCH', `${f.launched.url}/api/me`, { locale: 'zh-CN' });
    expect(atHub.status).toBe(200);
    expect((await browser.json('GET', `${f.service.url}/orbit/me`)).body.user.locale).toBe('zh-CN');

    // Picked in the service's menu: stored at the hub, so the portal (and every other service) shows it.
    const saved = await browser.json('PUT', `${f.service.url}/orbit/me/locale`, { locale: 'en' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ locale: 'en' });
    expect((await browser.json('GET', `${f.launched.url}/api/me`)).body.account.locale).toBe('en');
    expect((await browser.json('GET', `${f.service.url}/orbit/me`)).body.user.locale).toBe('en');
  });

  it('refuses a language Orbit doesn’t speak, and a write from another site', async () => {
    const { browser } = await signedIn();
    const bad = await browser.json('PUT', `${f.service.url}/orbit/me/locale`, { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('request.invalid');
    const cross = await browser.json(
      'PUT',
      `${f.service.url}/orbit/me/locale`,
      { locale: 'zh-CN' },
      { origin: 'http://evil.example' },
    );
    // Another site's page: the Lax session cookie stays home, so it is as good as signed out.
    expect(cross.status).toBe(401);
    expect(cross.body.error.code).toBe('session.required');
    expect((await browser.json('GET', `${f.service.url}/orbit/me`)).body.user.locale).toBe('en');
  });
});

describe('the service shell’s bell (/orbit/notifications…), with the user’s own token', () => {
  const notify = (recipient: string, text: string) =>
    f.launched.hub.services.notifications.notify('hub-test', {
      recipient,
      type: 'space.comment',
      category: 'space.comments',
      url: '/friends',
      text: { en: text },
    });

  it('refuses a visitor without a session with 401 session.required', async () => {
    const visitor = new HttpBrowser();
    for (const [method, path] of [
      ['GET', '/orbit/notifications'],
      ['POST', '/orbit/notifications/read'],
      ['GET', '/orbit/notifications/stream'],
    ] as const) {
      const reply = await visitor.json(
        method,
        `${f.service.url}${path}`,
        method === 'POST' ? { all: true } : undefined,
      );
      expect([path, reply.status, reply.body.error.code]).toEqual([path, 401, 'session.required']);
    }
  });

  it('lists the latest notifications across services, marks them read, and streams the count', async () => {
    const { browser, account } = await signedIn();
    const first = await notify(account.id, 'Ada commented on your post');
    await notify(account.id, 'Bob commented on your post');

    const listed = await browser.json('GET', `${f.service.url}/orbit/notifications`);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('cache-control')).toBe('no-store');
    expect(listed.body.unread).toBe(2);
    expect(listed.body.items.map((item: { text: string }) => item.text).sort()).toEqual([
      'Ada commented on your post',
      'Bob commented on your post',
    ]);
    expect(listed.body.items[0]).toMatchObject({ source: 'hub-test', url: '/friends', read: false });
    const one = await browser.json('GET', `${f.service.url}/orbit/notifications?limit=1`);
    expect(one.body.items).toHaveLength(1);
    expect((await browser.json('GET', `${f.service.url}/orbit/notifications?limit=99`)).status).toBe(400);

    // The stream passes the hub's events on: the count at once, then each change.
    const stream = await browser.fetch(`${f.service.url}/orbit/notifications/stream`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    const nextEvent = async () => {
      while (!buffered.includes('\n\n')) buffered += (await reader.read()).value ?? '';
      const end = buffered.indexOf('\n\n');
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      return event;
    };
    expect(await nextEvent()).toBe('event: unread\ndata: {"unread":2}');

    const read = await browser.json('POST', `${f.service.url}/orbit/notifications/read`, { ids: [first.id] });
    expect(read).toMatchObject({ status: 200, body: { unread: 1 } });
    expect(await nextEvent()).toBe('event: unread\ndata: {"unread":1}');
    await reader.cancel();

    expect(
      (await browser.json('POST', `${f.service.url}/orbit/notifications/read`, { all: true })).body,
    ).toEqual({
      unread: 0,
    });
    const bad = await browser.json('POST', `${f.service.url}/orbit/notifications/read`, { ids: ['nope'] });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'request.invalid']);
  });
});

describe('the hub’s shell API (/api/v1/shell)', () => {
  it('needs a service token, and accounts:locale to change a language', async () => {
    const anonymous = await fetch(`${f.launched.url}/api/v1/shell/launcher`);
    expect(anonymous.status).toBe(401);
    const { account } = await signedIn();
    // The SDK's own client (the fixture's manifest asks for accounts:read and accounts:locale).
    expect(await f.orbit.hub.locale(account.id)).toBe('en');
    expect(await f.orbit.hub.setLocale(account.id, 'zh-CN')).toBe('zh-CN');
    expect(await f.orbit.hub.locale(account.id)).toBe('zh-CN');
  });
});

describe('a service the hub no longer lets in', () => {
  it('answers its pages 503 service.disabled, for the shell’s “service disabled” page', async () => {
    const { browser } = await signedIn();
    const { serviceRegistry } = f.launched.hub.services;
    await serviceRegistry.setDisabled('sdk-test', true);
    try {
      const reply = await browser.json('GET', `${f.service.url}/orbit/me`);
      expect(reply.status).toBe(503);
      expect(reply.body.error.code).toBe('service.disabled');
    } finally {
      await serviceRegistry.setDisabled('sdk-test', false);
    }
    expect((await browser.json('GET', `${f.service.url}/orbit/me`)).status).toBe(200);
  });
});
