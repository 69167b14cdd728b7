import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { verifyEmail } from '../test/mail-links.js';
import { AVATAR_MAX_BYTES } from './routes.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('profile', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('edits the display name and bio at once; a new email waits for its link; null clears it', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const res = await browser.request('PATCH', '/api/me', {
      displayName: '小明',
      bio: 'Hello from Orbit',
      email: 'xiaoming@example.cn',
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      displayName: '小明',
      bio: 'Hello from Orbit',
      email: null,
      pendingEmail: 'xiaoming@example.cn',
    });
    await verifyEmail(hub, 'xiaoming@example.cn');
    expect((await browser.request('GET', '/api/me')).body.account).toMatchObject({
      email: 'xiaoming@example.cn',
      emailVerified: true,
    });
    const cleared = await browser.request('PATCH', '/api/me', { email: null });
    expect(cleared.body.account).toMatchObject({ email: null, emailVerified: false, pendingEmail: null });
    const tooLong = await browser.request('PATCH', '/api/me', { bio: 'x'.repeat(281) });
    expect(tooLong.status).toBe(400);
  });

  it("answers a change to another account's email like any other, and keeps the user's own", async () => {
    const a = new TestBrowser(hub);
    await a.signUp({ email: 'taken@example.com' });
    await verifyEmail(hub, 'taken@example.com');
    const b = new TestBrowser(hub);
    await b.signUp({ email: 'mine@example.com' });
    await verifyEmail(hub, 'mine@example.com');
    const res = await b.request('PATCH', '/api/me', { email: 'TAKEN@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ email: 'mine@example.com', pendingEmail: 'TAKEN@example.com' });
    expect((await b.request('GET', '/api/me')).body.account.email).toBe('mine@example.com');
  });

  it('uploads, serves and removes an avatar', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const up = await browser.request('PUT', '/api/me/avatar', undefined, {
      headers: { 'content-type': 'image/png' },
      raw: PNG,
    });
    expect(up.status).toBe(200);
    const url = up.body.account.avatarUrl as string;
    expect(url).toMatch(/^\/api\/accounts\/[0-9a-f-]+\/avatar\?v=/);
    const image = await hub.app.request(url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);

    const removed = await browser.request('DELETE', '/api/me/avatar');
    expect(removed.body.account.avatarUrl).toBeNull();
    expect((await hub.app.request(url)).status).toBe(404);
  });

  it('refuses avatars that are not the image they claim, or too large', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const html = await browser.request('PUT', '/api/me/avatar', undefined, {
      headers: { 'content-type': 'image/png' },
      raw: '<script>alert(1)</script>',
    });
    expect(html.status).toBe(415);
    expect(html.body.error.code).toBe('avatar.unsupported_type');
    const big = Buffer.concat([PNG, Buffer.alloc(AVATAR_MAX_BYTES)]);
    const tooBig = await browser.request('PUT', '/api/me/avatar', undefined, {
      headers: { 'content-type': 'image/png' },
      raw: big,
    });
    expect(tooBig.status).toBe(413);
  });

  it('changes the password, signing out other sessions, only with the current password', async () => {
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp()).body;
    const other = new TestBrowser(hub);
    await other.signIn(account.handle);

    const wrong = await browser.request('POST', '/api/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(401);
    const weak = await browser.request('POST', '/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'password1',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe('newPassword');

    const ok = await browser.request('POST', '/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(ok.status).toBe(204);
    expect((await other.request('GET', '/api/me')).status).toBe(401);
    expect((await browser.request('GET', '/api/me')).status).toBe(200);
    expect((await new TestBrowser(hub).signIn(account.handle, GOOD_PASSWORD)).status).toBe(401);
    expect((await new TestBrowser(hub).signIn(account.handle, 'a brand new passphrase')).status).toBe(200);
  });
});
