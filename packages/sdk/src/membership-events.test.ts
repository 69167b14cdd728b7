import { HttpBrowser, signUp, TEST_PASSWORD, uniqueHandle } from '@orbit/testing';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBERSHIP_CHANGED_EVENT } from './membership-events.js';
import { eventually, type SdkFixture, startSdkFixture } from './testing/fixture.js';

const HOUR_MS = 3_600_000;
const ORIGIN = { ip: null, userAgent: 'sdk test' };

let f: SdkFixture;
let adminId: string;
const reported: [string, string][] = [];

beforeAll(async () => {
  // Cached for an hour: only the hub's event can make a change show before then.
  f = await startSdkFixture({
    entitlementsCacheMs: HOUR_MS,
    onMembershipChange: (sub, reason) => void reported.push([sub, reason]),
  });
  const { services } = f.launched.hub;
  await services.seedDefaultTiers(); // `sdk-test-plus`: twice the storage
  const handle = uniqueHandle('admin');
  adminId = (
    await services.accounts.create({
      handle,
      displayName: 'Admin',
      password: TEST_PASSWORD,
      roles: ['admin'],
    })
  ).id;
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

const grant = (accountId: string) =>
  f.launched.hub.services.billing.complimentary.grant(
    adminId,
    accountId,
    {
      tierId: 'sdk-test-plus',
      until: new Date(Date.now() + 30 * 24 * HOUR_MS).toISOString(),
      reason: 'test',
    },
    ORIGIN,
  );

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

    await f.launched.hub.services.billing.complimentary.revoke(adminId, granted.id, 'test over', ORIGIN);
    await eventually(async () => (await storage()) === 100);
    expect(reported).toContainEqual([account.id, 'revoked']);
  });

  it('refuses events the hub did not sign for this service with 401, leaving the cache as it was', async () => {
    const { account, storage } = await memberToBe();
    const { services } = f.launched.hub;
    // Granted while the service is disabled, so the hub sends it no event: the service still caches 100.
    await services.serviceRegistry.setDisabled('sdk-test', true);
    try {
      await grant(account.id);
    } finally {
      await services.serviceRegistry.setDisabled('sdk-test', false);
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
