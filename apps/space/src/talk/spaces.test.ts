import { grantMembership, grantRoles, revokeMembership, ShiftedClock } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpacePerson, type SpacePlatform, startSpacePlatform } from '../test/platform.js';

/**
 * Around a space rather than one post: the visitor log and the footprints a VIP may hide, themes by membership,
 * and reports with the moderators' queue — against a real hub, memberships and roles granted as an admin does.
 */
const clock = new ShiftedClock();
let platform: SpacePlatform;
let hubUrl: string;

beforeAll(async () => {
  platform = await startSpacePlatform({}, clock);
  hubUrl = platform.launched.url;
});

afterAll(async () => {
  await platform?.close();
});

/** New people, signed in at the hub and at Space, one per name. */
const people = <const N extends readonly string[]>(...names: N) =>
  Promise.all(names.map((name) => platform.person(name))) as Promise<{ [K in keyof N]: SpacePerson }>;
const visit = (visitor: SpacePerson, owner: SpacePerson) =>
  visitor.api('POST', `/api/spaces/${owner.account.id}/visits`);
const visitors = async (owner: SpacePerson) =>
  (
    (await owner.api('GET', '/api/visitors')).body.visitors as {
      person: { sub: string };
      visitCount: number;
    }[]
  ).map((v) => [v.person.sub, v.visitCount]);
const block = async (who: SpacePerson, whom: SpacePerson) => {
  expect((await who.browser.json('PUT', `${hubUrl}/api/social/blocks/${whom.account.id}`)).status).toBe(204);
  await platform.launched.hub.services.socialEvents.deliverDue();
};

/** Polls until `check` holds: the hub tells services of membership changes from its job queue. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the visitor log', () => {
  it('records a visit once in ten minutes, never one’s own, and lets the owner remove visitors', async () => {
    const [alice, bob, carol] = await people('Alice', 'Bob', 'Carol');
    expect((await visit(bob, alice)).body).toEqual({ recorded: true });
    expect((await visit(bob, alice)).body).toEqual({ recorded: false });
    expect((await visit(alice, alice)).body).toEqual({ recorded: false });
    expect(await visitors(alice)).toEqual([[bob.account.id, 1]]);
    clock.advance(11 * 60_000);
    expect((await visit(bob, alice)).body).toEqual({ recorded: true });
    expect((await visit(carol, alice)).body).toEqual({ recorded: true });
    expect(await visitors(alice)).toEqual([
      [carol.account.id, 1],
      [bob.account.id, 2],
    ]);
    expect(await visitors(bob)).toEqual([]);

    expect((await alice.api('DELETE', `/api/visitors/${carol.account.id}`)).status).toBe(204);
    expect(await visitors(alice)).toEqual([[bob.account.id, 2]]);
    expect((await alice.api('DELETE', '/api/visitors')).status).toBe(204);
    expect(await visitors(alice)).toEqual([]);
  });

  it('answers 404 to a visitor a block stands between, and to an account that doesn’t exist', async () => {
    const [alice, bob, carol] = await people('Alice', 'Bob', 'Carol');
    await block(alice, bob);
    await block(carol, alice);
    for (const [visitor, owner] of [
      [bob, alice],
      [alice, carol],
    ] as const) {
      const res = await visit(visitor, owner);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('space.not_found');
    }
    const nobody = await alice.api('POST', `/api/spaces/${crypto.randomUUID()}/visits`);
    expect(nobody.status).toBe(404);
    expect(await visitors(alice)).toEqual([]);
  });

  it('leaves no footprint of a VIP, whose tier hides them by default', async () => {
    const [alice, vip] = await people('Alice', 'Vip');
    await grantMembership(platform.launched, vip.account.id, 'vip');
    expect((await visit(vip, alice)).body).toEqual({ recorded: false });
    expect(await visitors(alice)).toEqual([]);
  });
});

describe('themes', () => {
  it('gives everyone the two free themes and refuses the rest with 403 space.theme_locked', async () => {
    const [alice, bob, carol] = await people('Alice', 'Bob', 'Carol');
    const settings = await alice.api('GET', '/api/settings');
    expect(settings.body).toMatchObject({ theme: 'classic', allowed: 2 });
    expect(settings.body.themes.map((t: { available: boolean }) => t.available)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    const locked = await alice.api('PUT', '/api/settings/theme', { theme: 'ocean' });
    expect(locked.status).toBe(403);
    expect(locked.body.error).toMatchObject({ code: 'space.theme_locked', details: { allowed: 2 } });
    expect((await alice.api('PUT', '/api/settings/theme', { theme: 'plaid' })).status).toBe(400);
    expect((await alice.api('PUT', '/api/settings/theme', { theme: 'ink' })).body).toEqual({ theme: 'ink' });

    // The space shows it to whoever may see the space, signed out too, but not across a block.
    expect((await bob.api('GET', `/api/spaces/${alice.account.id}/theme`)).body).toEqual({ theme: 'ink' });
    const signedOut = await fetch(`${platform.space.url}/api/spaces/${alice.account.id}/theme`);
    expect(await signedOut.json()).toEqual({ theme: 'ink' });
    await block(alice, carol);
    expect((await carol.api('GET', `/api/spaces/${alice.account.id}/theme`)).status).toBe(404);
  });

  it('opens six themes to a VIP, and shows classic once the membership ends without rewriting the choice', async () => {
    const [vip, friend] = await people('Vip', 'Friend');
    const membership = await grantMembership(platform.launched, vip.account.id, 'vip');
    expect((await vip.api('GET', '/api/settings')).body.allowed).toBe(6);
    const beyond = await vip.api('PUT', '/api/settings/theme', { theme: 'night' });
    expect(beyond.status).toBe(403);
    expect(beyond.body.error.code).toBe('space.theme_locked');
    expect((await vip.api('PUT', '/api/settings/theme', { theme: 'sunset' })).status).toBe(200);
    expect((await friend.api('GET', `/api/spaces/${vip.account.id}/theme`)).body).toEqual({
      theme: 'sunset',
    });

    await revokeMembership(platform.launched, membership.id);
    await eventually(async () => (await vip.api('GET', '/api/settings')).body.allowed === 2);
    expect((await vip.api('GET', '/api/settings')).body.theme).toBe('classic');
    expect((await friend.api('GET', `/api/spaces/${vip.account.id}/theme`)).body).toEqual({
      theme: 'classic',
    });
    // The choice is kept: a renewed membership shows it again.
    await grantMembership(platform.launched, vip.account.id, 'vip');
    await eventually(async () => (await vip.api('GET', '/api/settings')).body.theme === 'sunset');
  });
});

describe('reports', () => {
  async function moment(author: SpacePerson, text: string, audience: unknown = { type: 'public' }) {
    const created = await author.api('POST', '/api/posts', { kind: 'moment', text, audience });
    expect(created.status).toBe(201);
    return created.body.post.id as string;
  }
  const report = (who: SpacePerson, body: Record<string, unknown>) => who.api('POST', '/api/reports', body);
  const queue = async (moderator: SpacePerson, status = 'open') =>
    (await moderator.api('GET', `/api/admin/reports?status=${status}&limit=50`)).body.reports as {
      id: string;
      targetId: string;
      status: string;
      [key: string]: unknown;
    }[];

  it('takes one report per person and target, from people who can see it', async () => {
    const [alice, bob, carol] = await people('Alice', 'Bob', 'Carol');
    const id = await moment(alice, 'Buy cheap watches');
    const hidden = await moment(alice, 'Only mine', { type: 'only_me' });
    const filed = await report(bob, { targetType: 'post', targetId: id, reason: 'spam', details: 'Ads' });
    expect(filed.status).toBe(201);
    expect(filed.body.report).toMatchObject({ status: 'open' });
    const again = await report(bob, { targetType: 'post', targetId: id, reason: 'other' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('space.already_reported');
    const own = await report(alice, { targetType: 'post', targetId: id, reason: 'spam' });
    expect(own.status).toBe(400);
    expect(own.body.error.code).toBe('space.report_own');
    const unseen = await report(carol, { targetType: 'post', targetId: hidden, reason: 'spam' });
    expect(unseen.status).toBe(404);
    expect(unseen.body.error.code).toBe('space.not_found');
    const badReason = await report(carol, { targetType: 'post', targetId: id, reason: 'boring' });
    expect(badReason.status).toBe(400);
    expect(badReason.body.error.code).toBe('request.invalid');
    const notModerator = await bob.api('GET', '/api/admin/reports');
    expect(notModerator.status).toBe(403);
    expect(notModerator.body.error.code).toBe('role.required');
  });

  it('lets a moderator remove a reported post (closing every report of it) or dismiss a comment’s', async () => {
    const [alice, bob, carol, moderator] = await people('Alice', 'Bob', 'Carol', 'Moderator');
    await grantRoles(platform.launched, moderator.account.id, ['space.moderator']);
    const id = await moment(alice, 'Something hateful');
    const kept = await moment(alice, 'Something fine');
    const remark = await bob.api('POST', `/api/posts/${kept}/comments`, { body: 'A rude remark' });
    expect(remark.status).toBe(201);
    const commentId = remark.body.comment.id as string;
    await bob.api('POST', `/api/posts/${id}/like`);

    for (const who of [bob, carol]) {
      expect((await report(who, { targetType: 'post', targetId: id, reason: 'hate' })).status).toBe(201);
    }
    const onComment = await report(carol, {
      targetType: 'comment',
      targetId: commentId,
      reason: 'harassment',
    });
    expect(onComment.status).toBe(201);

    const open = (await queue(moderator)).filter((r) => [id, commentId].includes(r.targetId));
    expect(open).toHaveLength(3);
    expect(open[0]).toMatchObject({
      targetType: 'post',
      targetId: id,
      targetUrl: `${platform.space.url}/p/${id}`,
      excerpt: 'Something hateful',
      reason: 'hate',
      reporter: { sub: bob.account.id },
      owner: { sub: alice.account.id },
    });
    expect(open[2]).toMatchObject({
      targetUrl: `${platform.space.url}/p/${kept}#comment-${commentId}`,
      excerpt: 'A rude remark',
      owner: { sub: bob.account.id },
    });

    const removed = await moderator.api('POST', `/api/admin/reports/${open[0]?.id}/resolve`, {
      action: 'remove',
    });
    expect(removed.body).toEqual({ closed: 2, status: 'resolved' });
    expect((await alice.api('GET', `/api/posts/${id}`)).status).toBe(404);
    const resolved = (await queue(moderator, 'resolved')).filter((r) => r.targetId === id);
    expect(resolved.map((r) => [r.status, r.targetUrl, (r.resolvedBy as { sub: string }).sub])).toEqual([
      ['resolved', null, moderator.account.id],
      ['resolved', null, moderator.account.id],
    ]);
    const twice = await moderator.api('POST', `/api/admin/reports/${open[0]?.id}/resolve`, {
      action: 'dismiss',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('space.report_closed');

    const dismissed = await moderator.api('POST', `/api/admin/reports/${open[2]?.id}/resolve`, {
      action: 'dismiss',
    });
    expect(dismissed.body).toEqual({ closed: 1, status: 'dismissed' });
    const comments = await alice.api('GET', `/api/posts/${kept}/comments`);
    expect(comments.body.comments.map((c: { id: string }) => c.id)).toEqual([commentId]);
    expect((await queue(moderator)).filter((r) => [id, commentId].includes(r.targetId))).toEqual([]);
    const unknown = await moderator.api('POST', `/api/admin/reports/${crypto.randomUUID()}/resolve`, {
      action: 'dismiss',
    });
    expect(unknown.status).toBe(404);
  });
});
