import { HttpBrowser } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailPlatform, startMailPlatform } from '../test/platform.js';

let p: MailPlatform;
beforeAll(async () => {
  p = await startMailPlatform();
});
afterAll(async () => {
  await p?.close();
});

describe('Mail’s pages', () => {
  it('send a visitor who is not signed in to the hub to sign in', async () => {
    const visit = await new HttpBrowser().navigate(`${p.mail.url}/inbox`);
    expect(new URL(visit.url).origin).toBe(p.launched.url);
    expect(new URL(visit.url).pathname).toBe('/signin');
  });

  it('open for a user signed in at the hub, and tell the page where the hub is', async () => {
    const { browser } = await p.person();
    const visit = await browser.navigate(`${p.mail.url}/inbox`);
    expect(visit.url).toBe(`${p.mail.url}/inbox`);
    expect(visit.text).toContain(`<meta name="orbit-hub" content="${p.launched.url}" />`);
    const policy = visit.response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    // The service shell shows the avatar and the app switcher's icons from the hub.
    expect(policy).toContain(`img-src 'self' data: blob: ${p.launched.url}`);
  });

  it('say goodbye after signing out, without asking to sign in again', async () => {
    const page = await new HttpBrowser().navigate(`${p.mail.url}/signed-out`);
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('signed out');
  });

  it('answer health checks', async () => {
    expect((await fetch(`${p.mail.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${p.mail.url}/readyz`)).status).toBe(200);
  });
});
