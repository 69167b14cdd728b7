import type { HttpBrowser } from './http-browser.js';

/** One side of a friendship: a browser signed in at the hub, and its account. */
export interface Befriending {
  browser: HttpBrowser;
  account: { id: string };
}

/**
 * Makes `a` and `b` friends at the hub at `hubUrl` as two people would: `a` sends a friend request, `b` accepts
 * it (`groupId`: the group each files the other in; the default group when absent). Throws with the hub's error
 * code when either step is refused.
 */
export async function befriend(
  hubUrl: string,
  a: Befriending,
  b: Befriending,
  groups: { a?: string; b?: string } = {},
): Promise<void> {
  const sent = await a.browser.json('POST', `${hubUrl}/api/social/requests`, {
    to: b.account.id,
    ...(groups.a ? { groupId: groups.a } : {}),
  });
  if (sent.status !== 201 && sent.status !== 200) {
    throw new Error(`friend request refused: ${sent.status} ${sent.body?.error?.code}`);
  }
  if (sent.body.friend) return;
  const accepted = await b.browser.json(
    'POST',
    `${hubUrl}/api/social/requests/${sent.body.request.id}/accept`,
    groups.b ? { groupId: groups.b } : {},
  );
  if (accepted.status !== 200) {
    throw new Error(`friend request not accepted: ${accepted.status} ${accepted.body?.error?.code}`);
  }
}
