import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

describe('CSRF protection', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('refuses a cookie-authenticated write without the CSRF token, and changes nothing', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp({ displayName: 'Before' });
    const res = await hub.app.request('/api/me', {
      method: 'PATCH',
      headers: { cookie: browser.cookie ?? '', 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'After' }),
    });
    expect(res.status).toBe(403);
    expect((await bodyOf(res)).error.code).toBe('csrf.token_invalid');
    expect((await browser.request('GET', '/api/me')).body.account.displayName).toBe('Before');
  });

  it("refuses another session's CSRF token", async () => {
    const a = new TestBrowser(hub);
    await a.signUp();
    const b = new TestBrowser(hub);
    await b.signUp();
    a.csrfToken = b.csrfToken;
    expect((await a.request('DELETE', '/api/sessions/current')).status).toBe(403);
  });

  it('refuses writes from another origin, even sign-in (login CSRF)', async () => {
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp()).body;
    const res = await browser.request(
      'POST',
      '/api/sessions',
      { identifier: account.handle, password: 'x' },
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf.cross_origin');
    const fetchMeta = await browser.request(
      'PATCH',
      '/api/me',
      { bio: 'x' },
      {
        headers: { 'sec-fetch-site': 'cross-site' },
      },
    );
    expect(fetchMeta.status).toBe(403);
  });

  it('lets reads through without a token', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const res = await hub.app.request('/api/me', { headers: { cookie: browser.cookie ?? '' } });
    expect(res.status).toBe(200);
  });
});
