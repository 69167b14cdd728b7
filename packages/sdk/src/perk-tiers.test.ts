import { HttpBrowser, signUp, TEST_PASSWORD, uniqueHandle } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type SdkFixture, startSdkFixture } from './testing/fixture.js';

const ORIGIN = { ip: null, userAgent: 'sdk test' };

let f: SdkFixture;
beforeAll(async () => {
  // The fixture registers its service at start; nothing else runs before the tests: no seeding, no admin edit.
  f = await startSdkFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('perks with tier defaults', () => {
  it('gives a VIP member the value the manifest names for VIP, as soon as the service registered', async () => {
    const browser = new HttpBrowser();
    const account = await signUp(browser, f.launched.url);
    await browser.navigate(`${f.service.url}/`);
    const storage = async () => (await browser.json('GET', `${f.service.url}/api/perk`)).body.storage;
    // No membership: the manifest's default.
    expect(await storage()).toBe(100);

    const { services } = f.launched.hub;
    const handle = uniqueHandle('admin');
    const admin = await services.accounts.create({
      handle,
      displayName: 'Admin',
      password: TEST_PASSWORD,
      roles: ['admin'],
    });
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await services.billing.complimentary.grant(
      admin.id,
      account.id,
      { tierId: 'vip', until, reason: 'test' },
      ORIGIN,
    );
    // The hub tells the service of the grant (dropping its cached entitlements); perk() reads VIP's value.
    await eventually(async () => (await storage()) === 1000);
    const entitlements = await f.orbit.entitlements(account.id);
    expect(entitlements).toMatchObject({ tiers: ['vip'], perks: { 'sdk-test.storage_mb': 1000 } });
  });
});
