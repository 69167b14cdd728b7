import { HttpBrowser } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpacePlatform, startSpacePlatform } from './test/platform.js';

let platform: SpacePlatform;
let hubUrl: string;
let spaceUrl: string;

// A real hub on a fresh database, and Space registered with it and running on a free port.
beforeAll(async () => {
  platform = await startSpacePlatform();
  hubUrl = platform.launched.url;
  spaceUrl = platform.space.url;
});

afterAll(async () => {
  await platform?.close();
});

describe('signing in', () => {
  it('signs a user who is signed in at the hub straight in, without a password', async () => {
    const alice = await platform.person('Alice');
    const me = await alice.api('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      sub: alice.account.id,
      accountNumber: alice.account.accountNumber,
      handle: alice.account.handle,
      displayName: 'Alice',
    });
  });

  it('sends a visitor nobody signed in to the hub’s sign-in page', async () => {
    const browser = new HttpBrowser();
    const visit = await browser.navigate(`${spaceUrl}/`);
    expect(new URL(visit.url).origin).toBe(hubUrl);
    expect(new URL(visit.url).pathname).toBe('/signin');
    const me = await browser.json('GET', `${spaceUrl}/api/me`);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('session.required');
  });

  it('lets the pages post the sign-out form to the hub and show the hub’s pictures', async () => {
    const alice = await platform.person();
    const page = await alice.browser.fetch(`${spaceUrl}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`form-action 'self' ${hubUrl}`);
    expect(policy).toContain(`img-src 'self' data: blob: ${hubUrl}`);
  });

  it('signs out here and at the hub', async () => {
    const { browser } = await platform.person();
    const out = await browser.fetch(`${spaceUrl}/auth/logout`, { method: 'POST' });
    expect(out.status).toBe(302);
    const location = out.headers.get('location') ?? '';
    expect(location.startsWith(`${hubUrl}/oidc/logout?`)).toBe(true);
    const after = await browser.navigate(location);
    expect(new URL(after.url).pathname).toBe('/signin');
    expect((await browser.json('GET', `${spaceUrl}/api/me`)).status).toBe(401);
    expect((await browser.json('GET', `${hubUrl}/api/session`)).status).toBe(401);
  });
});

describe('health', () => {
  it('is live and ready (the database answers)', async () => {
    expect(await (await fetch(`${spaceUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${spaceUrl}/readyz`)).status).toBe(200);
  });
});
