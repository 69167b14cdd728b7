import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles } from '../../accounts/index.js';
import { type AccountRow, accounts } from '../../db/schema.js';
import { cliActor } from '../../kernel/actor.js';
import { passkeys } from '../../passkeys/index.js';
import { newStaff, type Staff } from '../../test/admin.js';
import { TestBrowser, uniqueHandle } from '../../test/client.js';
import { startTestHub, type TestHub } from '../../test/hub.js';

/** Every fixture account's display name carries this, so a search for it lists exactly them. */
const MARK = 'Fixturo';
const DAY = 24 * 60 * 60_000;

describe('finding accounts: GET /api/admin/accounts, its CSV export, and one account', () => {
  let hub: TestHub;
  let admin: Staff;
  let support: Staff;
  let user: TestBrowser;
  /** Fixture accounts, newest first; created a day apart, starting ten days ago. */
  let fx: AccountRow[];
  let start: Date;

  const get = (browser: TestBrowser, path: string) => browser.request('GET', path);
  const list = async (query: string, browser = admin.browser) => {
    const res = await get(browser, `/api/admin/accounts?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { accounts: { id: string }[]; nextCursor: string | null; total: number };
  };
  const ids = async (query: string) => (await list(query)).accounts.map((a) => a.id);

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.seedDefaultTiers();
    admin = await newStaff(hub, ['admin']);
    support = await newStaff(hub, ['support']);
    user = new TestBrowser(hub);
    expect((await user.signUp()).status).toBe(201);

    start = new Date(hub.clock.now().getTime() - 10 * DAY);
    const names = [
      `${MARK} Alpha`,
      `${MARK} Bravo`,
      `${MARK} Charlie`,
      `=HYPERLINK("http://evil.example") ${MARK}`,
      `张三, "${MARK}"`,
      `${MARK} Foxtrot`,
      `${MARK} Golf`,
    ];
    const rows = await hub.db
      .insert(accounts)
      .values(
        names.map((displayName, i) => ({
          accountNumber: 8_000_000_000 + Math.floor(Math.random() * 1_000_000) * 10 + i,
          handle: uniqueHandle(`fx${i}`),
          displayName,
          email: i % 2 === 0 ? `${uniqueHandle('fx')}@example.org` : null,
          emailVerifiedAt: i % 4 === 0 ? start : null,
          passwordHash: 'not-a-hash',
          passwordChangedAt: start,
          createdAt: new Date(start.getTime() + i * DAY),
          updatedAt: start,
        })),
      )
      .returning();
    fx = rows.reverse();
    // Newest first: fx[0] is Golf (created 4 days ago), fx[6] is Alpha.
    const [golf, foxtrot, , , charlie] = fx as [AccountRow, AccountRow, AccountRow, AccountRow, AccountRow];
    await hub.db
      .insert(accountRoles)
      .values({ accountId: golf.id, role: 'support', grantedAt: start, grantedBy: admin.account.id });
    await hub.services.accountAdministration.lock.lock(cliActor('ops'), foxtrot.id, 'Chargebacks');
    await hub.services.billing.complimentary.grant(
      admin.account.id,
      charlie.id,
      {
        tierId: 'vip',
        until: new Date(hub.clock.now().getTime() + 30 * DAY).toISOString(),
        reason: 'Beta tester',
      },
      { ip: null, userAgent: '' },
    );
    await hub.db.insert(passkeys).values({
      accountId: golf.id,
      credentialId: randomBytes(16).toString('base64url'),
      publicKey: randomBytes(64),
      deviceType: 'multiDevice',
      backedUp: true,
      aaguid: '00000000-0000-0000-0000-000000000000',
      name: 'Golf’s key',
      createdAt: start,
    });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('lists accounts newest first, each with what the console shows of it', async () => {
    const page = await list(`q=${MARK}`);
    expect(page.total).toBe(7);
    expect(page.nextCursor).toBeNull();
    // A search ranks prefix matches ("Fixturo …") above the rest, then newest first.
    const prefixed = fx.filter((a) => a.displayName.startsWith(MARK)).map((a) => a.id);
    const others = fx.filter((a) => !a.displayName.startsWith(MARK)).map((a) => a.id);
    expect(page.accounts.map((a) => a.id)).toEqual([...prefixed, ...others]);
    const [golf, foxtrot, , , charlie] = fx as AccountRow[];
    const byId = new Map(page.accounts.map((a) => [a.id, a]));
    expect(byId.get(golf!.id)).toEqual({
      id: golf!.id,
      accountNumber: String(golf!.accountNumber),
      handle: golf!.handle,
      displayName: `${MARK} Golf`,
      email: golf!.email,
      emailVerified: false,
      roles: ['support'],
      status: 'active',
      lockedReason: null,
      membership: null,
      passkeyCount: 1,
      createdAt: golf!.createdAt.toISOString(),
      lastSignInAt: null,
    });
    expect(byId.get(foxtrot!.id)).toMatchObject({ status: 'locked', lockedReason: 'Chargebacks' });
    expect(byId.get(charlie!.id)).toMatchObject({ membership: { tierId: 'vip', tierName: 'VIP' } });

    // Without a search: every account, newest first; signed-in ones say when they last signed in.
    const all = await list('limit=100');
    const created = all.accounts.map((a) => (a as unknown as { createdAt: string }).createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const me = all.accounts.find((a) => a.id === admin.account.id) as unknown as { lastSignInAt: string };
    expect(me.lastSignInAt).toEqual(expect.any(String));
    expect(all.total).toBe(all.accounts.length);
  });

  it('keeps the old search working: the account number exactly, then handle, email or name', async () => {
    const golf = fx[0]!;
    expect(await ids(`q=${golf.accountNumber}`)).toEqual([golf.id]);
    expect(await ids(`q=${golf.handle.toUpperCase()}`)).toEqual([golf.id]);
    expect((await ids(`q=${golf.handle.slice(0, -1)}`))[0]).toBe(golf.id);
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('张三')}`)).toEqual([fx[2]!.id]);
  });

  it('pages through every match with a cursor, never repeating or skipping one', async () => {
    for (const query of [`q=${MARK}`, 'status=active', `q=${MARK.toLowerCase()}&status=active`]) {
      const whole = await ids(`${query}&limit=100`);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(`${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        // The total counts what matches now: the latecomer too, once it exists.
        expect(page.total, query).toBe(whole.length + (pages === 0 ? 0 : 1));
        expect(page.accounts.length).toBeLessThanOrEqual(2);
        seen.push(...page.accounts.map((a) => a.id));
        cursor = page.nextCursor;
        pages++;
        // An account made meanwhile is newer than every row left, so the pages go on unchanged.
        if (pages === 1) {
          hub.clock.advance(1000);
          await new TestBrowser(hub).signUp({ displayName: `${MARK} Latecomer ${query.length}` });
        }
      } while (cursor);
      expect(seen, query).toEqual(whole);
      expect(pages).toBeGreaterThan(2);
    }
  });

  it('filters by role, status, membership and when the account was made', async () => {
    const [golf, foxtrot, echo, delta, charlie, bravo, alpha] = fx.map((a) => a.id) as string[];
    const only = async (query: string) =>
      (await ids(`q=Fixturo&${query}&limit=100`)).filter((id) => fx.some((a) => a.id === id));
    expect(await only('role=support')).toEqual([golf]);
    expect(await ids('role=admin')).toContain(admin.account.id);
    expect(await ids('role=admin')).not.toContain(support.account.id);
    expect(await only('status=locked')).toEqual([foxtrot]);
    expect(await only('status=active')).not.toContain(foxtrot);
    // Unverified: no verified address (Alpha and Echo have one).
    expect((await only('status=unverified')).sort()).toEqual([golf, foxtrot, delta, charlie, bravo].sort());
    expect(await only('membership=vip')).toEqual([charlie]);
    expect(await only('membership=any')).toEqual([charlie]);
    expect(await only('membership=svip')).toEqual([]);
    expect(await only('membership=none')).not.toContain(charlie);
    expect((await only('membership=none')).length).toBe(6);

    const day = (n: number) => new Date(start.getTime() + n * DAY);
    const range = `createdFrom=${encodeURIComponent(day(2).toISOString())}&createdTo=${encodeURIComponent(day(4).toISOString())}`;
    // Searching, a prefix match (Charlie) still comes before the others.
    expect(await only(range)).toEqual([charlie, echo, delta]);
    const days = `createdFrom=${day(2).toISOString().slice(0, 10)}&createdTo=${day(4).toISOString().slice(0, 10)}`;
    expect(await only(days)).toEqual(expect.arrayContaining([echo, delta, charlie]));
    expect(await only(days)).not.toContain(alpha);
    // Filters combine, and the total counts what they match.
    const combined = await list(`q=Fixturo&status=unverified&membership=none&${range}`);
    expect(combined.accounts.map((a) => a.id)).toEqual([delta]);
    expect(combined.total).toBe(1);
  });

  it('answers 400 request.invalid for filters, cursors and limits it can’t use', async () => {
    const forged = Buffer.from(JSON.stringify({ c: 'yesterday', i: 'x' })).toString('base64url');
    for (const query of [
      'status=banned',
      'limit=0',
      'limit=101',
      'limit=ten',
      'cursor=not-a-cursor',
      `cursor=${forged}`,
      'createdFrom=yesterday',
      'createdFrom=2026-02-30',
      'createdFrom=2026-12-02&createdTo=2026-12-01',
      'role=Not%20A%20Role',
      'membership=VIP!',
      `q=${'x'.repeat(321)}`,
    ]) {
      const res = await get(admin.browser, `/api/admin/accounts?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('request.invalid');
      if (!query.startsWith('cursor') && !query.startsWith('limit')) {
        expect((await get(admin.browser, `/api/admin/accounts.csv?${query}`)).status, query).toBe(400);
      }
    }
    // An empty parameter is no filter at all.
    const unfiltered = await list('role=&status=&membership=&cursor=&limit=');
    expect(unfiltered.accounts.length).toBe(unfiltered.total);
  });

  it('lets support read, but not ordinary users or anonymous callers', async () => {
    const golf = fx[0]!;
    for (const path of [
      '/api/admin/accounts',
      '/api/admin/accounts.csv',
      `/api/admin/accounts/${golf.id}`,
      `/api/admin/accounts/${golf.id}/security-log`,
    ]) {
      expect((await get(support.browser, path)).status, path).toBe(200);
      const forbidden = await get(user, path);
      expect(forbidden.status, path).toBe(403);
      expect(forbidden.body.error.code).toBe('auth.forbidden');
      expect((await get(new TestBrowser(hub), path)).status, path).toBe(401);
    }
  });

  it('shows one account in full (never a secret), and 404 for an unknown or malformed id', async () => {
    const golf = fx[0]!;
    const res = await get(admin.browser, `/api/admin/accounts/${golf.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.account).toMatchObject({
      id: golf.id,
      handle: golf.handle,
      roles: ['support'],
      status: 'active',
      locale: 'en',
      timeZone: 'UTC',
      bio: '',
      passkeyCount: 1,
      passkeys: [
        { id: expect.any(String), name: 'Golf’s key', createdAt: start.toISOString(), lastUsedAt: null },
      ],
      recoveryCodesLeft: 0,
      sessions: 0,
      lockedAt: null,
      lockedBy: null,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|publicKey|credentialId|not-a-hash/);

    const locked = await get(admin.browser, `/api/admin/accounts/${fx[1]!.id}`);
    expect(locked.body.account).toMatchObject({
      status: 'locked',
      lockedReason: 'Chargebacks',
      lockedAt: expect.any(String),
      lockedBy: { accountId: null, label: null },
    });
    const me = await get(admin.browser, `/api/admin/accounts/${admin.account.id}`);
    expect(me.body.account).toMatchObject({ roles: ['admin'], sessions: 1, recoveryCodesLeft: 10 });

    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', '1']) {
      const missing = await get(admin.browser, `/api/admin/accounts/${id}`);
      expect(missing.status, id).toBe(404);
      expect(missing.body.error.code).toBe('account.not_found');
    }
  });

  it('exports every match as a safe UTF-8 CSV, in the list’s order', async () => {
    // Read as bytes: a text decoder would drop the byte order mark this checks for.
    const res = await hub.app.request(`/api/admin/accounts.csv?q=${MARK}&status=active`, {
      headers: { cookie: admin.browser.cookie!, 'x-forwarded-for': admin.browser.ip },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const today = hub.clock.now().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="orbit-accounts-${today}.csv"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFFid,account_number,handle,display_name,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    const listed = await list(`q=${MARK}&status=active&limit=100`);
    expect(res.headers.get('x-orbit-export-total')).toBe(String(listed.total));
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(listed.accounts.map((a) => a.id));
    const evil = fx[3]!;
    expect(lines.find((line) => line.startsWith(evil.id))).toContain(
      `"'=HYPERLINK(""http://evil.example"") ${MARK}"`,
    );
    expect(lines.find((line) => line.startsWith(fx[2]!.id))).toContain(`"张三, ""${MARK}"""`);
    expect(text).not.toContain(fx[1]!.id); // locked: filtered out
  });

  it('streams large exports in batches, all rows included', async () => {
    const { listing } = hub.services.accountAdministration;
    const batches: number[] = [];
    for await (const batch of listing.all({ q: MARK }, { batch: 3, max: 100 })) batches.push(batch.length);
    const total = await listing.total({ q: MARK });
    expect(batches.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...batches)).toBe(3);
    const capped: number[] = [];
    for await (const batch of listing.all({ q: MARK }, { batch: 3, max: 4 })) capped.push(batch.length);
    expect(capped).toEqual([3, 1]);
  });
});
