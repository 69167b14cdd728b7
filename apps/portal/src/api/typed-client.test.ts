import { membershipAdminApi, membershipApi } from '@orbit/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hub, hubWith, onStepUpRequired, setCsrfToken } from './client';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Answers each request with the next of `answers`, keeping what was sent. */
function serve(...answers: Response[]) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body,
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`Nothing to answer ${init.method} ${url} with.`);
    return answer;
  });
  return sent;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the typed client of the hub’s declared endpoints', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('fills the path and query from the declaration and answers the body', async () => {
    const sent = serve(json({ entries: [] }));
    await expect(
      hub.call(membershipAdminApi.growthEntries, {
        params: { id: 'a b' },
        query: { kind: 'adjustment', limit: 5 },
      }),
    ).resolves.toEqual({ entries: [] });
    expect(sent).toMatchObject([
      { url: '/api/admin/accounts/a%20b/growth-entries?kind=adjustment&limit=5', method: 'GET' },
    ]);
  });

  it('sends a JSON body with the CSRF token, and the same Idempotency-Key again after a step-up', async () => {
    setCsrfToken('csrf-1');
    const sent = serve(
      json({ error: { code: 'step_up_required', message: 'Confirm with your passkey.' } }, 401),
      json({ subscription: { id: 's1' } }),
    );
    const stop = onStepUpRequired(async () => true);
    try {
      await hubWith({ 'Idempotency-Key': 'attempt-0001' }).call(membershipApi.upgrade, {
        params: { id: 's1' },
        body: { tierId: 'svip', period: 'year' },
      });
    } finally {
      stop();
    }
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request).toMatchObject({
        url: '/api/me/subscriptions/s1/upgrade',
        method: 'POST',
        body: '{"tierId":"svip","period":"year"}',
      });
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'idempotency-key': 'attempt-0001',
        'x-csrf-token': 'csrf-1',
      });
    }
  });

  it('fails with the hub’s error code, as every other call does', async () => {
    serve(
      json(
        { error: { code: 'membership.subscription_ended', message: 'This subscription has ended.' } },
        409,
      ),
    );
    await expect(hub.call(membershipApi.cancel, { params: { id: 's1' } })).rejects.toMatchObject({
      status: 409,
      code: 'membership.subscription_ended',
    });
  });
});
