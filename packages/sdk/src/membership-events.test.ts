import { ACCOUNT_DELETED_EVENT } from '@orbit/contracts';
import { adminCall, grantMembership, HttpBrowser, revokeMembership, signUp } from '@orbit/testing';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBERSHIP_CHANGED_EVENT } from './membership-events.js';
import { createOrbitService } from './service.js';
import { eventually, manifest, type SdkFixture, startSdkFixture } from './testing/fixture.js';

const HOUR_MS = 3_600_000;

let f: SdkFixture;
const reported: [string, string][] = [];

beforeAll(async () => {
  // Cached for an hour: only the hub's event can make a change show before then.
  f = await startSdkFixture({
    entitlementsCacheMs: HOUR_MS,
    onMembershipChange: (sub, reason) => void reported.push([sub, reason]),
  });
});
afterAll(async () => {
  await f?.close();
});

/** A user signed in at the service, whose perk the service has read (and cached) once. */
async function memberToBe() {
  const browser = new HttpBrowser();
  const account = await signUp(browser, f.launched.url);
  await browser.navigate(`${f.service.url}/`);
  const storage = async () => (await browser.json('GET', `${f.service.url}/api/perk`)).body.storage;
  expect(await storage()).toBe(100);
  return { account, storage };
}

/** `sdk-test-plus` (made at registration from the manifest: twice the storage), as an admin grants it. */
const grant = (accountId: string) => grantMembership(f.launched, accountId, 'sdk-test-plus', { days: 30 });

const postEvent = (token: string, contentType = 'application/secevent+jwt') =>
  fetch(`${f.service.url}/orbit/events`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: token,
  });

describe('membership events', () => {
  it('drops the cached perks the moment the hub reports a grant, and again when it ends', async () => {
    const { account, storage } = await memberToBe();
    const granted = await grant(account.id);
    await eventually(async () => (await storage()) === 200);
    expect(reported).toContainEqual([account.id, 'granted']);

    await revokeMembership(f.launched, granted.id);
    await eventually(async () => (await storage()) === 100);
    expect(reported).toContainEqual([account.id, 'revoked']);
  });

  it('refuses events the hub did not sign for this service with 401, leaving the cache as it was', async () => {
    const { account, storage } = await memberToBe();
    // Tokens the hub signs but has no public way to hand out (an event for another service, a logout token).
    const { services } = f.launched.hub;
    // Granted while the service is disabled (Admin > Services), so the hub sends it no event: it still caches 100.
    expect((await adminCall(f.launched, 'POST', '/admin/services/sdk-test/disable')).status).toBe(200);
    try {
      await grant(account.id);
    } finally {
      expect((await adminCall(f.launched, 'POST', '/admin/services/sdk-test/enable')).status).toBe(200);
    }
    const claims = {
      sub: account.id,
      jti: crypto.randomUUID(),
      events: { [MEMBERSHIP_CHANGED_EVENT]: { reason: 'granted' } },
    };
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...claims, aud: 'sdk-test' })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-the-hubs', typ: 'secevent+jwt' })
      .setIssuer(f.launched.url)
      .setIssuedAt()
      .sign(privateKey);
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'secevent+jwt' })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...claims, aud: 'sdk-test', iss: f.launched.url, iat: 1 })).toString(
        'base64url',
      ),
      '',
    ].join('.');
    const forAnother = await services.tokens.membershipEventToken({
      clientId: 'another-service',
      subject: account.id,
      reason: 'granted',
    });
    // Signed by the hub for this service, but a logout token, not an event.
    const notAnEvent = await services.tokens.logoutToken({ clientId: 'sdk-test', subject: account.id });
    for (const token of [forged, unsigned, forAnother, notAnEvent, 'not.a.jwt']) {
      const res = await postEvent(token);
      expect(res.status, token).toBe(401);
      expect(await res.json()).toMatchObject({ err: 'authentication_failed' });
    }
    const genuine = await services.tokens.membershipEventToken({
      clientId: 'sdk-test',
      subject: account.id,
      reason: 'granted',
    });
    expect((await postEvent(genuine, 'application/json')).status).toBe(400);
    expect(await storage()).toBe(100);
    expect(reported.filter(([sub]) => sub === account.id)).toEqual([]);

    // The hub's own event for this service is taken, and acted on once however often it arrives.
    expect((await postEvent(genuine)).status).toBe(202);
    expect(await storage()).toBe(200);
    expect((await postEvent(genuine)).status).toBe(202);
    expect(reported.filter(([sub]) => sub === account.id)).toEqual([[account.id, 'granted']]);
  });
});

describe('account deletion', () => {
  it('ends the account’s sessions and erases its data before acknowledging, every time it comes; a failed erase is a 500', async () => {
    const erased: string[] = [];
    let failing = true;
    // The service of the fixture again, now with its data rights (same sessions, same credentials).
    const orbit = createOrbitService({
      manifest,
      hubUrl: f.launched.url,
      publicUrl: f.service.url,
      credentials: { file: f.credentialsFile },
      sessions: f.sessions,
      dataRights: {
        erase: async (sub) => {
          if (failing) throw new Error('the database is away');
          erased.push(sub);
        },
      },
    });
    const browser = new HttpBrowser();
    const account = await signUp(browser, f.launched.url);
    await browser.navigate(`${f.service.url}/`);
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(200);
    const deliver = async () =>
      orbit.routes.request('/orbit/events', {
        method: 'POST',
        headers: { 'content-type': 'application/secevent+jwt' },
        body: await f.launched.hub.services.tokens.securityEventToken({
          clientId: manifest.id,
          subject: account.id,
          event: ACCOUNT_DELETED_EVENT,
          payload: { deletedAt: new Date().toISOString() },
        }),
      });

    const failed = await deliver();
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ err: 'erase_failed' });
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(401);

    failing = false;
    expect((await deliver()).status).toBe(202);
    // Delivered again (an answer the hub did not get): erased again, and acknowledged.
    expect((await deliver()).status).toBe(202);
    expect(erased).toEqual([account.id, account.id]);
  });
});
