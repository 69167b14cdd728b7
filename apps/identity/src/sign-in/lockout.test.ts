import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, secondFactor } from '../test/passkeys.js';

const DEVICE_COOKIE = 'orbit_device';

describe('lockout with device cookies', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  /** An owner who signed up in this browser (so it holds the account's device cookie), then signed out. */
  async function ownerBrowser(ip = '192.0.2.10') {
    const owner = new TestBrowser(hub, ip);
    const { account } = (await owner.signUp()).body;
    expect((await owner.request('DELETE', '/api/sessions/current')).status).toBe(204);
    return { owner, account };
  }

  /** Wrong passwords from an attacker's own browsers and address until the shared lock is on. */
  async function lockOut(identifier: string, ip = '198.51.100.7') {
    for (let i = 0; i < hub.config.throttle.accountLimit; i++) {
      await new TestBrowser(hub, ip).signIn(identifier, `wrong guess ${i}`);
    }
  }

  const lockEvents = async (accountId: string) =>
    (await hub.services.securityLog.list(accountId, { limit: 100 })).events.filter(
      (event) => event.type === 'sign_in.locked',
    );

  it("lets the owner's known browser in through an attacker's 100 wrong passwords, which get 429 with Retry-After", async () => {
    const { owner, account } = await ownerBrowser();
    const attacker = new TestBrowser(hub, '198.51.100.1');
    const statuses: number[] = [];
    let lastRetryAfter = '';
    for (let i = 0; i < 100; i++) {
      const res = await attacker.signIn(account.accountNumber, `guess number ${i}`);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.error.code).toBe('auth.too_many_attempts');
        lastRetryAfter = res.headers.get('retry-after') ?? '';
      }
    }
    const limit = hub.config.throttle.accountLimit;
    expect(statuses.slice(0, limit - 1)).toEqual(Array(limit - 1).fill(401));
    expect(statuses.slice(limit - 1)).toEqual(Array(100 - limit + 1).fill(429));
    expect(Number(lastRetryAfter)).toBeGreaterThan(0);
    expect(Number(lastRetryAfter)).toBeLessThanOrEqual(hub.config.throttle.lockMs / 1000);

    // Even the right password from an unknown browser waits; the owner's own browser goes straight in.
    expect((await new TestBrowser(hub, '198.51.100.2').signIn(account.handle)).status).toBe(429);
    const signedIn = await owner.signIn(account.accountNumber);
    expect(signedIn.status).toBe(200);
    expect((await owner.request('GET', '/api/me')).body.account.id).toBe(account.id);
    // ...and its success doesn't lift the lock for everyone else.
    expect((await new TestBrowser(hub, '198.51.100.3').signIn(account.handle)).status).toBe(429);

    const events = await lockEvents(account.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ failures: limit, until: expect.any(String) });
    expect(Date.parse(events[0]!.details.until as string)).toBeGreaterThan(hub.clock.now().getTime());
    expect(events[0]!.ip).toBe('198.51.100.1');
  });

  it('treats a forged, expired or other-account device cookie as an unknown device', async () => {
    const { owner, account } = await ownerBrowser('192.0.2.20');
    const real = owner.otherCookies.get(DEVICE_COOKIE)!;
    expect(real).toMatch(new RegExp(`^${account.id}\\.`));

    const withCookie = (value: string) => {
      const browser = new TestBrowser(hub, '192.0.2.21');
      browser.otherCookies.set(DEVICE_COOKIE, value);
      return browser;
    };
    // Another account's valid cookie vouches for that account only.
    const { owner: neighbour } = await ownerBrowser('192.0.2.22');
    const otherAccount = neighbour.otherCookies.get(DEVICE_COOKIE)!;
    const parts = real.split('.');
    const forgedSignature = [...parts.slice(0, 3), 'A'.repeat(43)].join('.');
    const laterExpiry = [
      parts[0],
      parts[1],
      (Number.parseInt(parts[2]!, 36) + 86_400).toString(36),
      parts[3],
    ].join('.');

    await lockOut(account.accountNumber);
    for (const value of [
      forgedSignature,
      laterExpiry,
      otherAccount,
      `${otherAccount}~${forgedSignature}`,
      'garbage',
    ]) {
      const res = await withCookie(value).signIn(account.accountNumber);
      expect(res.status, value).toBe(429);
    }
    // The genuine cookie, copied as is, still works (it is a bearer of trust, like the session cookie).
    expect((await withCookie(real).signIn(account.accountNumber)).status).toBe(200);

    // Past its lifetime the cookie vouches for nothing.
    hub.clock.advance(hub.config.throttle.deviceCookieMs + 1000);
    await lockOut(account.accountNumber, '198.51.100.8');
    expect((await owner.signIn(account.accountNumber)).status).toBe(429);
    hub.clock.advance(hub.config.throttle.lockMs + 1000);
  });

  it("gives a known device a limit of its own; reaching it, the device joins the unknown devices' shared one", async () => {
    const { owner, account } = await ownerBrowser('192.0.2.30');
    const { deviceLimit, accountLimit } = hub.config.throttle;
    for (let i = 0; i < deviceLimit; i++) {
      // The device's own failures never answer 429: past its limit it is simply no longer trusted.
      expect((await owner.signIn(account.accountNumber, `typo ${i}`)).status).toBe(401);
    }
    expect(await lockEvents(account.id)).toHaveLength(0);
    // Now counted with unknown devices: their shared limit locks it too.
    const statuses: number[] = [];
    for (let i = 0; i < accountLimit; i++) {
      statuses.push((await owner.signIn(account.accountNumber, `more typos ${i}`)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect((await owner.signIn(account.accountNumber)).status).toBe(429);
    expect(await lockEvents(account.id)).toHaveLength(1);

    // Once the lock is served, the right password works again and the device is remembered afresh.
    hub.clock.advance(hub.config.throttle.lockMs + 1000);
    expect((await owner.signIn(account.accountNumber)).status).toBe(200);
    await lockOut(account.accountNumber, '198.51.100.9');
    expect((await owner.signIn(account.accountNumber)).status).toBe(200);
    expect(await lockEvents(account.id)).toHaveLength(2);
  });

  it('counts second-factor attempts the same way: the known browser finishes a sign-in that others are locked out of', async () => {
    const owner = new TestBrowser(hub, '192.0.2.40');
    const { account } = (await owner.signUp()).body;
    const authenticator = authenticatorFor(hub);
    await enroll(owner, authenticator);
    expect((await owner.request('DELETE', '/api/sessions/current')).status).toBe(204);

    // Someone who knows the password guesses recovery codes until the shared limit locks unknown devices.
    const attacker = new TestBrowser(hub, '198.51.100.40');
    let last = 0;
    for (let i = 0; i < hub.config.throttle.accountLimit; i++) {
      if ((await attacker.signIn(account.accountNumber)).status === 429) break;
      last = (
        await attacker.request('POST', '/api/sign-in/second-factor/recovery-code', { code: 'aaaaa-aaaaa' })
      ).status;
    }
    expect(last).toBe(429);
    expect((await attacker.signIn(account.accountNumber)).status).toBe(429);

    const first = await owner.signIn(account.accountNumber);
    expect(first.body.status).toBe('second_factor_required');
    expect((await secondFactor(owner, authenticator)).status).toBe(200);
    expect(await lockEvents(account.id)).toHaveLength(1);
  });

  it('honours the device cookie wherever the password is re-entered: re-authentication, password change, deletion', async () => {
    const owner = new TestBrowser(hub, '192.0.2.60');
    const { account } = (await owner.signUp()).body;
    await lockOut(account.accountNumber, '198.51.100.60');
    expect((await new TestBrowser(hub, '192.0.2.61').signIn(account.accountNumber)).status).toBe(429);

    expect((await owner.request('POST', '/api/me/reauthenticate', { password: GOOD_PASSWORD })).status).toBe(
      200,
    );
    const changed = await owner.request('POST', '/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'another long passphrase for the owner 9',
    });
    expect(changed.status).toBe(204);
    const deleted = await owner.request('DELETE', '/api/me', {
      confirm: String(account.accountNumber),
      password: 'another long passphrase for the owner 9',
    });
    expect(deleted.status).toBe(202);
  });

  it('sets an HttpOnly, SameSite=Strict device cookie for the API, remembering a bounded number of accounts', async () => {
    const browser = new TestBrowser(hub, '192.0.2.50');
    const signUp = await browser.signUp();
    const setCookie = signUp.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`)) ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/api/);
    expect(setCookie).not.toMatch(/Secure/);

    const max = hub.config.throttle.deviceCookieMaxAccounts;
    const accounts = [signUp.body.account];
    for (let i = 0; i < max; i++) accounts.push((await browser.signUp()).body.account);
    const entries = browser.otherCookies.get(DEVICE_COOKIE)!.split('~');
    expect(entries).toHaveLength(max);
    // The newest first; the oldest account fell out.
    expect(entries.map((entry) => entry.split('.')[0])).toEqual(
      accounts
        .slice(1)
        .reverse()
        .map((a) => a.id),
    );
    await lockOut(accounts[0].accountNumber, '198.51.100.50');
    await lockOut(accounts[1].accountNumber, '198.51.100.51');
    expect((await browser.signIn(accounts[0].accountNumber)).status).toBe(429);
    expect((await browser.signIn(accounts[1].accountNumber)).status).toBe(200);
  });
});

describe('device cookies on an https issuer', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ ORBIT_ISSUER: 'https://orbit.example' });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('uses the __Secure- prefix with Secure', async () => {
    const res = await new TestBrowser(hub).signUp();
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('__Secure-orbit_device=')) ?? '';
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/HttpOnly/);
  });
});

describe('sign-ups per address', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ ORBIT_SIGN_UPS_PER_IP_HOUR: '3' });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('allows a handful an hour from one address, then 429 with Retry-After; failed sign-ups cost nothing', async () => {
    const ip = '203.0.113.77';
    expect((await new TestBrowser(hub, ip).signUp({ handle: 'x' })).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await new TestBrowser(hub, ip).signUp()).status).toBe(201);
    const refused = await new TestBrowser(hub, ip).signUp();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('sign_up.too_many');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.body.error.details.retryAfterSeconds).toBe(retryAfter);

    // Other addresses aren't affected, and failed sign-ins (another count in the same table) are untouched.
    expect((await new TestBrowser(hub, '203.0.113.78').signUp()).status).toBe(201);
    expect((await new TestBrowser(hub, ip).signIn('nobody-here', 'wrong guess')).status).toBe(401);

    hub.clock.advance(retryAfter * 1000 + 1000);
    expect((await new TestBrowser(hub, ip).signUp()).status).toBe(201);
  });

  it('holds under concurrent sign-ups from one address', async () => {
    const ip = '203.0.113.88';
    const results = await Promise.all(
      Array.from({ length: 6 }, () => new TestBrowser(hub, ip).signUp().then((r) => r.status)),
    );
    expect(results.filter((s) => s === 201)).toHaveLength(3);
    expect(results.filter((s) => s === 429)).toHaveLength(3);
  });
});
