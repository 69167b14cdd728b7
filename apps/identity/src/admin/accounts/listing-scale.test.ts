import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../db/schema.js';
import { newStaff, type Staff } from '../../test/admin.js';
import { startTestHub, type TestHub } from '../../test/hub.js';
import { accountRoles } from '../schema.js';

const ACCOUNTS = 10_000;
const BATCH = 1000;
/** The console's bar (docs/admin-console.md): a page of 10 000 accounts, whatever the filters, well under this. */
const BUDGET_MS = 100;

describe('listing 10 000 accounts', () => {
  let hub: TestHub;
  let admin: Staff;

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await newStaff(hub, ['admin']);
    const base = hub.clock.now().getTime() - ACCOUNTS * 60_000;
    for (let from = 0; from < ACCOUNTS; from += BATCH) {
      const rows = await hub.db
        .insert(accounts)
        .values(
          Array.from({ length: BATCH }, (_, k) => {
            const n = from + k;
            return {
              accountNumber: 7_000_000_000 + n,
              handle: `scale${n}`,
              displayName: `Scale User ${n}`,
              email: n % 3 === 0 ? `scale${n}@example.org` : null,
              emailVerifiedAt: n % 6 === 0 ? new Date(base) : null,
              passwordHash: 'not-a-hash',
              passwordChangedAt: new Date(base),
              createdAt: new Date(base + n * 60_000),
              updatedAt: new Date(base),
              ...(n % 500 === 0 ? { lockedAt: new Date(base), lockedReason: 'scale test' } : {}),
            };
          }),
        )
        .returning({ id: accounts.id });
      const staff = rows.filter((_, k) => (from + k) % 100 === 0);
      await hub.db
        .insert(accountRoles)
        .values(staff.map(({ id }) => ({ accountId: id, role: 'support', grantedAt: new Date(base) })));
    }
  }, 120_000);
  afterAll(async () => {
    await hub.close();
  });

  /** The best of three timings of a request (after one to warm up), and its answer. */
  async function timed(path: string) {
    let best = Number.POSITIVE_INFINITY;
    let body: { accounts: unknown[]; total: number; nextCursor: string | null } | undefined;
    for (let run = 0; run < 4; run++) {
      const started = performance.now();
      const res = await admin.browser.request('GET', path);
      const took = performance.now() - started;
      expect(res.status, path).toBe(200);
      body = res.body;
      if (run > 0) best = Math.min(best, took);
    }
    return { ms: best, body: body! };
  }

  it('answers a page in well under 100 ms, filtered or not, deep in the list or not', async () => {
    const first = await timed('/api/admin/accounts');
    expect(first.body.total).toBe(ACCOUNTS + 1);
    // Five thousand rows in: the cursor is a seek on (created_at, id), not an offset.
    let cursor = first.body.nextCursor;
    for (let page = 0; page < 3 && cursor; page++) {
      cursor = (await admin.browser.request('GET', `/api/admin/accounts?limit=100&cursor=${cursor}`)).body
        .nextCursor;
    }
    const timings: Record<string, number> = { first: first.ms };
    for (const [name, query] of Object.entries({
      deep: `limit=100&cursor=${cursor}`,
      search: 'q=user%20123',
      number: 'q=7000004321',
      locked: 'status=locked',
      unverified: 'status=unverified&limit=100',
      role: 'role=support',
      none: 'membership=none',
      created: `createdFrom=${new Date(hub.clock.now().getTime() - 3 * 24 * 3600_000).toISOString()}`,
    })) {
      const { ms, body } = await timed(`/api/admin/accounts?${query}`);
      expect(body.accounts.length, name).toBeGreaterThan(0);
      timings[name] = ms;
    }
    // Logged for docs/admin-console.md; the assertion is the budget.
    console.info(
      'admin account list timings (ms):',
      JSON.stringify(timings, (_, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)),
    );
    for (const [name, ms] of Object.entries(timings)) expect(ms, name).toBeLessThan(BUDGET_MS);
  }, 60_000);
});
