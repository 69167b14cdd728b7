import { accountsApi, type Client, privacyApi, socialApi } from '@orbit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser, uniqueHandle } from '../test/client.js';
import { contractClient } from '../test/contracts.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { verifyEmail } from '../test/mail-links.js';

/** A small allowance (the default is 300), so the flood below stays short. */
const PROFILES_PER_WINDOW = 10;

interface Person {
  id: string;
  accountNumber: string;
  handle: string;
  browser: TestBrowser;
  api: Client;
}

describe('the privacy centre and profiles as each viewer may see them', () => {
  let hub: TestHub;
  let ip = 10;

  async function person(name: string, email?: string): Promise<Person> {
    // Each from its own address, so the per-address profile limit of one test doesn't reach another's.
    const browser = new TestBrowser(hub, `198.51.100.${ip++}`);
    const handle = uniqueHandle(name);
    const res = await browser.signUp({
      handle,
      displayName: `${name} ${handle.slice(-4)}`,
      ...(email ? { email } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    if (email) await verifyEmail(hub, email);
    return {
      id: res.body.account.id,
      accountNumber: res.body.account.accountNumber,
      handle,
      browser,
      api: contractClient(browser),
    };
  }

  async function befriend(a: Person, b: Person): Promise<void> {
    const sent = await a.api.call(socialApi.sendRequest, { body: { to: b.id } });
    await b.api.call(socialApi.acceptRequest, { params: { id: sent.request!.id }, body: {} });
  }

  /** The profile of `owner` as `viewer` sees it (a browser without a session: signed out). */
  const profileOf = (viewer: TestBrowser, owner: Person) =>
    viewer.request('GET', `/api/people/${owner.accountNumber}`);

  beforeAll(async () => {
    hub = await startTestHub({ ORBIT_PROFILE_VIEWS_PER_10_MIN: String(PROFILES_PER_WINDOW) });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('keeps birthday, location and gender on the profile, checked, and cleared with null', async () => {
    const me = await person('fields');
    const edited = await me.api.call(accountsApi.updateProfile, {
      body: { birthday: '1990-05-17', location: '  Shenzhen ', gender: 'female' },
    });
    expect(edited.account).toMatchObject({ birthday: '1990-05-17', location: 'Shenzhen', gender: 'female' });
    for (const bad of [
      { birthday: '2999-01-01' },
      { birthday: '1899-12-31' },
      { birthday: '1990-02-30' },
      { birthday: 'yesterday' },
      { gender: 'unknown' },
      { location: 'x'.repeat(61) },
    ]) {
      const res = await me.browser.request('PATCH', '/api/me', bad);
      expect([JSON.stringify(bad), res.status, res.body.error.code]).toEqual([
        JSON.stringify(bad),
        400,
        'request.invalid',
      ]);
    }
    const cleared = await me.api.call(accountsApi.updateProfile, {
      body: { birthday: null, gender: null, location: '' },
    });
    expect(cleared.account).toMatchObject({ birthday: null, location: '', gender: null });
  });

  it('shows each field to whom its owner lets see it: the defaults, then the owner’s choices', async () => {
    const owner = await person('owner', `${uniqueHandle('owner')}@example.org`);
    const [friend, stranger, other] = [
      await person('friend'),
      await person('stranger'),
      await person('other'),
    ];
    const signedOut = new TestBrowser(hub, '198.51.100.250');
    await owner.api.call(accountsApi.updateProfile, {
      body: { bio: 'Hello', birthday: '1988-08-08', location: 'Hangzhou', gender: 'male' },
    });
    await befriend(owner, friend);
    await befriend(owner, other);

    // The defaults: bio, gender and counts for anyone; birthday, location and the friends list for friends; the
    // email for nobody else.
    const asFriend = (await profileOf(friend.browser, owner)).body;
    expect(asFriend).toMatchObject({
      self: false,
      bio: 'Hello',
      gender: 'male',
      birthday: '1988-08-08',
      location: 'Hangzhou',
      counts: { friends: 2 },
      mutualFriends: 0,
    });
    expect(asFriend.relationship.friend).toBe(true);
    expect(asFriend.friends.total).toBe(2);
    expect(asFriend.friends.shown.map((p: { id: string }) => p.id).sort()).toEqual(
      [friend.id, other.id].sort(),
    );
    expect(asFriend).not.toHaveProperty('email');

    const asStranger = (await profileOf(stranger.browser, owner)).body;
    expect(asStranger).toMatchObject({
      bio: 'Hello',
      gender: 'male',
      counts: { friends: 2 },
      requests: 'anyone',
    });
    for (const hidden of ['email', 'birthday', 'location', 'friends'])
      expect(asStranger).not.toHaveProperty(hidden);

    const asNobody = await profileOf(signedOut, owner);
    expect(asNobody.status).toBe(200);
    expect(asNobody.body).toMatchObject({
      relationship: null,
      mutualFriends: null,
      requests: null,
      bio: 'Hello',
    });
    for (const hidden of ['email', 'birthday', 'location', 'friends'])
      expect(asNobody.body).not.toHaveProperty(hidden);

    const asSelf = (await profileOf(owner.browser, owner)).body;
    expect(asSelf).toMatchObject({
      self: true,
      birthday: '1988-08-08',
      location: 'Hangzhou',
      relationship: null,
    });
    expect(asSelf.email).toMatch(/@example\.org$/);

    // The owner's choices: email public, bio only me, the friends list public, counts for friends.
    const privacy = await owner.api.call(privacyApi.updatePrivacy, {
      body: {
        fields: { email: 'public', bio: 'only_me', friendsList: 'public', counts: 'friends' },
        defaultAudience: 'friends',
      },
    });
    expect(privacy).toEqual({
      fields: {
        email: 'public',
        bio: 'only_me',
        birthday: 'friends',
        location: 'friends',
        gender: 'public',
        friendsList: 'public',
        counts: 'friends',
      },
      defaultAudience: 'friends',
    });
    expect(await owner.api.call(privacyApi.privacy)).toEqual(privacy);
    expect(await hub.services.privacy.defaultAudience(owner.id)).toBe('friends');

    const nobodyNow = (await profileOf(signedOut, owner)).body;
    expect(nobodyNow.email).toMatch(/@example\.org$/);
    expect(nobodyNow.friends.total).toBe(2);
    expect(nobodyNow).not.toHaveProperty('bio');
    expect(nobodyNow).not.toHaveProperty('counts');
    expect((await profileOf(friend.browser, owner)).body).not.toHaveProperty('bio');
    expect((await profileOf(friend.browser, owner)).body.counts).toEqual({ friends: 2 });
    expect((await profileOf(owner.browser, owner)).body.bio).toBe('Hello');
  });

  it('shows an unverified address to nobody, even with the email public', async () => {
    const owner = await person('pending');
    await owner.api.call(privacyApi.updatePrivacy, { body: { fields: { email: 'public' } } });
    await owner.browser.request('PATCH', '/api/me', { email: `${uniqueHandle('p')}@example.org` });
    const seen = (await profileOf(new TestBrowser(hub, '198.51.100.251'), owner)).body;
    expect(seen.email).toBeNull();
  });

  it('hides a profile entirely across a block, either way, and from non-friends when the number is unfindable', async () => {
    const [owner, blocked, friend, stranger] = [
      await person('shy'),
      await person('pest'),
      await person('pal'),
      await person('passer'),
    ];
    await befriend(owner, friend);
    await befriend(blocked, friend);
    await owner.api.call(socialApi.block, { params: { id: blocked.id } });

    const one = await profileOf(blocked.browser, owner);
    expect([one.status, one.body.error.code]).toEqual([404, 'social.person_not_found']);
    const other = await profileOf(owner.browser, blocked);
    expect([other.status, other.body.error.code]).toEqual([404, 'social.person_not_found']);
    // In a mutual friend's list, the blocked one doesn't show the other either.
    await friend.api.call(privacyApi.updatePrivacy, { body: { fields: { friendsList: 'public' } } });
    const list = (await profileOf(blocked.browser, friend)).body.friends;
    expect(list.total).toBe(2);
    expect(list.shown.map((p: { id: string }) => p.id)).toEqual([blocked.id]);

    await owner.api.call(socialApi.updateDiscoverability, { body: { findableByAccountNumber: false } });
    expect((await profileOf(stranger.browser, owner)).status).toBe(404);
    expect((await profileOf(new TestBrowser(hub, '198.51.100.252'), owner)).status).toBe(404);
    expect((await profileOf(friend.browser, owner)).status).toBe(200);
    expect((await profileOf(owner.browser, owner)).status).toBe(200);
  });

  it('answers bad input in the one error shape, and limits look-ups per address', async () => {
    const me = await person('strict');
    for (const [method, path, body, status, code] of [
      ['GET', '/api/people/abc', undefined, 404, 'social.person_not_found'],
      ['GET', '/api/people/123', undefined, 404, 'social.person_not_found'],
      ['GET', '/api/people/99999999999', undefined, 404, 'social.person_not_found'],
      ['PATCH', '/api/social/privacy', { fields: { email: 'everyone' } }, 400, 'request.invalid'],
      ['PATCH', '/api/social/privacy', { fields: { shoeSize: 'public' } }, 400, 'request.invalid'],
      ['PATCH', '/api/social/privacy', { defaultAudience: 'groups' }, 400, 'request.invalid'],
    ] as const) {
      const res = await me.browser.request(method, path, body);
      expect([path, res.status, res.body.error.code]).toEqual([path, status, code]);
    }
    const signedOut = new TestBrowser(hub);
    expect((await signedOut.request('GET', '/api/social/privacy')).status).toBe(401);

    const walker = new TestBrowser(hub, '198.51.100.253');
    for (let i = 0; i < PROFILES_PER_WINDOW; i++) {
      expect((await profileOf(walker, me)).status).toBe(200);
    }
    const over = await profileOf(walker, me);
    expect([over.status, over.body.error.code]).toEqual([429, 'social.too_many_searches']);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await profileOf(new TestBrowser(hub, '198.51.100.254'), me)).status).toBe(200);
  });
});
