import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { verifyEmail } from '../test/mail-links.js';
import { ARGON2_PARAMS, argon2Params, hashPassword, needsRehash, TEST_ARGON2_PARAMS } from './passwords.js';

describe('accounts', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('signs up with a random 5-to-10-digit account number and a UUID id, and signs the user in', async () => {
    const browser = new TestBrowser(hub);
    const handle = uniqueHandle('Alice');
    const res = await browser.signUp({ handle, displayName: ' Alice ', email: 'Alice@Example.com' });
    expect(res.status).toBe(201);
    const { account } = res.body;
    expect(account.accountNumber).toMatch(/^[1-9]\d{4,9}$/);
    expect(account.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(account).toMatchObject({ handle: handle.toLowerCase(), displayName: 'Alice', roles: [] });
    expect(account).not.toHaveProperty('passwordHash');
    expect(browser.cookie).toBeDefined();
    expect((await browser.request('GET', '/api/me')).body.account.id).toBe(account.id);
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const res = await new TestBrowser(hub).signUp();
    const [row] = await hub.db.select().from(accounts).where(eq(accounts.id, res.body.account.id));
    const { memoryCost: m, timeCost: t, parallelism: p } = argon2Params();
    expect(row?.passwordHash.startsWith(`$argon2id$v=19$m=${m},t=${t},p=${p}$`)).toBe(true);
    expect(row?.passwordHash).not.toContain(GOOD_PASSWORD);
  });

  it('hashes at OWASP cost unless the test-only variable is set', async () => {
    expect(argon2Params({})).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(argon2Params({ ORBIT_INSECURE_TEST_PASSWORD_HASHING: 'true' })).toBe(ARGON2_PARAMS);
    const stored = await hashPassword(GOOD_PASSWORD, argon2Params({}));
    expect(stored.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(needsRehash(stored, ARGON2_PARAMS)).toBe(false);
    // A hash made at test cost is stale for a production hub, which rehashes it at the next sign-in.
    expect(needsRehash(await hashPassword(GOOD_PASSWORD, TEST_ARGON2_PARAMS), ARGON2_PARAMS)).toBe(true);
  });

  it('draws account numbers at random rather than in sequence', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 6; i++)
      numbers.push(Number((await new TestBrowser(hub).signUp()).body.account.accountNumber));
    const ascendingByOne = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
    expect(ascendingByOne).toBe(false);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('signs in with the account number, the handle (any case) or the verified email (any case)', async () => {
    const handle = uniqueHandle('bob');
    const email = `${handle}@example.org`;
    const { account } = (await new TestBrowser(hub).signUp({ handle, email })).body;
    await verifyEmail(hub, email);
    for (const identifier of [account.accountNumber, handle.toUpperCase(), email.toUpperCase()]) {
      const res = await new TestBrowser(hub).signIn(identifier);
      expect(res.status, identifier).toBe(200);
      expect(res.body.account.id).toBe(account.id);
      expect(res.body.csrfToken).toEqual(expect.any(String));
    }
  });

  it('refuses a taken handle, whatever the case, with 409; a taken email is answered like a free one', async () => {
    const handle = uniqueHandle('carol');
    await new TestBrowser(hub).signUp({ handle, email: `${handle}@example.org` });
    const sameHandle = await new TestBrowser(hub).signUp({ handle: handle.toUpperCase() });
    expect(sameHandle.status).toBe(409);
    expect(sameHandle.body.error.code).toBe('account.handle_taken');
    await verifyEmail(hub, `${handle}@example.org`);
    // Sign-up must not tell who is registered (recovery/email-verification.test.ts has the whole rule).
    const sameEmail = await new TestBrowser(hub).signUp({ email: `${handle.toUpperCase()}@EXAMPLE.org` });
    expect(sameEmail.status).toBe(201);
    expect(sameEmail.body.account).toMatchObject({
      email: null,
      pendingEmail: `${handle.toUpperCase()}@EXAMPLE.org`,
    });
  });

  it('refuses passwords under 8 characters or on the common-password list', async () => {
    const short = await new TestBrowser(hub).signUp({ password: 'a1b2c3' });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'password.too_short', details: [{ path: 'password' }] });
    for (const common of ['password123', 'QWERTYUIOP', 'iloveyou1']) {
      const res = await new TestBrowser(hub).signUp({ password: common });
      expect(res.status, common).toBe(400);
      expect(res.body.error.code).toBe('password.too_common');
    }
  });

  it('refuses malformed handles and emails with the field named', async () => {
    const res = await new TestBrowser(hub).signUp({ handle: '1-starts-with-digit', email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.invalid');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'handle']);
  });

  it('rehashes a password stored at an old cost when the user signs in', async () => {
    const { account } = (await new TestBrowser(hub).signUp()).body;
    const weak = await hash(GOOD_PASSWORD, { memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await hub.db.update(accounts).set({ passwordHash: weak }).where(eq(accounts.id, account.id));
    expect((await new TestBrowser(hub).signIn(account.accountNumber)).status).toBe(200);
    const [row] = await hub.db.select().from(accounts).where(eq(accounts.id, account.id));
    expect(row?.passwordHash).not.toBe(weak);
    const { memoryCost, timeCost } = argon2Params();
    expect(row?.passwordHash).toContain(`m=${memoryCost},t=${timeCost}`);
  });

  it('answers an unknown account exactly as a wrong password', async () => {
    const { account } = (await new TestBrowser(hub, '198.51.100.7').signUp()).body;
    const wrong = await new TestBrowser(hub, '198.51.100.7').signIn(
      account.accountNumber,
      'wrong password here',
    );
    const unknown = await new TestBrowser(hub, '198.51.100.7').signIn(
      'no-such-user-anywhere',
      'wrong password here',
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('auth.invalid_credentials');
  });
});
