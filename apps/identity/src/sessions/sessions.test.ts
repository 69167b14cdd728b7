import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

describe('sessions', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('sets an opaque HttpOnly, SameSite=Lax cookie without Secure on an http issuer', async () => {
    const res = await new TestBrowser(hub).signUp();
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^orbit_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('lists sessions with device, IP and times, and marks the current one', async () => {
    const phone = new TestBrowser(
      hub,
      '192.0.2.1',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    );
    const { account } = (await phone.signUp()).body;
    hub.clock.advance(1000);
    const laptop = new TestBrowser(hub, '192.0.2.2');
    await laptop.signIn(account.accountNumber);
    const res = await laptop.request('GET', '/api/sessions');
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(2);
    const [newest, oldest] = res.body.sessions;
    expect(newest).toMatchObject({ current: true, ip: '192.0.2.2', device: 'Chrome 156 on Linux' });
    expect(oldest).toMatchObject({ current: false, ip: '192.0.2.1', device: 'Safari 17 on iOS' });
    expect(Date.parse(oldest.lastSeenAt)).not.toBeNaN();
  });

  it('revokes another session, which then stops working', async () => {
    const first = new TestBrowser(hub);
    const { account } = (await first.signUp()).body;
    const second = new TestBrowser(hub);
    await second.signIn(account.accountNumber);
    const secondId = (await second.request('GET', '/api/session')).body.session.id;
    expect((await first.request('DELETE', `/api/sessions/${secondId}`)).status).toBe(204);
    expect((await second.request('GET', '/api/me')).status).toBe(401);
    expect((await first.request('GET', '/api/me')).status).toBe(200);
  });

  it("can't revoke another account's session", async () => {
    const mallory = new TestBrowser(hub);
    await mallory.signUp();
    const victim = new TestBrowser(hub);
    await victim.signUp();
    const victimSession = (await victim.request('GET', '/api/session')).body.session.id;
    const res = await mallory.request('DELETE', `/api/sessions/${victimSession}`);
    expect(res.status).toBe(404);
    expect((await victim.request('GET', '/api/me')).status).toBe(200);
    expect((await mallory.request('DELETE', '/api/sessions/not-a-uuid')).status).toBe(404);
  });

  it('signs out: the cookie is cleared and the session is dead server-side', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const cookie = browser.cookie;
    const res = await browser.request('DELETE', '/api/sessions/current');
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const replay = await hub.app.request('/api/me', { headers: { cookie: cookie ?? '' } });
    expect(replay.status).toBe(401);
  });

  it('ends a session after the idle timeout, and keeps an active one alive until the absolute timeout', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const { idleMs, absoluteMs } = hub.config.session;
    // Active every (idle − 1 minute): survives idling, until the absolute limit.
    let elapsed = 0;
    while (elapsed + idleMs - 60_000 < absoluteMs) {
      hub.clock.advance(idleMs - 60_000);
      elapsed += idleMs - 60_000;
      expect((await browser.request('GET', '/api/me')).status).toBe(200);
    }
    hub.clock.advance(absoluteMs - elapsed + 1000);
    expect((await browser.request('GET', '/api/me')).status).toBe(401);

    const idle = new TestBrowser(hub);
    await idle.signUp();
    hub.clock.advance(idleMs + 1000);
    expect((await idle.request('GET', '/api/me')).status).toBe(401);
  });

  it('gives every sign-in a fresh session id, ending the one the browser had', async () => {
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp()).body;
    const before = browser.cookie;
    await browser.signIn(account.handle);
    expect(browser.cookie).not.toBe(before);
    expect((await hub.app.request('/api/me', { headers: { cookie: before ?? '' } })).status).toBe(401);
  });

  it("revokeAll ends every session of the account, and only that account's, inside the caller's transaction", async () => {
    const phone = new TestBrowser(hub);
    const { account } = (await phone.signUp()).body;
    const laptop = new TestBrowser(hub);
    await laptop.signIn(account.accountNumber);
    const bystander = new TestBrowser(hub);
    await bystander.signUp();

    // A rolled-back transaction leaves every session alive.
    await expect(
      hub.db.transaction(async (tx) => {
        expect(await hub.services.sessions.revokeAll(account.id, tx)).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await phone.request('GET', '/api/me')).status).toBe(200);

    expect(await hub.db.transaction((tx) => hub.services.sessions.revokeAll(account.id, tx))).toBe(2);
    expect((await phone.request('GET', '/api/me')).status).toBe(401);
    expect((await laptop.request('GET', '/api/me')).status).toBe(401);
    expect((await bystander.request('GET', '/api/me')).status).toBe(200);
    expect(await hub.services.sessions.revokeAll(account.id)).toBe(0);
  });
});

describe('sessions on an https issuer', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ ORBIT_ISSUER: 'https://orbit.example' });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('uses the __Host- prefix with Secure, Path=/ and no Domain', async () => {
    const browser = new TestBrowser(hub);
    const res = await browser.signUp();
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-orbit_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect((await browser.request('GET', '/api/me')).status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });
});
