import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { addDays } from './local-days.js';
import { activeDays } from './schema.js';

const CALLBACK = 'http://localhost:4190/auth/callback';
// Days near the real date: the hub's cookies may not expire more than 400 days after the real clock.
const FIRST = addDays(new Date().toISOString().slice(0, 10), 2);
const day = (n: number) => addDays(FIRST, n);

describe('active days', () => {
  let hub: TestHub;
  /** Moves the test clock to an instant (forwards or back). */
  const at = (iso: string) => hub.clock.advance(Date.parse(iso) - hub.clock.now().getTime());

  async function member(timeZone?: string) {
    const browser = new TestBrowser(hub);
    const signedUp = await browser.signUp();
    expect(signedUp.status, JSON.stringify(signedUp.body)).toBe(201);
    if (timeZone)
      expect((await browser.request('PATCH', '/api/me/preferences', { timeZone })).status).toBe(200);
    return {
      browser,
      id: signedUp.body.account.id as string,
      handle: signedUp.body.account.handle as string,
    };
  }
  const daysOf = async (accountId: string) =>
    (
      await hub.db
        .select({ day: activeDays.day })
        .from(activeDays)
        .where(eq(activeDays.accountId, accountId))
        .orderBy(asc(activeDays.day))
    ).map((r) => r.day);

  /** Signs in to the demo service with the hub session: an authorization request answered with a code. */
  async function signInToDemo(browser: TestBrowser) {
    const query = new URLSearchParams({
      client_id: 'activity-demo',
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const res = await browser.request('GET', `/oidc/authorize?${query}`);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  }

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.clients.create({
      id: 'activity-demo',
      name: 'Demo',
      redirectUris: [CALLBACK],
      scopes: ['openid'],
      firstParty: true,
    });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('counts every sign-in of one local day once, and the next day again', async () => {
    at(`${day(0)}T08:00:00Z`);
    const { browser, id, handle } = await member(); // signing up signs in
    at(`${day(0)}T10:00:00Z`);
    expect((await browser.signIn(handle)).status).toBe(200);
    at(`${day(0)}T23:59:00Z`);
    expect((await browser.signIn(handle)).status).toBe(200);
    expect(await daysOf(id)).toEqual([day(0)]);
    at(`${day(1)}T00:01:00Z`);
    expect((await browser.signIn(handle)).status).toBe(200);
    expect(await daysOf(id)).toEqual([day(0), day(1)]);
    expect(await hub.services.levels.of(id)).toMatchObject({ activeDays: 2, activityLevel: 0 });
  });

  it('reads the day in the account’s time zone', async () => {
    at(`${day(9)}T08:00:00Z`);
    const east = await member('Pacific/Kiritimati'); // 22:00 on the same day there
    const utc = await member();
    at(`${day(9)}T11:00:00Z`); // 01:00 the next day in Kiritimati, still the same day in UTC
    for (const { browser, handle } of [east, utc]) expect((await browser.signIn(handle)).status).toBe(200);
    expect(await daysOf(east.id)).toEqual([day(9), day(10)]);
    expect(await daysOf(utc.id)).toEqual([day(9)]);
  });

  it('counts signing in to a service with the hub session', async () => {
    at(`${day(19)}T12:00:00Z`);
    const { browser, id } = await member();
    at(`${day(20)}T12:00:00Z`); // the hub session is still live: no new sign-in at the hub
    await signInToDemo(browser);
    expect(await daysOf(id)).toEqual([day(19), day(20)]);
  });

  it('writes nothing for the day’s later service sign-ins, and trusts a remembered time zone ten minutes', async () => {
    at(`${day(39)}T12:00:00Z`);
    const { browser, id } = await member();
    const authorize = () => signInToDemo(browser);
    at(`${day(40)}T08:00:00Z`);
    await authorize();
    expect(await daysOf(id)).toEqual([day(39), day(40)]);
    // Remembered: a row removed behind the hub's back is not written again the same day…
    await hub.db.delete(activeDays).where(and(eq(activeDays.accountId, id), eq(activeDays.day, day(40))));
    at(`${day(40)}T08:05:00Z`);
    await authorize();
    expect(await daysOf(id)).toEqual([day(39)]);
    // …but is on the next day.
    at(`${day(41)}T08:00:00Z`);
    await authorize();
    expect(await daysOf(id)).toEqual([day(39), day(41)]);
    // A new time zone (already the next day there) counts once the remembered one is ten minutes old.
    expect(
      (await browser.request('PATCH', '/api/me/preferences', { timeZone: 'Pacific/Kiritimati' })).status,
    ).toBe(200);
    at(`${day(41)}T11:00:00Z`); // 01:00 on day 42 in Kiritimati
    await authorize();
    expect(await daysOf(id)).toEqual([day(39), day(41), day(42)]);
  });

  it('never fails a sign-in when the day cannot be recorded', async () => {
    at(`${day(29)}T12:00:00Z`);
    const { browser, id, handle } = await member();
    // A real database failure on the insert, inside the sign-in's transaction.
    await hub.db.execute(sql`create function membership.refuse_active_day() returns trigger language plpgsql as $$
      begin raise exception 'no active days today'; end; $$`);
    await hub.db.execute(sql`create trigger refuse_active_day before insert on membership.active_days
      for each row execute function membership.refuse_active_day()`);
    try {
      at(`${day(30)}T12:00:00Z`);
      const signedIn = await browser.signIn(handle);
      expect(signedIn.status).toBe(200);
      expect((await browser.request('GET', '/api/me/levels')).status).toBe(200);
    } finally {
      await hub.db.execute(sql`drop trigger refuse_active_day on membership.active_days`);
      await hub.db.execute(sql`drop function membership.refuse_active_day()`);
    }
    expect(await daysOf(id)).toEqual([day(29)]);
  });
});
