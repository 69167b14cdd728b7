import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { passkeys } from '../passkeys/index.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { verifyEmail } from '../test/mail-links.js';

interface Signed {
  browser: TestBrowser;
  account: { id: string; accountNumber: string; handle: string; email: string | null };
}

describe('the security log and the admin account look-up', () => {
  let hub: TestHub;
  let admin: Signed;
  let alice: Signed;
  let bob: Signed;

  async function signUp(overrides: { handle?: string; displayName?: string; email?: string } = {}) {
    const browser = new TestBrowser(hub);
    const res = await browser.signUp(overrides);
    expect(res.status).toBe(201);
    if (!overrides.email) return { browser, account: res.body.account };
    await verifyEmail(hub, overrides.email);
    return { browser, account: (await browser.request('GET', '/api/me')).body.account };
  }

  async function record(accountId: string, count: number, details: Record<string, unknown> = {}) {
    for (let n = 0; n < count; n++) {
      await hub.services.securityLog.record({
        accountId,
        type: 'session.revoked',
        ip: '198.51.100.7',
        userAgent: 'test',
        details: { ...details, n },
      });
    }
  }

  /** Every page of a log, following `nextBefore`, as the portal's "more" button would. */
  async function readAllPages(browser: TestBrowser, path: string, limit: number) {
    const ids: number[] = [];
    let before: number | null | undefined;
    for (;;) {
      const res = await browser.request(
        'GET',
        `${path}?limit=${limit}${before === undefined ? '' : `&before=${before}`}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.events.length).toBeLessThanOrEqual(limit);
      ids.push(...res.body.events.map((e: { id: number }) => e.id));
      before = res.body.nextBefore;
      if (before === null) return ids;
    }
  }

  beforeAll(async () => {
    hub = await startTestHub();
    const handle = uniqueHandle('admin');
    const row = await hub.services.accounts.create({
      handle,
      displayName: 'Ada Admin',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    const browser = new TestBrowser(hub);
    expect((await browser.signIn(handle)).status).toBe(200);
    admin = { browser, account: { ...row, accountNumber: String(row.accountNumber) } };
    alice = await signUp({ displayName: 'Alice Liddell', email: `${uniqueHandle('alice')}@Example.org` });
    bob = await signUp({ displayName: 'Bob 100% Real_Name' });
    await record(alice.account.id, 7);
    await record(bob.account.id, 2, { secret: 'only-bob' });
  });
  afterAll(async () => {
    await hub.close();
  });

  describe('GET /api/me/security-log', () => {
    it('lists the account’s events newest first, in pages that end with nextBefore null', async () => {
      const all = await alice.browser.request('GET', '/api/me/security-log');
      expect(all.status).toBe(200);
      expect(all.headers.get('cache-control')).toBe('no-store');
      const ids: number[] = all.body.events.map((e: { id: number }) => e.id);
      expect(ids.length).toBeGreaterThanOrEqual(7);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(all.body.nextBefore).toBeNull();
      expect(all.body.events[0]).toEqual({
        id: expect.any(Number),
        type: 'session.revoked',
        createdAt: expect.any(String),
        ip: '198.51.100.7',
        device: expect.any(String),
        userAgent: 'test',
        details: { n: 6 },
      });

      expect(await readAllPages(alice.browser, '/api/me/security-log', 3)).toEqual(ids);
      const first = await alice.browser.request('GET', '/api/me/security-log?limit=2');
      expect(first.body.nextBefore).toBe(ids[1]);
      const last = await alice.browser.request('GET', `/api/me/security-log?before=${ids.at(-1)}`);
      expect(last.body).toEqual({ events: [], nextBefore: null });
    });

    it('shows a user only their own events', async () => {
      const text = JSON.stringify(
        (await alice.browser.request('GET', '/api/me/security-log?limit=100')).body,
      );
      expect(text).not.toContain('only-bob');
      const res = await alice.browser.request('GET', `/api/admin/accounts/${bob.account.id}/security-log`);
      expect(res.status).toBe(403);
    });

    it('refuses a limit outside 1..100 or a before that is not an id, and an anonymous caller', async () => {
      for (const query of ['limit=0', 'limit=101', 'limit=ten', 'before=abc', 'before=-3']) {
        const res = await alice.browser.request('GET', `/api/me/security-log?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.body.error.code).toBe('request.invalid');
      }
      expect((await new TestBrowser(hub).request('GET', '/api/me/security-log')).status).toBe(401);
    });
  });

  describe('the admin side', () => {
    it('refuses non-admins (403) and anonymous callers (401)', async () => {
      for (const path of [
        '/api/admin/accounts?q=a',
        `/api/admin/accounts/${alice.account.id}`,
        `/api/admin/accounts/${alice.account.id}/security-log`,
      ]) {
        const res = await bob.browser.request('GET', path);
        expect(res.status, path).toBe(403);
        expect(res.body.error.code).toBe('auth.forbidden');
        expect((await new TestBrowser(hub).request('GET', path)).status, path).toBe(401);
      }
    });

    const search = async (q: string) => {
      const res = await admin.browser.request('GET', `/api/admin/accounts?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return res.body.accounts as { id: string; passkeyCount: number }[];
    };

    it('finds an account by its number, exactly', async () => {
      const found = await search(alice.account.accountNumber);
      // The list is staff's account API now (admin/accounts/listing.test.ts has the rest of its shape).
      expect(found[0]).toMatchObject({
        id: alice.account.id,
        accountNumber: alice.account.accountNumber,
        handle: alice.account.handle,
        displayName: 'Alice Liddell',
        email: alice.account.email,
        roles: [],
        createdAt: expect.any(String),
        passkeyCount: 0,
      });
      expect(await search(alice.account.accountNumber.slice(0, -1))).not.toContainEqual(
        expect.objectContaining({ id: alice.account.id }),
      );
    });

    it('finds an account by handle, email or name, ignoring case', async () => {
      const ids = async (q: string) => (await search(q)).map((a) => a.id);
      expect(await ids(alice.account.handle.toUpperCase())).toEqual([alice.account.id]);
      expect(await ids(alice.account.handle.slice(0, -1))).toContain(alice.account.id);
      expect(await ids(alice.account.email!.toLowerCase())).toEqual([alice.account.id]);
      expect(await ids('example.ORG')).toContain(alice.account.id);
      expect(await ids('liddell')).toEqual([alice.account.id]);
    });

    it('treats % and _ in the search as plain characters', async () => {
      expect((await search('%')).map((a) => a.id)).toEqual([bob.account.id]);
      expect((await search('rea__name')).map((a) => a.id)).toEqual([]);
      expect((await search('REAL_name')).map((a) => a.id)).toEqual([bob.account.id]);
    });

    it('answers at most 50 accounts, newest first without a search', async () => {
      const now = hub.clock.now().getTime();
      await hub.db.insert(accounts).values(
        Array.from({ length: 50 }, (_, i) => ({
          accountNumber: 9_000_000_000 + i,
          handle: uniqueHandle('many'),
          displayName: 'Many',
          passwordHash: 'not-a-hash',
          passwordChangedAt: new Date(now),
          createdAt: new Date(now + (i + 1) * 1000),
          updatedAt: new Date(now),
        })),
      );
      expect(await search('many')).toHaveLength(50);
      const newest = await search('');
      expect(newest).toHaveLength(50);
      expect(newest).not.toContainEqual(expect.objectContaining({ id: admin.account.id }));
    });

    it('shows one account with its passkey count, and 404 for an unknown or malformed id', async () => {
      await hub.db.insert(passkeys).values({
        accountId: alice.account.id,
        credentialId: randomBytes(16).toString('base64url'),
        publicKey: randomBytes(64),
        deviceType: 'multiDevice',
        backedUp: true,
        aaguid: '00000000-0000-0000-0000-000000000000',
        name: 'Laptop',
        createdAt: hub.clock.now(),
      });
      const res = await admin.browser.request('GET', `/api/admin/accounts/${alice.account.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body.account).toMatchObject({ id: alice.account.id, passkeyCount: 1, roles: [] });
      expect(JSON.stringify(res.body)).not.toMatch(/password|publicKey/i);
      expect((await search(alice.account.handle))[0]?.passkeyCount).toBe(1);

      for (const id of [randomUUID(), 'not-a-uuid']) {
        for (const path of [`/api/admin/accounts/${id}`, `/api/admin/accounts/${id}/security-log`]) {
          const missing = await admin.browser.request('GET', path);
          expect(missing.status, path).toBe(404);
          expect(missing.body.error.code).toBe('account.not_found');
        }
      }
    });

    it('reads any account’s security log, in pages', async () => {
      const path = `/api/admin/accounts/${bob.account.id}/security-log`;
      const all = await admin.browser.request('GET', path);
      expect(all.status).toBe(200);
      expect(all.headers.get('cache-control')).toBe('no-store');
      expect(all.body.events.filter((e: { details: { secret?: string } }) => e.details.secret)).toHaveLength(
        2,
      );
      const ids = all.body.events.map((e: { id: number }) => e.id);
      expect(await readAllPages(admin.browser, path, 1)).toEqual(ids);
      expect((await admin.browser.request('GET', `${path}?limit=0`)).status).toBe(400);
    });
  });
});
